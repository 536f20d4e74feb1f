/**
 * The assessment process through the real `decide`, under random assessment rules and random
 * sequences of submissions, scores from random assessors (the educator among them) and coaching
 * conversations, of EOLAs and of the capstone: an outcome is decided only by two assessors who agree or by a third; no
 * assessor scores an attempt twice or their own work; attempts never exceed the cap unless a
 * coaching conversation was recorded first; with second scoring off, a grade is one
 * `ArtifactGraded` as before; and every history the rules wrote passes the history audit.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  auditEnrollmentHistory,
  catalog,
  catalogPrograms,
  enrollmentDecider,
  isEnrolled,
  lausdPolicy,
  sameIdentity,
  secondScoringApplies,
  type Actor,
  type AssessmentPolicy,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentState,
  type StructuralPolicy,
} from '../../src/index.js'

const program = catalog.steam
const eolas = program.eolas.slice(0, 2)
const educator = { id: 'edu-1', name: 'Ana Ruiz', email: 'ana.ruiz@lausd.net' }
const admin: Actor = { id: 'admin-1', roles: ['administrator'] }
const assessors = ['assessor-1', 'assessor-2', 'assessor-3', 'ASSESSOR-1', educator.id]
const actorOf = (id: string): Actor => ({ id, roles: ['assessor', 'facilitator'] })

type Action =
  | { readonly kind: 'submit'; readonly eola: number }
  | { readonly kind: 'score'; readonly eola: number; readonly by: string; readonly meets: boolean }
  | { readonly kind: 'coach'; readonly eola: number; readonly by: string }
  | { readonly kind: 'submitCapstone'; readonly eola: number }
  | { readonly kind: 'scoreCapstone'; readonly by: string; readonly meets: boolean }

// Weighted toward the journey's flow (mostly one EOLA, mostly revise), so runs reach the cap,
// disputes and adjudications often.
const eolaIndex = fc.constantFrom(0, 0, 0, 1)
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('submit' as const), eola: eolaIndex }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('score' as const),
      eola: eolaIndex,
      by: fc.constantFrom(...assessors),
      meets: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('coach' as const),
      eola: eolaIndex,
      by: fc.constantFrom('facilitator-1', 'facilitator-1', educator.id),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('submitCapstone' as const), eola: eolaIndex }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('scoreCapstone' as const),
      by: fc.constantFrom(...assessors),
      meets: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    }),
  },
)

const rules: fc.Arbitrary<AssessmentPolicy> = fc
  .record(
    {
      blind: fc.boolean(),
      secondScoring: fc.oneof(
        fc.constant('none' as const),
        fc.constant('all' as const),
        fc.record({ samplePercent: fc.integer({ min: 0, max: 100 }) }),
      ),
      afterMaxAttempts: fc.constantFrom('final' as const, 'coaching' as const),
    },
    { requiredKeys: ['secondScoring'] },
  )
  .map((r) => ({ ...r })) // fast-check makes records without a prototype; a policy is plain data

const scoresFor = (eola: (typeof eolas)[number], meets: boolean) =>
  Object.fromEntries(
    eola.rubric.map((criterion, i) => [criterion.id, meets || i > 0 ? criterion.meetsAt : 0]),
  )

interface Run {
  readonly policy: StructuralPolicy
  readonly decisions: ReadonlyArray<{
    command: EnrollmentCommand
    events: ReadonlyArray<EnrollmentEvent>
    actorId: string
  }>
  readonly state: EnrollmentState
}

const run = (
  assessment: AssessmentPolicy,
  maxAttempts: number,
  actions: ReadonlyArray<Action>,
): Run => {
  const policy: StructuralPolicy = { ...lausdPolicy, maxAttempts, assessment }
  const decider = enrollmentDecider(policy)
  let state = decider.initialState
  const decisions: Array<Run['decisions'][number]> = []
  let minute = 0
  const send = (command: EnrollmentCommand, actor: Actor) => {
    minute += 1
    const at = new Date(Date.UTC(2026, 8, 1, 16, minute)).toISOString()
    const decided = decider.decide(command, state, { actor, at, commandId: `c-${minute}` })
    if (E.isLeft(decided)) return
    state = decider.fold(decided.right, state)
    decisions.push({ command, events: decided.right, actorId: actor.id })
  }
  send(
    { type: 'Enroll', data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program, educator } },
    admin,
  )
  for (const step of actions) {
    const eola = eolas['eola' in step ? step.eola : 0] ?? eolas[0]!
    if (step.kind === 'submit') {
      send(
        {
          type: 'SubmitArtifact',
          data: {
            enrollmentId: 'enr-1',
            eolaId: eola.id,
            evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }],
            reflection: 'What I changed.',
          },
        },
        { id: educator.id, roles: ['educator'] },
      )
    } else if (step.kind === 'score') {
      const attempts = isEnrolled(state) ? (state.artifacts[eola.id] ?? []) : []
      send(
        {
          type: 'GradeArtifact',
          data: {
            enrollmentId: 'enr-1',
            eolaId: eola.id,
            attempt: Math.max(1, attempts.length),
            scores: scoresFor(eola, step.meets),
            feedback: '',
          },
        },
        actorOf(step.by),
      )
    } else if (step.kind === 'submitCapstone') {
      send(
        {
          type: 'SubmitCapstone',
          data: {
            enrollmentId: 'enr-1',
            enactedEolaId: eola.id,
            documentationUrl: 'https://drive.lausd.net/capstone.pdf',
            reflection: 'What the students made.',
            nextSteps: 'Lead the PLC.',
          },
        },
        { id: educator.id, roles: ['educator'] },
      )
    } else if (step.kind === 'scoreCapstone') {
      const attempts = isEnrolled(state) ? state.capstone.length : 0
      send(
        {
          type: 'GradeCapstone',
          data: {
            enrollmentId: 'enr-1',
            attempt: Math.max(1, attempts),
            outcome: step.meets ? 'meets' : 'revise',
            feedback: '',
          },
        },
        actorOf(step.by),
      )
    } else {
      send(
        {
          type: 'RecordCoachingConversation',
          data: { enrollmentId: 'enr-1', eolaId: eola.id, notes: 'Planned the revision together.' },
        },
        actorOf(step.by),
      )
    }
  }
  return { policy, decisions, state }
}

const scenario = fc.tuple(
  rules,
  fc.integer({ min: 1, max: 3 }),
  fc.array(action, { minLength: 10, maxLength: 60, size: 'max' }),
)

describe('the assessment process', () => {
  it('an outcome is decided only by two who agree or by a third; none scores twice or their own work', () => {
    const seen = { adjudicated: 0, agreed: 0, disputed: 0, capstone: 0 }
    fc.assert(
      fc.property(scenario, ([assessment, maxAttempts, actions]) => {
        const { decisions, policy } = run(assessment, maxAttempts, actions)
        const requirements = decisions[0]?.events[0]
        expect(requirements?.type).toBe('EducatorEnrolled')
        const scored = new Map<string, Array<{ by: string; outcome: string }>>()
        for (const { events, actorId } of decisions) {
          const score = events.find(
            (e) => e.type === 'ArtifactScored' || e.type === 'CapstoneScored',
          )
          const grade = events.find(
            (e) => e.type === 'ArtifactGraded' || e.type === 'CapstoneGraded',
          )
          if (score === undefined && grade === undefined) continue
          expect(sameIdentity(actorId, educator.id)).toBe(false) // never their own work
          const scoredOrGraded = (score ?? grade)!.data
          const work = 'eolaId' in scoredOrGraded ? scoredOrGraded.eolaId : 'capstone'
          const attempt = (scoredOrGraded as { attempt: number }).attempt
          const doubly =
            requirements?.type === 'EducatorEnrolled' &&
            secondScoringApplies(requirements.data.requirements, 'enr-1', work, attempt)
          if (!doubly || policy.assessment?.secondScoring === undefined) {
            // As before: one grade, decided by one assessor.
            expect(score).toBeUndefined()
            expect(grade).toBeDefined()
            continue
          }
          expect(score).toBeDefined()
          if (score?.type !== 'ArtifactScored' && score?.type !== 'CapstoneScored') continue
          if (score.type === 'CapstoneScored') seen.capstone += 1
          const key = `${work}#${attempt}`
          const before = scored.get(key) ?? []
          expect(before.some((s) => sameIdentity(s.by, actorId))).toBe(false) // never twice
          expect(score.data.round).toBe(before.length + 1)
          if (grade?.type === 'ArtifactGraded' || grade?.type === 'CapstoneGraded') {
            const first = before[0]
            const decidedByAgreement =
              score.data.round === 2 && first?.outcome === score.data.outcome
            const decidedByAdjudication = score.data.round === 3
            expect(decidedByAgreement || decidedByAdjudication).toBe(true)
            if (decidedByAgreement) seen.agreed += 1
            if (decidedByAdjudication) seen.adjudicated += 1
            expect(grade.data.outcome).toBe(score.data.outcome)
          } else {
            expect(score.data.round === 1 || before[0]?.outcome !== score.data.outcome).toBe(true)
            if (score.data.round === 2) seen.disputed += 1
          }
          scored.set(key, [...before, { by: actorId, outcome: score.data.outcome }])
        }
      }),
      { numRuns: 100 },
    )
    // The generators reach every path: agreement, dispute, adjudication.
    expect(seen.agreed).toBeGreaterThan(0)
    expect(seen.disputed).toBeGreaterThan(0)
    expect(seen.adjudicated).toBeGreaterThan(0)
    expect(seen.capstone).toBeGreaterThan(0) // and the capstone is second-scored too
  })

  it('attempts never exceed the cap unless a coaching conversation was recorded first, and then by one', () => {
    let beyondCap = 0
    fc.assert(
      fc.property(scenario, ([assessment, maxAttempts, actions]) => {
        const { decisions } = run(assessment, maxAttempts, actions)
        const coached = new Set<string>()
        for (const { events } of decisions) {
          for (const event of events) {
            if (event.type === 'CoachingConversationRecorded') {
              expect(assessment.afterMaxAttempts).toBe('coaching')
              expect(event.data.afterAttempt).toBe(maxAttempts)
              expect(coached.has(event.data.eolaId)).toBe(false)
              coached.add(event.data.eolaId)
            }
            if (event.type === 'ArtifactSubmitted') {
              const cap = maxAttempts + (coached.has(event.data.eolaId) ? 1 : 0)
              expect(event.data.attempt).toBeLessThanOrEqual(cap)
              if (event.data.attempt > maxAttempts) beyondCap += 1
            }
          }
        }
      }),
      { numRuns: 100 },
    )
    expect(beyondCap).toBeGreaterThan(0) // coaching did allow an attempt past the cap
  })

  it('every history the rules wrote passes the history audit', () => {
    fc.assert(
      fc.property(scenario, ([assessment, maxAttempts, actions]) => {
        const { decisions, policy, state } = run(assessment, maxAttempts, actions)
        const audit = auditEnrollmentHistory({ policy, programs: catalogPrograms })
        let version = 0
        const history = decisions.flatMap(({ events, actorId }) =>
          events.map((event) => ({ version: ++version, event, actorId })),
        )
        const audited = audit('enrollment-enr-1', history)
        expect(audited).toEqual(E.right(state))
      }),
      { numRuns: 40 },
    )
  })
})
