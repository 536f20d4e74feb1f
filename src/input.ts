/**
 * Input from outside, bounded and well-formed: ids, text, web links, objects that hold only the
 * fields they declare, and lists of bounded length. Every command, its context and every program
 * is built from these, so whatever a caller sends (a 10 MB id, a NUL, a lone surrogate, a field
 * named `__proto__`, a `javascript:` link) is refused the same way by every store, with a message
 * that names the field and never echoes the value whole.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { codePoint, fieldName, thousands } from './escape.js'

export { quoted } from './escape.js'

// -------------------------------------------------------------------------------------
// limits
// -------------------------------------------------------------------------------------

/**
 * The limits on input: characters (UTF-16 code units) in an id, a text and a link, and items in
 * a list (evidence, roles, a program's courses or rubric, the scores of a grade).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { inputLimits } from 'microcred'
 * assert.deepEqual(inputLimits, { idLength: 200, textLength: 20_000, urlLength: 2_048, listLength: 100 })
 * assert.ok(Object.isFrozen(inputLimits))
 */
export const inputLimits = Object.freeze({
  /** Characters in an id. */
  idLength: 200,
  /** Characters in a text: a name, a title, a reflection, feedback, a reason. */
  textLength: 20_000,
  /** Characters in a link. */
  urlLength: 2_048,
  /** Items in a list, and scores in a grade. */
  listLength: 100,
})

// -------------------------------------------------------------------------------------
// checks
// -------------------------------------------------------------------------------------

/**
 * A codec that accepts the values of `base` for which `problemOf` finds no problem, and refuses
 * the others with the problem as the message (so it says what is wrong, not just what was
 * expected). Like `refine`, it keeps `base`'s type.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checked, decodeIssues } from 'microcred'
 * const Even = checked(t.number, (n) => (n % 2 === 0 ? undefined : `${n} is odd`), 'an even number')
 * assert.equal(Even.is(4), true)
 * const odd = Even.decode(3)
 * assert.ok(E.isLeft(odd))
 * assert.deepEqual(decodeIssues(odd.left), [{ path: '(root)', message: '3 is odd' }])
 */
export const checked = <A, O>(
  base: t.Type<A, O, unknown>,
  problemOf: (a: A) => string | undefined,
  name: string,
): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    name,
    (u): u is A => base.is(u) && problemOf(u) === undefined,
    (u, c) => {
      const decoded = base.validate(u, c)
      if (E.isLeft(decoded)) return decoded
      const problem = problemOf(decoded.right)
      return problem === undefined ? decoded : t.failure(u, c, problem)
    },
    base.encode,
  )

const loneSurrogateAt = (s: string): number => {
  if (s.isWellFormed()) return -1
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
      else return i
    } else if (c >= 0xdc00 && c <= 0xdfff) return i
  }
  return -1
}

/** Control characters, invisible formatting characters, line and paragraph separators. */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/** The problem with a string's characters: a lone surrogate, or one `forbidden` finds. */
const characterProblem = (what: string, s: string, forbidden: RegExp): string | undefined => {
  const lone = loneSurrogateAt(s)
  if (lone >= 0) {
    return `${what} must be well-formed Unicode; it has a lone surrogate at character ${lone + 1}`
  }
  const found = forbidden.exec(s)
  if (found !== null) {
    return `${what} may not contain a control character or an invisible formatting character; it has ${codePoint(found[0])} at character ${found.index + 1}`
  }
  return undefined
}

// -------------------------------------------------------------------------------------
// ids
// -------------------------------------------------------------------------------------

/**
 * The names every JavaScript object has through `Object.prototype`: as ids they would read as
 * records' inherited members, so no id may be one of them.
 */
const prototypeNames: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'hasOwnProperty',
  '__lookupGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'valueOf',
  '__proto__',
  'toLocaleString',
])

/**
 * Whether `s` has only visible ASCII characters (`!` to `~`): no control character, no
 * surrogate, no white space. Most ids are such, and this look is all they need (every event
 * carries several ids, and a replay decodes a million events).
 */
const isVisibleAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x21 || c > 0x7e) return false
  }
  return true
}

