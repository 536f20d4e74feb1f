/**
 * What the commands report about many enrollments: one row per enrollment, and the totals of a
 * cohort or of a whole log (statuses, credentials, salary points, hours credited by mode).
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import {
  addHours,
  creditedHours,
  isEnrolled,
  noHours,
  progress,
  totalHours,
  type EnrollmentState,
  type HoursByMode,
  type Progress,
} from 'microcred'

/** One enrollment as a table shows it. */
export interface EnrollmentRow {
  readonly enrollmentId: string
  readonly name: string
  readonly progress: Progress
}

/** How many enrollments stand where, and what they were credited and granted. */
export interface Totals {
  readonly enrolled: number
  readonly earned: number
  readonly withdrawn: number
  readonly active: number
  readonly revoked: number
  /** Expired unfinished when the cohort closed. */
  readonly incomplete: number
  /** Hours credited, by mode. */
  readonly hours: HoursByMode
  /** Hours credited in every mode together. */
  readonly creditedHours: number
  /** Salary points of the credentials that stand (earned, not revoked). */
  readonly salaryPoints: number
}

/** The row of an enrollment, or `undefined` for a stream with no enrollment in it. */
export const enrollmentRow = (state: EnrollmentState): EnrollmentRow | undefined =>
  isEnrolled(state)
    ? { enrollmentId: state.enrollmentId, name: state.educator.name, progress: progress(state) }
    : undefined

/** The totals of enrollments, in one pass. */
export const totalsOf = (states: Iterable<EnrollmentState>): Totals => {
  const count = { enrolled: 0, earned: 0, withdrawn: 0, active: 0, revoked: 0, incomplete: 0 }
  let hours = noHours
  let salaryPoints = 0
  for (const state of states) {
    if (!isEnrolled(state)) continue
    count.enrolled += 1
    count[state.status] += 1
    hours = addHours(hours, creditedHours(state))
    if (state.status === 'earned') salaryPoints += state.credential?.salaryPoints ?? 0
  }
  return { ...count, hours, creditedHours: totalHours(hours), salaryPoints }
}
