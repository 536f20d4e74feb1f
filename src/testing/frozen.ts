/**
 * Checking immutability: states handed out and decoded events are frozen all the way down.
 *
 * @packageDocumentation
 */

/**
 * Whether a value and everything reachable from it is frozen (a primitive is).
 *
 * @example
 * import { deepFreeze } from 'microcred'
 * import { isDeeplyFrozen } from 'microcred/testing'
 * isDeeplyFrozen(deepFreeze({ hours: [1, 2] })) // true
 * isDeeplyFrozen(Object.freeze({ hours: [1, 2] })) // false: the array is not frozen
 */
export const isDeeplyFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen))
