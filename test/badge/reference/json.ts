/**
 * The deep copy that `src/badge/json.ts` made before issue 15 (part 4, second pass), kept
 * verbatim as the oracle of its replacement: `plainJson` by property descriptors, an `Either`
 * and a path array per value. `test/badge/fast-paths.property.test.ts` holds the library to its
 * answers.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pathText } from '../../../src/badge/internal.js'
import type { JsonProblem } from '../../../src/badge/json.js'
/** How deep a credential may nest: OB 3.0 credentials nest about ten levels. */
const maxDepth = 64
/** How many values a credential may hold (shared references count each time they are reached). */
const maxValues = 200_000

const describeValue = (value: unknown): string =>
  typeof value === 'number'
    ? `the number ${String(value)} (JSON has finite numbers only)`
    : value === undefined
      ? 'undefined (JSON has no undefined: leave the member out)'
      : `a ${typeof value}`

/**
 * A deep copy of `value` as plain JSON data (objects with `Object.prototype`, arrays, strings,
 * finite numbers, booleans, `null`), or the first problem found: a member named `__proto__`
 * (`prototypeMember`), or a value that is not JSON data (`notData`: a symbol key, an accessor, a
 * non-enumerable member, an object that is not a plain object or array, a sparse array or one
 * with named members, `undefined`, `NaN`, a function, nesting deeper than 64 levels or more than
 * 200,000 values). Never throws: a proxy or a getter that throws is `notData`.
 */
export const plainJson = (value: unknown): E.Either<JsonProblem, unknown> => {
  let budget = maxValues
  type Path = ReadonlyArray<string | number>
  type Copied = E.Either<JsonProblem, unknown>
  const problem = (kind: JsonProblem['kind'], path: Path, what: string): Copied =>
    E.left({ kind, path: pathText(path), problem: what })
  const notData = (path: Path, what: string) => problem('notData', path, what)

  const copyArray = (u: ReadonlyArray<unknown>, path: Path): Copied => {
    if (Object.getPrototypeOf(u) !== Array.prototype)
      return notData(path, 'an array of another kind than a plain array')
    if (Reflect.ownKeys(u).length !== u.length + 1)
      return notData(path, 'an array with holes or named members')
    const out: unknown[] = []
    for (let i = 0; i < u.length; i++) {
      const item = Object.getOwnPropertyDescriptor(u, i)
      if (item === undefined || !('value' in item) || item.enumerable !== true)
        return notData([...path, i], 'an accessor or a hidden item, not data')
      const copied = copy(item.value, [...path, i])
      if (E.isLeft(copied)) return copied
      out.push(copied.right)
    }
    return E.right(out)
  }

  const copyObject = (u: object, path: Path): Copied => {
    const prototype: unknown = Object.getPrototypeOf(u)
    if (prototype !== Object.prototype && prototype !== null)
      return notData(
        path,
        'an object that is not a plain object (a class instance, or one with an inherited prototype)',
      )
    const out: Record<string, unknown> = {}
    for (const key of Reflect.ownKeys(u)) {
      if (typeof key === 'symbol') return notData(path, 'a member keyed by a symbol, not data')
      if (key === '__proto__') return problem('prototypeMember', path, 'a member named "__proto__"')
      const member = Object.getOwnPropertyDescriptor(u, key)
      if (member === undefined || !('value' in member) || member.enumerable !== true)
        return notData([...path, key], 'an accessor or a hidden member, not data')
      const copied = copy(member.value, [...path, key])
      if (E.isLeft(copied)) return copied
      // `__proto__` is refused above, so assignment defines an own member.
      out[key] = copied.right
    }
    return E.right(out)
  }

  const copy = (u: unknown, path: Path): Copied => {
    budget -= 1
    if (budget < 0) return notData(path, `more than ${maxValues.toLocaleString('en-US')} values`)
    if (u === null || typeof u === 'string' || typeof u === 'boolean') return E.right(u)
    if (typeof u === 'number')
      return Number.isFinite(u) ? E.right(u) : notData(path, describeValue(u))
    if (typeof u !== 'object') return notData(path, describeValue(u))
    if (path.length >= maxDepth) return notData(path, `nested deeper than ${maxDepth} levels`)
    return Array.isArray(u) ? copyArray(u, path) : copyObject(u, path)
  }

  try {
    return copy(value, [])
  } catch {
    // A proxy trap threw: the value cannot be read as data.
    return notData([], 'a value that throws when it is read')
  }
}
