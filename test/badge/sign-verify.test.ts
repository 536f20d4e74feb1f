/**
 * Signing and verifying microcred's badges, both proof formats: round trips, and every way a badge
 * fails, each with its own reason and step.
 */
import * as E from 'fp-ts/lib/Either.js'
import { SignJWT, importJWK, type JWK } from 'jose'
import { catalog } from 'microcred'
import {
  buildRevocationList,
  generateIssuerKey,
  publicKeyDocumentOf,
  signBadgeDataIntegrity,
  signBadgeJwt,
  verifyBadge,
  type BadgeError,
  type OpenBadgeCredential,
  type VerificationError,
} from 'microcred/badge'
import { beforeAll, describe, expect, it } from 'vitest'
import { badgeOf, copy, earnedJourney, earnedState, issuer, issuerKeys, now } from './helpers.js'

const failure = <L>(result: E.Either<L, unknown>): L => {
  if (E.isRight(result)) throw new Error('expected a failure')
  return result.left
}
const success = <R>(result: E.Either<BadgeError | VerificationError, R>): R => {
  if (E.isLeft(result)) throw new Error(`${result.left._tag}: ${result.left.message}`)
  return result.right
}

const journey = earnedJourney(catalog.steam, 3)
const state = earnedState(journey)
const badge = badgeOf(journey, { salt: 's', validUntil: '2031-06-30T00:00:00Z' })
let k: Awaited<ReturnType<typeof issuerKeys>>
beforeAll(async () => {
  k = await issuerKeys()
})

const jwtOf = async (alg: 'RS256' | 'ES256', credential: OpenBadgeCredential = badge) => {
  const key = alg === 'RS256' ? k.rs256 : k.es256
  return success(
    await signBadgeJwt(credential, { privateKey: key.privateKeyJwk, kid: key.id, alg }),
  )
}
const signedDi = async (credential: OpenBadgeCredential = badge) =>
  success(
    await signBadgeDataIntegrity(credential, {
      keyPair: k.ed25519,
      created: '2026-09-04T10:00:00Z',
    }),
  )

describe('round trips', () => {
  it.each(['RS256', 'ES256'] as const)(
    '%s VC-JWT: the header and claims the spec requires',
    async (alg) => {
      const jwt = await jwtOf(alg)
      const [header, payload] = jwt
        .split('.')
        .slice(0, 2)
        .map(
          (part) =>
            JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>,
        )
      const key = alg === 'RS256' ? k.rs256 : k.es256
      expect(header).toEqual({ alg, kid: key.id, typ: 'JWT' })
      expect(payload).toMatchObject({
        iss: issuer.id,
        jti: badge.id,
        sub: badge.credentialSubject.id,
        nbf: Date.parse(badge.validFrom) / 1000,
        exp: Date.parse('2031-06-30T00:00:00Z') / 1000,
        '@context': badge['@context'],
        credentialSubject: badge.credentialSubject,
      })
      const verified = success(await verifyBadge(jwt, { keys: k.keys, now }))
      expect(verified).toMatchObject({
        format: 'jwt',
        type: 'OpenBadgeCredential',
        id: badge.id,
        name: catalog.steam.badge.name,
        issuer: { id: issuer.id, name: issuer.name },
        validFrom: badge.validFrom,
        validUntil: '2031-06-30T00:00:00Z',
        key: { id: key.id, controller: issuer.id },
        revocation: 'notChecked',
      })
      expect(verified.credential).toEqual(badge)
      expect(verified.recipient.identifiers[0]?.identityHash).toBe(
        badge.credentialSubject.identifier[0]?.identityHash,
      )
      expect(verified.evidence).toHaveLength(badge.evidence.length)
    },
  )

  it('eddsa-rdfc-2022: an embedded DataIntegrityProof, the credential otherwise unchanged', async () => {
    const signed = await signedDi()
    expect(signed.proof).toEqual([
      {
        type: 'DataIntegrityProof',
        created: '2026-09-04T10:00:00Z',
        verificationMethod: k.ed25519.id,
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
      },
    ])
    const { proof, ...unsigned } = signed
    expect(proof).toHaveLength(1)
    expect(unsigned).toEqual(badge)
    const verified = success(await verifyBadge(signed, { keys: k.keys, now }))
    expect(verified).toMatchObject({ format: 'data-integrity', key: { id: k.ed25519.id } })
    expect(
      success(await verifyBadge(JSON.stringify(signed, null, 2), { keys: k.keys, now })).id,
    ).toBe(badge.id)
  })

  it('a VC-JWT around a credential that already carries its Data Integrity proof', async () => {
    const jwt = success(
      await signBadgeJwt(await signedDi(), {
        privateKey: k.es256.privateKeyJwk,
        kid: k.es256.id,
        alg: 'ES256',
      }),
    )
    expect(success(await verifyBadge(jwt, { keys: k.keys, now })).credential['proof']).toHaveLength(
      1,
    )
  })

  it('keys found by resolveKey, as from a fetched issuer Profile', async () => {
    const resolveKey = async (id: string) => k.keys.find((key) => key.id === id)
    expect(E.isRight(await verifyBadge(await jwtOf('ES256'), { resolveKey, now }))).toBe(true)
    expect(E.isRight(await verifyBadge(await signedDi(), { resolveKey, now }))).toBe(true)
  })
})

