/**
 * The assessment rulebook as given/when/then (docs/assessment.md): second scoring (agreed,
 * disputed, adjudicated, no assessor twice), coaching after the last attempt, and the default
 * rules unchanged. Every fixture history is made by the real `decide`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  EnrollmentEvent,
  catalog,
  enrollmentDecider,
  lausdPolicy,
  progressView,
  type Actor,
  type AssessmentPolicy,
  type CommandContext,
  type EnrollmentCommand,
  type EnrollmentDecider,
} from '../../src/index.js'
import { given } from '../../src/testing/index.js'

const enrollmentId = 'enr-1'
const eola = catalog.steam.eolas[0]!
const educator: Actor = { id: 'edu-1', roles: ['educator'] }
const assessor = (id: string): Actor => ({ id, roles: ['assessor'] })
const facilitator: Actor = { id: 'fac-1', roles: ['facilitator'] }
const now = '2026-12-01T16:00:00Z'
const ctx = (actor: Actor, at = now): CommandContext => ({
  actor,
  at,
  commandId: `c-${actor.id}-${at}`,
})
const scores = (meets: boolean) =>
  Object.fromEntries(eola.rubric.map((c, i) => [c.id, meets || i > 0 ? c.meetsAt : 0]))

const enroll: EnrollmentCommand = {
  type: 'Enroll',
  data: {
    enrollmentId,
    cohortId: 'steam-2026',
    program: catalog.steam,
    educator: { id: educator.id, name: 'Ana Ruiz', email: 'ana.ruiz@lausd.net' },
  },
}
const submit: EnrollmentCommand = {
  type: 'SubmitArtifact',
  data: {
    enrollmentId,
    eolaId: eola.id,
    evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }],
    reflection: 'What I changed.',
  },
}
const grade = (attempt: number, meets: boolean): EnrollmentCommand => ({
  type: 'GradeArtifact',
  data: { enrollmentId, eolaId: eola.id, attempt, scores: scores(meets), feedback: 'Noted.' },
})
const coach: EnrollmentCommand = {
  type: 'RecordCoachingConversation',
  data: { enrollmentId, eolaId: eola.id, notes: 'Planned the revision together.' },
}

/** The events of these steps under `assessment`, one an hour from September. */
const history = (
  decider: EnrollmentDecider,
  steps: ReadonlyArray<readonly [EnrollmentCommand, Actor]>,
) => {
  let state = decider.initialState
  const events: EnrollmentEvent[] = []
  steps.forEach(([command, actor], i) => {
    const at = new Date(Date.parse('2026-09-01T16:00:00Z') + i * 3_600_000).toISOString()
    const decided = decider.decide(command, state, ctx(actor, at))
    expect(E.isRight(decided)).toBe(true)
    if (E.isRight(decided)) {
      state = decider.fold(decided.right, state)
      events.push(...decided.right)
    }
  })
  return events
}

const under = (assessment: AssessmentPolicy, maxAttempts = 3) =>
  enrollmentDecider({ ...lausdPolicy, maxAttempts, assessment })
const admin: Actor = { id: 'admin-1', roles: ['administrator'] }

describe('second scoring', () => {
  const decider = under({ secondScoring: 'all' })
  const scored = (round: 1 | 2 | 3, by: string, meets: boolean) => ({
    type: 'ArtifactScored' as const,
    data: {
      enrollmentId,
      eolaId: eola.id,
      attempt: 1,
      round,
      assessorId: by,
      scores: scores(meets),
      outcome: meets ? ('meets' as const) : ('revise' as const),
      feedback: 'Noted.',
      at: now,
    },
  })
  const graded = (by: string, meets: boolean) => ({
    type: 'ArtifactGraded' as const,
    data: {
      enrollmentId,
      eolaId: eola.id,
      attempt: 1,
      assessorId: by,
      scores: scores(meets),
      outcome: meets ? ('meets' as const) : ('revise' as const),
      feedback: 'Noted.',
      at: now,
    },
  })
  const submitted = history(decider, [
    [enroll, admin],
    [submit, educator],
  ])
  const afterA = history(decider, [
    [enroll, admin],
    [submit, educator],
    [grade(1, true), assessor('a-1')],
  ])
  const disputed = history(decider, [
    [enroll, admin],
    [submit, educator],
    [grade(1, true), assessor('a-1')],
    [grade(1, false), assessor('a-2')],
  ])

  it('a first score decides nothing', () => {
    given(submitted, decider)
      .when(grade(1, true), ctx(assessor('a-1')))
      .then([scored(1, 'a-1', true)])
  })
  it('a second that agrees decides', () => {
    given(afterA, decider)
      .when(grade(1, true), ctx(assessor('a-2')))
      .then([scored(2, 'a-2', true), graded('a-2', true)])
  })
  it('a second that disagrees leaves a dispute', () => {
    given(afterA, decider)
      .when(grade(1, false), ctx(assessor('a-2')))
      .then([scored(2, 'a-2', false)])
  })
  it('a third adjudicates', () => {
    given(disputed, decider)
      .when(grade(1, false), ctx(assessor('a-3')))
      .then([scored(3, 'a-3', false), graded('a-3', false)])
  })
  it('no assessor scores an attempt twice, by the identity rule', () => {
    given(afterA, decider)
      .when(grade(1, false), ctx(assessor('A-1')))
      .thenFails('AlreadyScored', 'already scored by a-1')
    given(disputed, decider)
      .when(grade(1, false), ctx(assessor('a-2')))
      .thenFails('AlreadyScored')
  })
  it('the educator never scores their own work', () => {
    given(submitted, decider)
      .when(grade(1, true), ctx({ id: educator.id, roles: ['assessor'] }))
      .thenFails('NotAuthorized')
  })
  it('a decided attempt is graded once', () => {
    const decided = history(decider, [
      [enroll, admin],
      [submit, educator],
      [grade(1, true), assessor('a-1')],
      [grade(1, true), assessor('a-2')],
    ])
    given(decided, decider)
      .when(grade(1, true), ctx(assessor('a-3')))
      .thenFails('AlreadyGraded')
  })
  it('the new events round-trip through their codec and JSON', () => {
    for (const event of [...disputed, scored(3, 'a-3', false)]) {
      const json: unknown = JSON.parse(JSON.stringify(EnrollmentEvent.encode(event)))
      expect(EnrollmentEvent.decode(json)).toEqual(E.right(event))
    }
  })
})

