/**
 * The stack awards process: a reaction that records, in each stack's stream, the enrollments,
 * credentials and revocations of the stack's member programs, so the stack decides, from its own
 * state, when an educator has earned it and when it is revoked.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Actor } from '../context.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { enrollmentEventDecoder } from '../projections/enrollment-events.js'
import { defineReaction, type Reaction } from '../projections/reaction.js'
import type { StackCommand } from '../stack/commands.js'
import type { StackError } from '../stack/errors.js'
import type { StackEvent } from '../stack/events.js'
import { stack as defaultStack, type StackAggregate } from '../stack/index.js'
import type { StackState } from '../stack/state.js'
import type { RecordedEvent } from '../store/recorded-event.js'

/** What the process needs to know of a stack: its id and member programs. */
export interface StackMembership {
  readonly stackId: string
  readonly memberProgramIds: ReadonlyArray<string>
}

/** Options of `stackAwards`. */
export interface StackAwardsOptions {
  /**
   * The stacks to award (their definitions, as `DefineStack` or `StackDefined` carry them). A
   * stack defined later is picked up by a runner of the reaction with it, rebuilt from the first
   * event: what was recorded already is a repeat and appends nothing.
   */
  readonly stacks: ReadonlyArray<StackMembership>
  /**
   * Who the process acts as (default `{ id: 'stack-awards', roles: ['administrator'] }`): it needs
   * the `AwardStack` grant, an administrator other than the educator.
   */
  readonly actor?: Actor
  /** The reaction's name: its checkpoint and the prefix of its command ids (default `stack-awards`). */
  readonly name?: string
  /** The stack aggregate (default `stack`; a district's own authorization table: `stackAggregate`). */
  readonly aggregate?: StackAggregate
}

/** The stack process's reaction. */
export type StackAwards = Reaction<StackCommand, StackEvent, StackState, StackError>

/** The default actor of the process. */
const processActor: Actor = { id: 'stack-awards', roles: ['administrator'] }

/** The enrollment event a recorded event is, or `undefined` (another stream, or unreadable). */
const enrollmentEventOf = (recorded: RecordedEvent): EnrollmentEvent | undefined => {
  const decoded = enrollmentEventDecoder(recorded)
  return E.isRight(decoded) ? decoded.right : undefined
}

/**
 * The commands one event of the log becomes, for stacks sorted by id (so a stack's command keeps
 * its place whatever order the stacks were listed in):
 *
 * - `EducatorEnrolled` in a member program: `RecordMemberEnrollment` to each stack the program
 *   belongs to (a credential's event names only its enrollment; the stack learns whose it is);
 * - `CredentialEarned`: `RecordMemberCredential` to every stack; a stack that recorded no such
 *   enrollment (of a program that is not its member) produces no event;
 * - `CredentialRevoked`: `RecordMemberRevocation` likewise.
 *
 * An enrollment event that does not decode is passed over (the read models stop on it and say
 * where).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { stackCommandsFor } from 'microcred'
 * const metadata = { eventId: 'ev-1', commandId: 'c-1', actorId: 'admin-1', correlationId: 'c-1', causationId: 'c-1', schemaVersion: 1 }
 * const earned = { streamId: 'enrollment-enr-1', version: 40, position: 40, type: 'CredentialEarned', metadata, recordedAt: '2027-05-01T16:00:00Z',
 *   data: { enrollmentId: 'enr-1', at: '2027-05-01T16:00:00Z', credentialId: 'credential-enr-1', hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 } }
 * const stacks = [{ stackId: 'leader', memberProgramIds: ['steam', 'dual-language'] }]
 * assert.deepEqual(stackCommandsFor(stacks, earned), [
 *   { type: 'RecordMemberCredential', data: { stackId: 'leader', enrollmentId: 'enr-1', credentialId: 'credential-enr-1' } },
 * ])
 */
