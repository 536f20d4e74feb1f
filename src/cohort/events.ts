/**
 * The events of a cohort, in the past tense, and of staff assignments. Each is a `{ type, data }`
 * codec; `CohortEvent` decodes any cohort event by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import {
  Id,
  IsoDateTime,
  list,
  message,
  PositiveInteger,
  PositiveNumber,
  taggedUnion,
} from '../codec.js'
import { CalendarDate } from './dates.js'
import { CohortCapacity, cohortLimits, SchoolYear, StaffRole, StaffScope } from './commands.js'

/** The data of a cohort event: the cohort's id, when, and `props`. */
const fact = <P extends t.Props>(props: P) => t.type({ cohortId: Id, at: IsoDateTime, ...props })

/**
 * A module of the cohort's program as the cohort pins it: its id and the face-to-face hours it
 * requires.
 */
const CohortModule = t.type({ moduleId: Id, faceToFace: t.number }, 'CohortModule')

/**
 * An educator's place in a cohort: who (their id) and the enrollment they hold.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Seat } from 'microcred'
 * assert.equal(Seat.is({ educatorId: 'e-1', enrollmentId: 'enr-1' }), true)
 * assert.equal(Seat.is({ educatorId: 'e-1' }), false)
 */
export const Seat = t.type({ educatorId: Id, enrollmentId: Id }, 'Seat')
/** An educator's place in a cohort. */
export type Seat = t.TypeOf<typeof Seat>

/**
 * A cohort was scheduled; it pins its program's modules (with their face-to-face hours), so the
 * stream folds and decides on its own.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CohortScheduled } from 'microcred'
 * const scheduled = {
 *   type: 'CohortScheduled',
 *   data: {
 *     cohortId: 'steam-2026', at: '2026-08-01T16:00:00Z', programId: 'steam', programVersion: 1,
 *     schoolYear: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-06-11', capacity: 30,
 *     facilitators: ['fac-1'], modules: [{ moduleId: 'steam-fa-1', faceToFace: 6 }], scheduledBy: 'admin-1',
 *   },
 * }
 * assert.equal(CohortScheduled.is(scheduled), true)
 * assert.equal(CohortScheduled.is({ ...scheduled, data: { ...scheduled.data, startsOn: 'September' } }), false)
 */
export const CohortScheduled = message(
  'CohortScheduled',
  fact({
    programId: Id,
    programVersion: PositiveInteger,
    schoolYear: SchoolYear,
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    capacity: CohortCapacity,
    facilitators: list(Id, cohortLimits.facilitators),
    modules: list(CohortModule, 1_000),
    scheduledBy: Id,
  }),
)

/**
 * An educator took a seat on the roster.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EducatorAdmitted } from 'microcred'
 * const admitted = { type: 'EducatorAdmitted', data: { cohortId: 'steam-2026', at: '2026-08-02T16:00:00Z', educatorId: 'e-1', enrollmentId: 'enr-1', admittedBy: 'admin-1' } }
 * assert.equal(EducatorAdmitted.is(admitted), true)
 */
export const EducatorAdmitted = message(
  'EducatorAdmitted',
  fact({ educatorId: Id, enrollmentId: Id, admittedBy: Id }),
)

/**
 * Every seat was taken: the educator joined the end of the waitlist.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EducatorWaitlisted } from 'microcred'
 * const waitlisted = { type: 'EducatorWaitlisted', data: { cohortId: 'steam-2026', at: '2026-08-02T16:00:00Z', educatorId: 'e-9', enrollmentId: 'enr-9', waitlistedBy: 'admin-1' } }
 * assert.equal(EducatorWaitlisted.is(waitlisted), true)
 */
export const EducatorWaitlisted = message(
  'EducatorWaitlisted',
  fact({ educatorId: Id, enrollmentId: Id, waitlistedBy: Id }),
)

/**
 * An educator gave up their place: a seat on the roster (`from: 'roster'`) or a place on the
 * waitlist (`from: 'waitlist'`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SeatReleased } from 'microcred'
 * const released = { type: 'SeatReleased', data: { cohortId: 'steam-2026', at: '2026-10-02T16:00:00Z', educatorId: 'e-1', enrollmentId: 'enr-1', from: 'roster', releasedBy: 'e-1' } }
 * assert.equal(SeatReleased.is(released), true)
 * assert.equal(SeatReleased.is({ ...released, data: { ...released.data, from: 'bench' } }), false)
 */
export const SeatReleased = message(
  'SeatReleased',
  fact({
    educatorId: Id,
    enrollmentId: Id,
    from: t.keyof({ roster: null, waitlist: null }),
    releasedBy: Id,
  }),
)

/**
 * The first of the waitlist took the seat a release freed: the consequence of `SeatReleased`
 * from the roster, in the same decision.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { AdmittedFromWaitlist } from 'microcred'
 * const admitted = { type: 'AdmittedFromWaitlist', data: { cohortId: 'steam-2026', at: '2026-10-02T16:00:00Z', educatorId: 'e-9', enrollmentId: 'enr-9' } }
 * assert.equal(AdmittedFromWaitlist.is(admitted), true)
 */
export const AdmittedFromWaitlist = message(
  'AdmittedFromWaitlist',
  fact({ educatorId: Id, enrollmentId: Id }),
)

