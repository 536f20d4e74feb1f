/**
 * Shared by the PostgreSQL store's tests: one PGlite instance per test file (starting one takes
 * seconds), one `pg` pool per file when `DATABASE_URL` is set, and a fresh schema per test.
 */
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll } from 'vitest'
import type { EventStore } from 'microcred'
import { createPostgresEventStore, migrate, type PostgresClient } from 'microcred/postgres'

/** The server's URL, or undefined: then the server's tests are skipped, and say why. */
export const databaseUrl = process.env['DATABASE_URL'] || undefined

/** Appended to the titles of server tests when they are skipped. */
export const serverSkipReason =
  databaseUrl === undefined ? ' (skipped: DATABASE_URL is not set)' : ''

let warned = false
/** Warns once per file that the server's tests are skipped. */
export const warnIfNoServer = (): void => {
  if (databaseUrl === undefined && !warned) {
    warned = true
    console.warn(
      'PostgreSQL server tests skipped: DATABASE_URL is not set ' +
        '(e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)',
    )
  }
}

let schemaCounter = 0
/** A schema name no other test, file or run uses. */
export const freshSchema = (prefix = 't'): string =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${++schemaCounter}_${Math.random()
    .toString(36)
    .slice(2, 6)}`

let pglite: Promise<PGlite> | undefined
/** The file's in-memory PGlite, started on first use and closed after the file's tests. */
export const sharedPGlite = (): Promise<PGlite> => {
  if (pglite === undefined) {
    pglite = import('@electric-sql/pglite').then(({ PGlite }) => PGlite.create())
    afterAll(async () => (await pglite)?.close())
  }
  return pglite
}

let pool: pg.Pool | undefined
/** The file's pool on the server (DATABASE_URL), ended after the file's tests. */
export const sharedPool = (): pg.Pool => {
  if (databaseUrl === undefined) throw new Error('DATABASE_URL is not set')
  if (pool === undefined) {
    const created = new pg.Pool({ connectionString: databaseUrl, max: 12 })
    created.on('error', () => undefined)
    pool = created
    afterAll(async () => created.end())
  }
  return pool
}

/** A client of either kind, by name. */
export type ClientKind = 'pglite' | 'server'

/** The file's client of that kind. */
export const clientOf = async (kind: ClientKind): Promise<PostgresClient> =>
  kind === 'pglite' ? sharedPGlite() : sharedPool()

/** A migrated store in a fresh schema of the client, and a cleanup that drops the schema. */
export const storeIn = async (
  client: PostgresClient,
  prefix = 't',
): Promise<{ store: EventStore; schema: string; cleanup: () => Promise<void> }> => {
  const schema = freshSchema(prefix)
  await migrate(client, { schema })
  return {
    store: createPostgresEventStore(client, { schema }),
    schema,
    cleanup: async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    },
  }
}

/** Valid metadata for event `n`. */
export const metadata = (n: number, commandId = `command-${n}`) => ({
  eventId: `event-${n}`,
  commandId,
  actorId: 'admin-1',
  correlationId: commandId,
  causationId: commandId,
  schemaVersion: 1,
})

/** `count` small, valid events. */
export const events = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => ({
    type: 'Noted',
    data: { n: from + i },
    metadata: metadata(from + i),
  }))
