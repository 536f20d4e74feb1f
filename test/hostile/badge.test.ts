/**
 * Issue 12, items 11 and 9 (the badge side): badges refuse what they must. A member named
 * `__proto__` (which `JSON.parse` keeps as an own member, but JSON-LD processors and JavaScript
 * copies drop, so it is never signed) is `PrototypeMember` at step `parse`, in either proof format,
 * at any depth; signing such a credential is `InvalidBadgeInput`. A link a wallet renders
 * (image, issuer url, criteria, alignment target, evidence) that is `javascript:`, `data:` (but a
 * raster image), `file:` or any other scheme is `UnsafeLink` naming the field, when building and
 * when verifying; `http:` links only where the caller opts in.
 *
 * Badges are built and verified in memory, not written to a store: each case asserts its named
 * error and that the input it was given is unchanged.
 */
import * as E from 'fp-ts/lib/Either.js'
import { importJWK, type CryptoKey, type JWK } from 'jose'
import { catalog } from 'microcred'
import {
  buildOpenBadgeCredential,
  signBadgeDataIntegrity,
  signBadgeJwt,
  verifyBadge,
  type BadgeError,
  type OpenBadgeCredential,
  type SignedOpenBadgeCredential,
  type VerificationError,
} from 'microcred/badge'
import { beforeAll, describe, expect, it } from 'vitest'
import { badgeOf, earnedJourney, earnedState, issuer, issuerKeys, now } from '../badge/helpers.js'

const failure = <L>(result: E.Either<L, unknown>): L => {
  if (E.isRight(result)) throw new Error('expected a failure, got a success')
  return result.left
}
const success = <R>(result: E.Either<BadgeError | VerificationError, R>): R => {
  if (E.isLeft(result)) throw new Error(`${result.left._tag}: ${result.left.message}`)
  return result.right
}

const journey = earnedJourney(catalog.steam, 3)
const badge = badgeOf(journey, { salt: 'a1b2c3d4e5f60718' })
let k: Awaited<ReturnType<typeof issuerKeys>>
let signed: SignedOpenBadgeCredential
let signedText: string
beforeAll(async () => {
  k = await issuerKeys()
  signed = success(
    await signBadgeDataIntegrity(badge, { keyPair: k.ed25519, created: '2027-05-02T09:00:00Z' }),
  )
  signedText = JSON.stringify(signed)
})

/** `text` (a JSON object) with `member` added first in the object that `opening` opens. */
const withMember = (text: string, opening: string, member: string): string => {
  const at = text.indexOf(opening)
  if (at < 0) throw new Error(`${opening} is not in the text`)
  const cut = at + opening.length
  return `${text.slice(0, cut)}${member},${text.slice(cut)}`
}
const forged = '"__proto__":{"name":"Doctor of Everything","creditsEarned":9999}'

