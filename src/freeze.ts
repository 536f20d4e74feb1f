/**
 * Deep freezing: how states and decoded events are made immutable.
 *
 * An object that is already frozen is taken to be frozen all the way down, as immer takes it: a
 * walk stops there. Everything microcred freezes, it freezes deeply.
 *
 * @packageDocumentation
 */

/**
 * Freezes a value and everything reachable from it, stopping at what is already frozen.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { deepFreeze } from 'microcred'
 * const state = deepFreeze({ hours: [1, 2], module: { id: 'm1' } })
 * assert.ok(Object.isFrozen(state) && Object.isFrozen(state.hours) && Object.isFrozen(state.module))
 * // What is frozen already is taken to be frozen all the way down: the walk stops there.
 * const shallow = Object.freeze({ ids: ['m1'] })
 * deepFreeze({ shallow })
 * assert.equal(Object.isFrozen(shallow.ids), false)
 */
export const deepFreeze = <A>(value: A): A => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) freezeTree(value)
  return value
}

/** Freezes an unfrozen object and, without a call per primitive, every unfrozen object in it. */
const freezeTree = (value: object): void => {
  Object.freeze(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (typeof item === 'object' && item !== null && !Object.isFrozen(item)) freezeTree(item)
    }
    return
  }
  for (const key in value) {
    const item: unknown = (value as Record<string, unknown>)[key]
    if (typeof item === 'object' && item !== null && !Object.isFrozen(item)) freezeTree(item)
  }
}
