/**
 * The statements of an append. One statement holds at most 65,535 parameters, so a batch is
 * inserted in chunks of `rowsPerStatement` rows (3 parameters each), all in one transaction; a
 * batch of one chunk is a single statement, which PostgreSQL runs as its own transaction.
 *
 * @internal
 * @packageDocumentation
 */
import type { EventToAppend } from '../store/recorded-event.js'

/** The most parameters PostgreSQL's protocol allows in one statement. */
export const maxParameters = 65_535

/** Parameters every insert has besides its rows' (base position, stream, base version). */
const fixedParameters = 3

/**
 * Rows of one insert, 3 parameters each (type, data, metadata). Up to 21,844 would fit the
 * limit, but statements of 1,000 to 2,000 rows insert fastest on both the server and PGlite
 * (measured: 20,000 events in chunks of 21,844 rows ran at 0.6x the speed of chunks of 1,000).
 */
export const rowsPerStatement = Math.min(1000, Math.floor((maxParameters - fixedParameters) / 3))

/** A statement and its parameters. */
export interface Statement {
  readonly text: string
  readonly params: unknown[]
}

/** An event as the statements send it: `data` and `metadata` as JSON text, encoded once. */
export interface EncodedEvent {
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/** Encodes a batch for the statements. */
export const encode = (events: ReadonlyArray<EventToAppend>): EncodedEvent[] =>
  events.map((event) => ({
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
  }))

/**
 * What an append's statement returns: one row, for its first event (`position`, `version`,
 * `recorded_at`). The others follow at consecutive positions and versions, with the same time:
 * returning one row instead of one per event saves converting them (measured: RETURNING every
 * row made a 1-event INSERT on PGlite 1.4x slower).
 */
export interface FirstInserted {
  readonly position: unknown
  readonly version: unknown
  readonly recorded_at: unknown
}

/** `(1, $4::text, $5::jsonb, $6::jsonb), (2, $7, $8, $9), ...`, pushing the parameters. */
const values = (events: ReadonlyArray<EncodedEvent>, params: unknown[]): string => {
  const rows: string[] = []
  events.forEach((event, i) => {
    const n = params.length
    params.push(event.type, event.data, event.metadata)
    rows.push(
      i === 0
        ? `(${i + 1}, $${n + 1}::text, $${n + 2}::jsonb, $${n + 3}::jsonb)`
        : `(${i + 1}, $${n + 1}, $${n + 2}, $${n + 3})`,
    )
  })
  return rows.join(', ')
}

/**
 * The whole append in one statement, for a stream expected at `expectedVersion` (a number): it
 * reserves positions by moving the head of the log (whose row lock it keeps until it commits),
 * and inserts nothing unless version `expectedVersion` exists (or is 0). A stream that is ahead
 * fails the unique (stream_id, version) constraint instead.
 */
export const appendStatement = (
  s: string,
  streamId: string,
  expectedVersion: number,
  events: ReadonlyArray<EncodedEvent>,
): Statement => {
  const params: unknown[] = [events.length, streamId, expectedVersion]
  // One event (the common case) goes without the VALUES list: 10-15% faster, measured.
  const [only] = events
  const source =
    events.length === 1 && only !== undefined
      ? (params.push(only.type, only.data, only.metadata),
        `SELECT head.base + 1, $2::text, $3::int + 1, $4::text, $5::jsonb, $6::jsonb FROM head`)
      : `SELECT head.base + v.i, $2::text, $3::int + v.i, v.type, v.data, v.metadata
         FROM head, (VALUES ${values(events, params)}) AS v (i, type, data, metadata)`
  const head = `head AS (
        UPDATE ${s}.log_head SET position = position + $1::int
        WHERE id AND ($3::int = 0 OR EXISTS (
          SELECT 1 FROM ${s}.events WHERE stream_id = $2::text AND version = $3::int))
        RETURNING position - $1::int AS base
      )`
  const insert = `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
      ${source}`
  return {
    text:
      events.length === 1
        ? `WITH ${head} ${insert} RETURNING position, version, recorded_at`
        : `WITH ${head}, inserted AS (${insert} RETURNING 1)
           SELECT head.base + 1 AS position, $3::int + 1 AS version, now() AS recorded_at
           FROM head WHERE EXISTS (SELECT 1 FROM inserted)`,
    params,
  }
}

/** Inserts one chunk at known positions and versions (inside a transaction holding the head). */
export const insertStatement = (
  s: string,
  streamId: string,
  basePosition: number,
  baseVersion: number,
  events: ReadonlyArray<EncodedEvent>,
): Statement => {
  const params: unknown[] = [basePosition, streamId, baseVersion]
  const rows = values(events, params)
  return {
    text: `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
      SELECT $1::bigint + v.i, $2::text, $3::int + v.i, v.type, v.data, v.metadata
      FROM (VALUES ${rows}) AS v (i, type, data, metadata)`,
    params,
  }
}

/**
 * Moves the head of the log by `count` and returns where it was, and the transaction's time:
 * takes the head's row lock.
 */
export const reserveStatement = (s: string, count: number): Statement => ({
  text: `UPDATE ${s}.log_head SET position = position + $1::int WHERE id
    RETURNING position - $1::int AS base, now() AS recorded_at`,
  params: [count],
})

/** The stream's version: its highest, through the unique index. */
export const versionStatement = (s: string, streamId: string): Statement => ({
  text: `SELECT coalesce(max(version), 0) AS version FROM ${s}.events WHERE stream_id = $1`,
  params: [streamId],
})

/** Splits a batch into chunks that each fit in one statement. */
export const chunks = <A>(items: ReadonlyArray<A>, size = rowsPerStatement): A[][] => {
  const out: A[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