/** The compact JWS of `payload` and `header` (texts, signed as they are) with the issuer's ES256 key. */
const jwtOfText = async (
  payload: string,
  header = JSON.stringify({ alg: 'ES256', kid: k.es256.id, typ: 'JWT' }),
): Promise<string> => {
  const key = (await importJWK(k.es256.privateKeyJwk as JWK, 'ES256')) as CryptoKey
  const encode = (s: string) => Buffer.from(s, 'utf8').toString('base64url')
  const signingInput = `${encode(header)}.${encode(payload)}`
  const signature = await globalThis.crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    new TextEncoder().encode(signingInput),
  )
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`
}

/** The claims `signBadgeJwt` adds, for a credential built by `badgeOf`. */
const claimsOf = (credential: OpenBadgeCredential) => ({
  iss: credential.issuer.id,
  jti: credential.id,
  nbf: Date.parse(credential.validFrom) / 1000,
  sub: credential.credentialSubject.id,
})

describe('item 11: a member named __proto__', () => {
  it('added to a Data Integrity badge (as JSON text, top level): PrototypeMember, step parse', async () => {
    const text = withMember(signedText, '{', forged)
    expect(Object.hasOwn(JSON.parse(text) as object, '__proto__')).toBe(true)
    const error = failure(await verifyBadge(text, { keys: k.keys, now }))
    expect(error).toMatchObject({ _tag: 'PrototypeMember', step: 'parse' })
    expect(error.message).toContain('__proto__')
    expect(error.message).toContain('(root)')
  })

  it('nested in credentialSubject, or deeper (as a parsed object): PrototypeMember naming where', async () => {
    for (const [opening, path] of [
      ['"credentialSubject":{', 'credentialSubject'],
      ['"achievement":{', 'credentialSubject.achievement'],
      ['"evidence":[{', 'evidence.0'],
      ['"proof":[{', 'proof.0'],
    ] as const) {
      const parsed = JSON.parse(withMember(signedText, opening, forged)) as object
      const before = structuredClone(parsed)
      const error = failure(await verifyBadge(parsed, { keys: k.keys, now }))
      expect(error, path).toMatchObject({ _tag: 'PrototypeMember', step: 'parse' })
      expect(error.message, path).toContain(`at ${path}`)
      expect(parsed, 'the input is unchanged').toEqual(before)
    }
  })

  it('every other member added is refused too (the control)', async () => {
    for (const [opening, member, tag] of [
      ['{', '"awardedDate":"2027-05-01T16:00:00Z"', 'SignatureInvalid'],
      ['"credentialSubject":{', '"licenseNumber":"x"', 'SignatureInvalid'],
      ['"credentialSubject":{', '"name2":"x"', 'ContextInvalid'],
      ['"credentialSubject":{', '"constructor":{"name":"x"}', 'ContextInvalid'],
    ] as const) {
      const text = withMember(signedText, opening, member)
      expect(failure(await verifyBadge(text, { keys: k.keys, now }))._tag, member).toBe(tag)
    }
  })

  it('inside a VC-JWT payload, even when the issuer signed it: PrototypeMember', async () => {
    const payload = withMember(
      JSON.stringify({ ...badge, ...claimsOf(badge) }),
      '"credentialSubject":{',
      forged,
    )
    const jwt = await jwtOfText(payload)
    const error = failure(await verifyBadge(jwt, { keys: k.keys, now }))
    expect(error).toMatchObject({ _tag: 'PrototypeMember', step: 'parse' })
    expect(error.message).toContain('at credentialSubject')
    // The same payload without it verifies: the refusal is the member's, not the signing's.
    const clean = await jwtOfText(JSON.stringify({ ...badge, ...claimsOf(badge) }))
    expect(success(await verifyBadge(clean, { keys: k.keys, now })).id).toBe(badge.id)
  })

  it('in a VC-JWT header: PrototypeMember', async () => {
    const header = `{"alg":"ES256","kid":${JSON.stringify(k.es256.id)},"typ":"JWT","__proto__":{"alg":"none"}}`
    const jwt = await jwtOfText(JSON.stringify({ ...badge, ...claimsOf(badge) }), header)
    expect(failure(await verifyBadge(jwt, { keys: k.keys, now }))).toMatchObject({
      _tag: 'PrototypeMember',
      step: 'parse',
    })
  })

  it('signing a credential that has one: InvalidBadgeInput naming where, in both formats', async () => {
    const hostile = JSON.parse(
      withMember(JSON.stringify(badge), '"credentialSubject":{', forged),
    ) as OpenBadgeCredential
    const before = structuredClone(hostile)
    const di = failure(await signBadgeDataIntegrity(hostile, { keyPair: k.ed25519 }))
    expect(di._tag).toBe('InvalidBadgeInput')
    expect(di.message).toContain('__proto__')
    expect(di.message).toContain('at credentialSubject')
    const jwt = failure(
      await signBadgeJwt(hostile, {
        privateKey: k.es256.privateKeyJwk,
        kid: k.es256.id,
        alg: 'ES256',
      }),
    )
    expect(jwt._tag).toBe('InvalidBadgeInput')
    expect(jwt.message).toContain('__proto__')
    expect(hostile).toEqual(before)
  })
})

describe('item 11: a credential is checked as plain JSON, and only the copy is read', () => {
  /** Each object that reads one way to JSON-LD and another to JavaScript, or is not data at all. */
  const notData: ReadonlyArray<readonly [string, () => unknown, string]> = [
    [
      'a name inherited from its prototype',
      () => Object.setPrototypeOf(structuredClone(signed), { name: 'Doctor of Everything' }),
      '(root)',
    ],
    [
      'a getter',
      () => {
        const copy = structuredClone(signed) as Record<string, unknown>
        const { name } = copy
        delete copy['name']
        return Object.defineProperty(copy, 'name', { get: () => name, enumerable: true })
      },
      'name',
    ],
    [
      'a hidden member',
      () =>
        Object.defineProperty(structuredClone(signed), 'awardedDate', {
          value: '2027-05-01T16:00:00Z',
          enumerable: false,
        }),
      'awardedDate',
    ],
    ['a symbol key', () => ({ ...structuredClone(signed), [Symbol('x')]: 1 }), '(root)'],
    ['NaN', () => ({ ...structuredClone(signed), creditsEarned: Number.NaN }), 'creditsEarned'],
    ['a function', () => ({ ...structuredClone(signed), toJSON: () => ({}) }), 'toJSON'],
    ['a Date', () => ({ ...structuredClone(signed), awardedDate: new Date(0) }), 'awardedDate'],
    [
      'a cycle',
      () => {
        const copy = structuredClone(signed) as Record<string, unknown>
        copy['self'] = copy
        return copy
      },
      'self',
    ],
    [
      'a proxy that throws',
      () =>
        new Proxy(structuredClone(signed), {
          ownKeys: () => {
            throw new Error('no')
          },
        }),
      '(root)',
    ],
  ]

  it('anything that is not plain JSON data: Unreadable, naming where', async () => {
    for (const [what, make, path] of notData) {
      const error = failure(await verifyBadge(make(), { keys: k.keys, now }))
      expect(error, what).toMatchObject({ _tag: 'Unreadable', step: 'parse' })
      expect(error.message, what).toContain(`at ${path}`)
    }
  })

  it('a credential nested 10,000 levels deep: Unreadable, never a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`
    const text = withMember(signedText, '{', `"deep":${deep}`)
    const error = failure(await verifyBadge(text, { keys: k.keys, now }))
    expect(error._tag).toBe('Unreadable')
    expect(error.message).toContain('nested deeper than 64 levels')
  })

  it('verified.credential is a copy: changing the input afterwards changes nothing', async () => {
    const input = structuredClone(signed)
    const verified = success(await verifyBadge(input, { keys: k.keys, now }))
    input.name = 'Doctor of Everything'
    expect(verified.credential['name']).toBe(badge.name)
    expect(verified.name).toBe(badge.name)
  })
})

