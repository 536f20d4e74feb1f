/**
 * Other implementations, side by side with microcred (issue 15, part 5): microcred's badges
 * verified by Digital Bazaar's `@digitalbazaar/vc` (Data Integrity) and by jose (VC-JWT, every
 * algorithm); theirs verified by microcred: a credential issued by `vc.issue` (its `proof` one
 * object, not an array), and VC-JWTs signed by jose's `SignJWT`, with the credential as the
 * payload or wrapped in a `vc` claim, RS256, ES256 and EdDSA.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import * as E from 'fp-ts/lib/Either.js'
import { importJWK, jwtVerify, SignJWT, type JWK } from 'jose'
import { catalog } from 'microcred'
import {
  generateIssuerKey,
  publicKeyDocumentOf,
  signBadgeDataIntegrity,
  signBadgeJwt,
  verifyBadge,
  type BadgeError,
  type IssuerKeyPair,
  type OpenBadgeCredential,
  type VerificationError,
} from 'microcred/badge'
import { beforeAll, describe, expect, it } from 'vitest'
import { offlineDocumentLoader } from '../../src/badge/document-loader.js'
import { badgeOf, earnedJourney, issuer, issuerKeys, now } from './helpers.js'

const success = <R>(result: E.Either<BadgeError | VerificationError, R>): R => {
  if (E.isLeft(result)) throw new Error(`${result.left._tag}: ${result.left.message}`)
  return result.right
}

const badge = badgeOf(earnedJourney(catalog.steam, 7), { salt: 'c0ffee00d15ea5e5' })
let k: Awaited<ReturnType<typeof issuerKeys>>
beforeAll(async () => {
  k = await issuerKeys()
})

/**
 * What Digital Bazaar's verifier dereferences, offline: the bundled contexts, the key (a Multikey
 * document) and the issuer's Profile (its controller document, listing the key as an
 * assertionMethod).
 */
const digitalBazaarLoader = async (keyPair: IssuerKeyPair) => {
  const key = {
    '@context': 'https://w3id.org/security/multikey/v1',
    ...(await publicKeyDocumentOf(keyPair)),
  }
  const controller = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: issuer.id,
    assertionMethod: [key.id],
  }
  return offlineDocumentLoader(
    new Map<string, unknown>([
      [key.id, key],
      [issuer.id, controller],
    ]),
  )
}

/** Digital Bazaar's verification of a credential: its result, verified or not. */
const verifiedByDigitalBazaar = async (credential: object, keyPair: IssuerKeyPair) => {
  const documentLoader = await digitalBazaarLoader(keyPair)
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader,
    controller: {
      '@context': 'https://www.w3.org/ns/did/v1',
      id: issuer.id,
      assertionMethod: [keyPair.id],
    },
    checkStatus: async () => ({ verified: true }),
    now,
  })
}

describe('microcred badges, verified by the others', () => {
  it("Digital Bazaar's vc.verifyCredential verifies a Data Integrity badge, and refuses it changed", async () => {
    const signed = success(
      await signBadgeDataIntegrity(badge, { keyPair: k.ed25519, created: '2027-05-02T09:00:00Z' }),
    )
    const result = await verifiedByDigitalBazaar(signed, k.ed25519)
    expect(result.error?.errors ?? result.error).toBeUndefined()
    expect(result.verified).toBe(true)
    const changed = await verifiedByDigitalBazaar({ ...signed, name: 'Another name' }, k.ed25519)
    expect(changed.verified).toBe(false)
  })

  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    "jose's jwtVerify verifies a %s VC-JWT, its claims the credential's",
    async (alg) => {
      const key = alg === 'RS256' ? k.rs256 : alg === 'ES256' ? k.es256 : k.ed25519
      const jwt = success(
        await signBadgeJwt(badge, { privateKey: key.privateKeyJwk, kid: key.id, alg }),
      )
      const { payload, protectedHeader } = await jwtVerify(
        jwt,
        await importJWK(key.publicKeyJwk as JWK, alg),
        {
          algorithms: [alg],
          issuer: issuer.id,
          subject: badge.credentialSubject.id,
          currentDate: now,
        },
      )
      expect(protectedHeader).toEqual({ alg, kid: key.id, typ: 'JWT' })
      expect(payload.jti).toBe(badge.id)
      expect(payload['name']).toBe(badge.name)
    },
  )
})

