/**
 * Event schemas over time. Each event type has a current `schemaVersion`; an event stored under
 * an older one is upcast, one version at a time by the upcasters registered for its type, before
 * it is decoded with the current codec. Anything that still does not decode is a `CorruptEvent`
 * naming the stream, version, position and path: never skipped.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { decodeIssues } from '../codec.js'
import { corruptEvent, type CorruptEvent } from './errors.js'
import type { RecordedEvent } from './recorded-event.js'

/** Turns an event's `data` at one schema version into its shape at the next. */
export type Upcaster = (data: unknown) => unknown

/**
 * How events are stored and read back: the codec of the current `{ type, data }` shapes, the
 * current schema version of each type (1 when not listed), and the upcasters of each type, keyed
 * by the version they upcast from.
 */
export interface EventSchema<Ev> {
  readonly codec: t.Type<Ev, unknown, unknown>
  readonly versions: Readonly<Record<string, number>>
  readonly upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>>
}

/**
 * An event schema from the current codec, with the types whose shape has changed: their current
 * version and an upcaster from each older version.
 *
 * @example
 * import * as t from 'io-ts'
 * import { eventSchema, message } from 'microcred'
 * // Version 1 of Pinged had `seconds`; version 2 has `ms`.
 * const schema = eventSchema(message('Pinged', t.type({ ms: t.number })), {
 *   versions: { Pinged: 2 },
 *   upcasters: { Pinged: { 1: (data) => ({ ms: (data as { seconds: number }).seconds * 1000 }) } },
 * })
 * schema.versions['Pinged'] // 2
 */
export const eventSchema = <Ev>(
  codec: t.Type<Ev, unknown, unknown>,
  changes: Partial<Pick<EventSchema<Ev>, 'versions' | 'upcasters'>> = {},
): EventSchema<Ev> => ({
  codec,
  versions: changes.versions ?? {},
  upcasters: changes.upcasters ?? {},
})

/**
 * The current schema version of an event type: what a new event of that type is stored with.
 *
 * @example
 * import { enrollmentEvents, schemaVersionOf } from 'microcred'
 * schemaVersionOf(enrollmentEvents, 'HoursRecorded') // 1
 */
export const schemaVersionOf = (
  schema: Pick<EventSchema<unknown>, 'versions'>,
  type: string,
): number => schema.versions[type] ?? 1

/** Upcasts `data` from `from` to `to`, or says which step is missing or failed. */
const upcast = (
  schema: Pick<EventSchema<unknown>, 'upcasters'>,
  type: string,
  data: unknown,
  from: number,
  to: number,
): E.Either<string, unknown> => {
  let current = data
  for (let version = from; version < to; version++) {
    const step = schema.upcasters[type]?.[version]
    if (step === undefined) {
      return E.left(`no upcaster of '${type}' from schema version ${version} to ${version + 1}`)
    }
    try {
      current = step(current)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return E.left(`the upcaster of '${type}' from schema version ${version} failed: ${reason}`)
    }
  }
  return E.right(current)
}

/**
 * Reads a stored event back as a domain event: upcast to the current schema version, then
 * decoded. A failure is a `CorruptEvent` naming the stream, version, position and path.
 *
 * @example
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
 * E.isLeft(result) && result.left._tag // 'CorruptEvent'
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
