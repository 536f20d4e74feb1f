/**
 * The event store port: what the core needs of any store. Implemented in memory
 * (`createInMemoryEventStore`) and on PostgreSQL (`microcred/postgres`, a server or PGlite); the
 * same contract tests run against each.
 *
 * Outcomes a caller must handle (a version conflict, an event that is not JSON, a batch too large)
 * come back as `Left` values. A failure of the store itself (a lost connection, a locked
 * directory) rejects the promise; `handleCommand` turns that into a `StoreFailed` value.
 *
 * @packageDocumentation
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { AppendError } from './errors.js'
import type { ExpectedVersion } from './expected-version.js'
import type { EventToAppend, RecordedEvent } from './recorded-event.js'

/** Where to start reading a stream: `fromVersion` (inclusive, default 1). */
export interface ReadStreamOptions {
  readonly fromVersion?: number
}

/**
 * Where to start reading the global log: events with a position greater than `after` (default
 * 0), at most `limit` of them (default: all).
 */
export interface ReadAllOptions {
  readonly after?: number
  readonly limit?: number
}

/** What an append wrote: the recorded events, and the stream's version after them. */
export interface AppendResult {
  readonly streamId: string
  readonly version: number
  readonly events: ReadonlyArray<RecordedEvent>
}

/** A store of event streams, each a sequence of versions 1, 2, 3..., all in one global order. */
export interface EventStore {
  /** The events of one stream from `fromVersion` on, in version order; `[]` if there are none. */
  readonly readStream: (
    streamId: string,
    options?: ReadStreamOptions,
  ) => Promise<ReadonlyArray<RecordedEvent>>
  /**
   * Appends events to a stream, all or none, if the stream is at the expected version. Every
   * event's `data` must be plain JSON.
   */
  readonly appendToStream: (
    streamId: string,
    events: ReadonlyArray<EventToAppend>,
    options: { readonly expectedVersion: ExpectedVersion },
  ) => Promise<E.Either<AppendError, AppendResult>>
  /**
   * Every event of every stream in global order (by `position`). Never skips an event: a
   * tailing reader that asks again `after` the last position it saw gets everything since.
   */
  readonly readAll: (options?: ReadAllOptions) => AsyncIterable<RecordedEvent>
  /** The stream's current version: its number of events, `0` if it does not exist. */
  readonly streamVersion: (streamId: string) => Promise<number>
}
