/**
 * Properties of the feedback aggregate: its codecs agree (decode(encode(x)) is x; decoding any
 * JSON never throws), and over random sequences of responses from random actors, a response is
 * accepted exactly when an independent model says so: from the educator themself, every item
 * answered, and the first of that educator (by `sameIdentity`) to that survey.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  feedback,
  FeedbackCommand,
  FeedbackEvent,
  identityKey,
  surveyKey,
  type FeedbackEvent as FeedbackEventType,
  type Role,
  type Survey,
} from '../../src/index.js'
import { answersArbitrary } from '../../src/testing/index.js'

const surveyArbitrary: fc.Arbitrary<Survey> = fc.oneof(
  fc.constant<Survey>({ kind: 'endOfProgram' }),
  fc
    .constantFrom('course-a', 'course-b')
    .map((courseId): Survey => ({ kind: 'endOfCourse', courseId })),
)

/** Ids of few people, in several spellings: `e-1`, `E-1`, `ｅ-1` are one person. */
const personArbitrary = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('e', 'E', 'ｅ'))
  .map(([n, prefix]) => `${prefix}-${n}`)

const step = fc.record({
  survey: surveyArbitrary,
  educatorId: personArbitrary,
  actorId: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: personArbitrary },
  ),
  roles: fc.oneof(
    { weight: 5, arbitrary: fc.constant<Role[]>(['educator']) },
    { weight: 1, arbitrary: fc.constant<Role[]>(['administrator']) },
  ),
  answers: answersArbitrary(),
  dropAnswer: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  comment: fc.string({ maxLength: 40 }),
})

describe('the feedback aggregate (properties)', () => {
  it('decides exactly as the independent model: one response per educator per survey, the educator themself, every item', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let state = feedback.initialState
        const answered = new Set<string>()
        const accepted: FeedbackEventType[] = []
        steps.forEach((s, i) => {
          const at = new Date(Date.UTC(2027, 5, 1) + i * 60_000).toISOString()
          const answers = s.dropAnswer ? { understanding: 3 } : s.answers
          const actorId = s.actorId ?? s.educatorId
          const command = {
            type: 'SubmitFeedback' as const,
            data: {
              cohortId: 'c-1',
              survey: s.survey,
              educatorId: s.educatorId,
              answers,
              comment: s.comment,
            },
          }
          const decided = feedback.decide(command, state, {
            actor: { id: actorId, roles: s.roles },
            at,
            commandId: `c-${i}`,
          })
          const key = `${surveyKey(s.survey)}|${identityKey(s.educatorId)}`
          const expected =
            s.roles.includes('educator') &&
            identityKey(actorId) === identityKey(s.educatorId) &&
            !s.dropAnswer &&
            !answered.has(key)
          expect(
            E.isRight(decided),
            `step ${i}: ${E.isLeft(decided) ? decided.left.message : 'accepted'}`,
          ).toBe(expected)
          if (E.isRight(decided)) {
            answered.add(key)
            accepted.push(...decided.right)
            state = feedback.fold(decided.right, state)
          }
        })
        const keys = accepted.map(
          (e) => `${surveyKey(e.data.survey)}|${identityKey(e.data.educatorId)}`,
        )
        expect(new Set(keys).size).toBe(keys.length)
      }),
      { numRuns: 150 },
    )
  })

  it('events and commands survive encode and decode, and decoding any JSON never throws', () => {
    const event = fc.record({
      type: fc.constant('FeedbackSubmitted' as const),
      data: fc.record({
        cohortId: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
        survey: surveyArbitrary,
        educatorId: personArbitrary,
        answers: answersArbitrary(),
        comment: fc.string({ maxLength: 50 }).filter((s) => !s.includes('\u0000')),
        at: fc.constant('2027-06-01T16:00:00Z'),
      }),
    })
    fc.assert(
      fc.property(event, fc.jsonValue(), (e, json) => {
        expect(FeedbackEvent.decode(FeedbackEvent.encode(e))).toEqual(E.right(e))
        const { cohortId, survey, educatorId, answers, comment } = e.data
        const command = {
          type: 'SubmitFeedback',
          data: { cohortId, survey, educatorId, answers, comment },
        }
        expect(E.isRight(FeedbackCommand.decode(command))).toBe(true)
        expect(() => FeedbackCommand.decode(json)).not.toThrow()
        expect(() => FeedbackEvent.decode(json)).not.toThrow()
        expect(() => FeedbackCommand.decode({ type: 'SubmitFeedback', data: json })).not.toThrow()
      }),
      { numRuns: 150 },
    )
  })
})