describe('each failure, with its own reason', () => {
  it('a changed field: SignatureInvalid, in both formats', async () => {
    const [, payload = '', signature = ''] = (await jwtOf('RS256')).split('.')
    const changed = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { name: string }
    changed.name = 'LAUSD STEAM Micro-Credential (with honors)'
    const header = Buffer.from(
      JSON.stringify({ alg: 'RS256', kid: k.rs256.id, typ: 'JWT' }),
    ).toString('base64url')
    const forged = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`
    expect(failure(await verifyBadge(forged, { keys: k.keys, now }))).toMatchObject({
      _tag: 'SignatureInvalid',
      step: 'proof',
    })

    const signed = copy(await signedDi()) as { credentialSubject: { creditsEarned: number } }
    signed.credentialSubject.creditsEarned = 210
    expect(failure(await verifyBadge(signed, { keys: k.keys, now }))).toMatchObject({
      _tag: 'SignatureInvalid',
      step: 'proof',
    })
  })

  it('a wrong key under the right id: SignatureInvalid', async () => {
    const impostor = await generateIssuerKey('ES256', { controller: issuer.id })
    const wrong = { ...(await publicKeyDocumentOf(impostor)), id: k.es256.id }
    const error = failure(await verifyBadge(await jwtOf('ES256'), { keys: [wrong], now }))
    expect(error).toMatchObject({ _tag: 'SignatureInvalid', step: 'proof' })
    expect(error.message).toContain('does not verify with the key')
    const otherEd = await generateIssuerKey('EdDSA', { controller: issuer.id })
    const wrongEd = { ...(await publicKeyDocumentOf(otherEd)), id: k.ed25519.id }
    expect(failure(await verifyBadge(await signedDi(), { keys: [wrongEd], now }))._tag).toBe(
      'SignatureInvalid',
    )
  })

  it("a swapped kid (signed with one key, naming another of the issuer's): SignatureInvalid", async () => {
    const second = await generateIssuerKey('ES256', { controller: issuer.id })
    const keys = [...k.keys, await publicKeyDocumentOf(second)]
    const swapped = success(
      await signBadgeJwt(badge, {
        privateKey: k.es256.privateKeyJwk,
        kid: second.id,
        alg: 'ES256',
      }),
    )
    expect(failure(await verifyBadge(swapped, { keys, now }))._tag).toBe('SignatureInvalid')
  })

  it('a kid nobody knows: KeyUnresolved', async () => {
    const unknown = success(
      await signBadgeJwt(badge, {
        privateKey: k.es256.privateKeyJwk,
        kid: `${issuer.id}#key-9`,
        alg: 'ES256',
      }),
    )
    expect(failure(await verifyBadge(unknown, { keys: k.keys, now }))).toMatchObject({
      _tag: 'KeyUnresolved',
      step: 'proof',
    })
  })

  it("a valid signature by someone else's key: KeyNotIssuers", async () => {
    const stranger = await generateIssuerKey('ES256', {
      controller: 'https://stranger.example.org',
    })
    const jwt = success(
      await signBadgeJwt(badge, {
        privateKey: stranger.privateKeyJwk,
        kid: stranger.id,
        alg: 'ES256',
      }),
    )
    const keys = [...k.keys, await publicKeyDocumentOf(stranger)]
    expect(failure(await verifyBadge(jwt, { keys, now }))).toMatchObject({
      _tag: 'KeyNotIssuers',
      step: 'proof',
    })
  })

  it('JWT claims that disagree with the credential: ClaimsMismatch', async () => {
    const key = await importJWK(k.es256.privateKeyJwk as JWK, 'ES256')
    const jwt = await new SignJWT({
      ...badge,
      iss: issuer.id,
      jti: 'https://elsewhere.example.org/1',
      sub: badge.credentialSubject.id,
      nbf: 0,
    })
      .setProtectedHeader({ alg: 'ES256', kid: k.es256.id, typ: 'JWT' })
      .sign(key)
    const error = failure(await verifyBadge(jwt, { keys: k.keys, now }))
    expect(error).toMatchObject({ _tag: 'ClaimsMismatch', step: 'proof' })
    expect(error.message).toContain('jti must be the credential id')
    expect(error.message).toContain('nbf must be validFrom')
    expect(error.message).toContain('exp must be validUntil')
  })

  it('a JOSE header OB 3.0 does not allow, or another algorithm: ProofUnsupported', async () => {
    const key = await importJWK(k.es256.privateKeyJwk as JWK, 'ES256')
    const claims = {
      ...badge,
      iss: issuer.id,
      jti: badge.id,
      sub: badge.credentialSubject.id,
      nbf: Date.parse(badge.validFrom) / 1000,
    }
    const extra = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: k.es256.id, cty: 'vc' })
      .sign(key)
    expect(failure(await verifyBadge(extra, { keys: k.keys, now })).message).toContain('found cty')
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: k.es256.id })
      .sign(new Uint8Array(32))
    expect(failure(await verifyBadge(hmac, { keys: k.keys, now }))._tag).toBe('ProofUnsupported')
  })

  it('no proof at all: ProofMissing; a proof of another cryptosuite: ProofUnsupported', async () => {
    expect(failure(await verifyBadge(badge, { keys: k.keys, now }))._tag).toBe('ProofMissing')
    const legacy = {
      ...badge,
      proof: [{ type: 'Ed25519Signature2020', proofPurpose: 'assertionMethod' }],
    }
    // A suite the VC 2.0 context does not define is not even JSON-LD under it.
    expect(failure(await verifyBadge(legacy, { keys: k.keys, now }))._tag).toBe('ContextInvalid')
    const other = {
      ...badge,
      proof: [
        {
          type: 'DataIntegrityProof',
          cryptosuite: 'ecdsa-rdfc-2019',
          proofPurpose: 'assertionMethod',
          verificationMethod: k.es256.id,
          proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22g',
        },
      ],
    }
    expect(failure(await verifyBadge(other, { keys: k.keys, now }))._tag).toBe('ProofUnsupported')
  })

  it('expired: Expired; not yet valid: NotYetValid (after the proof passed)', async () => {
    const jwt = await jwtOf('ES256')
    const late = new Date('2031-07-01T00:00:00Z')
    expect(failure(await verifyBadge(jwt, { keys: k.keys, now: late }))).toMatchObject({
      _tag: 'Expired',
      step: 'validity',
    })
    const early = new Date('2026-09-01T00:00:00Z')
    expect(
      failure(await verifyBadge(await signedDi(), { keys: k.keys, now: early })),
    ).toMatchObject({
      _tag: 'NotYetValid',
      step: 'validity',
    })
  })

  it('revoked: Revoked, from the list the log projects; a list for another URL: RevocationListInvalid', async () => {
    const credentialId = state.credential?.credentialId ?? ''
    const revokedEvent = {
      type: 'CredentialRevoked',
      data: {
        enrollmentId: state.enrollmentId,
        credentialId,
        reason: 'Evidence was plagiarized',
        revokedBy: 'admin-1',
        at: '2027-01-01T00:00:00Z',
      },
    }
    const list = buildRevocationList([revokedEvent], { issuer, reasons: true })
    for (const signed of [await jwtOf('RS256'), await signedDi()]) {
      const error = failure(await verifyBadge(signed, { keys: k.keys, now, revocationList: list }))
      expect(error).toMatchObject({ _tag: 'Revoked', step: 'revocation' })
      expect(error.message).toContain('Evidence was plagiarized')
    }
    const empty = buildRevocationList([], { issuer })
    expect(
      success(await verifyBadge(await signedDi(), { keys: k.keys, now, revocationList: empty }))
        .revocation,
    ).toBe('notRevoked')
    const elsewhere = { ...list, id: 'https://elsewhere.example.org/revocations' }
    expect(
      failure(await verifyBadge(await signedDi(), { keys: k.keys, now, revocationList: elsewhere }))
        ._tag,
    ).toBe('RevocationListInvalid')
  })

  it('the same signature spelled in non-canonical base64url: Unreadable, so no badge has two spellings', async () => {
    const jwt = await jwtOf('ES256')
    // 64 signature bytes take 86 characters: the last one's 4 low bits are unused.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = alphabet.charAt(alphabet.indexOf(jwt.slice(-1)) ^ 1)
    const respelled = `${jwt.slice(0, -1)}${sibling}`
    const signature = (text: string) => Buffer.from(text.split('.')[2] ?? '', 'base64url')
    expect(signature(respelled).equals(signature(jwt))).toBe(true)
    expect(failure(await verifyBadge(respelled, { keys: k.keys, now }))).toMatchObject({
      _tag: 'Unreadable',
      step: 'parse',
    })
  })

  it('not a badge at all: Unreadable', async () => {
    for (const input of ['', 'a.b', '[1, 2]', 42, null, 'eyJhbGciOiJub25lIn0.e30.']) {
      expect(failure(await verifyBadge(input, { keys: k.keys, now }))).toMatchObject({
        _tag: 'Unreadable',
        step: 'parse',
      })
    }
  })
})

