/**
 * Domain errors: values with a `_tag` and a message a person can act on. The core returns them;
 * it never throws.
 *
 * @packageDocumentation
 */
import type * as t from 'io-ts'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'
import { decodeIssues, formatIssues, type DecodeIssue } from './codec.js'
import type { PolicyError } from './policy.js'
import type { ProgramError } from './program/validate.js'

/** A rule of the domain that a command broke; the tag says which. */
export type RuleBroken =
  | 'AlreadyEnrolled'
  | 'NotEnrolled'
  | 'WrongEnrollment'
  | 'EnrollmentClosed'
  | 'TimeWentBackwards'
  | 'UnknownModule'
  | 'InvalidHours'
  | 'UnknownEola'
  | 'AttemptPending'
  | 'AlreadyMeets'
  | 'AttemptsExhausted'
  | 'AttemptNotFound'
  | 'AlreadyGraded'
  | 'InvalidScores'
  | 'CapstoneNotRequired'
  | 'EnactedEolaNotMet'
  | 'AlreadyEarned'
  | 'NotEarned'
  | 'InsecureUrl'
  | 'AlreadyScored'
  | 'CoachingNotOffered'
  | 'AlreadyCoached'
  | 'CoachingNotDue'

/** Input that did not decode: each issue names its path. Nothing was decided. */
export interface InvalidCommand {
  readonly _tag: 'InvalidCommand'
  readonly message: string
  readonly issues: ReadonlyArray<DecodeIssue>
}

/** A program that breaks its shape or the policy: every violation, with paths and numbers. */
export interface InvalidProgram {
  readonly _tag: 'InvalidProgram'
  readonly message: string
  readonly errors: NonEmptyArray<ProgramError>
}

/** The district's policy is one under which no program could be earned: nothing was decided. */
export interface InvalidPolicy {
  readonly _tag: 'InvalidPolicy'
  readonly message: string
  readonly errors: NonEmptyArray<PolicyError>
}

/** The actor's roles or relation to the enrollment do not allow the action. */
export interface NotAuthorized {
  readonly _tag: 'NotAuthorized'
  readonly message: string
  readonly actorId: string
  readonly action: string
}

/** A rule of the credential journey that the command broke. */
export interface RuleViolation {
  readonly _tag: RuleBroken
  readonly message: string
}

/**
 * Every error `decide` returns. Match on `_tag`; show `message` to people.
 */
export type DomainError =
  InvalidCommand | InvalidProgram | InvalidPolicy | NotAuthorized | RuleViolation

/**
 * A rule violation.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ruleViolation } from 'microcred'
 * assert.deepEqual(ruleViolation('UnknownModule', "module 'm9' is not part of this enrollment's program"), {
 *   _tag: 'UnknownModule',
 *   message: "module 'm9' is not part of this enrollment's program",
 * })
 */
export const ruleViolation = (tag: RuleBroken, message: string): RuleViolation => ({
  _tag: tag,
  message,
})

/** The issues an `InvalidCommand` message names; the others are counted. */
const issuesInMessage = 5
/** The longest message an `InvalidCommand` has. */
const messageLength = 1_000

/** `message` cut to `messageLength`, never between the halves of a surrogate pair. */
const capped = (message: string): string => {
  if (message.length <= messageLength) return message
  const end = messageLength - 3
  const high = message.charCodeAt(end - 1) >= 0xd800 && message.charCodeAt(end - 1) <= 0xdbff
  return `${message.slice(0, high ? end - 1 : end)}...`
}

/**
 * The error for input that failed to decode, naming every failing path (up to 50 issues). Its
 * message names the first five and counts the rest, shows values escaped and cut short, and has
 * at most 1,000 characters, whatever was sent.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { invalidCommand } from 'microcred'
 * const result = t.type({ hours: t.number }).decode({})
 * assert.ok(E.isLeft(result))
 * const error = invalidCommand('command', result.left)
 * assert.equal(error._tag, 'InvalidCommand')
 * assert.equal(error.message, 'invalid command: at hours: expected number, got nothing')
 * assert.deepEqual(error.issues, [{ path: 'hours', message: 'expected number, got nothing' }])
 */
export const invalidCommand = (what: string, errors: t.Errors): InvalidCommand => {
  const issues = decodeIssues(errors)
  const more = issues.length - issuesInMessage
  const named = formatIssues(issues.slice(0, issuesInMessage))
  const message = `invalid ${what}: ${named}${more > 0 ? `; and ${more} more` : ''}`
  return { _tag: 'InvalidCommand', message: capped(message), issues }
}

/**
 * The error for a policy under which no program could be earned (see `validatePolicy`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { invalidPolicy } from 'microcred'
 * const error = invalidPolicy([{ _tag: 'InvalidShape', path: 'maxAttempts', message: 'expected a whole number > 0, got 0' }])
 * assert.equal(error._tag, 'InvalidPolicy')
 * assert.equal(error.message, 'invalid policy: at maxAttempts: expected a whole number > 0, got 0')
 */
export const invalidPolicy = (errors: NonEmptyArray<PolicyError>): InvalidPolicy => ({
  _tag: 'InvalidPolicy',
  message: capped(`invalid policy: ${formatIssues(errors)}`),
  errors,
})

/**
 * The error for a program that the policy rejects.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { invalidProgram } from 'microcred'
 * const error = invalidProgram([{ _tag: 'EolaCount', path: 'eolas', message: 'the program has 4 EOLAs; the policy requires 5' }])
 * assert.equal(error._tag, 'InvalidProgram')
 * assert.equal(error.message, 'invalid program: at eolas: the program has 4 EOLAs; the policy requires 5')
 */
export const invalidProgram = (errors: NonEmptyArray<ProgramError>): InvalidProgram => ({
  _tag: 'InvalidProgram',
  message: `invalid program: ${formatIssues(errors)}`,
  errors,
})
