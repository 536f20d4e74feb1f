/**
 * Reading stored events back as domain events: each is upcast to its type's current schema
 * version by the aggregate's event schema (declared in the core, `eventSchema`), then decoded.
 * Anything that still does not decode is a `CorruptEvent` naming the stream, version, position
 * and path: never skipped.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeIssues } from '../codec.js'
import { schemaVersionOf, upcast, type EventSchema } from '../event-schema.js'
import { corruptEvent, type CorruptEvent } from './errors.js'
import type { RecordedEvent } from './recorded-event.js'

/**
 * Reads a stored event back as a domain event: upcast to the current schema version, then
 * decoded. A failure is a `CorruptEvent` naming the stream, version, position and path.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeRecordedEvent, enrollmentEvents } from 'microcred'
 * const result = decodeRecordedEvent(enrollmentEvents)({
 *   streamId: 'enrollment-e1',
 *   version: 1,
 *   position: 9,
 *   type: 'HoursLogged',
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
 * })
 * assert.ok(E.isLeft(result))
 * assert.equal(result.left._tag, 'CorruptEvent')
 */
export const decodeRecordedEvent =
  <Ev>(schema: EventSchema<Ev>) =>
  (recorded: RecordedEvent): E.Either<CorruptEvent, Ev> => {
    const where = {
      streamId: recorded.streamId,
      version: recorded.version,
      position: recorded.position,
      type: recorded.type,
    }
    const stored = recorded.metadata.schemaVersion
    const current = schemaVersionOf(schema, recorded.type)
    if (stored > current) {
      return E.left(
        corruptEvent(where, [
          {
            path: 'metadata.schemaVersion',
            message: `schema version ${stored} is newer than this code's ${current}; upgrade microcred or the district app`,
          },
        ]),
      )
    }
    const data = upcast(
      schema as EventSchema<unknown>,
      recorded.type,
      recorded.data,
      stored,
      current,
    )
    if (E.isLeft(data)) {
      return E.left(corruptEvent(where, [{ path: 'metadata.schemaVersion', message: data.left }]))
    }
    const decoded = schema.codec.decode({ type: recorded.type, data: data.right })
    return E.isLeft(decoded)
      ? E.left(corruptEvent(where, decodeIssues(decoded.left)))
      : E.right(decoded.right)
  }
