/**
 * The feedback aggregate as a rulebook: who may answer, what an answer holds, one response per
 * educator per survey, and the aggregate run through `handleCommand` on the in-memory store.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  createInMemoryEventStore,
  feedback,
  feedbackDecider,
  FeedbackEvent,
  feedbackStreamId,
  handleCommand,
  handleUnknownCommand,
  standardFeedbackItems,
  type CommandContext,
  type FeedbackCommand,
  type FeedbackEvent as FeedbackEventType,
  type Survey,
} from '../../src/index.js'
import { specFor } from '../../src/testing/index.js'

const { given } = specFor(feedback)

const answers = { understanding: 5, 'professional-growth': 4, 'second-micro-credential': 2 }
const endOfProgram: Survey = { kind: 'endOfProgram' }
const courseA: Survey = { kind: 'endOfCourse', courseId: 'steam-fa' }

const submit = (
  educatorId: string,
  overrides: Partial<FeedbackCommand['data']> = {},
): FeedbackCommand => ({
  type: 'SubmitFeedback',
  data: {
    cohortId: 'steam-2026',
    survey: endOfProgram,
    educatorId,
    answers,
    comment: '',
    ...overrides,
  },
})

const as = (
  id: string,
  at = '2027-06-01T16:00:00Z',
  roles = ['educator' as const],
): CommandContext => ({
  actor: { id, roles },
  at,
  commandId: `cmd-${id}-${at}`,
})

const submitted = (
  educatorId: string,
  overrides: Partial<FeedbackEventType['data']> = {},
): FeedbackEventType => ({
  type: 'FeedbackSubmitted',
  data: {
    cohortId: 'steam-2026',
    survey: endOfProgram,
    educatorId,
    answers,
    comment: '',
    at: '2027-06-01T16:00:00Z',
    ...overrides,
  },
})

describe('SubmitFeedback', () => {
  it('records the answers and the comment of the educator themself', () => {
    given([])
      .when(submit('e-1', { comment: 'More time for the capstone.' }), as('e-1'))
      .then([submitted('e-1', { comment: 'More time for the capstone.' })])
  })

  it('refuses a second response to the same survey, under any spelling of the same id', () => {
    given([submitted('e-1')])
      .when(submit('E-1'), as('E-1', '2027-06-02T16:00:00Z'))
      .thenFails('AlreadyResponded', 'E-1 has already answered the end-of-program survey')
    given([submitted('e-1')])
      .when(submit('ｅ-1'), as('ｅ-1', '2027-06-02T16:00:00Z'))
      .thenFails('AlreadyResponded')
  })

  it('takes one response per survey: the same educator answers each course survey once', () => {
    given([submitted('e-1')])
      .when(submit('e-1', { survey: courseA }), as('e-1', '2027-06-02T16:00:00Z'))
      .then([submitted('e-1', { survey: courseA, at: '2027-06-02T16:00:00Z' })])
    given([submitted('e-1', { survey: courseA })])
      .when(submit('e-1', { survey: courseA }), as('e-1', '2027-06-02T16:00:00Z'))
      .thenFails('AlreadyResponded', "end-of-course survey of 'steam-fa'")
  })

  it('is the educator themself only: no administrator, facilitator or other educator answers for them', () => {
    given([])
      .when(submit('e-1'), as('admin-1', undefined, ['administrator' as never]))
      .thenFails('NotAuthorized')
    given([])
      .when(submit('e-1'), as('e-2'))
      .thenFails('NotAuthorized', "may not SubmitFeedback on e-1's feedback")
    given([])
      .when(submit('e-1'), { ...as('e-1'), actor: { id: 'e-1', roles: ['facilitator'] } })
      .thenFails('NotAuthorized')
  })

  it('answers every item of the survey, and no other', () => {
    given([])
      .when(submit('e-1', { answers: { understanding: 5 } }), as('e-1'))
      .thenFails('InvalidAnswers', "'professional-growth', 'second-micro-credential' are not")
    given([])
      .when(submit('e-1', { answers: { ...answers, pacing: 3 } }), as('e-1'))
      .thenFails('InvalidAnswers', "the survey has no item 'pacing'")
  })

  it("refuses a response dated before the cohort's latest, and a state of another cohort", () => {
    given([submitted('e-1', { at: '2027-06-05T16:00:00Z' })])
      .when(submit('e-2'), as('e-2', '2027-06-01T16:00:00Z'))
      .thenFails('TimeWentBackwards')
    given([submitted('e-1', { cohortId: 'other-cohort' })])
      .when(submit('e-2'), as('e-2'))
      .thenFails('WrongCohort', 'decide it on the stream feedback-steam-2026')
  })

  it('refuses hostile input naming the path, and decides nothing', () => {
    const hostile: ReadonlyArray<[unknown, RegExp]> = [
      [{ ...submit('e-1'), data: { ...submit('e-1').data, comment: 'a\u0000b' } }, /comment/],
      [
        { ...submit('e-1'), data: { ...submit('e-1').data, comment: 'x'.repeat(1_000_000) } },
        /comment/,
      ],
      [
        {
          ...submit('e-1'),
          data: { ...submit('e-1').data, answers: JSON.parse('{"__proto__": 3}') },
        },
        /answers/,
      ],
      [
        { ...submit('e-1'), data: { ...submit('e-1').data, educatorName: 'Maria' } },
        /educatorName/,
      ],
      [
        {
          ...submit('e-1'),
          data: { ...submit('e-1').data, answers: { ...answers, understanding: 7 } },
        },
        /understanding/,
      ],
      [
        { ...submit('e-1'), data: { ...submit('e-1').data, survey: { kind: 'endOfCourse' } } },
        /survey/,
      ],
      [{ ...submit('e-1'), data: { ...submit('e-1').data, cohortId: '__proto__' } }, /cohortId/],
    ]
    for (const [command, path] of hostile) {
      const error = given([])
        .when(command as FeedbackCommand, as('e-1'))
        .thenFails('InvalidCommand')
      expect(error.message).toMatch(path)
      expect(error.message.length).toBeLessThanOrEqual(1_000)
    }
  })

  it("refuses every command when a district's items are not valid", () => {
    const broken = feedbackDecider({
      items: [standardFeedbackItems[0]!, standardFeedbackItems[0]!],
    })
    const decided = broken.decide(submit('e-1'), broken.initialState, as('e-1'))
    expect(E.isLeft(decided) && decided.left._tag).toBe('InvalidSurveyItems')
    expect(E.isLeft(decided) && decided.left.message).toMatch(/appears more than once/)
  })
})

describe('the feedback aggregate on a store', () => {
  it('keeps a cohort in one stream; the second response of an educator is refused and writes nothing', async () => {
    const store = createInMemoryEventStore()
    const first = await handleCommand(store, feedback, submit('e-1'), as('e-1'))
    expect(E.isRight(first) && first.right.recorded.map((e) => e.streamId)).toEqual([
      feedbackStreamId('steam-2026'),
    ])
    const again = await handleCommand(store, feedback, submit('E-1'), {
      ...as('E-1', '2027-06-02T16:00:00Z'),
    })
    expect(E.isLeft(again) && again.left._tag).toBe('AlreadyResponded')
    expect(await store.streamVersion('feedback-steam-2026')).toBe(1)
  })

  it('takes one of two responses of one educator sent at once: the other is refused on retry', async () => {
    const store = createInMemoryEventStore()
    await handleCommand(store, feedback, submit('e-0'), as('e-0'))
    const both = await Promise.all([
      handleCommand(
        store,
        feedback,
        submit('e-1', { comment: 'first' }),
        as('e-1', '2027-06-02T16:00:00Z'),
      ),
      handleCommand(
        store,
        feedback,
        submit('E-1', { comment: 'second' }),
        as('E-1', '2027-06-02T16:00:00Z'),
      ),
    ])
    expect(both.filter(E.isRight)).toHaveLength(1)
    expect(both.flatMap((r) => (E.isLeft(r) ? [r.left._tag] : []))).toEqual(['AlreadyResponded'])
    expect(await store.streamVersion('feedback-steam-2026')).toBe(2)
  })

  it('answers a repeated commandId with the first events, and only to the educator', async () => {
    const store = createInMemoryEventStore()
    const context = as('e-1')
    await handleCommand(store, feedback, submit('e-1'), context)
    const repeat = await handleCommand(store, feedback, submit('e-1'), context)
    expect(E.isRight(repeat) && [repeat.right.events.length, repeat.right.duplicate]).toEqual([
      1,
      true,
    ])
    const stranger = await handleCommand(store, feedback, submit('e-1'), {
      ...context,
      actor: { id: 'e-2', roles: ['educator'] },
    })
    expect(E.isLeft(stranger) && stranger.left._tag).toBe('NotAuthorized')
    expect(await store.streamVersion('feedback-steam-2026')).toBe(1)
  })

  it('decodes untrusted input at the boundary and writes nothing it refuses', async () => {
    const store = createInMemoryEventStore()
    const refused = await handleUnknownCommand(
      store,
      feedback,
      { type: 'SubmitFeedback', data: { cohortId: 'c' } },
      as('e-1'),
    )
    expect(E.isLeft(refused) && refused.left._tag).toBe('InvalidCommand')
    expect(await store.streamVersion('feedback-c')).toBe(0)
  })

  it('stores events that decode with the event codec', async () => {
    const store = createInMemoryEventStore()
    await handleCommand(store, feedback, submit('e-1', { comment: 'Thanks!' }), as('e-1'))
    const read = []
    for await (const event of store.readAll()) read.push(event)
    expect(
      read.map((event) => E.isRight(FeedbackEvent.decode({ type: event.type, data: event.data }))),
    ).toEqual([true])
  })
})
