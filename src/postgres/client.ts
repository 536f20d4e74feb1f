/**
 * The one thing the SQL store needs of PostgreSQL: run a statement with parameters, and run a
 * function inside a transaction. A `pg` `Pool` and a `PGlite` both provide it; `sqlDatabase`
 * adapts either to the same small interface, so there is one SQL implementation.
 *
 * @packageDocumentation
 */

/** The result of a statement, as both drivers return it. */
export interface SqlResult {
  readonly rows: ReadonlyArray<unknown>
}

/** Anything that runs one statement with positional parameters (`$1`, `$2`, ...). */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<SqlResult>
}

/** A `pg` `Pool`, as far as the store uses it: `query`, and `connect` for a transaction. */
export interface PoolLike extends Queryable {
  connect(): Promise<
    Queryable & {
      release(error?: Error | boolean): void
      on(event: 'error', listener: (error: Error) => void): unknown
      off(event: 'error', listener: (error: Error) => void): unknown
    }
  >
}

/** A `PGlite`, as far as the store uses it: `query`, and `transaction`. */
export interface PGliteLike extends Queryable {
  transaction<T>(callback: (tx: Queryable) => Promise<T>): Promise<T>
}

/** What `createPostgresEventStore` and `migrate` accept: a `pg` `Pool` or a `PGlite`. */
export type PostgresClient = PoolLike | PGliteLike

/** A client adapted: statements, and functions run in one transaction (all or nothing). */
export interface SqlDatabase extends Queryable {
  /** Runs `work` in a transaction: commits if it resolves, rolls back if it rejects. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
}

const isPGliteLike = (client: PostgresClient): client is PGliteLike =>
  typeof (client as Partial<PGliteLike>).transaction === 'function'

/**
 * Whether the client is a PGlite (one connection: one statement or transaction at a time).
 *
 * @internal
 */
export const isPGlite = (client: PostgresClient): boolean => isPGliteLike(client)

const isPoolLike = (client: PostgresClient): client is PoolLike =>
  typeof (client as Partial<PoolLike>).connect === 'function'

/**
 * Adapts a `pg` `Pool` or a `PGlite` to `SqlDatabase`. A `pg` transaction checks a client out of
 * the pool for its duration; a client that failed is destroyed rather than returned to the pool.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { sqlDatabase } from 'microcred/postgres'
 * const pglite = new PGlite()
 * const db = sqlDatabase(pglite)
 * const result = await db.transaction((tx) => tx.query('SELECT 1 + 1 AS two'))
 * assert.deepEqual(result.rows, [{ two: 2 }])
 * // A transaction whose work rejects is rolled back.
 * await db.query('CREATE TABLE notes (body text)')
 * const rejected = db.transaction(async (tx) => {
 *   await tx.query('INSERT INTO notes (body) VALUES ($1)', ['draft'])
 *   throw new Error('changed my mind')
 * })
 * await assert.rejects(rejected, /changed my mind/)
 * assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM notes')).rows, [{ n: 0 }])
 * await pglite.close()
 */
export const sqlDatabase = (client: PostgresClient): SqlDatabase => {
  if (isPGliteLike(client)) {
    return {
      query: (text, params) => client.query(text, params),
      transaction: (work) => client.transaction(work),
    }
  }
  if (!isPoolLike(client)) {
    throw new TypeError('microcred/postgres needs a pg Pool or a PGlite instance')
  }
  return {
    query: (text, params) => client.query(text, params),
    transaction: async (work) => {
      const connection = await client.connect()
      // A terminated backend makes the checked-out client emit 'error': without a listener that
      // would crash the process. The pending query rejects anyway, so noting it is enough.
      let broken: Error | undefined
      const onError = (error: Error) => (broken = error)
      connection.on('error', onError)
      try {
        await connection.query('BEGIN').catch((beginError: unknown) => {
          broken ??= beginError instanceof Error ? beginError : new Error('begin')
          throw beginError
        })
        let result: Awaited<ReturnType<typeof work>>
        try {
          result = await work(connection)
        } catch (error) {
          await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
            broken ??= rollbackError instanceof Error ? rollbackError : new Error('rollback')
          })
          throw error
        }
        await connection.query('COMMIT').catch((commitError: unknown) => {
          broken ??= commitError instanceof Error ? commitError : new Error('commit')
          throw commitError
        })
        return result
      } finally {
        connection.off('error', onError)
        // A client whose connection failed is destroyed rather than returned to the pool.
        connection.release(broken ?? false)
      }
    },
  }
}

/** The SQLSTATE of a database error (`'23505'` for a unique violation), if it has one. */
export const sqlState = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
