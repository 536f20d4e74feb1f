/**
 * Progress: where an enrollment stands against its requirements, and what is still missing, as a
 * district office or the educator would read it.
 *
 * @packageDocumentation
 */
import { addHours, modeLabel, modes, noHours, totalHours, type HoursByMode } from '../hours.js'
import { own } from '../own.js'
import { creditedHours } from './consequences.js'
import { assessmentRulesOf, attemptsAllowed } from './assessment.js'
import { hasMet, isAwaitingGrade, wasCoached } from './queries.js'
import type { ArtifactAttempt, CapstoneAttempt, EnrollmentState } from './state.js'

/** Where an EOLA or the capstone stands. */
export type SubmissionStatus = 'notSubmitted' | 'awaitingGrade' | 'revise' | 'meets' | 'exhausted'

/** Hours credited against hours required. */
export interface HoursProgress {
  readonly credited: HoursByMode
  readonly required: HoursByMode
  readonly creditedTotal: number
  readonly requiredTotal: number
}

/** One module's hours and completion. */
export interface ModuleProgress extends HoursProgress {
  readonly id: string
  readonly title: string
  readonly courseId: string
  readonly complete: boolean
}

/** One EOLA's submissions. */
export interface EolaProgress {
  readonly id: string
  readonly title: string
  readonly courseId: string
  readonly status: SubmissionStatus
  readonly attempts: number
  /** The attempts allowed now: the cap, and one more once a coaching conversation is recorded. */
  readonly attemptsAllowed: number
  /**
   * Present (`true`) where every attempt is used and the rules (`afterMaxAttempts: 'coaching'`)
   * allow one more after a coaching conversation not yet held.
   */
  readonly coachingDue?: true
}

/** Everything `progress` reports. */
export interface Progress {
  readonly enrollmentId: string | null
  readonly status: EnrollmentState['status']
  readonly hours: HoursProgress
  readonly modules: {
    readonly completed: number
    readonly required: number
    readonly items: ReadonlyArray<ModuleProgress>
  }
  readonly courses: {
    readonly completed: number
    readonly required: number
    readonly items: ReadonlyArray<{
      readonly id: string
      readonly title: string
      readonly complete: boolean
    }>
  }
  readonly eolas: {
    readonly meeting: number
    readonly required: number
    readonly items: ReadonlyArray<EolaProgress>
  }
  readonly capstone: {
    readonly required: boolean
    readonly status: SubmissionStatus
    readonly attempts: number
    readonly attemptsAllowed: number
  }
  /**
   * What still stands between the enrollment and its credential, one sentence per item; empty
   * once the enrollment has ended (earned, withdrawn, revoked or expired `incomplete`): nothing
   * more can be done.
   */
  readonly missing: ReadonlyArray<string>
}

const hoursProgress = (credited: HoursByMode, required: HoursByMode): HoursProgress => ({
  credited,
  required,
  creditedTotal: totalHours(credited),
  requiredTotal: totalHours(required),
})

const submissionStatus = (
  attempts: ReadonlyArray<ArtifactAttempt | CapstoneAttempt>,
  allowed: number,
): SubmissionStatus => {
  if (attempts.length === 0) return 'notSubmitted'
  if (hasMet(attempts)) return 'meets'
  if (isAwaitingGrade(attempts)) return 'awaitingGrade'
  return attempts.length >= allowed ? 'exhausted' : 'revise'
}

const statusPhrase: Record<Exclude<SubmissionStatus, 'meets'>, string> = {
  notSubmitted: 'not submitted',
  awaitingGrade: 'awaiting a grade',
  revise: 'to revise and resubmit',
  exhausted: 'has used every attempt without meeting',
}

const coachingPhrase =
  'has used every attempt without meeting; a coaching conversation allows one further attempt'

const notEnrolledProgress: Progress = {
  enrollmentId: null,
  status: 'notEnrolled',
  hours: hoursProgress(noHours, noHours),
  modules: { completed: 0, required: 0, items: [] },
  courses: { completed: 0, required: 0, items: [] },
  eolas: { meeting: 0, required: 0, items: [] },
  capstone: { required: false, status: 'notSubmitted', attempts: 0, attemptsAllowed: 0 },
  missing: ['an enrollment: the educator is not enrolled'],
}

