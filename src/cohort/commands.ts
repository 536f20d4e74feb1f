/**
 * The commands of a cohort, in the imperative, and the staff assignments of a cohort or a
 * program. Each is an exact `{ type, data }` codec; `CohortCommand` decodes any cohort command by
 * its `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { decodedOnce, exact, Id, list, PositiveNumber, refine, taggedUnion } from '../codec.js'
import { Educator } from '../enrollment/shared.js'
import { PositiveInteger } from '../codec.js'
import { CalendarDate } from './dates.js'

/**
 * The most seats a cohort has (so the most attendees one attendance record names), and the most
 * facilitators listed when it is scheduled.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { cohortLimits } from 'microcred'
 * assert.deepEqual(cohortLimits, { capacity: 5_000, facilitators: 50 })
 */
export const cohortLimits = {
  /** The most seats of one cohort. */
  capacity: 5_000,
  /** The most facilitators listed when a cohort is scheduled. */
  facilitators: 50,
} as const

/** A command `{ type, data }`: exact, like its data, so nothing unknown reaches an event. */
const message = <K extends string, D extends t.Mixed>(type: K, data: D) =>
  exact({ type: t.literal(type), data }, undefined, type)

/** The data of a command on a cohort: its id, `props`, optionally `optional`, nothing else. */
const on = <P extends t.Props, O extends t.Props = Record<never, never>>(props: P, optional?: O) =>
  exact({ cohortId: Id, ...props }, optional)

/**
 * A school year such as `2026-2027`: two consecutive years.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SchoolYear } from 'microcred'
 * assert.equal(SchoolYear.is('2026-2027'), true)
 * assert.equal(SchoolYear.is('2026-2028'), false)
 */
export const SchoolYear = refine(
  t.string,
  (s) => /^\d{4}-\d{4}$/.test(s) && Number(s.slice(5)) === Number(s.slice(0, 4)) + 1,
  'a school year (2026-2027)',
)

/**
 * How many seats a cohort has: a whole number from 1 to 5,000.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CohortCapacity } from 'microcred'
 * assert.equal(CohortCapacity.is(30), true)
 * assert.equal(CohortCapacity.is(0), false)
 */
export const CohortCapacity = refine(
  PositiveInteger,
  (n) => n <= cohortLimits.capacity,
  `a whole number of seats from 1 to ${cohortLimits.capacity}`,
)

/**
 * Schedule a cohort of a published program version over a school year, with its seats and its
 * facilitators (who count as assigned to it).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ScheduleCohort } from 'microcred'
 * const schedule = {
 *   type: 'ScheduleCohort',
 *   data: {
 *     cohortId: 'steam-2026', programId: 'steam', programVersion: 1, schoolYear: '2026-2027',
 *     startsOn: '2026-09-01', endsOn: '2027-06-11', capacity: 30, facilitators: ['fac-1'],
 *   },
 * }
 * assert.equal(ScheduleCohort.is(schedule), true)
 * assert.equal(ScheduleCohort.is({ ...schedule, data: { ...schedule.data, capacity: 0 } }), false)
 */
export const ScheduleCohort = message(
  'ScheduleCohort',
  on({
    programId: Id,
    programVersion: PositiveInteger,
    schoolYear: SchoolYear,
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    capacity: CohortCapacity,
    facilitators: list(Id, cohortLimits.facilitators),
  }),
)

/**
 * Admit an educator (with the enrollment they hold in the cohort's program) to the roster, or to
 * the waitlist when every seat is taken. Only the educator's id is kept in the cohort's log:
 * their name and email stay in the enrollment, where erasure reaches them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { AdmitEducator } from 'microcred'
 * const admit = {
 *   type: 'AdmitEducator',
 *   data: { cohortId: 'steam-2026', enrollmentId: 'enr-1',
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' } },
 * }
 * assert.equal(AdmitEducator.is(admit), true)
 * assert.equal(AdmitEducator.is({ ...admit, data: { ...admit.data, enrollmentId: '__proto__' } }), false)
 */
export const AdmitEducator = message('AdmitEducator', on({ enrollmentId: Id, educator: Educator }))

/**
 * Give up a place in the cohort: a seat on the roster (the first of the waitlist then takes it,
 * in the same decision) or a place on the waitlist.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ReleaseSeat } from 'microcred'
 * assert.equal(ReleaseSeat.is({ type: 'ReleaseSeat', data: { cohortId: 'steam-2026', educatorId: 'e-1' } }), true)
 * assert.equal(ReleaseSeat.is({ type: 'ReleaseSeat', data: { cohortId: 'steam-2026' } }), false)
 */
export const ReleaseSeat = message('ReleaseSeat', on({ educatorId: Id }))

/**
 * Hours of one session: positive; the policy's `hoursPerRecord` says in what steps and how many.
 */
const SessionHours = PositiveNumber

/**
 * Schedule a face-to-face session of one of the program's modules, on a day within the cohort's
 * dates, for a number of hours (whole multiples of the policy's increment, at most its maximum
 * for one record: 0.25 and 12 under `lausdPolicy`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ScheduleSession } from 'microcred'
 * const session = {
 *   type: 'ScheduleSession',
 *   data: { cohortId: 'steam-2026', sessionId: 's-1', moduleId: 'steam-fa-1', date: '2026-09-14', hours: 3 },
 * }
 * assert.equal(ScheduleSession.is(session), true)
 * assert.equal(ScheduleSession.is({ ...session, data: { ...session.data, date: '14/09/2026' } }), false)
 */
export const ScheduleSession = message(
  'ScheduleSession',
  on({ sessionId: Id, moduleId: Id, date: CalendarDate, hours: SessionHours }),
)

