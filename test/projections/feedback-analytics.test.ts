/**
 * Feedback analytics end to end: educators enroll and answer through `handleCommand`, on the
 * in-memory store (the SQL stores run the same handler: see test/postgres), and the program office reads the analytics from the log with
 * `projectAsOf`: a cohort of 5 is published, a cohort of 3 is suppressed and counts in no total,
 * an outsider's response counts nowhere.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  createInMemoryPersonalDataKeys,
  enrollment,
  erasePersonalData,
  feedback,
  feedbackAnalytics,
  feedbackReadModel,
  handleCommand,
  projectAsOf,
  protectPersonalData,
  type EventStore,
} from '../../src/index.js'

const admin = { id: 'admin-1', roles: ['administrator' as const] }

const enroll = async (store: EventStore, educatorId: string, cohortId: string) => {
  const enrolled = await handleCommand(
    store,
    enrollment,
    {
      type: 'Enroll',
      data: {
        enrollmentId: `enr-${educatorId}`,
        educator: { id: educatorId, name: 'Educator', email: 'educator@lausd.net' },
        cohortId,
        program: catalog.steam,
      },
    },
    { actor: admin, at: '2026-09-01T16:00:00Z', commandId: `enroll-${educatorId}` },
  )
  expect(E.isRight(enrolled)).toBe(true)
}

const answer = async (store: EventStore, educatorId: string, cohortId: string, top: boolean) => {
  const answered = await handleCommand(
    store,
    feedback,
    {
      type: 'SubmitFeedback',
      data: {
        cohortId,
        survey: { kind: 'endOfProgram' },
        educatorId,
        answers: {
          understanding: top ? 5 : 2,
          'professional-growth': 4,
          'second-micro-credential': top ? 4 : 3,
        },
        comment: `said by ${educatorId}`,
      },
    },
    {
      actor: { id: educatorId, roles: ['educator'] },
      at: '2027-06-01T16:00:00Z',
      commandId: `feedback-${educatorId}`,
    },
  )
  expect(E.isRight(answered)).toBe(true)
}

const scenario = async (store: EventStore) => {
  for (let i = 1; i <= 7; i++) await enroll(store, `a-${i}`, 'steam-a')
  for (let i = 1; i <= 3; i++) await enroll(store, `b-${i}`, 'steam-b')
  for (let i = 1; i <= 5; i++) await answer(store, `a-${i}`, 'steam-a', i <= 4)
  for (let i = 1; i <= 3; i++) await answer(store, `b-${i}`, 'steam-b', true)
  await answer(store, 'outsider', 'steam-a', false) // never enrolled in steam-a
  const model = await projectAsOf(store, feedbackReadModel, {})
  if (E.isLeft(model)) throw new Error(model.left.message)
  return feedbackAnalytics(model.right)
}

const check = (programs: Awaited<ReturnType<typeof scenario>>) => {
  expect(programs.map((p) => p.programId)).toEqual(['steam'])
  const [steam] = programs
  expect(steam?.cohorts.map((c) => c.cohortId)).toEqual(['steam-a', 'steam-b'])
  const a = steam?.cohorts[0]?.surveys[0]?.group
  expect(a).toEqual({
    suppressed: false,
    responses: 5,
    items: [
      {
        itemId: 'understanding',
        statement: 'The program supported my understanding of its subject (such as STEAM).',
        topLabels: ['Significantly', 'Very significantly'],
        topShare: 0.8,
      },
      {
        itemId: 'professional-growth',
        statement: 'The experience enhanced my professional growth.',
        topLabels: ['Extensively', 'Very extensively'],
        topShare: 1,
      },
      {
        itemId: 'second-micro-credential',
        statement: 'I want to earn a second micro-credential.',
        topLabels: ['Likely', 'Definitely'],
        topShare: 0.8,
      },
    ],
    secondCredentialShare: 0.8,
    comments: ['said by a-1', 'said by a-2', 'said by a-3', 'said by a-4', 'said by a-5'],
  })
  expect(steam?.cohorts[1]?.surveys).toEqual([
    { survey: { kind: 'endOfProgram' }, group: { suppressed: true, minimumGroupSize: 5 } },
  ])
  // The program's total is cohort A's alone: B's 3 responses count in no total.
  expect(steam?.surveys).toEqual([{ survey: { kind: 'endOfProgram' }, group: a }])
  expect(JSON.stringify(programs)).not.toMatch(/said by b-|outsider/)
}

describe('feedback analytics from the log', () => {
  it('on the in-memory store', async () => {
    check(await scenario(createInMemoryEventStore()))
  })

  it("an erased educator's rating still counts; their comment is no longer shown, not even as a placeholder", async () => {
    const keys = createInMemoryPersonalDataKeys()
    const store = protectPersonalData(createInMemoryEventStore(), keys)
    for (let i = 1; i <= 5; i++) await enroll(store, `a-${i}`, 'steam-a')
    for (let i = 1; i <= 5; i++) await answer(store, `a-${i}`, 'steam-a', true)
    expect(E.isRight(await erasePersonalData(keys, 'a-2'))).toBe(true)
    const model = await projectAsOf(store, feedbackReadModel, {})
    if (E.isLeft(model)) throw new Error(model.left.message)
    const group = feedbackAnalytics(model.right)[0]?.cohorts[0]?.surveys[0]?.group
    expect(group?.suppressed === false && group.responses).toBe(5)
    expect(group?.suppressed === false && group.comments).toEqual([
      'said by a-1',
      'said by a-3',
      'said by a-4',
      'said by a-5',
    ])
  })

  it('filters by program, and a raised minimum hides what a lower one shows', async () => {
    const store = createInMemoryEventStore()
    for (let i = 1; i <= 5; i++) await enroll(store, `a-${i}`, 'steam-a')
    for (let i = 1; i <= 5; i++) await answer(store, `a-${i}`, 'steam-a', true)
    const model = await projectAsOf(store, feedbackReadModel, {})
    if (E.isLeft(model)) throw new Error(model.left.message)
    expect(feedbackAnalytics(model.right, { programId: 'dual-language' })).toEqual([])
    expect(feedbackAnalytics(model.right, { programId: 'steam' })).toHaveLength(1)
    const hidden = feedbackAnalytics(model.right, { minimumGroupSize: 6 })[0]
    expect(hidden?.cohorts[0]?.surveys[0]?.group).toEqual({ suppressed: true, minimumGroupSize: 6 })
    expect(hidden?.surveys[0]?.group.suppressed).toBe(true)
    // Asking for less than 5 still takes 5.
    const low = feedbackAnalytics(model.right, { minimumGroupSize: 1 })[0]
    expect(low?.cohorts[0]?.surveys[0]?.group.suppressed).toBe(false)
  })
})
