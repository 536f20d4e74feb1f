/**
 * The progress view: where an enrollment stands, structured for a user interface. Every state
 * carries a code (for programs) and a human label beside it (for people), so a table never shows
 * a raw `notSubmitted`; it says what is next for the educator, in order, and gives the dates of
 * the enrollment's life. Built from `progress(state)`, purely.
 *
 * @packageDocumentation
 */
import { deepFreeze } from '../freeze.js'
import { modeLabel, modes, type HoursByMode } from '../hours.js'
import { nextActions } from './next-actions.js'
import { progress, type SubmissionStatus } from './progress.js'
import type { ProgressView } from './progress-view-codec.js'
import {
  labelledState as stateOf,
  statusLabels,
  type RequirementState,
} from './requirement-state.js'
import type { EnrollmentState } from './state.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/**
 * Hours, a module or a course: `ended` (withdrawn, or expired as `incomplete`) turns what was
 * started into `incomplete`.
 */
const workState = (done: boolean, started: boolean, ended: boolean): RequirementState =>
  stateOf(done ? 'complete' : !started ? 'notStarted' : ended ? 'incomplete' : 'inProgress')

const submissionState = (status: SubmissionStatus, ended: boolean): RequirementState =>
  stateOf(ended && (status === 'awaitingGrade' || status === 'revise') ? 'incomplete' : status)

const hoursByMode = (credited: HoursByMode, required: HoursByMode, ended: boolean) =>
  modes.map((mode) => ({
    mode: { code: mode, label: capitalized(modeLabel(mode)) },
    credited: credited[mode],
    required: required[mode],
    state:
      required[mode] === 0
        ? stateOf('notRequired')
        : workState(credited[mode] >= required[mode], credited[mode] > 0, ended),
  }))

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const ending = (e: { at: string; reason: string; by: string } | null) =>
  e === null ? null : { at: e.at, reason: e.reason, by: e.by }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The progress view of an enrollment, for user interfaces: its status with a label; every
 * requirement (hours by mode, in total and per module; modules; courses; each EOLA; the capstone)
 * with a state code and its label; what is still missing; what the educator does next, most
 * pressing first (an EOLA or capstone that used every attempt, then revisions, submissions, hours
 * by module, the capstone, and the grades awaited); and the dates of the enrollment's life
 * (enrolled; withdrawn with the reason; earned with the salary points; revoked with the reason;
 * expired with the reason; the badge issued). An enrollment that ended (earned, withdrawn,
 * revoked or expired) has nothing next and nothing missing; in a withdrawn or expired one, what
 * was started and not finished is `incomplete`. Pure; the view is frozen.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, foldEnrollment, lausdPolicy, progressView, requirementsOf } from 'microcred'
 * const at = '2026-09-14T16:00:00Z'
 * const enrolled = { type: 'EducatorEnrolled' as const, data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026',
 *   programId: 'steam', programVersion: 1, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *   requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } }
 * const view = progressView(foldEnrollment([enrolled]))
 * assert.deepEqual(view.status, { code: 'active', label: 'In progress' })
 * assert.deepEqual(view.eolas.items[0]?.state, { code: 'notSubmitted', label: 'Not submitted' })
 * assert.equal(view.next[0]?.code, 'submitEola')
 * const withdrawn = progressView(foldEnrollment([enrolled, { type: 'EnrollmentWithdrawn',
 *   data: { enrollmentId: 'enr-1', at: '2027-01-22T17:00:00Z', reason: 'Moved schools', withdrawnBy: 'admin-1' } }]))
 * assert.deepEqual(withdrawn.status, { code: 'withdrawn', label: 'Withdrawn' })
 * assert.deepEqual(withdrawn.dates.withdrawn, { at: '2027-01-22T17:00:00Z', reason: 'Moved schools', by: 'admin-1' })
 * assert.deepEqual([withdrawn.missing, withdrawn.next], [[], []])
 * const expired = progressView(foldEnrollment([enrolled, { type: 'EnrollmentExpired',
 *   data: { enrollmentId: 'enr-1', at: '2027-06-30T17:00:00Z', reason: 'The cohort closed', expiredBy: 'admin-1' } }]))
 * assert.deepEqual(expired.status, { code: 'incomplete', label: 'Incomplete' })
 * assert.deepEqual(expired.dates.expired, { at: '2027-06-30T17:00:00Z', reason: 'The cohort closed', by: 'admin-1' })
 * assert.deepEqual([expired.missing, expired.next], [[], []])
 */