/**
 * Why `s` is not an id, or `undefined` if it is one: an id has 1 to 200 characters, is
 * well-formed Unicode, has no control or invisible formatting character and no white space at
 * either end, and is not the name of an `Object.prototype` member (`__proto__`, `constructor`,
 * `toString`, ...).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { idProblem } from 'microcred'
 * assert.equal(idProblem('steam-fa-1'), undefined)
 * assert.equal(idProblem('x'.repeat(201)), 'an id has at most 200 characters; this one has 201')
 * assert.equal(
 *   idProblem('e1\u0000'),
 *   'an id may not contain a control character or an invisible formatting character; it has U+0000 (NUL) at character 3',
 * )
 * assert.match(idProblem('__proto__') ?? '', /Object\.prototype/)
 */
export const idProblem = (s: string): string | undefined => {
  if (s.length === 0) return 'an id cannot be empty'
  if (s.length > inputLimits.idLength) {
    return `an id has at most ${inputLimits.idLength} characters; this one has ${thousands(s.length)}`
  }
  if (!isVisibleAscii(s)) {
    const characters = characterProblem('an id', s, invisible)
    if (characters !== undefined) return characters
    if (s.trim() !== s) return 'an id may not begin or end with white space'
  }
  if (prototypeNames.has(s)) {
    return `'${s}' is the name of a member of every JavaScript object (Object.prototype); it cannot be an id`
  }
  return undefined
}

/**
 * An id (of an enrollment, educator, cohort, program, course, module, EOLA, rubric criterion,
 * actor or command): 1 to 200 characters, well-formed, no control or invisible character, no
 * white space at either end, not an `Object.prototype` member's name. See `idProblem`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Id } from 'microcred'
 * assert.equal(Id.is('enr-1'), true)
 * assert.equal(Id.is('constructor'), false)
 * assert.equal(Id.is('e'.repeat(12_288)), false)
 * assert.equal(Id.is(' e1'), false)
 */
export const Id = checked(t.string, idProblem, 'an id')

// -------------------------------------------------------------------------------------
// text
// -------------------------------------------------------------------------------------

/**
 * Why `s` is not a text, or `undefined` if it is one: a text has at most 20,000 characters, is
 * well-formed Unicode (no lone surrogate) and has no NUL. Line breaks and tabs are text.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { textProblem } from 'microcred'
 * assert.equal(textProblem('What worked.\nWhat I would change.'), undefined)
 * assert.equal(textProblem('a\ud800'), 'a text must be well-formed Unicode; it has a lone surrogate at character 2')
 * assert.equal(textProblem('x'.repeat(20_001)), 'a text has at most 20,000 characters; this one has 20,001')
 */
export const textProblem = (s: string): string | undefined => {
  if (s.length > inputLimits.textLength) {
    return `a text has at most ${thousands(inputLimits.textLength)} characters; this one has ${thousands(s.length)}`
  }
  const nul = s.indexOf('\u0000')
  if (nul >= 0) return `a text may not contain NUL (U+0000); it has one at character ${nul + 1}`
  const lone = loneSurrogateAt(s)
  if (lone >= 0) {
    return `a text must be well-formed Unicode; it has a lone surrogate at character ${lone + 1}`
  }
  return undefined
}

/**
 * A text, possibly empty (feedback): at most 20,000 characters, well-formed, no NUL.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Text } from 'microcred'
 * assert.equal(Text.is(''), true)
 * assert.equal(Text.is('Strong.\nShow more student work.'), true)
 * assert.equal(Text.is('ok\u0000'), false)
 */
export const Text = checked(t.string, textProblem, 'a text')

/** Whether `s` has a character that is not white space: a look at the first, else `trim`. */
const hasNonBlank = (s: string): boolean => {
  const first = s.charCodeAt(0)
  return (first > 0x20 && first < 0x7f) || s.trim().length > 0
}

/**
 * A text with at least one character that is not white space: a name, a title, a reflection, a
 * reason.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { NonEmptyText } from 'microcred'
 * assert.equal(NonEmptyText.is('Moved schools'), true)
 * assert.equal(NonEmptyText.is('  '), false)
 * assert.equal(NonEmptyText.is('\ud800'), false)
 */
export const NonEmptyText = checked(
  t.string,
  (s) => textProblem(s) ?? (hasNonBlank(s) ? undefined : 'a text cannot be blank'),
  'a non-empty text',
)

