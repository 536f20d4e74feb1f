/**
 * What the SQL store adds to the contract, on PGlite and on the server alike: batches past the
 * 65,535-parameter limit, atomic multi-statement appends, int8 positions as numbers, the 2^53
 * limit, broken and corrupt rows, migrations, and the gap-free tailing reader.
 */
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EventStore, RecordedEvent } from 'microcred'
import {
  createPostgresEventStore,
  migrate,
  sqlDatabase,
  StoredRowError,
  type PostgresClient,
} from 'microcred/postgres'
import { rowsPerStatement } from '../../src/postgres/append-sql.js'
import { corruptRowTests } from './corrupt-rows.js'
import {
  clientOf,
  databaseUrl,
  events,
  serverSkipReason,
  sharedPGlite,
  storeIn,
  warnIfNoServer,
  type ClientKind,
} from './support.js'

const collect = async (iterable: AsyncIterable<RecordedEvent>) => {
  const all: RecordedEvent[] = []
  for await (const event of iterable) all.push(event)
  return all
}

const positionsOf = async (store: EventStore) =>
  (await collect(store.readAll())).map((e) => e.position)

warnIfNoServer()
// Starting PGlite takes seconds: once, before the tests, with time to spare.
beforeAll(() => sharedPGlite(), 60_000)