export const progressView = (state: EnrollmentState): ProgressView => {
  const p = progress(state)
  const ended = state.status === 'withdrawn' || state.status === 'incomplete'
  const active = state.status === 'active'
  const enrolled = state.status !== 'notEnrolled'
  const hoursDone = p.hours.creditedTotal >= p.hours.requiredTotal
  const modules = p.modules.items.map((m) => ({
    id: m.id,
    title: m.title,
    courseId: m.courseId,
    credited: m.creditedTotal,
    required: m.requiredTotal,
    state: workState(m.complete, m.creditedTotal > 0, ended),
    hours: hoursByMode(m.credited, m.required, ended),
  }))
  const startedCourses = new Set([
    ...modules.filter((m) => m.credited > 0).map((m) => m.courseId),
    ...p.eolas.items.filter((e) => e.attempts > 0).map((e) => e.courseId),
  ])
  return deepFreeze({
    enrollmentId: p.enrollmentId,
    status: { code: p.status, label: statusLabels[p.status] },
    educator: enrolled ? { ...state.educator } : null,
    program: enrolled ? { id: state.programId, version: state.programVersion } : null,
    cohortId: enrolled ? state.cohortId : null,
    hours: {
      credited: p.hours.creditedTotal,
      required: p.hours.requiredTotal,
      state: enrolled
        ? workState(hoursDone, p.hours.creditedTotal > 0, ended)
        : stateOf('notStarted'),
      byMode: hoursByMode(p.hours.credited, p.hours.required, ended),
    },
    modules: { completed: p.modules.completed, required: p.modules.required, items: modules },
    courses: {
      completed: p.courses.completed,
      required: p.courses.required,
      items: p.courses.items.map((c) => ({
        id: c.id,
        title: c.title,
        state: workState(c.complete, startedCourses.has(c.id), ended),
      })),
    },
    eolas: {
      meeting: p.eolas.meeting,
      required: p.eolas.required,
      items: p.eolas.items.map((e) => ({
        id: e.id,
        title: e.title,
        courseId: e.courseId,
        state: submissionState(e.status, ended),
        attempts: e.attempts,
        attemptsAllowed: e.attemptsAllowed,
      })),
    },
    capstone: p.capstone.required
      ? {
          state: submissionState(p.capstone.status, ended),
          attempts: p.capstone.attempts,
          attemptsAllowed: p.capstone.attemptsAllowed,
        }
      : null,
    missing: active || !enrolled ? [...p.missing] : [],
    next: active
      ? nextActions(p)
      : enrolled
        ? []
        : [
            {
              code: 'enroll' as const,
              label: 'Enroll in a cohort of the program',
              requirementId: null,
            },
          ],
    dates: {
      enrolledAt: enrolled ? state.enrolledAt : null,
      withdrawn: enrolled ? ending(state.withdrawal) : null,
      earned:
        enrolled && state.credential !== null
          ? {
              at: state.credential.earnedAt,
              credentialId: state.credential.credentialId,
              salaryPoints: state.credential.salaryPoints,
            }
          : null,
      revoked: enrolled ? ending(state.revocation) : null,
      expired: enrolled ? ending(state.expiry) : null,
      badgeIssued:
        enrolled && state.badge !== null
          ? { at: state.badge.issuedAt, badgeId: state.badge.badgeId, by: state.badge.issuedBy }
          : null,
    },
  })
}
