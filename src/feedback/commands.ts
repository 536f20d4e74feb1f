/**
 * The command of the feedback aggregate: an educator answers one of their cohort's surveys.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { boundedRecord, decodedOnce, exact, Id, taggedUnion, Text } from '../codec.js'
import { LikertAnswer } from './items.js'
import { Survey } from './survey.js'

/**
 * Answers by item id, each a Likert answer from 1 to 5 (at most 100 items; ids are `Id`s, so no
 * `__proto__` and no NUL).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Answers } from 'microcred'
 * assert.equal(Answers.is({ understanding: 5, 'professional-growth': 4 }), true)
 * assert.equal(Answers.is({ understanding: 6 }), false)
 * assert.equal(Answers.is(JSON.parse('{"__proto__": 3}')), false)
 */
export const Answers = boundedRecord(Id, LikertAnswer, undefined, 'Answers')
/** Answers by item id. */
export type Answers = t.TypeOf<typeof Answers>

/**
 * Submit feedback: `educatorId` answers `survey` of cohort `cohortId`, every item of the survey
 * rated, and a comment (which may be empty). Only the educator themself submits it
 * (`SubmitFeedback` in the authorization table), and only once per survey.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SubmitFeedback } from 'microcred'
 * const submit = {
 *   type: 'SubmitFeedback',
 *   data: {
 *     cohortId: 'steam-2026-27',
 *     survey: { kind: 'endOfProgram' },
 *     educatorId: 'e-1',
 *     answers: { understanding: 5, 'professional-growth': 4, 'second-micro-credential': 5 },
 *     comment: 'The coaching conversations helped most.',
 *   },
 * }
 * assert.equal(SubmitFeedback.is(submit), true)
 * assert.equal(SubmitFeedback.is({ ...submit, data: { ...submit.data, educatorName: 'Maria' } }), false)
 */
export const SubmitFeedback = exact(
  {
    type: t.literal('SubmitFeedback'),
    data: exact({ cohortId: Id, survey: Survey, educatorId: Id, answers: Answers, comment: Text }),
  },
  undefined,
  'SubmitFeedback',
)

const commands = taggedUnion('FeedbackCommand', { SubmitFeedback })

/**
 * Any feedback command, decoded by its `type`: a deeply frozen copy that is not decoded again
 * (see `decodedOnce`); exact at every level.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { FeedbackCommand } from 'microcred'
 * const refused = FeedbackCommand.decode({ type: 'SubmitFeedback', data: { cohortId: 'c-1' } })
 * assert.ok(E.isLeft(refused))
 * assert.ok(E.isLeft(FeedbackCommand.decode({ type: 'DefineSurvey', data: {} })))
 */
export const FeedbackCommand = Object.assign(decodedOnce(commands), {
  members: commands.members,
})
/** Any feedback command. */
export type FeedbackCommand = t.TypeOf<typeof FeedbackCommand>
