/**
 * Codec building blocks shared by every module: refined strings and numbers that keep their plain
 * TypeScript types, a tagged-union codec that picks its member by `type` before decoding, and the
 * readable path reporter used wherever input crosses a boundary.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { deepFreeze } from './freeze.js'
import { fieldName, quoted, shortened } from './escape.js'

// The input codecs are the codecs' building blocks too: reachable from here, as they were.
export {
  boundedRecord,
  checked,
  exact,
  Id,
  idProblem,
  inputLimits,
  isWebUrl,
  list,
  NonEmptyText,
  quoted,
  Text,
  textProblem,
  WebUrl,
  type ExactC,
  type WebUrlOptions,
} from './input.js'

// -------------------------------------------------------------------------------------
// refinements
// -------------------------------------------------------------------------------------

/**
 * A codec that accepts the values of `base` that satisfy `predicate`, keeping `base`'s type
 * (no brand), so plain literals type-check where these codecs are used.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import { refine } from 'microcred'
 * const Even = refine(t.number, (n) => n % 2 === 0, 'an even number')
 * assert.equal(Even.is(4), true)
 * assert.equal(Even.is(3), false)
 * assert.equal(Even.is('4'), false) // the base codec comes first
 */
export const refine = <A, O>(
  base: t.Type<A, O, unknown>,
  predicate: (a: A) => boolean,
  name: string,
): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    name,
    (u): u is A => base.is(u) && predicate(u),
    (u, c) => {
      const decoded = base.validate(u, c)
      if (E.isLeft(decoded)) return decoded
      return predicate(decoded.right) ? decoded : t.failure(u, c)
    },
    base.encode,
  )

/** Whether `s` has a character that is not white space: a look at the first, else `trim`. */
const hasNonBlank = (s: string): boolean => {
  const first = s.charCodeAt(0)
  return (first > 0x20 && first < 0x7f) || s.trim().length > 0
}

/**
 * A string with at least one non-blank character, of any length and any characters: for values
 * the library makes or has checked already. Input from outside is checked with `Id`,
 * `NonEmptyText` or `Text`, which are bounded and well-formed.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { NonEmptyString } from 'microcred'
 * assert.equal(NonEmptyString.is('steam'), true)
 * assert.equal(NonEmptyString.is('  '), false)
 */
export const NonEmptyString = refine(t.string, hasNonBlank, 'a non-empty string')

/**
 * An absolute URL (`https://...`, `urn:...`, `did:...`): what Open Badges requires of links.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Url } from 'microcred'
 * assert.equal(Url.is('https://achieve.lausd.net/microcred'), true)
 * assert.equal(Url.is('achieve.lausd.net/microcred'), false) // not absolute
 */
export const Url = refine(t.string, (s) => URL.canParse(s), 'an absolute URL')

/** The digit at `i` of `s` as a number, or -1 where there is no digit. */
const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : -1
}

/** The two digits at `i` of `s` as a number, or -1. */
const twoDigits = (s: string, i: number): number => {
  const tens = digit(s, i)
  const units = digit(s, i + 1)
  return tens < 0 || units < 0 ? -1 : tens * 10 + units
}

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

const DASH = 0x2d // -
const DOT = 0x2e // .
const COLON = 0x3a // :
const PLUS = 0x2b // +
const T = 0x54 // T
const Z = 0x5a // Z

/**
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|+HH:MM|-HH:MM)` naming a real moment: a day that exists in
 * its month, hours 00-23, minutes and seconds 00-59, up to 9 fraction digits, an offset within
 * ±23:59. Read character by character: every event carries one, so decoding a log runs this a
 * million times (a regular expression and `Date.parse` took four times as long, and `Date.parse`
 * also takes February 30).
 */
const isIsoDateTime = (s: string): boolean => {
  if (s.length < 17) return false
  if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || s.charCodeAt(10) !== T) return false
  if (s.charCodeAt(13) !== COLON) return false
  const century = twoDigits(s, 0)
  const yearOfCentury = twoDigits(s, 2)
  const month = twoDigits(s, 5)
  const day = twoDigits(s, 8)
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return false
  if (day > daysInMonth(century * 100 + yearOfCentury, month)) return false
  const hour = twoDigits(s, 11)
  const minute = twoDigits(s, 14)
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false
  let at = 16
  if (s.charCodeAt(at) === COLON) {
    const second = twoDigits(s, at + 1)
    if (second < 0 || second > 59) return false
    at += 3
    if (s.charCodeAt(at) === DOT) {
      let end = at + 1
      while (digit(s, end) >= 0) end++
      const fractionDigits = end - at - 1
      if (fractionDigits < 1 || fractionDigits > 9) return false
      at = end
    }
  }
  const zone = s.charCodeAt(at)
  if (zone === Z) return at + 1 === s.length
  if (zone !== PLUS && zone !== DASH) return false
  if (at + 6 !== s.length || s.charCodeAt(at + 3) !== COLON) return false
  const offsetHours = twoDigits(s, at + 1)
  const offsetMinutes = twoDigits(s, at + 4)
  return offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59
}