describe("the others' badges, verified by microcred", () => {
  it('a credential issued by vc.issue (proof as one object) verifies', async () => {
    const keyPair = await Ed25519Multikey.fromJwk({
      jwk: k.ed25519.privateKeyJwk,
      secretKey: true,
      id: k.ed25519.id,
      controller: issuer.id,
    })
    const issued = (await vc.issue({
      credential: structuredClone(badge),
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite }),
      documentLoader: await digitalBazaarLoader(k.ed25519),
      now,
    })) as Record<string, unknown>
    expect(Array.isArray(issued['proof'])).toBe(false) // VC 2.0 allows one proof object
    const verified = success(await verifyBadge(issued, { keys: k.keys, now }))
    expect(verified).toMatchObject({ format: 'data-integrity', key: { id: k.ed25519.id } })
    const changed = await verifyBadge({ ...issued, name: 'Another name' }, { keys: k.keys, now })
    expect(changed).toMatchObject({ left: { _tag: 'SignatureInvalid', step: 'proof' } })
  })

  const claims = (credential: OpenBadgeCredential) => ({
    iss: credential.issuer.id,
    jti: credential.id,
    sub: credential.credentialSubject.id,
    nbf: Date.parse(credential.validFrom) / 1000,
  })
  const keyOf = (alg: 'RS256' | 'ES256' | 'EdDSA') =>
    alg === 'RS256' ? k.rs256 : alg === 'ES256' ? k.es256 : k.ed25519

  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    "jose's SignJWT, %s, the credential as the payload or in a vc claim: both verify",
    async (alg) => {
      const key = keyOf(alg)
      const privateKey = await importJWK(key.privateKeyJwk as JWK, alg)
      const header = { alg, kid: key.id, typ: 'JWT' }
      const flat = await new SignJWT({ ...badge, ...claims(badge) })
        .setProtectedHeader(header)
        .sign(privateKey)
      const wrapped = await new SignJWT({ vc: badge, ...claims(badge) })
        .setProtectedHeader(header)
        .setIssuedAt()
        .sign(privateKey)
      for (const jwt of [flat, wrapped]) {
        const verified = success(await verifyBadge(jwt, { keys: k.keys, now }))
        expect(verified).toMatchObject({ format: 'jwt', id: badge.id, key: { id: key.id } })
        expect(verified.credential).toEqual(badge)
      }
    },
  )

  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    "%s: signBadgeJwt signs the bytes jose's SignJWT signs for the credential and its claims",
    async (alg) => {
      const key = keyOf(alg)
      const privateKey = await importJWK(key.privateKeyJwk as JWK, alg)
      const header = { alg, kid: key.id, typ: 'JWT' }
      const expiring = { ...badge, validUntil: '2031-06-30T00:00:00Z' }
      const proven = success(await signBadgeDataIntegrity(badge, { keyPair: k.ed25519 }))
      for (const credential of [badge, expiring, proven]) {
        const ours = success(
          await signBadgeJwt(credential, { privateKey: key.privateKeyJwk, kid: key.id, alg }),
        )
        // The claims in the order microcred writes them: iss, jti, nbf, sub, exp.
        const { iss, jti, nbf, sub } = claims(credential)
        const until = 'validUntil' in credential ? credential.validUntil : undefined
        const payload = {
          ...credential,
          ...{ iss, jti, nbf, sub },
          ...(until === undefined ? {} : { exp: Date.parse(until) / 1000 }),
        }
        const theirs = await new SignJWT(payload).setProtectedHeader(header).sign(privateKey)
        const signingInput = (jwt: string) => jwt.split('.').slice(0, 2).join('.')
        expect(signingInput(ours)).toBe(signingInput(theirs))
      }
    },
  )

  it('a vc claim is the credential: claims must still match it, and nothing else may sit beside it', async () => {
    const privateKey = await importJWK(k.es256.privateKeyJwk as JWK, 'ES256')
    const header = { alg: 'ES256', kid: k.es256.id }
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload).setProtectedHeader(header).sign(privateKey)
    const otherId = await sign({ vc: badge, ...claims(badge), jti: 'urn:uuid:other' })
    expect(await verifyBadge(otherId, { keys: k.keys, now })).toMatchObject({
      left: { _tag: 'ClaimsMismatch', step: 'proof' },
    })
    const beside = await sign({ vc: badge, ...claims(badge), name: 'Not in the credential' })
    expect(await verifyBadge(beside, { keys: k.keys, now })).toMatchObject({
      left: { _tag: 'Unreadable', step: 'parse' },
    })
    const notObject = await sign({ vc: 'a credential', ...claims(badge) })
    expect(await verifyBadge(notObject, { keys: k.keys, now })).toMatchObject({
      left: { _tag: 'Unreadable', step: 'parse' },
    })
  })

  it('an EdDSA VC-JWT signed by a key that is not the one it names: SignatureInvalid', async () => {
    const stranger = await generateIssuerKey('EdDSA', { controller: issuer.id })
    const forged = await new SignJWT({ ...badge, ...claims(badge) })
      .setProtectedHeader({ alg: 'EdDSA', kid: k.ed25519.id, typ: 'JWT' })
      .sign(await importJWK(stranger.privateKeyJwk as JWK, 'EdDSA'))
    expect(await verifyBadge(forged, { keys: k.keys, now })).toMatchObject({
      left: { _tag: 'SignatureInvalid', step: 'proof' },
    })
    // An EdDSA header naming an ES256 key cannot verify with it.
    const confused = await new SignJWT({ ...badge, ...claims(badge) })
      .setProtectedHeader({ alg: 'EdDSA', kid: k.es256.id, typ: 'JWT' })
      .sign(await importJWK(k.ed25519.privateKeyJwk as JWK, 'EdDSA'))
    expect(await verifyBadge(confused, { keys: k.keys, now })).toMatchObject({
      left: { _tag: 'SignatureInvalid', step: 'proof' },
    })
  })
})
