/**
 * Issuer keys: generated key pairs, what is published (never a private part), the Profile
 * verifiers read, and key files that decode.
 */
import * as E from 'fp-ts/lib/Either.js'
import jsonld from 'jsonld'
import {
  ed25519Multibase,
  generateIssuerKey,
  IssuerKeyPair,
  issuerProfileDocument,
  publicJwk,
  publicKeyDocumentOf,
  PublicKeyDocument,
} from 'microcred/badge'
import { describe, expect, it } from 'vitest'
import { offlineDocumentLoader } from '../../src/badge/document-loader.js'
import { issuer, issuerKeys } from './helpers.js'

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi']

describe('generateIssuerKey', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    '%s: a key pair under the issuer, as a key file',
    async (alg) => {
      const key = await generateIssuerKey(alg, { controller: issuer.id })
      expect(IssuerKeyPair.is(JSON.parse(JSON.stringify(key)))).toBe(true)
      expect(key).toMatchObject({ controller: issuer.id, alg })
      expect(key.privateKeyJwk).toMatchObject({ alg, kid: key.id, d: expect.any(String) })
      expect(Object.keys(key.publicKeyJwk).filter((m) => privateMembers.includes(m))).toEqual([])
      const kty = { RS256: 'RSA', ES256: 'EC', EdDSA: 'OKP' }[alg]
      expect(key.publicKeyJwk.kty).toBe(kty)
    },
  )

  it('names an Ed25519 key by its multibase, as 1EdTech reads it from the fragment', async () => {
    const key = await generateIssuerKey('EdDSA', { controller: issuer.id })
    const multibase = await ed25519Multibase(key.publicKeyJwk)
    expect(multibase).toMatch(/^z6Mk/)
    expect(key.id).toBe(`${issuer.id}#${multibase}`)
  })

  it('gives every key a new id', async () => {
    const [a, b] = await Promise.all([
      generateIssuerKey('ES256', { controller: issuer.id }),
      generateIssuerKey('ES256', { controller: issuer.id }),
    ])
    expect(a.id).not.toBe(b.id)
  })
})

describe('what is published', () => {
  it('publicJwk drops every private member', () => {
    expect(
      publicJwk({
        kty: 'RSA',
        n: 'n',
        e: 'AQAB',
        d: 'd',
        p: 'p',
        q: 'q',
        dp: 'x',
        dq: 'y',
        qi: 'z',
      }),
    ).toEqual({
      kty: 'RSA',
      n: 'n',
      e: 'AQAB',
    })
  })

  it('public key documents: a Multikey for Ed25519, a JsonWebKey otherwise', async () => {
    const { ed25519, es256 } = await issuerKeys()
    const ed = await publicKeyDocumentOf(ed25519)
    expect(ed).toEqual({
      id: ed25519.id,
      type: 'Multikey',
      controller: issuer.id,
      publicKeyMultibase: ed25519.id.split('#')[1],
    })
    const es = await publicKeyDocumentOf(es256)
    expect(es).toMatchObject({ type: 'JsonWebKey', controller: issuer.id })
    expect(PublicKeyDocument.is(es)).toBe(true)
    expect(es.publicKeyJwk?.d).toBeUndefined()
  })

  it('the issuer Profile lists its public keys as assertion methods, with no private part, as JSON-LD', async () => {
    const { ed25519, es256, rs256, profile } = await issuerKeys()
    expect(profile).toMatchObject({ id: issuer.id, type: ['Profile'], name: issuer.name })
    expect(profile.assertionMethod).toEqual([ed25519.id, es256.id, rs256.id])
    const text = JSON.stringify(profile)
    for (const key of [ed25519, es256, rs256]) {
      for (const member of privateMembers) {
        const secret = (key.privateKeyJwk as Record<string, unknown>)[member]
        if (typeof secret === 'string') expect(text).not.toContain(secret)
      }
    }
    await expect(
      jsonld.expand(profile, { documentLoader: offlineDocumentLoader(), safe: true }),
    ).resolves.toHaveLength(1)
  })

  it('leaves out keys of another controller', async () => {
    const stranger = await generateIssuerKey('EdDSA', {
      controller: 'https://stranger.example.org',
    })
    const profile = await issuerProfileDocument(issuer, [stranger])
    expect(profile.verificationMethod).toEqual([])
  })

  it('key files decode; a key file without keys does not', async () => {
    const key = await generateIssuerKey('RS256', { controller: issuer.id })
    expect(E.isRight(IssuerKeyPair.decode(JSON.parse(JSON.stringify(key))))).toBe(true)
    expect(E.isLeft(IssuerKeyPair.decode({ ...key, privateKeyJwk: undefined }))).toBe(true)
  })
})
