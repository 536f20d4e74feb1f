/**
 * The statements of an append, and of a reader's wait for the appends in flight. An append's rows
 * go to the server-side procedure `append_events` (migration 4) as one `jsonb` array, in chunks of
 * `rowsPerStatement` rows, all in one transaction; a batch of one chunk is a single statement,
 * which PostgreSQL runs as its own transaction.
 *
 * @internal
 * @packageDocumentation
 */
import type { EventToAppend } from '../store/recorded-event.js'

/**
 * Rows of one call of `append_events`. A call takes one parameter whatever its size, but calls of
 * 1,000 to 2,000 rows insert fastest on both the server and PGlite (measured with the multi-row
 * `INSERT` the store used before: 20,000 events in chunks of 21,844 rows ran at 0.6x the speed of
 * chunks of 1,000).
 */
export const rowsPerStatement = 1000

/** A statement and its parameters. */
export interface Statement {
  readonly text: string
  readonly params: unknown[]
}

/**
 * Events as `append_events` takes them: one JSON array of `[type, data, metadata]` triples,
 * encoded once.
 */
export const encode = (events: ReadonlyArray<EventToAppend>): string =>
  JSON.stringify(events.map((event) => [event.type, event.data, event.metadata]))

/**
 * What `append_events` returns: the positions of its events, in version order (`null` when it
 * inserted nothing), and `recorded_at`. Positions come from a sequence: increasing within an
 * append, but not always consecutive (another append may take some between).
 */
export interface Inserted {
  readonly positions: ReadonlyArray<unknown>
  readonly recorded_at: unknown
}

/** The sequence positions come from (migration 3). */
export const positionSequence = (s: string): string => `${s}.events_position`

/**
 * An append of `events` (encoded by `encode`, at most `rowsPerStatement`) to a stream expected at
 * `expectedVersion`: one round trip, one row, whose `positions` are `null` unless it inserted
 * them (see `append_events` in `schema.ts`). Alone it is its own transaction; inside one (a batch
 * in chunks) each chunk is one call at the version the chunk before it left.
 */
export const appendStatement = (
  s: string,
  streamId: string,
  expectedVersion: number,
  events: string,
): Statement => ({
  text: `CALL ${s}.append_events($1, $2, $3)`,
  params: [streamId, expectedVersion, events],
})

/**
 * The first statement of an append's transaction: assigns its id (before any position), takes
 * the stream's transaction lock (so appends at `'any'` and large batches to one stream take turns
 * instead of failing each other), and returns the transaction's time.
 */
export const transactionStatement = (s: string, streamId: string): Statement => ({
  text: `SELECT pg_current_xact_id() AS id, pg_advisory_xact_lock(hashtextextended($1, 0)) AS locked,
      now() AS recorded_at`,
  params: [`${s}.${streamId}`],
})

/** The stream's version: its highest, through the unique index. */
export const versionStatement = (s: string, streamId: string): Statement => ({
  text: `SELECT coalesce(max(version), 0) AS version FROM ${s}.events WHERE stream_id = $1`,
  params: [streamId],
})

/**
 * The highest position taken so far, as text (it may be past 2^53 - 1 once an append was refused
 * there): every position at or below it was taken by a transaction that already held its lock on
 * the table.
 */
export const highestPositionStatement = (s: string): Statement => ({
  text: `SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS position
    FROM ${positionSequence(s)}`,
  params: [],
})

/**
 * The transactions (other than this session's) that hold a writer's lock on the events table:
 * any that took a position not yet visible is among them.
 */
export const writersStatement = (s: string): Statement => ({
  text: `SELECT coalesce(array_agg(DISTINCT virtualtransaction), '{}') AS writers FROM pg_locks
    WHERE locktype = 'relation' AND relation = '${s}.events'::regclass
      AND mode = 'RowExclusiveLock' AND pid IS DISTINCT FROM pg_backend_pid()`,
  params: [],
})

/** Which of those transactions are still running. */
export const runningStatement = (writers: ReadonlyArray<string>): Statement => ({
  text: `SELECT coalesce(array_agg(virtualxid), '{}') AS running FROM pg_locks
    WHERE locktype = 'virtualxid' AND virtualxid = ANY($1::text[])`,
  params: [writers],
})

/** Splits a batch into chunks that each fit in one statement. */
export const chunks = <A>(items: ReadonlyArray<A>, size = rowsPerStatement): A[][] => {
  const out: A[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
