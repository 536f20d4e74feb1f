/**
 * Issuer keys: generated with the platform's crypto, held by the caller as JWKs (a key file is the
 * JSON of an `IssuerKeyPair`), and published as public verification methods in the issuer's
 * Profile, which verifiers read. No private part ever goes into anything published.
 *
 * @packageDocumentation
 */
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import * as t from 'io-ts'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'
import { NonEmptyString, Url } from '../codec.js'
import { contextUrls, profileOf, type Issuer, type Profile } from './credential.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The algorithms microcred signs with: `RS256`, `ES256` and `EdDSA` (Ed25519) for VC-JWT, and
 * `EdDSA` for the `eddsa-rdfc-2022` Data Integrity proof.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SigningAlgorithm } from 'microcred/badge'
 * assert.equal(SigningAlgorithm.is('ES256'), true)
 * assert.equal(SigningAlgorithm.is('HS256'), false) // no shared secrets
 */
export const SigningAlgorithm = t.keyof(
  { RS256: null, ES256: null, EdDSA: null },
  'SigningAlgorithm',
)
/** `'RS256' | 'ES256' | 'EdDSA'`. */
export type SigningAlgorithm = t.TypeOf<typeof SigningAlgorithm>

/** The algorithms of VC-JWT badges: all three (`EdDSA` with an Ed25519 key). */
export type JwtAlgorithm = SigningAlgorithm

const optionalString = t.union([t.string, t.undefined])

/**
 * A JSON Web Key (RFC 7517): the members RSA, EC and OKP keys use.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Jwk } from 'microcred/badge'
 * assert.equal(Jwk.is({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }), true)
 * assert.equal(Jwk.is({ crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }), false) // no kty
 */
export const Jwk = t.intersection(
  [
    t.type({ kty: NonEmptyString }),
    t.partial({
      alg: optionalString,
      kid: optionalString,
      crv: optionalString,
      x: optionalString,
      y: optionalString,
      n: optionalString,
      e: optionalString,
      d: optionalString,
      p: optionalString,
      q: optionalString,
      dp: optionalString,
      dq: optionalString,
      qi: optionalString,
    }),
  ],
  'Jwk',
)
/** A JSON Web Key. */
export type Jwk = t.TypeOf<typeof Jwk>

/**
 * An issuer's key pair as the caller keeps it (the key file): `id`, the verification method URL
 * (`kid`) under the issuer's id, `controller`, the issuer's id, the algorithm, and both halves as
 * JWKs. Keep it secret: `privateKeyJwk` signs badges.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { IssuerKeyPair, generateIssuerKey } from 'microcred/badge'
 * assert.equal(IssuerKeyPair.is({ alg: 'EdDSA' }), false) // no keys
 * const key = await generateIssuerKey('EdDSA', { controller: 'https://achieve.lausd.net/microcred/issuer' })
 * assert.equal(IssuerKeyPair.is(key), true)
 * assert.equal(IssuerKeyPair.is(JSON.parse(JSON.stringify(key))), true) // as stored and read back
 */
export const IssuerKeyPair = t.type(
  { id: Url, controller: Url, alg: SigningAlgorithm, publicKeyJwk: Jwk, privateKeyJwk: Jwk },
  'IssuerKeyPair',
)
/** An issuer's key pair, as the caller keeps it. */
export type IssuerKeyPair = t.TypeOf<typeof IssuerKeyPair>

/**
 * A public key as verifiers read it (a verification method): its `id` (the `kid` or
 * `verificationMethod` a badge names), its `controller` (the issuer it belongs to), and the key as
 * a `Multikey` (`publicKeyMultibase`, for Ed25519) or a `JsonWebKey` (`publicKeyJwk`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PublicKeyDocument } from 'microcred/badge'
 * const published = {
 *   id: 'https://example.com/issuers/876543#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
 *   type: 'Multikey',
 *   controller: 'https://example.com/issuers/876543',
 *   publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
 * }
 * assert.equal(PublicKeyDocument.is(published), true)
 * assert.equal(PublicKeyDocument.is({ ...published, type: 'Ed25519VerificationKey2020' }), false)
 */