/**
 * A face-to-face session of a module was scheduled.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SessionScheduled } from 'microcred'
 * const scheduled = { type: 'SessionScheduled', data: { cohortId: 'steam-2026', at: '2026-08-03T16:00:00Z', sessionId: 's-1', moduleId: 'steam-fa-1', date: '2026-09-14', hours: 3, scheduledBy: 'fac-1' } }
 * assert.equal(SessionScheduled.is(scheduled), true)
 */
export const SessionScheduled = message(
  'SessionScheduled',
  fact({ sessionId: Id, moduleId: Id, date: CalendarDate, hours: PositiveNumber, scheduledBy: Id }),
)

/**
 * A facilitator of the cohort attested who attended a session: each attendee with the
 * enrollment their hours go to, credited once (an attendee already recorded for the session is
 * not in a later record). It carries the session's module, day and hours, so the
 * `attendanceHours` reaction needs nothing else.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { AttendanceRecorded } from 'microcred'
 * const recorded = {
 *   type: 'AttendanceRecorded',
 *   data: {
 *     cohortId: 'steam-2026', at: '2026-09-14T23:00:00Z', sessionId: 's-1', moduleId: 'steam-fa-1',
 *     date: '2026-09-14', hours: 3, attendees: [{ educatorId: 'e-1', enrollmentId: 'enr-1' }], recordedBy: 'fac-1',
 *   },
 * }
 * assert.equal(AttendanceRecorded.is(recorded), true)
 */
export const AttendanceRecorded = message(
  'AttendanceRecorded',
  fact({
    sessionId: Id,
    moduleId: Id,
    date: CalendarDate,
    hours: PositiveNumber,
    attendees: list(Seat, cohortLimits.capacity),
    recordedBy: Id,
  }),
)

/**
 * The cohort closed; `roster` is who held a seat then (the `cohortClosing` reaction ends their
 * enrollments).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CohortClosed } from 'microcred'
 * const closed = { type: 'CohortClosed', data: { cohortId: 'steam-2026', at: '2027-06-12T16:00:00Z', roster: [{ educatorId: 'e-1', enrollmentId: 'enr-1' }], closedBy: 'admin-1' } }
 * assert.equal(CohortClosed.is(closed), true)
 */
export const CohortClosed = message(
  'CohortClosed',
  fact({ roster: list(Seat, cohortLimits.capacity), closedBy: Id }),
)

/** The data of a staff event: the assignment, when, and who made it (`props`). */
const staffFact = <P extends t.Props>(props: P) =>
  t.type({ scope: StaffScope, staffId: Id, role: StaffRole, at: IsoDateTime, ...props })

/**
 * A person was assigned to a cohort or a program as a facilitator or an assessor.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StaffAssigned } from 'microcred'
 * const assigned = { type: 'StaffAssigned', data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor', assignedBy: 'admin-1', at: '2026-08-01T16:00:00Z' } }
 * assert.equal(StaffAssigned.is(assigned), true)
 */
export const StaffAssigned = message('StaffAssigned', staffFact({ assignedBy: Id }))

/**
 * A staff assignment was removed.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StaffUnassigned } from 'microcred'
 * const removed = { type: 'StaffUnassigned', data: { scope: { cohortId: 'steam-2026' }, staffId: 'fac-1', role: 'facilitator', unassignedBy: 'admin-1', at: '2026-08-01T16:00:00Z' } }
 * assert.equal(StaffUnassigned.is(removed), true)
 */
export const StaffUnassigned = message('StaffUnassigned', staffFact({ unassignedBy: Id }))

const staffEvents = { StaffAssigned, StaffUnassigned }

/**
 * A staff event, decoded by `type` (deeply frozen).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StaffEvent } from 'microcred'
 * assert.equal(StaffEvent.is({ type: 'StaffUnassigned', data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor', unassignedBy: 'admin-1', at: '2026-08-01T16:00:00Z' } }), true)
 */
export const StaffEvent = taggedUnion('StaffEvent', staffEvents, { frozen: true })
/** A staff event. */
export type StaffEvent = t.TypeOf<typeof StaffEvent>

/**
 * Any cohort event, decoded by `type` (deeply frozen): the cohort's own and the assignments to
 * it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { CohortEvent } from 'microcred'
 * assert.ok(E.isRight(CohortEvent.decode({ type: 'CohortClosed', data: { cohortId: 'c', at: '2027-06-12T16:00:00Z', roster: [], closedBy: 'admin-1' } })))
 * assert.ok(E.isLeft(CohortEvent.decode({ type: 'CohortClosed', data: { cohortId: 'c' } })))
 */
export const CohortEvent = taggedUnion(
  'CohortEvent',
  {
    CohortScheduled,
    EducatorAdmitted,
    EducatorWaitlisted,
    SeatReleased,
    AdmittedFromWaitlist,
    SessionScheduled,
    AttendanceRecorded,
    CohortClosed,
    ...staffEvents,
  },
  { frozen: true },
)
/** Any cohort event. */
export type CohortEvent = t.TypeOf<typeof CohortEvent>
/** The cohort event of one `type`. */
export type CohortEventOf<K extends CohortEvent['type']> = Extract<CohortEvent, { type: K }>
