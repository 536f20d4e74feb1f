import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  businessTimeOf,
  createInMemoryEventStore,
  enrollmentAsOf,
  eventsAsOf,
  foldEnrollment,
  foldProjection,
  parseAsOf,
  projectAsOf,
  type EnrollmentEvent,
  type EventStore,
  type RecordedEvent,
} from 'microcred'
import {
  appendsOf,
  logArbitrary,
  readEverything,
  runnerStoreKinds,
  summaryProjection,
  writeAppends,
} from './runner-support.js'

const metadata = {
  eventId: 'e',
  commandId: 'c',
  actorId: 'a',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
}
const recorded = (position: number, data: unknown, recordedAt = '2027-03-01T00:00:00.000Z') => ({
  streamId: 's',
  version: position,
  position,
  type: 'Noted',
  data,
  metadata,
  recordedAt,
})

const positionsAsOf = (events: ReadonlyArray<RecordedEvent>, asOf: unknown) => {
  const within = eventsAsOf(events, asOf as never)
  return E.isRight(within) ? within.right.map((event) => event.position) : within.left._tag
}

describe('parseAsOf', () => {
  it('reads a day, a date-time or an object with a date and a position', () => {
    expect(parseAsOf('2027-01-31')).toEqual(E.right({ date: '2027-01-31' }))
    expect(parseAsOf('2027-01-31T09:00:00-08:00')).toEqual(
      E.right({ date: '2027-01-31T09:00:00-08:00' }),
    )
    expect(parseAsOf({ date: '2024-02-29', position: 0 })).toEqual(
      E.right({ date: '2024-02-29', position: 0 }),
    )
    expect(parseAsOf({})).toEqual(E.right({}))
  })

  it('refuses anything else with a message that says what it expected', () => {
    const refused = (input: unknown) => {
      const parsed = parseAsOf(input)
      return E.isLeft(parsed) ? parsed.left.message : 'accepted'
    }
    expect(refused('2027-02-29')).toBe(
      'invalid as-of: at date: expected a date (2027-01-31) or an ISO-8601 date-time with a zone, got "2027-02-29"',
    )
    expect(refused('2027-01-31T09:00')).toMatch(/^invalid as-of: at date: expected a date/)
    expect(refused('2027-01-31\u0000')).toMatch(/^invalid as-of: at date/)
    expect(refused('9'.repeat(100_000))).toMatch(/^invalid as-of: at date/)
    expect(refused({ position: -1 })).toMatch(/^invalid as-of: at position/)
    expect(refused({ position: 1.5 })).toMatch(/^invalid as-of: at position/)
    expect(refused({ date: '2027-01-31', until: 'now' })).toMatch(/unknown field 'until'/)
    expect(refused(JSON.parse('{"__proto__": {"date": "2027-01-31"}}'))).toMatch(
      /unknown field '__proto__'/,
    )
    expect(refused(42)).toMatch(/^invalid as-of/)
    expect(refused(null)).toMatch(/^invalid as-of/)
  })
})

describe('eventsAsOf and businessTimeOf', () => {
  const log = [
    recorded(1, { at: '2027-01-30T10:00:00Z' }),
    recorded(2, { at: '2027-01-31T23:59:59.999Z' }),
    recorded(3, { at: '2027-02-01T00:00:00Z' }),
    recorded(4, { at: '2027-01-31T20:00:00-08:00' }), // 2027-02-01T04:00Z
    recorded(5, { note: 'no time' }, '2027-01-15T00:00:00.000Z'),
  ]

  it('counts a day through its end in UTC, a date-time inclusively, and a position', () => {
    expect(positionsAsOf(log, { date: '2027-01-31' })).toEqual([1, 2, 5])
    expect(positionsAsOf(log, { date: '2027-02-01T00:00:00Z' })).toEqual([1, 2, 3, 5])
    expect(positionsAsOf(log, { date: '2027-02-01T04:00:00+00:00' })).toEqual([1, 2, 3, 4, 5])
    expect(positionsAsOf(log, { position: 3 })).toEqual([1, 2, 3])
    expect(positionsAsOf(log, { date: '2027-01-31', position: 1 })).toEqual([1])
    expect(positionsAsOf(log, { position: 0 })).toEqual([])
    expect(positionsAsOf(log, {})).toEqual([1, 2, 3, 4, 5])
    expect(positionsAsOf(log, { date: 'tomorrow' })).toBe('InvalidAsOf')
  })

  it('takes data.at only when it is an own ISO date-time, else recordedAt', () => {
    const at = '2027-03-01T00:00:00.000Z'
    expect(businessTimeOf(recorded(1, null))).toBe(at)
    expect(businessTimeOf(recorded(1, ['2026-01-01T00:00:00Z']))).toBe(at)
    expect(businessTimeOf(recorded(1, { at: 20260101 }))).toBe(at)
    expect(businessTimeOf(recorded(1, Object.create({ at: '2026-01-01T00:00:00Z' })))).toBe(at)
    expect(businessTimeOf(recorded(1, { at: '2026-01-01T00:00:00Z' }))).toBe('2026-01-01T00:00:00Z')
  })
})

