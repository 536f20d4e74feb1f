/**
 * The errors of a stack: values with a `_tag` and a message that says what and where, and what
 * to do.
 *
 * @packageDocumentation
 */
import type { InvalidCommand, NotAuthorized } from '../errors.js'

/** A rule of stacks that a command broke; the tag says which. */
export type StackRule =
  | 'StackNotDefined'
  | 'StackAlreadyDefined'
  | 'WrongStack'
  | 'NotAMember'
  | 'EnrollmentMismatch'
  | 'CredentialMismatch'

/** A rule of stacks that a command broke. */
export interface StackRuleViolation {
  readonly _tag: StackRule
  readonly message: string
}

/** Every error a stack's `decide` returns. Match on `_tag`; show `message` to people. */
export type StackError = InvalidCommand | NotAuthorized | StackRuleViolation

/**
 * A stack rule violation.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { stackRuleViolation } from 'microcred'
 * assert.deepEqual(stackRuleViolation('StackNotDefined', "stack 's' is not defined; define it first"), {
 *   _tag: 'StackNotDefined',
 *   message: "stack 's' is not defined; define it first",
 * })
 */
export const stackRuleViolation = (tag: StackRule, message: string): StackRuleViolation => ({
  _tag: tag,
  message,
})
