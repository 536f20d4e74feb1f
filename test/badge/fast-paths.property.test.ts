/**
 * The fast paths of issue 15 (part 4, second pass) answer as the straightforward code they
 * replaced, kept in `test/badge/reference/` as oracles: the plain JSON copy, the check of what
 * `JSON.parse` made (not copied), the canonical base64url test of a JWT's parts, the link checks
 * (one URL parse, a path stack), the shape text of the context step (written as it is read), and
 * imported keys found again by the JWK object (while it holds the same members).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { catalog } from 'microcred'
import { hostileValueArbitrary } from 'microcred/testing'
import { describe, expect, it } from 'vitest'
import { shapeText } from '../../src/badge/expansion-shapes.js'
import { parsedJsonObject, plainJson, plainJsonObject } from '../../src/badge/json.js'
import { isCanonicalBase64url, parseJwt, readJwt } from '../../src/badge/jwt.js'
import type { Jwk } from '../../src/badge/keys.js'
import { linkProblem, unsafeLinks, type LinkRole } from '../../src/badge/links.js'
import { badgeOf, earnedJourney } from './helpers.js'
import { plainJson as referencePlainJson } from './reference/json.js'
import {
  looksLikeJwt as referenceLooksLikeJwt,
  parseJwt as referenceParseJwt,
} from './reference/jwt.js'
import {
  linkProblem as referenceLinkProblem,
  unsafeLinks as referenceUnsafeLinks,
} from './reference/links.js'
import { shapeText as referenceShapeText } from './reference/shapes.js'

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

/** Strings that are, or are almost, links, IRIs, terms and keywords. */
const tricky: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '@id',
    '@type',
    '@foo',
    '_:b0',
    '_:b 0',
    ':x',
    'x',
    'Achievement',
    'NoSuchType',
    'q/w:e/../../r:t',
    'urn:uuid:1 2',
    'http:/x',
    'https://',
    'https://a b.org/x',
    'https://achieve.lausd.net@evil.example.org/',
    'https://user:pw@achieve.lausd.net/x',
    'https://achieve.lausd.net/x@y',
    'https://achieve.lausd.net/x?at=@',
    'https://achieve.lausd.net/#@',
    'https://achieve.lausd.net\\@evil.example.org/',
    'https://achieve.lausd.net%40evil.example.org/',
    'https://achieve\uff20evil.example.org/',
    'https://@achieve.lausd.net/',
    'https://:@achieve.lausd.net/',
    'HTTP://user@ACHIEVE.LAUSD.NET',
    'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
    'javascript:alert(1)',
    'data:image/png;base64,iVBORw0KGgo=',
    'data:image/svg+xml;base64,PHN2Zz4=',
    'xsd:string',
    '2027-05-01T16:00:00Z',
  ),
  fc.string({ maxLength: 12 }),
  fc.webUrl({
    withQueryParameters: true,
    withFragments: true,
    authoritySettings: { withUserInfo: true },
  }),
  fc
    .tuple(
      fc.constantFrom('https:', 'http:', 'HTTPS:', 'urn:', 'did:', 'data:', '_:', 'x:'),
      fc.constantFrom('', '//', '///', '//user@', '//user:pw@', '//a@b@'),
      fc.string({ maxLength: 10 }),
      fc.constantFrom('', '@', '/@', '?@', '#@', ' ', '\u0000'),
    )
    .map((parts) => parts.join('')),
)

const badges = [
  badgeOf(earnedJourney(catalog.steam, 21), { salt: '0f0f0f0f0f0f0f0f' }),
  badgeOf(earnedJourney(catalog.englishLearner, 22), { salt: '1e1e1e1e1e1e1e1e' }),
]

type Path = ReadonlyArray<string | number>

/** The path of every value in a JSON value. */
const pathsOf = (value: unknown, path: Path = []): Path[] => {
  if (value === null || typeof value !== 'object') return [path]
  const entries = Array.isArray(value)
    ? value.map((item, i) => [i, item] as const)
    : Object.entries(value)
  return [path, ...entries.flatMap(([key, item]) => pathsOf(item, [...path, key]))]
}

/** `value` with the value at `path` replaced by what `f` makes of it. */
const changedAt = (value: unknown, path: Path, f: (old: unknown) => unknown): unknown => {
  if (path.length === 0) return f(value)
  const [key, ...rest] = path as [string | number, ...Path]
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >
  copy[key] = changedAt(copy[key], rest, f)
  return copy
}

