/**
 * `applyBatch` as the runner calls it, on PGlite: once per batch, with the batch's decoded events
 * in log order (the ones `decode` skips left out, never none) beside the recorded events they
 * came from; a batch it throws on rolls back whole and stops the runner with the batch's
 * positions; and a definition needs exactly one of `apply` and `applyBatch`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { RecordedEvent } from 'microcred'
import { createSqlProjectionRunner, defineSqlProjection } from 'microcred/postgres'
import { clientOf, events, storeIn } from './support.js'

const table = (s: string) => [
  `CREATE TABLE IF NOT EXISTS ${s}.seen (position bigint PRIMARY KEY, n integer NOT NULL)`,
]

describe('applyBatch', () => {
  it('gets each batch once, decoded, in log order, with the recorded events beside', async () => {
    const client = await clientOf('pglite')
    const { store, schema, cleanup } = await storeIn(client, 'ab')
    try {
      await store.appendToStream('kept', events(5), { expectedVersion: 'noStream' })
      await store.appendToStream('skipped', events(3, 6), { expectedVersion: 'noStream' })
      await store.appendToStream('kept', events(2, 9), { expectedVersion: 5 })
      const calls: Array<{ n: number[]; positions: number[] }> = []
      const projection = defineSqlProjection<{ readonly n: number }>({
        name: 'seen',
        setup: table,
        reset: (s) => [`DELETE FROM ${s}.seen`],
        decode: (recorded) =>
          E.right(recorded.streamId === 'kept' ? (recorded.data as { n: number }) : undefined),
        applyBatch: async (tx, decoded, s, recorded: ReadonlyArray<RecordedEvent>) => {
          calls.push({ n: decoded.map((e) => e.n), positions: recorded.map((r) => r.position) })
          await tx.query(
            `INSERT INTO ${s}.seen SELECT * FROM unnest($1::bigint[], $2::integer[])`,
            [recorded.map((r) => r.position), decoded.map((e) => e.n)],
          )
        },
      })
      const runner = createSqlProjectionRunner(client, projection, { schema, batchSize: 4 })
      expect(await runner.catchUp()).toEqual(E.right({ applied: 10, heldElsewhere: [] }))
      // Batches of 4 events: 1-4, 5-8 (6-8 skipped), 9-10.
      expect(calls).toEqual([
        { n: [1, 2, 3, 4], positions: [1, 2, 3, 4] },
        { n: [5], positions: [5] },
        { n: [9, 10], positions: [9, 10] },
      ])
      // A batch of skipped events only: no call, and the checkpoint still moves past them.
      await store.appendToStream('skipped', events(2, 11), { expectedVersion: 3 })
      expect(await runner.catchUp()).toEqual(E.right({ applied: 2, heldElsewhere: [] }))
      expect(calls).toHaveLength(3)
      const { rows } = await client.query(
        `SELECT position::int AS position FROM "${schema}".checkpoints WHERE name = 'seen'`,
      )
      expect(rows).toEqual([{ position: 12 }])
    } finally {
      await cleanup()
    }
  })

  it('that throws rolls its batch back whole and names the batch', async () => {
    const client = await clientOf('pglite')
    const { store, schema, cleanup } = await storeIn(client, 'ab')
    try {
      await store.appendToStream('s', events(6), { expectedVersion: 'noStream' })
      const projection = defineSqlProjection({
        name: 'seen',
        setup: table,
        reset: (s) => [`DELETE FROM ${s}.seen`],
        applyBatch: async (tx, batch, s) => {
          await tx.query(`INSERT INTO ${s}.seen SELECT unnest($1::bigint[]), 0`, [
            batch.map((event) => event.position),
          ])
          if (batch.some((event) => event.position === 5)) throw new Error('disk full')
        },
      })
      const runner = createSqlProjectionRunner(client, projection, { schema, batchSize: 3 })
      const result = await runner.catchUp()
      expect(E.isLeft(result) && result.left).toEqual({
        _tag: 'ProjectionApplyFailed',
        message:
          "the SQL projection 'seen' failed to apply its batch of 3 events at positions 4 to 6: " +
          'disk full; nothing of the batch was applied',
        projection: 'seen',
        position: 4,
        lastPosition: 6,
      })
      const seen = await client.query(`SELECT position::int AS p FROM "${schema}".seen ORDER BY 1`)
      expect(seen.rows).toEqual([{ p: 1 }, { p: 2 }, { p: 3 }]) // the first batch committed
      const { rows } = await client.query(
        `SELECT position::int AS position FROM "${schema}".checkpoints WHERE name = 'seen'`,
      )
      expect(rows).toEqual([{ position: 3 }])
    } finally {
      await cleanup()
    }
  })

  it('is one of apply and applyBatch: not both, not neither', () => {
    const base = { name: 'seen', setup: table, reset: () => [] }
    const apply = async () => undefined
    expect(() => defineSqlProjection({ ...base, apply, applyBatch: apply } as never)).toThrow(
      /needs exactly one of apply or applyBatch/,
    )
    expect(() => defineSqlProjection(base as never)).toThrow(TypeError)
    expect(defineSqlProjection({ ...base, applyBatch: apply }).partitions).toBe(1)
  })
})
