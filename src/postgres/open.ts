/**
 * Opening a store from where it lives: a directory (embedded PGlite, locked, no server) or a
 * database URL (a PostgreSQL server through a `pg` `Pool`). Both migrate before they resolve.
 * `pg` and `@electric-sql/pglite` are optional peers, loaded only when needed.
 *
 * @packageDocumentation
 */
import type { PGlite } from '@electric-sql/pglite'
import type { Pool } from 'pg'
import type { CheckpointStore } from '../projections/checkpoints.js'
import type { EventStore } from '../store/event-store.js'
import type { RecordedEvent } from '../store/recorded-event.js'
import { createPostgresCheckpoints } from './checkpoints.js'
import type { Queryable } from './client.js'
import { lockDirectory, lockStaleMs } from './lock.js'
import {
  createPostgresPersonalDataKeys,
  type PostgresPersonalDataKeys,
} from './personal-data-keys.js'
import { defaultSchema, migrate, quotedSchema } from './schema.js'
import { createPostgresEventStore } from './store.js'

/** Where a store lives: an embedded store's directory, or a PostgreSQL server's URL. */
export type StoreTarget = { readonly directory: string } | { readonly databaseUrl: string }

/** Options of `openEventStore`. */
export interface OpenEventStoreOptions {
  /** The PostgreSQL schema holding the store's tables (default `microcred`). */
  readonly schema?: string
  /**
   * Embedded stores only: how long (ms) the directory lock stays valid once no longer refreshed
   * (default `lockStaleMs`, 30 s; at least 2,000). A holder that died on this host is replaced at
   * once whatever it is; this bounds how long a holder on another host, or one that is alive but
   * stopped, keeps the directory. Shorter recovers sooner, but a holder stalled that long (a
   * suspended process, a paused VM) loses the lock and its store refuses every later call.
   */
  readonly lockStaleMs?: number
}

/** An open store, what it is (for a person), and how to close it and everything it opened. */
export interface OpenedEventStore {
  readonly store: EventStore
  /** Closes the store: the database, and the directory lock of an embedded store. */
  close(): Promise<void>
  /** Such as `embedded PGlite store in /srv/microcred (schema microcred)`. */
  readonly description: string
  /**
   * The keys of the educators' personal data, in the table `personal_data_keys` beside the
   * events, for `protectPersonalData(store, personalDataKeys)`; guarded like the store (an
   * embedded store's lock is checked before each query).
   */
  readonly personalDataKeys: PostgresPersonalDataKeys
  /**
   * The checkpoints of projections and reactions, in the table `checkpoints` beside the events
   * (`createPostgresCheckpoints`), for a projection runner; guarded like the store.
   */
  readonly checkpoints: CheckpointStore
}

/** `db`, with `check` before each query and `after` each one that succeeded. */
const fenced = (
  db: Queryable,
  check: () => Promise<void>,
  after: () => void = () => undefined,
): Queryable => ({
  query: async (text, params) => {
    await check()
    const result = await db.query(text, params)
    after()
    return result
  },
})

/** Imports an optional peer, or says which package to install. */
const loadPeer = async <M>(name: string, load: () => Promise<M>, why: string): Promise<M> => {
  try {
    return await load()
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error
    throw new Error(
      `${why} needs the package '${name}', an optional peer dependency of microcred: ` +
        `install it with \`npm install ${name}\``,
      { cause: error },
    )
  }
}

/**
 * A store whose every call first checks (and may wait) that it may still be used, and whose
 * appends are answered only if `after` passes once they have committed.
 */
const guarded = (
  store: EventStore,
  check: () => Promise<void>,
  after: () => void = () => undefined,
): EventStore => ({
  readStream: async (...args) => (await check(), store.readStream(...args)),
  appendToStream: async (...args) => {
    await check()
    const result = await store.appendToStream(...args)
    after()
    return result
  },
  streamVersion: async (...args) => (await check(), store.streamVersion(...args)),
  readAll: (...args) => ({
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<RecordedEvent> | undefined
      return {
        next: async () => {
          await check()
          inner ??= store.readAll(...args)[Symbol.asyncIterator]()
          return inner.next()
        },
        return: async () => (await inner?.return?.()) ?? { done: true, value: undefined },
      }
    },
  }),
})

