/**
 * Events as a store holds them: the domain event's `type` and `data`, with where it sits in its
 * stream and in the global log, who caused it, and its schema version.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { IsoDateTime, NonEmptyString, PositiveInteger } from '../codec.js'

/**
 * What a store keeps about why an event exists: its own id, the command that produced it, the
 * actor, the correlation and causation ids, and the schema version of its `data`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EventMetadata } from 'microcred'
 * const metadata = {
 *   eventId: 'e-1',
 *   commandId: 'cmd-1',
 *   actorId: 'admin-1',
 *   correlationId: 'cmd-1',
 *   causationId: 'cmd-1',
 *   schemaVersion: 1,
 * }
 * assert.equal(EventMetadata.is(metadata), true)
 * assert.equal(EventMetadata.is({ ...metadata, schemaVersion: 0 }), false) // versions count from 1
 */
export const EventMetadata = t.intersection(
  [
    t.type({
      eventId: NonEmptyString,
      commandId: NonEmptyString,
      actorId: NonEmptyString,
      correlationId: NonEmptyString,
      causationId: NonEmptyString,
      schemaVersion: PositiveInteger,
    }),
    t.partial({
      /**
       * A digest of the command that produced the event (`sha256:` and hex), so a later command
       * that reuses the `commandId` with other content is told apart from a true repeat.
       */
      commandDigest: t.string,
      /**
       * Set on events that `microcred import --trust` stored without the history audit, so the
       * log says which events nobody checked against the rules.
       */
      unaudited: t.literal(true),
    }),
  ],
  'EventMetadata',
)
/** Why an event exists, and the schema version of its data. */
export type EventMetadata = t.TypeOf<typeof EventMetadata>

/**
 * An event to append: `type` and `data` as JSON, and its metadata.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EventToAppend } from 'microcred'
 * const event = {
 *   type: 'Pinged',
 *   data: { at: '2026-09-01T16:00:00Z' },
 *   metadata: {
 *     eventId: 'e-1',
 *     commandId: 'cmd-1',
 *     actorId: 'admin-1',
 *     correlationId: 'cmd-1',
 *     causationId: 'cmd-1',
 *     schemaVersion: 1,
 *   },
 * }
 * assert.equal(EventToAppend.is(event), true)
 * assert.equal(EventToAppend.is({ ...event, type: '' }), false)
 */
export const EventToAppend = t.type(
  { type: NonEmptyString, data: t.unknown, metadata: EventMetadata },
  'EventToAppend',
)
/** An event to append. */
export type EventToAppend = t.TypeOf<typeof EventToAppend>

/**
 * An event as stored: `version` is its place in its stream (1, 2, 3... without gaps),
 * `position` its place in the global log (strictly increasing, not necessarily dense), and
 * `recordedAt` the store's ISO-8601 time of the append.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RecordedEvent } from 'microcred'
 * const recorded = {
 *   streamId: 'enrollment-e1',
 *   version: 1,
 *   position: 1,
 *   type: 'Pinged',
 *   data: {},
 *   metadata: {
 *     eventId: 'e-1',
 *     commandId: 'cmd-1',
 *     actorId: 'admin-1',
 *     correlationId: 'cmd-1',
 *     causationId: 'cmd-1',
 *     schemaVersion: 1,
 *   },
 *   recordedAt: '2026-09-01T16:00:00.000Z',
 * }
 * assert.equal(RecordedEvent.is(recorded), true)
 * assert.equal(RecordedEvent.is({ ...recorded, position: 0 }), false) // positions count from 1
 */
export const RecordedEvent = t.type(
  {
    streamId: NonEmptyString,
    version: PositiveInteger,
    position: PositiveInteger,
    type: NonEmptyString,
    data: t.unknown,
    metadata: EventMetadata,
    recordedAt: IsoDateTime,
  },
  'RecordedEvent',
)
/** An event as stored. */
export type RecordedEvent = t.TypeOf<typeof RecordedEvent>
