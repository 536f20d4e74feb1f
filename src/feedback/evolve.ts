/**
 * How a feedback event changes a cohort's feedback state: one immer recipe, from which `evolve`
 * and the fold are built.
 *
 * @packageDocumentation
 */
import type { Draft } from 'immer'
import { evolveWith, foldWith } from '../decider.js'
import type { FeedbackEvent } from './events.js'
import type { FeedbackState } from './state.js'
import { surveyKey } from './survey.js'

/**
 * A fresh state before any response.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { noResponses } from 'microcred'
 * assert.deepEqual(noResponses(), { status: 'noResponses' })
 */
export const noResponses = (): FeedbackState => ({ status: 'noResponses' })

/**
 * The recipe: a response is added to who answered what. A response of another cohort than the
 * stream's (which `decide` never makes) leaves the state as it is.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { produce } from 'immer'
 * import { applyFeedbackEvent, noResponses } from 'microcred'
 * const event = { type: 'FeedbackSubmitted' as const, data: { cohortId: 'c-1', survey: { kind: 'endOfProgram' as const },
 *   educatorId: 'e-1', answers: {}, comment: '', at: '2027-06-01T16:00:00Z' } }
 * const state = produce(noResponses(), (draft) => applyFeedbackEvent(draft, event))
 * assert.equal(state.status, 'collecting')
 */
export const applyFeedbackEvent = (
  draft: Draft<FeedbackState>,
  event: FeedbackEvent,
): FeedbackState | void => {
  switch (event.type) {
    case 'FeedbackSubmitted': {
      const { data } = event
      const response = { surveyKey: surveyKey(data.survey), educatorId: data.educatorId }
      if (draft.status === 'noResponses') {
        return {
          status: 'collecting',
          cohortId: data.cohortId,
          lastEventAt: data.at,
          responses: [response],
        }
      }
      if (draft.cohortId !== data.cohortId) return
      draft.responses.push(response)
      draft.lastEventAt = data.at
      return
    }
    default: {
      const absurd: never = event.type
      return absurd
    }
  }
}

/**
 * Applies one feedback event (through immer: `state` is untouched).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { evolveFeedback, noResponses } from 'microcred'
 * const state = evolveFeedback(noResponses(), { type: 'FeedbackSubmitted', data: { cohortId: 'c-1',
 *   survey: { kind: 'endOfProgram' }, educatorId: 'e-1', answers: {}, comment: '', at: '2027-06-01T16:00:00Z' } })
 * assert.ok(state.status === 'collecting' && state.responses.length === 1)
 */
export const evolveFeedback = evolveWith(applyFeedbackEvent)

/**
 * Folds a cohort's feedback events, from no responses (or from `state`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { foldFeedback } from 'microcred'
 * assert.deepEqual(foldFeedback([]), { status: 'noResponses' })
 */
export const foldFeedback = foldWith(applyFeedbackEvent, noResponses)
