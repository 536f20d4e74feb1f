/**
 * What one `produce` per batch saves over one per event, for a read model of many rows: 25,000
 * existing rows (folded and frozen), then 5,000 events that each update a row, applied
 *
 *   - by a plain mutable loop over unfrozen rows (the floor),
 *   - with `projection.apply` one batch of 1,000 events at a time (what a runner does),
 *   - with `projection.apply` one event at a time (one immer root per event).
 *
 * Run: `npx tsx test/projections/projection-batch.measure.ts` (a minute or two). Prints the
 * median of 3 rounds of each, and the ratios to the mutable loop. Quoted in docs/projections.md.
 */
import * as E from 'fp-ts/lib/Either.js'
import { defineProjection, type RecordedEvent } from '../../src/index.js'

const rowCount = 25_000
const eventCount = 5_000
const batchSize = 1_000
const rounds = 3

interface Row {
  hours: number
  events: number
  lastAt: string
}
type Model = { readonly rows: Record<string, Row> }

const metadata = {
  eventId: 'e',
  commandId: 'c',
  actorId: 'a',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
}
const event = (position: number, row: number): RecordedEvent => ({
  streamId: `enrollment-${row}`,
  version: 1,
  position,
  type: 'HoursRecorded',
  data: { row: `r${row}`, hours: 0.25, at: '2026-09-01T16:00:00Z' },
  metadata,
  recordedAt: '2026-09-01T16:00:00.000Z',
})

const model = defineProjection<Model>({
  name: 'rows',
  initialState: { rows: {} },
  evolve: (draft, recorded) => {
    const { row, hours, at } = recorded.data as { row: string; hours: number; at: string }
    const existing = draft.rows[row]
    if (existing === undefined) draft.rows[row] = { hours, events: 1, lastAt: at }
    else {
      existing.hours += hours
      existing.events += 1
      existing.lastAt = at
    }
  },
})

// A deterministic spread of rows (no Math.random: the same work every run).
const seeded = (n: number) => (n * 2_654_435_761) % rowCount
const seedEvents = Array.from({ length: rowCount }, (_, i) => event(i + 1, i))
const updates = Array.from({ length: eventCount }, (_, i) => event(rowCount + i + 1, seeded(i)))

const existing = (): Model => {
  const folded = model.apply(model.initialState, seedEvents)
  if (E.isLeft(folded)) throw new Error(folded.left.message)
  return folded.right
}

const time = (run: () => void): number => {
  const start = performance.now()
  run()
  return performance.now() - start
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0

const mutable = () => {
  const rows: Record<string, Row> = structuredClone(existing().rows)
  return time(() => {
    for (const recorded of updates) {
      const { row, hours, at } = recorded.data as { row: string; hours: number; at: string }
      const target = rows[row] as Row
      target.hours += hours
      target.events += 1
      target.lastAt = at
    }
  })
}

const perBatch = () => {
  let state = existing()
  return time(() => {
    for (let i = 0; i < updates.length; i += batchSize) {
      const next = model.apply(state, updates.slice(i, i + batchSize))
      if (E.isRight(next)) state = next.right
    }
  })
}

const perEvent = () => {
  let state = existing()
  return time(() => {
    for (const recorded of updates) {
      const next = model.apply(state, [recorded])
      if (E.isRight(next)) state = next.right
    }
  })
}

const results: Record<string, number> = {}
for (const [name, run] of Object.entries({ mutable, perBatch, perEvent })) {
  run() // warm up
  results[name] = median(Array.from({ length: rounds }, run))
}
const floor = results['mutable'] ?? 1
for (const [name, ms] of Object.entries(results)) {
  const perUpdate = ((ms * 1000) / eventCount).toFixed(2)
  console.log(
    `${name.padEnd(9)} ${ms.toFixed(1).padStart(9)} ms  ${perUpdate.padStart(8)} µs/event  ${(ms / floor).toFixed(1)}x`,
  )
}
console.log(
  `${rowCount} rows, ${eventCount} updates, batches of ${batchSize}; per event / per batch: ${(
    (results['perEvent'] ?? 0) / (results['perBatch'] ?? 1)
  ).toFixed(0)}x`,
)