// -------------------------------------------------------------------------------------
// links
// -------------------------------------------------------------------------------------

const webUrlProblem = (s: string): string | undefined => {
  if (s.length > inputLimits.urlLength) {
    return `a link has at most ${thousands(inputLimits.urlLength)} characters; this one has ${thousands(s.length)}`
  }
  if (!isVisibleAscii(s)) {
    const space = /\s/.exec(s)
    if (space !== null) {
      return `a link may not contain white space; it has ${codePoint(space[0])} at character ${space.index + 1}`
    }
    const characters = characterProblem('a link', s, invisible)
    if (characters !== undefined) return characters
  }
  // With no white space or control character before it, the scheme is what the URL parser reads.
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s)?.[1]?.toLowerCase()
  if (scheme === undefined) return 'a link must be an absolute URL (https://...)'
  if (scheme !== 'https' && scheme !== 'http') {
    return `a link must be https: (or http: where the district allows it); this one is ${scheme}:`
  }
  if (!/^https?:\/\/[^/]/i.test(s)) return 'a link must start with https:// and a host'
  const authority = s.slice(scheme.length + 3).split(/[/?#\\]/, 1)[0] ?? ''
  if (authority.includes('@')) return 'a link may not carry a user name or a password (user@host)'
  return URL.canParse(s) ? undefined : 'a link must be an absolute URL (https://...)'
}

/**
 * A link that reports and badges render (evidence, capstone documentation, a badge's image, a
 * standard's page): an absolute `https:` or `http:` URL with a host, at most 2,048 characters, no
 * white space, control characters or credentials (`user@host`). `javascript:`, `data:`, `file:`
 * and every other scheme are refused. Whether `http:` is taken is the district's choice
 * (`allowHttpUrls` in its policy), checked where the policy is known (`isWebUrl`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { WebUrl } from 'microcred'
 * assert.equal(WebUrl.is('https://drive.lausd.net/plan.pdf'), true)
 * assert.equal(WebUrl.is('http://drive.lausd.net/plan.pdf'), true) // the policy decides
 * assert.equal(WebUrl.is('javascript:alert(1)'), false)
 * assert.equal(WebUrl.is('data:text/html,<script>alert(1)</script>'), false)
 * assert.equal(WebUrl.is('java\tscript:alert(1)'), false)
 */
export const WebUrl = checked(t.string, webUrlProblem, 'an https: link')

/** Options of `isWebUrl`. */
export interface WebUrlOptions {
  /** Whether `http:` links are taken (default: `false`, `https:` only). */
  readonly allowHttp?: boolean
}

/**
 * Whether `s` is a link a report or a badge may render: a `WebUrl`, and `https:` unless
 * `allowHttp`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { isWebUrl } from 'microcred'
 * assert.equal(isWebUrl('https://drive.lausd.net/plan.pdf'), true)
 * assert.equal(isWebUrl('http://drive.lausd.net/plan.pdf'), false)
 * assert.equal(isWebUrl('http://drive.lausd.net/plan.pdf', { allowHttp: true }), true)
 * assert.equal(isWebUrl('javascript:alert(1)', { allowHttp: true }), false)
 */
export const isWebUrl = (s: unknown, options: WebUrlOptions = {}): s is string =>
  WebUrl.is(s) && (options.allowHttp === true || /^https:/i.test(s))

// -------------------------------------------------------------------------------------
// exact objects and bounded lists
// -------------------------------------------------------------------------------------

/** At most this many unknown fields are named in one object's failure. */
const unknownFieldsShown = 5

/** No unknown enumerable field and no symbol key: the common case, without allocating keys. */
const onlyKnownFields = (u: object, known: ReadonlySet<string>): boolean => {
  for (const key in u) if (!known.has(key)) return false
  return Object.getOwnPropertySymbols(u).length === 0
}

/**
 * The unknown fields of `u` (at most 5). A field that is not enumerable is not data (JSON and
 * `structuredClone` leave it out, so no store keeps it); `decodedOnce` refuses those in commands.
 */
const unknownFields = (u: object, known: ReadonlySet<string>): Array<string | symbol> => {
  if (onlyKnownFields(u, known)) return []
  const found: Array<string | symbol> = []
  for (const key of Reflect.ownKeys(u)) {
    if (
      typeof key === 'symbol' ||
      (!known.has(key) && Object.prototype.propertyIsEnumerable.call(u, key))
    ) {
      found.push(key)
      if (found.length === unknownFieldsShown) break
    }
  }
  return found
}

const describeField = (key: string | symbol): string =>
  typeof key === 'symbol' ? 'a field keyed by a symbol' : `unknown field '${fieldName(key)}'`

/** The codec of an exact object: `required` fields, `optional` ones, and no other. */
export type ExactC<R extends t.Props, O extends t.Props> = t.Type<
  t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>,
  t.OutputOf<t.TypeC<R>> & t.OutputOf<t.PartialC<O>>,
  unknown
>

/**
 * An object with the `required` fields, the `optional` ones (absent or `undefined`, as io-ts's
 * `partial`), and no other: an unknown field, or a field keyed by a symbol, is refused with a
 * message naming it (`unknown field 'isAdmin'`), at the object's path. The guard (`is`) checks
 * the same, so nothing unknown passes either way.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeIssues, exact } from 'microcred'
 * const Educator = exact({ id: t.string, name: t.string }, { title: t.string }, 'Educator')
 * assert.equal(Educator.is({ id: 'e-1', name: 'Ana' }), true)
 * assert.equal(Educator.is({ id: 'e-1', name: 'Ana', title: 'Dr' }), true)
 * const admin = Educator.decode({ id: 'e-1', name: 'Ana', isAdmin: true })
 * assert.ok(E.isLeft(admin))
 * assert.deepEqual(decodeIssues(admin.left), [{ path: '(root)', message: "unknown field 'isAdmin'" }])
 */
export const exact = <R extends t.Props, O extends t.Props = Record<never, never>>(
  required: R,
  optional?: O,
  name?: string,
): ExactC<R, O> => {
  type A = t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>
  type Out = t.OutputOf<t.TypeC<R>> & t.OutputOf<t.PartialC<O>>
  // Both parts validate the object at its own path, so issues read `data.hours`, not
  // `data.0.hours` as under `t.intersection`.
  const must = t.type(required)
  const may = optional === undefined ? undefined : t.partial(optional)
  const known = new Set([...Object.keys(required), ...Object.keys(optional ?? {})])
  const isObject = (u: unknown): u is object => typeof u === 'object' && u !== null
  return new t.Type<A, Out, unknown>(
    name ?? must.name,
    (u): u is A =>
      must.is(u) &&
      (may === undefined || may.is(u)) &&
      unknownFields(u as object, known).length === 0,
    (u, c) => {
      const decoded = must.validate(u, c)
      // The common case: every field known, nothing optional to decode apart.
      if (E.isRight(decoded) && may === undefined && isObject(u) && onlyKnownFields(u, known)) {
        return decoded as t.Validation<A>
      }
      const decodedOptional = may === undefined || !isObject(u) ? undefined : may.validate(u, c)
      const extra = isObject(u) ? unknownFields(u, known) : []
      const errors = [
        ...(E.isLeft(decoded) ? decoded.left : []),
        ...(decodedOptional !== undefined && E.isLeft(decodedOptional) ? decodedOptional.left : []),
        ...extra.map((key) => ({ value: u, context: c, message: describeField(key) })),
      ]
      if (errors.length > 0 || E.isLeft(decoded)) return t.failures(errors)
      if (decodedOptional === undefined || E.isLeft(decodedOptional))
        return t.success(decoded.right as A)
      const [a, b] = [decoded.right, decodedOptional.right]
      return t.success((a === u && b === u ? u : { ...b, ...a }) as A)
    },
    must.encode === t.identity && (may === undefined || may.encode === t.identity)
      ? (t.identity as (a: A) => Out)
      : (a) => {
          const encoded = must.encode(a)
          return (may === undefined ? encoded : { ...may.encode(a), ...encoded }) as Out
        },
  )
}

/** Whether an array holds its items and nothing else (no named fields, no holes). */
const onlyItems = (a: ReadonlyArray<unknown>): boolean => Reflect.ownKeys(a).length === a.length + 1

/**
 * A list of at most `max` items (100 by default) of `item`, with no named fields beside its
 * items. The length is checked before any item, so a list of a million items costs one look.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import { list } from 'microcred'
 * const Roles = list(t.string, 3)
 * assert.equal(Roles.is(['educator']), true)
 * assert.equal(Roles.is(['a', 'b', 'c', 'd']), false) // more than 3
 * assert.equal(Roles.is(Object.assign(['a'], { isAdmin: true })), false) // a named field
 */
export const list = <C extends t.Mixed>(
  item: C,
  max: number = inputLimits.listLength,
  name = `a list of ${item.name}`,
): t.Type<Array<t.TypeOf<C>>, Array<t.OutputOf<C>>, unknown> => {
  const base = t.array(item)
  return new t.Type(
    name,
    (u): u is Array<t.TypeOf<C>> =>
      Array.isArray(u) && u.length <= max && onlyItems(u) && base.is(u),
    (u, c) => {
      if (!Array.isArray(u)) return base.validate(u, c)
      if (u.length > max) {
        return t.failure(
          u,
          c,
          `a list has at most ${max} items; this one has ${thousands(u.length)}`,
        )
      }
      if (!onlyItems(u)) return t.failure(u, c, 'a list may hold its items only (no named fields)')
      return base.validate(u, c)
    },
    base.encode,
  )
}

/**
 * A record from `key` (an id codec) to `value` with at most `max` entries (100 by default), and
 * no field keyed by a symbol. Its keys are checked like its values, each at its own path: a NUL
 * or an `Object.prototype` name as a key is refused, not dropped (io-ts's `record` drops keys
 * its domain refuses).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import { Id, boundedRecord } from 'microcred'
 * const Scores = boundedRecord(Id, t.number, 2)
 * assert.equal(Scores.is({ planning: 3 }), true)
 * assert.equal(Scores.is({ a: 1, b: 2, c: 3 }), false) // more than 2
 * assert.equal(Scores.is(JSON.parse('{"__proto__": 3}')), false)
 */
export const boundedRecord = <K extends t.Type<string, string, unknown>, V extends t.Mixed>(
  key: K,
  value: V,
  max: number = inputLimits.listLength,
  name = `{ [${key.name}]: ${value.name} }`,
): t.Type<Record<string, t.TypeOf<V>>, Record<string, t.OutputOf<V>>, unknown> => {
  type A = Record<string, t.TypeOf<V>>
  const symbols = (u: object) => Object.getOwnPropertySymbols(u).length > 0
  return new t.Type<A, Record<string, t.OutputOf<V>>, unknown>(
    name,
    (u): u is A => {
      if (!t.UnknownRecord.is(u) || symbols(u)) return false
      const keys = Object.keys(u)
      return keys.length <= max && keys.every((k) => key.is(k) && value.is(u[k]))
    },
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c)
      const keys = Object.keys(u)
      // The common case, without a context per entry: every key and value valid as it is.
      if (keys.length <= max && keys.every((k) => key.is(k) && value.is(u[k])) && !symbols(u)) {
        return t.success(u as A)
      }
      if (keys.length > max) {
        return t.failure(u, c, `at most ${max} entries; this one has ${thousands(keys.length)}`)
      }
      if (symbols(u)) return t.failure(u, c, 'a field keyed by a symbol')
      const errors: t.ValidationError[] = []
      const entries: Array<[string, unknown]> = []
      let changed = false
      for (const k of keys) {
        const item = u[k]
        const decodedKey = key.validate(k, t.appendContext(c, k, key, k))
        const decodedValue = value.validate(item, t.appendContext(c, k, value, item))
        if (E.isLeft(decodedKey)) errors.push(...decodedKey.left)
        if (E.isLeft(decodedValue)) errors.push(...decodedValue.left)
        if (E.isRight(decodedKey) && E.isRight(decodedValue)) {
          changed ||= decodedKey.right !== k || decodedValue.right !== item
          entries.push([decodedKey.right, decodedValue.right])
        }
      }
      if (errors.length > 0) return t.failures(errors)
      // `Object.fromEntries` defines own entries: no key can set the copy's prototype.
      return t.success((changed ? Object.fromEntries(entries) : u) as A)
    },
    value.encode === t.identity
      ? (t.identity as (a: A) => Record<string, t.OutputOf<V>>)
      : (a) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, value.encode(v)])),
  )
}