export const PublicKeyDocument = t.intersection(
  [
    t.type({ id: Url, type: t.keyof({ Multikey: null, JsonWebKey: null }), controller: Url }),
    t.partial({ publicKeyMultibase: NonEmptyString, publicKeyJwk: Jwk }),
  ],
  'PublicKeyDocument',
)
/** A public key as verifiers read it. */
export type PublicKeyDocument = t.TypeOf<typeof PublicKeyDocument>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'])

/**
 * A JWK without any private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`): what may be
 * published.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { publicJwk } from 'microcred/badge'
 * assert.deepEqual(publicJwk({ kty: 'OKP', crv: 'Ed25519', x: 'abc', d: 'secret' }), { kty: 'OKP', crv: 'Ed25519', x: 'abc' })
 */
export const publicJwk = (jwk: Jwk): Jwk =>
  Object.fromEntries(Object.entries(jwk).filter(([key]) => !privateMembers.has(key))) as Jwk

/**
 * The `publicKeyMultibase` of an Ed25519 public JWK (`z6Mk...`): the form `did:key` and
 * `eddsa-rdfc-2022` verification methods use.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ed25519Multibase } from 'microcred/badge'
 * const multibase = await ed25519Multibase({ kty: 'OKP', crv: 'Ed25519', x: 'Q3fH-mAEp8s9i9W4HdjZbLSFU3-xq9FKsAtLQtUzYUk' })
 * assert.match(multibase, /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/) // base58btc of the Ed25519 multicodec key
 */
export const ed25519Multibase = async (jwk: Jwk): Promise<string> =>
  (await Ed25519Multikey.fromJwk({ jwk: publicJwk(jwk) })).publicKeyMultibase

/**
 * A new key pair for `controller` (the issuer's id). Its `id` is `<controller>#<multibase key>` for
 * Ed25519 (the form 1EdTech's validator reads the key from) and `<controller>#<JWK thumbprint>`
 * (RFC 7638) for RSA and P-256. RSA keys are 2048 bits.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { generateIssuerKey } from 'microcred/badge'
 * const key = await generateIssuerKey('ES256', { controller: 'https://achieve.lausd.net/microcred/issuer' })
 * assert.ok(key.id.startsWith('https://achieve.lausd.net/microcred/issuer#'))
 * assert.equal(key.publicKeyJwk.kid, key.id)
 * assert.equal(typeof key.privateKeyJwk.d, 'string')
 * assert.equal(key.publicKeyJwk.d, undefined)
 * const ed25519 = await generateIssuerKey('EdDSA', { controller: 'https://achieve.lausd.net/microcred/issuer' })
 * assert.match(ed25519.id, /#z6Mk/) // named by its multibase key
 */
export const generateIssuerKey = async (
  alg: SigningAlgorithm,
  options: { readonly controller: string },
): Promise<IssuerKeyPair> => {
  const pair = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  })
  const [publicJwk_, privateJwk] = await Promise.all([
    exportJWK(pair.publicKey),
    exportJWK(pair.privateKey),
  ])
  const publicKeyJwk = publicJwk_ as Jwk
  const fragment =
    alg === 'EdDSA'
      ? await ed25519Multibase(publicKeyJwk)
      : await calculateJwkThumbprint(publicKeyJwk as JWK)
  const id = `${options.controller}#${fragment}`
  return {
    id,
    controller: options.controller,
    alg,
    publicKeyJwk: { ...publicKeyJwk, alg, kid: id },
    privateKeyJwk: { ...(privateJwk as Jwk), alg, kid: id },
  }
}

