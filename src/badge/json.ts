/**
 * A credential as plain JSON data, copied once, before anything reads it. What is signed is what
 * JSON-LD processors see, and they see only an object's own, enumerable members; JavaScript reads
 * inherited members too, and a copy made by assignment (`Object.assign`, `rval[key] = value`, as
 * JSON-LD's own expansion does) turns a member named `__proto__` into the copy's prototype. So a
 * `__proto__` member (which `JSON.parse` keeps as an own member) would be shown to the caller but
 * never signed: it is refused, at any depth. So is anything that is not JSON data (a getter, a
 * symbol key, a function, `NaN`, a class instance, a cycle), which could read one way when checked
 * and another way later. Every step then reads the copy, never the caller's object.
 *
 * @internal
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { badgeError, verificationError, type BadgeError, type VerificationError } from './errors.js'
import { pathText, type JsonObject } from './internal.js'
import { describeUnsafeLinks, unsafeLinks } from './links.js'

/** Why a value is not a credential's plain JSON: a `__proto__` member, or something not data. */
export interface JsonProblem {
  readonly kind: 'prototypeMember' | 'notData'
  /** Where, as a dotted path (`credentialSubject.achievement`), `(root)` for the value itself. */
  readonly path: string
  /** What is wrong there, in a person's words (without the path). */
  readonly problem: string
}

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

/** What `copy` returns when it found a problem (kept in `plainJson`'s `found`). */
const failed: unique symbol = Symbol('failed')

/**
 * A deep copy of `value` as plain JSON data (objects with `Object.prototype`, arrays, strings,
 * finite numbers, booleans, `null`), or the first problem found: a member named `__proto__`
 * (`prototypeMember`), or a value that is not JSON data (`notData`: a symbol key, an accessor, a
 * non-enumerable member, an object that is not a plain object or array, a sparse array or one
 * with named members, `undefined`, `NaN`, a function, nesting deeper than 64 levels or more than
 * 200,000 values). Never throws: a proxy or a getter that throws is `notData`.
 *
 * One walk, in document order; every member is read once, through its property descriptor, and
 * the copy holds what was read. The path of the member being copied is kept on one stack and
 * written out only for the problem found.
 */
export const plainJson = (value: unknown): E.Either<JsonProblem, unknown> => {
  let budget = maxValues
  const path: Array<string | number> = []
  let found: JsonProblem | undefined
  const problem = (kind: JsonProblem['kind'], what: string, member?: string | number) => {
    found = {
      kind,
      path: pathText(member === undefined ? path : [...path, member]),
      problem: what,
    }
    return failed
  }
  const notData = (what: string, member?: string | number) => problem('notData', what, member)

  const copyArray = (u: ReadonlyArray<unknown>): unknown => {
    if (Object.getPrototypeOf(u) !== Array.prototype)
      return notData('an array of another kind than a plain array')
    if (Reflect.ownKeys(u).length !== u.length + 1)
      return notData('an array with holes or named members')
    const out: unknown[] = []
    for (let i = 0; i < u.length; i++) {
      // By its name: V8 looks a number up by a slower path.
      const item = Object.getOwnPropertyDescriptor(u, String(i))
      if (item === undefined || !('value' in item) || item.enumerable !== true)
        return notData('an accessor or a hidden item, not data', i)
      path.push(i)
      const copied = copy(item.value)
      path.pop()
      if (copied === failed) return failed
      out.push(copied)
    }
    return out
  }

  const copyObject = (u: object): unknown => {
    const prototype: unknown = Object.getPrototypeOf(u)
    if (prototype !== Object.prototype && prototype !== null)
      return notData(
        'an object that is not a plain object (a class instance, or one with an inherited prototype)',
      )
    const out: Record<string, unknown> = {}
    for (const key of Reflect.ownKeys(u)) {
      if (typeof key === 'symbol') return notData('a member keyed by a symbol, not data')
      if (key === '__proto__') return problem('prototypeMember', 'a member named "__proto__"')
      const member = Object.getOwnPropertyDescriptor(u, key)
      if (member === undefined || !('value' in member) || member.enumerable !== true)
        return notData('an accessor or a hidden member, not data', key)
      path.push(key)
      const copied = copy(member.value)
      path.pop()
      if (copied === failed) return failed
      // `__proto__` is refused above, so assignment defines an own member.
      out[key] = copied
    }
    return out
  }

  const copy = (u: unknown): unknown => {
    budget -= 1
    if (budget < 0) return notData(`more than ${maxValues.toLocaleString('en-US')} values`)
    if (u === null || typeof u === 'string' || typeof u === 'boolean') return u
    if (typeof u === 'number') return Number.isFinite(u) ? u : notData(describeValue(u))
    if (typeof u !== 'object') return notData(describeValue(u))
    if (path.length >= maxDepth) return notData(`nested deeper than ${maxDepth} levels`)
    return Array.isArray(u) ? copyArray(u) : copyObject(u)
  }

  try {
    const copied = copy(value)
    return found !== undefined ? E.left(found) : E.right(copied)
  } catch {
    // A proxy trap threw: the value cannot be read as data.
    return E.left({
      kind: 'notData',
      path: '(root)',
      problem: 'a value that throws when it is read',
    })
  }
}

