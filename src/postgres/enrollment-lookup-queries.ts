/**
 * The enrollment lookup's queries: enrollments by educator, cohort, program and status, each one
 * index scan, as rows decoded by `EnrollmentLookupRow`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeIssues, formatIssues } from '../codec.js'
import { EnrollmentStatus } from '../enrollment/state.js'
import { sqlState, type Queryable } from './client.js'
import { enrollmentLookupTable } from './enrollment-lookup.js'
import { EnrollmentLookupRow } from './enrollment-lookup-row.js'
import { defaultSchema, quotedSchema, type SchemaOptions } from './schema.js'

/** Options of the lookup's queries. */
export interface EnrollmentLookupOptions extends SchemaOptions {
  /** At most this many rows (default: all). */
  readonly limit?: number
}

const rowColumns = `enrollment_id AS "enrollmentId", educator_id AS "educatorId",
  cohort_id AS "cohortId", program_id AS "programId", program_version::float8 AS "programVersion",
  status, enrolled_at AS "enrolledAt", last_event_at AS "lastEventAt", earned_at AS "earnedAt",
  withdrawn_at AS "withdrawnAt", revoked_at AS "revokedAt", expired_at AS "expiredAt"`

/** Whether PostgreSQL's `text` can hold the value as it is (no U+0000, no lone surrogate). */
const storable = (value: string): boolean =>
  typeof value === 'string' && value.isWellFormed() && !value.includes('\u0000')

const lookup =
  (column: string) =>
  async (
    client: Queryable,
    value: string,
    options: EnrollmentLookupOptions = {},
  ): Promise<ReadonlyArray<EnrollmentLookupRow>> => {
    const schema = options.schema ?? defaultSchema
    const table = `${quotedSchema(schema)}.${enrollmentLookupTable}`
    if (!storable(value)) return []
    const limit = options.limit === undefined ? null : Math.max(0, Math.floor(options.limit))
    let rows: ReadonlyArray<unknown>
    try {
      ;({ rows } = await client.query(
        `SELECT ${rowColumns} FROM ${table} WHERE ${column} = $1
         ORDER BY enrolled_at, enrollment_id LIMIT $2`,
        [value, limit],
      ))
    } catch (error) {
      if (sqlState(error) !== '42P01') throw error
      throw new Error(
        `the enrollment lookup has no table in schema ${schema} yet: run ` +
          'createSqlProjectionRunner(client, enrollmentLookupProjection, { schema }).catchUp() first',
        { cause: error },
      )
    }
    return rows.map((row) => {
      const decoded = EnrollmentLookupRow.decode(row)
      if (E.isRight(decoded)) return decoded.right
      throw new Error(
        `a row of ${schema}.${enrollmentLookupTable} is not an enrollment lookup row: ` +
          `${formatIssues(decodeIssues(decoded.left))}; rebuild the projection`,
      )
    })
  }

/**
 * The enrollments of an educator, oldest first (an index scan on `educator_id`). An id
 * PostgreSQL cannot hold (U+0000, a lone surrogate) has none. Rejects when the database fails or
 * the table does not exist yet.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { createSqlProjectionRunner, enrollmentLookupProjection, enrollmentsByEducator, migrate } from 'microcred/postgres'
 * const db = await PGlite.create()
 * await migrate(db)
 * await createSqlProjectionRunner(db, enrollmentLookupProjection).catchUp() // creates the table
 * assert.deepEqual(await enrollmentsByEducator(db, 'e-1'), [])
 * await db.close()
 */
export const enrollmentsByEducator = lookup('educator_id')

/**
 * The enrollments of a cohort, oldest first (an index scan on `cohort_id`); see
 * `enrollmentLookupProjection` for an example that reads one back.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { enrollmentsByCohort, migrate } from 'microcred/postgres'
 * const db = await PGlite.create()
 * await migrate(db)
 * await assert.rejects(enrollmentsByCohort(db, 'steam-2026'), /no table in schema microcred yet/)
 * await db.close()
 */
export const enrollmentsByCohort = lookup('cohort_id')

/**
 * The enrollments in a program (any version), oldest first (an index scan on `program_id`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { createSqlProjectionRunner, enrollmentLookupProjection, enrollmentsByProgram, migrate } from 'microcred/postgres'
 * const db = await PGlite.create()
 * await migrate(db)
 * await createSqlProjectionRunner(db, enrollmentLookupProjection).catchUp()
 * assert.deepEqual(await enrollmentsByProgram(db, 'steam', { limit: 10 }), [])
 * await db.close()
 */
export const enrollmentsByProgram = lookup('program_id')

const byStatus = lookup('status')

/**
 * The enrollments with a status (`active`, `earned`, `withdrawn`, `revoked`, `incomplete`), oldest first (an
 * index scan on `status`). Any other status is a `TypeError`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PGlite } from '@electric-sql/pglite'
 * import { createSqlProjectionRunner, enrollmentLookupProjection, enrollmentsByStatus, migrate } from 'microcred/postgres'
 * const db = await PGlite.create()
 * await migrate(db)
 * await createSqlProjectionRunner(db, enrollmentLookupProjection).catchUp()
 * assert.deepEqual(await enrollmentsByStatus(db, 'withdrawn'), [])
 * assert.deepEqual(await enrollmentsByStatus(db, 'incomplete'), [])
 * await assert.rejects(enrollmentsByStatus(db, 'lost' as never), { name: 'TypeError' })
 * await db.close()
 */
export const enrollmentsByStatus = async (
  client: Queryable,
  status: EnrollmentStatus,
  options: EnrollmentLookupOptions = {},
): Promise<ReadonlyArray<EnrollmentLookupRow>> => {
  if (!EnrollmentStatus.is(status)) {
    throw new TypeError(
      `an enrollment status is active, earned, withdrawn, revoked or incomplete, not ${JSON.stringify(String(status).slice(0, 40))}`,
    )
  }
  return byStatus(client, status, options)
}
