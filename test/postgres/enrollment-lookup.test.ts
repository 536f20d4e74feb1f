/**
 * The enrollment lookup, a SQL read model, equals a small independent oracle (a plain loop over
 * the same events) over random histories written to the store, interleaved: on PGlite and on the
 * server (skipped, saying why, without DATABASE_URL). In every run the runner is split into 1-3
 * partitions with random batch sizes, crashes in `applyBatch` once (the batch rolls back), is stopped
 * between batches and started again, and the table is rebuilt: every way ends in the same rows.
 * A test-only projection run the same way records each event it applies (UNIQUE per event), so
 * an event applied twice or skipped shows, whatever the lookup's columns happen to keep; it
 * applies one event or a batch at a time.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createSqlProjectionRunner,
  defineSqlProjection,
  enrollmentLookupProjection,
  enrollmentsByCohort,
  enrollmentsByEducator,
  enrollmentsByProgram,
  enrollmentsByStatus,
  type AnySqlProjection,
  type PostgresClient,
} from 'microcred/postgres'
import { appliedEventsProjection, notAppliedOnce } from './fixtures/applied-events.js'
import { allRows, byId, logsArbitrary, oracle, writeInterleaved } from './fixtures/lookup-logs.js'
import {
  clientOf,
  databaseUrl,
  metadata,
  serverSkipReason,
  storeIn,
  warnIfNoServer,
  type ClientKind,
} from './support.js'

warnIfNoServer()

/**
 * Runs `projection` as a district's workers might: one crashes in `apply` at the event at a
 * position drawn from `crashAt` (its batch rolls back), one is stopped after `stopAfter` batches,
 * and a last one (a restart) finishes.
 */
const crashStopAndFinish = async (
  client: PostgresClient,
  projection: AnySqlProjection,
  options: { readonly schema: string; readonly batchSize: number },
  logLength: number,
  crashAt: number,
  stopAfter: number,
): Promise<void> => {
  const position = logLength === 0 ? 0 : 1 + (crashAt % logLength)
  const crash = () => {
    throw new Error('the worker crashed')
  }
  const crashing =
    projection.applyBatch === undefined
      ? defineSqlProjection({
          ...projection,
          apply: async (tx, event, s, recorded) => {
            if (recorded.position === position) crash()
            await projection.apply(tx, event, s, recorded)
          },
        })
      : defineSqlProjection({
          ...projection,
          applyBatch: async (tx, events, s, recorded) => {
            // Writes what comes before the crash first: the rollback must undo it.
            const before = recorded.findIndex((event) => event.position === position)
            await projection.applyBatch(
              tx,
              before < 0 ? events : events.slice(0, before),
              s,
              recorded,
            )
            if (before >= 0) crash()
          },
        })
  const crashed = await createSqlProjectionRunner(client, crashing, options).catchUp()
  if (logLength > 0) {
    const failed = E.isLeft(crashed) ? crashed.left : undefined
    expect(failed).toMatchObject({
      _tag: 'ProjectionApplyFailed',
      message: expect.stringContaining('the worker crashed'),
    })
    // The event's position, or the positions of the batch that holds it.
    expect(failed?._tag === 'ProjectionApplyFailed' && failed.position).toBeLessThanOrEqual(
      position,
    )
    expect(failed?._tag === 'ProjectionApplyFailed' && failed.lastPosition).toBeGreaterThanOrEqual(
      position,
    )
  }
  let batches = 0
  const stopped = createSqlProjectionRunner(client, projection, {
    ...options,
    onBatch: () => {
      if (++batches === stopAfter) void stopped.stop()
    },
  })
  expect(E.isRight(await stopped.catchUp())).toBe(true)
  const finished = await createSqlProjectionRunner(client, projection, options).catchUp()
  expect(E.isRight(finished)).toBe(true)
}

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

