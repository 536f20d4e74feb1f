/**
 * Enrollment in a published program only: a guarded command that reads the program's lifecycle
 * stream first and sends `Enroll` with the exact program of a published, unretired version, so
 * the `EducatorEnrolled` pins that version. `Enroll` with a program in hand stays as it is; this
 * is the way in for a district that runs the program lifecycle.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { exact, Id, PositiveInteger } from '../codec.js'
import type { CommandContext } from '../context.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { enrollment as defaultEnrollment, type EnrollmentDecider } from '../enrollment/index.js'
import { Educator } from '../enrollment/shared.js'
import type { EnrollmentState } from '../enrollment/state.js'
import { enrollmentStreamId } from '../enrollment/stream.js'
import type { AcrossStreamsError } from '../enrollment/across-streams.js'
import type { DomainError } from '../errors.js'
import { invalidCommand } from '../errors.js'
import {
  programLifecycle as defaultLifecycle,
  type ProgramLifecycleDecider,
} from '../lifecycle/index.js'
import { programNotPublished, programVersion, publishedVersion } from '../lifecycle/queries.js'
import { programStreamId } from '../lifecycle/stream.js'
import type { Program } from '../program/program.js'
import { aggregateStream } from '../store/aggregate-stream.js'
import {
  handleCommand,
  type HandleCommandError,
  type HandleCommandOptions,
  type HandledCommand,
} from '../store/handler.js'
import type { EventStore } from '../store/event-store.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What to enroll: the enrollment, the educator, the cohort, the program, and optionally the
 * version (without one, the latest published version). Exact: an unknown field is refused.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EnrollInPublishedProgramRequest } from 'microcred'
 * const request = {
 *   enrollmentId: 'enr-1', cohortId: 'steam-2026', programId: 'steam', programVersion: 2,
 *   educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 * }
 * assert.equal(EnrollInPublishedProgramRequest.is(request), true)
 * assert.equal(EnrollInPublishedProgramRequest.is({ ...request, programVersion: 0 }), false)
 * assert.equal(EnrollInPublishedProgramRequest.is({ ...request, program: {} }), false) // no program in hand
 */
export const EnrollInPublishedProgramRequest = exact(
  { enrollmentId: Id, educator: Educator, cohortId: Id, programId: Id },
  { programVersion: PositiveInteger },
  'EnrollInPublishedProgramRequest',
)
/** What to enroll in a published program. */
export type EnrollInPublishedProgramRequest = t.TypeOf<typeof EnrollInPublishedProgramRequest>

/** Options of `enrollInPublishedProgram`: the handler's, and the deciders to use. */
export interface EnrollInPublishedProgramOptions extends HandleCommandOptions {
  /** The enrollment decider (default: `enrollment`, under Los Angeles Unified's policy). */
  readonly enrollment?: EnrollmentDecider
  /** The lifecycle decider the program's stream is read with (default: `programLifecycle`). */
  readonly lifecycle?: ProgramLifecycleDecider
}

/**
 * An enrollment made in a published version: what `handleCommand` answers, and the version of
 * the program's stream the publication was read at (`lifecycleVersion`), for an audit of the
 * race with a retirement (see `enrollInPublishedProgram`).
 */
export interface EnrolledInPublishedProgram extends HandledCommand<
  EnrollmentEvent,
  EnrollmentState
> {
  readonly lifecycleVersion: number
}

/** Why nobody was enrolled: the request, the program's stream, the publication, or `Enroll`. */
export type EnrollInPublishedProgramError = HandleCommandError<DomainError | AcrossStreamsError>

// -------------------------------------------------------------------------------------
// the process
// -------------------------------------------------------------------------------------

/**
 * The program an `Enroll` already in the enrollment's stream was sent with, if it came this way:
 * the version it pins, read from the lifecycle (a version's program never changes once
 * approved). Sending that same program again lets `handleCommand` answer a repeated `commandId`
 * with what it did the first time, even after the version was retired.
 */
const pinnedProgram = async (
  store: EventStore,
  decider: EnrollmentDecider,
  request: EnrollInPublishedProgramRequest,
  lifecycle: Parameters<typeof programVersion>[0],
): Promise<E.Either<EnrollInPublishedProgramError, Program | undefined>> => {
  const existing = await aggregateStream(store, decider, enrollmentStreamId(request.enrollmentId))
  if (E.isLeft(existing)) return existing
  const state = existing.right.state
  if (state.status === 'notEnrolled' || state.programId !== request.programId) {
    return E.right(undefined)
  }
  if (request.programVersion !== undefined && request.programVersion !== state.programVersion) {
    return E.right(undefined)
  }
  const pinned = programVersion(lifecycle, state.programVersion)
  return E.right(
    pinned?.status === 'approved' || pinned?.status === 'published' || pinned?.status === 'retired'
      ? pinned.program
      : undefined,
  )
}