// -------------------------------------------------------------------------------------
// item 9, the badge side: links
// -------------------------------------------------------------------------------------

/** URIs no badge may carry where a wallet renders a link, and why each is here. */
const hostileLinks = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  'javascript://achieve.lausd.net/%0Aalert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+', // an SVG runs script
  'file:///etc/passwd',
  'blob:https://achieve.lausd.net/0f8c',
  'ftp://files.lausd.net/steam.png',
  'https://achieve.lausd.net@evil.example.org/steam.png', // it leads to evil.example.org
  'https://user:secret@achieve.lausd.net/steam.png',
  'https://achieve.lausd.net/steam.png\n',
  'https://achieve.lausd.net/\u202egnp.exe',
  `https://achieve.lausd.net/${'a'.repeat(2_100)}`,
  '//achieve.lausd.net/steam.png',
  'achieve.lausd.net/steam.png',
  'https:steam.png',
]
/** A 1x1 PNG: OB 3.0 allows an image (or evidence) as a Data URI, and microcred takes a raster one. */
const pngDataUri =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

const earned = earnedState(journey)
const steam = catalog.steam
const salt = { salt: 'a1b2c3d4e5f60718' }
const build = (
  changes: {
    readonly issuer?: Record<string, unknown>
    readonly program?: Record<string, unknown>
    readonly options?: Record<string, unknown>
    readonly state?: typeof earned
  } = {},
) =>
  buildOpenBadgeCredential(
    changes.state ?? earned,
    { ...steam, ...changes.program } as typeof steam,
    { ...issuer, ...changes.issuer } as typeof issuer,
    { ...salt, ...changes.options } as typeof salt,
  )

