/**
 * SQL read models: a projection whose state is tables in the store's schema, changed by SQL in
 * the transaction that also advances its checkpoint (`createSqlProjectionRunner`), and the errors
 * its runner returns.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ProjectionDecoder } from '../projections/projection.js'
import type { CorruptEvent, StoreFailed } from '../store/errors.js'
import type { RecordedEvent } from '../store/recorded-event.js'
import { checkedProjectionName } from './checkpoints.js'
import type { Queryable } from './client.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What `defineSqlProjection` takes. */
export interface SqlProjectionDefinition<Ev = RecordedEvent> {
  /** The projection's name: the key of its checkpoint rows (letters, digits, `.`, `_`, `-`). */
  readonly name: string
  /**
   * Idempotent DDL creating its tables and indexes in the store's schema, one statement per
   * string (`CREATE TABLE IF NOT EXISTS ${s}.my_table ...`), from the quoted schema `s`. Run
   * before the first batch of every runner, and by `rebuild`, under a lock, so several workers
   * starting at once create the tables once.
   */
  readonly setup: (s: string) => ReadonlyArray<string>
  /** SQL emptying its tables for `rebuild` (`DELETE FROM ${s}.my_table`), one statement each. */
  readonly reset: (s: string) => ReadonlyArray<string>
  /**
   * Into how many partitions the log is split (default 1, at most 1,024): a stream's events all
   * fall in partition `abs(hashtext(stream_id)) % partitions`, in order, and each partition is
   * read by one worker at a time. More partitions let more workers share the work. Changing the
   * number needs a `rebuild`.
   */
  readonly partitions?: number
  /** Reads a recorded event (default: every event as recorded): see `ProjectionDecoder`. */
  readonly decode?: ProjectionDecoder<Ev>
  /**
   * Applies one event to the tables, with `tx`: the batch's transaction, which also advances the
   * checkpoint. Anything it throws rolls the whole batch back and stops the runner with
   * `ProjectionApplyFailed`. It must not commit, and should use only `tx`.
   */
  readonly apply: (tx: Queryable, event: Ev, s: string, recorded: RecordedEvent) => Promise<void>
}

/** A SQL projection, as `defineSqlProjection` returns it: its definition, with defaults filled. */
export interface SqlProjection<Ev = RecordedEvent> extends SqlProjectionDefinition<Ev> {
  readonly partitions: number
  readonly decode: ProjectionDecoder<Ev>
}

/** A SQL projection of any events, as a runner takes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySqlProjection = SqlProjection<any>

/** An event's `apply` threw: the batch was rolled back and the runner stopped there. */
export interface ProjectionApplyFailed {
  readonly _tag: 'ProjectionApplyFailed'
  readonly message: string
  readonly projection: string
  readonly streamId: string
  readonly position: number
}

/**
 * The projection's checkpoint rows were written for another number of partitions (or by
 * something other than a SQL projection): its tables would mix two splits of the log.
 */
export interface PartitionsChanged {
  readonly _tag: 'PartitionsChanged'
  readonly message: string
  readonly projection: string
  /** The partitions the definition asks for. */
  readonly partitions: number
}

/** Why a SQL projection's runner stopped. */
export type SqlProjectionError =
  StoreFailed | CorruptEvent | ProjectionApplyFailed | PartitionsChanged

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The most partitions a SQL projection may have.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { maxPartitions } from 'microcred/postgres'
 * assert.equal(maxPartitions, 1024)
 */
export const maxPartitions = 1024

const asRecorded: ProjectionDecoder<never> = (recorded) => E.right(recorded as never)

/**
 * Defines a SQL read model. A name `projectionNameProblem` refuses, or a number of partitions
 * that is not a whole number from 1 to 1,024, is a `TypeError`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { defineSqlProjection } from 'microcred/postgres'
 * const streams = defineSqlProjection({
 *   name: 'streams',
 *   setup: (s) => [`CREATE TABLE IF NOT EXISTS ${s}.streams (stream_id text PRIMARY KEY, events integer NOT NULL)`],
 *   reset: (s) => [`DELETE FROM ${s}.streams`],
 *   apply: async (tx, event, s) => {
 *     await tx.query(
 *       `INSERT INTO ${s}.streams (stream_id, events) VALUES ($1, 1)
 *        ON CONFLICT (stream_id) DO UPDATE SET events = ${s}.streams.events + 1`,
 *       [event.streamId],
 *     )
 *   },
 * })
 * assert.equal(streams.partitions, 1)
 * assert.throws(() => defineSqlProjection({ ...streams, partitions: 0 }), /1 to 1024/)
 */
export const defineSqlProjection = <Ev = RecordedEvent>(
  definition: SqlProjectionDefinition<Ev>,
): SqlProjection<Ev> => {
  checkedProjectionName(definition.name)
  const partitions = definition.partitions ?? 1
  if (!Number.isSafeInteger(partitions) || partitions < 1 || partitions > maxPartitions) {
    throw new TypeError(
      `the SQL projection '${definition.name}' must have 1 to ${maxPartitions} partitions, not ${String(partitions)}`,
    )
  }
  return {
    ...definition,
    partitions,
    decode: definition.decode ?? (asRecorded as ProjectionDecoder<Ev>),
  }
}

/**
 * An event's `apply` that threw.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { projectionApplyFailed } from 'microcred/postgres'
 * const failed = projectionApplyFailed('streams', { streamId: 'enrollment-e1', position: 7 }, new Error('boom'))
 * assert.equal(failed.message, "the SQL projection 'streams' failed to apply the event at position 7 (stream 'enrollment-e1'): boom; nothing of its batch was applied")
 */
export const projectionApplyFailed = (
  projection: string,
  event: { readonly streamId: string; readonly position: number },
  cause: unknown,
): ProjectionApplyFailed => {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return {
    _tag: 'ProjectionApplyFailed',
    message:
      `the SQL projection '${projection}' failed to apply the event at position ${event.position} ` +
      `(stream '${event.streamId.slice(0, 200)}'): ${reason.slice(0, 500)}; nothing of its batch was applied`,
    projection,
    streamId: event.streamId,
    position: event.position,
  }
}

/**
 * Checkpoint rows that do not match the projection's partitions.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { partitionsChanged } from 'microcred/postgres'
 * assert.match(partitionsChanged('streams', 4, 'it was built with 2').message, /rebuild it/)
 */
export const partitionsChanged = (
  projection: string,
  partitions: number,
  found: string,
): PartitionsChanged => ({
  _tag: 'PartitionsChanged',
  message:
    `the SQL projection '${projection}' is defined with ${partitions} partition(s), but ${found}: ` +
    'rebuild it (runner.rebuild()) to split the log anew, or use another name',
  projection,
  partitions,
})