export const stackCommandsFor = (
  stacks: ReadonlyArray<StackMembership>,
  recorded: RecordedEvent,
): ReadonlyArray<StackCommand> => {
  const event = enrollmentEventOf(recorded)
  if (event === undefined) return []
  const sorted = [...stacks].sort((a, b) =>
    a.stackId < b.stackId ? -1 : a.stackId > b.stackId ? 1 : 0,
  )
  switch (event.type) {
    case 'EducatorEnrolled': {
      const { enrollmentId, educator, programId } = event.data
      return sorted
        .filter((s) => s.memberProgramIds.includes(programId))
        .map((s) => ({
          type: 'RecordMemberEnrollment' as const,
          data: { stackId: s.stackId, enrollmentId, educatorId: educator.id, programId },
        }))
    }
    case 'CredentialEarned': {
      const { enrollmentId, credentialId } = event.data
      return sorted.map((s) => ({
        type: 'RecordMemberCredential' as const,
        data: { stackId: s.stackId, enrollmentId, credentialId },
      }))
    }
    case 'CredentialRevoked': {
      const { enrollmentId, credentialId, reason } = event.data
      return sorted.map((s) => ({
        type: 'RecordMemberRevocation' as const,
        data: { stackId: s.stackId, enrollmentId, credentialId, reason },
      }))
    }
    default:
      return []
  }
}

/**
 * The stack awards process: a reaction (run it with `createReactionRunner`) on
 * `EducatorEnrolled`, `CredentialEarned` and `CredentialRevoked`, sending `stackCommandsFor`
 * each to the stack aggregate as an administrator other than the educator. Each command's id is
 * derived from the reaction, the event and the command's place, so a runner that crashed after
 * sending and runs again, or a rebuild, sends only repeats, and nothing is appended twice. The
 * educator is known by the identity rule (`sameIdentity`): `E-1`'s and `e-1`'s credentials make
 * one stack.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { aggregateStream, catalog, createInMemoryEventStore, createReactionRunner, educatorInStack, handleCommand, lausdPolicy,
 *   requirementsOf, stack, stackAwards, stackStreamId } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * await handleCommand(store, stack,
 *   { type: 'DefineStack', data: { stackId: 'leader', title: 'Instructional Leader', description: 'Two micro-credentials.',
 *     memberProgramIds: [catalog.steam.id, catalog.dualLanguage.id],
 *     badge: { name: 'Instructional Leader', description: 'd', criteria: 'c', imageUrl: 'https://achieve.lausd.net/leader.png' } } },
 *   { actor: admin, at: '2026-08-01T16:00:00Z', commandId: 'define-leader' })
 * // Two enrollments of one educator, as an import writes them (their journeys are left out here).
 * const metadata = (eventId: string) => ({ eventId, commandId: eventId, actorId: 'admin-1', correlationId: eventId, causationId: eventId, schemaVersion: 1 })
 * for (const [enrollmentId, program] of [['enr-1', catalog.steam], ['enr-2', catalog.dualLanguage]] as const) {
 *   await store.appendToStream(`enrollment-${enrollmentId}`, [
 *     { type: 'EducatorEnrolled', metadata: metadata(`${enrollmentId}-1`), data: { enrollmentId, at: '2026-09-01T16:00:00Z', cohortId: 'c', programId: program.id, programVersion: 1,
 *       educator: { id: enrollmentId === 'enr-1' ? 'E-1' : 'e-1', name: 'Ana Ruiz', email: 'ana@example.org' },
 *       requirements: requirementsOf(program, lausdPolicy), enrolledBy: 'admin-1' } },
 *     { type: 'CredentialEarned', metadata: metadata(`${enrollmentId}-2`), data: { enrollmentId, at: '2027-05-01T16:00:00Z', credentialId: `credential-${enrollmentId}`,
 *       hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 } },
 *   ], { expectedVersion: 'noStream' })
 * }
 * const runner = createReactionRunner(store, stackAwards({ stacks: [{ stackId: 'leader', memberProgramIds: [catalog.steam.id, catalog.dualLanguage.id] }] }))
 * assert.ok(E.isRight(await runner.catchUp()))
 * assert.deepEqual(runner.refusals(), [])
 * const read = await aggregateStream(store, stack, stackStreamId('leader'))
 * assert.ok(E.isRight(read))
 * assert.equal(educatorInStack(read.right.state, 'e-1')?.status, 'earned')
 * const version = read.right.version
 * assert.ok(E.isRight(await runner.rebuild())) // again from the first event: only repeats
 * assert.equal(await store.streamVersion(stackStreamId('leader')), version)
 */
export const stackAwards = (options: StackAwardsOptions): StackAwards => {
  const stacks = options.stacks.map((s) => ({
    stackId: s.stackId,
    memberProgramIds: [...s.memberProgramIds],
  }))
  return defineReaction({
    name: options.name ?? 'stack-awards',
    on: ['EducatorEnrolled', 'CredentialEarned', 'CredentialRevoked'],
    aggregate: options.aggregate ?? defaultStack,
    actor: options.actor ?? processActor,
    react: (event) => stackCommandsFor(stacks, event),
  })
}
