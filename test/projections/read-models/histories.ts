/**
 * Random district logs for the read-model tests: a few enrollments (generated histories that end
 * in every status, and noisy journeys cut short), spread over cohorts, educators and assessors,
 * interleaved at random, written to an in-memory store and read back as recorded events.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  createInMemoryEventStore,
  type EventStore,
  enrollmentEventDecoder,
  enrollmentStreamId,
  type EnrollmentEvent,
  type RecordedEvent,
} from '../../../src/index.js'
import { historyArbitrary, noisyJourneyArbitrary, runSteps } from '../../../src/testing/index.js'

const educators = [
  { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@district.example.org' },
  { id: 'edu-2', name: 'ben Okafor', email: 'ben@district.example.org' },
  { id: 'edu-3', name: 'Ana Ruiz', email: 'ana.ruiz@district.example.org' },
]
const starts = ['2026-08-20T15:00:00Z', '2026-09-01T15:00:00Z', '2027-03-01T15:00:00Z']

/** One enrollment's events, with its cohort, educator and assessors drawn from small pools. */
const enrollmentArbitrary = (enrollmentId: string): fc.Arbitrary<EnrollmentEvent[]> =>
  fc
    .record({
      start: fc.constantFrom(...starts),
      cohortId: fc.constantFrom('cohort-a', 'cohort-b'),
      educator: fc.constantFrom(...educators),
      assessors: fc.array(fc.constantFrom('assessor-1', 'assessor-2'), {
        minLength: 16,
        maxLength: 16,
      }),
      noisy: fc.nat({ max: 4 }),
      cut: fc.nat(),
    })
    .chain(({ start, cohortId, educator, assessors, noisy, cut }) => {
      const events =
        noisy === 0
          ? noisyJourneyArbitrary({ enrollmentId, start }).map((journey) => {
              const steps = journey.steps.slice(0, 1 + (cut % journey.steps.length))
              return runSteps(steps).events
            })
          : historyArbitrary({ enrollmentId, start }).map((history) => history.events)
      return events.map((list) =>
        list.map((event, k): EnrollmentEvent => {
          if (event.type === 'EducatorEnrolled') {
            return { ...event, data: { ...event.data, cohortId, educator } }
          }
          if (event.type === 'ArtifactGraded' || event.type === 'CapstoneGraded') {
            const assessorId = assessors[k % assessors.length] ?? 'assessor-1'
            return { ...event, data: { ...event.data, assessorId } } as EnrollmentEvent
          }
          return event
        }),
      )
    })

/** The events of 0 to `max` enrollments, interleaved at random (each stream keeps its order). */
export const districtLogArbitrary = (max = 4): fc.Arbitrary<EnrollmentEvent[]> =>
  fc
    .integer({ min: 0, max })
    .chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => enrollmentArbitrary(`enr-${i + 1}`))),
    )
    .chain((streams) => {
      const tokens = streams.flatMap((stream, s) => stream.map(() => s))
      return fc
        .shuffledSubarray(tokens, { minLength: tokens.length, maxLength: tokens.length })
        .map((order) => {
          const next = streams.map(() => 0)
          return order.map((s) => {
            const k = next[s] ?? 0
            next[s] = k + 1
            return streams[s]?.[k] as EnrollmentEvent
          })
        })
    })

/** Appends the events to a store, one append each, to their enrollments' streams. */
export const writeDistrictLog = async (
  store: EventStore,
  events: ReadonlyArray<EnrollmentEvent>,
): Promise<void> => {
  for (const [i, event] of events.entries()) {
    const metadata = {
      eventId: `event-${i + 1}`,
      commandId: `command-${i + 1}`,
      actorId: 'test',
      correlationId: `command-${i + 1}`,
      causationId: `command-${i + 1}`,
      schemaVersion: 1,
    }
    const appended = await store.appendToStream(
      enrollmentStreamId(event.data.enrollmentId),
      [{ type: event.type, data: event.data, metadata }],
      { expectedVersion: 'any' },
    )
    if (E.isLeft(appended)) throw new Error(appended.left.message)
  }
}

/** Writes the events to a new in-memory store, one append each, and reads the log back. */
export const recordedLog = async (
  events: ReadonlyArray<EnrollmentEvent>,
): Promise<RecordedEvent[]> => {
  const store = createInMemoryEventStore({ now: () => '2027-08-01T00:00:00.000Z' })
  await writeDistrictLog(store, events)
  const log: RecordedEvent[] = []
  for await (const recorded of store.readAll()) log.push(recorded)
  return log
}

/** The enrollment events of a recorded log, decoded as a projection reads them. */
export const decodedLog = (log: ReadonlyArray<RecordedEvent>): EnrollmentEvent[] =>
  log.flatMap((recorded) => {
    const decoded = enrollmentEventDecoder(recorded)
    if (E.isLeft(decoded)) throw new Error(decoded.left.message)
    return decoded.right === undefined ? [] : [decoded.right]
  })

/** Splits a list into consecutive batches of the given sizes (the rest in a last batch). */
export const batches = <A>(items: ReadonlyArray<A>, sizes: ReadonlyArray<number>): A[][] => {
  const out: A[][] = []
  let at = 0
  for (const size of sizes) {
    if (at >= items.length) break
    out.push(items.slice(at, at + size))
    at += size
  }
  if (at < items.length) out.push(items.slice(at))
  return out
}
