/**
 * Why the feedback aggregate refuses a command: values with a `_tag` and a message that names
 * what and where, and what to do.
 *
 * @packageDocumentation
 */
import type { InvalidCommand, NotAuthorized } from '../errors.js'

/** The rules of feedback a command can break. */
export type FeedbackRule =
  'AlreadyResponded' | 'WrongCohort' | 'InvalidAnswers' | 'InvalidSurveyItems' | 'TimeWentBackwards'

/** A rule of feedback that a command broke. */
export interface FeedbackRuleViolation {
  readonly _tag: FeedbackRule
  readonly message: string
}

/** Every error the feedback aggregate's `decide` returns. */
export type FeedbackError = InvalidCommand | NotAuthorized | FeedbackRuleViolation

/**
 * A broken rule of feedback.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { feedbackViolation } from 'microcred'
 * assert.deepEqual(feedbackViolation('WrongCohort', 'no'), { _tag: 'WrongCohort', message: 'no' })
 */
export const feedbackViolation = (tag: FeedbackRule, message: string): FeedbackRuleViolation => ({
  _tag: tag,
  message,
})