/** Expects `UnsafeLink` naming `path` (and its source, where it has one). */
const expectUnsafe = (error: BadgeError | VerificationError, path: string, what: string) => {
  expect(error._tag, what).toBe('UnsafeLink')
  expect(error.message, what).toContain(`at ${path}`)
  expect(
    error.issues?.map((issue) => issue.path),
    what,
  ).toContain(path)
}

/** The state with the first piece of evidence of its first accepted EOLA at `url`. */
const withEvidenceAt = (url: string): typeof earned => {
  const state = structuredClone(earned)
  for (const attempts of Object.values(state.artifacts)) {
    const accepted = attempts.find((attempt) => attempt.grade?.outcome === 'meets')
    const piece = accepted?.evidence[0]
    if (piece !== undefined) {
      ;(piece as { url: string }).url = url
      return state
    }
  }
  throw new Error('no accepted evidence')
}

describe('item 9: building a badge refuses a link a wallet must not render', () => {
  it('the issuer image, url or id: UnsafeLink naming the field', () => {
    for (const url of hostileLinks) {
      const issuerBefore = structuredClone(issuer)
      const image = failure(build({ issuer: { imageUrl: url } }))
      const page = failure(build({ issuer: { url } }))
      if (URL.canParse(url)) {
        expectUnsafe(image, "issuer.image.id (the issuer's imageUrl)", url)
        expectUnsafe(page, 'issuer.url', url)
      } else {
        // Not an absolute URL at all: the issuer does not decode.
        expect(image).toMatchObject({ _tag: 'InvalidBadgeInput', issues: [{ path: 'imageUrl' }] })
        expect(page).toMatchObject({ _tag: 'InvalidBadgeInput', issues: [{ path: 'url' }] })
      }
      expect(issuer).toEqual(issuerBefore)
    }
    for (const id of ['javascript:alert(1)', 'file:///etc/passwd', 'data:,x']) {
      expectUnsafe(
        failure(build({ issuer: { id }, options: { baseUrl: 'https://achieve.lausd.net/b' } })),
        'issuer.id',
        id,
      )
      // Without a baseUrl, badges would be published at the issuer id: refused as a link.
      const published = failure(build({ issuer: { id } }))
      expect(published._tag).toBe('UnsafeLink')
      expect(published.issues?.[0]?.path).toBe('issuer.id')
    }
  })

  it("the program's image and standards: UnsafeLink naming them", () => {
    for (const url of hostileLinks) {
      expectUnsafe(
        failure(build({ program: { badge: { ...steam.badge, imageUrl: url } } })),
        "credentialSubject.achievement.image.id (the program's badge.imageUrl)",
        url,
      )
      expectUnsafe(
        failure(build({ program: { standards: [{ targetName: 'CSTP 1', targetUrl: url }] } })),
        "credentialSubject.achievement.alignment.0.targetUrl (the program's standards.0.targetUrl)",
        url,
      )
    }
  })

  it('an evidence link in the earned state (folded from events older than the rule): UnsafeLink', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///c:/x']) {
      const state = withEvidenceAt(url)
      const before = structuredClone(state)
      const error = failure(build({ state }))
      expect(error._tag).toBe('UnsafeLink')
      expect(error.message).toMatch(/at evidence\.\d+\.id \(an accepted submission's evidence/)
      expect(state).toEqual(before)
    }
  })

  it('a subject id that is not an identifier: UnsafeLink; a did: or urn: one is taken', () => {
    expectUnsafe(
      failure(build({ options: { subjectId: 'javascript:alert(1)' } })),
      'credentialSubject.id (options.subjectId)',
      'subjectId',
    )
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
    expect(success(build({ options: { subjectId: did } })).credentialSubject.id).toBe(did)
    const urn = 'urn:uuid:0f8c8d44-1a1b-4c4c-8d8d-0123456789ab'
    expect(success(build({ options: { subjectId: urn } })).credentialSubject.id).toBe(urn)
  })

  it('http: links only where the caller opts in (or the enrollment pinned allowHttpUrls)', () => {
    const httpImage = { badge: { ...steam.badge, imageUrl: 'http://achieve.lausd.net/steam.png' } }
    expectUnsafe(
      failure(build({ program: httpImage })),
      "credentialSubject.achievement.image.id (the program's badge.imageUrl)",
      'http image',
    )
    expect(failure(build({ program: httpImage })).message).toContain('allowHttp')
    expect(success(build({ program: httpImage, options: { allowHttp: true } })).name).toBe(
      steam.badge.name,
    )
    const pinned = { ...earned, requirements: { ...earned.requirements, allowHttpUrls: true } }
    expect(E.isRight(build({ program: httpImage, state: pinned }))).toBe(true)
    const httpBase = { baseUrl: 'http://achieve.lausd.net/microcred' }
    expect(failure(build({ options: httpBase }))).toMatchObject({
      _tag: 'UnsafeLink',
      issues: [{ path: 'options.baseUrl' }],
    })
    expect(E.isRight(build({ options: { ...httpBase, allowHttp: true } }))).toBe(true)
  })

  it('a raster image as a data: URI is taken (OB 3.0 allows it), an https: one of course', () => {
    const built = success(build({ issuer: { imageUrl: pngDataUri } }))
    expect(built.issuer.image?.id).toBe(pngDataUri)
    expect(success(build()).credentialSubject.achievement.image.id).toMatch(/^https:\/\//)
  })
})

describe('item 11: keys from data never read what every object inherits', () => {
  type Mutable<A> = { -readonly [K in keyof A]: Mutable<A[K]> }
  /** The earned state with its first EOLA renamed `id` (in the requirements and, if `attempts`, in the artifacts). */
  const withEolaNamed = (id: string, attempts: boolean) => {
    const state = structuredClone(earned) as Mutable<typeof earned>
    const first = state.requirements.eolas[0]
    if (first === undefined) throw new Error('no EOLA')
    const old = first.id
    first.id = id
    state.artifacts = Object.fromEntries(
      Object.entries(state.artifacts).flatMap(([key, value]) =>
        key !== old ? [[key, value]] : attempts ? [[id, value]] : [],
      ),
    )
    return state as typeof earned
  }
  const evidenceUrls = (credential: OpenBadgeCredential) => credential.evidence.map((e) => e.id)

  it('an EOLA id that names an Object.prototype member (a state folded before ids were checked): built, never thrown', () => {
    const expected = evidenceUrls(success(build()))
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const state = withEolaNamed(id, true)
      expect(evidenceUrls(success(build({ state }))), id).toEqual(expected)
      const without = withEolaNamed(id, false)
      const built = success(build({ state: without }))
      expect(built.evidence.length, id).toBeLessThan(expected.length)
    }
  })

  it('an evidence kind that names an Object.prototype member: a genre that is text', () => {
    const state = structuredClone(earned)
    for (const attempts of Object.values(state.artifacts))
      for (const attempt of attempts)
        for (const piece of attempt.evidence) (piece as { kind: string }).kind = 'constructor'
    const built = success(build({ state }))
    expect(built.evidence.length).toBeGreaterThan(0)
    for (const piece of built.evidence) expect(typeof piece.genre).toBe('string')
  })
})

