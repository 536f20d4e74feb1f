/**
 * The cohort closing process: a reaction that ends, as incomplete, the enrollments on the roster
 * of a cohort that closes.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { CohortEvent, CohortEventOf } from '../cohort/events.js'
import { cohortEvents } from '../cohort/index.js'
import type { Actor } from '../context.js'
import type { EnrollmentCommandOf } from '../enrollment/commands.js'
import { enrollment as defaultEnrollment } from '../enrollment/index.js'
import { defineReaction } from '../projections/reaction.js'
import { decodeRecordedEvent } from '../store/decode-recorded-event.js'
import type { RecordedEvent } from '../store/recorded-event.js'
import type { AttendanceHoursOptions, CohortProcessReaction } from './attendance-hours.js'

const decodeCohortEvent = decodeRecordedEvent(cohortEvents)

/** The cohort event a recorded event is, or `undefined` (another stream's, or unreadable). */
const cohortEventOf = (recorded: RecordedEvent): CohortEvent | undefined => {
  if (!recorded.streamId.startsWith('cohort-')) return undefined
  const decoded = decodeCohortEvent(recorded)
  return E.isRight(decoded) ? decoded.right : undefined
}

/**
 * The commands a cohort's closing sends: `ExpireEnrollment` to each enrollment on its roster,
 * with the reason and the cohort.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { expiriesFor } from 'microcred'
 * const closed = { type: 'CohortClosed' as const, data: { cohortId: 'steam-2026', at: '2027-06-12T16:00:00Z',
 *   roster: [{ educatorId: 'e-1', enrollmentId: 'enr-1' }], closedBy: 'admin-1' } }
 * assert.deepEqual(expiriesFor(closed), [
 *   { type: 'ExpireEnrollment', data: { enrollmentId: 'enr-1', cohortId: 'steam-2026',
 *     reason: "cohort 'steam-2026' closed on 2027-06-12T16:00:00Z" } },
 * ])
 */
export const expiriesFor = ({
  data,
}: CohortEventOf<'CohortClosed'>): ReadonlyArray<EnrollmentCommandOf<'ExpireEnrollment'>> =>
  data.roster.map((seat) => ({
    type: 'ExpireEnrollment' as const,
    data: {
      enrollmentId: seat.enrollmentId,
      cohortId: data.cohortId,
      reason: `cohort '${data.cohortId}' closed on ${data.at}`,
    },
  }))

/** Options of `cohortClosingReaction`: its name, aggregate and actor. */
export type CohortClosingOptions = AttendanceHoursOptions

/** The default actor of the closing process: an administrator, as `ExpireEnrollment` needs. */
const closingActor: Actor = { id: 'cohort-closing', roles: ['administrator'] }

/**
 * The cohort closing process with its options: a reaction (run it with `createReactionRunner`)
 * on `CohortClosed` that sends `expiriesFor` it, as an administrator (default
 * `{ id: 'cohort-closing', roles: ['administrator'] }`). An enrollment already earned,
 * withdrawn, revoked or expired refuses its command: the refusal goes to the runner's
 * `refusals()` and `onRefused`, and the process goes on with the next enrollment.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { cohortClosingReaction } from 'microcred'
 * const reaction = cohortClosingReaction({ actor: { id: 'registrar-bot', roles: ['administrator'] } })
 * assert.equal(reaction.name, 'cohort-closing')
 * assert.equal(reaction.actor.id, 'registrar-bot')
 */
export const cohortClosingReaction = (options: CohortClosingOptions = {}): CohortProcessReaction =>
  defineReaction({
    name: options.name ?? 'cohort-closing',
    on: ['CohortClosed'],
    aggregate: options.aggregate ?? defaultEnrollment,
    actor: options.actor ?? closingActor,
    react: (recorded) => {
      const event = cohortEventOf(recorded)
      return event?.type === 'CohortClosed' ? expiriesFor(event) : []
    },
  })

/**
 * The cohort closing process with its defaults.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { aggregateStream, catalog, cohort, cohortClosing, createInMemoryEventStore, createReactionRunner, enrollment, handleCommand } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const context = (at: string, commandId: string) => ({ actor: admin, at, commandId })
 * for (const id of ['1', '2']) {
 *   const educator = { id: `e-${id}`, name: 'Ana Ruiz', email: 'ana@example.org' }
 *   await handleCommand(store, enrollment, { type: 'Enroll', data: { enrollmentId: `enr-${id}`, cohortId: 'steam-2026', program: catalog.steam, educator } }, context('2026-08-01T16:00:00Z', `enroll-${id}`))
 * }
 * await handleCommand(store, cohort, { type: 'ScheduleCohort', data: { cohortId: 'steam-2026', programId: 'steam', programVersion: catalog.steam.version,
 *   schoolYear: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-06-11', capacity: 30, facilitators: ['fac-1'] } }, context('2026-08-01T16:00:00Z', 'schedule'))
 * for (const id of ['1', '2']) {
 *   await handleCommand(store, cohort, { type: 'AdmitEducator', data: { cohortId: 'steam-2026', enrollmentId: `enr-${id}`,
 *     educator: { id: `e-${id}`, name: 'Ana Ruiz', email: 'ana@example.org' } } }, context('2026-08-02T16:00:00Z', `admit-${id}`))
 * }
 * await handleCommand(store, enrollment, { type: 'Withdraw', data: { enrollmentId: 'enr-2', reason: 'Moved schools' } }, context('2026-10-01T16:00:00Z', 'withdraw-2'))
 * await handleCommand(store, cohort, { type: 'CloseCohort', data: { cohortId: 'steam-2026' } }, context('2027-06-12T16:00:00Z', 'close'))
 *
 * const runner = createReactionRunner(store, cohortClosing)
 * assert.ok(E.isRight(await runner.catchUp()))
 * const first = await aggregateStream(store, enrollment, 'enrollment-enr-1')
 * assert.ok(E.isRight(first))
 * assert.equal(first.right.state.status, 'incomplete')
 * assert.equal(runner.refusals().length, 1) // enr-2 was withdrawn already: refused, and the process went on
 * assert.equal(runner.refusals()[0]?.command.data.enrollmentId, 'enr-2')
 */
export const cohortClosing: CohortProcessReaction = cohortClosingReaction()