/**
 * PGlite answers through promises that settle as microtasks, so a loop of store calls never lets
 * timers and I/O run: not even the timer that refreshes the directory lock, which would then go
 * stale. Once `everyMs` has passed without a turn of the event loop, wait for one. (A refresh
 * takes about three turns: its timer, then a `stat` and a `utimes` that each complete in a later
 * turn; the lock is refreshed every half stale time, so `everyMs` is a tenth of it, at most 1 s.)
 */
const eventLoopTurns = (everyMs: number) => {
  let last = performance.now()
  return async () => {
    if (performance.now() - last < everyMs) return
    await new Promise((resolve) => setImmediate(resolve))
    last = performance.now()
  }
}

/**
 * Opens the embedded store in `directory` (created if missing): takes the directory's exclusive
 * lock, opens PGlite there and migrates. A second opener, in this process or another, is refused
 * while this one is open; a holder that died on this host (killed, crashed) is replaced at once,
 * any other only `lockStaleMs` after it stopped refreshing its lock. Every call checks that the
 * lock is still this store's, and an append is acknowledged only if it still is after the append
 * committed: once another process has taken the directory over (this one was stopped past the
 * stale time, say), every call rejects with `DirectoryLockLost`. `close` closes PGlite and
 * releases the lock (or, once the lock is lost, leaves both to the new holder).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fs from 'node:fs/promises'
 * import os from 'node:os'
 * import path from 'node:path'
 * import { openEmbeddedEventStore } from 'microcred/postgres'
 * const directory = path.join(os.tmpdir(), `microcred-doc-${process.pid}-${Date.now()}`)
 * const opened = await openEmbeddedEventStore(directory, { lockStaleMs: 10_000 })
 * assert.equal(opened.description, `embedded PGlite store in ${directory} (schema microcred)`)
 * assert.equal(await opened.store.streamVersion('enrollment-e1'), 0)
 * await opened.close()
 * await assert.rejects(opened.store.streamVersion('enrollment-e1'), /is closed/)
 * await fs.rm(directory, { recursive: true, force: true })
 */
export const openEmbeddedEventStore = async (
  directory: string,
  options: OpenEventStoreOptions = {},
): Promise<OpenedEventStore> => {
  const schema = options.schema ?? defaultSchema
  quotedSchema(schema)
  const lock = await lockDirectory(
    directory,
    options.lockStaleMs === undefined ? {} : { staleMs: options.lockStaleMs },
  )
  let pglite: PGlite | undefined
  try {
    const { PGlite } = await loadPeer(
      '@electric-sql/pglite',
      () => import('@electric-sql/pglite'),
      'an embedded store (a directory)',
    )
    pglite = new PGlite(lock.directory)
    await migrate(pglite, { schema })
  } catch (error) {
    await pglite?.close().catch(() => undefined)
    await lock.release()
    throw error
  }
  const db = pglite
  const letTimersRun = eventLoopTurns(Math.min(1000, (options.lockStaleMs ?? lockStaleMs) / 10))
  let closed = false
  const description = `embedded PGlite store in ${lock.directory} (schema ${schema})`
  // Fencing: every call checks that the lock's owner record on disk is still ours, and an
  // append is answered only if it still is once the append has committed (see
  // DirectoryLock.verify for why that is enough). A store that lost its lock refuses every call.
  const check = async () => {
    await letTimersRun()
    if (closed) throw new Error(`the ${description} is closed`)
    lock.verify()
  }
  const store = guarded(createPostgresEventStore(db, { schema }), check, () => lock.verify())
  // The keys and checkpoints: every statement checked before, and verified after it committed.
  const keysDb = fenced(db, check, () => lock.verify())
  return {
    store,
    description,
    personalDataKeys: createPostgresPersonalDataKeys(keysDb, { schema }),
    checkpoints: createPostgresCheckpoints(keysDb, { schema }),
    close: async () => {
      if (closed) return
      closed = true
      try {
        lock.verify()
      } catch {
        // Lost: closing PGlite would write a shutdown checkpoint into the files another process
        // now has open. Leave it to be collected, and leave the lock to its new holder.
        return
      }
      try {
        await db.close()
      } finally {
        await lock.release()
      }
    },
  }
}

