/**
 * The SQL event store: one implementation of the `EventStore` port for a PostgreSQL server
 * (through a `pg` `Pool`) and for PGlite.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { checkBatch } from '../store/encoding.js'
import { versionConflict } from '../store/errors.js'
import type { EventStore } from '../store/event-store.js'
import { satisfiesExpectedVersion, type ExpectedVersion } from '../store/expected-version.js'
import type { EventToAppend, RecordedEvent } from '../store/recorded-event.js'
import {
  appendStatement,
  chunks,
  encode,
  highestPositionStatement,
  runningStatement,
  transactionStatement,
  type Inserted,
  rowsPerStatement,
  versionStatement,
  writersStatement,
} from './append-sql.js'
import { isPGlite, sqlDatabase, sqlState, type PostgresClient, type Queryable } from './client.js'
import { eventColumns, int8ToNumber, isoString, toRecordedEvent, type EventRow } from './rows.js'

import { maxPosition, quotedSchema, type SchemaOptions } from './schema.js'

/** Options of `createPostgresEventStore`. */
export interface PostgresEventStoreOptions extends SchemaOptions {
  /** How many events `readAll` fetches per query (default 1,000). */
  readonly pageSize?: number
}

/**
 * Thrown out of a transaction to roll it back when the stream is not at the expected version
 * (`actualVersion`), or has changed since it was read (`undefined`: read it again).
 */
class Conflict {
  constructor(readonly actualVersion?: number) {}
}

/** How often an append whose statement saw a stale stream retries before reporting a conflict. */
const maxStaleRetries = 100

const versionOf = async (db: Queryable, s: string, streamId: string) => {
  const { text, params } = versionStatement(s, streamId)
  const result = await db.query(text, params)
  return int8ToNumber((result.rows[0] as { version: unknown }).version, 'version')
}

/** Explains the errors a caller can act on; anything else propagates as it is. */
const explain = (error: unknown, streamId: string, s: string): unknown => {
  if (sqlState(error) === '42883') {
    return new Error(
      `appending to stream '${streamId}' needs the procedure ${s}.append_events, which migrate ` +
        'creates (schema version 4): run migrate (openEventStore does) after upgrading microcred; ' +
        'nothing was written',
      { cause: error },
    )
  }
  if (sqlState(error) === '23514') {
    return new RangeError(
      `appending to stream '${streamId}' would take the log past position ${maxPosition} ` +
        '(2^53 - 1), beyond what a JavaScript number holds exactly; nothing was written',
      { cause: error },
    )
  }
  return error
}

/**
 * The events of an append as recorded, at the positions the statements returned (in version
 * order) and consecutive versions from `version`, with the append's time. Their `data`
 * and `metadata` are the caller's own objects, which `checkBatch` found to be plain JSON: the
 * database holds its own copy, so nothing the caller does to them later changes what was stored
 * (parsing the sent text back instead cost 3.3 µs an event, about 8% of a batched append on the
 * server).
 */
const recordedEvents = (
  streamId: string,
  batch: ReadonlyArray<EventToAppend>,
  version: number,
  inserted: Inserted,
): RecordedEvent[] => {
  const recordedAt = isoString(inserted.recorded_at)
  if (inserted.positions.length !== batch.length) {
    throw new Error(
      `the database returned ${inserted.positions.length} positions for an append of ${batch.length} events`,
    )
  }
  const positions = inserted.positions.map((position) => int8ToNumber(position))
  // Positions follow versions within an append (see append_events): should a plan ever break
  // that, say so rather than hand out a stream whose order the log contradicts.
  if (positions.some((position, i) => i > 0 && position <= (positions[i - 1] as number))) {
    throw new Error(
      `the database gave the events of an append to stream '${streamId}' positions out of version order (${positions.join(', ')}); ` +
        'the append is stored: report this, and rebuild the projections of that stream',
    )
  }
  return batch.map((event, i) => ({
    streamId,
    version: version + i,
    position: positions[i] as number,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt,
  }))
}

/** Positions as one array whatever the driver returned (`pg` may give `{1,2}` text for int8[]). */
const positionsOf = (value: unknown): ReadonlyArray<unknown> =>
  Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter((p) => p !== '')
      : []

const lastVersion = (recorded: ReadonlyArray<RecordedEvent>) =>
  recorded[recorded.length - 1]?.version ?? 0

