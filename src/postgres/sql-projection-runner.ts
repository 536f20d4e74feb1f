/**
 * The runner of a SQL projection: each batch is one transaction that locks a partition's
 * checkpoint row (`FOR UPDATE SKIP LOCKED`), reads that partition's next events, applies them
 * and advances the row. A crash rolls the batch back whole, so no event is applied twice or
 * skipped, and several processes can run one projection (competing consumers): a partition
 * another worker holds is skipped, and one whose worker died is taken over as soon as the
 * database has rolled the dead worker's transaction back. See docs/stores.md.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { storeFailed } from '../store/errors.js'
import { sqlDatabase, type PostgresClient, type Queryable } from './client.js'
import { defaultSchema, quotedSchema, type SchemaOptions } from './schema.js'
import type { AnySqlProjection, SqlProjectionError } from './sql-projection.js'
import { Abort, held, partitionWork } from './sql-projection-batch.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Options of `createSqlProjectionRunner`. */
export interface SqlProjectionRunnerOptions extends SchemaOptions {
  /**
   * How many events one batch (one transaction) reads at most (default 2,000). A larger batch
   * costs fewer round trips per event and, with `applyBatch`, fewer row writes when it holds
   * several events of one row; but its events are held in memory until it commits, and a batch
   * that fails is done again whole. See docs/stores.md for measured sizes.
   */
  readonly batchSize?: number
  /** How long `follow` waits (ms) when it found nothing to apply (default 500). */
  readonly pollMs?: number
  /** A name for this worker, kept in the checkpoint rows it advances (default: none). */
  readonly workerId?: string
  /** Told of every batch this runner committed (for logs and metrics); must not throw. */
  readonly onBatch?: (batch: AppliedBatch) => void
}

/** A batch a runner committed: its partition and the positions of its first and last event. */
export interface AppliedBatch {
  readonly projection: string
  readonly partition: number
  readonly events: number
  readonly from: number
  readonly to: number
}

/** What `catchUp` did: events applied, and the partitions it left to other workers. */
export interface CatchUpReport {
  readonly applied: number
  /** Partitions another worker held (in a batch) the last time this runner tried them. */
  readonly heldElsewhere: ReadonlyArray<number>
}

/** Runs a SQL projection; one operation at a time (a call waits for the one running). */
export interface SqlProjectionRunner {
  /**
   * Applies batches until every partition this worker could lock is at the end of the log
   * (or `stop` is called). Partitions other workers hold are left to them.
   */
  readonly catchUp: () => Promise<E.Either<SqlProjectionError, CatchUpReport>>
  /** Catches up, then keeps following the log, until `signal` aborts or `stop` is called. */
  readonly follow: (options?: {
    readonly signal?: AbortSignal
  }) => Promise<E.Either<SqlProjectionError, void>>
  /** Stops what runs after its current batch (committed or rolled back whole), and waits. */
  readonly stop: () => Promise<void>
  /**
   * Empties the projection's tables (`reset`) and its checkpoints in one transaction (waiting
   * for other workers' batches to end), splits the log into the projection's partitions anew,
   * then catches up from the first event.
   */
  readonly rebuild: () => Promise<E.Either<SqlProjectionError, CatchUpReport>>
}

// -------------------------------------------------------------------------------------
// runner
// -------------------------------------------------------------------------------------

/**
 * A runner of `projection` on a `pg` `Pool` or a `PGlite`, in the store's schema (which `migrate`
 * must have brought to version 2). Several runners, in as many processes, may run one
 * projection: they share its partitions. Every method resolves to an `Either`: a failure of the
 * database is a `StoreFailed`, an event that does not decode a `CorruptEvent`, an `apply` that
 * threw a `ProjectionApplyFailed`, checkpoint rows of another split a `PartitionsChanged`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { PGlite } from '@electric-sql/pglite'
 * import { createPostgresEventStore, createSqlProjectionRunner, defineSqlProjection, migrate } from 'microcred/postgres'
 * const db = await PGlite.create()
 * await migrate(db, { schema: 'district' })
 * const store = createPostgresEventStore(db, { schema: 'district' })
 * const metadata = { eventId: 'e', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * await store.appendToStream('s-1', [{ type: 'Noted', data: {}, metadata }, { type: 'Noted', data: {}, metadata }], { expectedVersion: 'noStream' })
 * const counts = defineSqlProjection({
 *   name: 'counts',
 *   setup: (s) => [`CREATE TABLE IF NOT EXISTS ${s}.counts (stream_id text PRIMARY KEY, n integer NOT NULL)`],
 *   reset: (s) => [`DELETE FROM ${s}.counts`],
 *   apply: async (tx, event, s) => {
 *     await tx.query(`INSERT INTO ${s}.counts VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = ${s}.counts.n + 1`, [event.streamId])
 *   },
 * })
 * const runner = createSqlProjectionRunner(db, counts, { schema: 'district' })
 * assert.deepEqual(await runner.catchUp(), E.right({ applied: 2, heldElsewhere: [] }))
 * assert.deepEqual((await db.query('SELECT stream_id, n FROM district.counts')).rows, [{ stream_id: 's-1', n: 2 }])
 * assert.deepEqual(await runner.catchUp(), E.right({ applied: 0, heldElsewhere: [] })) // nothing new
 * assert.deepEqual(await runner.rebuild(), E.right({ applied: 2, heldElsewhere: [] }))
 * await db.close()
 */
