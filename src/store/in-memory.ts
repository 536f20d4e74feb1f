/**
 * The in-memory event store: the reference implementation of the `EventStore` contract, for
 * tests, examples and short-lived processes. Nothing survives the process.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { deepFreeze } from '../freeze.js'
import { checkBatch } from './encoding.js'
import { versionConflict } from './errors.js'
import type { EventStore } from './event-store.js'
import { satisfiesExpectedVersion } from './expected-version.js'
import type { RecordedEvent } from './recorded-event.js'

/** Options of the in-memory store. */
export interface InMemoryEventStoreOptions {
  /** The clock that stamps `recordedAt` (default: the system clock). */
  readonly now?: () => string
}

/**
 * A new, empty in-memory event store. Appends are checked and copied, and what it returns is
 * frozen, so no caller can change what was stored.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createInMemoryEventStore } from 'microcred'
 * const store = createInMemoryEventStore({ now: () => '2026-09-01T16:00:00.000Z' })
 * assert.equal(await store.streamVersion('enrollment-e1'), 0)
 * const metadata = { eventId: 'ev-1', commandId: 'cmd-1', actorId: 'admin-1', correlationId: 'cmd-1', causationId: 'cmd-1', schemaVersion: 1 }
 * const appended = await store.appendToStream('enrollment-e1', [{ type: 'Pinged', data: { n: 1 }, metadata }], { expectedVersion: 'noStream' })
 * assert.ok(E.isRight(appended))
 * assert.equal(appended.right.version, 1)
 * assert.equal(await store.streamVersion('enrollment-e1'), 1)
 * const [recorded] = await store.readStream('enrollment-e1')
 * assert.deepEqual(recorded && [recorded.position, recorded.recordedAt], [1, '2026-09-01T16:00:00.000Z'])
 * assert.ok(Object.isFrozen(recorded))
 */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): EventStore => {
  const now = options.now ?? (() => new Date().toISOString())
  const log: RecordedEvent[] = []
  const streams = new Map<string, RecordedEvent[]>()

  return {
    readStream: async (streamId, { fromVersion = 1 } = {}) =>
      (streams.get(streamId) ?? []).slice(Math.max(fromVersion, 1) - 1),

    appendToStream: async (streamId, events, { expectedVersion }) => {
      const checked = checkBatch(streamId, events)
      if (E.isLeft(checked)) return checked
      const stream = streams.get(streamId) ?? []
      if (!satisfiesExpectedVersion(expectedVersion, stream.length)) {
        return E.left(versionConflict(streamId, expectedVersion, stream.length))
      }
      const recordedAt = now()
      const recorded = checked.right.map((event, i) =>
        deepFreeze(
          structuredClone({
            streamId,
            version: stream.length + i + 1,
            position: log.length + i + 1,
            type: event.type,
            data: event.data,
            metadata: event.metadata,
            recordedAt,
          }),
        ),
      )
      if (recorded.length > 0) streams.set(streamId, [...stream, ...recorded])
      log.push(...recorded)
      return E.right({ streamId, version: stream.length + recorded.length, events: recorded })
    },

    // Positions are 1..n without holes here, so the event after `after` is at index `after`.
    readAll: async function* ({ after = 0, limit = Number.POSITIVE_INFINITY } = {}) {
      let index = Math.max(after, 0)
      for (let count = 0; count < limit && index < log.length; count++, index++) {
        yield log[index] as RecordedEvent
      }
    },

    streamVersion: async (streamId) => streams.get(streamId)?.length ?? 0,
  }
}
