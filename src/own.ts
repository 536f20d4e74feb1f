/**
 * Reading a record by a key that came from data (a module, EOLA or criterion id): only the
 * record's own entries count, never what every object inherits from `Object.prototype`. Ids that
 * name its members are refused at every boundary (`Id`), and this keeps a state folded from
 * events written before that rule (or built by hand) safe to read anyway: `credited['constructor']`
 * is not the `Object` function, and `artifacts['__proto__']` is not `Object.prototype`.
 *
 * @internal
 * @packageDocumentation
 */

/** The value `record` holds under its own key `key`, or `undefined`. */
export const own = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/**
 * A record with one entry per key, each an own entry even for the key `__proto__` (assigning
 * `record['__proto__']` would set the record's prototype; every other name, `constructor`
 * included, becomes an own entry by assignment). Built by assignment, not `Object.fromEntries`:
 * a fold reads these records on every event, and `Object.fromEntries` made that fold measurably
 * slower.
 */
export const recordOf = <V>(
  keys: Iterable<string>,
  valueOf: (key: string) => V,
): Record<string, V> => {
  const record: Record<string, V> = {}
  for (const key of keys) setOwn(record, key, valueOf(key))
  return record
}

/** Sets `record`'s own entry `key`, even `__proto__` (assigning it would set the prototype). */
export const setOwn = <V>(record: Record<string, V>, key: string, value: V): void => {
  if (key === '__proto__') {
    Object.defineProperty(record, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  } else record[key] = value
}
