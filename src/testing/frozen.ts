/**
 * Checking immutability: states handed out and decoded events are frozen all the way down.
 *
 * @packageDocumentation
 */

/**
 * Whether a value and everything reachable from it is frozen (a primitive is).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { deepFreeze } from 'microcred'
 * import { isDeeplyFrozen } from 'microcred/testing'
 * assert.equal(isDeeplyFrozen(deepFreeze({ hours: [1, 2] })), true)
 * assert.equal(isDeeplyFrozen(Object.freeze({ hours: [1, 2] })), false) // the array is not frozen
 */
export const isDeeplyFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen))
