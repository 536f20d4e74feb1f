/**
 * The tables of the SQL store, in a PostgreSQL schema of their own, and `migrate`, which creates
 * or upgrades them.
 *
 * @packageDocumentation
 */
import { positionSequence } from './append-sql.js'
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
   * digits and `_`, starting with a letter or `_`, at most 63 bytes, and neither one of
   * PostgreSQL's own schemas (`information_schema`, `pg_*`) nor `public` (see
   * `schemaNameProblem`).
   */
  readonly schema?: string
}

/** The longest identifier PostgreSQL keeps whole (`NAMEDATALEN - 1`); longer ones are cut. */
const maxIdentifierBytes = 63

/**
 * What is wrong with `name` as the schema of the store's tables, or `undefined` if nothing is.
 * Refused: the empty name; a name longer than PostgreSQL's 63-byte identifiers (PostgreSQL would
 * silently cut it to another name); anything but lower-case ASCII letters, digits and `_`,
 * starting with a letter or `_` (so no quoting is ever guessed at, and no NUL, space or escape);
 * PostgreSQL's own schemas, `information_schema` and every `pg_*` name (`pg_catalog`,
 * `pg_toast`, `pg_temp_3`...), where the store's tables would sit among the system catalogs; and
 * `public`, every database's shared default schema, where the store's `events` and `migrations`
 * tables would mix with (or be) the application's own.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { schemaNameProblem } from 'microcred/postgres'
 * assert.equal(schemaNameProblem('district_a'), undefined)
 * assert.match(schemaNameProblem('information_schema') ?? '', /PostgreSQL's own schema/)
 * assert.match(schemaNameProblem('pg_catalog') ?? '', /names starting with pg_ are PostgreSQL's/)
 * assert.match(schemaNameProblem('public') ?? '', /shared with other tables/)
 * assert.match(schemaNameProblem('a'.repeat(64)) ?? '', /64 bytes long/)
 * assert.match(schemaNameProblem('District A') ?? '', /use lower-case letters, digits and _/)
 */
export const schemaNameProblem = (name: string): string | undefined => {
  if (typeof name !== 'string') return 'a schema name is a string'
  if (name === '') return 'a schema name cannot be empty'
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    return 'use lower-case letters, digits and _, starting with a letter or _, at most 63 characters'
  }
  // ASCII only from here: a character is a byte.
  if (name.length > maxIdentifierBytes) {
    return (
      `it is ${name.length} bytes long; PostgreSQL keeps at most ${maxIdentifierBytes} bytes of a ` +
      'name and would silently cut it to another one'
    )
  }
  if (name === 'information_schema') {
    return "it is PostgreSQL's own schema (the SQL-standard catalog views): choose a schema of your own, such as microcred"
  }
  if (name.startsWith('pg_')) {
    return "names starting with pg_ are PostgreSQL's own schemas (pg_catalog, pg_toast, pg_temp_*): choose a schema of your own, such as microcred"
  }
  if (name === 'public') {
    return (
      "public is every database's default schema, shared with other tables (an application's " +
      "own events or migrations table would be mistaken for the store's): choose a schema of " +
      'your own, such as microcred'
    )
  }
  return undefined
}

/** The longest part of a refused name quoted in the error. */
const maxQuoted = 80

/**
 * A schema name refused by `schemaNameProblem`, thrown by `migrate`, `createPostgresEventStore`
 * and `openEventStore` before any SQL runs. The name is quoted with control characters escaped,
 * and cut short when it is long.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { InvalidSchemaName, migrate } from 'microcred/postgres'
 * const pglite = new PGlite()
 * await assert.rejects(migrate(pglite, { schema: 'pg_catalog' }), (error) => {
 *   assert.ok(error instanceof InvalidSchemaName)
 *   assert.equal(error.name, 'InvalidSchemaName')
 *   assert.equal(error.schema, 'pg_catalog')
 *   assert.match(error.message, /^invalid schema name "pg_catalog": names starting with pg_ /)
 *   return true
 * })
 * await pglite.close()
 */
export class InvalidSchemaName extends TypeError {
  override readonly name = 'InvalidSchemaName'
  constructor(
    readonly schema: string,
    readonly problem: string = schemaNameProblem(schema) ?? 'it is not a schema name',
  ) {
    const shown = JSON.stringify(String(schema).slice(0, maxQuoted))
    const more =
      String(schema).length > maxQuoted
        ? ` (${String(schema).length - maxQuoted} more characters)`
        : ''
    super(`invalid schema name ${shown}${more}: ${problem}`)
  }
}

/** The schema name checked and quoted, or an `InvalidSchemaName` saying what is wrong. */
export const quotedSchema = (schema: string = defaultSchema): string => {
  const problem = schemaNameProblem(schema)
  if (problem !== undefined) throw new InvalidSchemaName(schema, problem)
  return `"${schema}"`
}