/** `plainJson` of a value that must be a JSON object. */
export const plainJsonObject = (value: unknown): E.Either<JsonProblem, JsonObject> => {
  const copied = plainJson(value)
  if (E.isLeft(copied)) return copied
  const object = copied.right
  return typeof object === 'object' && object !== null && !Array.isArray(object)
    ? E.right(object as JsonObject)
    : E.left({ kind: 'notData', path: '(root)', problem: 'not a JSON object' })
}

/**
 * What `plainJsonObject` answers for a value `JSON.parse` just made, without copying it: nobody
 * else holds that value, and `JSON.parse` makes nothing but plain objects and arrays of data
 * members, strings, numbers, booleans and `null`. So what can be wrong is what `plainJson` would
 * find in such a value: a member named `__proto__` (`JSON.parse` keeps it as an own member), a
 * number out of range (`1e999` parses as `Infinity`), nesting deeper than 64 levels, more than
 * 200,000 values, or a root that is not an object. The problem found is the one `plainJson`
 * finds first, with the same path.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * assert.ok(E.isRight(parsedJsonObject(JSON.parse('{"a": [1, "x", null]}'))))
 * const planted = parsedJsonObject(JSON.parse('{"a": {"__proto__": {}}}'))
 * assert.deepEqual(planted, E.left({ kind: 'prototypeMember', path: 'a', problem: 'a member named "__proto__"' }))
 * assert.ok(E.isLeft(parsedJsonObject(JSON.parse('{"n": 1e999}')))) // Infinity is no JSON number
 */
export const parsedJsonObject = (parsed: unknown): E.Either<JsonProblem, JsonObject> => {
  let budget = maxValues
  const path: Array<string | number> = []
  let found: JsonProblem | undefined
  const problem = (kind: JsonProblem['kind'], what: string): false => {
    found = { kind, path: pathText(path), problem: what }
    return false
  }
  const check = (u: unknown): boolean => {
    budget -= 1
    if (budget < 0)
      return problem('notData', `more than ${maxValues.toLocaleString('en-US')} values`)
    if (typeof u === 'number') return Number.isFinite(u) || problem('notData', describeValue(u))
    if (u === null || typeof u !== 'object') return true
    if (path.length >= maxDepth) return problem('notData', `nested deeper than ${maxDepth} levels`)
    if (Array.isArray(u)) {
      for (let i = 0; i < u.length; i++) {
        path.push(i)
        const ok = check(u[i])
        path.pop()
        if (!ok) return false
      }
      return true
    }
    const record = u as JsonObject
    for (const key of Object.keys(record)) {
      if (key === '__proto__') return problem('prototypeMember', 'a member named "__proto__"')
      path.push(key)
      const ok = check(record[key])
      path.pop()
      if (!ok) return false
    }
    return true
  }
  if (!check(parsed) && found !== undefined) return E.left(found)
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? E.right(parsed as JsonObject)
    : E.left({ kind: 'notData', path: '(root)', problem: 'not a JSON object' })
}

/** A problem as a sentence about `what`: `<what> has <problem> at <path>`, and why it matters. */
export const describeJsonProblem = (what: string, problem: JsonProblem): string =>
  `${what} has ${problem.problem} at ${problem.path}` +
  (problem.kind === 'prototypeMember'
    ? ': JSON.parse keeps such a member, but JSON-LD processors and JavaScript copies drop it, ' +
      'so it is never signed; remove it'
    : ': a credential is plain JSON data')

/**
 * The parse-step failure of a problem: `PrototypeMember` for a `__proto__` member, `Unreadable`
 * for anything else.
 */
export const parseFailure = (what: string, problem: JsonProblem): VerificationError =>
  verificationError(
    'parse',
    problem.kind === 'prototypeMember' ? 'PrototypeMember' : 'Unreadable',
    describeJsonProblem(what, problem),
  )

/**
 * The credential a signer signs: a plain JSON copy of `credential` (see `plainJson`) with no
 * link that no one may render (`javascript:`, `file:`, a `data:` URI other than a raster image).
 * `http:` links are the builder's choice (`buildOpenBadgeCredential`'s `allowHttp`), and a
 * verifier decides again, so they are taken here.
 */
export const toSign = <A>(credential: A): E.Either<BadgeError, A> => {
  const copied = plainJsonObject(credential)
  if (E.isLeft(copied))
    return E.left(
      badgeError('InvalidBadgeInput', describeJsonProblem('the credential to sign', copied.left), [
        { path: copied.left.path, message: copied.left.problem },
      ]),
    )
  const links = unsafeLinks(copied.right, { allowHttp: true })
  if (links.length > 0)
    return E.left(
      badgeError(
        'UnsafeLink',
        `the credential to sign has links a wallet must not render: ${describeUnsafeLinks(links)}`,
        links.map(({ path, message }) => ({ path, message })),
      ),
    )
  return E.right(copied.right as A)
}
