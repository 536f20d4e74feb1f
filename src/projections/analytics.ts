/**
 * Program analytics: how each program performs across every cohort and version.
 *
 * - `enrolled` counts every enrollment; `earned`, `active` (still under way), `withdrawn`,
 *   `incomplete` (expired unfinished when its cohort closed: `EnrollmentExpired`) and `revoked`
 *   count them by status now, so they add up to `enrolled`. (Before expiries existed,
 *   `incomplete` counted the active enrollments; those are `active` now.)
 * - `completionRate` is `earned / enrolled`: the share of everyone who enrolled that holds the
 *   credential now (a revoked credential does not count; enrollments still under way do, in the
 *   denominator). `null` when nobody enrolled.
 * - `medianDaysToEarn`: days from `enrolledAt` to `earnedAt` over every enrollment that earned the
 *   credential (revoked ones too: they did earn it); `null` when none did.
 * - `resubmissionRate`: the share of EOLA submissions that were a second or later attempt;
 *   `meanAttemptsPerEola`: the mean number of attempts over the EOLAs (of every enrollment) with
 *   at least one. Capstone attempts count in neither. `null` when there is no submission.
 * - `gradingTurnaround`: days from submission to grade over every graded attempt, EOLAs and
 *   capstone: the median and the 90th percentile by the nearest-rank method (the value of rank
 *   `ceil(0.9 × n)` in ascending order, so always one of the observed values); `null` when
 *   nothing was graded.
 *
 * - `gradingTarget` (only where some enrollment pinned a grading target in business days):
 *   the attempts graded under a target, those graded by their due date, and the share.
 * - `assessorAgreement` (only where some attempt was scored by two or more assessors): percent
 *   agreement and Cohen's kappa per assessor pair, and each assessor's pooled agreement, flagged
 *   below `agreementThreshold` (0.8 by default) for calibration; see `assessorAgreement`.
 *
 * Days are fractional (hours / 24). A median of an even count is the mean of the two middle values.
 *
 * @packageDocumentation
 */
import { assessmentRulesOf } from '../enrollment/assessment.js'
import { isWithinGradingTarget } from '../enrollment/assessment-calendar.js'
import type { Enrollment } from '../enrollment/state.js'
import {
  assessorAgreement,
  defaultAgreementThreshold,
  type AgreementReport,
  type ScoredItem,
} from './assessor-agreement.js'
import type { EnrollmentsReadModel } from './enrollments.js'
import { compareText, daysBetween, median, nearestRankPercentile } from './read-model-helpers.js'

/** How one program performs: see the module's documentation for each figure. */
export interface ProgramAnalytics {
  readonly programId: string
  readonly enrolled: number
  readonly earned: number
  readonly withdrawn: number
  /** Still under way (status `active`). */
  readonly active: number
  /** Expired unfinished when the cohort closed (status `incomplete`). */
  readonly incomplete: number
  readonly revoked: number
  readonly completionRate: number | null
  readonly medianDaysToEarn: number | null
  readonly resubmissionRate: number | null
  readonly meanAttemptsPerEola: number | null
  readonly gradingTurnaround: {
    readonly medianDays: number | null
    readonly p90Days: number | null
  }
  /**
   * Where some enrollment of the program pinned a grading target: of the attempts graded under
   * one (EOLAs and capstone), how many were graded by their due date, and the share.
   */
  readonly gradingTarget?: {
    readonly graded: number
    readonly withinTarget: number
    readonly share: number | null
  }
  /** Where some attempt was scored by two or more assessors: their agreement on outcomes. */
  readonly assessorAgreement?: AgreementReport
}

