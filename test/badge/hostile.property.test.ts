/**
 * Properties a district relies on when it publishes and accepts badges (issue 12, items 9 and
 * 11): whatever string is given as a link, a built badge carries only links a wallet may render
 * (`https:` with a host and no user name, or a raster `data:` image), else it is refused with
 * `UnsafeLink` (or `InvalidBadgeInput` when it is no URL at all); and a member named `__proto__`
 * planted anywhere in a signed badge, with any JSON value, is `PrototypeMember` naming where it is.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { catalog } from 'microcred'
import {
  buildOpenBadgeCredential,
  signBadgeDataIntegrity,
  verifyBadge,
  type OpenBadgeCredential,
} from 'microcred/badge'
import { hostileValueArbitrary } from 'microcred/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { badgeOf, earnedJourney, earnedState, issuer, issuerKeys, now } from './helpers.js'

const journey = earnedJourney(catalog.steam, 5)
const earned = earnedState(journey)

/** Strings that may or may not be links: schemes, hosts, white space, user names, data: URIs. */
const linkLike: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom(
        'https:',
        'HTTPS:',
        'http:',
        'javascript:',
        'JaVaScRiPt:',
        'data:',
        'data:image/png;base64,',
        'data:image/svg+xml;base64,',
        'data:text/html,',
        'file:',
        'vbscript:',
        'blob:',
        'urn:',
        'did:',
        '',
        ' ',
      ),
      fc.constantFrom('', '//', '///', '//user:pw@', '//achieve.lausd.net@'),
      fc.oneof(fc.domain(), fc.constant(''), fc.string({ maxLength: 8 })),
      fc.oneof(
        fc.constant(''),
        fc.constant('/steam.png'),
        fc.constant('iVBORw0KGgo='),
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 6 }),
      ),
    )
    .map((parts) => parts.join('')),
  hostileValueArbitrary().filter((value): value is string => typeof value === 'string'),
)

/**
 * A link a wallet may render, judged independently of microcred's code; a raster `data:` image
 * only where an image (or evidence) is.
 */
const renderable = (value: unknown, image: boolean): boolean => {
  if (typeof value !== 'string') return false
  if (
    image &&
    /^data:image\/(png|jpeg|gif|webp)(;[^;,]+)*;base64,[A-Za-z0-9+/]*={0,2}$/.test(value)
  )
    return true
  if (/[\s\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(value) || !URL.canParse(value)) return false
  const url = new URL(value)
  return (
    url.protocol === 'https:' &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    /^https:\/\/[^/]/i.test(value)
  )
}

/** Every link in a built badge, and whether it is an image: urls, images, alignments, evidence. */
const linksOf = (badge: OpenBadgeCredential): ReadonlyArray<readonly [unknown, boolean]> => [
  [badge.issuer.url, false],
  [badge.issuer.image?.id, true],
  [badge.credentialSubject.achievement.image.id, true],
  [badge.credentialSubject.achievement.creator.url, false],
  [badge.credentialSubject.achievement.creator.image?.id, true],
  ...badge.credentialSubject.achievement.alignment.map((a) => [a.targetUrl, false] as const),
  ...badge.evidence.map((evidence) => [evidence.id, true] as const),
]

describe('links in built badges', () => {
  it('any string as the issuer url or image, the program image or a standard: only renderable links get in', () => {
    fc.assert(
      fc.property(
        linkLike,
        fc.constantFrom('issuerUrl', 'issuerImage', 'programImage', 'standard'),
        (url, where) => {
          const program =
            where === 'programImage'
              ? { ...catalog.steam, badge: { ...catalog.steam.badge, imageUrl: url } }
              : where === 'standard'
                ? { ...catalog.steam, standards: [{ targetName: 'CSTP 1', targetUrl: url }] }
                : catalog.steam
          const withIssuer =
            where === 'issuerUrl'
              ? { ...issuer, url }
              : where === 'issuerImage'
                ? { ...issuer, imageUrl: url }
                : issuer
          const built = buildOpenBadgeCredential(earned, program, withIssuer, { salt: 's' })
          if (E.isLeft(built)) {
            expect(['UnsafeLink', 'InvalidBadgeInput']).toContain(built.left._tag)
            const image = where === 'issuerImage' || where === 'programImage'
            expect(renderable(url, image) && built.left._tag === 'UnsafeLink').toBe(false)
            return
          }
          for (const [link, image] of linksOf(built.right))
            if (link !== undefined) expect(renderable(link, image), String(link)).toBe(true)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('a __proto__ member planted in a signed badge', () => {
  let signedText = ''
  let objectPaths: ReadonlyArray<string> = []
  let keys: Awaited<ReturnType<typeof issuerKeys>>['keys'] = []
  beforeAll(async () => {
    const k = await issuerKeys()
    keys = k.keys
    const signed = await signBadgeDataIntegrity(badgeOf(journey), { keyPair: k.ed25519 })
    if (E.isLeft(signed)) throw new Error(signed.left.message)
    signedText = JSON.stringify(signed.right)
    objectPaths = pathsOfObjects(signed.right)
  })

  it('anywhere, with any JSON value: PrototypeMember at step parse, naming the object', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.jsonValue({ maxDepth: 3 }), async (n, value) => {
        const at = n % objectPaths.length
        const text = withProtoAt(JSON.parse(signedText) as unknown, at, JSON.stringify(value))
        const result = await verifyBadge(text, { keys, now })
        expect(result).toMatchObject({
          _tag: 'Left',
          left: { _tag: 'PrototypeMember', step: 'parse' },
        })
        if (E.isLeft(result)) expect(result.left.message).toContain(`at ${objectPaths[at]}`)
      }),
      { numRuns: 200 },
    )
  })
})

/** The dotted path of every object in `value`, in the order `withProtoAt` counts them. */
const pathsOfObjects = (value: unknown, path: ReadonlyArray<string> = []): string[] => {
  if (value === null || typeof value !== 'object') return []
  const here = Array.isArray(value) ? [] : [path.length === 0 ? '(root)' : path.join('.')]
  return [
    ...here,
    ...Object.entries(value).flatMap(([key, member]) => pathsOfObjects(member, [...path, key])),
  ]
}

/** `value` as JSON text, with `"__proto__": member` first in its `at`-th object. */
const withProtoAt = (value: unknown, at: number, member: string): string => {
  let seen = -1
  const write = (u: unknown): string => {
    if (u === null || typeof u !== 'object') return JSON.stringify(u)
    if (Array.isArray(u)) return `[${u.map(write).join(',')}]`
    seen += 1
    const planted = seen === at ? [`"__proto__":${member}`] : []
    // Count this object before its members, as pathsOfObjects lists it before theirs.
    const members = Object.entries(u).map(([key, m]) => `${JSON.stringify(key)}:${write(m)}`)
    return `{${[...planted, ...members].join(',')}}`
  }
  return write(value)
}
