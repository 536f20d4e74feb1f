/**
 * How each cohort event changes the state: one immer recipe. An event that does not apply to
 * the state (another cohort's, or before the cohort was scheduled) leaves it as it is.
 *
 * Internal: the aggregates built from it are exported from the cohort's index.
 *
 * @internal
 * @packageDocumentation
 */
import type { Draft } from 'immer'
import { sameIdentity } from '../authorization.js'
import type { CohortEvent } from './events.js'
import type { Cohort, CohortState } from './state.js'

const withoutEducator = (seats: Draft<Cohort['roster']>, educatorId: string) => {
  const at = seats.findIndex((seat) => sameIdentity(seat.educatorId, educatorId))
  if (at >= 0) seats.splice(at, 1)
}

const applyToCohort = (draft: Draft<Cohort>, event: CohortEvent): void => {
  switch (event.type) {
    case 'CohortScheduled':
      return
    case 'EducatorAdmitted':
    case 'AdmittedFromWaitlist': {
      const { educatorId, enrollmentId } = event.data
      withoutEducator(draft.waitlist, educatorId)
      draft.roster.push({ educatorId, enrollmentId })
      return
    }
    case 'EducatorWaitlisted':
      draft.waitlist.push({
        educatorId: event.data.educatorId,
        enrollmentId: event.data.enrollmentId,
      })
      return
    case 'SeatReleased':
      withoutEducator(
        event.data.from === 'roster' ? draft.roster : draft.waitlist,
        event.data.educatorId,
      )
      return
    case 'SessionScheduled': {
      const { sessionId, moduleId, date, hours } = event.data
      draft.sessions.push({ sessionId, moduleId, date, hours, attendees: [] })
      return
    }
    case 'AttendanceRecorded': {
      const session = draft.sessions.find((s) => s.sessionId === event.data.sessionId)
      if (session === undefined) return
      for (const seat of event.data.attendees) {
        session.attendees.push({ educatorId: seat.educatorId, enrollmentId: seat.enrollmentId })
      }
      return
    }
    case 'CohortClosed':
      draft.status = 'closed'
      draft.closedAt = event.data.at
      return
    case 'StaffAssigned':
    case 'StaffUnassigned': {
      const { scope, staffId, role } = event.data
      if (!('cohortId' in scope) || scope.cohortId !== draft.cohortId) return
      const at = draft.staff.findIndex((m) => m.role === role && sameIdentity(m.staffId, staffId))
      if (event.type === 'StaffAssigned' && at < 0) draft.staff.push({ staffId, role })
      if (event.type === 'StaffUnassigned' && at >= 0) draft.staff.splice(at, 1)
      return
    }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}

/**
 * The cohort's immer recipe: `CohortScheduled` starts the cohort, every other event applies to
 * the cohort it names.
 */
export const cohortRecipe = (draft: Draft<CohortState>, event: CohortEvent): CohortState | void => {
  if (event.type === 'CohortScheduled') {
    if (draft.status !== 'unscheduled') return
    const { data } = event
    return {
      status: 'scheduled',
      cohortId: data.cohortId,
      programId: data.programId,
      programVersion: data.programVersion,
      schoolYear: data.schoolYear,
      startsOn: data.startsOn,
      endsOn: data.endsOn,
      capacity: data.capacity,
      modules: data.modules.map((m) => ({ moduleId: m.moduleId, faceToFace: m.faceToFace })),
      roster: [],
      waitlist: [],
      sessions: [],
      staff: data.facilitators.map((staffId) => ({ staffId, role: 'facilitator' as const })),
      scheduledAt: data.at,
      closedAt: null,
      lastEventAt: data.at,
    }
  }
  if (draft.status === 'unscheduled') return
  const cohortId = 'cohortId' in event.data ? event.data.cohortId : undefined
  if (cohortId !== undefined && cohortId !== draft.cohortId) return
  applyToCohort(draft, event)
  draft.lastEventAt = event.data.at
}
