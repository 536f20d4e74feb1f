/**
 * The questions of a participant survey: Likert items answered from 1 to 5, each answer labeled,
 * and the standard items every microcred survey asks (the figures Los Angeles Unified reports
 * from its participant surveys). A district that asks other questions passes its own items, as
 * data, to `feedbackDecider` and `feedbackAnalytics`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { exact, Id, list, NonEmptyText, refine } from '../codec.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An answer to a Likert item: a whole number from 1 (the lowest label) to 5 (the highest).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { LikertAnswer } from 'microcred'
 * assert.equal(LikertAnswer.is(4), true)
 * assert.equal(LikertAnswer.is(0), false)
 * assert.equal(LikertAnswer.is(4.5), false)
 */
export const LikertAnswer = refine(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= 5,
  'a Likert answer (a whole number from 1 to 5)',
)
/** A whole number from 1 to 5. */
export type LikertAnswer = t.TypeOf<typeof LikertAnswer>

/**
 * The five labels of a Likert item, from the answer 1 to the answer 5.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { LikertLabels } from 'microcred'
 * assert.equal(LikertLabels.is(['Never', 'Rarely', 'Sometimes', 'Often', 'Always']), true)
 * assert.equal(LikertLabels.is(['No', 'Yes']), false)
 */
export const LikertLabels = t.tuple(
  [NonEmptyText, NonEmptyText, NonEmptyText, NonEmptyText, NonEmptyText],
  'LikertLabels',
)
/** Five labels, from the answer 1 to the answer 5. */
export type LikertLabels = t.TypeOf<typeof LikertLabels>

/**
 * A Likert item: its id (the key of its answer), the statement participants rate, the five
 * labels, and `topAt`, the lowest answer that counts among the top answers the analytics report
 * (4: the two highest labels).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SurveyItem } from 'microcred'
 * const item = {
 *   id: 'pacing',
 *   statement: 'The pace of the modules suited my school year.',
 *   labels: ['Not at all', 'Slightly', 'Moderately', 'Mostly', 'Completely'],
 *   topAt: 4,
 * }
 * assert.equal(SurveyItem.is(item), true)
 * assert.equal(SurveyItem.is({ ...item, topAt: 6 }), false)
 * assert.equal(SurveyItem.is({ ...item, weight: 2 }), false) // an unknown field
 */
export const SurveyItem = exact(
  { id: Id, statement: NonEmptyText, labels: LikertLabels, topAt: LikertAnswer },
  undefined,
  'SurveyItem',
)
/** A Likert item of a survey. */
export type SurveyItem = t.TypeOf<typeof SurveyItem>

/**
 * The items of a survey: 1 to 20, their ids all different.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SurveyItems, standardFeedbackItems } from 'microcred'
 * assert.equal(SurveyItems.is(standardFeedbackItems), true)
 * assert.equal(SurveyItems.is([]), false)
 * assert.equal(SurveyItems.is([standardFeedbackItems[0], standardFeedbackItems[0]]), false) // twice
 */
export const SurveyItems = new t.Type<ReadonlyArray<SurveyItem>, unknown, unknown>(
  'SurveyItems',
  (u): u is ReadonlyArray<SurveyItem> =>
    list(SurveyItem, 20).is(u) && u.length > 0 && new Set(u.map((i) => i.id)).size === u.length,
  (u, c) => {
    const decoded = list(SurveyItem, 20).validate(u, c)
    if (E.isLeft(decoded)) return decoded
    const items = decoded.right
    if (items.length === 0) return t.failure(u, c, 'a survey has at least one item')
    const ids = items.map((item) => item.id)
    const twice = ids.find((id, i) => ids.indexOf(id) !== i)
    return twice === undefined
      ? t.success(items)
      : t.failure(u, c, `the item id '${twice}' appears more than once`)
  },
  t.identity,
)

// -------------------------------------------------------------------------------------
// the standard items
// -------------------------------------------------------------------------------------

/**
 * The items every survey asks unless a district passes its own, after what Los Angeles Unified
 * reports from its participant surveys ("100% of participants have reported that the experience
 * has significantly supported their understanding of STEAM, and 93% said the experience has
 * extensively enhanced their professional growth") and the survey of the Friday Institute with
 * Digital Promise (97% of teachers who completed a first micro-credential wanted a second):
 *
 * - `understanding`: the program supported my understanding of its subject; top answers
 *   *Significantly* and *Very significantly*;
 * - `professional-growth`: the experience enhanced my professional growth; top answers
 *   *Extensively* and *Very extensively*;
 * - `second-micro-credential`: I want to earn a second micro-credential; top answers *Likely* and
 *   *Definitely*.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { standardFeedbackItems } from 'microcred'
 * assert.deepEqual(standardFeedbackItems.map((item) => item.id), ['understanding', 'professional-growth', 'second-micro-credential'])
 * assert.equal(standardFeedbackItems[0]?.labels[3], 'Significantly')
 * assert.ok(standardFeedbackItems.every((item) => item.topAt === 4))
 * assert.ok(Object.isFrozen(standardFeedbackItems))
 */
export const standardFeedbackItems: ReadonlyArray<SurveyItem> = Object.freeze([
  Object.freeze({
    id: 'understanding',
    statement: 'The program supported my understanding of its subject (such as STEAM).',
    labels: Object.freeze([
      'Not at all',
      'Slightly',
      'Moderately',
      'Significantly',
      'Very significantly',
    ]) as LikertLabels,
    topAt: 4,
  }),
  Object.freeze({
    id: 'professional-growth',
    statement: 'The experience enhanced my professional growth.',
    labels: Object.freeze([
      'Not at all',
      'Slightly',
      'Moderately',
      'Extensively',
      'Very extensively',
    ]) as LikertLabels,
    topAt: 4,
  }),
  Object.freeze({
    id: 'second-micro-credential',
    statement: 'I want to earn a second micro-credential.',
    labels: Object.freeze([
      'Not at all',
      'Unlikely',
      'Unsure',
      'Likely',
      'Definitely',
    ]) as LikertLabels,
    topAt: 4,
  }),
])

/**
 * The id of the standard item that asks whether a participant wants a second micro-credential.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { secondCredentialItemId, standardFeedbackItems } from 'microcred'
 * assert.ok(standardFeedbackItems.some((item) => item.id === secondCredentialItemId))
 */
export const secondCredentialItemId = 'second-micro-credential'
