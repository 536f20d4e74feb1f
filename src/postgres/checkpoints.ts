/**
 * Checkpoints on PostgreSQL (a server or PGlite): the table `checkpoints` in the store's schema,
 * which `migrate` creates (schema version 2). One row per projection or reaction and partition;
 * the `CheckpointStore` port reads and writes partition 0, and SQL projections split into
 * partitions keep one row for each (src/postgres/sql-projection-runner.ts).
 *
 * @packageDocumentation
 */
import type { Checkpoint, CheckpointStore } from '../projections/checkpoints.js'
import { projectionNameProblem } from '../projections/projection.js'
import type { Queryable } from './client.js'
import { int8ToNumber } from './rows.js'
import { defaultSchema, maxPosition, quotedSchema, type SchemaOptions } from './schema.js'

/**
 * The name of the checkpoints' table, in the store's schema.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { checkpointsTable } from 'microcred/postgres'
 * assert.equal(checkpointsTable, 'checkpoints')
 */
export const checkpointsTable = 'checkpoints'

/** The name, checked: a name `projectionNameProblem` refuses is a `TypeError` before any SQL. */
export const checkedProjectionName = (name: string): string => {
  const problem = projectionNameProblem(name)
  if (problem !== undefined) {
    throw new TypeError(
      `invalid projection name ${JSON.stringify(String(name).slice(0, 100))}: ${problem}`,
    )
  }
  return name
}

const checkedPosition = (name: string, position: unknown): number => {
  if (typeof position === 'number' && Number.isSafeInteger(position) && position >= 0) {
    return position
  }
  throw new RangeError(
    `the checkpoint of '${name}' must have a position that is a whole number from 0 to ` +
      `${maxPosition}, not ${typeof position === 'number' ? position : typeof position}`,
  )
}

/** The state as JSON text for a `jsonb` parameter, or `null` (SQL NULL) when there is none. */
const stateJson = (name: string, state: unknown): string | null => {
  if (state === undefined) return null
  let json: string | undefined
  try {
    json = JSON.stringify(state)
  } catch (error) {
    throw new TypeError(
      `the state of checkpoint '${name}' is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  if (json === undefined) {
    throw new TypeError(`the state of checkpoint '${name}' is not JSON (a ${typeof state})`)
  }
  return json
}

interface CheckpointRow {
  readonly position: unknown
  readonly state: unknown
  readonly absent: boolean
}

/**
 * A `CheckpointStore` in the table `checkpoints` of the store's schema, on a `pg` `Pool`, a
 * `PGlite`, or any `Queryable` (each call is one statement). `migrate` must have run (schema
 * version 2 or later). `save` is one upsert of the position and the state together, so a runner
 * stopped at any moment reads back a position and the state that belongs to it; a state is kept
 * as `jsonb` (without one, the column is NULL and `load` returns no `state`). `remove` deletes
 * every partition of the name. Names are checked by `projectionNameProblem` (a `TypeError`
 * before any SQL); a failure of the database rejects.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { createPostgresCheckpoints, migrate } from 'microcred/postgres'
 * const db = await PGlite.create()
 * await migrate(db, { schema: 'district' })
 * const checkpoints = createPostgresCheckpoints(db, { schema: 'district' })
 * assert.equal(await checkpoints.load('cohort-progress'), undefined)
 * await checkpoints.save('cohort-progress', { position: 42, state: { educators: 3 } })
 * assert.deepEqual(await checkpoints.load('cohort-progress'), { position: 42, state: { educators: 3 } })
 * await checkpoints.save('cohort-progress', { position: 43 })
 * assert.deepEqual(await checkpoints.load('cohort-progress'), { position: 43 })
 * await checkpoints.remove('cohort-progress')
 * assert.equal(await checkpoints.load('cohort-progress'), undefined)
 * await assert.rejects(checkpoints.load('no spaces'), { name: 'TypeError' })
 * await db.close()
 */
export const createPostgresCheckpoints = (
  client: Queryable,
  options: SchemaOptions = {},
): CheckpointStore => {
  const table = `${quotedSchema(options.schema ?? defaultSchema)}.${checkpointsTable}`
  return {
    load: async (name) => {
      checkedProjectionName(name)
      const { rows } = await client.query(
        `SELECT position, state, state IS NULL AS absent FROM ${table}
         WHERE name = $1 AND partition = 0`,
        [name],
      )
      const [row] = rows as ReadonlyArray<CheckpointRow>
      if (row === undefined) return undefined
      const position = int8ToNumber(row.position)
      const checkpoint: Checkpoint = row.absent ? { position } : { position, state: row.state }
      return checkpoint
    },
    save: async (name, checkpoint) => {
      checkedProjectionName(name)
      const position = checkedPosition(name, checkpoint.position)
      const state = stateJson(name, checkpoint.state)
      await client.query(
        `INSERT INTO ${table} (name, partition, position, state, updated_at)
         VALUES ($1, 0, $2, $3::jsonb, now())
         ON CONFLICT (name, partition) DO UPDATE
         SET position = excluded.position, state = excluded.state, updated_at = excluded.updated_at`,
        [name, position, state],
      )
    },
    remove: async (name) => {
      checkedProjectionName(name)
      await client.query(`DELETE FROM ${table} WHERE name = $1`, [name])
    },
  }
}