/**
 * An ISO-8601 date-time with a time zone, such as `2026-09-14T16:00:00Z`: a day that exists, a
 * time from 00:00 to 23:59:59, seconds and their fraction optional, `Z` or an offset.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { IsoDateTime } from 'microcred'
 * assert.equal(IsoDateTime.is('2026-09-14T16:00:00Z'), true)
 * assert.equal(IsoDateTime.is('2026-09-14T09:00-07:00'), true)
 * assert.equal(IsoDateTime.is('2026-09-14'), false) // a date-time needs a time and a zone
 * assert.equal(IsoDateTime.is('2026-02-30T09:00:00Z'), false) // February has no 30th
 */
export const IsoDateTime = refine(
  t.string,
  isIsoDateTime,
  'an ISO-8601 date-time with a zone (2026-09-14T16:00:00Z)',
)

/**
 * A finite number greater than or equal to zero.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { NonNegativeNumber } from 'microcred'
 * assert.equal(NonNegativeNumber.is(0), true)
 * assert.equal(NonNegativeNumber.is(-0.5), false)
 * assert.equal(NonNegativeNumber.is(Infinity), false)
 */
export const NonNegativeNumber = refine(
  t.number,
  (n) => Number.isFinite(n) && n >= 0,
  'a number >= 0',
)

/**
 * A finite number greater than zero.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PositiveNumber } from 'microcred'
 * assert.equal(PositiveNumber.is(0.25), true)
 * assert.equal(PositiveNumber.is(0), false)
 */
export const PositiveNumber = refine(t.number, (n) => Number.isFinite(n) && n > 0, 'a number > 0')

/**
 * A whole number greater than or equal to zero.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { NonNegativeInteger } from 'microcred'
 * assert.equal(NonNegativeInteger.is(3), true)
 * assert.equal(NonNegativeInteger.is(0), true)
 * assert.equal(NonNegativeInteger.is(1.5), false)
 */
export const NonNegativeInteger = refine(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  'a whole number >= 0',
)

/**
 * A whole number greater than zero.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PositiveInteger } from 'microcred'
 * assert.equal(PositiveInteger.is(1), true)
 * assert.equal(PositiveInteger.is(0), false)
 * assert.equal(PositiveInteger.is(2.5), false)
 */
export const PositiveInteger = refine(
  t.number,
  (n) => Number.isSafeInteger(n) && n > 0,
  'a whole number > 0',
)

// -------------------------------------------------------------------------------------
// tagged unions
// -------------------------------------------------------------------------------------

/**
 * The codec of a message `{ type, data }`: every command and event has this shape.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import { message } from 'microcred'
 * const Ping = message('Ping', t.type({ at: t.string }))
 * assert.equal(Ping.is({ type: 'Ping', data: { at: 'now' } }), true)
 * assert.equal(Ping.is({ type: 'Pong', data: { at: 'now' } }), false)
 */
export const message = <K extends string, D extends t.Mixed>(type: K, data: D) =>
  t.type({ type: t.literal(type), data }, type)

/** The members of a tagged union, keyed by their `type`. */
export type TaggedUnionMembers = Record<string, t.Mixed>

/** How a `taggedUnion` decodes. */
export interface TaggedUnionOptions {
  /** Deeply freeze what it decodes (the input value itself, when valid). Off by default. */
  readonly frozen?: boolean
}

const frozenSuccess = <A>(value: A): t.Validation<A> => t.success(deepFreeze(value))

/**
 * A union of `{ type, data }` codecs that reads `type` first and decodes with that member only,
 * so a decode costs one member's work and a failure names that member's path.
 *
 * With `{ frozen: true }` a decoded value is deeply frozen: for facts (events), which the states
 * folded from them share. A valid input decodes to itself, as io-ts's plain codecs do, so it is
 * the input that is frozen; a value that does not decode is left as it was. Freezing here, while
 * the decode has just read every part, spares the folds from touching each shared part again
 * later (see docs/benchmarks.md for what it costs and saves).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { formatIssues, decodeIssues, message, taggedUnion } from 'microcred'
 * const Signal = taggedUnion('Signal', {
 *   Ping: message('Ping', t.type({})),
 *   Pong: message('Pong', t.type({ delay: t.number })),
 * })
 * assert.equal(Signal.is({ type: 'Pong', data: { delay: 3 } }), true)
 * const wrong = Signal.decode({ type: 'Pong', data: { delay: 'soon' } })
 * assert.ok(E.isLeft(wrong))
 * assert.equal(formatIssues(decodeIssues(wrong.left)), 'at data.delay: expected number, got "soon"')
 * const Fact = taggedUnion('Fact', { Pong: Signal.members.Pong }, { frozen: true })
 * const pong = { type: 'Pong', data: { delay: 3 } }
 * const decoded = Fact.decode(pong)
 * assert.ok(E.isRight(decoded))
 * assert.equal(decoded.right, pong) // the input itself...
 * assert.ok(Object.isFrozen(pong.data)) // ...deeply frozen
 */