/**
 * An event store on PostgreSQL, through a `pg` `Pool` (a server) or a `PGlite` (in-process), in
 * `schema` (default `microcred`), which `migrate` must have created. Appends are atomic; the
 * unique (stream_id, version) constraint enforces the expected version; positions come from a
 * sequence, so appends to different streams do not wait for each other, and `readAll` reads only
 * up to the positions no append in flight can still fill, so it never skips an event. Failures of
 * the database itself (a lost connection) reject.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { PGlite } from '@electric-sql/pglite'
 * import { createPostgresEventStore, migrate } from 'microcred/postgres'
 * const pglite = new PGlite()
 * await migrate(pglite)
 * const store = createPostgresEventStore(pglite)
 * const metadata = {
 *   eventId: 'e-1',
 *   commandId: 'cmd-1',
 *   actorId: 'admin-1',
 *   correlationId: 'cmd-1',
 *   causationId: 'cmd-1',
 *   schemaVersion: 1,
 * }
 * const appended = await store.appendToStream('s-1', [{ type: 'Pinged', data: {}, metadata }], {
 *   expectedVersion: 'noStream',
 * })
 * assert.ok(E.isRight(appended))
 * assert.equal(appended.right.events[0]?.position, 1)
 * assert.equal(await store.streamVersion('s-1'), 1)
 * const again = await store.appendToStream('s-1', [{ type: 'Pinged', data: {}, metadata }], {
 *   expectedVersion: 'noStream',
 * })
 * assert.ok(E.isLeft(again))
 * assert.equal(again.left._tag, 'VersionConflict')
 * await pglite.close()
 */