export const createSqlProjectionRunner = (
  client: PostgresClient,
  projection: AnySqlProjection,
  options: SqlProjectionRunnerOptions = {},
): SqlProjectionRunner => {
  const db = sqlDatabase(client)
  const schema = options.schema ?? defaultSchema
  quotedSchema(schema)
  const { name, partitions } = projection
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2000))
  const pollMs = Math.max(1, options.pollMs ?? 500)
  const work = partitionWork(projection, schema, batchSize, options.workerId)

  /** Runs `work` in a transaction; a thrown `Abort` or database failure becomes a `Left`. */
  const inTransaction = async <A>(
    doing: string,
    work: (tx: Queryable) => Promise<A>,
  ): Promise<E.Either<SqlProjectionError, A>> => {
    try {
      return E.right(await db.transaction(work))
    } catch (error) {
      if (error instanceof Abort) return E.left(error.error)
      return E.left(storeFailed(`${doing} of the SQL projection '${name}'`, error))
    }
  }

  let prepared = false
  const ensurePrepared = async (): Promise<E.Either<SqlProjectionError, void>> => {
    if (prepared) return E.right(undefined)
    const result = await inTransaction('creating the tables', (tx) => work.prepare(tx, false))
    if (E.isRight(result)) prepared = true
    return result
  }

  /** One batch of one partition, in a transaction of its own. */
  const batch = (partition: number) =>
    inTransaction(`applying a batch of partition ${partition}`, (tx) => work.batch(tx, partition))

  // Workers start their passes at different partitions, so they rarely meet on one.
  let nextStart = Math.floor(Math.random() * partitions)
  let stopRequested = false
  let wake: (() => void) | undefined

  /** One pass over every partition, each read to its end (or until another worker holds it). */
  const pass = async (): Promise<E.Either<SqlProjectionError, CatchUpReport>> => {
    let applied = 0
    const heldElsewhere: number[] = []
    const start = nextStart++ % partitions
    for (let i = 0; i < partitions && !stopRequested; i++) {
      const partition = (start + i) % partitions
      for (;;) {
        const result = await batch(partition)
        if (E.isLeft(result)) return result
        if (result.right === held) {
          heldElsewhere.push(partition)
          break
        }
        const { events, from, to } = result.right
        applied += events
        if (events > 0) options.onBatch?.({ projection: name, partition, events, from, to })
        if (events < batchSize || stopRequested) break
      }
    }
    return E.right({ applied, heldElsewhere: heldElsewhere.sort((a, b) => a - b) })
  }

  const catchUpNow = async (): Promise<E.Either<SqlProjectionError, CatchUpReport>> => {
    const ready = await ensurePrepared()
    if (E.isLeft(ready)) return ready
    let applied = 0
    for (;;) {
      const result = await pass()
      if (E.isLeft(result)) return result
      applied += result.right.applied
      if (result.right.applied === 0 || stopRequested) {
        return E.right({ applied, heldElsewhere: result.right.heldElsewhere })
      }
    }
  }

  const pause = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        wake = undefined
        resolve()
      }
      const timer = setTimeout(done, pollMs)
      signal?.addEventListener('abort', done)
      wake = done
    })

  const followNow = async (signal?: AbortSignal): Promise<E.Either<SqlProjectionError, void>> => {
    const ready = await ensurePrepared()
    if (E.isLeft(ready)) return ready
    while (!stopRequested && signal?.aborted !== true) {
      const result = await pass()
      if (E.isLeft(result)) return result
      if (result.right.applied === 0 && !stopRequested) await pause(signal)
    }
    return E.right(undefined)
  }

  const rebuildNow = async (): Promise<E.Either<SqlProjectionError, CatchUpReport>> => {
    const emptied = await inTransaction('rebuilding', (tx) => work.prepare(tx, true))
    if (E.isLeft(emptied)) return emptied
    prepared = true
    return catchUpNow()
  }

  // One operation at a time: each waits for the one before.
  let queue: Promise<unknown> = Promise.resolve()
  const serialized = <A>(operation: () => Promise<A>): Promise<A> => {
    const run = queue.then(operation, operation)
    queue = run.catch(() => undefined)
    return run
  }

  return {
    catchUp: () => serialized(catchUpNow),
    follow: ({ signal } = {}) => serialized(() => followNow(signal)),
    rebuild: () => serialized(rebuildNow),
    stop: async () => {
      stopRequested = true
      wake?.()
      await queue
      stopRequested = false
    },
  }
}
