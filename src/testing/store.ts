/**
 * Generators for event stores: events to append with any plain-JSON data, and values that are
 * not plain JSON, so a district's own store can be property-tested against the same contract.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import type { EventToAppend } from '../store/recorded-event.js'

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/)

/**
 * Events to append: a type, metadata and any JSON `data` (strings without U+0000, which
 * PostgreSQL cannot store).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkBatch } from 'microcred'
 * import { eventToAppendArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(eventToAppendArbitrary(), (event) => assert.ok(E.isRight(checkBatch('stream-1', [event])))),
 *   { numRuns: 50 },
 * )
 */
export const eventToAppendArbitrary = (): fc.Arbitrary<EventToAppend> =>
  fc.record({
    type: fc.stringMatching(/^[A-Z][A-Za-z]{0,20}$/),
    data: fc
      .jsonValue({ noUnicodeString: false })
      .filter((value) => !JSON.stringify(value).includes('\\u0000')),
    metadata: fc.record({
      eventId: fc.uuid(),
      commandId: id,
      actorId: id,
      correlationId: id,
      causationId: id,
      schemaVersion: fc.integer({ min: 1, max: 5 }),
    }),
  })

/**
 * Values a store must refuse inside event data, each with a name: non-finite numbers,
 * `undefined`, dates, bigints, functions, maps and strings with U+0000.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkBatch } from 'microcred'
 * import { eventToAppendArbitrary, notJsonArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(eventToAppendArbitrary(), notJsonArbitrary(), (event, bad) =>
 *     assert.ok(E.isLeft(checkBatch('stream-1', [{ ...event, data: { bad: bad.value } }])), bad.name)),
 *   { numRuns: 50 },
 * )
 */
export const notJsonArbitrary = (): fc.Arbitrary<{ name: string; value: unknown }> =>
  fc.constantFrom<{ name: string; value: unknown }>(
    { name: 'NaN', value: Number.NaN },
    { name: 'Infinity', value: Number.NEGATIVE_INFINITY },
    { name: 'undefined', value: undefined },
    { name: 'a Date', value: new Date(0) },
    { name: 'a bigint', value: 1n },
    { name: 'a function', value: () => 1 },
    { name: 'a Map', value: new Map() },
    { name: 'U+0000 in a string', value: 'a\u0000b' },
  )
