/**
 * Temporal queries: any projection, and any enrollment, as it stood at a date or a position of
 * the log. An event counts by its business time (`data.at`, when the event has one, else the
 * store's `recordedAt`), so a fact entered late still falls on the day it happened.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { decodeIssues, exact, IsoDateTime, NonNegativeInteger, refine } from '../codec.js'
import { enrollment } from '../enrollment/index.js'
import type { EnrollmentState } from '../enrollment/state.js'
import { enrollmentStreamId } from '../enrollment/stream.js'
import type { AggregatedStream } from '../store/aggregate-stream.js'
import { decodeRecordedEvent } from '../store/decode-recorded-event.js'
import { storeFailed, type CorruptEvent, type StoreFailed } from '../store/errors.js'
import type { EventStore } from '../store/event-store.js'
import type { RecordedEvent } from '../store/recorded-event.js'
import { invalidAsOf, projectionThrew, type InvalidAsOf, type ProjectionThrew } from './errors.js'
import type { Projection } from './projection.js'

// -------------------------------------------------------------------------------------
// business time
// -------------------------------------------------------------------------------------

/**
 * When an event happened: its `data.at` when that is an ISO-8601 date-time (every enrollment
 * event has one: the time of the command), else when the store recorded it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { businessTimeOf } from 'microcred'
 * const metadata = { eventId: 'e', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const recorded = { streamId: 's', version: 1, position: 1, type: 'Noted', metadata, recordedAt: '2026-09-03T08:00:00.000Z' }
 * assert.equal(businessTimeOf({ ...recorded, data: { at: '2026-09-01T16:00:00Z' } }), '2026-09-01T16:00:00Z')
 * assert.equal(businessTimeOf({ ...recorded, data: { at: 'yesterday' } }), '2026-09-03T08:00:00.000Z')
 */
export const businessTimeOf = (recorded: RecordedEvent): string => {
  const { data } = recorded
  if (typeof data === 'object' && data !== null && Object.hasOwn(data, 'at')) {
    const at = (data as { readonly at: unknown }).at
    if (IsoDateTime.is(at)) return at
  }
  return recorded.recordedAt
}

// -------------------------------------------------------------------------------------
// as of
// -------------------------------------------------------------------------------------

const datePattern = /^\d{4}-\d{2}-\d{2}$/
const isDay = (s: string) => datePattern.test(s) && IsoDateTime.is(`${s}T00:00:00Z`)

/**
 * A day (`2027-01-31`: through the end of that day, UTC) or an ISO-8601 date-time with a zone
 * (inclusive).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { AsOfDate } from 'microcred'
 * assert.equal(AsOfDate.is('2027-01-31'), true)
 * assert.equal(AsOfDate.is('2027-01-31T12:00:00-08:00'), true)
 * assert.equal(AsOfDate.is('2027-02-30'), false) // no such day
 * assert.equal(AsOfDate.is('31/01/2027'), false)
 */
export const AsOfDate = refine(
  t.string,
  (s) => s.length <= 40 && (isDay(s) ? true : IsoDateTime.is(s)),
  'a date (2027-01-31) or an ISO-8601 date-time with a zone',
)

/**
 * When to read the log as of: `date` (a day, through its end in UTC, or a date-time, inclusive:
 * events whose business time is at or before it), `position` (events at or before that position
 * of the global log), both (both hold) or neither (every event).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { AsOf } from 'microcred'
 * assert.equal(AsOf.is({ date: '2027-01-31' }), true)
 * assert.equal(AsOf.is({ date: '2027-01-31', position: 120 }), true)
 * assert.equal(AsOf.is({ position: -1 }), false)
 * assert.equal(AsOf.is({ day: '2027-01-31' }), false) // an unknown field
 */
export const AsOf = exact({}, { date: AsOfDate, position: NonNegativeInteger }, 'AsOf')
/** When to read the log as of: a date, a position, or both. */
export type AsOf = t.TypeOf<typeof AsOf>

