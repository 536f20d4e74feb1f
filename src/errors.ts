/**
 * Domain errors: values with a `_tag` and a message a person can act on. The core returns them;
 * it never throws.
 *
 * @packageDocumentation
 */
import type * as t from 'io-ts'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'
import { decodeIssues, formatIssues, type DecodeIssue } from './codec.js'
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
export type DomainError = InvalidCommand | InvalidProgram | NotAuthorized | RuleViolation

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

/**
 * The error for input that failed to decode, naming every failing path.
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
  return { _tag: 'InvalidCommand', message: `invalid ${what}: ${formatIssues(issues)}`, issues }
}

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
