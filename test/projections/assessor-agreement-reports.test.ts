/**
 * The assessment process in the read side: the assessor queue under blind grading, second
 * scoring and a grading target; analytics' share graded within target and assessor agreement;
 * and enrollments without assessment rules read exactly as before.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  assessorQueue,
  catalog,
  enrollmentDecider,
  enrollmentsReadModel,
  foldProjection,
  lausdPolicy,
  programAnalytics,
  pseudonymOf,
  type Actor,
  type AssessmentPolicy,
  type EnrollmentCommand,
  type EnrollmentEvent,
} from '../../src/index.js'

const educator = { id: 'edu-1', name: 'Ana Ruiz', email: 'ana.ruiz@lausd.net' }
const eola = catalog.steam.eolas[0]!
const scores = (meets: boolean) =>
  Object.fromEntries(eola.rubric.map((c, i) => [c.id, meets || i > 0 ? c.meetsAt : 0]))

type Step = readonly [string, Actor, EnrollmentCommand['type'], Record<string, unknown>]

/** One enrollment's events under `assessment`, each command at its own time. */
const journey = (
  enrollmentId: string,
  assessment: AssessmentPolicy | undefined,
  steps: ReadonlyArray<
    readonly [string, Actor, EnrollmentCommand['type'], Record<string, unknown>]
  >,
): EnrollmentEvent[] => {
  const decider = enrollmentDecider(
    assessment === undefined ? lausdPolicy : { ...lausdPolicy, assessment },
  )
  let state = decider.initialState
  const events: EnrollmentEvent[] = []
  const send = (at: string, actor: Actor, command: EnrollmentCommand) => {
    const decided = decider.decide(command, state, {
      actor,
      at,
      commandId: `${enrollmentId}-${at}`,
    })
    if (E.isLeft(decided)) throw new Error(decided.left.message)
    state = decider.fold(decided.right, state)
    events.push(...decided.right)
  }
  send(
    '2026-11-30T16:00:00Z',
    { id: 'admin-1', roles: ['administrator'] },
    {
      type: 'Enroll',
      data: {
        enrollmentId,
        cohortId: 'steam-2026',
        program: catalog.steam,
        educator: { ...educator, id: `${educator.id}-${enrollmentId}` },
      },
    },
  )
  for (const [at, actor, type, data] of steps) {
    send(at, actor, { type, data: { enrollmentId, ...data } } as EnrollmentCommand)
  }
  return events
}

const submit = (at: string, enrollmentId: string): Step => [
  at,
  { id: `${educator.id}-${enrollmentId}`, roles: ['educator'] },
  'SubmitArtifact',
  {
    eolaId: eola.id,
    evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }],
    reflection: 'First try.',
  },
]
const grade = (at: string, assessorId: string, meets: boolean): Step => [
  at,
  { id: assessorId, roles: ['assessor'] },
  'GradeArtifact',
  { eolaId: eola.id, attempt: 1, scores: scores(meets), feedback: '' },
]

const metadata = {
  eventId: 'ev',
  commandId: 'c',
  actorId: 'a',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
}
const modelOf = (events: ReadonlyArray<EnrollmentEvent>) => {
  const model = foldProjection(
    enrollmentsReadModel,
    events.map((event, i) => ({
      streamId: `enrollment-${event.data.enrollmentId}`,
      version: i + 1,
      position: i + 1,
      type: event.type,
      data: event.data,
      metadata,
      recordedAt: event.data.at,
    })),
  )
  if (E.isLeft(model)) throw new Error(model.left.message)
  return model.right
}

const rules: AssessmentPolicy = {
  blind: true,
  secondScoring: 'all',
  gradingTargetDays: 2,
  holidays: ['2026-12-08'],
}

