/**
 * What an assessor sees of the work awaiting a grade: the submission, its attempt, the rubric,
 * the round of scoring it awaits, who may not score it, the grading due date, and the educator,
 * or, where the enrollment's pinned rules are blind, a stable pseudonym instead of the educator's
 * name, email and id.
 *
 * @packageDocumentation
 */
import type { RubricCriterion } from '../program/program.js'
import {
  assessmentRulesOf,
  isDisputed,
  pseudonymOf,
  secondScoringApplies,
  type AssessmentRules,
} from './assessment.js'
import { gradingDueDate } from './assessment-calendar.js'
import { own } from '../own.js'
import type { Evidence } from './shared.js'
import type { ArtifactAttempt, CapstoneAttempt, Enrollment } from './state.js'

/** Who the work is by, as the assessor sees it. */
export type AssessedEducator =
  | { readonly blind: false; readonly id: string; readonly name: string; readonly email: string }
  | { readonly blind: true; readonly pseudonym: string }

/** The submission itself. */
export type AssessedSubmission =
  | {
      readonly kind: 'eola'
      readonly eolaId: string
      readonly eolaTitle: string
      readonly evidence: ReadonlyArray<Evidence>
      readonly reflection: string
      readonly rubric: ReadonlyArray<RubricCriterion>
    }
  | {
      readonly kind: 'capstone'
      readonly enactedEolaId: string
      readonly documentationUrl: string
      readonly reflection: string
      readonly nextSteps: string
    }

/** What an assessor sees of one attempt awaiting its grade. */
export interface AssessorView {
  readonly enrollmentId: string
  readonly programId: string
  readonly cohortId: string
  readonly educator: AssessedEducator
  readonly submission: AssessedSubmission
  readonly attempt: number
  readonly submittedAt: string
  /** The round it awaits: 1, 2 (a second assessor) or 3 (an adjudicator, after a dispute). */
  readonly round: 1 | 2 | 3
  /** The assessors who scored it already, none of whom may score it again. */
  readonly scoredBy: ReadonlyArray<string>
  /** The calendar date its grade is due by; `null` without a grading target. */
  readonly dueDate: string | null
}

const educatorOf = (state: Enrollment): AssessedEducator =>
  assessmentRulesOf(state.requirements).blind
    ? { blind: true, pseudonym: pseudonymOf(state.enrollmentId) }
    : {
        blind: false,
        id: state.educator.id,
        name: state.educator.name,
        email: state.educator.email,
      }

const roundOf = (attempt: ArtifactAttempt | CapstoneAttempt): 1 | 2 | 3 => {
  const scorings = 'scorings' in attempt ? (attempt.scorings ?? []) : []
  return isDisputed(scorings) ? 3 : scorings.length === 1 ? 2 : 1
}

/**
 * Where an attempt at `work` (an EOLA id, or `capstone`) awaiting its grade stands: its number,
 * when it came, the round it awaits (1 unless a second assessor scores it), who scored it
 * already, and the date its grade is due.
 */
const awaitingAttempt = (
  state: Enrollment,
  work: string,
  latest: ArtifactAttempt | CapstoneAttempt,
  rules: AssessmentRules,
) => ({
  attempt: latest.attempt,
  submittedAt: latest.submittedAt,
  round: secondScoringApplies(state.requirements, state.enrollmentId, work, latest.attempt)
    ? roundOf(latest)
    : 1,
  scoredBy: (latest.scorings ?? []).map((scoring) => scoring.assessorId),
  dueDate: gradingDueDate(latest.submittedAt, rules),
})

/**
 * The assessor's view of the attempt at `work` (an EOLA id, or `capstone`) that awaits its grade;
 * `undefined` when none awaits one. Where the enrollment's rules are blind, the educator is a
 * stable pseudonym (see `pseudonymOf`), never their name, email or id. (The enrollment id is
 * shown, since a grade names it: a district that grades blind uses opaque enrollment ids.)
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { assessorView, catalog, foldEnrollment, lausdPolicy, requirementsOf } from 'microcred'
 * const at = '2026-10-01T16:00:00Z'
 * const requirements = requirementsOf(catalog.steam, { ...lausdPolicy, assessment: { blind: true, gradingTargetDays: 5 } })
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }, requirements, enrolledBy: 'admin-1' } },
 *   { type: 'ArtifactSubmitted', data: { enrollmentId: 'enr-1', at, eolaId: 'steam-eola-1', attempt: 1,
 *     evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }], reflection: 'First try.' } },
 * ])
 * assert.ok(state.status === 'active')
 * const view = assessorView(state, 'steam-eola-1')
 * assert.ok(view !== undefined && view.educator.blind)
 * assert.match(view.educator.pseudonym, /^Educator [0-9A-F]{6}$/)
 * assert.ok(!JSON.stringify(view).includes('Maria') && !JSON.stringify(view).includes('e-1'))
 * assert.equal(view.dueDate, '2026-10-08') // a Thursday: five business days on
 * assert.equal(assessorView(state, 'steam-eola-2'), undefined) // nothing submitted
 */
export const assessorView = (state: Enrollment, work: string): AssessorView | undefined => {
  const common = {
    enrollmentId: state.enrollmentId,
    programId: state.programId,
    cohortId: state.cohortId,
    educator: educatorOf(state),
  }
  const rules = assessmentRulesOf(state.requirements)
  if (work === 'capstone') {
    const latest = state.capstone[state.capstone.length - 1]
    if (latest === undefined || latest.grade !== null) return undefined
    return {
      ...common,
      submission: {
        kind: 'capstone',
        enactedEolaId: latest.enactedEolaId,
        documentationUrl: latest.documentationUrl,
        reflection: latest.reflection,
        nextSteps: latest.nextSteps,
      },
      ...awaitingAttempt(state, 'capstone', latest, rules),
    }
  }
  const eola = state.requirements.eolas.find((e) => e.id === work)
  const attempts = own(state.artifacts, work) ?? []
  const latest = attempts[attempts.length - 1]
  if (eola === undefined || latest === undefined || latest.grade !== null) return undefined
  return {
    ...common,
    submission: {
      kind: 'eola',
      eolaId: eola.id,
      eolaTitle: eola.title,
      evidence: latest.evidence,
      reflection: latest.reflection,
      rubric: eola.rubric,
    },
    ...awaitingAttempt(state, work, latest, rules),
  }
}
