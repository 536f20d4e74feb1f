/**
 * The errors of the program lifecycle: the rules a command on a program's versions can break,
 * beside the errors every decider shares (a command that does not decode, a program the policy
 * rejects, an actor without the grant).
 *
 * @packageDocumentation
 */
import type { InvalidCommand, InvalidPolicy, InvalidProgram, NotAuthorized } from '../errors.js'

/** A rule of the program lifecycle that a command broke; the tag says which. */
export type LifecycleRule =
  | 'ProgramAlreadyDrafted'
  | 'ProgramNotDrafted'
  | 'WrongProgram'
  | 'UnknownVersion'
  | 'VersionMismatch'
  | 'NotLatestVersion'
  | 'WrongVersionStatus'
  | 'ProgramRetired'
  | 'TimeWentBackwards'

/** A rule of the program lifecycle that the command broke. */
export interface LifecycleViolation {
  readonly _tag: LifecycleRule
  readonly message: string
}

/**
 * Every error the lifecycle's `decide` returns. Match on `_tag`; show `message` to people. A
 * program that is submitted for review but breaks the policy is an `InvalidProgram` listing
 * every violation.
 */
export type LifecycleError =
  InvalidCommand | InvalidProgram | InvalidPolicy | NotAuthorized | LifecycleViolation

/**
 * A lifecycle rule violation.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { lifecycleViolation } from 'microcred'
 * assert.deepEqual(lifecycleViolation('UnknownVersion', "program 'steam' has no version 4"), {
 *   _tag: 'UnknownVersion',
 *   message: "program 'steam' has no version 4",
 * })
 */
export const lifecycleViolation = (tag: LifecycleRule, message: string): LifecycleViolation => ({
  _tag: tag,
  message,
})