describe('signing refuses', () => {
  it('an Ed25519 proof with an RSA or P-256 key, a key of another issuer, a public key', async () => {
    expect(failure(await signBadgeDataIntegrity(badge, { keyPair: k.es256 }))._tag).toBe('WrongKey')
    const stranger = await generateIssuerKey('EdDSA', {
      controller: 'https://stranger.example.org',
    })
    expect(failure(await signBadgeDataIntegrity(badge, { keyPair: stranger })).message).toContain(
      'stranger.example.org',
    )
    const publicOnly = { privateKey: k.es256.publicKeyJwk, kid: k.es256.id, alg: 'ES256' as const }
    expect(failure(await signBadgeJwt(badge, publicOnly))._tag).toBe('WrongKey')
    const mismatched = { privateKey: k.es256.privateKeyJwk, kid: k.es256.id, alg: 'RS256' as const }
    expect(failure(await signBadgeJwt(badge, mismatched))._tag).toBe('WrongKey')
  })

  it('a VC-JWT of a credential whose subject has no id (sub is required)', async () => {
    const { id, ...subject } = badge.credentialSubject
    expect(id).toMatch(/^urn:uuid:/)
    const anonymous = { ...badge, credentialSubject: subject } as unknown as OpenBadgeCredential
    const error = failure(
      await signBadgeJwt(anonymous, {
        privateKey: k.es256.privateKeyJwk,
        kid: k.es256.id,
        alg: 'ES256',
      }),
    )
    expect(error).toMatchObject({
      _tag: 'InvalidBadgeInput',
      issues: [{ path: 'credentialSubject.id' }],
    })
  })
})