/**
 * Reads an "as of" from outside: a string is a date or a date-time (as `--as-of` takes it), an
 * object is decoded with `AsOf`. Anything else is an `InvalidAsOf` saying what was expected.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseAsOf } from 'microcred'
 * assert.deepEqual(parseAsOf('2027-01-31'), E.right({ date: '2027-01-31' }))
 * assert.deepEqual(parseAsOf({ position: 42 }), E.right({ position: 42 }))
 * const wrong = parseAsOf('next tuesday')
 * assert.ok(E.isLeft(wrong))
 * assert.match(wrong.left.message, /^invalid as-of: at date: expected a date \(2027-01-31\) or an ISO-8601 date-time with a zone/)
 */
export const parseAsOf = (input: unknown): E.Either<InvalidAsOf, AsOf> => {
  const decoded = AsOf.decode(typeof input === 'string' ? { date: input } : input)
  return E.isLeft(decoded) ? E.left(invalidAsOf(decodeIssues(decoded.left))) : decoded
}

/** Whether a recorded event is within an "as of" (decoded already). */
const withinOf = (asOf: AsOf): ((recorded: RecordedEvent) => boolean) => {
  const { date, position } = asOf
  // A day runs until the next day's midnight, UTC; a date-time is inclusive, to the millisecond.
  const before =
    date === undefined
      ? undefined
      : isDay(date)
        ? Date.parse(`${date}T00:00:00Z`) + 86_400_000
        : Date.parse(date) + 1
  return (recorded) =>
    (position === undefined || recorded.position <= position) &&
    (before === undefined || Date.parse(businessTimeOf(recorded)) < before)
}

/**
 * The events within an "as of", in their order. The "as of" is checked first (it may come from
 * outside): an `InvalidAsOf` if it does not parse.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { eventsAsOf } from 'microcred'
 * const metadata = { eventId: 'e', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const event = (position: number, at: string) =>
 *   ({ streamId: 's', version: position, position, type: 'Noted', data: { at }, metadata, recordedAt: '2027-03-01T00:00:00Z' })
 * const log = [event(1, '2027-01-30T10:00:00Z'), event(2, '2027-01-31T23:59:59Z'), event(3, '2027-02-01T00:00:00Z')]
 * const positions = (asOf: unknown) => {
 *   const within = eventsAsOf(log, asOf as never)
 *   return E.isRight(within) ? within.right.map((e) => e.position) : within.left._tag
 * }
 * assert.deepEqual(positions({ date: '2027-01-31' }), [1, 2]) // through the end of the day, UTC
 * assert.deepEqual(positions({ date: '2027-01-31T10:00:00Z' }), [1])
 * assert.deepEqual(positions({ position: 1 }), [1])
 * assert.deepEqual(positions({ date: '2027-02-28', position: 2 }), [1, 2]) // both hold
 * assert.deepEqual(positions({ date: 'soon' }), 'InvalidAsOf')
 */
export const eventsAsOf = (
  events: Iterable<RecordedEvent>,
  asOf: AsOf,
): E.Either<InvalidAsOf, ReadonlyArray<RecordedEvent>> => {
  const parsed = parseAsOf(asOf)
  if (E.isLeft(parsed)) return parsed
  const within = withinOf(parsed.right)
  return E.right(Array.from(events).filter(within))
}

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** Why a temporal query has no answer. */
export type TemporalError = InvalidAsOf | CorruptEvent | StoreFailed | ProjectionThrew

/** Options of `projectAsOf`. */
export interface ProjectAsOfOptions {
  /** How many events to read and apply at a time (default 1000). */
  readonly batchSize?: number
}

/**
 * A projection's state as of a date or a position: the global log read from the first event
 * (up to `position`, when given), filtered by business time, folded from the initial state. It
 * saves no checkpoint and leaves any runner of the projection alone. Never rejects.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, createInMemoryEventStore, defineProjection, enrollment, enrollmentEventDecoder, handleCommand, projectAsOf } from 'microcred'
 * const enrolled = defineProjection({
 *   name: 'enrolled',
 *   initialState: { count: 0 },
 *   decode: enrollmentEventDecoder,
 *   evolve: (draft, event) => {
 *     if (event.type === 'EducatorEnrolled') draft.count += 1
 *   },
 * })
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * for (const [i, at] of ['2026-09-01T16:00:00Z', '2026-10-01T16:00:00Z'].entries()) {
 *   await handleCommand(store, enrollment,
 *     { type: 'Enroll', data: { enrollmentId: `e${i}`, cohortId: 'steam-2026', program: catalog.steam,
 *       educator: { id: `edu-${i}`, name: 'Ana Ruiz', email: `ana${i}@example.org` } } },
 *     { actor: admin, at, commandId: `enroll-${i}` })
 * }
 * assert.deepEqual(await projectAsOf(store, enrolled, { date: '2026-09-30' }), E.right({ count: 1 }))
 * assert.deepEqual(await projectAsOf(store, enrolled, { position: 2 }), E.right({ count: 2 }))
 * assert.deepEqual(await projectAsOf(store, enrolled, {}), E.right({ count: 2 }))
 */