/** A change: a value replaced, or a member added (to an object; else the value replaced). */
const changeArbitrary = fc.record({
  at: fc.nat(),
  member: fc.oneof(
    tricky,
    fc.constantFrom('id', 'type', 'image', 'url', 'targetUrl', 'criteria', 'evidence', '@context'),
    fc.constantFrom('verificationMethod', 'name', '@vocab', '@id', '__proto__', 'narrative'),
  ),
  value: fc.oneof(
    tricky,
    tricky.map((text) => ({ id: text })),
    tricky.map((text) => [text, { id: text, type: 'Image' }]),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  add: fc.boolean(),
})

/** A built badge with a few values replaced and members added anywhere. */
const changedBadgeArbitrary = fc
  .tuple(fc.nat({ max: badges.length - 1 }), fc.array(changeArbitrary, { maxLength: 3 }))
  .map(([which, changes]) =>
    changes.reduce<unknown>((badge, { at, member, value, add }) => {
      const paths = pathsOf(badge)
      const path = paths[at % paths.length] as Path
      return changedAt(badge, path, (old) =>
        add && isObjectValue(old) ? { ...old, [member]: value } : value,
      )
    }, badges[which]),
  )
  .filter(isObjectValue)

function isObjectValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

describe('the link checks answer as the ones they replaced', () => {
  const roles: ReadonlyArray<LinkRole> = ['link', 'image', 'evidence', 'identifier']

  it('linkProblem: any string, any role, http allowed or not', () => {
    fc.assert(
      fc.property(tricky, fc.constantFrom(...roles), fc.boolean(), (value, role, allowHttp) => {
        expect(linkProblem(value, role, { allowHttp })).toBe(
          referenceLinkProblem(value, role, { allowHttp }),
        )
      }),
      { numRuns: 5000 },
    )
  })

  it('linkProblem: a URI judged again, in any role, http allowed or not, in any order', () => {
    // Safe verdicts are remembered per role and per http choice: an http: link taken where
    // http is allowed must still be refused where it is not, and an identifier's verdict must
    // not stand for a link's.
    const uri = fc.oneof(
      tricky,
      fc.webUrl({
        validSchemes: ['https', 'http'],
        withQueryParameters: true,
        withFragments: true,
      }),
      fc.constantFrom(
        'urn:uuid:1',
        'did:example:1',
        'http://example.org/x',
        'https://example.org/x',
      ),
    )
    const judging = fc.array(fc.tuple(fc.constantFrom(...roles), fc.boolean()), {
      minLength: 1,
      maxLength: 12,
    })
    fc.assert(
      fc.property(uri, judging, (value, calls) => {
        for (const [role, allowHttp] of calls)
          expect(linkProblem(value, role, { allowHttp })).toBe(
            referenceLinkProblem(value, role, { allowHttp }),
          )
      }),
      { numRuns: 3000 },
    )
  })

  it('linkProblem: answers as before once it has remembered more URIs than it keeps', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `https://example.org/badges/${i}`)
    for (const value of many) expect(linkProblem(value, 'link')).toBeUndefined()
    for (const value of many.slice(0, 10))
      expect(linkProblem(value.replace('https:', 'http:'), 'link')).toBe(
        referenceLinkProblem(value.replace('https:', 'http:'), 'link'),
      )
    expect(linkProblem(many[0], 'link')).toBeUndefined()
    expect(linkProblem('javascript:alert(1)', 'link')).toBe(
      referenceLinkProblem('javascript:alert(1)', 'link'),
    )
  })

  it('unsafeLinks: a badge changed anywhere, http allowed or not', () => {
    fc.assert(
      fc.property(changedBadgeArbitrary, fc.boolean(), (badge, allowHttp) => {
        expect(unsafeLinks(badge, { allowHttp })).toEqual(
          referenceUnsafeLinks(badge, { allowHttp }),
        )
      }),
      { numRuns: 1000 },
    )
  })
})

