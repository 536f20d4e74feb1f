/**
 * Deciding the commands about evidence: submitting and grading EOLA attempts and the capstone,
 * with the attempt cap (one attempt more after a coaching conversation, where the policy says
 * so), one grade per attempt, outcomes that follow from the rubric, and second scoring of EOLA
 * and capstone attempts alike (an outcome decided by two assessors who agree, or by a third).
 * Internal: reached through `decide`.
 *
 * @internal
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { isWebUrl, quoted } from '../codec.js'
import type { CommandContext } from '../context.js'
import { sameIdentity } from '../authorization.js'
import { ruleViolation, type DomainError } from '../errors.js'
import { own } from '../own.js'
import type { EnrollmentCommandOf } from './commands.js'
import {
  assessmentRulesOf,
  attemptsAllowed,
  nextScore,
  secondScoringApplies,
  type NextScore,
  type Scoring,
} from './assessment.js'
import { fail, type Decision } from './decision.js'
import { hasMet, isAwaitingGrade, wasCoached } from './queries.js'
import type { ArtifactAttempt, CapstoneAttempt, Enrollment } from './state.js'

const attemptRules = (
  what: string,
  attempts: ReadonlyArray<ArtifactAttempt | CapstoneAttempt>,
  maxAttempts: number,
  afterMaxAttempts: 'final' | 'coaching' = 'final',
): DomainError | undefined => {
  if (isAwaitingGrade(attempts)) {
    return ruleViolation(
      'AttemptPending',
      `${what} attempt ${attempts.length} is still awaiting its grade; submit again after it is graded`,
    )
  }
  if (hasMet(attempts))
    return ruleViolation('AlreadyMeets', `${what} already meets; nothing to resubmit`)
  const coached = wasCoached(attempts)
  const allowed = attemptsAllowed(maxAttempts, afterMaxAttempts, coached)
  if (attempts.length >= allowed) {
    const next =
      afterMaxAttempts === 'coaching' && !coached
        ? '; record a coaching conversation (RecordCoachingConversation) to allow one further attempt'
        : '; no attempt is left'
    return ruleViolation(
      'AttemptsExhausted',
      `${what} has had ${attempts.length} of ${allowed} attempts allowed${next}`,
    )
  }
  return undefined
}

const gradableAttempt = <A extends ArtifactAttempt | CapstoneAttempt>(
  what: string,
  attempts: ReadonlyArray<A>,
  attempt: number,
): E.Either<DomainError, A> => {
  const submitted = attempts[attempt - 1]
  if (submitted === undefined) {
    return E.left(
      ruleViolation(
        'AttemptNotFound',
        `${what} has no attempt ${attempt} (it has ${attempts.length}); grade a submitted attempt`,
      ),
    )
  }
  if (submitted.grade !== null) {
    return E.left(
      ruleViolation(
        'AlreadyGraded',
        `${what} attempt ${attempt} was already graded '${submitted.grade.outcome}'; an attempt is graded once`,
      ),
    )
  }
  return E.right(submitted)
}

/**
 * The next score of an attempt that a second assessor scores, by `context.actor`: refused where
 * they scored it already (by the identity rule) or its outcome is decided.
 */
const nextScoreOf = (
  what: string,
  attempt: number,
  scorings: ReadonlyArray<Scoring>,
  outcome: 'meets' | 'revise',
  context: CommandContext,
): E.Either<DomainError, NextScore> => {
  const already = scorings.find((scoring) => sameIdentity(scoring.assessorId, context.actor.id))
  if (already !== undefined) {
    return E.left(
      ruleViolation(
        'AlreadyScored',
        `${what} attempt ${attempt} was already scored by ${already.assessorId} (round ${already.round}); a second assessor scores it, and a third where they disagree`,
      ),
    )
  }
  const next = nextScore(scorings, outcome)
  return next === undefined
    ? E.left(
        ruleViolation(
          'AlreadyGraded',
          `${what} attempt ${attempt} has its outcome decided already; an attempt is graded once`,
        ),
      )
    : E.right(next)
}

/**
 * An `InsecureUrl` for the first link in `links` that the enrollment may not take: `http:` where
 * the policy it joined under (pinned in its requirements) did not opt in. The codecs have refused
 * every other scheme already.
 */
const insecureLink = (
  state: Enrollment,
  links: ReadonlyArray<readonly [string, string]>,
): DomainError | undefined => {
  const allowHttp = state.requirements.allowHttpUrls === true
  const found = links.find(([, url]) => !isWebUrl(url, { allowHttp }))
  return found === undefined
    ? undefined
    : ruleViolation(
        'InsecureUrl',
        `${found[0]} is ${quoted(found[1], 100)}; this district takes https: links only (its policy would set allowHttpUrls to take http:)`,
      )
}

