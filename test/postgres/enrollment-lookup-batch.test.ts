/**
 * The enrollment lookup's batch path (each batch folded into one change per enrollment, written
 * in two statements) gives the same table as the per-event path it replaced (one statement per
 * event, test/postgres/fixtures/lookup-per-event.ts) and as the oracle, over random logs some of
 * which are out of order (events before the `EducatorEnrolled`, a second one, none), split into
 * 1-3 partitions with random batch sizes; and a table the per-event path left half done is
 * finished by the batch path, so batches meet rows that existed before them. On PGlite and on
 * the server (skipped, saying why, without DATABASE_URL). The fold itself is checked without a
 * database on hostile ids.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EnrollmentEvent } from 'microcred'
import {
  createSqlProjectionRunner,
  defineSqlProjection,
  enrollmentLookupProjection,
} from 'microcred/postgres'
import { lookupChanges } from '../../src/postgres/enrollment-lookup-batch.js'
import {
  allRows,
  disorderedLogsArbitrary,
  oracle,
  writeInterleaved,
} from './fixtures/lookup-logs.js'
import { lookupPerEvent } from './fixtures/lookup-per-event.js'
import {
  clientOf,
  databaseUrl,
  serverSkipReason,
  storeIn,
  warnIfNoServer,
  type ClientKind,
} from './support.js'

warnIfNoServer()

// -------------------------------------------------------------------------------------
// the fold, without a database
// -------------------------------------------------------------------------------------

const enrolled = (enrollmentId: string, at: string, educatorId = 'e-1'): EnrollmentEvent =>
  ({
    type: 'EducatorEnrolled',
    data: {
      enrollmentId,
      at,
      educator: { id: educatorId, name: 'Maria Lopez', email: 'maria@lausd.net' },
      cohortId: 'cohort-1',
      programId: 'steam',
      programVersion: 2,
      requirements: {},
      enrolledBy: 'admin-1',
    },
  }) as never

const happened = (
  type: EnrollmentEvent['type'],
  enrollmentId: string,
  at: string,
): EnrollmentEvent => ({ type, data: { enrollmentId, at } }) as never

describe('the fold of a batch into changes', () => {
  it('keeps one change per enrollment, hostile ids included, in the order they first appear', () => {
    const ids = ['__proto__', 'constructor', 'toString', 'enr-1']
    const events = ids.flatMap((id, i) => [
      enrolled(id, `2026-09-0${i + 1}T10:00:00Z`),
      happened('HoursRecorded', id, `2026-09-0${i + 1}T11:00:00Z`),
    ])
    const { updates, inserts } = lookupChanges(events)
    expect(inserts.map((row) => [row.enrollmentId, row.status, row.lastEventAt])).toEqual(
      ids.map((id, i) => [id, 'active', `2026-09-0${i + 1}T11:00:00Z`]),
    )
    expect(updates.map((update) => update.enrollmentId)).toEqual(ids)
    expect(Object.prototype).not.toHaveProperty('lastEventAt')
  })

  it('keeps apart what a row that existed gets and what a new row is', () => {
    const { updates, inserts } = lookupChanges([
      happened('HoursRecorded', 'enr-1', '2026-09-01T09:00:00Z'), // before any row of the batch
      happened('EnrollmentWithdrawn', 'enr-1', '2026-09-01T10:00:00Z'),
      enrolled('enr-1', '2026-09-02T10:00:00Z'),
      enrolled('enr-1', '2026-09-03T10:00:00Z', 'e-copy'), // changes nothing
      happened('CredentialEarned', 'enr-1', '2026-09-04T10:00:00Z'),
    ])
    // An existing row: every event but EducatorEnrolled; the withdrawal's date stays.
    expect(updates).toEqual([
      {
        enrollmentId: 'enr-1',
        lastEventAt: '2026-09-04T10:00:00Z',
        status: 'earned',
        earnedAt: '2026-09-04T10:00:00Z',
        withdrawnAt: '2026-09-01T10:00:00Z',
        revokedAt: undefined,
        expiredAt: undefined,
      },
    ])
    // A new row: the first EducatorEnrolled and what came after it.
    expect(inserts).toEqual([
      {
        enrollmentId: 'enr-1',
        educatorId: 'e-1',
        cohortId: 'cohort-1',
        programId: 'steam',
        programVersion: 2,
        status: 'earned',
        enrolledAt: '2026-09-02T10:00:00Z',
        lastEventAt: '2026-09-04T10:00:00Z',
        earnedAt: '2026-09-04T10:00:00Z',
        withdrawnAt: null,
        revokedAt: null,
        expiredAt: null,
      },
    ])
  })

  it('sets the status incomplete and the expiry date on an EnrollmentExpired', () => {
    const { updates, inserts } = lookupChanges([
      happened('EnrollmentExpired', 'enr-1', '2026-09-01T10:00:00Z'),
      enrolled('enr-2', '2026-09-02T10:00:00Z'),
      happened('EnrollmentExpired', 'enr-2', '2026-09-03T10:00:00Z'),
    ])
    expect(updates.map((u) => [u.enrollmentId, u.status, u.expiredAt])).toEqual([
      ['enr-1', 'incomplete', '2026-09-01T10:00:00Z'],
      ['enr-2', 'incomplete', '2026-09-03T10:00:00Z'],
    ])
    expect(inserts.map((row) => [row.enrollmentId, row.status, row.expiredAt])).toEqual([
      ['enr-2', 'incomplete', '2026-09-03T10:00:00Z'],
    ])
  })
})

// -------------------------------------------------------------------------------------
// the batch path against the per-event path
// -------------------------------------------------------------------------------------

const batchEqualsPerEvent = (kind: ClientKind, numRuns: number) =>
  it('gives the table the per-event path gives, from scratch and from half done', async () => {
    const client = await clientOf(kind)
    await fc.assert(
      fc.asyncProperty(
        disorderedLogsArbitrary(4),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 5 }),
        async (logs, choices, partitions, batchSize, stopAfter) => {
          const { store, schema, cleanup } = await storeIn(client, 'lkb')
          try {
            await writeInterleaved(store, logs, choices)
            const events = logs.flatMap((log) => log.events)
            const expected = oracle(events)
            const batched = defineSqlProjection({ ...enrollmentLookupProjection, partitions })
            const perEvent = lookupPerEvent(partitions)
            const options = { schema, batchSize }

            // Half done by the per-event path, finished by the batch path.
            let batches = 0
            const first = createSqlProjectionRunner(client, perEvent, {
              ...options,
              onBatch: () => {
                if (++batches === stopAfter) void first.stop()
              },
            })
            expect(E.isRight(await first.catchUp())).toBe(true)
            const rest = await createSqlProjectionRunner(client, batched, options).catchUp()
            expect(E.isRight(rest)).toBe(true)
            expect(await allRows(client, schema)).toEqual(expected)

            // Each path alone, from the first event.
            const one = await createSqlProjectionRunner(client, perEvent, options).rebuild()
            expect(one).toEqual(E.right({ applied: events.length, heldElsewhere: [] }))
            const byEvent = await allRows(client, schema)
            const all = await createSqlProjectionRunner(client, batched, options).rebuild()
            expect(all).toEqual(E.right({ applied: events.length, heldElsewhere: [] }))
            expect(await allRows(client, schema)).toEqual(byEvent)
            expect(byEvent).toEqual(expected)
          } finally {
            await cleanup()
          }
        },
      ),
      { numRuns },
    )
  })

describe('the enrollment lookup, batch against per event, on PGlite', () => {
  batchEqualsPerEvent('pglite', 6)
})

describe.skipIf(databaseUrl === undefined)(
  `the enrollment lookup, batch against per event, on the server${serverSkipReason}`,
  () => {
    batchEqualsPerEvent('server', 5)
  },
)
