/**
 * Issue 12, item 13: a schema name that is PostgreSQL's own (`information_schema`, `pg_catalog`,
 * any `pg_*`), `public` (shared with the application's own tables), empty, longer than
 * PostgreSQL's 63-byte identifiers, or holding anything but lower-case letters, digits and `_`
 * is refused with `InvalidSchemaName` before any SQL runs: by `migrate`,
 * `createPostgresEventStore`, `openEventStore` (a directory or a server) and the CLI's
 * `--schema`. On PGlite and the server, nothing is created and a store's contents are unchanged.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { type EventStore, type RecordedEvent } from 'microcred'
import {
  createPostgresEventStore,
  InvalidSchemaName,
  migrate,
  openEventStore,
  schemaNameProblem,
  type PostgresClient,
} from 'microcred/postgres'
import { fakeCli } from '../cli/fake-environment.js'
import {
  clientOf,
  databaseUrl,
  events,
  serverSkipReason,
  storeIn,
  warnIfNoServer,
  type ClientKind,
} from '../postgres/support.js'

warnIfNoServer()

/** Names PostgreSQL keeps for itself, or that would mix the store with other tables. */
const reserved = [
  'information_schema',
  'pg_catalog',
  'pg_toast',
  'pg_temp_1',
  'pg_toast_temp_1',
  'pg_microcred',
  'pg_',
  'public',
]
/** Names that are not an identifier the store can use as it is. */
const malformed = [
  '',
  'a'.repeat(64),
  'é'.repeat(32),
  'micro\u0000cred',
  'District A',
  'Microcred',
  '1district',
  'microcred"; DROP SCHEMA public CASCADE; --',
  'micro\u001b[31mcred',
  '\ud800',
  'x'.repeat(100_000),
]
const refused = [...reserved, ...malformed]

describe('schemaNameProblem', () => {
  it('accepts plain lower-case names up to 63 bytes', () => {
    for (const name of ['microcred', 'district_a', '_x', 'lausd_2026', 'a'.repeat(63), 'pgx']) {
      expect(schemaNameProblem(name), name).toBeUndefined()
    }
  })

  it('names the problem with every refused name', () => {
    expect(schemaNameProblem('information_schema')).toMatch(/PostgreSQL's own schema/)
    expect(schemaNameProblem('pg_catalog')).toMatch(/names starting with pg_ are PostgreSQL's/)
    expect(schemaNameProblem('pg_microcred')).toMatch(/names starting with pg_ are PostgreSQL's/)
    expect(schemaNameProblem('public')).toMatch(/shared with other tables/)
    expect(schemaNameProblem('')).toMatch(/empty/)
    expect(schemaNameProblem('a'.repeat(64))).toMatch(/64 bytes long; PostgreSQL .* 63 bytes/)
    expect(schemaNameProblem('é'.repeat(32))).toMatch(/lower-case letters/)
    expect(schemaNameProblem('micro\u0000cred')).toMatch(/lower-case letters/)
    for (const name of refused) expect(schemaNameProblem(name), name).toMatch(/./)
  })

  it('quotes a hostile name escaped and cut short in the error', () => {
    const error = new InvalidSchemaName('x'.repeat(100_000))
    expect(error.message.length).toBeLessThan(400)
    expect(new InvalidSchemaName('a\u001b[31m').message).toContain('"a\\u001b[31m"')
    expect(new InvalidSchemaName('\u0000').message).not.toContain('\u0000')
  })
})

/** A client that counts the statements and transactions run through it. */
const counting = (client: PostgresClient) => {
  let calls = 0
  const wrapped = new Proxy(client, {
    get: (target, property, receiver) => {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (['query', 'transaction', 'connect', 'exec'].includes(String(property))) calls++
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return { client: wrapped, calls: () => calls }
}

/** The store's tables anywhere in schema `name`. */
const tablesIn = async (client: PostgresClient, name: string) =>
  (
    await client.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = $1 AND table_name IN ('events', 'log_head', 'migrations')`,
      [name],
    )
  ).rows

const everything = async (store: EventStore) => {
  const all: RecordedEvent[] = []
  for await (const event of store.readAll()) all.push(event)
  return all
}

const kinds: ReadonlyArray<{ kind: ClientKind; name: string; skip: boolean }> = [
  { kind: 'pglite', name: 'PGlite', skip: false },
  { kind: 'server', name: `the server${serverSkipReason}`, skip: databaseUrl === undefined },
]

describe.each(kinds)('a reserved or malformed schema name on $name', ({ kind, skip }) => {
  it.skipIf(skip)(
    'is InvalidSchemaName from migrate and createPostgresEventStore, before any SQL runs',
    async () => {
      const client = await clientOf(kind)
      const { store, cleanup } = await storeIn(client, 'schema_names')
      try {
        const appended = await store.appendToStream('s-1', events(3), {
          expectedVersion: 'noStream',
        })
        expect(E.isRight(appended)).toBe(true)
        const before = await everything(store)
        const watched = counting(client)
        for (const schema of refused) {
          const migrated = await migrate(watched.client, { schema }).catch((e: unknown) => e)
          expect(migrated, schema).toBeInstanceOf(InvalidSchemaName)
          expect((migrated as InvalidSchemaName).name).toBe('InvalidSchemaName')
          expect((migrated as InvalidSchemaName).message).toMatch(/^invalid schema name "/)
          expect(() => createPostgresEventStore(watched.client, { schema }), schema).toThrow(
            InvalidSchemaName,
          )
        }
        expect(watched.calls()).toBe(0)
        for (const schema of reserved) expect(await tablesIn(client, schema), schema).toEqual([])
        expect(await everything(store)).toEqual(before)
      } finally {
        await cleanup()
      }
    },
  )
})

describe('openEventStore with a reserved schema name', () => {
  const parent = fs.mkdtemp(path.join(os.tmpdir(), 'microcred-schema-names-'))
  afterAll(async () => fs.rm(await parent, { recursive: true, force: true }))

  it('refuses a directory store before it creates or locks the directory', async () => {
    const directory = path.join(await parent, 'store')
    for (const schema of refused) {
      await expect(openEventStore({ directory }, { schema }), schema).rejects.toThrow(
        InvalidSchemaName,
      )
    }
    await expect(fs.stat(directory)).rejects.toThrow(/ENOENT/)
  })

  it.skipIf(databaseUrl === undefined)(
    `refuses a server store before it connects${serverSkipReason}`,
    async () => {
      const client = await clientOf('server')
      for (const schema of refused) {
        await expect(
          openEventStore({ databaseUrl: databaseUrl ?? '' }, { schema }),
          schema,
        ).rejects.toThrow(InvalidSchemaName)
      }
      for (const schema of reserved) expect(await tablesIn(client, schema), schema).toEqual([])
    },
  )
})

describe("the CLI's --schema", () => {
  it('refuses a reserved name as a usage error, opening no store', async () => {
    for (const schema of ['information_schema', 'pg_catalog', 'pg_x', 'public']) {
      const fake = fakeCli()
      const result = await fake.run('demo', '--educators', '1', '--schema', schema)
      expect(result.code, schema).toBe(2)
      expect(result.err).toMatch(new RegExp(`^microcred: --schema ${schema}: `))
      expect(fake.stores.size).toBe(0)
      const status = await fake.run('status', 'e-1', '--store', 'dir', '--schema', schema)
      expect(status.code).toBe(2)
      expect(fake.stores.size).toBe(0)
    }
  })
})
