/**
 * Rows back to recorded events. Both drivers parse `jsonb`; they differ on `bigint` (`pg` gives a
 * string, PGlite a number, or a `bigint` past 2^53) and both give a `Date` for `timestamptz`. A
 * row's `data` is returned as stored, whatever it holds: judging it is `decodeRecordedEvent`'s
 * job. A row the store itself could not have written (metadata that is not an object with the
 * fields every event has) is refused with a `StoredRowError` naming where it is.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeIssues, formatIssues } from '../codec.js'
import { EventMetadata, type RecordedEvent } from '../store/recorded-event.js'

/**
 * A stored row the store cannot hand out as an event (its metadata is not the object every event
 * has), with where it is and what is wrong. `readStream` and `readAll` reject with it rather than
 * return something that is not a `RecordedEvent`. (A row whose `data` does not decode is returned
 * as stored: `decodeRecordedEvent` makes it a `CorruptEvent`.)
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StoredRowError } from 'microcred/postgres'
 * const error = new StoredRowError('enrollment-e1', 2, 17, 'at metadata: expected an object')
 * assert.ok(error instanceof Error)
 * assert.equal(error.name, 'StoredRowError')
 * assert.equal(
 *   error.message,
 *   "the stored row at stream 'enrollment-e1' version 2 (position 17) is not an event this store " +
 *     'wrote: at metadata: expected an object; repair or remove it in the database',
 * )
 */
export class StoredRowError extends Error {
  override readonly name = 'StoredRowError'
  constructor(
    readonly streamId: string,
    readonly version: number,
    readonly position: number,
    readonly reason: string,
  ) {
    super(
      `the stored row at stream '${streamId}' version ${version} (position ${position}) is not ` +
        `an event this store wrote: ${reason}; repair or remove it in the database`,
    )
  }
}

/**
 * A `bigint` column as a number, from what either driver returns for it. Past 2^53 - 1 a number
 * is no longer exact, so that is an error rather than a silently rounded position.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { int8ToNumber } from 'microcred/postgres'
 * assert.equal(int8ToNumber('42'), 42) // pg gives strings
 * assert.equal(int8ToNumber(42), 42) // PGlite gives numbers
 * assert.throws(() => int8ToNumber('9007199254740993'), {
 *   name: 'RangeError',
 *   message: 'position 9007199254740993 is past 2^53 - 1, beyond what a JavaScript number holds exactly',
 * })
 * assert.throws(() => int8ToNumber('4.2', 'version'), /the database returned 4.2 for version, not an integer/)
 */
export const int8ToNumber = (value: unknown, what = 'position'): number => {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+$/.test(value))
        ? Number(value)
        : NaN
  if (Number.isSafeInteger(n)) return n
  const shown = typeof value === 'string' || typeof value === 'bigint' ? String(value) : value
  throw new RangeError(
    Number.isNaN(n)
      ? `the database returned ${String(shown)} for ${what}, not an integer`
      : `${what} ${String(shown)} is past 2^53 - 1, beyond what a JavaScript number holds exactly`,
  )
}

/** The columns every read selects, in the shape `toRecordedEvent` expects. */
export const eventColumns = 'position, stream_id, version, type, data, metadata, recorded_at'

/** A row as selected with `eventColumns`. */
export interface EventRow {
  readonly position: unknown
  readonly stream_id: string
  readonly version: unknown
  readonly type: string
  readonly data: unknown
  readonly metadata: unknown
  readonly recorded_at: unknown
}

/** A `timestamptz` as an ISO-8601 string (both drivers return a `Date`). */
export const isoString = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()

/** A row as a recorded event, or a `StoredRowError` when its metadata is broken. */
export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  const position = int8ToNumber(row.position)
  const version = int8ToNumber(row.version, 'version')
  const metadata = EventMetadata.decode(row.metadata)
  if (E.isLeft(metadata)) {
    const issues = decodeIssues(metadata.left).map((issue) => ({
      ...issue,
      path: issue.path === '' ? 'metadata' : `metadata.${issue.path}`,
    }))
    throw new StoredRowError(row.stream_id, version, position, formatIssues(issues))
  }
  return {
    streamId: row.stream_id,
    version,
    position,
    type: row.type,
    data: row.data,
    metadata: metadata.right,
    recordedAt: isoString(row.recorded_at),
  }
}
