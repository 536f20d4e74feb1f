/**
 * Deep freezing: how states and decoded events are made immutable.
 *
 * An object that is already frozen is taken to be frozen all the way down, as immer takes it: a
 * walk stops there. A Map or Set is frozen too: its `set`, `add`, `delete` and `clear` throw, and
 * the objects it holds are frozen (Object.freeze alone would leave its entries changeable).
 * Everything microcred freezes, it freezes deeply.
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

const refuse = (): never => {
  // A frozen collection refuses a change the way a frozen object does in strict mode: a TypeError
  // at the caller's bug, not a domain error.
  // eslint-disable-next-line no-restricted-syntax
  throw new TypeError('this Map or Set is frozen: it cannot be changed')
}

/** Makes a Map or Set refuse changes (Object.freeze alone leaves its entries changeable). */
const freezeCollection = (collection: Map<unknown, unknown> | Set<unknown>): void => {
  const methods =
    collection instanceof Map ? ['set', 'delete', 'clear'] : ['add', 'delete', 'clear']
  for (const method of methods) {
    Object.defineProperty(collection, method, { value: refuse, enumerable: false })
  }
  Object.freeze(collection)
  for (const item of collection instanceof Map ? collection.values() : collection) {
    if (typeof item === 'object' && item !== null && !Object.isFrozen(item)) freezeTree(item)
  }
}

/** Freezes an unfrozen object and, without a call per primitive, every unfrozen object in it. */
const freezeTree = (value: object): void => {
  if (value instanceof Map || value instanceof Set) return freezeCollection(value)
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
