/**
 * Submitting and grading evidence, against a model the test keeps itself. Under policies that
 * allow 1 to 4 attempts, an educator submits and an assessor grades EOLA artifacts and the
 * capstone in a random order (mostly *revise*, so the cap is reached), with resubmissions while
 * a grade is pending, grades of attempts that do not exist or were graded, and incomplete scores.
 * The model predicts every decision:
 *
 * - a submission is refused while the latest attempt awaits its grade (`AttemptPending`), once an
 *   attempt meets (`AlreadyMeets`), and once `maxAttempts` attempts were made
 *   (`AttemptsExhausted`): exactly `maxAttempts` attempts are taken, numbered 1, 2, ...;
 * - the capstone enacts an EOLA that already meets (`EnactedEolaNotMet`);
 * - only a submitted attempt is graded (`AttemptNotFound`), and only once (`AlreadyGraded`);
 *   every criterion of the rubric is scored (`InvalidScores`);
 * - an artifact meets when every criterion scores at least its `meetsAt`, else it is *revise*.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  enrollmentDecider,
  lausdPolicy,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type Outcome,
  type Program,
  type Scores,
  type StructuralPolicy,
} from '../../src/index.js'
import { journeyArbitrary, minutesAfter, type Step } from '../../src/testing/index.js'

type Eola = Program['eolas'][number]

/** What the test knows of each attempt: awaiting its grade, or graded. */
type AttemptSeen = 'pending' | Outcome

interface Model {
  readonly maxAttempts: number
  readonly artifacts: Map<string, AttemptSeen[]>
  readonly capstone: AttemptSeen[]
}

type Prediction =
  | { readonly refused: string }
  | {
      readonly accepted: EnrollmentEvent['type']
      readonly attempt: number
      readonly outcome?: Outcome
    }

const met = (attempts: ReadonlyArray<AttemptSeen>) => attempts.includes('meets')

/** The rules every submission meets, artifact or capstone. */
const submissionRefusal = (model: Model, attempts: ReadonlyArray<AttemptSeen>) => {
  if (attempts[attempts.length - 1] === 'pending') return 'AttemptPending'
  if (met(attempts)) return 'AlreadyMeets'
  if (attempts.length >= model.maxAttempts) return 'AttemptsExhausted'
  return undefined
}

const gradingRefusal = (attempts: ReadonlyArray<AttemptSeen>, attempt: number) => {
  if (attempt > attempts.length) return 'AttemptNotFound'
  if (attempts[attempt - 1] !== 'pending') return 'AlreadyGraded'
  return undefined
}

/** Predicts the decision of `command`, and moves the model along when it is taken. */
const predict = (
  model: Model,
  eolas: ReadonlyArray<Eola>,
  command: EnrollmentCommand,
): Prediction => {
  switch (command.type) {
    case 'SubmitArtifact': {
      const attempts = model.artifacts.get(command.data.eolaId) ?? []
      const refusal = submissionRefusal(model, attempts)
      if (refusal !== undefined) return { refused: refusal }
      attempts.push('pending')
      return { accepted: 'ArtifactSubmitted', attempt: attempts.length }
    }
    case 'GradeArtifact': {
      const attempts = model.artifacts.get(command.data.eolaId) ?? []
      const refusal = gradingRefusal(attempts, command.data.attempt)
      if (refusal !== undefined) return { refused: refusal }
      const rubric = eolas.find((eola) => eola.id === command.data.eolaId)?.rubric ?? []
      const scores = command.data.scores
      if (rubric.some((criterion) => scores[criterion.id] === undefined)) {
        return { refused: 'InvalidScores' }
      }
      const outcome = rubric.every((c) => (scores[c.id] ?? 0) >= c.meetsAt) ? 'meets' : 'revise'
      attempts[command.data.attempt - 1] = outcome
      return { accepted: 'ArtifactGraded', attempt: command.data.attempt, outcome }
    }
    case 'SubmitCapstone': {
      const refusal = submissionRefusal(model, model.capstone)
      if (refusal !== undefined) return { refused: refusal }
      if (!met(model.artifacts.get(command.data.enactedEolaId) ?? [])) {
        return { refused: 'EnactedEolaNotMet' }
      }
      model.capstone.push('pending')
      return { accepted: 'CapstoneSubmitted', attempt: model.capstone.length }
    }
    case 'GradeCapstone': {
      const refusal = gradingRefusal(model.capstone, command.data.attempt)
      if (refusal !== undefined) return { refused: refusal }
      model.capstone[command.data.attempt - 1] = command.data.outcome
      return {
        accepted: 'CapstoneGraded',
        attempt: command.data.attempt,
        outcome: command.data.outcome,
      }
    }
    default:
      throw new Error(`no prediction for ${command.type}`)
  }
}