export const projectAsOf = async <S, Ev>(
  store: EventStore,
  projection: Projection<S, Ev>,
  asOf: AsOf,
  options: ProjectAsOfOptions = {},
): Promise<E.Either<TemporalError, S>> => {
  const parsed = parseAsOf(asOf)
  if (E.isLeft(parsed)) return parsed
  const within = withinOf(parsed.right)
  const last = parsed.right.position ?? Number.POSITIVE_INFINITY
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000))
  let state = projection.initialState
  let after = 0
  for (;;) {
    const batch: RecordedEvent[] = []
    try {
      for await (const event of store.readAll({ after, limit: batchSize })) batch.push(event)
    } catch (error) {
      return E.left(storeFailed(`reading the log after position ${after}`, error))
    }
    const lastRead = batch[batch.length - 1]
    if (lastRead === undefined || !(lastRead.position > after)) break
    after = lastRead.position
    const chosen = batch.filter(within)
    try {
      const next = projection.apply(state, chosen)
      if (E.isLeft(next)) return next
      state = next.right
    } catch (error) {
      return E.left(projectionThrew(projection.name, (batch[0] as RecordedEvent).position, error))
    }
    if (batch.length < batchSize || after >= last) break
  }
  return E.right(state)
}

/**
 * An enrollment's state as of a date or a position, folded with the core's enrollment decider:
 * its stream's events within the "as of" (by their `at`), and how many there were (the
 * version). An enrollment with no events then is `notEnrolled` at version 0. Never rejects.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, createInMemoryEventStore, enrollment, enrollmentAsOf, handleCommand } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * await handleCommand(store, enrollment,
 *   { type: 'Enroll', data: { enrollmentId: 'e1', cohortId: 'steam-2026', program: catalog.steam,
 *     educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' } } },
 *   { actor: admin, at: '2026-09-01T16:00:00Z', commandId: 'enroll-1' })
 * await handleCommand(store, enrollment,
 *   { type: 'Withdraw', data: { enrollmentId: 'e1', reason: 'Moved schools' } },
 *   { actor: admin, at: '2026-11-02T16:00:00Z', commandId: 'withdraw-1' })
 * const inOctober = await enrollmentAsOf(store, 'e1', { date: '2026-10-31' })
 * assert.ok(E.isRight(inOctober))
 * assert.equal(inOctober.right.state.status, 'active')
 * assert.equal(inOctober.right.version, 1)
 * const before = await enrollmentAsOf(store, 'e1', { date: '2026-08-31' })
 * assert.ok(E.isRight(before))
 * assert.equal(before.right.state.status, 'notEnrolled')
 */
export const enrollmentAsOf = async (
  store: EventStore,
  enrollmentId: string,
  asOf: AsOf,
): Promise<
  E.Either<InvalidAsOf | CorruptEvent | StoreFailed, AggregatedStream<EnrollmentState>>
> => {
  const parsed = parseAsOf(asOf)
  if (E.isLeft(parsed)) return parsed
  const streamId = enrollmentStreamId(enrollmentId)
  let recorded: ReadonlyArray<RecordedEvent>
  try {
    recorded = await store.readStream(streamId)
  } catch (error) {
    return E.left(storeFailed(`reading stream '${streamId}'`, error))
  }
  const within = withinOf(parsed.right)
  const decode = decodeRecordedEvent(enrollment.events)
  const events = []
  for (const stored of recorded) {
    if (!within(stored)) continue
    const event = decode(stored)
    if (E.isLeft(event)) return event
    events.push(event.right)
  }
  return E.right({ streamId, state: enrollment.fold(events), version: events.length })
}
