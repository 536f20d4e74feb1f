/**
 * Event schemas over time, as the domain declares them: the codec of the current event shapes,
 * the current `schemaVersion` of each event type, and the upcasters that bring an older shape up
 * one version at a time. The store reads stored events through a schema
 * (`decodeRecordedEvent`); the core only declares it.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

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

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An event schema from the current codec, with the types whose shape has changed: their current
 * version and an upcaster from each older version.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import { eventSchema, message } from 'microcred'
 * // Version 1 of Pinged had `seconds`; version 2 has `ms`.
 * const schema = eventSchema(message('Pinged', t.type({ ms: t.number })), {
 *   versions: { Pinged: 2 },
 *   upcasters: { Pinged: { 1: (data) => ({ ms: (data as { seconds: number }).seconds * 1000 }) } },
 * })
 * assert.equal(schema.versions['Pinged'], 2)
 */
export const eventSchema = <Ev>(
  codec: t.Type<Ev, unknown, unknown>,
  changes: Partial<Pick<EventSchema<Ev>, 'versions' | 'upcasters'>> = {},
): EventSchema<Ev> => ({
  codec,
  versions: changes.versions ?? {},
  upcasters: changes.upcasters ?? {},
})

// -------------------------------------------------------------------------------------
// utils
// -------------------------------------------------------------------------------------

/**
 * The current schema version of an event type: what a new event of that type is stored with.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { enrollmentEvents, schemaVersionOf } from 'microcred'
 * assert.equal(schemaVersionOf(enrollmentEvents, 'HoursRecorded'), 1)
 */
export const schemaVersionOf = (
  schema: Pick<EventSchema<unknown>, 'versions'>,
  type: string,
): number => (Object.hasOwn(schema.versions, type) ? (schema.versions[type] ?? 1) : 1)

/**
 * Upcasts an event's `data` of `type` from schema version `from` to `to`, one version at a time,
 * or says which step is missing or failed.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { eventSchema, message, upcast } from 'microcred'
 * const schema = eventSchema(message('Pinged', t.type({ ms: t.number })), {
 *   versions: { Pinged: 2 },
 *   upcasters: { Pinged: { 1: (data) => ({ ms: (data as { seconds: number }).seconds * 1000 }) } },
 * })
 * assert.deepEqual(upcast(schema, 'Pinged', { seconds: 2 }, 1, 2), E.right({ ms: 2000 }))
 * assert.ok(E.isLeft(upcast(schema, 'Pinged', {}, 0, 2)))
 */
export const upcast = (
  schema: Pick<EventSchema<unknown>, 'upcasters'>,
  type: string,
  data: unknown,
  from: number,
  to: number,
): E.Either<string, unknown> => {
  const steps = Object.hasOwn(schema.upcasters, type) ? schema.upcasters[type] : undefined
  let current = data
  for (let version = from; version < to; version++) {
    const step = steps !== undefined && Object.hasOwn(steps, version) ? steps[version] : undefined
    if (step === undefined) {
      return E.left(`no upcaster of '${type}' from schema version ${version} to ${version + 1}`)
    }
    // An upcaster is the district's code: a failure of it is reported, never thrown on.
    const stepped = E.tryCatch(
      () => step(current),
      (error) => (error instanceof Error ? error.message : String(error)),
    )
    if (E.isLeft(stepped)) {
      return E.left(
        `the upcaster of '${type}' from schema version ${version} failed: ${stepped.left}`,
      )
    }
    current = stepped.right
  }
  return E.right(current)
}
