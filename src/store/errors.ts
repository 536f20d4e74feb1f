/**
 * What can go wrong between the core and a store, as tagged values with a message a person can
 * act on.
 *
 * @packageDocumentation
 */
import { formatIssues, type DecodeIssue } from '../codec.js'
import type { ExpectedVersion } from './expected-version.js'

/** The stream was not at the version the append expected: someone else appended first. */
export interface VersionConflict {
  readonly _tag: 'VersionConflict'
  readonly message: string
  readonly streamId: string
  readonly expectedVersion: ExpectedVersion
  readonly actualVersion: number
}

/** An event of a batch cannot be stored as it is (its data is not plain JSON, say). */
export interface InvalidEvent {
  readonly _tag: 'InvalidEvent'
  readonly message: string
  readonly streamId: string
  /** The event's index in the batch. */
  readonly index: number
  /** Where in the event, such as `data.evidence.0.url`. */
  readonly path: string
}

/** Why an append wrote nothing. */
export type AppendError = VersionConflict | InvalidEvent

/** A stored event that does not decode, even after upcasting: where it is, and why. */
export interface CorruptEvent {
  readonly _tag: 'CorruptEvent'
  readonly message: string
  readonly streamId: string
  readonly version: number
  readonly position: number
  readonly type: string
  readonly issues: ReadonlyArray<DecodeIssue>
}

/** The store itself failed (a lost connection, a rolled-back transaction). */
export interface StoreFailed {
  readonly _tag: 'StoreFailed'
  readonly message: string
}

/**
 * A `commandId` the stream already holds came with another command (other content, or another
 * actor): it is not a repeat, and nothing was appended.
 */
export interface CommandIdReused {
  readonly _tag: 'CommandIdReused'
  readonly message: string
  readonly streamId: string
  readonly commandId: string
}

/**
 * A version conflict.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { versionConflict } from 'microcred'
 * const conflict = versionConflict('enrollment-e1', 3, 4)
 * assert.equal(conflict._tag, 'VersionConflict')
 * assert.equal(conflict.message, "stream 'enrollment-e1' is at version 4, but the append expected version 3")
 * assert.equal(
 *   versionConflict('enrollment-e1', 'noStream', 4).message,
 *   "stream 'enrollment-e1' is at version 4, but the append expected no stream",
 * )
 */
export const versionConflict = (
  streamId: string,
  expectedVersion: ExpectedVersion,
  actualVersion: number,
): VersionConflict => ({
  _tag: 'VersionConflict',
  message: `stream '${streamId}' is at version ${actualVersion}, but the append expected ${
    expectedVersion === 'noStream' ? 'no stream' : `version ${expectedVersion}`
  }`,
  streamId,
  expectedVersion,
  actualVersion,
})

/**
 * An event the store refuses, with where in the batch and in the event.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { invalidEvent } from 'microcred'
 * const error = invalidEvent('enrollment-e1', 1, 'data.hours', 'NaN is not JSON')
 * assert.equal(error._tag, 'InvalidEvent')
 * assert.equal(
 *   error.message,
 *   "event 1 of the batch for stream 'enrollment-e1' cannot be stored: at data.hours: NaN is not JSON; nothing was written",
 * )
 */
export const invalidEvent = (
  streamId: string,
  index: number,
  path: string,
  reason: string,
): InvalidEvent => ({
  _tag: 'InvalidEvent',
  message: `event ${index} of the batch for stream '${streamId}' cannot be stored: at ${path}: ${reason}; nothing was written`,
  streamId,
  index,
  path,
})

/**
 * A stored event that does not decode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { corruptEvent } from 'microcred'
 * const error = corruptEvent(
 *   { streamId: 'enrollment-e1', version: 2, position: 17, type: 'HoursRecorded' },
 *   [{ path: 'data.hours', message: 'expected a number > 0, got -1' }],
 * )
 * assert.equal(error._tag, 'CorruptEvent')
 * assert.equal(
 *   error.message,
 *   "stored event 'HoursRecorded' at stream 'enrollment-e1' version 2 (position 17) does not decode: at data.hours: expected a number > 0, got -1",
 * )
 */
export const corruptEvent = (
  where: { streamId: string; version: number; position: number; type: string },
  issues: ReadonlyArray<DecodeIssue>,
): CorruptEvent => ({
  _tag: 'CorruptEvent',
  message: `stored event '${where.type}' at stream '${where.streamId}' version ${where.version} (position ${where.position}) does not decode: ${formatIssues(issues)}`,
  ...where,
  issues,
})

/**
 * A failure of the store itself, from what it threw.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { storeFailed } from 'microcred'
 * assert.deepEqual(storeFailed('appending to stream enrollment-e1', new Error('connection terminated')), {
 *   _tag: 'StoreFailed',
 *   message: 'the store failed while appending to stream enrollment-e1: connection terminated',
 * })
 */
export const storeFailed = (doing: string, cause: unknown): StoreFailed => ({
  _tag: 'StoreFailed',
  message: `the store failed while ${capped(doing)}: ${capped(cause instanceof Error ? cause.message : String(cause))}`,
})

/** The longest part of a message taken from elsewhere (a driver's error, an id) kept whole. */
const maxQuoted = 500

/** `text`, cut to `maxQuoted` characters with a note of how much was left out. */
const capped = (text: string): string =>
  text.length <= maxQuoted
    ? text
    : `${text.slice(0, maxQuoted)}... (${text.length - maxQuoted} more characters)`

/**
 * A `commandId` reused for another command on the same stream.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { commandIdReused } from 'microcred'
 * const error = commandIdReused('enrollment-e1', 'cmd-7')
 * assert.equal(error._tag, 'CommandIdReused')
 * assert.equal(
 *   error.message,
 *   "command id 'cmd-7' was already used on stream 'enrollment-e1' for another command (other content or another actor); give each command its own id; nothing was appended",
 * )
 */
export const commandIdReused = (streamId: string, commandId: string): CommandIdReused => ({
  _tag: 'CommandIdReused',
  message: `command id '${capped(commandId)}' was already used on stream '${capped(streamId)}' for another command (other content or another actor); give each command its own id; nothing was appended`,
  streamId,
  commandId,
})