describe.each<[string, ClientKind]>([
  ['PGlite', 'pglite'],
  [`PostgreSQL server${serverSkipReason}`, 'server'],
])('SQL store on %s', (_, kind) => {
  const skip = kind === 'server' && databaseUrl === undefined
  const test = it.skipIf(skip)
  /** A fresh store in its own schema, dropped after `body`. */
  const withStore = async (
    body: (store: EventStore, client: PostgresClient, schema: string) => Promise<void>,
  ) => {
    const client = await clientOf(kind)
    const { store, schema, cleanup } = await storeIn(client)
    try {
      await body(store, client, `"${schema}"`)
    } finally {
      await cleanup()
    }
  }

  test('returns positions and versions as numbers, recordedAt as an ISO string', () =>
    withStore(async (store) => {
      const appended = await store.appendToStream('s-1', events(2), { expectedVersion: 'noStream' })
      if (E.isLeft(appended)) throw new Error(appended.left.message)
      for (const event of [...appended.right.events, ...(await store.readStream('s-1'))]) {
        expect(typeof event.position).toBe('number')
        expect(typeof event.version).toBe('number')
        expect(event.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      }
      expect(await positionsOf(store)).toEqual([1, 2])
      expect(await store.streamVersion('s-1')).toBe(2)
    }))

  test('a batch with an event that is not JSON writes nothing', () =>
    withStore(async (store) => {
      const batch = events(3)
      const poisoned = [batch[0], { ...batch[1], data: { n: Number.NaN } }, batch[2]]
      const result = await store.appendToStream('s-1', poisoned as typeof batch, {
        expectedVersion: 'noStream',
      })
      expect(E.isLeft(result) && result.left._tag).toBe('InvalidEvent')
      expect(await store.streamVersion('s-1')).toBe(0)
      expect(await positionsOf(store)).toEqual([])
    }))

  test(
    `splits a batch of 20,000 events into calls of ${rowsPerStatement} rows, in one transaction`,
    () =>
      withStore(async (store) => {
        const count = 20_000
        await store.appendToStream('before', events(1), { expectedVersion: 'noStream' })
        const result = await store.appendToStream('big', events(count), { expectedVersion: 0 })
        if (E.isLeft(result)) throw new Error(result.left.message)
        expect(result.right.version).toBe(count)
        expect(result.right.events.map((e) => e.position)).toEqual(
          Array.from({ length: count }, (_, i) => i + 2),
        )
        const stored = await store.readStream('big')
        expect(stored.map((e) => (e.data as { n: number }).n)).toEqual(
          Array.from({ length: count }, (_, i) => i + 1),
        )
      }),
    120_000,
  )

  test(
    'a batch of several INSERTs is all or nothing: a failing last INSERT leaves no trace',
    () =>
      withStore(async (store, client, s) => {
        await client.query(
          `CREATE FUNCTION ${s}.refuse() RETURNS trigger LANGUAGE plpgsql AS
         $$ BEGIN RAISE EXCEPTION 'poison refused by test trigger'; END $$`,
        )
        await client.query(
          `CREATE TRIGGER refuse BEFORE INSERT ON ${s}.events FOR EACH ROW
         WHEN (NEW.type = 'Poison') EXECUTE FUNCTION ${s}.refuse()`,
        )
        const batch = events(rowsPerStatement * 2 + 10)
        batch[batch.length - 1] = { ...batch[0]!, type: 'Poison' }
        await expect(
          store.appendToStream('s-1', batch, { expectedVersion: 'any' }),
        ).rejects.toThrow(/poison refused/)
        expect(await store.streamVersion('s-1')).toBe(0)
        expect(await positionsOf(store)).toEqual([])
        // The positions it took are not given again (a sequence does not roll back): the next
        // append takes a later one, and a reader sees it alone, with nothing before it.
        const next = await store.appendToStream('s-2', events(1), { expectedVersion: 'noStream' })
        if (E.isLeft(next)) throw new Error(next.left.message)
        expect(next.right.events[0]?.position).toBeGreaterThan(batch.length - 1)
        expect(await positionsOf(store)).toEqual([next.right.events[0]?.position])
      }),
    120_000,
  )

  test('refuses to go past position 2^53 - 1 and reads the last exact position as a number', () =>
    withStore(async (store, client, s) => {
      // Moving the head row (as a bulk load by SQL does) moves the position sequence with it.
      await client.query(`UPDATE ${s}.log_head SET position = $1`, [
        String(Number.MAX_SAFE_INTEGER - 1),
      ])
      const last = await store.appendToStream('s-1', events(1), { expectedVersion: 'noStream' })
      expect(E.isRight(last) && last.right.events[0]?.position).toBe(Number.MAX_SAFE_INTEGER)
      await expect(store.appendToStream('s-1', events(2), { expectedVersion: 1 })).rejects.toThrow(
        /past position 9007199254740991 \(2\^53 - 1\).*nothing was written/,
      )
      await expect(
        store.appendToStream('s-2', events(1), { expectedVersion: 'noStream' }),
      ).rejects.toThrow(/past position 9007199254740991 \(2\^53 - 1\).*nothing was written/)
      expect(await positionsOf(store)).toEqual([Number.MAX_SAFE_INTEGER])
      // A row put past it by hand (the check dropped) is refused on reading, not rounded.
      await client.query(`ALTER TABLE ${s}.events DROP CONSTRAINT events_position_check`)
      await client.query(
        `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
         SELECT 9007199254740993, 's-1', 2, type, data, metadata FROM ${s}.events`,
      )
      await expect(collect(store.readAll())).rejects.toThrow(/9007199254740993 is past 2\^53 - 1/)
    }))

  test('a row with broken metadata makes reads reject, naming stream, version and position', () =>
    withStore(async (store, client, s) => {
      await store.appendToStream('s-1', events(1), { expectedVersion: 'noStream' })
      await client.query(
        `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
         VALUES (7, 's-1', 2, 'Noted', '{}', '"not an object"')`,
      )
      await client.query(`UPDATE ${s}.log_head SET position = 7`)
      const expected = /stream 's-1' version 2 \(position 7\) is not an event this store wrote/
      await expect(store.readStream('s-1')).rejects.toThrow(expected)
      await expect(store.readStream('s-1')).rejects.toBeInstanceOf(StoredRowError)
      await expect(collect(store.readAll())).rejects.toThrow(expected)
      // Reading before the broken row still works.
      expect(await collect(store.readAll({ limit: 1 }))).toHaveLength(1)
    }))

  test('migrate is idempotent, and refuses a schema name it would have to guess at', async () => {
    const client = await clientOf(kind)
    const { schema, cleanup } = await storeIn(client)
    try {
      const again = await Promise.all([migrate(client, { schema }), migrate(client, { schema })])
      // Version 4: the events (1), the checkpoints (2), positions from a sequence (3), the
      // append function (4).
      expect(again).toEqual([
        { schema, version: 4 },
        { schema, version: 4 },
      ])
    } finally {
      await cleanup()
    }
    await expect(migrate(client, { schema: 'Robert"); DROP' })).rejects.toThrow(
      /invalid schema name/,
    )
  })

  test('a schema created before positions came from a sequence (migration 2) keeps working, and an older writer is refused', async () => {
    const client = await clientOf(kind)
    const { schema, cleanup } = await storeIn(client)
    const s = `"${schema}"`
    try {
      // Back to what migration 2 left: no sequence, the head row at the last position.
      await client.query(`DROP PROCEDURE ${s}.append_events`)
      await client.query(`DROP TRIGGER log_head_moved ON ${s}.log_head`)
      await client.query(`DROP FUNCTION ${s}.log_head_moved()`)
      await client.query(`DROP SEQUENCE ${s}.events_position`)
      await client.query(`DELETE FROM ${s}.migrations WHERE version >= 3`)
      await client.query(
        `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
         SELECT p, 'old', p, 'Noted', '{}', $1::jsonb FROM generate_series(1, 5) AS p`,
        [JSON.stringify(events(1)[0]?.metadata)],
      )
      await client.query(`UPDATE ${s}.log_head SET position = 5`)
      expect(await migrate(client, { schema })).toEqual({ schema, version: 4 })
      const store = createPostgresEventStore(client, { schema })
      const next = await store.appendToStream('old', events(2, 6), { expectedVersion: 5 })
      expect(E.isRight(next) && next.right.events.map((e) => e.position)).toEqual([6, 7])
      expect(await positionsOf(store)).toEqual([1, 2, 3, 4, 5, 6, 7])
      // An older writer moves the head row from where it was: refused, nothing written.
      await expect(
        client.query(`UPDATE ${s}.log_head SET position = position + 1`),
      ).rejects.toThrow(/an older microcred writer/)
      expect(await positionsOf(store)).toEqual([1, 2, 3, 4, 5, 6, 7])
    } finally {
      await cleanup()
    }
  })

  test('a schema at version 3 (appends by INSERT) is upgraded to the append function, and says so until it is', async () => {
    const client = await clientOf(kind)
    const { schema, cleanup } = await storeIn(client)
    const s = `"${schema}"`
    try {
      // Back to what migration 3 left, with events an older writer put there by INSERT.
      await client.query(`DROP PROCEDURE ${s}.append_events`)
      await client.query(`DELETE FROM ${s}.migrations WHERE version >= 4`)
      await client.query(
        `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
         SELECT nextval('${s}.events_position'), 'old', v, 'Noted', '{}', $1::jsonb
         FROM generate_series(1, 3) AS v`,
        [JSON.stringify(events(1)[0]?.metadata)],
      )
      const store = createPostgresEventStore(client, { schema })
      await expect(store.appendToStream('old', events(1), { expectedVersion: 3 })).rejects.toThrow(
        /needs the procedure .*append_events.*run migrate.*nothing was written/,
      )
      expect(await migrate(client, { schema })).toEqual({ schema, version: 4 })
      const next = await store.appendToStream('old', events(2, 4), { expectedVersion: 3 })
      expect(E.isRight(next) && next.right.events.map((e) => [e.version, e.position])).toEqual([
        [4, 4],
        [5, 5],
      ])
      const behind = await store.appendToStream('old', events(1), { expectedVersion: 6 })
      expect(E.isLeft(behind) && behind.left).toMatchObject({ actualVersion: 5 })
      expect(await positionsOf(store)).toEqual([1, 2, 3, 4, 5])
    } finally {
      await cleanup()
    }
  })

  test('an append that fits one call is one statement, at a version and at noStream alike', () =>
    withStore(async (_, client, s) => {
      const db = sqlDatabase(client)
      const sent: string[] = []
      const counted = createPostgresEventStore(
        {
          query: (text, params) => (sent.push(text), db.query(text, params)),
          transaction: (work) => (sent.push('a transaction'), db.transaction(work)),
        },
        { schema: s.slice(1, -1) },
      )
      const first = await counted.appendToStream('s-1', events(2), { expectedVersion: 'noStream' })
      const next = await counted.appendToStream('s-1', events(1, 3), { expectedVersion: 2 })
      expect([E.isRight(first), E.isRight(next)]).toEqual([true, true])
      expect(sent).toHaveLength(2)
      expect(sent.every((text) => text.includes('append_events'))).toBe(true)
      // A stream that exists refuses noStream, in one statement and a version read.
      sent.length = 0
      const again = await counted.appendToStream('s-1', events(1), { expectedVersion: 'noStream' })
      expect(E.isLeft(again) && again.left).toMatchObject({ actualVersion: 3 })
      expect(sent).toHaveLength(2)
    }))

  test('an empty batch writes nothing and still checks the expected version', () =>
    withStore(async (store) => {
      const empty = await store.appendToStream('s-1', [], { expectedVersion: 'noStream' })
      expect(E.isRight(empty) && empty.right.version).toBe(0)
      const wrong = await store.appendToStream('s-1', [], { expectedVersion: 3 })
      expect(E.isLeft(wrong) && wrong.left._tag).toBe('VersionConflict')
    }))

  test(
    'a reader tailing readAll while 8 writers append sees every position once, in order',
    () =>
      withStore(async (store) => {
        const writers = 8
        const appendsEach = kind === 'pglite' ? 40 : 80
        const total = writers * appendsEach * 2
        let writing = true
        const reader = (async () => {
          const seen: number[] = []
          let after = 0
          while (seen.length < total) {
            for await (const event of store.readAll({ after })) {
              seen.push(event.position)
              after = event.position
            }
            if (!writing && seen.length < total) {
              // Everything is committed: one last read must bring the rest.
              for await (const event of store.readAll({ after })) seen.push(event.position)
              break
            }
            await new Promise((resolve) => setTimeout(resolve, 0))
          }
          return seen
        })()
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let i = 0; i < appendsEach; i++) {
              // Half the writers share a stream at 'any' (a transaction that holds the head
              // first); the others append to their own at an exact version (one statement).
              const result =
                w % 2 === 0
                  ? await store.appendToStream('shared', events(2, i * 2), {
                      expectedVersion: 'any',
                    })
                  : await store.appendToStream(`own-${w}`, events(2, i * 2), {
                      expectedVersion: i * 2,
                    })
              if (E.isLeft(result)) throw new Error(result.left.message)
            }
          }),
        ).finally(() => (writing = false))
        const seen = await reader
        expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1))
      }),
    60_000,
  )

  corruptRowTests(test, withStore)
})