const lookupEqualsOracle = (kind: ClientKind, numRuns: number) =>
  it('equals the oracle however it is split, batched, crashed, stopped and rebuilt', async () => {
    const client = await clientOf(kind)
    await fc.assert(
      fc.asyncProperty(
        logsArbitrary(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 3, max: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (logs, choices, partitions, batchSize, crashAt, stopAfter, inBatches) => {
          const { store, schema, cleanup } = await storeIn(client, 'lk')
          try {
            await writeInterleaved(store, logs, choices)
            const events = logs.flatMap((log) => log.events)
            const expected = oracle(events)
            const lookup = defineSqlProjection({ ...enrollmentLookupProjection, partitions })

            const options = { schema, batchSize }
            await crashStopAndFinish(client, lookup, options, events.length, crashAt, stopAfter)
            // The runner itself: every event applied exactly once, none skipped.
            const applied = appliedEventsProjection({ partitions, batch: inBatches })
            await crashStopAndFinish(client, applied, options, events.length, crashAt, stopAfter)
            expect(await notAppliedOnce(client, schema)).toEqual([])
            const rows = await allRows(client, schema)
            expect(rows).toEqual(expected)

            // The queries agree with the oracle's rows.
            const educatorId = expected[0]?.educatorId ?? 'nobody'
            expect(byId(await enrollmentsByEducator(client, educatorId, { schema }))).toEqual(
              expected.filter((row) => row.educatorId === educatorId),
            )
            const programId = expected[0]?.programId ?? 'none'
            expect(byId(await enrollmentsByProgram(client, programId, { schema }))).toEqual(
              expected.filter((row) => row.programId === programId),
            )
            for (const status of [
              'active',
              'earned',
              'withdrawn',
              'revoked',
              'incomplete',
            ] as const) {
              expect(byId(await enrollmentsByStatus(client, status, { schema }))).toEqual(
                expected.filter((row) => row.status === status),
              )
            }

            // A rebuild from the first event gives the same table.
            const rebuilt = await createSqlProjectionRunner(client, lookup, options).rebuild()
            expect(rebuilt).toEqual(E.right({ applied: events.length, heldElsewhere: [] }))
            expect(await allRows(client, schema)).toEqual(expected)
            const again = await createSqlProjectionRunner(client, applied, options).rebuild()
            expect(E.isRight(again)).toBe(true)
            expect(await notAppliedOnce(client, schema)).toEqual([])
          } finally {
            await cleanup()
          }
        },
      ),
      { numRuns },
    )
  })

describe('the enrollment lookup on PGlite', () => {
  lookupEqualsOracle('pglite', 6)

  it('stops at an event filed under another enrollment, and advances past nothing', async () => {
    const client = await clientOf('pglite')
    const { store, schema, cleanup } = await storeIn(client, 'lk')
    try {
      const data = { enrollmentId: 'other', at: '2026-09-01T16:00:00Z', moduleId: 'm-1' }
      await store.appendToStream(
        'enrollment-mine',
        [{ type: 'ModuleCompleted', data, metadata: metadata(1) }],
        { expectedVersion: 'noStream' },
      )
      const runner = createSqlProjectionRunner(client, enrollmentLookupProjection, { schema })
      const result = await runner.catchUp()
      expect(E.isLeft(result) && result.left).toMatchObject({
        _tag: 'CorruptEvent',
        position: 1,
        message: expect.stringContaining(
          "belongs to enrollment 'other', not to its stream's 'mine'",
        ),
      })
      const { rows } = await client.query(
        `SELECT position::int AS position FROM "${schema}".checkpoints WHERE name = 'enrollment_lookup'`,
      )
      expect(rows).toEqual([{ position: 0 }])
    } finally {
      await cleanup()
    }
  })

  it('refuses checkpoints of another split until rebuilt', async () => {
    const client = await clientOf('pglite')
    const { schema, cleanup } = await storeIn(client, 'lk')
    try {
      const two = defineSqlProjection({ ...enrollmentLookupProjection, partitions: 2 })
      const three = defineSqlProjection({ ...enrollmentLookupProjection, partitions: 3 })
      expect(E.isRight(await createSqlProjectionRunner(client, two, { schema }).catchUp())).toBe(
        true,
      )
      const refused = await createSqlProjectionRunner(client, three, { schema }).catchUp()
      expect(E.isLeft(refused) && refused.left).toMatchObject({
        _tag: 'PartitionsChanged',
        partitions: 3,
        message: expect.stringContaining('its checkpoints were written for 2: rebuild it'),
      })
      const rebuilt = await createSqlProjectionRunner(client, three, { schema }).rebuild()
      expect(rebuilt).toEqual(E.right({ applied: 0, heldElsewhere: [] }))
      const { rows } = await client.query(
        `SELECT partition FROM "${schema}".checkpoints WHERE name = 'enrollment_lookup' ORDER BY 1`,
      )
      expect(rows).toEqual([{ partition: 0 }, { partition: 1 }, { partition: 2 }])
      // The old split's workers now stop rather than mix two splits.
      const old = await createSqlProjectionRunner(client, two, { schema }).catchUp()
      expect(E.isLeft(old) && old.left._tag).toBe('PartitionsChanged')
    } finally {
      await cleanup()
    }
  })

  it('upgrades a table made before expiries: the expired_at column and the incomplete status', async () => {
    const client = await clientOf('pglite')
    const { schema, cleanup } = await storeIn(client, 'lk')
    try {
      // The table as it was made before EnrollmentExpired, with a row in it.
      await client.query(`CREATE TABLE "${schema}".enrollment_lookup (
         enrollment_id text PRIMARY KEY, educator_id text NOT NULL, cohort_id text NOT NULL,
         program_id text NOT NULL, program_version bigint NOT NULL,
         status text NOT NULL CHECK (status IN ('active', 'earned', 'withdrawn', 'revoked')),
         enrolled_at text NOT NULL, last_event_at text NOT NULL,
         earned_at text, withdrawn_at text, revoked_at text)`)
      const at = '2026-09-01T16:00:00Z'
      await client.query(
        `INSERT INTO "${schema}".enrollment_lookup VALUES
           ('enr-old', 'e-1', 'steam-2026', 'steam', 1, 'active', '${at}', '${at}', NULL, NULL, NULL)`,
      )
      const first = await createSqlProjectionRunner(client, enrollmentLookupProjection, {
        schema,
      }).catchUp()
      expect(E.isRight(first)).toBe(true)
      await client.query(
        `UPDATE "${schema}".enrollment_lookup SET status = 'incomplete', expired_at = $1`,
        ['2027-06-30T16:00:00Z'],
      )
      const [row] = await enrollmentsByStatus(client, 'incomplete', { schema })
      expect(row).toMatchObject({
        enrollmentId: 'enr-old',
        status: 'incomplete',
        expiredAt: '2027-06-30T16:00:00Z',
      })
      // Setting up again changes nothing, and the check still refuses what is no status.
      const again = await createSqlProjectionRunner(client, enrollmentLookupProjection, {
        schema,
      }).catchUp()
      expect(E.isRight(again)).toBe(true)
      await expect(
        client.query(`UPDATE "${schema}".enrollment_lookup SET status = 'lost'`),
      ).rejects.toThrow(/check/i)
    } finally {
      await cleanup()
    }
  })

  it('answers ids PostgreSQL cannot hold with no rows, and refuses unknown statuses', async () => {
    const client = await clientOf('pglite')
    const { schema, cleanup } = await storeIn(client, 'lk')
    try {
      await createSqlProjectionRunner(client, enrollmentLookupProjection, { schema }).catchUp()
      expect(await enrollmentsByEducator(client, 'e\u0000', { schema })).toEqual([])
      expect(await enrollmentsByCohort(client, '\ud800', { schema })).toEqual([])
      expect(await enrollmentsByProgram(client, '__proto__', { schema })).toEqual([])
      await expect(enrollmentsByStatus(client, 'notEnrolled' as never, { schema })).rejects.toThrow(
        TypeError,
      )
    } finally {
      await cleanup()
    }
  })
})

describe.skipIf(databaseUrl === undefined)(
  `the enrollment lookup on the server${serverSkipReason}`,
  () => {
    lookupEqualsOracle('server', 5)
  },
)
