/**
 * Deciding feedback commands: a response is checked against the actor (the educator themself),
 * the survey's items and who has already answered, and becomes a `FeedbackSubmitted`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  authorizationRules,
  authorize,
  sameIdentity,
  type AuthorizationRules,
} from '../authorization.js'
import { CommandContext } from '../context.js'
import { invalidCommand } from '../errors.js'
import { FeedbackCommand, type Answers } from './commands.js'
import { feedbackViolation, type FeedbackError } from './errors.js'
import type { FeedbackEvent } from './events.js'
import { SurveyItems, type SurveyItem } from './items.js'
import type { FeedbackState } from './state.js'
import { describeSurvey, surveyKey } from './survey.js'

/** The events a command produces, or why it was refused. */
export type FeedbackDecision = E.Either<FeedbackError, ReadonlyArray<FeedbackEvent>>

const listed = (ids: ReadonlyArray<string>): string => ids.map((id) => `'${id}'`).join(', ')

/** Why the answers do not fit the items, or `undefined`. */
const answersProblem = (answers: Answers, items: ReadonlyArray<SurveyItem>): string | undefined => {
  const known = new Set(items.map((item) => item.id))
  const unknown = Object.keys(answers).filter((id) => !known.has(id))
  if (unknown.length > 0) {
    return `the survey has no item ${listed(unknown.slice(0, 5))}; its items are ${listed([...known])}`
  }
  const missing = items.filter((item) => !Object.hasOwn(answers, item.id)).map((item) => item.id)
  if (missing.length > 0) {
    return `every item of the survey is answered (1 to 5); ${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} not`
  }
  return undefined
}

const submitFeedback = (
  command: FeedbackCommand,
  state: FeedbackState,
  context: CommandContext,
  items: ReadonlyArray<SurveyItem>,
  rules: AuthorizationRules,
): FeedbackDecision => {
  const { data } = command
  if (state.status === 'collecting' && state.cohortId !== data.cohortId) {
    return E.left(
      feedbackViolation(
        'WrongCohort',
        `the response is for cohort '${data.cohortId}' but the state is the feedback of '${state.cohortId}'; decide it on the stream feedback-${data.cohortId}`,
      ),
    )
  }
  const allowed = authorize('SubmitFeedback', context.actor, data.educatorId, rules)
  if (E.isLeft(allowed)) return allowed
  if (state.status === 'collecting' && Date.parse(context.at) < Date.parse(state.lastEventAt)) {
    return E.left(
      feedbackViolation(
        'TimeWentBackwards',
        `the response is dated ${context.at}, before the cohort's latest response (${state.lastEventAt})`,
      ),
    )
  }
  const problem = answersProblem(data.answers, items)
  if (problem !== undefined) {
    return E.left(feedbackViolation('InvalidAnswers', `${describeSurvey(data.survey)}: ${problem}`))
  }
  const key = surveyKey(data.survey)
  if (
    state.status === 'collecting' &&
    state.responses.some((r) => r.surveyKey === key && sameIdentity(r.educatorId, data.educatorId))
  ) {
    return E.left(
      feedbackViolation(
        'AlreadyResponded',
        `${data.educatorId} has already answered ${describeSurvey(data.survey)} of cohort '${data.cohortId}'; a survey takes one response per educator`,
      ),
    )
  }
  return E.right([
    {
      type: 'FeedbackSubmitted',
      data: {
        cohortId: data.cohortId,
        survey: data.survey,
        educatorId: data.educatorId,
        answers: data.answers,
        comment: data.comment,
        at: context.at,
      },
    },
  ])
}

/**
 * The feedback `decide` for a list of items (the standard ones unless a district passes its
 * own) and an authorization table: checks the command and context (a failure names the path),
 * the items, the cohort, the actor (the educator themself), the time, the answers (every item,
 * no other) and that the educator has not answered this survey yet (`sameIdentity`). Pure.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decideFeedback, noResponses, standardFeedbackItems } from 'microcred'
 * const decide = decideFeedback(standardFeedbackItems)
 * const command = { type: 'SubmitFeedback' as const, data: { cohortId: 'c-1', survey: { kind: 'endOfProgram' as const },
 *   educatorId: 'e-1', answers: { understanding: 5, 'professional-growth': 4, 'second-micro-credential': 5 }, comment: '' } }
 * const context = { actor: { id: 'e-1', roles: ['educator' as const] }, at: '2027-06-01T16:00:00Z', commandId: 'c-1' }
 * const decided = decide(command, noResponses(), context)
 * assert.ok(E.isRight(decided))
 * const admin = { ...context, actor: { id: 'admin-1', roles: ['administrator' as const] } }
 * const onBehalf = decide(command, noResponses(), admin)
 * assert.ok(E.isLeft(onBehalf) && onBehalf.left._tag === 'NotAuthorized')
 */
export const decideFeedback =
  (items: ReadonlyArray<SurveyItem>, rules: AuthorizationRules = authorizationRules) =>
  (command: FeedbackCommand, state: FeedbackState, context: CommandContext): FeedbackDecision => {
    const decodedCommand = FeedbackCommand.decode(command)
    if (E.isLeft(decodedCommand)) return E.left(invalidCommand('command', decodedCommand.left))
    const decodedContext = CommandContext.decode(context)
    if (E.isLeft(decodedContext)) {
      return E.left(invalidCommand('command context', decodedContext.left))
    }
    const decodedItems = SurveyItems.decode(items)
    if (E.isLeft(decodedItems)) {
      const error = invalidCommand('survey items', decodedItems.left)
      return E.left(
        feedbackViolation(
          'InvalidSurveyItems',
          `${error.message}; pass 1 to 20 items with different ids`,
        ),
      )
    }
    return submitFeedback(
      decodedCommand.right,
      state,
      decodedContext.right,
      decodedItems.right,
      rules,
    )
  }
