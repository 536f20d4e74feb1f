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

/** What every SQL projection has, however it applies its events. */
export interface SqlProjectionBase<Ev = RecordedEvent> {
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
}

/**
 * Applies one event to the tables, with `tx`: the batch's transaction, which also advances the
 * checkpoint. Anything it throws rolls the whole batch back and stops the runner with
 * `ProjectionApplyFailed`. It must not commit, and should use only `tx`.
 */
export type ApplySqlEvent<Ev> = (
  tx: Queryable,
  event: Ev,
  s: string,
  recorded: RecordedEvent,
) => Promise<void>

/**
 * Applies a batch's events to the tables at once, with `tx`: the batch's transaction, which also
 * advances the checkpoint. `events` are the batch's decoded events in log order (those `decode`
 * skipped left out; never empty), `recorded[i]` the recorded event `events[i]` was decoded from.
 * The tables must end as if the events had been applied one by one. Anything it throws rolls the
 * whole batch back and stops the runner with `ProjectionApplyFailed`. It must not commit, and
 * should use only `tx`.
 */
export type ApplySqlBatch<Ev> = (
  tx: Queryable,
  events: ReadonlyArray<Ev>,
  s: string,
  recorded: ReadonlyArray<RecordedEvent>,
) => Promise<void>

/**
 * What `defineSqlProjection` takes: the tables, and exactly one of `apply` (one statement or
 * more per event: simple) or `applyBatch` (a batch folded into a few statements: fast).
 */
export type SqlProjectionDefinition<Ev = RecordedEvent> = SqlProjectionBase<Ev> &
  (
    | { readonly apply: ApplySqlEvent<Ev>; readonly applyBatch?: undefined }
    | { readonly applyBatch: ApplySqlBatch<Ev>; readonly apply?: undefined }
  )

/** A SQL projection, as `defineSqlProjection` returns it: its definition, with defaults filled. */
export type SqlProjection<Ev = RecordedEvent> = SqlProjectionDefinition<Ev> & {
  readonly partitions: number
  readonly decode: ProjectionDecoder<Ev>
}

/** A SQL projection of any events, as a runner takes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySqlProjection = SqlProjection<any>

/**
 * An event's `apply` (or a batch's `applyBatch`) threw: the batch was rolled back and the runner
 * stopped there.
 */
export interface ProjectionApplyFailed {
  readonly _tag: 'ProjectionApplyFailed'
  readonly message: string
  readonly projection: string
  /** The position of the event `apply` threw on, or of the first event of the batch. */
  readonly position: number
  /** The position of the batch's last event (`position` when one event failed). */
  readonly lastPosition: number
  /** The stream of the event `apply` threw on (absent when `applyBatch` threw). */
  readonly streamId?: string
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
 * Defines a SQL read model. A name `projectionNameProblem` refuses, a number of partitions that
 * is not a whole number from 1 to 1,024, or not exactly one of `apply` and `applyBatch`, is a
 * `TypeError`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { defineSqlProjection } from 'microcred/postgres'
 * // One event at a time: simple.
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
 * // A batch at a time: the batch folded in JavaScript, written in one statement.
 * const counted = defineSqlProjection({
 *   ...streams,
 *   apply: undefined,
 *   applyBatch: async (tx, events, s) => {
 *     const counts = new Map<string, number>()
 *     for (const event of events) counts.set(event.streamId, (counts.get(event.streamId) ?? 0) + 1)
 *     await tx.query(
 *       `INSERT INTO ${s}.streams (stream_id, events) SELECT * FROM unnest($1::text[], $2::integer[])
 *        ON CONFLICT (stream_id) DO UPDATE SET events = ${s}.streams.events + EXCLUDED.events`,
 *       [[...counts.keys()], [...counts.values()]],
 *     )
 *   },
 * })
 * assert.equal(typeof counted.applyBatch, 'function')
 * assert.throws(() => defineSqlProjection({ ...counted, apply: streams.apply } as never), /exactly one of apply or applyBatch/)
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
  if ((typeof definition.apply === 'function') === (typeof definition.applyBatch === 'function')) {
    throw new TypeError(
      `the SQL projection '${definition.name}' needs exactly one of apply or applyBatch ` +
        '(a function applying one event, or one applying a batch of events)',
    )
  }
  return {
    ...definition,
    partitions,
    decode: definition.decode ?? (asRecorded as ProjectionDecoder<Ev>),
  }
}

const reasonOf = (cause: unknown): string =>
  (cause instanceof Error ? cause.message : String(cause)).slice(0, 500)

/**
 * An event's `apply` that threw.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { projectionApplyFailed } from 'microcred/postgres'
 * const failed = projectionApplyFailed('streams', { streamId: 'enrollment-e1', position: 7 }, new Error('boom'))
 * assert.equal(failed.message, "the SQL projection 'streams' failed to apply the event at position 7 (stream 'enrollment-e1'): boom; nothing of its batch was applied")
 * assert.equal(failed.lastPosition, 7)
 */
export const projectionApplyFailed = (
  projection: string,
  event: { readonly streamId: string; readonly position: number },
  cause: unknown,
): ProjectionApplyFailed => ({
  _tag: 'ProjectionApplyFailed',
  message:
    `the SQL projection '${projection}' failed to apply the event at position ${event.position} ` +
    `(stream '${event.streamId.slice(0, 200)}'): ${reasonOf(cause)}; nothing of its batch was applied`,
  projection,
  position: event.position,
  lastPosition: event.position,
  streamId: event.streamId,
})

/**
 * A batch's `applyBatch` that threw: the positions of the batch's first and last event.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { projectionBatchFailed } from 'microcred/postgres'
 * const failed = projectionBatchFailed('streams', { events: 3, from: 5, to: 9 }, new Error('boom'))
 * assert.equal(failed.message, "the SQL projection 'streams' failed to apply its batch of 3 events at positions 5 to 9: boom; nothing of the batch was applied")
 * assert.deepEqual([failed.position, failed.lastPosition, failed.streamId], [5, 9, undefined])
 */
export const projectionBatchFailed = (
  projection: string,
  batch: { readonly events: number; readonly from: number; readonly to: number },
  cause: unknown,
): ProjectionApplyFailed => ({
  _tag: 'ProjectionApplyFailed',
  message:
    `the SQL projection '${projection}' failed to apply its batch of ${batch.events} events at ` +
    `positions ${batch.from} to ${batch.to}: ${reasonOf(cause)}; nothing of the batch was applied`,
  projection,
  position: batch.from,
  lastPosition: batch.to,
})

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