/**
 * Attest who attended a session: educators on the roster, by their ids. A facilitator of the
 * cohort records it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RecordAttendance } from 'microcred'
 * const attendance = { type: 'RecordAttendance', data: { cohortId: 'steam-2026', sessionId: 's-1', attendees: ['e-1', 'e-2'] } }
 * assert.equal(RecordAttendance.is(attendance), true)
 * assert.equal(RecordAttendance.is({ ...attendance, data: { ...attendance.data, attendees: 'e-1' } }), false)
 */
export const RecordAttendance = message(
  'RecordAttendance',
  on({ sessionId: Id, attendees: list(Id, cohortLimits.capacity) }),
)

/**
 * Close a cohort: no admission, session or attendance after it; the enrollments on its roster
 * end (see the `cohortClosing` reaction).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CloseCohort } from 'microcred'
 * assert.equal(CloseCohort.is({ type: 'CloseCohort', data: { cohortId: 'steam-2026' } }), true)
 * assert.equal(CloseCohort.is({ type: 'CloseCohort', data: { cohortId: 'steam-2026', force: true } }), false)
 */
export const CloseCohort = message('CloseCohort', on({}))

/**
 * What a staff assignment covers: one cohort (`{ cohortId }`) or every cohort of a program
 * (`{ programId }`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StaffScope } from 'microcred'
 * assert.equal(StaffScope.is({ cohortId: 'steam-2026' }), true)
 * assert.equal(StaffScope.is({ programId: 'steam' }), true)
 * assert.equal(StaffScope.is({ cohortId: 'steam-2026', programId: 'steam' }), false)
 */
export const StaffScope = t.union(
  [exact({ cohortId: Id }, {}, 'CohortScope'), exact({ programId: Id }, {}, 'ProgramScope')],
  'StaffScope',
)
/** `{ cohortId }` or `{ programId }`. */
export type StaffScope = t.TypeOf<typeof StaffScope>

/**
 * The roles a staff assignment gives: `facilitator` or `assessor`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StaffRole } from 'microcred'
 * assert.equal(StaffRole.is('assessor'), true)
 * assert.equal(StaffRole.is('administrator'), false)
 */
export const StaffRole = t.keyof({ facilitator: null, assessor: null }, 'StaffRole')
/** `'facilitator' | 'assessor'`. */
export type StaffRole = t.TypeOf<typeof StaffRole>

const assignment = exact({ scope: StaffScope, staffId: Id, role: StaffRole })

/**
 * Assign a person to a cohort or to a program as a facilitator or an assessor. A cohort's
 * assignments are kept in the cohort (`cohort`), a program's in its staff stream
 * (`programStaff`); `staffStreamId` says which.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { AssignStaff } from 'microcred'
 * const assign = { type: 'AssignStaff', data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor' } }
 * assert.equal(AssignStaff.is(assign), true)
 * assert.equal(AssignStaff.is({ ...assign, data: { ...assign.data, role: 'approver' } }), false)
 */
export const AssignStaff = message('AssignStaff', assignment)

/**
 * Remove a staff assignment (a facilitator listed when the cohort was scheduled included).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { UnassignStaff } from 'microcred'
 * const unassign = { type: 'UnassignStaff', data: { scope: { cohortId: 'steam-2026' }, staffId: 'fac-1', role: 'facilitator' } }
 * assert.equal(UnassignStaff.is(unassign), true)
 * assert.equal(UnassignStaff.is({ ...unassign, data: { ...unassign.data, scope: {} } }), false)
 */
export const UnassignStaff = message('UnassignStaff', assignment)

const staffCommands = taggedUnion('StaffCommand', { AssignStaff, UnassignStaff })

/**
 * A staff assignment or its removal, decoded by `type` (a deeply frozen copy, decoded once).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StaffCommand } from 'microcred'
 * const decoded = StaffCommand.decode({ type: 'AssignStaff', data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor' } })
 * assert.ok(E.isRight(decoded))
 * assert.ok(E.isLeft(StaffCommand.decode({ type: 'AssignStaff', data: { scope: { programId: 'steam' }, staffId: 'as-1' } })))
 */
export const StaffCommand = Object.assign(decodedOnce(staffCommands), {
  members: staffCommands.members,
})
/** A staff assignment or its removal. */
export type StaffCommand = t.TypeOf<typeof StaffCommand>

const cohortCommands = taggedUnion('CohortCommand', {
  ScheduleCohort,
  AdmitEducator,
  ReleaseSeat,
  ScheduleSession,
  RecordAttendance,
  CloseCohort,
  AssignStaff,
  UnassignStaff,
})

/**
 * Any cohort command, decoded by its `type`: exact at every level, ids `Id`s, dates
 * `CalendarDate`s; a decoded command is a deeply frozen copy, not decoded again.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { CohortCommand } from 'microcred'
 * assert.ok(E.isRight(CohortCommand.decode({ type: 'CloseCohort', data: { cohortId: 'steam-2026' } })))
 * assert.ok(E.isLeft(CohortCommand.decode({ type: 'CloseCohort', data: { cohortId: 'x\u0000' } })))
 * assert.ok(E.isLeft(CohortCommand.decode({ type: 'Enroll', data: {} })))
 */
export const CohortCommand = Object.assign(decodedOnce(cohortCommands), {
  members: cohortCommands.members,
})
/** Any cohort command. */
export type CohortCommand = t.TypeOf<typeof CohortCommand>
/** The cohort command of one `type`. */
export type CohortCommandOf<K extends CohortCommand['type']> = Extract<CohortCommand, { type: K }>