describe('the assessor queue under the assessment process', () => {
  it('hides the educator, keeps a scored attempt until decided, shows the due date and whether overdue', () => {
    const events = [
      // Submitted Friday: due Tuesday, but Tuesday the 8th is a holiday: Wednesday the 9th.
      ...journey('enr-1', rules, [
        submit('2026-12-04T16:00:00Z', 'enr-1'),
        grade('2026-12-07T16:00:00Z', 'a-1', true),
      ]),
      ...journey('enr-2', rules, [submit('2026-12-04T17:00:00Z', 'enr-2')]),
    ]
    const model = modelOf(events)
    const onTime = assessorQueue(model, { now: '2026-12-09T23:00:00Z' })
    expect(
      onTime.map((item) => [
        item.enrollmentId,
        item.round,
        item.scoredBy,
        item.dueDate,
        item.overdue,
      ]),
    ).toEqual([
      ['enr-1', 2, ['a-1'], '2026-12-09', false],
      ['enr-2', undefined, undefined, '2026-12-09', false],
    ])
    for (const item of onTime) {
      expect(item.blind).toBe(true)
      expect(item.educatorName).toBe(pseudonymOf(item.enrollmentId))
      expect(JSON.stringify(item)).not.toContain('Ana')
      expect(JSON.stringify(item)).not.toContain('edu-1')
    }
    expect(
      assessorQueue(model, { now: '2026-12-10T00:00:00Z' }).map((item) => item.overdue),
    ).toEqual([true, true])
  })

  it('a disputed attempt awaits round 3; a decided one leaves the queue', () => {
    const disputed = journey('enr-1', rules, [
      submit('2026-12-04T16:00:00Z', 'enr-1'),
      grade('2026-12-07T16:00:00Z', 'a-1', true),
      grade('2026-12-07T17:00:00Z', 'a-2', false),
    ])
    const [item] = assessorQueue(modelOf(disputed), { now: '2026-12-08T00:00:00Z' })
    expect([item?.round, item?.scoredBy]).toEqual([3, ['a-1', 'a-2']])
    const adjudicated = journey('enr-1', rules, [
      submit('2026-12-04T16:00:00Z', 'enr-1'),
      grade('2026-12-07T16:00:00Z', 'a-1', true),
      grade('2026-12-07T17:00:00Z', 'a-2', false),
      grade('2026-12-07T18:00:00Z', 'a-3', false),
    ])
    expect(adjudicated.slice(-2).map((e) => e.type)).toEqual(['ArtifactScored', 'ArtifactGraded'])
    expect(assessorQueue(modelOf(adjudicated), { now: '2026-12-08T00:00:00Z' })).toEqual([])
  })

  it('a capstone awaits its second scorer and its adjudicator like an EOLA', () => {
    const capstoneSteps = (grades: ReadonlyArray<readonly [string, 'meets' | 'revise']>) =>
      journey('enr-1', rules, [
        submit('2026-12-01T16:00:00Z', 'enr-1'),
        grade('2026-12-01T17:00:00Z', 'a-1', true),
        grade('2026-12-01T18:00:00Z', 'a-2', true),
        [
          '2026-12-02T16:00:00Z',
          { id: 'edu-1-enr-1', roles: ['educator'] },
          'SubmitCapstone',
          {
            enactedEolaId: eola.id,
            documentationUrl: 'https://drive.lausd.net/capstone.pdf',
            reflection: 'What the students made.',
            nextSteps: 'Lead the PLC.',
          },
        ],
        ...grades.map(([by, outcome], i): Step => [
          `2026-12-03T1${i}:00:00Z`,
          { id: by, roles: ['assessor'] },
          'GradeCapstone',
          { attempt: 1, outcome, feedback: '' },
        ]),
      ])
    const queued = (events: EnrollmentEvent[]) =>
      assessorQueue(modelOf(events), { now: '2026-12-03T23:00:00Z' }).map((item) => [
        item.kind,
        item.round,
        item.scoredBy,
      ])
    expect(queued(capstoneSteps([['a-1', 'meets']]))).toEqual([['capstone', 2, ['a-1']]])
    expect(
      queued(
        capstoneSteps([
          ['a-1', 'meets'],
          ['a-3', 'revise'],
        ]),
      ),
    ).toEqual([['capstone', 3, ['a-1', 'a-3']]])
    const decided = capstoneSteps([
      ['a-1', 'meets'],
      ['a-3', 'revise'],
      ['a-2', 'revise'],
    ])
    expect(queued(decided)).toEqual([])
    // The capstone's scores count in the agreement: a-1 and a-3 disagreed on it.
    const pair = programAnalytics(modelOf(decided))[0]?.assessorAgreement?.pairs.find(
      (p) => p.assessorA === 'a-1' && p.assessorB === 'a-3',
    )
    expect([pair?.attempts, pair?.percentAgreement]).toEqual([1, 0])
  })

  it('without assessment rules, items are as before: no new field', () => {
    const events = journey('enr-1', undefined, [submit('2026-12-04T16:00:00Z', 'enr-1')])
    const [item] = assessorQueue(modelOf(events), { now: '2026-12-09T00:00:00Z' })
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'assessorId',
        'attempt',
        'cohortId',
        'daysWaiting',
        'educatorId',
        'educatorName',
        'eolaId',
        'eolaTitle',
        'enactedEolaId',
        'enrollmentId',
        'kind',
        'programId',
        'submittedAt',
      ].sort(),
    )
    expect(item?.educatorName).toBe('Ana Ruiz')
  })
})

