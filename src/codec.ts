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

// -------------------------------------------------------------------------------------
// refinements
// -------------------------------------------------------------------------------------

/**
 * A codec that accepts the values of `base` that satisfy `predicate`, keeping `base`'s type
 * (no brand), so plain literals type-check where these codecs are used.
 *
 * @example
 * import * as t from 'io-ts'
 * import { refine } from 'microcred'
 * const Even = refine(t.number, (n) => n % 2 === 0, 'an even number')
 * Even.is(4) // true
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

/**
 * A string with at least one non-blank character.
 *
 * @example
 * import { NonEmptyString } from 'microcred'
 * NonEmptyString.is('steam') // true
 * NonEmptyString.is('  ') // false
 */
export const NonEmptyString = refine(t.string, (s) => s.trim().length > 0, 'a non-empty string')

/**
 * An absolute URL (`https://...`, `urn:...`, `did:...`): what Open Badges requires of links.
 *
 * @example
 * import { Url } from 'microcred'
 * Url.is('https://achieve.lausd.net/microcred') // true
 */
export const Url = refine(t.string, (s) => URL.canParse(s), 'an absolute URL')

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * An ISO-8601 date-time with a time zone, such as `2026-09-14T16:00:00Z`.
 *
 * @example
 * import { IsoDateTime } from 'microcred'
 * IsoDateTime.is('2026-09-14T16:00:00Z') // true
 * IsoDateTime.is('2026-09-14') // false: a date-time needs a time and a zone
 */
export const IsoDateTime = refine(
  t.string,
  (s) => isoDateTime.test(s) && !Number.isNaN(Date.parse(s)),
  'an ISO-8601 date-time with a zone (2026-09-14T16:00:00Z)',
)

/**
 * A finite number greater than or equal to zero.
 *
 * @example
 * import { NonNegativeNumber } from 'microcred'
 * NonNegativeNumber.is(0) // true
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
 * import { PositiveNumber } from 'microcred'
 * PositiveNumber.is(0.25) // true
 */
export const PositiveNumber = refine(t.number, (n) => Number.isFinite(n) && n > 0, 'a number > 0')

/**
 * A whole number greater than or equal to zero.
 *
 * @example
 * import { NonNegativeInteger } from 'microcred'
 * NonNegativeInteger.is(3) // true
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
 * import { PositiveInteger } from 'microcred'
 * PositiveInteger.is(1) // true
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
 * import * as t from 'io-ts'
 * import { message } from 'microcred'
 * const Ping = message('Ping', t.type({ at: t.string }))
 * Ping.is({ type: 'Ping', data: { at: 'now' } }) // true
 */
export const message = <K extends string, D extends t.Mixed>(type: K, data: D) =>
  t.type({ type: t.literal(type), data }, type)

/** The members of a tagged union, keyed by their `type`. */
type Members = Record<string, t.Mixed>

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
 * import * as t from 'io-ts'
 * import { message, taggedUnion } from 'microcred'
 * const Signal = taggedUnion('Signal', {
 *   Ping: message('Ping', t.type({})),
 *   Pong: message('Pong', t.type({ delay: t.number })),
 * })
 * Signal.is({ type: 'Pong', data: { delay: 3 } }) // true
 * const Fact = taggedUnion('Fact', { Pong: Signal.members.Pong }, { frozen: true })
 * const pong = { type: 'Pong', data: { delay: 3 } }
 * Fact.decode(pong)
 * Object.isFrozen(pong.data) // true
 */
export const taggedUnion = <M extends Members>(
  name: string,
  members: M,
  options: TaggedUnionOptions = {},
): t.Type<t.TypeOf<M[keyof M]>, t.OutputOf<M[keyof M]>, unknown> & { readonly members: M } => {
  const decoded = options.frozen === true ? frozenSuccess : t.success
  const types = Object.keys(members)
  const tag = t.keyof(Object.fromEntries(types.map((k) => [k, null])), types.join(' | '))
  const memberOf = (u: unknown): t.Mixed | undefined => {
    if (typeof u !== 'object' || u === null) return undefined
    const type: unknown = (u as { type?: unknown }).type
    return typeof type === 'string' && Object.hasOwn(members, type) ? members[type] : undefined
  }
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
// reporting
// -------------------------------------------------------------------------------------

/** One reason a value did not decode: where, and what was expected there. */
export interface DecodeIssue {
  /** Dotted path from the root of the value, such as `data.program.courses.1.title`. */
  readonly path: string
  /** What was expected and what was found. */
  readonly message: string
}

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  const json = JSON.stringify(value)
  if (json === undefined) return typeof value
  return json.length > 60 ? `${json.slice(0, 57)}...` : json
}

const isWrapper = (type: t.Decoder<unknown, unknown>) =>
  type instanceof t.UnionType || type instanceof t.IntersectionType

/**
 * Turns io-ts errors into issues with dotted paths and plain messages, one per failing place.
 *
 * @example
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeIssues } from 'microcred'
 * const result = t.type({ hours: t.number }).decode({ hours: 'two' })
 * if (E.isLeft(result)) decodeIssues(result.left)
 * // [{ path: 'hours', message: 'expected number, got "two"' }]
 */
export const decodeIssues = (errors: t.Errors): ReadonlyArray<DecodeIssue> => {
  const seen = new Set<string>()
  const issues: DecodeIssue[] = []
  for (const error of errors) {
    const keys: string[] = []
    error.context.forEach((entry, i) => {
      const parent = error.context[i - 1]
      if (entry.key !== '' && (parent === undefined || !isWrapper(parent.type)))
        keys.push(entry.key)
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
 * import { formatIssues } from 'microcred'
 * formatIssues([{ path: 'data.hours', message: 'expected a number > 0, got -1' }])
 * // 'at data.hours: expected a number > 0, got -1'
 */
export const formatIssues = (issues: ReadonlyArray<DecodeIssue>): string =>
  issues.map((issue) => `at ${issue.path}: ${issue.message}`).join('; ')
