/**
 * The fast paths of issue 15 (part 4, second pass) answer as the straightforward code they
 * replaced, kept in `test/badge/reference/` as oracles: the plain JSON copy, the check of what
 * `JSON.parse` made (not copied), the canonical base64url test of a JWT's parts.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { hostileValueArbitrary } from 'microcred/testing'
import { describe, expect, it } from 'vitest'
import { parsedJsonObject, plainJson, plainJsonObject } from '../../src/badge/json.js'
import { isCanonicalBase64url } from '../../src/badge/jwt.js'
import { plainJson as referencePlainJson } from './reference/json.js'

/** The reference `plainJsonObject`: the reference copy, which must be an object. */
const referencePlainJsonObject = (value: unknown) => {
  const copied = referencePlainJson(value)
  if (E.isLeft(copied)) return copied
  const object = copied.right
  return typeof object === 'object' && object !== null && !Array.isArray(object)
    ? E.right(object)
    : E.left({ kind: 'notData', path: '(root)', problem: 'not a JSON object' })
}

/** Values that are not JSON data, in every way `plainJson` tells apart. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileValueArbitrary().filter((value) => typeof value !== 'string' || value.length < 1000),
  fc.constantFrom(
    JSON.parse('{"__proto__": {"isAdmin": true}}'),
    Object.defineProperty({}, 'x', { get: () => 1, enumerable: true }),
    Object.defineProperty({}, 'x', { value: 1, enumerable: false }),
    Object.defineProperty([1, 2], 0, { get: () => 1, enumerable: true }),
    { [Symbol('s')]: 1 },
    Object.create(null),
    Object.create({ inherited: 1 }),
    new Date(0),
    new Map(),
    // eslint-disable-next-line no-sparse-arrays
    [1, , 3],
    Object.assign([1], { named: true }),
    new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap')
        },
      },
    ),
  ),
)

/** JSON-like values with odd values anywhere, nested up to 70 levels at times. */
const valueArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue(),
    oddValue,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', '0', '1', 'id')),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value

const nested = (depth: number, inner: unknown): unknown =>
  depth === 0 ? inner : { a: [nested(depth - 1, inner)] }

describe('plainJson answers as the descriptor-by-descriptor copy it replaced', () => {
  it('for any value: the same copy, or the same first problem at the same path', () => {
    fc.assert(
      fc.property(valueArbitrary, (value) => {
        expect(plainJson(value)).toEqual(referencePlainJson(value))
      }),
      { numRuns: 2000 },
    )
  })

  it('at the limits: depth 64, 200,000 values, a cycle', () => {
    const cycle: Record<string, unknown> = { a: 1 }
    cycle['self'] = { again: cycle }
    const many = Array.from({ length: 200_000 }, () => 0)
    for (const value of [nested(31, 1), nested(32, 1), nested(40, 'x'), cycle, many, [many]])
      expect(plainJson(value)).toEqual(referencePlainJson(value))
  })
})

/** JSON texts: any JSON, with `__proto__` members, numbers out of range, deep nesting. */
const jsonTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify({ value })),
  fc
    .tuple(fc.jsonValue(), fc.jsonValue(), fc.constantFrom('__proto__', '__pro\\u0074o__', 'a'))
    .map(([a, b, name]) => `{"x": ${JSON.stringify(a)}, "${name}": ${JSON.stringify(b)}}`),
  fc
    .tuple(fc.jsonValue(), fc.constantFrom('1e999', '-1e999', '1e308', '0', '-0'))
    .map(([a, n]) => `{"x": [${JSON.stringify(a)}, ${n}], "y": {"z": ${n}}}`),
  fc
    .tuple(fc.integer({ min: 0, max: 70 }), fc.constantFrom('1', '"s"', '{}', '[]', '1e999'))
    .map(([depth, inner]) => JSON.stringify(nested(depth, '\u0000')).replace('"\\u0000"', inner)),
)

describe("a JWT's parts and JSON text: what JSON.parse made is checked, not copied", () => {
  it('parsedJsonObject answers as plainJsonObject for any JSON text', () => {
    fc.assert(
      fc.property(jsonTextArbitrary, (text) => {
        const parsed: unknown = JSON.parse(text)
        const expected = referencePlainJsonObject(parsed)
        expect(parsedJsonObject(parsed)).toEqual(expected)
        expect(plainJsonObject(parsed)).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })

  it('at the limits: 200,000 values and one more', () => {
    for (const count of [199_999, 200_000]) {
      const parsed: unknown = JSON.parse(`{"a": [${'0,'.repeat(count - 2)}0]}`)
      expect(parsedJsonObject(parsed)).toEqual(referencePlainJsonObject(parsed))
    }
  })

  it('isCanonicalBase64url is "decoding then encoding gives the same text", for any digits', () => {
    const digit = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
    )
    fc.assert(
      fc.property(fc.string({ unit: digit, maxLength: 40 }), (part) => {
        const roundTrip = Buffer.from(part, 'base64url').toString('base64url') === part
        expect(isCanonicalBase64url(part)).toBe(roundTrip)
      }),
      { numRuns: 5000 },
    )
  })
})
