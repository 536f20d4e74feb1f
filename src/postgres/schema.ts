/**
 * The tables of the SQL store, in a PostgreSQL schema of their own, and `migrate`, which creates
 * or upgrades them.
 *
 * @packageDocumentation
 */
import { sqlDatabase, type PostgresClient, type Queryable } from './client.js'

/**
 * The PostgreSQL schema the store uses unless told otherwise.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { defaultSchema } from 'microcred/postgres'
 * assert.equal(defaultSchema, 'microcred')
 */
export const defaultSchema = 'microcred'

/** The largest position or version the store hands out: JavaScript numbers are exact up to it. */
export const maxPosition = Number.MAX_SAFE_INTEGER

/** Options shared by `migrate` and `createPostgresEventStore`. */
export interface SchemaOptions {
  /**
   * The PostgreSQL schema holding the store's tables (default `microcred`): lower-case letters,
   * digits and `_`, starting with a letter or `_`, at most 63 characters.
   */
  readonly schema?: string
}

/** The schema name checked and quoted, or a `TypeError` saying what a name may hold. */
export const quotedSchema = (schema: string = defaultSchema): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(
      `invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _, ` +
        'starting with a letter or _, at most 63 characters',
    )
  }
  return `"${schema}"`
}

/**
 * The migrations, in order; each runs once, in the transaction that records it. Never edit one
 * that has shipped: add the next.
 */
const migrations = (s: string): ReadonlyArray<string> => [
  `CREATE TABLE ${s}.events (
     position    bigint      PRIMARY KEY CHECK (position BETWEEN 1 AND ${maxPosition}),
     stream_id   text        NOT NULL,
     version     integer     NOT NULL CHECK (version >= 1),
     type        text        NOT NULL,
     data        jsonb       NOT NULL,
     metadata    jsonb       NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     CONSTRAINT events_stream_version UNIQUE (stream_id, version)
   );
   -- The head of the global log: one row, locked by every append until it commits, so positions
   -- become visible in order and a tailing reader never skips one (see docs/stores.md).
   CREATE TABLE ${s}.log_head (
     id       boolean PRIMARY KEY DEFAULT true CHECK (id),
     position bigint  NOT NULL
   );
   INSERT INTO ${s}.log_head (id, position) VALUES (true, 0);`,
]

/** Runs the migrations a schema has not had yet, under a lock so two migrators take turns. */
const runMigrations = async (tx: Queryable, schema: string): Promise<number> => {
  const s = quotedSchema(schema)
  // Serializes concurrent migrate() calls on a server; a no-op cost on PGlite.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`microcred.migrate.${schema}`])
  await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
  await tx.query(
    `CREATE TABLE IF NOT EXISTS ${s}.migrations (
       version    integer     PRIMARY KEY,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  )
  const done = await tx.query(`SELECT coalesce(max(version), 0) AS version FROM ${s}.migrations`)
  const applied = Number((done.rows[0] as { version: unknown }).version)
  const all = migrations(s)
  for (let version = applied + 1; version <= all.length; version++) {
    for (const statement of (all[version - 1] ?? '').split(/;\s*$/m)) {
      if (statement.trim() !== '') await tx.query(statement)
    }
    await tx.query(`INSERT INTO ${s}.migrations (version) VALUES ($1)`, [version])
  }
  return all.length
}

/**
 * Creates the store's tables in `schema` (default `microcred`), or brings them up to date.
 * Idempotent: running it again, or from several processes at once, changes nothing. Resolves to
 * the schema version now in place.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { migrate } from 'microcred/postgres'
 * const pglite = new PGlite()
 * const first = await migrate(pglite, { schema: 'district_a' })
 * assert.equal(first.schema, 'district_a')
 * assert.ok(first.version >= 1)
 * assert.deepEqual(await migrate(pglite, { schema: 'district_a' }), first) // again: nothing to do
 * await pglite.close()
 */
export const migrate = async (
  client: PostgresClient,
  options: SchemaOptions = {},
): Promise<{ readonly schema: string; readonly version: number }> => {
  const schema = options.schema ?? defaultSchema
  quotedSchema(schema)
  const version = await sqlDatabase(client).transaction((tx) => runMigrations(tx, schema))
  return { schema, version }
}
