/**
 * The attendance hours process: a reaction that turns each attendance record of a cohort into
 * face-to-face hours on each attendee's enrollment.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { CohortEvent, CohortEventOf } from '../cohort/events.js'
import { cohortEvents } from '../cohort/index.js'
import type { Actor } from '../context.js'
import type { AcrossStreamsError } from '../enrollment/across-streams.js'
import type { DomainError } from '../errors.js'
import type { EnrollmentCommand, EnrollmentCommandOf } from '../enrollment/commands.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { enrollment as defaultEnrollment, type EnrollmentDecider } from '../enrollment/index.js'
import type { EnrollmentState } from '../enrollment/state.js'
import { defineReaction, type Reaction } from '../projections/reaction.js'
import { decodeRecordedEvent } from '../store/decode-recorded-event.js'
import type { RecordedEvent } from '../store/recorded-event.js'

const cohortStreamPrefix = 'cohort-'
const decodeCohortEvent = decodeRecordedEvent(cohortEvents)

/**
 * The cohort event a recorded event is, or `undefined` for another stream's. A cohort event that
 * does not decode is passed over, as the stack process does (the read models stop on it and say
 * where).
 */
const cohortEventOf = (recorded: RecordedEvent): CohortEvent | undefined => {
  if (!recorded.streamId.startsWith(cohortStreamPrefix)) return undefined
  const decoded = decodeCohortEvent(recorded)
  return E.isRight(decoded) ? decoded.right : undefined
}

/**
 * The hours one attendance record is worth: a `RecordHours` of the session's hours, face to
 * face, for the session's module, on each attendee's enrollment, naming the session. The
 * enrollment caps what it credits at what the module still needs.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { attendanceHoursFor } from 'microcred'
 * const recorded = { type: 'AttendanceRecorded' as const, data: {
 *   cohortId: 'steam-2026', at: '2026-09-14T23:00:00Z', sessionId: 's-1', moduleId: 'steam-fa-1', date: '2026-09-14', hours: 3,
 *   attendees: [{ educatorId: 'e-1', enrollmentId: 'enr-1' }], recordedBy: 'fac-1' } }
 * assert.deepEqual(attendanceHoursFor(recorded), [
 *   { type: 'RecordHours', data: { enrollmentId: 'enr-1', moduleId: 'steam-fa-1', mode: 'faceToFace', hours: 3, sessionId: 's-1' } },
 * ])
 */
export const attendanceHoursFor = ({
  data,
}: CohortEventOf<'AttendanceRecorded'>): ReadonlyArray<EnrollmentCommandOf<'RecordHours'>> =>
  data.attendees.map((attendee) => ({
    type: 'RecordHours' as const,
    data: {
      enrollmentId: attendee.enrollmentId,
      moduleId: data.moduleId,
      mode: 'faceToFace' as const,
      hours: data.hours,
      sessionId: data.sessionId,
    },
  }))

/** Options of `attendanceHoursReaction`. */
export interface AttendanceHoursOptions {
  /**
   * Who the process acts as (default `{ id: 'cohort-attendance', roles: ['facilitator'] }`): it
   * needs the `RecordFaceToFaceHours` grant. The facilitator who attested the attendance is in
   * the cohort's `AttendanceRecorded` (`recordedBy`), which the hours name by `sessionId`.
   */
  readonly actor?: Actor
  /** The reaction's name: its checkpoint and the prefix of its command ids (default `attendance-hours`). */
  readonly name?: string
  /** The enrollment aggregate (default `enrollment`; a district's own: `enrollmentDecider`). */
  readonly aggregate?: EnrollmentDecider
}

/** A reaction of the cohort processes: it sends commands to enrollments. */
export type CohortProcessReaction = Reaction<
  EnrollmentCommand,
  EnrollmentEvent,
  EnrollmentState,
  DomainError,
  AcrossStreamsError
>

/**
 * The attendance hours process with its options: a reaction (run it with
 * `createReactionRunner`) on `AttendanceRecorded` that sends `attendanceHoursFor` each record.
 * The commands are sent at the record's time (when the facilitator attested it: on or after the
 * session's day, within the cohort's dates) with ids derived from the event, so a re-run, after
 * a crash or a rebuild, appends nothing twice.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { attendanceHoursReaction } from 'microcred'
 * const reaction = attendanceHoursReaction({ name: 'attendance-hours-west' })
 * assert.equal(reaction.name, 'attendance-hours-west')
 * assert.deepEqual(reaction.on, ['AttendanceRecorded'])
 */
export const attendanceHoursReaction = (
  options: AttendanceHoursOptions = {},
): CohortProcessReaction =>
  defineReaction({
    name: options.name ?? 'attendance-hours',
    on: ['AttendanceRecorded'],
    aggregate: options.aggregate ?? defaultEnrollment,
    actor: options.actor ?? { id: 'cohort-attendance', roles: ['facilitator'] },
    react: (recorded) => {
      const event = cohortEventOf(recorded)
      return event?.type === 'AttendanceRecorded' ? attendanceHoursFor(event) : []
    },
  })

/**
 * The attendance hours process, with its defaults: each attendee of an attendance record is
 * credited the session's hours on their enrollment, once.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { attendanceHours, catalog, cohort, createReactionRunner, createInMemoryEventStore, enrollment, handleCommand, progress, aggregateStream } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const facilitator = { id: 'fac-1', roles: ['facilitator' as const] }
 * const educator = { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
 * const ok = async (result: Promise<E.Either<unknown, unknown>>) => assert.ok(E.isRight(await result))
 * const at = (actor: typeof admin | typeof facilitator, time: string, commandId: string) => ({ actor, at: time, commandId })
 * await ok(handleCommand(store, enrollment, { type: 'Enroll', data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam, educator } },
 *   at(admin, '2026-08-01T16:00:00Z', 'c-1')))
 * await ok(handleCommand(store, cohort, { type: 'ScheduleCohort', data: { cohortId: 'steam-2026', programId: 'steam', programVersion: catalog.steam.version,
 *   schoolYear: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-06-11', capacity: 30, facilitators: ['fac-1'] } }, at(admin, '2026-08-01T16:00:00Z', 'c-2')))
 * await ok(handleCommand(store, cohort, { type: 'AdmitEducator', data: { cohortId: 'steam-2026', enrollmentId: 'enr-1', educator } },
 *   at(admin, '2026-08-02T16:00:00Z', 'c-3')))
 * await ok(handleCommand(store, cohort, { type: 'ScheduleSession', data: { cohortId: 'steam-2026', sessionId: 's-1', moduleId: 'steam-fa-1', date: '2026-09-14', hours: 3 } },
 *   at(facilitator, '2026-08-03T16:00:00Z', 'c-4')))
 * await ok(handleCommand(store, cohort, { type: 'RecordAttendance', data: { cohortId: 'steam-2026', sessionId: 's-1', attendees: ['e-1'] } },
 *   at(facilitator, '2026-09-14T23:00:00Z', 'c-5')))
 *
 * const runner = createReactionRunner(store, attendanceHours)
 * assert.ok(E.isRight(await runner.catchUp()))
 * assert.ok(E.isRight(await runner.rebuild())) // again from the start: nothing twice
 * const read = await aggregateStream(store, enrollment, 'enrollment-enr-1')
 * assert.ok(E.isRight(read))
 * assert.equal(progress(read.right.state).hours.credited.faceToFace, 3)
 */
export const attendanceHours: CohortProcessReaction = attendanceHoursReaction()