/**
 * Where an enrollment stands: hours credited against required by mode and in total, modules,
 * courses, EOLAs, the capstone, the status, and what is still missing.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, enrollment, foldEnrollment, lausdPolicy, progress, requirementsOf } from 'microcred'
 * assert.deepEqual(progress(enrollment.initialState).missing, ['an enrollment: the educator is not enrolled'])
 * const at = '2026-09-14T16:00:00Z'
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 *   { type: 'HoursRecorded', data: { enrollmentId: 'enr-1', at, moduleId: 'steam-fa-1', mode: 'online', hours: 9, creditedHours: 9, recordedBy: 'lms-1' } },
 * ])
 * const report = progress(state)
 * assert.equal(report.status, 'active')
 * assert.deepEqual([report.hours.creditedTotal, report.hours.requiredTotal], [9, 105])
 * assert.deepEqual([report.modules.completed, report.modules.required], [0, 6])
 * assert.equal(report.capstone.status, 'notSubmitted')
 * assert.equal(report.missing[0], "6 face-to-face hours in module 'STEAM Foundations: Integration, Inquiry and Design Thinking'")
 */
export const progress = (state: EnrollmentState): Progress => {
  if (state.status === 'notEnrolled') return notEnrolledProgress
  const { requirements } = state
  const completedModules = new Set(state.completedModules)
  const completedCourses = new Set(state.completedCourses)
  const missing: string[] = []

  const modules = requirements.modules.map((module): ModuleProgress => {
    const credited = own(state.credited, module.id) ?? noHours
    for (const mode of modes) {
      const gap = module.hours[mode] - credited[mode]
      if (gap > 0) missing.push(`${gap} ${modeLabel(mode)} hours in module '${module.title}'`)
    }
    return {
      id: module.id,
      title: module.title,
      courseId: module.courseId,
      complete: completedModules.has(module.id),
      ...hoursProgress(credited, module.hours),
    }
  })
  const courses = requirements.courses.map((course) => ({
    id: course.id,
    title: course.title,
    complete: completedCourses.has(course.id),
  }))
  const { afterMaxAttempts } = assessmentRulesOf(requirements)
  const eolas = requirements.eolas.map((eola): EolaProgress => {
    const attempts = own(state.artifacts, eola.id) ?? []
    const coached = wasCoached(attempts)
    const allowed = attemptsAllowed(requirements.maxAttempts, afterMaxAttempts, coached)
    const status = submissionStatus(attempts, allowed)
    const coachingDue = status === 'exhausted' && afterMaxAttempts === 'coaching' && !coached
    if (status !== 'meets') {
      const phrase = coachingDue ? coachingPhrase : statusPhrase[status]
      missing.push(`EOLA '${eola.title}': ${phrase}`)
    }
    return {
      id: eola.id,
      title: eola.title,
      courseId: eola.courseId,
      status,
      attempts: attempts.length,
      attemptsAllowed: allowed,
      ...(coachingDue ? { coachingDue: true as const } : {}),
    }
  })
  const capstoneStatus = submissionStatus(state.capstone, requirements.maxAttempts)
  if (requirements.capstoneRequired && capstoneStatus !== 'meets') {
    missing.push(`the capstone: ${statusPhrase[capstoneStatus]}`)
  }
  const required = requirements.modules.map((module) => module.hours).reduce(addHours, noHours)
  return {
    enrollmentId: state.enrollmentId,
    status: state.status,
    hours: hoursProgress(creditedHours(state), required),
    modules: { completed: completedModules.size, required: modules.length, items: modules },
    courses: { completed: completedCourses.size, required: courses.length, items: courses },
    eolas: {
      meeting: eolas.filter((e) => e.status === 'meets').length,
      required: eolas.length,
      items: eolas,
    },
    capstone: {
      required: requirements.capstoneRequired,
      status: capstoneStatus,
      attempts: state.capstone.length,
      attemptsAllowed: requirements.maxAttempts,
    },
    // An ended enrollment (earned, withdrawn, revoked, incomplete) can go no further: nothing is
    // missing.
    missing: state.status === 'active' ? missing : [],
  }
}