export const createPostgresEventStore = (
  client: PostgresClient,
  options: PostgresEventStoreOptions = {},
): EventStore => {
  const db = sqlDatabase(client)
  const pglite = isPGlite(client)
  const s = quotedSchema(options.schema)
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 1000))

  /** Calls `append_events`: its row, or `undefined` when it inserted nothing. */
  const call = async (
    on: Queryable,
    streamId: string,
    expected: number,
    events: ReadonlyArray<EventToAppend>,
  ): Promise<Inserted | undefined> => {
    const { text, params } = appendStatement(s, streamId, expected, encode(events))
    const row = (await on.query(text, params)).rows[0] as Inserted | undefined
    return row === undefined || row.positions === null
      ? undefined
      : { ...row, positions: positionsOf(row.positions) }
  }

  /** A batch that fits one call, at a numeric expected version: one round trip. */
  const appendInOneStatement = async (
    streamId: string,
    events: ReadonlyArray<EventToAppend>,
    expected: number,
  ): Promise<Inserted | undefined> => {
    try {
      return await call(db, streamId, expected, events)
    } catch (error) {
      if (sqlState(error) === '23505') return undefined
      throw explain(error, streamId, s)
    }
  }

  /**
   * Any batch, any expectation: a transaction that takes the stream's lock before it reads the
   * stream's version. An append in one statement does not take that lock: if one wins the race,
   * the unique (stream_id, version) constraint refuses this one, which then reports the stream's
   * version and may try again.
   */
  const appendInTransaction = async (
    streamId: string,
    events: ReadonlyArray<EventToAppend>,
    expected: ExpectedVersion,
  ): Promise<{ version: number; inserted: Inserted } | Conflict | undefined> => {
    try {
      return await db.transaction(async (tx) => {
        const begin = transactionStatement(s, streamId)
        const started = await tx.query(begin.text, begin.params)
        const recordedAt = (started.rows[0] as { recorded_at: unknown }).recorded_at
        const current = await versionOf(tx, s, streamId)
        if (!satisfiesExpectedVersion(expected, current)) throw new Conflict(current)
        const positions: unknown[] = []
        let offset = 0
        for (const chunk of chunks(events, rowsPerStatement)) {
          const inserted = await call(tx, streamId, current + offset, chunk)
          // Only a stream that lost events since it was read (rows deleted by hand) gets here.
          if (inserted === undefined) throw new Conflict()
          positions.push(...inserted.positions)
          offset += chunk.length
        }
        return { version: current + 1, inserted: { positions, recorded_at: recordedAt } }
      })
    } catch (error) {
      if (error instanceof Conflict) return error
      if (sqlState(error) === '23505') return undefined
      throw explain(error, streamId, s)
    }
  }

  /**
   * The highest position a reader may read up to now (as text; `null`: all): every position at or
   * below it is committed or will never be. On a server, a position is taken by a transaction that already holds its
   * lock on the events table; so once the transactions holding it when the highest position was
   * read have ended, every position up to it is settled. PGlite runs one statement or transaction
   * at a time: what is taken is committed.
   */
  const settledPosition = async (): Promise<string | null> => {
    if (pglite) return null
    const highest = highestPositionStatement(s)
    const { position } = (await db.query(highest.text, highest.params)).rows[0] as {
      position: string
    }
    const listed = writersStatement(s)
    let writers = ((await db.query(listed.text, listed.params)).rows[0] as { writers: unknown })
      .writers as ReadonlyArray<string>
    for (let wait = 1; writers.length > 0; wait = Math.min(wait * 2, 20)) {
      await new Promise((resolve) => setTimeout(resolve, wait))
      const running = runningStatement(writers)
      writers = ((await db.query(running.text, running.params)).rows[0] as { running: unknown })
        .running as ReadonlyArray<string>
    }
    return position
  }

  const store: EventStore = {
    readStream: async (streamId, { fromVersion = 1 } = {}) => {
      const result = await db.query(
        `SELECT ${eventColumns} FROM ${s}.events
         WHERE stream_id = $1 AND version >= $2 ORDER BY version`,
        [streamId, Math.max(1, Math.floor(fromVersion))],
      )
      return (result.rows as EventRow[]).map(toRecordedEvent)
    },

    appendToStream: async (streamId, events, { expectedVersion }) => {
      const checked = checkBatch(streamId, events)
      if (E.isLeft(checked)) return checked
      const batch = checked.right
      // No stream yet is version 0: such an append is one statement too.
      const exact = expectedVersion === 'noStream' ? 0 : expectedVersion
      const numeric = typeof exact === 'number'
      if (batch.length === 0 || (numeric && !(Number.isSafeInteger(exact) && exact >= 0))) {
        const actual = await versionOf(db, s, streamId)
        return batch.length > 0 || !satisfiesExpectedVersion(expectedVersion, actual)
          ? E.left(versionConflict(streamId, expectedVersion, actual))
          : E.right({ streamId, version: actual, events: [] })
      }
      for (let attempt = 1; ; attempt++) {
        const first =
          numeric && batch.length <= rowsPerStatement
            ? await appendInOneStatement(streamId, batch, exact).then(
                (inserted) => inserted && { version: exact + 1, inserted },
              )
            : await appendInTransaction(streamId, batch, expectedVersion)
        if (first !== undefined && !(first instanceof Conflict)) {
          const recorded = recordedEvents(streamId, batch, first.version, first.inserted)
          return E.right({ streamId, version: lastVersion(recorded), events: recorded })
        }
        const actual =
          first instanceof Conflict && first.actualVersion !== undefined
            ? first.actualVersion
            : await versionOf(db, s, streamId)
        // The statement's snapshot predates the append it waited for: the stream may now be at
        // the expected version after all, so try again with a fresh one.
        if (!satisfiesExpectedVersion(expectedVersion, actual) || attempt >= maxStaleRetries) {
          return E.left(versionConflict(streamId, expectedVersion, actual))
        }
      }
    },

    readAll: async function* ({ after = 0, limit = Number.POSITIVE_INFINITY } = {}) {
      let last = Math.max(0, Math.floor(after))
      let remaining = limit
      // Nothing past the settled position: an append still in flight may hold a lower one.
      const settled = await settledPosition()
      while (remaining > 0) {
        const page = Math.min(pageSize, remaining)
        const result = await db.query(
          `SELECT ${eventColumns} FROM ${s}.events
           WHERE position > $1 AND ($3::bigint IS NULL OR position <= $3::bigint)
           ORDER BY position LIMIT $2`,
          [last, page, settled],
        )
        const rows = result.rows as EventRow[]
        for (const row of rows) {
          const event = toRecordedEvent(row)
          last = event.position
          remaining--
          yield event
        }
        if (rows.length < page) return
      }
    },

    streamVersion: (streamId) => versionOf(db, s, streamId),
  }
  return store
}