// -------------------------------------------------------------------------------------
// the generator
// -------------------------------------------------------------------------------------

/**
 * One move: on an EOLA (0 or 1) or the capstone (2), an attempt (submitted, then its latest
 * attempt graded), a submission alone, or a grade alone of the latest attempt, the one before,
 * or one not made yet. Mostly *revise*, so that attempts run out.
 */
const moveArbitrary = fc.record({
  target: fc.nat({ max: 2 }),
  kind: fc.constantFrom('attempt', 'attempt', 'attempt', 'submit', 'grade'),
  meets: fc.constantFrom(false, false, false, true),
  offset: fc.constantFrom(0, 0, 0, -1, 1),
  seed: fc.nat({ max: 255 }),
  completeScores: fc.constantFrom(true, true, true, true, true, false),
  enacted: fc.nat({ max: 1 }),
})
type Move = typeof moveArbitrary extends fc.Arbitrary<infer M> ? M : never

/**
 * Scores for a rubric: each criterion at its `meetsAt` or one above (by `seed`), all within
 * `maxScore`; unless `meets`, the first criterion that can fall short one below its `meetsAt`.
 */
const scoresFor = (eola: Eola, meets: boolean, seed: number, complete: boolean): Scores => {
  const short = meets ? undefined : eola.rubric.find((c) => c.meetsAt > 0)
  const scores: Scores = {}
  eola.rubric.forEach((c, i) => {
    const score = c === short ? c.meetsAt - 1 : Math.min(c.maxScore, c.meetsAt + ((seed >> i) & 1))
    if (complete || i < eola.rubric.length - 1) scores[c.id] = score
  })
  return scores
}

/** A policy that allows 1 to 4 attempts, a journey's enrollment under it, and the moves. */
const evidenceArbitrary = fc.integer({ min: 1, max: 4 }).chain((maxAttempts) => {
  const policy: StructuralPolicy = { ...lausdPolicy, maxAttempts }
  return fc.record({
    policy: fc.constant(policy),
    journey: journeyArbitrary({ policy }),
    moves: fc.array(moveArbitrary, { minLength: 5, maxLength: 30 }),
  })
})

/** The commands of a move, built from the model as it stands when each is sent. */
const commandsOf = (
  move: Move,
  model: Model,
  enrollmentId: string,
  pool: ReadonlyArray<Eola>,
): Array<() => EnrollmentCommand> => {
  const eola = pool[move.target] ?? pool[0]
  if (eola === undefined) return []
  const latest = (attempts: ReadonlyArray<AttemptSeen>) =>
    Math.max(1, attempts.length + (move.kind === 'grade' ? move.offset : 0))
  const submit = (): EnrollmentCommand =>
    move.target === 2
      ? {
          type: 'SubmitCapstone',
          data: {
            enrollmentId,
            enactedEolaId: pool[move.enacted]?.id ?? eola.id,
            documentationUrl: 'https://evidence.example.org/capstone',
            reflection: 'How the enactment went.',
            nextSteps: 'Share it with my team.',
          },
        }
      : {
          type: 'SubmitArtifact',
          data: {
            enrollmentId,
            eolaId: eola.id,
            evidence: [{ kind: 'lessonPlan', url: 'https://evidence.example.org/plan' }],
            reflection: 'What I tried and what I learned.',
          },
        }
  const grade = (): EnrollmentCommand =>
    move.target === 2
      ? {
          type: 'GradeCapstone',
          data: {
            enrollmentId,
            attempt: latest(model.capstone),
            outcome: move.meets ? 'meets' : 'revise',
            feedback: '',
          },
        }
      : {
          type: 'GradeArtifact',
          data: {
            enrollmentId,
            eolaId: eola.id,
            attempt: latest(model.artifacts.get(eola.id) ?? []),
            scores: scoresFor(eola, move.meets, move.seed, move.completeScores),
            feedback: '',
          },
        }
  return move.kind === 'attempt' ? [submit, grade] : move.kind === 'submit' ? [submit] : [grade]
}

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