export const taggedUnion = <M extends TaggedUnionMembers>(
  name: string,
  members: M,
  options: TaggedUnionOptions = {},
): t.Type<t.TypeOf<M[keyof M]>, t.OutputOf<M[keyof M]>, unknown> & { readonly members: M } => {
  const decoded = options.frozen === true ? frozenSuccess : t.success
  const types = Object.keys(members)
  const tag = t.keyof(Object.fromEntries(types.map((k) => [k, null])), types.join(' | '))
  const byType = new Map<unknown, t.Mixed>(Object.entries(members))
  const memberOf = (u: unknown): t.Mixed | undefined =>
    typeof u === 'object' && u !== null ? byType.get((u as { type?: unknown }).type) : undefined
  const codec = new t.Type<t.TypeOf<M[keyof M]>, t.OutputOf<M[keyof M]>, unknown>(
    name,
    (u): u is t.TypeOf<M[keyof M]> => memberOf(u)?.is(u) ?? false,
    (u, c) => {
      const member = memberOf(u)
      // The guard allocates no context: a valid value (the common case) is returned as it is,
      // and only invalid input pays for `validate`, which names the failing paths.
      if (member !== undefined) {
        if (member.is(u)) return decoded(u)
        const validated = member.validate(u, c)
        return E.isRight(validated) ? decoded(validated.right) : validated
      }
      if (typeof u !== 'object' || u === null) return t.failure(u, c, `expected ${name}`)
      const type: unknown = (u as { type?: unknown }).type
      return t.failure(type, t.appendContext(c, 'type', tag, type))
    },
    (a) => (memberOf(a) as t.Mixed).encode(a),
  )
  return Object.assign(codec, { members })
}

// -------------------------------------------------------------------------------------
// decoded once
// -------------------------------------------------------------------------------------

/** At most this many fields are looked at to tell whether a value is plain data. */
const plainDataBudget = 100_000

/**
 * Why `u` is not plain data, or `undefined`: a field keyed by a symbol, a getter or setter
 * (which could answer a check with one value and a copy with another), or more fields than any
 * command has. Looks at property descriptors only: no getter runs.
 */
const notPlainData = (u: unknown): string | undefined => {
  const seen = new Set<object>()
  let budget = plainDataBudget
  const walk = (value: unknown, path: string): string | undefined => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return undefined
    seen.add(value)
    for (const key of Reflect.ownKeys(value)) {
      if (--budget < 0) return `more than ${plainDataBudget} fields`
      if (typeof key === 'symbol') return `a field keyed by a symbol at ${path}`
      const field = path === '(root)' ? fieldName(key) : `${path}.${fieldName(key)}`
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key)
      if (descriptor === undefined) continue
      if (descriptor.get !== undefined || descriptor.set !== undefined) {
        return `a getter or setter at ${field}`
      }
      const found = walk(descriptor.value, field)
      if (found !== undefined) return found
    }
    return undefined
  }
  return walk(u, '(root)')
}

/**
 * A codec whose decoded values are owned and trusted: each is a deeply frozen copy of the input,
 * sharing nothing the caller holds, and the codec remembers it, so decoding it again is a lookup.
 * Commands and their context are decoded this way: the boundary (`handleCommand`) decodes once,
 * and `decide`, which checks its own input for callers that come to it directly, finds the value
 * already decoded. A frozen copy cannot change after it was checked, so trusting it is sound.
 *
 * Only plain data decodes: a field keyed by a symbol, a getter or setter, a function or any value
 * `structuredClone` cannot copy is refused, and so is a value that throws when it is read (a
 * proxy): the codec never throws. It is the copy that is checked, so what was checked is what is
 * trusted.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodedOnce } from 'microcred'
 * const Hours = decodedOnce(t.type({ hours: t.number }))
 * const input = { hours: 3 }
 * const decoded = Hours.decode(input)
 * assert.ok(E.isRight(decoded))
 * assert.notEqual(decoded.right, input) // a copy the caller does not hold
 * assert.ok(Object.isFrozen(decoded.right))
 * assert.equal(E.getOrElseW(() => null)(Hours.decode(decoded.right)), decoded.right)
 * const getter = Object.defineProperty({}, 'hours', { get: () => 3, enumerable: true })
 * assert.ok(E.isLeft(Hours.decode(getter)))
 */
