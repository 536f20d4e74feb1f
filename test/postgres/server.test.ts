/**
 * The store at the edge, on the PostgreSQL server: a connection terminated in the middle of an
 * append (all or nothing, and `handleCommand` says `StoreFailed`), a server that cannot be
 * reached, and `openEventStore` with a database URL.
 */
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { enrollment, handleCommand, type EventStore } from 'microcred'
import { createPostgresEventStore, openEventStore } from 'microcred/postgres'
import { enrollCommand, hoursCommand } from './journey.js'
import {
  databaseUrl,
  events,
  freshSchema,
  serverSkipReason,
  sharedPool,
  storeIn,
  warnIfNoServer,
} from './support.js'

warnIfNoServer()

describe('a server that cannot be reached', () => {
  const unreachable = 'postgres://microcred:secret@127.0.0.1:1/nowhere'

  it('makes store calls reject, and handleCommand return StoreFailed', async () => {
    const pool = new pg.Pool({ connectionString: unreachable, connectionTimeoutMillis: 2000 })
    pool.on('error', () => undefined)
    const store = createPostgresEventStore(pool)
    await expect(store.readStream('s-1')).rejects.toThrow(/ECONNREFUSED/)
    const { command, context } = enrollCommand('e1')
    const handled = await handleCommand(store, enrollment, command, context)
    expect(E.isLeft(handled) && handled.left).toMatchObject({
      _tag: 'StoreFailed',
      message: expect.stringMatching(
        /^the store failed while handling command 'enroll-e1' on stream 'enrollment-e1': .*ECONNREFUSED/,
      ),
    })
    await pool.end()
  })

  it('makes openEventStore reject, naming the server without its password', async () => {
    const failure = await openEventStore({ databaseUrl: unreachable }).catch((e: Error) => e)
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toMatch(
      /^could not open the PostgreSQL store at postgres:\/\/microcred:\*\*\*@127\.0\.0\.1:1\/nowhere \(schema microcred\): .*ECONNREFUSED/,
    )
    expect((failure as Error).message).not.toMatch(/secret/)
  })
})

describe.skipIf(databaseUrl === undefined)(`PostgreSQL server${serverSkipReason}`, () => {
  /** Makes every INSERT into the schema's events sleep, so the append stays open. */
  const holdInserts = async (schema: string) => {
    const pool = sharedPool()
    await pool.query(
      `CREATE FUNCTION "${schema}".hold() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$`,
    )
    await pool.query(
      `CREATE TRIGGER hold AFTER INSERT ON "${schema}".events
       FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".hold()`,
    )
    return async () => pool.query(`DROP TRIGGER hold ON "${schema}".events`)
  }

  /** Terminates the backend sleeping in the schema's trigger, once it is there. */
  const terminateSleeper = async (schema: string) => {
    const pool = sharedPool()
    for (let tries = 0; tries < 200; tries++) {
      const found = await pool.query(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE wait_event = 'PgSleep' AND query LIKE $1`,
        [`%"${schema}".%`],
      )
      if (found.rows.length > 0) return
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error('no append to terminate')
  }

  const positionsIn = async (schema: string) =>
    (
      await sharedPool().query(`SELECT position FROM "${schema}".events ORDER BY position`)
    ).rows.map((row) => Number((row as { position: unknown }).position))

  it('a connection terminated in the middle of a multi-INSERT append leaves nothing', async () => {
    const { store, schema, cleanup } = await storeIn(sharedPool(), 'kill')
    try {
      await store.appendToStream('s-1', events(3), { expectedVersion: 'noStream' })
      const release = await holdInserts(schema)
      const appending = store.appendToStream('s-1', events(2500, 4), { expectedVersion: 3 })
      await terminateSleeper(schema)
      await expect(appending).rejects.toThrow(/terminating connection/)
      await release()
      expect(await store.streamVersion('s-1')).toBe(3)
      expect(await positionsIn(schema)).toEqual([1, 2, 3])
      // The pool dropped the dead connection: the next append works, at a later position (the
      // ones the dead append took are not given again).
      const next = await store.appendToStream('s-1', events(1, 4), { expectedVersion: 3 })
      if (E.isLeft(next)) throw new Error(next.left.message)
      expect(next.right.events[0]?.position).toBeGreaterThan(3)
      expect(await positionsIn(schema)).toEqual([1, 2, 3, next.right.events[0]?.position])
    } finally {
      await cleanup()
    }
  }, 30_000)

  it('handleCommand returns StoreFailed when the connection is terminated mid-append', async () => {
    const { store, schema, cleanup } = await storeIn(sharedPool(), 'kill')
    try {
      const enroll = enrollCommand('e1')
      await handleCommand(store, enrollment, enroll.command, enroll.context)
      const release = await holdInserts(schema)
      const hours = hoursCommand('e1', 'hours-1')
      const handling = handleCommand(store, enrollment, hours.command, hours.context)
      await terminateSleeper(schema)
      const handled = await handling
      expect(E.isLeft(handled) && handled.left).toEqual({
        _tag: 'StoreFailed',
        message: expect.stringMatching(
          /^the store failed while handling command 'hours-1' on stream 'enrollment-e1': terminating connection due to administrator command/,
        ),
      })
      await release()
      expect(await store.streamVersion('enrollment-e1')).toBe(1)
      // Retried once the database is back, the command goes through.
      const again = await handleCommand(store, enrollment, hours.command, hours.context)
      expect(E.isRight(again) && again.right.version).toBe(2)
    } finally {
      await cleanup()
    }
  }, 30_000)

  it('openEventStore({ databaseUrl }) migrates, serves, and closes its pool', async () => {
    const schema = freshSchema('open')
    const opened = await openEventStore({ databaseUrl: databaseUrl ?? '' }, { schema })
    try {
      expect(opened.description).toBe(`PostgreSQL store at ${databaseUrl} (schema ${schema})`)
      const store: EventStore = opened.store
      await store.appendToStream('s-1', events(2), { expectedVersion: 'noStream' })
      expect(await store.streamVersion('s-1')).toBe(2)
    } finally {
      await opened.close()
      await sharedPool().query(`DROP SCHEMA "${schema}" CASCADE`)
    }
    await expect(opened.store.streamVersion('s-1')).rejects.toThrow(/is closed/)
  })
})
