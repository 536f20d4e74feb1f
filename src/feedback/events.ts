/**
 * The event of the feedback aggregate, in the past tense.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, IsoDateTime, message, taggedUnion, Text } from '../codec.js'
import { Answers } from './commands.js'
import { Survey } from './survey.js'

/**
 * An educator answered one of their cohort's surveys: the answers by item and the comment. The
 * event names the educator (so no one answers twice, and their data can be erased); the
 * analytics never show who said what.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { FeedbackSubmitted } from 'microcred'
 * const submitted = {
 *   type: 'FeedbackSubmitted',
 *   data: {
 *     cohortId: 'steam-2026-27',
 *     survey: { kind: 'endOfCourse', courseId: 'steam-fa' },
 *     educatorId: 'e-1',
 *     answers: { understanding: 4 },
 *     comment: '',
 *     at: '2026-12-05T16:00:00Z',
 *   },
 * }
 * assert.equal(FeedbackSubmitted.is(submitted), true)
 * assert.equal(FeedbackSubmitted.is({ ...submitted, data: { ...submitted.data, at: 'yesterday' } }), false)
 */
export const FeedbackSubmitted = message(
  'FeedbackSubmitted',
  t.type({
    cohortId: Id,
    survey: Survey,
    educatorId: Id,
    answers: Answers,
    comment: Text,
    at: IsoDateTime,
  }),
)

/**
 * Any feedback event, decoded by its `type` and deeply frozen (a fact).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { FeedbackEvent } from 'microcred'
 * assert.ok(E.isLeft(FeedbackEvent.decode({ type: 'FeedbackSubmitted', data: {} })))
 */
export const FeedbackEvent = taggedUnion('FeedbackEvent', { FeedbackSubmitted }, { frozen: true })
/** Any feedback event. */
export type FeedbackEvent = t.TypeOf<typeof FeedbackEvent>