describe('second scoring of the capstone', () => {
  const decider = under({ secondScoring: 'all' })
  const submitCapstone: EnrollmentCommand = {
    type: 'SubmitCapstone',
    data: {
      enrollmentId,
      enactedEolaId: eola.id,
      documentationUrl: 'https://drive.lausd.net/capstone.pdf',
      reflection: 'What the students made.',
      nextSteps: 'Lead the PLC.',
    },
  }
  const gradeCapstone = (outcome: 'meets' | 'revise'): EnrollmentCommand => ({
    type: 'GradeCapstone',
    data: { enrollmentId, attempt: 1, outcome, feedback: 'Noted.' },
  })
  const capstoneScored = (round: 1 | 2 | 3, by: string, outcome: 'meets' | 'revise') => ({
    type: 'CapstoneScored' as const,
    data: { enrollmentId, attempt: 1, round, assessorId: by, outcome, feedback: 'Noted.', at: now },
  })
  const capstoneGraded = (by: string, outcome: 'meets' | 'revise') => ({
    type: 'CapstoneGraded' as const,
    data: { enrollmentId, attempt: 1, assessorId: by, outcome, feedback: 'Noted.', at: now },
  })
  const steps = (
    ...more: ReadonlyArray<readonly [EnrollmentCommand, Actor]>
  ): ReadonlyArray<readonly [EnrollmentCommand, Actor]> => [
    [enroll, admin],
    [submit, educator],
    [grade(1, true), assessor('a-1')],
    [grade(1, true), assessor('a-2')],
    [submitCapstone, educator],
    ...more,
  ]

  it('a first score decides nothing; a second that agrees decides', () => {
    given(history(decider, steps()), decider)
      .when(gradeCapstone('meets'), ctx(assessor('a-1')))
      .then([capstoneScored(1, 'a-1', 'meets')])
    const afterA = history(decider, steps([gradeCapstone('meets'), assessor('a-1')]))
    given(afterA, decider)
      .when(gradeCapstone('meets'), ctx(assessor('a-2')))
      .then([capstoneScored(2, 'a-2', 'meets'), capstoneGraded('a-2', 'meets')])
    given(afterA, decider)
      .when(gradeCapstone('revise'), ctx(assessor('A-1')))
      .thenFails('AlreadyScored', 'already scored by a-1')
  })

  it('a dispute waits for a third, who decides; then it is graded once', () => {
    const disputed = history(
      decider,
      steps([gradeCapstone('meets'), assessor('a-1')], [gradeCapstone('revise'), assessor('a-2')]),
    )
    expect(disputed.at(-1)).toMatchObject({ type: 'CapstoneScored', data: { round: 2 } })
    given(disputed, decider)
      .when(gradeCapstone('revise'), ctx(assessor('a-3')))
      .then([capstoneScored(3, 'a-3', 'revise'), capstoneGraded('a-3', 'revise')])
    const decided = history(
      decider,
      steps(
        [gradeCapstone('meets'), assessor('a-1')],
        [gradeCapstone('revise'), assessor('a-2')],
        [gradeCapstone('meets'), assessor('a-3')],
      ),
    )
    expect(decided.map((event) => event.type).slice(-2)).toEqual([
      'CapstoneScored',
      'CapstoneGraded',
    ])
    given(decided, decider)
      .when(gradeCapstone('meets'), ctx(assessor('a-4')))
      .thenFails('AlreadyGraded')
  })

  it('the new event round-trips through its codec and JSON', () => {
    const event = capstoneScored(3, 'a-3', 'revise')
    const json: unknown = JSON.parse(JSON.stringify(EnrollmentEvent.encode(event)))
    expect(EnrollmentEvent.decode(json)).toEqual(E.right(event))
  })
})

