/**
 * Participant feedback: the end-of-course and end-of-program surveys of a cohort, answered by its
 * educators (one response each per survey), as events. The analytics a program office publishes
 * from them, anonymous below a minimum group size, are a read model (`feedbackAnalytics`). See
 * docs/feedback.md.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Aggregate } from '../aggregate.js'
import { authorizationRules, authorize, type AuthorizationRules } from '../authorization.js'
import { deepFreeze } from '../freeze.js'
import { FeedbackCommand } from './commands.js'
import { decideFeedback } from './decide.js'
import type { FeedbackError } from './errors.js'
import type { FeedbackEvent } from './events.js'
import { evolveFeedback, foldFeedback, noResponses } from './evolve.js'
import { standardFeedbackItems, type SurveyItem } from './items.js'
import type { FeedbackState } from './state.js'
import { feedbackEvents, feedbackStreamId } from './stream.js'

export * from './items.js'
export * from './survey.js'
export * from './commands.js'
export * from './events.js'
export * from './state.js'
export * from './errors.js'
export * from './evolve.js'
export * from './decide.js'
export * from './stream.js'

/** The feedback aggregate: commands, events and state of a cohort's surveys, and its errors. */
export type FeedbackDecider = Aggregate<
  FeedbackCommand,
  FeedbackEvent,
  FeedbackState,
  FeedbackError
>

/** Options of `feedbackDecider`. */
export interface FeedbackDeciderOptions {
  /** The items every survey asks (default: `standardFeedbackItems`). */
  readonly items?: ReadonlyArray<SurveyItem>
  /** Who may do what (default: `authorizationRules`). */
  readonly authorization?: AuthorizationRules
}

/**
 * The feedback aggregate with a district's own items or authorization table: it runs through
 * `handleCommand` on every store, one stream per cohort (`feedback-<cohortId>`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createInMemoryEventStore, feedbackDecider, handleCommand } from 'microcred'
 * const pacing = { id: 'pacing', statement: 'The pace suited my school year.',
 *   labels: ['Not at all', 'Slightly', 'Moderately', 'Mostly', 'Completely'] as [string, string, string, string, string], topAt: 4 }
 * const myDistrict = feedbackDecider({ items: [pacing] })
 * const store = createInMemoryEventStore()
 * const context = { actor: { id: 'e-1', roles: ['educator' as const] }, at: '2027-06-01T16:00:00Z', commandId: 'fb-1' }
 * const command = { type: 'SubmitFeedback' as const, data: { cohortId: 'c-1', survey: { kind: 'endOfProgram' as const },
 *   educatorId: 'e-1', answers: { pacing: 3 }, comment: '' } }
 * const handled = await handleCommand(store, myDistrict, command, context)
 * assert.ok(E.isRight(handled))
 * assert.equal(handled.right.streamId, 'feedback-c-1')
 * assert.equal(handled.right.events[0]?.type, 'FeedbackSubmitted')
 */
export const feedbackDecider = (options: FeedbackDeciderOptions = {}): FeedbackDecider => {
  const rules = options.authorization ?? authorizationRules
  return {
    initialState: deepFreeze(noResponses()),
    decide: decideFeedback(options.items ?? standardFeedbackItems, rules),
    authorize: (command, _state, context) => {
      const allowed = authorize('SubmitFeedback', context.actor, command.data.educatorId, rules)
      return E.isLeft(allowed) ? allowed : E.right(undefined)
    },
    evolve: evolveFeedback,
    fold: foldFeedback,
    commands: FeedbackCommand,
    events: feedbackEvents,
    streamIdOf: (command) => feedbackStreamId(command.data.cohortId),
    occurredAt: (event) => event.data.at,
  }
}

/**
 * The feedback aggregate with the standard items and the default authorization table.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { feedback } from 'microcred'
 * assert.deepEqual(feedback.initialState, { status: 'noResponses' })
 */
export const feedback: FeedbackDecider = feedbackDecider()