const eolaOf = (state: Enrollment, eolaId: string) => {
  const eola = state.requirements.eolas.find((e) => e.id === eolaId)
  return eola === undefined
    ? E.left(
        ruleViolation(
          'UnknownEola',
          `EOLA '${eolaId}' is not part of program '${state.programId}'`,
        ),
      )
    : E.right(eola)
}

export const submitArtifact = (
  { data }: EnrollmentCommandOf<'SubmitArtifact'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  const eola = eolaOf(state, data.eolaId)
  if (E.isLeft(eola)) return eola
  const attempts = own(state.artifacts, eola.right.id) ?? []
  const broken = attemptRules(
    `EOLA '${eola.right.id}'`,
    attempts,
    state.requirements.maxAttempts,
    assessmentRulesOf(state.requirements).afterMaxAttempts,
  )
  if (broken !== undefined) return fail(broken)
  const insecure = insecureLink(
    state,
    data.evidence.map((evidence, i) => [`evidence ${i + 1}`, evidence.url] as const),
  )
  if (insecure !== undefined) return fail(insecure)
  return E.right([
    {
      type: 'ArtifactSubmitted',
      data: {
        enrollmentId: state.enrollmentId,
        eolaId: eola.right.id,
        attempt: attempts.length + 1,
        evidence: data.evidence,
        reflection: data.reflection,
        at: context.at,
      },
    },
  ])
}

export const gradeArtifact = (
  { data }: EnrollmentCommandOf<'GradeArtifact'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  const eola = eolaOf(state, data.eolaId)
  if (E.isLeft(eola)) return eola
  const what = `EOLA '${eola.right.id}'`
  const submitted = gradableAttempt(what, own(state.artifacts, eola.right.id) ?? [], data.attempt)
  if (E.isLeft(submitted)) return submitted
  const rubric = eola.right.rubric
  const scoreOf = (criterionId: string) => own(data.scores, criterionId)
  const problems = [
    ...rubric
      .filter((criterion) => scoreOf(criterion.id) === undefined)
      .map((criterion) => `criterion '${criterion.id}' has no score`),
    ...Object.keys(data.scores)
      .filter((id) => !rubric.some((criterion) => criterion.id === id))
      .map((id) => `'${id}' is not a criterion of the rubric`),
    ...rubric
      .filter((criterion) => (scoreOf(criterion.id) ?? 0) > criterion.maxScore)
      .map((c) => `criterion '${c.id}' scored ${scoreOf(c.id)}, above its maximum ${c.maxScore}`),
  ]
  if (problems.length > 0) {
    return fail(
      ruleViolation('InvalidScores', `${what} attempt ${data.attempt}: ${problems.join('; ')}`),
    )
  }
  const meets = rubric.every((criterion) => (scoreOf(criterion.id) ?? 0) >= criterion.meetsAt)
  const outcome = meets ? 'meets' : 'revise'
  const graded = (decided: 'meets' | 'revise') =>
    ({
      type: 'ArtifactGraded',
      data: {
        enrollmentId: state.enrollmentId,
        eolaId: eola.right.id,
        attempt: data.attempt,
        assessorId: context.actor.id,
        scores: data.scores,
        outcome: decided,
        feedback: data.feedback,
        at: context.at,
      },
    }) as const
  if (!secondScoringApplies(state.requirements, state.enrollmentId, eola.right.id, data.attempt)) {
    return E.right([graded(outcome)])
  }
  const next = nextScoreOf(what, data.attempt, submitted.right.scorings ?? [], outcome, context)
  if (E.isLeft(next)) return next
  const scored = {
    type: 'ArtifactScored',
    data: {
      enrollmentId: state.enrollmentId,
      eolaId: eola.right.id,
      attempt: data.attempt,
      round: next.right.round,
      assessorId: context.actor.id,
      scores: data.scores,
      outcome,
      feedback: data.feedback,
      at: context.at,
    },
  } as const
  return E.right(next.right.decides === null ? [scored] : [scored, graded(next.right.decides)])
}

/**
 * Records a coaching conversation after an EOLA's last attempt allowed, graded *revise*: only
 * where the pinned rules say `afterMaxAttempts: 'coaching'`, once per EOLA.
 */