/**
 * The procedure every append calls (migration 4): `CALL append_events(stream, expected, batch)`
 * inserts `batch` (a `jsonb` array of `[type, data, metadata]`) at versions `expected + 1` onward
 * and returns their `positions` (in version order) and `recorded_at`, the transaction's time. It
 * inserts nothing, and returns `positions` NULL, unless version `expected` exists (or is 0); a
 * stream that is ahead fails the unique (stream_id, version) constraint instead. PL/pgSQL plans
 * its statements once per connection, where the one-statement `INSERT` it replaced was parsed and
 * planned on every append (most of an append's CPU time on the server); and a `CALL` costs the
 * server less than a `SELECT` from a function (measured). In order:
 *
 * - the transaction's id (`pg_current_xact_id()`, the declared `id`), assigned before any position
 *   is taken: a reader that waits for the writers it saw in flight (`writersStatement` in
 *   `append-sql.ts`) relies on every position being taken inside a transaction that already holds
 *   its lock on the table (the `INSERT` takes it before it runs);
 * - one `INSERT`, guarded by the version probe (one index probe, evaluated once before any row),
 *   positions from the sequence in version order (the array's elements are scanned, and the
 *   select list evaluated, in order; an `ORDER BY` could not say so, and the store checks the
 *   order it gets back). A batch of one event, the usual case, skips the array scan.
 */
const appendEvents = (s: string): string => {
  const guard = `expected = 0 OR EXISTS (SELECT 1 FROM ${s}.events AS g
      WHERE g.stream_id = stream AND g.version = expected)`
  const insert = `INSERT INTO ${s}.events AS e (position, stream_id, version, type, data, metadata)`
  return `CREATE PROCEDURE ${s}.append_events(stream text, expected integer, batch jsonb,
      INOUT positions bigint[] DEFAULT NULL, INOUT recorded_at timestamptz DEFAULT NULL)
    LANGUAGE plpgsql AS $$
    DECLARE
      id xid8 := pg_current_xact_id();
    BEGIN
      IF jsonb_array_length(batch) = 1 THEN
        ${insert}
        SELECT nextval('${positionSequence(s)}'), stream, expected + 1,
          batch -> 0 ->> 0, batch -> 0 -> 1, batch -> 0 -> 2
        WHERE ${guard}
        RETURNING ARRAY[e.position] INTO positions;
      ELSE
        WITH inserted AS (
          ${insert}
          SELECT nextval('${positionSequence(s)}'), stream, expected + r.i::integer,
            r.event ->> 0, r.event -> 1, r.event -> 2
          FROM jsonb_array_elements(batch) WITH ORDINALITY AS r (event, i)
          WHERE ${guard}
          RETURNING e.position, e.version)
        SELECT array_agg(inserted.position ORDER BY inserted.version) INTO positions FROM inserted;
      END IF;
      recorded_at := now();
    END $$`
}

/**
 * The migrations, in order; each runs once, in the transaction that records it. Never edit one
 * that has shipped: add the next. A migration is its statements, or text split into statements
 * at each `;` that ends a line (so a function body, whose lines end in `;`, is a statement of its
 * own).
 */
const migrations = (s: string): ReadonlyArray<string | ReadonlyArray<string>> => [
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
  // 2: where projections and reactions keep how far they have read (src/postgres/checkpoints.ts);
  // a SQL projection split into partitions keeps one row per partition.
  `CREATE TABLE ${s}.checkpoints (
     name       text        NOT NULL,
     partition  integer     NOT NULL DEFAULT 0 CHECK (partition >= 0),
     position   bigint      NOT NULL CHECK (position BETWEEN 0 AND ${maxPosition}),
     state      jsonb,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (name, partition)
   );`,
  // 3: positions from a sequence, so appends to different streams no longer wait for each other
  // (the head row serialized them until commit); readers on a server read only below the
  // positions every writer still in flight could hold (src/postgres/store.ts, docs/stores.md).
  // The head row stays: moving it (a bulk load by SQL) moves the sequence with it, and an older
  // writer, which takes positions from it, is refused once the sequence is past it.
  `CREATE SEQUENCE ${s}.events_position AS bigint MINVALUE 1;
   SELECT setval('${s}.events_position', greatest(position, 1), position > 0) FROM ${s}.log_head;
   CREATE FUNCTION ${s}.log_head_moved() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE last bigint; BEGIN SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO last FROM ${s}.events_position; IF NEW.position < last THEN RAISE EXCEPTION 'the head row of % is behind its sequence: positions come from the sequence events_position since migration 3, and an older microcred writer takes them from the head row; upgrade it', TG_TABLE_SCHEMA USING ERRCODE = '55000'; END IF; IF NEW.position > 0 THEN PERFORM setval('${s}.events_position', NEW.position, true); END IF; RETURN NEW; END $$;
   CREATE TRIGGER log_head_moved AFTER UPDATE ON ${s}.log_head
     FOR EACH ROW EXECUTE FUNCTION ${s}.log_head_moved();`,
  // 4: an append is one call of a function whose statements are planned once per connection
  // (the one-statement INSERT it replaces was planned on every append); src/postgres/store.ts.
  [appendEvents(s)],
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
    const migration = all[version - 1] ?? []
    const statements = typeof migration === 'string' ? migration.split(/;\s*$/m) : migration
    for (const statement of statements) {
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