describe('the shape text of the context step is the text it replaced', () => {
  it('for a badge changed anywhere, with any string or member', () => {
    for (const badge of badges) expect(shapeText(badge)).toBe(referenceShapeText(badge))
    fc.assert(
      fc.property(changedBadgeArbitrary, (badge) => {
        expect(shapeText(badge)).toBe(referenceShapeText(badge))
      }),
      { numRuns: 2000 },
    )
  })

  it('for any JSON object under the bundled contexts', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(tricky, fc.string()), fc.jsonValue()), (members) => {
        const credential = { '@context': badges[0]?.['@context'], ...members }
        expect(shapeText(credential)).toBe(referenceShapeText(credential))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('imported keys: the same JWK object, read again, is found only while it holds the same members', () => {
  /** What a caller may do to its JWK object between two calls. */
  const editArbitrary = fc.oneof(
    fc.record({ kind: fc.constant('take' as const), name: fc.constantFrom('d', 'x', 'y', 'crv') }),
    fc.record({ kind: fc.constant('kid' as const), value: fc.constantFrom('k1', 'k2') }),
    fc.record({ kind: fc.constant('drop' as const), name: fc.constantFrom('kid', 'key_ops', 'd') }),
    fc.record({ kind: fc.constant('ops' as const), value: fc.constantFrom('sign', 'verify') }),
    fc.record({ kind: fc.constant('reorder' as const) }),
  )

  it.each(['importJwkOnce', 'importPublicJwkOnce'] as const)(
    '%s: every call gets the key a fresh copy of the JWK gets',
    async (name) => {
      const { generateIssuerKey: generate } = await import('microcred/badge')
      const keyCache = await import('../../src/badge/key-cache.js')
      const importOnce = keyCache[name]
      const [a, b] = await Promise.all([
        generate('ES256', { controller: 'https://achieve.lausd.net/microcred/issuer' }),
        generate('ES256', { controller: 'https://achieve.lausd.net/microcred/issuer' }),
      ])
      const other = b.privateKeyJwk as Record<string, unknown>
      await fc.assert(
        fc.asyncProperty(fc.array(editArbitrary, { maxLength: 8 }), async (edits) => {
          const jwk: Record<string, unknown> = { ...a.privateKeyJwk }
          const outcome = (promise: Promise<unknown>) =>
            promise.then(
              (key) => ({ key }),
              () => ({ key: 'refused' }),
            )
          for (const edit of [undefined, ...edits]) {
            if (edit?.kind === 'take') jwk[edit.name] = other[edit.name]
            else if (edit?.kind === 'kid') jwk['kid'] = edit.value
            else if (edit?.kind === 'drop') delete jwk[edit.name]
            else if (edit?.kind === 'ops') {
              // An array member, changed in place: never taken for the members it held.
              if (!Array.isArray(jwk['key_ops'])) jwk['key_ops'] = []
              ;(jwk['key_ops'] as string[]).splice(0, 1, edit.value)
            } else if (edit?.kind === 'reorder') {
              const crv = jwk['crv']
              delete jwk['crv']
              if (crv !== undefined) jwk['crv'] = crv
            }
            const again = await outcome(importOnce(jwk as Jwk, 'ES256'))
            const fresh = await outcome(importOnce(structuredClone(jwk) as Jwk, 'ES256'))
            expect(again.key).toBe(fresh.key)
          }
        }),
        { numRuns: 60 },
      )
    },
  )
})

describe('reading a compact JWS answers as the whole-text regular expression and re-encoding did', () => {
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'https://a.example/k' }))
  const payload = Buffer.from(JSON.stringify({ iss: 'https://a.example', name: 'x', n: [1, 2] }))
  const proto = Buffer.from('{"__proto__": {"a": 1}, "iss": "x"}')
  /** Parts of JWS-like text: real parts, changed digits, other characters. */
  const part = fc.oneof(
    fc.constantFrom(
      header.toString('base64url'),
      payload.toString('base64url'),
      proto.toString('base64url'),
      payload.toString('base64'),
      `${payload.toString('base64url')}B`,
      `${header.toString('base64url').slice(0, -1)}B`,
      'e30',
      'e31',
      'W10',
      '',
      'AAAA',
      'A',
      'AB',
      'ABC',
      'AQ',
      'AR',
    ),
    fc.string({
      unit: fc.constantFrom('A', 'B', 'Q', 'g', 'z', '_', '-', '+', '/', '=', ' ', '{'),
      maxLength: 12,
    }),
  )
  const textArbitrary = fc.oneof(
    fc.tuple(part, part, part).map((parts) => parts.join('.')),
    fc.tuple(part, part).map((parts) => parts.join('.')),
    fc.tuple(part, part, part, part).map((parts) => parts.join('.')),
    fc
      .tuple(part, part, part, fc.constantFrom(' ', '\n', '.', '{}'))
      .map(([a, b, c, d]) => `${a}.${b}.${c}${d}`),
  )

  it('readJwt: undefined exactly where the regular expression saw no JWS, else what parseJwt said', () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const read = readJwt(text)
        expect(read === undefined).toBe(!referenceLooksLikeJwt(text))
        if (read !== undefined) expect(read).toEqual(referenceParseJwt(text))
        expect(parseJwt(text)).toEqual(referenceParseJwt(text))
      }),
      { numRuns: 10000 },
    )
  })
})
