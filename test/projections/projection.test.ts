import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  createInMemoryCheckpoints,
  defineProjection,
  enrollmentEventDecoder,
  foldProjection,
  projectionNameProblem,
  type RecordedEvent,
} from 'microcred'

const metadata = {
  eventId: 'e',
  commandId: 'c',
  actorId: 'a',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
}
const noted = (position: number, key: string, by = 1): RecordedEvent => ({
  streamId: 's',
  version: position,
  position,
  type: 'Noted',
  data: { key, by },
  metadata,
  recordedAt: '2026-09-01T00:00:00.000Z',
})

/** Rows by key: a read model of many rows, as the district's are. */
const rows = defineProjection({
  name: 'rows',
  initialState: { rows: {} as Record<string, { total: number }> },
  evolve: (draft, event) => {
    const { key, by } = event.data as { key: string; by: number }
    const row = Object.hasOwn(draft.rows, key) ? draft.rows[key] : undefined
    if (row === undefined) draft.rows[key] = { total: by }
    else row.total += by
  },
})

const eventsArbitrary = fc
  .array(
    fc.record({
      // Ids are never `__proto__` (`Id` refuses it), but may look like other members' names.
      key: fc.constantFrom('a', 'b', 'c', 'constructor', 'toString'),
      by: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 60 },
  )
  .map((drafts) => drafts.map(({ key, by }, i) => noted(i + 1, key, by)))

describe('defineProjection', () => {
  it('applies a batch to a state others hold without touching it, and freezes what it returns', () => {
    const first = E.getOrElseW(() => undefined)(rows.apply(rows.initialState, [noted(1, 'a')]))
    expect(first).toEqual({ rows: { a: { total: 1 } } })
    expect(Object.isFrozen(first?.rows.a)).toBe(true)
    const second = first === undefined ? undefined : rows.apply(first, [noted(2, 'a', 2)])
    expect(second).toEqual(E.right({ rows: { a: { total: 3 } } }))
    expect(first).toEqual({ rows: { a: { total: 1 } } })
    expect(Object.isFrozen(rows.initialState)).toBe(true)
    expect(rows.initialState).toEqual({ rows: {} })
    // Nothing to apply: the same state.
    expect(first === undefined ? undefined : rows.apply(first, [])).toEqual(E.right(first))
  })

  it('stops a batch at an event that does not decode, changing nothing', () => {
    const metadataOf = { ...metadata }
    const corrupt = {
      streamId: 'enrollment-e1',
      version: 1,
      position: 3,
      type: 'HoursRecorded',
      data: { enrollmentId: 'e1' },
      metadata: metadataOf,
      recordedAt: '2026-09-01T00:00:00.000Z',
    }
    const counted = defineProjection({
      name: 'counted',
      initialState: { n: 0 },
      decode: enrollmentEventDecoder,
      evolve: (draft) => {
        draft.n += 1
      },
    })
    const result = foldProjection(counted, [noted(1, 'a'), corrupt])
    expect(E.isLeft(result) && result.left._tag).toBe('CorruptEvent')
    expect(E.isLeft(result) && result.left.position).toBe(3)
    // Another stream's event is skipped, not corrupt.
    expect(foldProjection(counted, [noted(1, 'a')])).toEqual(E.right({ n: 0 }))
  })

  it('checks names as checkpoint keys', () => {
    expect(projectionNameProblem('cohort-progress')).toBeUndefined()
    for (const name of ['', ' x', '__proto__', 'a'.repeat(101), 'a/b', 'x\u0000', 42]) {
      expect(projectionNameProblem(name)).toMatch(/letters, digits/)
    }
  })

  it('applying any split of the events, batch after batch, equals folding them all at once', () => {
    fc.assert(
      fc.property(eventsArbitrary, fc.array(fc.nat(), { maxLength: 5 }), (events, cuts) => {
        const bounds = [0, ...cuts.map((c) => c % (events.length + 1)), events.length].sort(
          (x, y) => x - y,
        )
        let state = rows.initialState
        for (let i = 1; i < bounds.length; i++) {
          const next = rows.apply(state, events.slice(bounds[i - 1], bounds[i]))
          if (E.isLeft(next)) throw new Error(next.left.message)
          state = next.right
        }
        // The oracle: a plain loop over a Map.
        const totals = new Map<string, number>()
        for (const event of events) {
          const { key, by } = event.data as { key: string; by: number }
          totals.set(key, (totals.get(key) ?? 0) + by)
        }
        expect(new Map(Object.entries(state.rows).map(([k, v]) => [k, v.total]))).toEqual(totals)
        expect(foldProjection(rows, events)).toEqual(E.right(state))
      }),
      { numRuns: 200 },
    )
  })
})

describe('createInMemoryCheckpoints', () => {
  it('copies what it saves and what it loads', async () => {
    const checkpoints = createInMemoryCheckpoints()
    const state = { rows: [1, 2] }
    await checkpoints.save('__proto__', { position: 2, state })
    state.rows.push(3)
    const loaded = await checkpoints.load('__proto__')
    expect(loaded).toEqual({ position: 2, state: { rows: [1, 2] } })
    ;(loaded?.state as { rows: number[] }).rows.push(4)
    expect(await checkpoints.load('__proto__')).toEqual({ position: 2, state: { rows: [1, 2] } })
    await checkpoints.save('positions', { position: 5 })
    expect(await checkpoints.load('positions')).toEqual({ position: 5 })
    expect(await checkpoints.load('constructor')).toBeUndefined()
    await checkpoints.remove('__proto__')
    expect(await checkpoints.load('__proto__')).toBeUndefined()
  })

  it('rejects a state that cannot be copied, as a store that cannot write it would', async () => {
    const checkpoints = createInMemoryCheckpoints()
    await expect(checkpoints.save('x', { position: 1, state: { f: () => 1 } })).rejects.toThrow()
    expect(await checkpoints.load('x')).toBeUndefined()
  })
})
