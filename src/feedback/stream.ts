/**
 * How feedback is stored: one stream per cohort, and the schema of its events.
 *
 * @packageDocumentation
 */
import { eventSchema } from '../event-schema.js'
import { FeedbackEvent } from './events.js'

/**
 * The stream of a cohort's feedback, every survey of the cohort in one: `feedback-<cohortId>`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { feedbackStreamId } from 'microcred'
 * assert.equal(feedbackStreamId('steam-2026-27'), 'feedback-steam-2026-27')
 */
export const feedbackStreamId = (cohortId: string): string => `feedback-${cohortId}`

/**
 * The schema of stored feedback events: every type at schema version 1.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { FeedbackEvent, feedbackEvents, schemaVersionOf } from 'microcred'
 * assert.equal(feedbackEvents.codec, FeedbackEvent)
 * assert.equal(schemaVersionOf(feedbackEvents, 'FeedbackSubmitted'), 1)
 */
export const feedbackEvents = eventSchema(FeedbackEvent)