describe('projectAsOf and enrollmentAsOf', () => {
  it('answer a failing store, a corrupt event and a bad as-of with values', async () => {
    const broken: EventStore = {
      ...createInMemoryEventStore(),
      // eslint-disable-next-line require-yield
      readAll: async function* () {
        throw new Error('connection terminated')
      },
      readStream: async () => {
        throw new Error('connection terminated')
      },
    }
    const projected = await projectAsOf(broken, summaryProjection, { date: '2027-01-31' })
    expect(E.isLeft(projected) && projected.left._tag).toBe('StoreFailed')
    const enrollment = await enrollmentAsOf(broken, 'e1', { date: '2027-01-31' })
    expect(E.isLeft(enrollment) && enrollment.left.message).toBe(
      "the store failed while reading stream 'enrollment-e1': connection terminated",
    )
    const invalid = await projectAsOf(broken, summaryProjection, { date: '31/01/2027' })
    expect(E.isLeft(invalid) && invalid.left._tag).toBe('InvalidAsOf')

    const store = createInMemoryEventStore()
    await store.appendToStream(
      'enrollment-e1',
      [{ type: 'HoursRecorded', data: { at: '2027-01-01T00:00:00Z' }, metadata }],
      { expectedVersion: 'noStream' },
    )
    const corrupt = await projectAsOf(store, summaryProjection, { date: '2027-01-31' })
    expect(E.isLeft(corrupt) && corrupt.left._tag).toBe('CorruptEvent')
    const corruptEnrollment = await enrollmentAsOf(store, 'e1', { position: 1 })
    expect(E.isLeft(corruptEnrollment) && corruptEnrollment.left._tag).toBe('CorruptEvent')
  })
})

/** Days around the generated journeys: from the day before one starts to two weeks after. */
const dayArbitrary = fc
  .record({
    start: fc.constantFrom(Date.UTC(2026, 8, 1), Date.UTC(2026, 9, 15), Date.UTC(2027, 0, 4)),
    days: fc.integer({ min: -1, max: 14 }),
  })
  .map(({ start, days }) => new Date(start + days * 86_400_000).toISOString().slice(0, 10))

describe.each(runnerStoreKinds)('temporal properties on $name', (kind) => {
  it.skipIf(kind.skip)(
    '(d) projectAsOf and enrollmentAsOf at a date equal folding the events of that day or before',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          logArbitrary(),
          dayArbitrary,
          fc.integer({ min: 1, max: 50 }),
          async ({ histories, chunks }, day, batchSize) => {
            const { store, cleanup } = await kind.open()
            try {
              await writeAppends(store, appendsOf(histories, chunks))
              const everything = await readEverything(store)
              // The oracle: every generated time is in UTC (`...Z`), so its day is its first 10
              // characters, compared as text.
              const dayOf = (event: RecordedEvent) => (event.data as { at: string }).at.slice(0, 10)
              const then = everything.filter((event) => dayOf(event) <= day)
              expect(
                await projectAsOf(store, summaryProjection, { date: day }, { batchSize }),
              ).toEqual(foldProjection(summaryProjection, then))

              for (const [i, history] of histories.entries()) {
                const events = history.events.filter(
                  (event: EnrollmentEvent) => event.data.at.slice(0, 10) <= day,
                )
                const asOf = await enrollmentAsOf(store, `e${i + 1}`, { date: day })
                expect(asOf).toEqual(
                  E.right({
                    streamId: `enrollment-e${i + 1}`,
                    state: foldEnrollment(events),
                    version: events.length,
                  }),
                )
              }

              const position = everything[Math.floor(everything.length / 2)]?.position ?? 0
              expect(await projectAsOf(store, summaryProjection, { position })).toEqual(
                foldProjection(
                  summaryProjection,
                  everything.filter((event) => event.position <= position),
                ),
              )
            } finally {
              await cleanup()
            }
          },
        ),
        { numRuns: kind.numRuns },
      )
    },
  )
})
