/**
 * Optimistic concurrency: what an append expects of its stream, and whether a stream satisfies
 * it. Every store checks appends with this one rule.
 *
 * @packageDocumentation
 */

/**
 * What an append expects of its stream: that it is at exactly this version, that it does not
 * exist yet (`'noStream'`, the same as `0`), or nothing (`'any'`).
 */
export type ExpectedVersion = number | 'noStream' | 'any'

/**
 * Whether a stream at `actual` satisfies what an append expects.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { satisfiesExpectedVersion } from 'microcred'
 * assert.equal(satisfiesExpectedVersion('noStream', 0), true)
 * assert.equal(satisfiesExpectedVersion(3, 4), false)
 * assert.equal(satisfiesExpectedVersion('any', 4), true)
 */
export const satisfiesExpectedVersion = (expected: ExpectedVersion, actual: number): boolean =>
  expected === 'any' || (expected === 'noStream' ? actual === 0 : expected === actual)