describe('analytics under the assessment process', () => {
  it('reports the share graded within target and assessor agreement, flagged below the threshold', () => {
    const events = [
      // Due Wednesday the 9th (the 8th is a holiday): decided on the 9th, within target.
      ...journey('enr-1', rules, [
        submit('2026-12-04T16:00:00Z', 'enr-1'),
        grade('2026-12-07T16:00:00Z', 'a-1', true),
        grade('2026-12-09T16:00:00Z', 'a-2', true),
      ]),
      // Disputed, adjudicated on the 10th: late.
      ...journey('enr-2', rules, [
        submit('2026-12-04T16:00:00Z', 'enr-2'),
        grade('2026-12-07T16:00:00Z', 'a-1', true),
        grade('2026-12-07T17:00:00Z', 'a-2', false),
        grade('2026-12-10T16:00:00Z', 'a-3', false),
      ]),
    ]
    const [steam] = programAnalytics(modelOf(events))
    expect(steam?.gradingTarget).toEqual({ graded: 2, withinTarget: 1, share: 0.5 })
    const agreement = steam?.assessorAgreement
    expect(
      agreement?.pairs.map((p) => [p.assessorA, p.assessorB, p.attempts, p.percentAgreement]),
    ).toEqual([
      ['a-1', 'a-2', 2, 0.5],
      ['a-1', 'a-3', 1, 0],
      ['a-2', 'a-3', 1, 1],
    ])
    expect(agreement?.assessors.map((a) => [a.assessorId, a.flagged])).toEqual([
      ['a-1', true],
      ['a-2', true],
      ['a-3', true],
    ])
    const lenient = programAnalytics(modelOf(events), { agreementThreshold: 0.5 })[0]
      ?.assessorAgreement
    expect(lenient?.assessors.map((a) => [a.assessorId, a.flagged])).toEqual([
      ['a-1', true],
      ['a-2', false],
      ['a-3', false],
    ])
  })

  it('without assessment rules, analytics have neither field', () => {
    const events = journey('enr-1', undefined, [
      submit('2026-12-04T16:00:00Z', 'enr-1'),
      grade('2026-12-07T16:00:00Z', 'a-1', true),
    ])
    const [steam] = programAnalytics(modelOf(events))
    expect(steam).not.toHaveProperty('gradingTarget')
    expect(steam).not.toHaveProperty('assessorAgreement')
  })
})