/**
 * The public half of a key pair as a verification method: a `Multikey` for Ed25519, a
 * `JsonWebKey` (without any private member) otherwise.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { generateIssuerKey, publicKeyDocumentOf } from 'microcred/badge'
 * const key = await generateIssuerKey('EdDSA', { controller: 'https://achieve.lausd.net/microcred/issuer' })
 * const published = await publicKeyDocumentOf(key)
 * assert.equal(published.type, 'Multikey')
 * assert.equal(published.id, key.id)
 * assert.equal('privateKeyJwk' in published, false)
 * const es256 = await publicKeyDocumentOf(await generateIssuerKey('ES256', { controller: 'https://achieve.lausd.net/microcred/issuer' }))
 * assert.equal(es256.type, 'JsonWebKey')
 * assert.equal(es256.publicKeyJwk?.d, undefined)
 */
export const publicKeyDocumentOf = async (keyPair: IssuerKeyPair): Promise<PublicKeyDocument> =>
  keyPair.alg === 'EdDSA'
    ? {
        id: keyPair.id,
        type: 'Multikey',
        controller: keyPair.controller,
        publicKeyMultibase: await ed25519Multibase(keyPair.publicKeyJwk),
      }
    : {
        id: keyPair.id,
        type: 'JsonWebKey',
        controller: keyPair.controller,
        publicKeyJwk: publicJwk(keyPair.publicKeyJwk),
      }

const security = (term: string) => `https://w3id.org/security#${term}`

/** The terms of a Profile's keys, which neither the VC nor the OB context defines. */
const keysContext = {
  '@protected': true,
  verificationMethod: { '@id': security('verificationMethod'), '@container': '@set' },
  assertionMethod: { '@id': security('assertionMethod'), '@type': '@id', '@container': '@set' },
  JsonWebKey: {
    '@id': security('JsonWebKey'),
    '@context': {
      '@protected': true,
      id: '@id',
      type: '@type',
      controller: { '@id': security('controller'), '@type': '@id' },
      publicKeyJwk: { '@id': security('publicKeyJwk'), '@type': '@json' },
    },
  },
} as const

/** The issuer's published Profile: its OB 3.0 Profile and its public keys. */
export type IssuerProfileDocument = Profile & {
  readonly '@context': ReadonlyArray<string | Readonly<Record<string, unknown>>>
  readonly verificationMethod: ReadonlyArray<PublicKeyDocument>
  readonly assertionMethod: ReadonlyArray<string>
}

/**
 * The document to publish at the issuer's `id`: its OB 3.0 Profile with its public keys as
 * `verificationMethod`s, each also an `assertionMethod` (allowed to sign credentials). Verifiers
 * pass its `verificationMethod` to `verifyBadge` as `keys`. Keys of another controller are left
 * out.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { generateIssuerKey, issuerProfileDocument } from 'microcred/badge'
 * const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }
 * const key = await generateIssuerKey('EdDSA', { controller: issuer.id })
 * const elsewhere = await generateIssuerKey('EdDSA', { controller: 'https://example.org/issuer' })
 * const profile = await issuerProfileDocument(issuer, [key, elsewhere])
 * assert.deepEqual(profile.assertionMethod, [key.id]) // only the issuer's own keys
 * assert.equal(profile.name, 'Los Angeles Unified')
 * assert.ok(!JSON.stringify(profile).includes(String(key.privateKeyJwk.d)))
 */
export const issuerProfileDocument = async (
  issuer: Issuer,
  keyPairs: ReadonlyArray<IssuerKeyPair>,
): Promise<IssuerProfileDocument> => {
  const keys = await Promise.all(
    keyPairs.filter((key) => key.controller === issuer.id).map(publicKeyDocumentOf),
  )
  return {
    '@context': [
      contextUrls.credentials,
      contextUrls.openBadges,
      'https://w3id.org/security/multikey/v1',
      keysContext,
    ],
    ...profileOf(issuer),
    verificationMethod: keys,
    assertionMethod: keys.map((key) => key.id),
  }
}
