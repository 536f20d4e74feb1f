/**
 * The SQL of a SQL projection's runner: preparing its tables and checkpoint rows, and one batch
 * of one partition (lock the partition's row, read its next events, apply them, advance the
 * row), each run by the runner inside a transaction of its own.
 *
 * @internal The SQL projection runner's and the enrollment lookup's own, not exported.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '../store/recorded-event.js'
import type { Queryable } from './client.js'
import { checkpointsTable } from './checkpoints.js'
import { eventColumns, int8ToNumber, toRecordedEvent, type EventRow } from './rows.js'
import { quotedSchema } from './schema.js'
import {
  partitionsChanged,
  projectionApplyFailed,
  projectionBatchFailed,
  type AnySqlProjection,
  type SqlProjectionError,
} from './sql-projection.js'

/** Thrown inside a transaction to roll it back with a tagged error. */
export class Abort {
  constructor(readonly error: SqlProjectionError) {}
}

/** What a batch reads when another worker holds the partition. */
export const held = Symbol('held')

interface CheckpointRow {
  readonly position: unknown
  readonly state: unknown
}

const partitionsIn = (state: unknown): unknown =>
  typeof state === 'object' && state !== null
    ? (state as { partitions?: unknown }).partitions
    : undefined

/** What a batch did: how many events it read (and their first and last position), or `held`. */
export type BatchRead = typeof held | { events: number; from: number; to: number }

/** The work of a runner, as functions of a transaction. */
export interface PartitionWork {
  /** Creates the tables and the checkpoint rows; with `rebuild`, empties both first. */
  readonly prepare: (tx: Queryable, rebuild: boolean) => Promise<void>
  /** One batch of one partition. Throws `Abort` to roll back with a tagged error. */
  readonly batch: (tx: Queryable, partition: number) => Promise<BatchRead>
}

/** The work of a runner of `projection` in `schema`, `batchSize` events a batch at most. */
export const partitionWork = (
  projection: AnySqlProjection,
  schema: string,
  batchSize: number,
  workerId: string | undefined,
): PartitionWork => {
  const s = quotedSchema(schema)
  const table = `${s}.${checkpointsTable}`
  const { name, partitions } = projection
  const rowState = JSON.stringify(
    workerId === undefined
      ? { partitions }
      : { partitions, worker: String(workerId).slice(0, 200) },
  )
  const readEvents =
    partitions === 1
      ? `SELECT ${eventColumns} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2`
      : `SELECT ${eventColumns} FROM ${s}.events
         WHERE position > $1 AND abs(hashtext(stream_id)::bigint) % $3 = $4
         ORDER BY position LIMIT $2`

  /** Creates the tables and the checkpoint rows; with `rebuild`, empties both first. */
  const prepare = async (tx: Queryable, rebuild: boolean): Promise<void> => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `microcred.projection.${schema}.${name}`,
    ])
    for (const statement of projection.setup(s)) await tx.query(statement)
    if (rebuild) {
      // Waits for every batch in flight: each holds its partition's row.
      await tx.query(`SELECT partition FROM ${table} WHERE name = $1 FOR UPDATE`, [name])
      for (const statement of projection.reset(s)) await tx.query(statement)
      await tx.query(`DELETE FROM ${table} WHERE name = $1`, [name])
    } else {
      const { rows } = await tx.query(`SELECT partition, state FROM ${table} WHERE name = $1`, [
        name,
      ])
      for (const row of rows as ReadonlyArray<{ partition: number; state: unknown }>) {
        const found = partitionsIn(row.state)
        if (found !== partitions || Number(row.partition) >= partitions) {
          const why =
            typeof found === 'number'
              ? `its checkpoints were written for ${found}`
              : 'its name has a checkpoint that is not a SQL projection'
          throw new Abort(partitionsChanged(name, partitions, why))
        }
      }
    }
    await tx.query(
      `INSERT INTO ${table} (name, partition, position, state)
       SELECT $1, p, 0, $2::jsonb FROM generate_series(0, $3::integer - 1) AS p
       ON CONFLICT (name, partition) DO NOTHING`,
      [name, rowState, partitions],
    )
  }

  /** The decoded events of a batch, applied by `applyBatch` at once or by `apply` one by one. */
  const applyEvents = async (
    tx: Queryable,
    events: ReadonlyArray<unknown>,
    recorded: ReadonlyArray<RecordedEvent>,
    read: { readonly events: number; readonly from: number; readonly to: number },
  ): Promise<void> => {
    if (projection.applyBatch !== undefined) {
      if (events.length === 0) return
      try {
        await projection.applyBatch(tx, events, s, recorded)
      } catch (error) {
        throw new Abort(projectionBatchFailed(name, read, error))
      }
      return
    }
    for (const [i, event] of events.entries()) {
      const source = recorded[i] as RecordedEvent
      try {
        await projection.apply(tx, event, s, source)
      } catch (error) {
        throw new Abort(projectionApplyFailed(name, source, error))
      }
    }
  }

  /** One batch of one partition: how many events it read, or `held` by another worker. */
  const batch = async (tx: Queryable, partition: number): Promise<BatchRead> => {
    const locked = await tx.query(
      `SELECT position, state FROM ${table}
       WHERE name = $1 AND partition = $2 FOR UPDATE SKIP LOCKED`,
      [name, partition],
    )
    const [row] = locked.rows as ReadonlyArray<CheckpointRow>
    if (row === undefined) {
      const exists = await tx.query(`SELECT 1 FROM ${table} WHERE name = $1 AND partition = $2`, [
        name,
        partition,
      ])
      if (exists.rows.length > 0) return held
      throw new Abort(partitionsChanged(name, partitions, 'its checkpoints were removed'))
    }
    const found = partitionsIn(row.state)
    if (found !== partitions) {
      throw new Abort(
        partitionsChanged(name, partitions, `its checkpoints were written for ${String(found)}`),
      )
    }
    const after = int8ToNumber(row.position)
    const params = partitions === 1 ? [after, batchSize] : [after, batchSize, partitions, partition]
    const { rows } = await tx.query(readEvents, params)
    if (rows.length === 0) return { events: 0, from: 0, to: after }
    const events: unknown[] = []
    const recordedEvents: RecordedEvent[] = []
    for (const eventRow of rows as ReadonlyArray<EventRow>) {
      const recorded = toRecordedEvent(eventRow)
      const decoded = projection.decode(recorded)
      if (E.isLeft(decoded)) throw new Abort(decoded.left)
      if (decoded.right === undefined) continue
      events.push(decoded.right)
      recordedEvents.push(recorded)
    }
    const from = int8ToNumber((rows[0] as EventRow).position)
    const to = int8ToNumber((rows[rows.length - 1] as EventRow).position)
    await applyEvents(tx, events, recordedEvents, { events: rows.length, from, to })
    await tx.query(
      `UPDATE ${table} SET position = $3, state = $4::jsonb, updated_at = now()
       WHERE name = $1 AND partition = $2`,
      [name, partition, to, rowState],
    )
    return { events: rows.length, from, to }
  }

  return { prepare, batch }
}