describe('item 9: signing refuses what no one may render, in both formats', () => {
  it('javascript:, file:, a non-image data: link: UnsafeLink; http: is the builder’s choice', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x']) {
      const hostile = structuredClone(badge)
      hostile.credentialSubject.achievement.image.id = url
      expectUnsafe(
        failure(await signBadgeDataIntegrity(hostile, { keyPair: k.ed25519 })),
        'credentialSubject.achievement.image.id',
        url,
      )
      expectUnsafe(
        failure(
          await signBadgeJwt(hostile, {
            privateKey: k.es256.privateKeyJwk,
            kid: k.es256.id,
            alg: 'ES256',
          }),
        ),
        'credentialSubject.achievement.image.id',
        url,
      )
    }
    const http = structuredClone(badge)
    http.credentialSubject.achievement.image.id = 'http://achieve.lausd.net/steam.png'
    expect(E.isRight(await signBadgeDataIntegrity(http, { keyPair: k.ed25519 }))).toBe(true)
  })
})

describe('item 9: verifying refuses a link a wallet must not render, even when signed', () => {
  /** `badge` with `change` made, signed (as its issuer would) as a VC-JWT, bypassing the signer's checks. */
  const signedWith = async (change: (credential: OpenBadgeCredential) => void) => {
    const changed = structuredClone(badge)
    change(changed)
    return jwtOfText(JSON.stringify({ ...changed, ...claimsOf(changed) }))
  }
  const places: ReadonlyArray<
    readonly [string, (credential: OpenBadgeCredential, url: string) => void]
  > = [
    [
      'credentialSubject.achievement.image.id',
      (c, url) => {
        c.credentialSubject.achievement.image.id = url
      },
    ],
    [
      'issuer.url',
      (c, url) => {
        ;(c.issuer as { url?: string }).url = url
      },
    ],
    [
      'credentialSubject.achievement.criteria.id',
      (c, url) => {
        ;(c.credentialSubject.achievement.criteria as { id?: string }).id = url
      },
    ],
    [
      'credentialSubject.achievement.alignment.0.targetUrl',
      (c, url) => {
        const [first] = c.credentialSubject.achievement.alignment
        if (first !== undefined) first.targetUrl = url
      },
    ],
    [
      'evidence.0.id',
      (c, url) => {
        const [first] = c.evidence
        if (first !== undefined) first.id = url
      },
    ],
  ]

  it('in every place a wallet renders: UnsafeLink at step schema, naming the field', async () => {
    for (const [path, change] of places) {
      for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd']) {
        const jwt = await signedWith((c) => change(c, url))
        const error = failure(await verifyBadge(jwt, { keys: k.keys, now }))
        expect(error.step, `${path} ${url}`).toBe('schema')
        expectUnsafe(error, path, `${path} ${url}`)
      }
    }
  })

  it('every hostile image link, in a Data Integrity badge too (before its proof is checked)', async () => {
    for (const url of hostileLinks) {
      const jwt = await signedWith((c) => {
        c.credentialSubject.achievement.image.id = url
      })
      const error = failure(await verifyBadge(jwt, { keys: k.keys, now }))
      // A few are not even URIs the official schema takes: refused there, as SchemaInvalid.
      expect(['UnsafeLink', 'SchemaInvalid'], url).toContain(error._tag)
      const changed = structuredClone(signed)
      changed.credentialSubject.achievement.image.id = url
      const before = structuredClone(changed)
      const di = failure(await verifyBadge(changed, { keys: k.keys, now }))
      expect(['UnsafeLink', 'SchemaInvalid'], url).toContain(di._tag)
      expect(changed).toEqual(before)
    }
  })

  it('an identifier that is not one (javascript: as the credential or issuer id): UnsafeLink', async () => {
    const jwt = await signedWith((c) => {
      ;(c as { id: string }).id = 'javascript:alert(1)'
    })
    expectUnsafe(failure(await verifyBadge(jwt, { keys: k.keys, now })), 'id', 'credential id')
  })

  it('http: links only with allowHttp; a raster data: image is taken', async () => {
    const http = await signedWith((c) => {
      c.credentialSubject.achievement.image.id = 'http://achieve.lausd.net/steam.png'
    })
    const refused = failure(await verifyBadge(http, { keys: k.keys, now }))
    expectUnsafe(refused, 'credentialSubject.achievement.image.id', 'http')
    expect(refused.message).toContain('allowHttp')
    expect(success(await verifyBadge(http, { keys: k.keys, now, allowHttp: true })).id).toBe(
      badge.id,
    )
    const png = await signedWith((c) => {
      c.credentialSubject.achievement.image.id = pngDataUri
    })
    expect(success(await verifyBadge(png, { keys: k.keys, now })).id).toBe(badge.id)
    const pngCriteria = await signedWith((c) => {
      ;(c.credentialSubject.achievement.criteria as { id?: string }).id = pngDataUri
    })
    expectUnsafe(
      failure(await verifyBadge(pngCriteria, { keys: k.keys, now })),
      'credentialSubject.achievement.criteria.id',
      'a data: criteria',
    )
  })
})