describe('attempts at the evidence', () => {
  it('every submission and grade is decided as the model predicts, under any attempt cap', () => {
    const tally: Record<string, number> = {}
    const count = (what: string) => {
      tally[what] = (tally[what] ?? 0) + 1
    }
    fc.assert(
      fc.property(evidenceArbitrary, ({ policy, journey, moves }) => {
        const decider = enrollmentDecider(policy)
        const [enroll] = journey.steps
        if (enroll === undefined) throw new Error('a journey starts by enrolling')
        const revisable = (eola: Eola) => eola.rubric.some((c) => c.meetsAt > 0)
        // The two EOLAs worked on: ones that can be graded *revise*, where there are such.
        const pool = [...journey.program.eolas]
          .sort((a, b) => Number(revisable(b)) - Number(revisable(a)))
          .slice(0, 2)
        const model: Model = {
          maxAttempts: policy.maxAttempts,
          artifacts: new Map(journey.program.eolas.map((eola) => [eola.id, []])),
          capstone: [],
        }
        const enrolled = decider.decide(enroll.command, decider.initialState, enroll.context)
        if (E.isLeft(enrolled)) throw new Error(`enrolling was refused: ${enrolled.left.message}`)
        let state = decider.fold(enrolled.right)
        let at = enroll.context.at
        for (const move of moves) {
          for (const build of commandsOf(move, model, journey.enrollmentId, pool)) {
            const command = build()
            const grading = command.type === 'GradeArtifact' || command.type === 'GradeCapstone'
            at = minutesAfter(at, 60)
            const step: Step = {
              command,
              context: {
                actor: grading ? journey.cast.assessor : journey.cast.educator,
                at,
                commandId: `evidence-${at}`,
              },
            }
            const prediction = predict(model, journey.program.eolas, command)
            const decision = decider.decide(step.command, state, step.context)
            const what = `${command.type} (cap ${policy.maxAttempts}): ${
              E.isLeft(decision) ? `${decision.left._tag}: ${decision.left.message}` : 'accepted'
            }`
            if ('refused' in prediction) {
              count(prediction.refused)
              expect(E.isLeft(decision) && decision.left._tag, what).toBe(prediction.refused)
              continue
            }
            expect(E.isRight(decision), what).toBe(true)
            if (E.isLeft(decision)) return
            const [event] = decision.right
            expect(event?.type, what).toBe(prediction.accepted)
            expect(event && 'attempt' in event.data && event.data.attempt, what).toBe(
              prediction.attempt,
            )
            if (prediction.outcome !== undefined) {
              expect(event && 'outcome' in event.data && event.data.outcome, what).toBe(
                prediction.outcome,
              )
            }
            if (!grading && prediction.attempt === policy.maxAttempts) count('last attempt taken')
            if (grading) count(`graded ${prediction.outcome}`)
            state = decider.fold(decision.right, state)
          }
        }
      }),
      { numRuns: 150 },
    )
    // Every rule is reached many times over.
    for (const what of [
      'AttemptsExhausted',
      'last attempt taken',
      'AttemptPending',
      'AlreadyMeets',
      'AttemptNotFound',
      'AlreadyGraded',
      'InvalidScores',
      'EnactedEolaNotMet',
      'graded meets',
      'graded revise',
    ]) {
      expect(tally[what] ?? 0, what).toBeGreaterThan(20)
    }
  })
})
