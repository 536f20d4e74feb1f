/**
 * The shortcuts of issue 15 (part 4) check as much as the long way: a Data Integrity badge whose
 * one proof verifies is not expanded a second time, but every badge the context step refused is
 * still refused there, first; contexts are shared between calls and frozen; imported keys are
 * kept, and found again only by the whole key.
 */
import * as E from 'fp-ts/lib/Either.js'
import { importJWK, jwtVerify, type JWK } from 'jose'
import { catalog } from 'microcred'
import {
  generateIssuerKey,
  signBadgeDataIntegrity,
  signBadgeJwt,
  verifyBadge,
  type BadgeError,
  type SignedOpenBadgeCredential,
  type VerificationError,
} from 'microcred/badge'
import { beforeAll, describe, expect, it } from 'vitest'
import { offlineDocumentLoader } from '../../src/badge/document-loader.js'
import { badgeOf, copy, earnedJourney, issuer, issuerKeys, now } from './helpers.js'

const success = <R>(result: E.Either<BadgeError | VerificationError, R>): R => {
  if (E.isLeft(result)) throw new Error(`${result.left._tag}: ${result.left.message}`)
  return result.right
}

const badge = badgeOf(earnedJourney(catalog.steam, 11), { salt: '5eed5eed5eed5eed' })
let k: Awaited<ReturnType<typeof issuerKeys>>
let signed: SignedOpenBadgeCredential
beforeAll(async () => {
  k = await issuerKeys()
  signed = success(await signBadgeDataIntegrity(badge, { keyPair: k.ed25519 }))
})

const refusedAtContext = { _tag: 'Left', left: { _tag: 'ContextInvalid', step: 'context' } }

describe('a Data Integrity badge: the context step still comes first', () => {
  it('a signed badge verifies, its proof as an array or as one object', async () => {
    success(await verifyBadge(signed, { keys: k.keys, now }))
    const [proof] = signed.proof
    success(await verifyBadge({ ...signed, proof }, { keys: k.keys, now }))
  })

  it('a term no context defines, added after signing: ContextInvalid naming it, not SignatureInvalid', async () => {
    const changed = copy(signed) as unknown as { credentialSubject: Record<string, unknown> }
    changed.credentialSubject['favouriteColour'] = 'teal'
    const result = await verifyBadge(changed, { keys: k.keys, now })
    expect(result).toMatchObject(refusedAtContext)
    if (E.isLeft(result)) expect(result.left.message).toContain('"favouriteColour" is not defined')
  })

  it('a term no context defines inside the one proof: ContextInvalid', async () => {
    const [proof] = signed.proof
    const result = await verifyBadge(
      { ...signed, proof: [{ ...proof, favouriteColour: 'teal' }] },
      { keys: k.keys, now },
    )
    expect(result).toMatchObject(refusedAtContext)
  })

  it('a second proof with a term no context defines, beside the one that verifies: ContextInvalid', async () => {
    const [proof] = signed.proof
    const second = { ...proof, proofValue: 'z1111', favouriteColour: 'teal' }
    const result = await verifyBadge({ ...signed, proof: [proof, second] }, { keys: k.keys, now })
    expect(result).toMatchObject(refusedAtContext)
  })

  it('a wrong type and an undefined term: the context step is named, as it comes first', async () => {
    const changed = copy(signed) as unknown as Record<string, unknown>
    changed['type'] = ['VerifiableCredential', 'OpenBadgeCredential', 'NoSuchType']
    expect(await verifyBadge(changed, { keys: k.keys, now })).toMatchObject(refusedAtContext)
  })
})

describe('shared contexts', () => {
  it('are frozen: a caller cannot change what the next one loads', async () => {
    const load = offlineDocumentLoader()
    const url = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
    const first = (await load(url)).document as { '@context': Record<string, unknown> }
    expect(() => {
      first['@context']['favouriteColour'] = 'https://example.org/colour'
    }).toThrow(TypeError)
    const again = (await load(url)).document as { '@context': Record<string, unknown> }
    expect(again['@context']['favouriteColour']).toBeUndefined()
  })
})

describe('imported keys, kept between calls', () => {
  it.each(['ES256', 'RS256', 'EdDSA'] as const)(
    '%s: a JWK changed in place between calls signs with the new key',
    async (alg) => {
      const [a, b] = await Promise.all([
        generateIssuerKey(alg, { controller: issuer.id }),
        generateIssuerKey(alg, { controller: issuer.id }),
      ])
      const jwk = { ...a.privateKeyJwk }
      const sign = () => signBadgeJwt(badge, { privateKey: jwk, kid: a.id, alg })
      const byA = success(await sign())
      Object.assign(jwk, b.privateKeyJwk)
      const byB = success(await sign())
      const publicOf = (key: typeof a) => importJWK(key.publicKeyJwk as JWK, alg)
      await expect(jwtVerify(byA, await publicOf(a))).resolves.toBeDefined()
      await expect(jwtVerify(byB, await publicOf(b))).resolves.toBeDefined()
      await expect(jwtVerify(byB, await publicOf(a))).rejects.toThrow()
    },
  )

  it('a JWK whose private part is not the public part it names does not sign as the cached key', async () => {
    const [a, b] = await Promise.all([
      generateIssuerKey('EdDSA', { controller: issuer.id }),
      generateIssuerKey('EdDSA', { controller: issuer.id }),
    ])
    success(await signBadgeJwt(badge, { privateKey: a.privateKeyJwk, kid: a.id, alg: 'EdDSA' }))
    // a's public members with b's secret: another key, never a's cached one.
    const mixed = { ...a.privateKeyJwk, d: b.privateKeyJwk.d }
    const result = await signBadgeJwt(badge, { privateKey: mixed, kid: a.id, alg: 'EdDSA' })
    if (E.isRight(result)) {
      const publicA = await importJWK(a.publicKeyJwk as JWK, 'EdDSA')
      await expect(jwtVerify(result.right, publicA)).rejects.toThrow()
    } else expect(result.left._tag).toBe('WrongKey')
  })
})
