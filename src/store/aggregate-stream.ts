/**
 * Reading an aggregate back: load one stream from a store, decode (and upcast) its events, and
 * fold them, now or as of a date or a version.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Aggregate } from '../aggregate.js'
import * as t from 'io-ts'
import { IsoDateTime, NonNegativeInteger } from '../codec.js'
import type { TaggedError } from '../decider.js'
import { invalidCommand, type InvalidCommand } from '../errors.js'
import type { EventSchema } from '../event-schema.js'
import { decodeRecordedEvent } from './decode-recorded-event.js'
import { storeFailed, type CorruptEvent, type StoreFailed } from './errors.js'
import type { EventStore, ReadStreamOptions } from './event-store.js'
import type { RecordedEvent } from './recorded-event.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Options of `aggregateStream`: read the stream as it stood at a moment, or at a version.
 * `asOf` is an ISO-8601 date-time: only the events that happened at or before it are folded (by
 * the aggregate's `occurredAt`, the time in the event; else by the store's `recordedAt`).
 * `toVersion` folds only the first that many events.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { AggregateStreamOptions } from 'microcred'
 * assert.ok(AggregateStreamOptions.is({ asOf: '2027-01-31T23:59:59Z', toVersion: 10 }))
 * assert.ok(!AggregateStreamOptions.is({ asOf: '2027-01-31' }))
 */
export const AggregateStreamOptions = t.partial(
  { asOf: IsoDateTime, toVersion: NonNegativeInteger },
  'AggregateStreamOptions',
)
/** Read the stream as it stood at a moment (`asOf`), or at a version (`toVersion`). */
export type AggregateStreamOptions = t.TypeOf<typeof AggregateStreamOptions>

/** A stream read back: its state, and the version that state is at. */
export interface AggregatedStream<S> {
  readonly streamId: string
  /** The folded state (the aggregate's initial state when the stream holds nothing yet). */
  readonly state: S
  /** How many events were folded: the version to pass as `expectedVersion` to act on it. */
  readonly version: number
}

/** Why a stream could not be read back. */
export type AggregateStreamError = InvalidCommand | CorruptEvent | StoreFailed

// -------------------------------------------------------------------------------------
// reading
// -------------------------------------------------------------------------------------

/**
 * The stored events of a stream from `fromVersion` on, and the same events decoded through the
 * schema; the first that does not decode is a `CorruptEvent`. A failing store rejects.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createInMemoryEventStore, enrollmentEvents, readDecodedStream } from 'microcred'
 * const read = await readDecodedStream(createInMemoryEventStore(), enrollmentEvents, 'enrollment-e1')
 * assert.deepEqual(read, E.right({ recorded: [], events: [] }))
 */
export const readDecodedStream = async <Ev>(
  store: EventStore,
  schema: EventSchema<Ev>,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<
  E.Either<
    CorruptEvent,
    { readonly recorded: ReadonlyArray<RecordedEvent>; readonly events: ReadonlyArray<Ev> }
  >
> => {
  const recorded = await store.readStream(streamId, options)
  const decode = decodeRecordedEvent(schema)
  const events: Ev[] = []
  for (const stored of recorded) {
    const event = decode(stored)
    if (E.isLeft(event)) return event
    events.push(event.right)
  }
  return E.right({ recorded, events })
}

/** How many of the events (a stream's first ones) fall within the options. */
const countWithin = <Ev>(
  options: AggregateStreamOptions,
  occurredAt: (event: Ev, index: number) => string,
  events: ReadonlyArray<Ev>,
): number => {
  const limit = Math.min(events.length, options.toVersion ?? events.length)
  if (options.asOf === undefined) return limit
  const asOf = Date.parse(options.asOf)
  // Times never go backwards within a stream, so the events as of a date are a prefix.
  let count = 0
  while (count < limit && Date.parse(occurredAt(events[count] as Ev, count)) <= asOf) count++
  return count
}

/**
 * Loads one stream of an aggregate and folds it: "read an enrollment back" in one call. With
 * `asOf` or `toVersion`, the state as it stood then. A stream that holds nothing folds to the
 * initial state at version 0. Never rejects: a stored event that does not decode is a
 * `CorruptEvent`, a failing store a `StoreFailed`, a malformed `asOf` an `InvalidCommand`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { aggregateStream, catalog, createInMemoryEventStore, enrollment, enrollmentStreamId, handleCommand } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const educator = { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' }
 * await handleCommand(store, enrollment,
 *   { type: 'Enroll', data: { enrollmentId: 'e1', educator, cohortId: 'steam-2026', program: catalog.steam } },
 *   { actor: admin, at: '2026-09-01T16:00:00Z', commandId: 'cmd-1' })
 * await handleCommand(store, enrollment,
 *   { type: 'Withdraw', data: { enrollmentId: 'e1', reason: 'Moved schools' } },
 *   { actor: admin, at: '2026-11-02T16:00:00Z', commandId: 'cmd-2' })
 *
 * const now = await aggregateStream(store, enrollment, enrollmentStreamId('e1'))
 * assert.ok(E.isRight(now))
 * assert.equal(now.right.state.status, 'withdrawn')
 * assert.equal(now.right.version, 2)
 * const inOctober = await aggregateStream(store, enrollment, enrollmentStreamId('e1'), { asOf: '2026-10-01T00:00:00Z' })
 * assert.ok(E.isRight(inOctober))
 * assert.equal(inOctober.right.state.status, 'active')
 * assert.equal(inOctober.right.version, 1)
 */
export const aggregateStream = async <C, Ev, S, Err extends TaggedError>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err, TaggedError>,
  streamId: string,
  options: AggregateStreamOptions = {},
): Promise<E.Either<AggregateStreamError, AggregatedStream<S>>> => {
  const checked = AggregateStreamOptions.decode(options)
  if (E.isLeft(checked)) return E.left(invalidCommand('stream options', checked.left))
  try {
    const read = await readDecodedStream(store, aggregate.events, streamId)
    if (E.isLeft(read)) return read
    const { recorded, events } = read.right
    const occurredAt =
      aggregate.occurredAt ?? ((_: Ev, i: number) => (recorded[i] as RecordedEvent).recordedAt)
    const version = countWithin(options, occurredAt, events)
    return E.right({
      streamId,
      state: aggregate.fold(version === events.length ? events : events.slice(0, version)),
      version,
    })
  } catch (error) {
    return E.left(storeFailed(`reading stream '${streamId}'`, error))
  }
}
