/**
 * The enrollment lookup: a SQL read model of every enrollment's ids, status and dates, indexed by
 * educator, cohort, program and status, so a district app finds enrollments without folding every
 * stream (its queries: enrollment-lookup-queries.ts). It holds ids only, never an educator's name
 * or email (see docs/stores.md).
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { EnrollmentStatus } from '../enrollment/state.js'
import { enrollmentEventDecoder } from '../projections/enrollment-events.js'
import type { ProjectionDecoder } from '../projections/projection.js'
import { corruptEvent } from '../store/errors.js'
import { lookupChanges, writeLookupChanges } from './enrollment-lookup-batch.js'
import { defineSqlProjection } from './sql-projection.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The name of the lookup's table (and of its projection), in the store's schema.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { enrollmentLookupTable } from 'microcred/postgres'
 * assert.equal(enrollmentLookupTable, 'enrollment_lookup')
 */
export const enrollmentLookupTable = 'enrollment_lookup'

// -------------------------------------------------------------------------------------
// projection
// -------------------------------------------------------------------------------------

const streamPrefix = 'enrollment-'

/** The statuses a row may hold: every `EnrollmentStatus`, as an SQL list. */
const statuses = Object.keys(EnrollmentStatus.keys)
  .map((status) => `'${status}'`)
  .join(', ')

/**
 * The enrollment events, each of which must belong to the enrollment its stream is named for:
 * the lookup is split by stream, so an event filed under another enrollment's stream is corrupt
 * (it would race that enrollment's own events), never silently applied or skipped.
 */
const enrollmentLookupDecoder: ProjectionDecoder<EnrollmentEvent> = (recorded) => {
  const decoded = enrollmentEventDecoder(recorded)
  if (E.isLeft(decoded) || decoded.right === undefined) return decoded
  const own = recorded.streamId.slice(streamPrefix.length)
  if (decoded.right.data.enrollmentId === own) return decoded
  return E.left(
    corruptEvent(
      {
        streamId: recorded.streamId,
        version: recorded.version,
        position: recorded.position,
        type: recorded.type,
      },
      [
        {
          path: 'data.enrollmentId',
          message: `the event belongs to enrollment '${decoded.right.data.enrollmentId.slice(0, 100)}', not to its stream's '${own.slice(0, 100)}'`,
        },
      ],
    ),
  )
}

/**
 * The enrollment lookup as a SQL projection, for `createSqlProjectionRunner`: the table
 * `enrollment_lookup` (ids, program version, status and dates; no name or email) with indexes on
 * educator, cohort, program and status, kept by the enrollment events: each batch folded in
 * JavaScript into one change per enrollment and written in two statements. One partition; for
 * several workers, define it again with more: `defineSqlProjection({ ...enrollmentLookupProjection,
 * partitions: 8 })` (then `rebuild`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { PGlite } from '@electric-sql/pglite'
 * import { handleCommand, catalog, enrollment } from 'microcred'
 * import { createPostgresEventStore, createSqlProjectionRunner, enrollmentLookupProjection, enrollmentsByCohort, migrate } from 'microcred/postgres'
 * const db = await PGlite.create()
 * await migrate(db, { schema: 'district' })
 * const store = createPostgresEventStore(db, { schema: 'district' })
 * const enrolled = await handleCommand(store, enrollment, {
 *   type: 'Enroll',
 *   data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' } },
 * }, { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' })
 * assert.ok(E.isRight(enrolled))
 * const runner = createSqlProjectionRunner(db, enrollmentLookupProjection, { schema: 'district' })
 * assert.ok(E.isRight(await runner.catchUp()))
 * const rows = await enrollmentsByCohort(db, 'steam-2026', { schema: 'district' })
 * assert.deepEqual(rows.map((row) => [row.enrollmentId, row.educatorId, row.status]), [['enr-1', 'e-1', 'active']])
 * await db.close()
 */
export const enrollmentLookupProjection = defineSqlProjection<EnrollmentEvent>({
  name: enrollmentLookupTable,
  decode: enrollmentLookupDecoder,
  setup: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.${enrollmentLookupTable} (
       enrollment_id   text    PRIMARY KEY,
       educator_id     text    NOT NULL,
       cohort_id       text    NOT NULL,
       program_id      text    NOT NULL,
       program_version bigint  NOT NULL,
       status          text    NOT NULL CONSTRAINT ${enrollmentLookupTable}_status_check
                               CHECK (status IN (${statuses})),
       enrolled_at     text    NOT NULL,
       last_event_at   text    NOT NULL,
       earned_at       text,
       withdrawn_at    text,
       revoked_at      text,
       expired_at      text
     ) WITH (fillfactor = 70)`,
    // A table made before expiries (EnrollmentExpired) gets their column and status, once: the
    // check is replaced only while it does not know 'incomplete'.
    `ALTER TABLE ${s}.${enrollmentLookupTable} ADD COLUMN IF NOT EXISTS expired_at text`,
    `DO $$ BEGIN
       IF EXISTS (SELECT 1 FROM pg_constraint
                  WHERE conrelid = '${s}.${enrollmentLookupTable}'::regclass
                    AND conname = '${enrollmentLookupTable}_status_check'
                    AND pg_get_constraintdef(oid) NOT LIKE '%''incomplete''%') THEN
         ALTER TABLE ${s}.${enrollmentLookupTable} DROP CONSTRAINT ${enrollmentLookupTable}_status_check;
         ALTER TABLE ${s}.${enrollmentLookupTable} ADD CONSTRAINT ${enrollmentLookupTable}_status_check
           CHECK (status IN (${statuses}));
       END IF;
     END $$`,
    ...['educator_id', 'cohort_id', 'program_id', 'status'].map(
      (column) =>
        `CREATE INDEX IF NOT EXISTS ${enrollmentLookupTable}_${column}
         ON ${s}.${enrollmentLookupTable} (${column}, enrollment_id)`,
    ),
  ],
  reset: (s) => [`DELETE FROM ${s}.${enrollmentLookupTable}`],
  applyBatch: async (tx, events, s) =>
    writeLookupChanges(tx, s, enrollmentLookupTable, lookupChanges(events)),
})