export const decodedOnce = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> => {
  const trusted = new WeakSet<object>()
  const decodeOwned = (u: unknown, c: t.Context): t.Validation<A> => {
    const problem = notPlainData(u)
    if (problem !== undefined) return t.failure(u, c, `expected plain data, got ${problem}`)
    const copy = E.tryCatch(
      () => structuredClone(u),
      () => undefined,
    )
    if (E.isLeft(copy)) {
      // Something that is not data (a function, a symbol): the codec names where, if it can.
      const decoded = codec.validate(u, c)
      return E.isLeft(decoded)
        ? decoded
        : t.failure(u, c, 'expected plain data, got a value that cannot be copied as data')
    }
    const decoded = codec.validate(copy.right, c)
    if (E.isLeft(decoded)) return decoded
    const owned = deepFreeze(decoded.right)
    if (typeof owned === 'object' && owned !== null) trusted.add(owned)
    return t.success(owned)
  }
  return new t.Type<A, O, unknown>(
    codec.name,
    (u): u is A =>
      E.getOrElse(() => false)(
        E.tryCatch(
          () => notPlainData(u) === undefined && codec.is(u),
          () => false,
        ),
      ),
    (u, c) => {
      if (typeof u === 'object' && u !== null && trusted.has(u)) return t.success(u as A)
      // Reading hostile input may throw (a proxy): that is a value that does not decode.
      return E.getOrElse(() =>
        t.failure<A>(u, c, 'expected plain data, got a value that throws when it is read'),
      )(
        E.tryCatch(
          () => decodeOwned(u, c),
          () => undefined,
        ),
      )
    },
    codec.encode,
  )
}

// -------------------------------------------------------------------------------------
// reporting
// -------------------------------------------------------------------------------------

/** One reason a value did not decode: where, and what was expected there. */
export interface DecodeIssue {
  /** Dotted path from the root of the value, such as `data.program.courses.1.title`. */
  readonly path: string
  /** What was expected and what was found. */
  readonly message: string
}

/** A short, escaped picture of a value from outside; never throws, never shows it whole. */
const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return quoted(value, 57)
  if (typeof value === 'bigint') return `a BigInt (${quoted(String(value), 20)})`
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`
  const json = E.tryCatch(
    () => JSON.stringify(value) as string | undefined,
    () => undefined,
  )
  if (E.isLeft(json) || json.right === undefined) return `an ${typeof value} that is not data`
  return shortened(json.right, 57)
}

/** At most this many issues are reported for one value. */
const maxIssues = 50

const isWrapper = (type: t.Decoder<unknown, unknown>) =>
  type instanceof t.UnionType || type instanceof t.IntersectionType

/**
 * Turns io-ts errors into issues with dotted paths and plain messages, one per failing place
 * (at most 50). Values and field names from the input are shown escaped and cut short.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeIssues } from 'microcred'
 * const result = t.type({ hours: t.number }).decode({ hours: 'two' })
 * assert.ok(E.isLeft(result))
 * assert.deepEqual(decodeIssues(result.left), [{ path: 'hours', message: 'expected number, got "two"' }])
 */
export const decodeIssues = (errors: t.Errors): ReadonlyArray<DecodeIssue> => {
  const seen = new Set<string>()
  const issues: DecodeIssue[] = []
  for (const error of errors) {
    if (issues.length === maxIssues) break
    const keys: string[] = []
    error.context.forEach((entry, i) => {
      const parent = error.context[i - 1]
      if (entry.key !== '' && (parent === undefined || !isWrapper(parent.type)))
        keys.push(fieldName(entry.key))
    })
    const last = error.context[error.context.length - 1]
    const path = keys.join('.')
    const message =
      error.message ?? `expected ${last?.type.name ?? 'a value'}, got ${describe(error.value)}`
    const key = `${path}\u0000${message}`
    if (!seen.has(key)) {
      seen.add(key)
      issues.push({ path: path === '' ? '(root)' : path, message })
    }
  }
  return issues
}

/**
 * One line per issue: `at data.hours: expected a number > 0, got -1`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { formatIssues } from 'microcred'
 * const issues = [
 *   { path: 'data.hours', message: 'expected a number > 0, got -1' },
 *   { path: 'data.at', message: 'expected an ISO-8601 date-time, got "soon"' },
 * ]
 * assert.equal(
 *   formatIssues(issues),
 *   'at data.hours: expected a number > 0, got -1; at data.at: expected an ISO-8601 date-time, got "soon"',
 * )
 */
export const formatIssues = (issues: ReadonlyArray<DecodeIssue>): string =>
  issues.map((issue) => `at ${issue.path}: ${issue.message}`).join('; ')
