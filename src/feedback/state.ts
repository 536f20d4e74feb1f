/**
 * The state of a cohort's feedback stream: who has answered which survey. A stream holds the
 * responses of one cohort to all of its surveys, so the rule "one response per educator per
 * survey" is decided on one stream.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, IsoDateTime } from '../codec.js'

/**
 * Nobody has answered any of the cohort's surveys yet, or some have: `responses` lists who
 * answered which survey (by `surveyKey`), in the order they did; `lastEventAt` is the latest
 * response's time. The answers themselves are not kept: the stream decides with who, not what.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { FeedbackState } from 'microcred'
 * assert.equal(FeedbackState.is({ status: 'noResponses' }), true)
 * assert.equal(
 *   FeedbackState.is({ status: 'collecting', cohortId: 'c-1', lastEventAt: '2026-12-05T16:00:00Z',
 *     responses: [{ surveyKey: 'program', educatorId: 'e-1' }] }),
 *   true,
 * )
 */
export const FeedbackState = t.union(
  [
    t.type({ status: t.literal('noResponses') }),
    t.type({
      status: t.literal('collecting'),
      cohortId: Id,
      lastEventAt: IsoDateTime,
      responses: t.array(t.type({ surveyKey: t.string, educatorId: Id })),
    }),
  ],
  'FeedbackState',
)
/** The state of a cohort's feedback stream. */
export type FeedbackState = t.TypeOf<typeof FeedbackState>
/** `'noResponses' | 'collecting'`. */
export type FeedbackStatus = FeedbackState['status']