export const recordCoachingConversation = (
  { data }: EnrollmentCommandOf<'RecordCoachingConversation'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  const eola = eolaOf(state, data.eolaId)
  if (E.isLeft(eola)) return eola
  const what = `EOLA '${eola.right.id}'`
  if (assessmentRulesOf(state.requirements).afterMaxAttempts !== 'coaching') {
    return fail(
      ruleViolation(
        'CoachingNotOffered',
        `the policy this enrollment joined under allows no attempt after the last (${state.requirements.maxAttempts}); a coaching conversation allows none`,
      ),
    )
  }
  const attempts = own(state.artifacts, eola.right.id) ?? []
  if (wasCoached(attempts)) {
    return fail(
      ruleViolation(
        'AlreadyCoached',
        `${what} already had its coaching conversation and the one further attempt it allows`,
      ),
    )
  }
  const latest = attempts[attempts.length - 1]
  if (
    latest === undefined ||
    attempts.length < state.requirements.maxAttempts ||
    latest.grade?.outcome !== 'revise'
  ) {
    const where =
      latest === undefined
        ? 'has no attempt'
        : latest.grade === null
          ? `has attempt ${latest.attempt} awaiting its grade`
          : latest.grade.outcome === 'meets'
            ? 'already meets'
            : `has had ${attempts.length} of ${state.requirements.maxAttempts} attempts`
    return fail(
      ruleViolation(
        'CoachingNotDue',
        `${what} ${where}; a coaching conversation follows the last attempt allowed (${state.requirements.maxAttempts}), graded revise`,
      ),
    )
  }
  return E.right([
    {
      type: 'CoachingConversationRecorded',
      data: {
        enrollmentId: state.enrollmentId,
        eolaId: eola.right.id,
        afterAttempt: latest.attempt,
        notes: data.notes,
        recordedBy: context.actor.id,
        at: context.at,
      },
    },
  ])
}

export const submitCapstone = (
  { data }: EnrollmentCommandOf<'SubmitCapstone'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  if (!state.requirements.capstoneRequired) {
    return fail(
      ruleViolation(
        'CapstoneNotRequired',
        'the policy this enrollment joined under requires no capstone; there is none to submit',
      ),
    )
  }
  const broken = attemptRules('the capstone', state.capstone, state.requirements.maxAttempts)
  if (broken !== undefined) return fail(broken)
  const eola = eolaOf(state, data.enactedEolaId)
  if (E.isLeft(eola)) return eola
  if (!hasMet(own(state.artifacts, eola.right.id) ?? [])) {
    return fail(
      ruleViolation(
        'EnactedEolaNotMet',
        `the capstone enacts EOLA '${eola.right.id}', which does not meet yet; enact an EOLA that meets`,
      ),
    )
  }
  const insecure = insecureLink(state, [['the documentation', data.documentationUrl]])
  if (insecure !== undefined) return fail(insecure)
  return E.right([
    {
      type: 'CapstoneSubmitted',
      data: {
        enrollmentId: state.enrollmentId,
        attempt: state.capstone.length + 1,
        enactedEolaId: eola.right.id,
        documentationUrl: data.documentationUrl,
        reflection: data.reflection,
        nextSteps: data.nextSteps,
        at: context.at,
      },
    },
  ])
}

export const gradeCapstone = (
  { data }: EnrollmentCommandOf<'GradeCapstone'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  const what = 'the capstone'
  const submitted = gradableAttempt(what, state.capstone, data.attempt)
  if (E.isLeft(submitted)) return submitted
  const graded = (decided: 'meets' | 'revise') =>
    ({
      type: 'CapstoneGraded',
      data: {
        enrollmentId: state.enrollmentId,
        attempt: data.attempt,
        assessorId: context.actor.id,
        outcome: decided,
        feedback: data.feedback,
        at: context.at,
      },
    }) as const
  if (!secondScoringApplies(state.requirements, state.enrollmentId, 'capstone', data.attempt)) {
    return E.right([graded(data.outcome)])
  }
  const next = nextScoreOf(
    what,
    data.attempt,
    submitted.right.scorings ?? [],
    data.outcome,
    context,
  )
  if (E.isLeft(next)) return next
  const scored = {
    type: 'CapstoneScored',
    data: {
      enrollmentId: state.enrollmentId,
      attempt: data.attempt,
      round: next.right.round,
      assessorId: context.actor.id,
      outcome: data.outcome,
      feedback: data.feedback,
      at: context.at,
    },
  } as const
  return E.right(next.right.decides === null ? [scored] : [scored, graded(next.right.decides)])
}
