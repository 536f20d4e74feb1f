/**
 * The personal data keys on PostgreSQL (a server or PGlite): the table `personal_data_keys` in
 * the store's schema, one row per educator, created by its own idempotent DDL. Erasing is a real
 * `DELETE`; `purge` then rewrites the table (`VACUUM FULL`) so the deleted row's bytes leave its
 * data file. What PostgreSQL keeps elsewhere (the write-ahead log, its archive, backups) is the
 * district's to purge: see docs/personal-data.md.
 *
 * @packageDocumentation
 */
import {
  newPersonalDataKey,
  personalDataKeyBytes,
  type PersonalDataKey,
  type PersonalDataKeys,
} from '../store/personal-data-keys.js'
import { sqlState, type Queryable } from './client.js'
import { defaultSchema, quotedSchema, type SchemaOptions } from './schema.js'

/**
 * The name of the keys' table, in the store's schema.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { personalDataKeysTable } from 'microcred/postgres'
 * assert.equal(personalDataKeysTable, 'personal_data_keys')
 */
export const personalDataKeysTable = 'personal_data_keys'

/**
 * Whether PostgreSQL's `text` can hold the id as it is: not with U+0000, and a lone surrogate
 * would be sent as U+FFFD, another id. Such an id has no key (no event can name it: `Id` refuses
 * both), so it is answered without a query, as the in-memory keys answer it.
 */
const storable = (educatorId: string): boolean =>
  educatorId.isWellFormed() && !educatorId.includes('\u0000')

/** Errors two sessions creating the same table at once may get: the loser tries again. */
const raceStates = new Set(['23505', '42P07', '42P06', '42710'])

/**
 * Creates the schema (if missing) and the table `personal_data_keys` in it, if missing: safe to
 * run any number of times, from any number of processes. `createPostgresPersonalDataKeys` runs
 * it before its first query; run it yourself where the application's role may not create tables.
 * A schema name `schemaNameProblem` refuses is an `InvalidSchemaName`, before any SQL runs.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { migratePersonalDataKeys } from 'microcred/postgres'
 * const db = await PGlite.create()
 * await migratePersonalDataKeys(db, { schema: 'district' })
 * await migratePersonalDataKeys(db, { schema: 'district' }) // again: nothing to do
 * const { rows } = await db.query("SELECT count(*)::int AS n FROM district.personal_data_keys")
 * assert.deepEqual(rows, [{ n: 0 }])
 * await assert.rejects(migratePersonalDataKeys(db, { schema: 'pg_catalog' }), { name: 'InvalidSchemaName' })
 * await db.close()
 */
export const migratePersonalDataKeys = async (
  client: Queryable,
  options: SchemaOptions = {},
): Promise<void> => {
  const s = quotedSchema(options.schema ?? defaultSchema)
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.${personalDataKeysTable} (
           educator_id text        PRIMARY KEY,
           key_id      uuid        NOT NULL UNIQUE,
           key         bytea       NOT NULL CHECK (octet_length(key) = ${personalDataKeyBytes}),
           created_at  timestamptz NOT NULL DEFAULT now()
         )`,
      )
      return
    } catch (error) {
      const state = sqlState(error)
      if (attempt >= 3 || state === undefined || !raceStates.has(state)) throw error
    }
  }
}

/** The personal data keys on PostgreSQL, and how to purge what deleted rows leave behind. */
export interface PostgresPersonalDataKeys extends PersonalDataKeys {
  /** Rewrites the table (`VACUUM FULL`): the bytes of deleted keys leave its data file. */
  readonly purge: () => Promise<void>
}

interface KeyRow {
  readonly key_id: string
  readonly key: Uint8Array
}

const keyOf = (row: KeyRow): PersonalDataKey => ({
  keyId: String(row.key_id),
  key: new Uint8Array(row.key),
})

/**
 * Personal data keys in the table `personal_data_keys` of the store's schema, on a `pg` pool or
 * PGlite (any `Queryable`). The table is created before the first query (`migratePersonalDataKeys`).
 * `keyFor` reads the educator's row, and inserts one only if there is none (`ON CONFLICT DO
 * NOTHING`, then reads again), so concurrent callers all get the one key that won; `erase` is a
 * `DELETE`. Keys are stored as they are: a district that wants them wrapped by a key service
 * implements `PersonalDataKeys` over it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { createPostgresPersonalDataKeys } from 'microcred/postgres'
 * const db = await PGlite.create()
 * const keys = createPostgresPersonalDataKeys(db, { schema: 'district' })
 * const key = await keys.keyFor('edu-1')
 * assert.equal(key.key.length, 32)
 * assert.equal((await keys.keyFor('edu-1')).keyId, key.keyId)
 * assert.equal(await keys.erase('edu-1'), true)
 * const { rows } = await db.query('SELECT count(*)::int AS n FROM district.personal_data_keys')
 * assert.deepEqual(rows, [{ n: 0 }]) // deleted, not marked
 * await keys.purge()
 * assert.equal(await keys.find('edu-1'), undefined)
 * await db.close()
 */
export const createPostgresPersonalDataKeys = (
  client: Queryable,
  options: SchemaOptions = {},
): PostgresPersonalDataKeys => {
  const schema = options.schema ?? defaultSchema
  const table = `${quotedSchema(schema)}.${personalDataKeysTable}`
  let ready: Promise<void> | undefined
  const ensure = (): Promise<void> =>
    (ready ??= migratePersonalDataKeys(client, { schema }).catch((error: unknown) => {
      ready = undefined // try again on the next call
      throw error
    }))
  const find = async (educatorId: string): Promise<PersonalDataKey | undefined> => {
    if (!storable(educatorId)) return undefined
    await ensure()
    const { rows } = await client.query(`SELECT key_id, key FROM ${table} WHERE educator_id = $1`, [
      educatorId,
    ])
    const [row] = rows as ReadonlyArray<KeyRow>
    return row === undefined ? undefined : keyOf(row)
  }
  return {
    find,
    keyFor: async (educatorId) => {
      if (!storable(educatorId)) {
        throw new TypeError(
          'an educator id with U+0000 or a lone surrogate cannot key personal data on PostgreSQL',
        )
      }
      for (let attempt = 1; attempt <= 3; attempt++) {
        const existing = await find(educatorId)
        if (existing !== undefined) return existing
        const created = newPersonalDataKey()
        const { rows } = await client.query(
          `INSERT INTO ${table} (educator_id, key_id, key) VALUES ($1, $2, $3)
           ON CONFLICT (educator_id) DO NOTHING RETURNING key_id, key`,
          [educatorId, created.keyId, Buffer.from(created.key)],
        )
        const [row] = rows as ReadonlyArray<KeyRow>
        if (row !== undefined) return keyOf(row)
        // Another session inserted first (and may have erased since): read again.
      }
      throw new Error(
        `the key of educator '${educatorId.slice(0, 200)}' was created and erased again three ` +
          'times while this append waited: try the append again',
      )
    },
    erase: async (educatorId) => {
      if (!storable(educatorId)) return false
      await ensure()
      const { rows } = await client.query(
        `DELETE FROM ${table} WHERE educator_id = $1 RETURNING key_id`,
        [educatorId],
      )
      return rows.length > 0
    },
    purge: async () => {
      await ensure()
      await client.query(`VACUUM FULL ${table}`)
    },
  }
}