/** What `programAnalytics` may take. */
export interface ProgramAnalyticsOptions {
  /** Only this program. */
  readonly programId?: string
  /** Assessors whose agreement is below this are flagged for calibration (default 0.8). */
  readonly agreementThreshold?: number
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

const analyticsOf = (
  programId: string,
  states: ReadonlyArray<Enrollment>,
  agreementThreshold: number = defaultAgreementThreshold,
): ProgramAnalytics => {
  const counts = { active: 0, earned: 0, withdrawn: 0, revoked: 0, incomplete: 0 }
  const daysToEarn: number[] = []
  const turnaround: number[] = []
  let submissions = 0
  let resubmissions = 0
  let eolasAttempted = 0
  const target = { set: false, graded: 0, withinTarget: 0 }
  const scored: ScoredItem[] = []
  for (const state of states) {
    counts[state.status] += 1
    if (state.credential !== null) {
      daysToEarn.push(daysBetween(state.enrolledAt, state.credential.earnedAt))
    }
    for (const eola of state.requirements.eolas) {
      const attempts = Object.hasOwn(state.artifacts, eola.id) ? state.artifacts[eola.id] : []
      if (attempts === undefined || attempts.length === 0) continue
      eolasAttempted += 1
      submissions += attempts.length
      resubmissions += attempts.length - 1
    }
    const rules = assessmentRulesOf(state.requirements)
    for (const attempts of [...Object.values(state.artifacts), state.capstone]) {
      for (const attempt of attempts) {
        if (attempt.grade !== null) {
          turnaround.push(daysBetween(attempt.submittedAt, attempt.grade.gradedAt))
          const within = isWithinGradingTarget(attempt.submittedAt, attempt.grade.gradedAt, rules)
          if (within !== null) {
            target.graded += 1
            if (within) target.withinTarget += 1
          }
        }
        const scorings = 'scorings' in attempt ? (attempt.scorings ?? []) : []
        if (scorings.length >= 2) scored.push({ scores: scorings })
      }
    }
    if (rules.gradingTargetDays !== undefined) target.set = true
  }
  return {
    programId,
    enrolled: states.length,
    earned: counts.earned,
    withdrawn: counts.withdrawn,
    active: counts.active,
    incomplete: counts.incomplete,
    revoked: counts.revoked,
    completionRate: ratio(counts.earned, states.length),
    medianDaysToEarn: median(daysToEarn),
    resubmissionRate: ratio(resubmissions, submissions),
    meanAttemptsPerEola: ratio(submissions, eolasAttempted),
    gradingTurnaround: {
      medianDays: median(turnaround),
      p90Days: nearestRankPercentile(turnaround, 90),
    },
    ...(target.set
      ? {
          gradingTarget: {
            graded: target.graded,
            withinTarget: target.withinTarget,
            share: ratio(target.withinTarget, target.graded),
          },
        }
      : {}),
    ...(scored.length === 0
      ? {}
      : { assessorAgreement: assessorAgreement(scored, agreementThreshold) }),
  }
}

/**
 * The analytics of every program (or of `programId` only), by program id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollmentsReadModel, foldProjection, lausdPolicy, programAnalytics, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const recorded = (position: number, type: string, data: object) =>
 *   ({ streamId: 'enrollment-enr-1', version: position, position, type, data: { enrollmentId: 'enr-1', ...data }, metadata, recordedAt: '2026-10-01T00:00:00Z' })
 * const evidence = [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }]
 * const model = foldProjection(enrollmentsReadModel, [
 *   recorded(1, 'EducatorEnrolled', { at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' }),
 *   recorded(2, 'ArtifactSubmitted', { at: '2026-10-01T16:00:00Z', eolaId: 'steam-eola-1', attempt: 1, evidence, reflection: 'First try.' }),
 *   recorded(3, 'ArtifactGraded', { at: '2026-10-03T04:00:00Z', eolaId: 'steam-eola-1', attempt: 1, assessorId: 'assessor-7',
 *     scores: { design: 1 }, outcome: 'revise', feedback: 'Show the inquiry.' }),
 *   recorded(4, 'ArtifactSubmitted', { at: '2026-10-05T16:00:00Z', eolaId: 'steam-eola-1', attempt: 2, evidence, reflection: 'Second try.' }),
 * ])
 * assert.ok(E.isRight(model))
 * const [steam] = programAnalytics(model.right)
 * assert.deepEqual([steam?.enrolled, steam?.active, steam?.incomplete, steam?.completionRate, steam?.medianDaysToEarn], [1, 1, 0, 0, null])
 * assert.deepEqual([steam?.resubmissionRate, steam?.meanAttemptsPerEola], [0.5, 2])
 * assert.deepEqual(steam?.gradingTurnaround, { medianDays: 1.5, p90Days: 1.5 })
 * assert.deepEqual(programAnalytics(model.right, { programId: 'dual-language' }), [])
 */
export const programAnalytics = (
  model: EnrollmentsReadModel,
  options: ProgramAnalyticsOptions = {},
): ReadonlyArray<ProgramAnalytics> => {
  const programIds =
    options.programId === undefined
      ? [...model.byProgram.keys()].sort(compareText)
      : model.byProgram.has(options.programId)
        ? [options.programId]
        : []
  return programIds.map((programId) => {
    const states: Enrollment[] = []
    for (const id of model.byProgram.get(programId) ?? []) {
      const state = model.enrollments.get(id)
      if (state !== undefined) states.push(state)
    }
    return analyticsOf(programId, states, options.agreementThreshold)
  })
}