/** A URL without its password, fit to print. */
const redacted = (databaseUrl: string): string => {
  try {
    const url = new URL(databaseUrl)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return '(an unparsable database URL)'
  }
}

/**
 * Opens the store on the PostgreSQL server at `databaseUrl` through a new `pg` `Pool`, and
 * migrates. `close` ends the pool.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import pg from 'pg'
 * import { openServerEventStore } from 'microcred/postgres'
 * // A server that cannot be reached: the error names the store, its password hidden.
 * await assert.rejects(
 *   openServerEventStore('postgres://microcred:secret@127.0.0.1:1/district'),
 *   /^Error: could not open the PostgreSQL store at postgres:\/\/microcred:\*\*\*@127\.0\.0\.1:1\/district \(schema microcred\): /,
 * )
 * const url = process.env['DATABASE_URL']
 * if (url !== undefined) {
 *   const opened = await openServerEventStore(url, { schema: 'doc_example' })
 *   assert.match(opened.description, /^PostgreSQL store at postgres:.* \(schema doc_example\)$/)
 *   assert.equal(await opened.store.streamVersion('doc-example-stream-never-written'), 0)
 *   await opened.close()
 *   // This example leaves nothing behind: the schema it made goes.
 *   const pool = new pg.Pool({ connectionString: url })
 *   await pool.query('DROP SCHEMA doc_example CASCADE')
 *   await pool.end()
 * }
 */
export const openServerEventStore = async (
  databaseUrl: string,
  options: OpenEventStoreOptions = {},
): Promise<OpenedEventStore> => {
  const schema = options.schema ?? defaultSchema
  quotedSchema(schema)
  const pg = await loadPeer('pg', () => import('pg'), 'a PostgreSQL server store (a database URL)')
  const PoolClass = (pg.default as typeof pg.default | undefined)?.Pool ?? pg.Pool
  const pool: Pool = new PoolClass({ connectionString: databaseUrl })
  // An idle client whose server connection drops is removed by the pool; without a listener
  // its 'error' event would crash the process.
  pool.on('error', () => undefined)
  const description = `PostgreSQL store at ${redacted(databaseUrl)} (schema ${schema})`
  try {
    await migrate(pool, { schema })
  } catch (error) {
    await pool.end().catch(() => undefined)
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`could not open the ${description}: ${reason}`, { cause: error })
  }
  let closed = false
  const check = async () => {
    if (closed) throw new Error(`the ${description} is closed`)
  }
  const checkedPool = fenced(pool, check)
  return {
    store: guarded(createPostgresEventStore(pool, { schema }), check),
    description,
    personalDataKeys: createPostgresPersonalDataKeys(checkedPool, { schema }),
    checkpoints: createPostgresCheckpoints(checkedPool, { schema }),
    close: async () => {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}

/**
 * Opens a store: `{ directory }` for the embedded store there (see `openEmbeddedEventStore`),
 * `{ databaseUrl }` for a PostgreSQL server (see `openServerEventStore`). The tables are
 * migrated before it resolves; `close` releases everything it opened.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fs from 'node:fs/promises'
 * import os from 'node:os'
 * import path from 'node:path'
 * import { openEventStore } from 'microcred/postgres'
 * const directory = path.join(os.tmpdir(), `microcred-open-${process.pid}-${Date.now()}`)
 * const { store, close, description } = await openEventStore({ directory }, { schema: 'district_a' })
 * assert.equal(description, `embedded PGlite store in ${directory} (schema district_a)`)
 * assert.equal(await store.streamVersion('enrollment-e1'), 0)
 * await close()
 * await assert.rejects(openEventStore({ directory }, { schema: 'District A' }), /invalid schema name "District A"/)
 * await fs.rm(directory, { recursive: true, force: true })
 */
export const openEventStore = (
  target: StoreTarget,
  options: OpenEventStoreOptions = {},
): Promise<OpenedEventStore> =>
  'directory' in target
    ? openEmbeddedEventStore(target.directory, options)
    : openServerEventStore(target.databaseUrl, options)