/**
 * Enrolls an educator in a published version of a program: reads the program's lifecycle stream
 * (`program-<programId>`), refuses with a `ProgramNotPublished` (naming the program, the version
 * and its status) unless the version asked (or, without one, the latest published version) is
 * published and neither it nor the program is retired, and otherwise sends `Enroll` with that
 * exact published program through `handleCommand`, so the `EducatorEnrolled` pins its
 * `programId` and `programVersion`. The request is decoded first (hostile input is an
 * `InvalidCommand`, and nothing is read or written); everything `Enroll` checks it still checks.
 *
 * A repeated `commandId` is answered as `handleCommand` answers it, even once the version was
 * retired: if the enrollment already exists, pinned to a version of this program, that
 * version's program is sent again, so the repeat is recognised (a different command is refused,
 * as `AlreadyEnrolled` or `CommandIdReused`).
 *
 * The race, honestly: the program's stream and the enrollment's are two streams, and a store
 * appends to one stream at a time. A `RetireProgram` appended after this reads the program's
 * stream and before it appends the enrollment is not seen: the enrollment is made in a version
 * that was published when it was read, and retired a moment later. Every enrollment made here
 * was in a version published at `lifecycleVersion` of the program's stream, which the answer
 * carries; a district that must close the door exactly at retirement reads the enrollments
 * made after the retirement's time and withdraws them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, createInMemoryEventStore, enrollInPublishedProgram, handleCommand, programLifecycle, type Actor, type ProgramLifecycleCommand } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin: Actor = { id: 'admin-1', roles: ['administrator'] }
 * const approver: Actor = { id: 'approver-1', roles: ['approver'] }
 * let n = 0
 * const send = (command: ProgramLifecycleCommand, actor: Actor) =>
 *   handleCommand(store, programLifecycle, command, { actor, at: `2026-06-0${++n}T16:00:00Z`, commandId: `p-${n}` })
 * const v1 = { programId: 'steam', version: 1 }
 * await send({ type: 'DraftProgram', data: { programId: 'steam', program: catalog.steam } }, admin)
 * const request = {
 *   enrollmentId: 'enr-1', cohortId: 'steam-2026', programId: 'steam',
 *   educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 * }
 * const context = { actor: admin, at: '2026-09-01T16:00:00Z', commandId: 'enroll-1' }
 * const early = await enrollInPublishedProgram(store, request, context)
 * assert.ok(E.isLeft(early) && early.left._tag === 'ProgramNotPublished')
 * assert.equal(early.left.message, "program 'steam' has no published version: its latest, version 1, is draft; publish an approved version to enroll educators")
 * await send({ type: 'SubmitProgramForReview', data: v1 }, admin)
 * await send({ type: 'ApproveProgram', data: v1 }, approver)
 * await send({ type: 'PublishProgram', data: v1 }, admin)
 * const enrolled = await enrollInPublishedProgram(store, request, context)
 * assert.ok(E.isRight(enrolled))
 * const event = enrolled.right.events[0]
 * assert.ok(event?.type === 'EducatorEnrolled')
 * assert.equal(event.data.programId, 'steam')
 * assert.equal(event.data.programVersion, 1)
 * assert.equal(enrolled.right.lifecycleVersion, 4)
 */
export const enrollInPublishedProgram = async (
  store: EventStore,
  request: EnrollInPublishedProgramRequest,
  context: CommandContext,
  options: EnrollInPublishedProgramOptions = {},
): Promise<E.Either<EnrollInPublishedProgramError, EnrolledInPublishedProgram>> => {
  const decoded = EnrollInPublishedProgramRequest.decode(request)
  if (E.isLeft(decoded)) return E.left(invalidCommand('enrollment request', decoded.left))
  const wanted = decoded.right
  const { enrollment: enrollmentOption, lifecycle: lifecycleOption, ...handling } = options
  const decider = enrollmentOption ?? defaultEnrollment
  const read = await aggregateStream(
    store,
    lifecycleOption ?? defaultLifecycle,
    programStreamId(wanted.programId),
  )
  if (E.isLeft(read)) return read
  const { state, version: lifecycleVersion } = read.right
  const pinned = await pinnedProgram(store, decider, wanted, state)
  if (E.isLeft(pinned)) return pinned
  let program = pinned.right
  if (program === undefined) {
    if (state.status === 'notDrafted') {
      return E.left(programNotPublished(wanted.programId, wanted.programVersion ?? null, 'unknown'))
    }
    const published = publishedVersion(state, wanted.programVersion)
    if (E.isLeft(published)) return published
    program = published.right
  }
  const handled = await handleCommand(
    store,
    decider,
    {
      type: 'Enroll',
      data: {
        enrollmentId: wanted.enrollmentId,
        educator: wanted.educator,
        cohortId: wanted.cohortId,
        program,
      },
    },
    context,
    handling,
  )
  return E.isLeft(handled) ? handled : E.right({ ...handled.right, lifecycleVersion })
}
