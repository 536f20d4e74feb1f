/**
 * What can stop a projection or reaction runner, beside the store's own errors (`CorruptEvent`,
 * `StoreFailed`): a checkpoint that does not read back, and code of the projection that threw.
 *
 * @packageDocumentation
 */
import { formatIssues, type DecodeIssue } from '../codec.js'
import type { CorruptEvent, StoreFailed } from '../store/errors.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A saved checkpoint that cannot be used: its position is not a whole number of 0 or more, or
 * its state does not decode with the projection's codec (the projection's state changed shape
 * since it was saved, or the checkpoint table was edited). Rebuild the projection.
 */
export interface CheckpointUnreadable {
  readonly _tag: 'CheckpointUnreadable'
  readonly message: string
  /** The projection's or reaction's name. */
  readonly name: string
  readonly issues: ReadonlyArray<DecodeIssue>
}

/** The projection's or reaction's own code (`evolve`, `decode`, `react`) threw on an event. */
export interface ProjectionThrew {
  readonly _tag: 'ProjectionThrew'
  readonly message: string
  /** The projection's or reaction's name. */
  readonly name: string
  /** The position of the first event of the batch it threw on. */
  readonly position: number
}

/**
 * A runner that cannot run as it was made: a projection or reaction name that cannot be a
 * checkpoint's key, an option out of range, a reaction with no event type or no valid actor.
 * Nothing was read or saved.
 */
export interface InvalidRunner {
  readonly _tag: 'InvalidRunner'
  readonly message: string
  /** What is wrong, one sentence each. */
  readonly problems: ReadonlyArray<string>
}

/**
 * Why a runner stopped: a corrupt event, a failing store, an unreadable checkpoint, a throw, or
 * a runner made with a bad name or options.
 */
export type ProjectionError =
  CorruptEvent | StoreFailed | CheckpointUnreadable | ProjectionThrew | InvalidRunner

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A checkpoint that cannot be used, and why.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { checkpointUnreadable } from 'microcred'
 * const error = checkpointUnreadable('cohort-progress', [{ path: 'rows', message: 'expected an array' }])
 * assert.equal(error._tag, 'CheckpointUnreadable')
 * assert.equal(
 *   error.message,
 *   "the checkpoint of 'cohort-progress' cannot be read back: at rows: expected an array; rebuild the projection (runner.rebuild()) to fold it again from the first event",
 * )
 */
export const checkpointUnreadable = (
  name: string,
  issues: ReadonlyArray<DecodeIssue>,
): CheckpointUnreadable => ({
  _tag: 'CheckpointUnreadable',
  message: `the checkpoint of '${name}' cannot be read back: ${formatIssues(issues)}; rebuild the projection (runner.rebuild()) to fold it again from the first event`,
  name,
  issues,
})

/**
 * A runner made with a bad name or options, and what is wrong.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { invalidRunner } from 'microcred'
 * const error = invalidRunner('cohort progress', ['batchSize is a whole number of 1 or more; got 0'])
 * assert.equal(error._tag, 'InvalidRunner')
 * assert.equal(
 *   error.message,
 *   'the runner of "cohort progress" cannot run: batchSize is a whole number of 1 or more; got 0; nothing was read or saved',
 * )
 */
export const invalidRunner = (name: unknown, problems: ReadonlyArray<string>): InvalidRunner => ({
  _tag: 'InvalidRunner',
  message: `the runner of ${JSON.stringify(String(name).slice(0, 100))} cannot run: ${problems.join('; ')}; nothing was read or saved`,
  problems,
})

/**
 * A projection's or reaction's own code threw.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { projectionThrew } from 'microcred'
 * const error = projectionThrew('cohort-progress', 42, new TypeError('rows is undefined'))
 * assert.equal(error._tag, 'ProjectionThrew')
 * assert.equal(
 *   error.message,
 *   "'cohort-progress' threw on the events from position 42: rows is undefined; nothing of that batch was applied",
 * )
 */
export const projectionThrew = (
  name: string,
  position: number,
  cause: unknown,
): ProjectionThrew => {
  const text = cause instanceof Error ? cause.message : String(cause)
  return {
    _tag: 'ProjectionThrew',
    message: `'${name}' threw on the events from position ${position}: ${text.length > 500 ? `${text.slice(0, 500)}...` : text}; nothing of that batch was applied`,
    name,
    position,
  }
}

/** An "as of" (a date, a date-time or a position) that does not parse: each issue says why. */
export interface InvalidAsOf {
  readonly _tag: 'InvalidAsOf'
  readonly message: string
  readonly issues: ReadonlyArray<DecodeIssue>
}

/**
 * An "as of" that does not parse.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { invalidAsOf } from 'microcred'
 * const error = invalidAsOf([{ path: 'date', message: 'expected a date (2027-01-31) or an ISO-8601 date-time with a zone, got "yesterday"' }])
 * assert.equal(error._tag, 'InvalidAsOf')
 * assert.equal(
 *   error.message,
 *   'invalid as-of: at date: expected a date (2027-01-31) or an ISO-8601 date-time with a zone, got "yesterday"',
 * )
 */
export const invalidAsOf = (issues: ReadonlyArray<DecodeIssue>): InvalidAsOf => ({
  _tag: 'InvalidAsOf',
  message: `invalid as-of: ${formatIssues(issues)}`,
  issues,
})