describe('after the last attempt', () => {
  const revised = (decider: EnrollmentDecider) =>
    history(decider, [
      [enroll, admin],
      [submit, educator],
      [grade(1, false), assessor('a-1')],
    ])

  it("under 'final' there is no attempt after the last, and no coaching", () => {
    const decider = under({ afterMaxAttempts: 'final' }, 1)
    given(revised(decider), decider)
      .when(submit, ctx(educator))
      .thenFails('AttemptsExhausted', 'no attempt is left')
    given(revised(decider), decider).when(coach, ctx(facilitator)).thenFails('CoachingNotOffered')
  })

  it("under 'coaching' a recorded conversation allows one further attempt, once", () => {
    const decider = under({ afterMaxAttempts: 'coaching' }, 1)
    given(revised(decider), decider)
      .when(submit, ctx(educator))
      .thenFails('AttemptsExhausted', 'RecordCoachingConversation')
    given(revised(decider), decider)
      .when(coach, ctx(facilitator))
      .then([
        {
          type: 'CoachingConversationRecorded',
          data: {
            enrollmentId,
            eolaId: eola.id,
            afterAttempt: 1,
            notes: 'Planned the revision together.',
            recordedBy: 'fac-1',
            at: now,
          },
        },
      ])
    const coached = history(decider, [
      [enroll, admin],
      [submit, educator],
      [grade(1, false), assessor('a-1')],
      [coach, facilitator],
    ])
    expect(given(coached, decider).when(submit, ctx(educator)).decision).toMatchObject(
      E.right([{ type: 'ArtifactSubmitted', data: { attempt: 2 } }]),
    )
    given(coached, decider).when(coach, ctx(facilitator)).thenFails('AlreadyCoached')
    const again = history(decider, [
      [enroll, admin],
      [submit, educator],
      [grade(1, false), assessor('a-1')],
      [coach, facilitator],
      [submit, educator],
      [grade(2, false), assessor('a-1')],
    ])
    given(again, decider)
      .when(submit, ctx(educator))
      .thenFails('AttemptsExhausted', 'no attempt is left')
  })

  it('what the educator is told: a coaching conversation first, then the further attempt', () => {
    const decider = under({ afterMaxAttempts: 'coaching' }, 1)
    const viewOf = (events: ReadonlyArray<EnrollmentEvent>) =>
      progressView(decider.fold(events, decider.initialState))
    const before = viewOf(revised(decider))
    expect(before.eolas.items[0]).toMatchObject({
      state: { code: 'exhausted' },
      attempts: 1,
      attemptsAllowed: 1,
    })
    expect(before.next[0]).toEqual({
      code: 'holdCoaching',
      label: `Hold the coaching conversation EOLA '${eola.title}' needs (all 1 attempts used without meeting): after it, one further attempt is allowed`,
      requirementId: eola.id,
    })
    expect(before.next.map((action) => action.code)).not.toContain('askCoordinator')
    const coached = viewOf(
      history(decider, [
        [enroll, admin],
        [submit, educator],
        [grade(1, false), assessor('a-1')],
        [coach, facilitator],
      ]),
    )
    expect(coached.eolas.items[0]).toMatchObject({
      state: { code: 'revise' },
      attempts: 1,
      attemptsAllowed: 2,
    })
    expect(coached.next[0]).toMatchObject({ code: 'resubmitEola', requirementId: eola.id })
    expect(coached.missing.join()).not.toContain('every attempt')
    // Under 'final', the coordinator decides: no conversation is offered.
    const final = under({ afterMaxAttempts: 'final' }, 1)
    expect(progressView(final.fold(revised(final), final.initialState)).next[0]?.code).toBe(
      'askCoordinator',
    )
  })

  it('coaching is not due before the last attempt is graded revise, nor from the educator', () => {
    const decider = under({ afterMaxAttempts: 'coaching' }, 2)
    given(revised(decider), decider)
      .when(coach, ctx(facilitator))
      .thenFails('CoachingNotDue', '1 of 2 attempts')
    const awaiting = history(decider, [
      [enroll, admin],
      [submit, educator],
    ])
    given(awaiting, decider)
      .when(coach, ctx(facilitator))
      .thenFails('CoachingNotDue', 'awaiting its grade')
    given(revised(decider), decider)
      .when(coach, ctx({ id: educator.id, roles: ['facilitator'] }))
      .thenFails('NotAuthorized')
  })
})

describe('the default rules', () => {
  it('grade as before: one ArtifactGraded, and the pinned requirements hold no assessment', () => {
    const decider = enrollmentDecider(lausdPolicy)
    const submitted = history(decider, [
      [enroll, admin],
      [submit, educator],
    ])
    const first = submitted[0]
    expect(first?.type === 'EducatorEnrolled' && 'assessment' in first.data.requirements).toBe(
      false,
    )
    const decision = given(submitted, decider).when(grade(1, true), ctx(assessor('a-1'))).decision
    expect(E.isRight(decision) && decision.right.map((e) => e.type)).toEqual(['ArtifactGraded'])
  })
})
