/**
 * The state of a cohort: a union of statuses, folded from its events.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, IsoDateTime, PositiveInteger, PositiveNumber } from '../codec.js'
import { CohortCapacity, SchoolYear, StaffRole } from './commands.js'
import { CalendarDate } from './dates.js'
import { Seat } from './events.js'

/**
 * A session of the cohort and who has been credited for it, in order of record.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CohortSession } from 'microcred'
 * assert.equal(CohortSession.is({ sessionId: 's-1', moduleId: 'steam-fa-1', date: '2026-09-14', hours: 3, attendees: [] }), true)
 */
export const CohortSession = t.type(
  {
    sessionId: Id,
    moduleId: Id,
    date: CalendarDate,
    hours: PositiveNumber,
    attendees: t.array(Seat),
  },
  'CohortSession',
)
/** A session of the cohort. */
export type CohortSession = t.TypeOf<typeof CohortSession>

/**
 * A person assigned to a cohort or a program, in a role.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StaffMember } from 'microcred'
 * assert.equal(StaffMember.is({ staffId: 'fac-1', role: 'facilitator' }), true)
 */
export const StaffMember = t.type({ staffId: Id, role: StaffRole }, 'StaffMember')
/** A person assigned, in a role. */
export type StaffMember = t.TypeOf<typeof StaffMember>

/**
 * Before `ScheduleCohort`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { UnscheduledCohort, cohort } from 'microcred'
 * assert.equal(UnscheduledCohort.is(cohort.initialState), true)
 */
export const UnscheduledCohort = t.type({ status: t.literal('unscheduled') }, 'UnscheduledCohort')
/** Before `ScheduleCohort`. */
export type UnscheduledCohort = t.TypeOf<typeof UnscheduledCohort>

/**
 * The statuses of a scheduled cohort: `scheduled` (taking admissions, sessions and attendance)
 * and `closed`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CohortStatus } from 'microcred'
 * assert.equal(CohortStatus.is('closed'), true)
 * assert.equal(CohortStatus.is('unscheduled'), false)
 */
export const CohortStatus = t.keyof({ scheduled: null, closed: null }, 'CohortStatus')
/** `'scheduled' | 'closed'`. */
export type CohortStatus = t.TypeOf<typeof CohortStatus>

/**
 * A scheduled cohort: its program and dates, the modules it pinned, its roster (at most
 * `capacity` seats) and waitlist (first come, first served), its sessions with their attendance,
 * and its staff (the facilitators listed at scheduling, and every assignment since).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Cohort, cohort } from 'microcred'
 * const state = cohort.fold([{ type: 'CohortScheduled', data: {
 *   cohortId: 'steam-2026', at: '2026-08-01T16:00:00Z', programId: 'steam', programVersion: 1, schoolYear: '2026-2027',
 *   startsOn: '2026-09-01', endsOn: '2027-06-11', capacity: 30, facilitators: ['fac-1'], modules: [], scheduledBy: 'admin-1' } }])
 * assert.equal(Cohort.is(state), true)
 * assert.deepEqual(state.status === 'scheduled' && state.staff, [{ staffId: 'fac-1', role: 'facilitator' }])
 */
export const Cohort = t.type(
  {
    status: CohortStatus,
    cohortId: Id,
    programId: Id,
    programVersion: PositiveInteger,
    schoolYear: SchoolYear,
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    capacity: CohortCapacity,
    modules: t.array(t.type({ moduleId: Id, faceToFace: t.number })),
    roster: t.array(Seat),
    waitlist: t.array(Seat),
    sessions: t.array(CohortSession),
    staff: t.array(StaffMember),
    scheduledAt: IsoDateTime,
    closedAt: t.union([IsoDateTime, t.null]),
    /** The time of the latest event: a command may not be dated before it. */
    lastEventAt: IsoDateTime,
  },
  'Cohort',
)
/** A scheduled cohort. */
export type Cohort = t.TypeOf<typeof Cohort>

/**
 * The state of a cohort stream.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CohortState, cohort } from 'microcred'
 * assert.equal(CohortState.is(cohort.initialState), true)
 * assert.equal(CohortState.is({ status: 'scheduled' }), false)
 */
export const CohortState = t.union([UnscheduledCohort, Cohort], 'CohortState')
/** The state of a cohort stream. */
export type CohortState = t.TypeOf<typeof CohortState>
