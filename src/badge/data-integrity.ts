/**
 * The embedded proof format: a W3C Data Integrity proof with the `eddsa-rdfc-2022` cryptosuite
 * (Ed25519 over the RDFC-1.0 canonical form of the credential), signed and verified with Digital
 * Bazaar's implementation and microcred's offline document loader.
 *
 * @packageDocumentation
 */
import { DataIntegrityProof as DataIntegritySuite } from '@digitalbazaar/data-integrity'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as E from 'fp-ts/lib/Either.js'
import jsigs from 'jsonld-signatures'
import { IsoDateTime } from '../codec.js'
import type { OpenBadgeCredential, SignedOpenBadgeCredential } from './credential.js'
import { offlineDocumentLoader } from './document-loader.js'
import { badgeError, verificationError, type BadgeError, type VerificationError } from './errors.js'
import { asArray, describeError, idOf, isObject, type JsonObject } from './internal.js'
import { toSign } from './json.js'
import { ed25519KeyPairOnce } from './key-cache.js'
import { ed25519Multibase, type IssuerKeyPair, type PublicKeyDocument } from './keys.js'
import { checkKeyIsIssuers, resolveVerificationKey, type KeySources } from './resolve-key.js'

const { AssertionProofPurpose } = jsigs.purposes

// -------------------------------------------------------------------------------------
// signing
// -------------------------------------------------------------------------------------

/** How to sign with a Data Integrity proof: an Ed25519 key pair of the issuer. */
export interface DataIntegritySigningOptions {
  /** An `EdDSA` `IssuerKeyPair` whose `controller` is the credential's issuer. */
  readonly keyPair: IssuerKeyPair
  /** The proof's `created` time (ISO-8601); by default, when it is signed. */
  readonly created?: string
}

/**
 * Signs a badge with an embedded `DataIntegrityProof` (`eddsa-rdfc-2022`, proof purpose
 * `assertionMethod`, verification method the key pair's `id`). The credential is not changed: a
 * signed copy is returned, with `proof` as a one-item array. Contexts come from the bundled copies;
 * nothing is fetched. The key is imported once and kept for the next calls. A credential that is not plain JSON data, or has a member named `__proto__`
 * (which would not be signed), is `InvalidBadgeInput`; one with a `javascript:`, `file:` or
 * non-image `data:` link is `UnsafeLink`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, foldEnrollment, lausdPolicy, requirementsOf } from 'microcred'
 * import { buildOpenBadgeCredential, generateIssuerKey, signBadgeDataIntegrity } from 'microcred/badge'
 * const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }
 * const earned = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam',
 *     programVersion: 1, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 *   // ...the hours, grades and capstone of the journey, then:
 *   { type: 'CredentialEarned', data: { enrollmentId: 'enr-1', at: '2027-05-01T16:00:00Z', credentialId: 'credential-enr-1',
 *     hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 } },
 * ])
 * const badge = buildOpenBadgeCredential(earned, catalog.steam, issuer, { salt: 'f3a9c2d4e5b6a7c8' })
 * assert.ok(E.isRight(badge))
 * const keyPair = await generateIssuerKey('EdDSA', { controller: issuer.id })
 * const signed = await signBadgeDataIntegrity(badge.right, { keyPair, created: '2027-05-02T09:00:00Z' })
 * assert.ok(E.isRight(signed))
 * assert.equal(signed.right.proof[0]?.cryptosuite, 'eddsa-rdfc-2022')
 * assert.equal(signed.right.proof[0]?.verificationMethod, keyPair.id)
 * assert.equal('proof' in badge.right, false) // a signed copy: the credential is unchanged
 * const es256 = await generateIssuerKey('ES256', { controller: issuer.id })
 * const refused = await signBadgeDataIntegrity(badge.right, { keyPair: es256 })
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left._tag, 'WrongKey') // eddsa-rdfc-2022 signs with Ed25519 keys
 */
export const signBadgeDataIntegrity = async (
  credential: OpenBadgeCredential,
  options: DataIntegritySigningOptions,
): Promise<E.Either<BadgeError, SignedOpenBadgeCredential>> => {
  const { keyPair, created } = options
  if (keyPair.alg !== 'EdDSA')
    return E.left(
      badgeError('WrongKey', `eddsa-rdfc-2022 signs with Ed25519 (EdDSA) keys, not ${keyPair.alg}`),
    )
  if (keyPair.privateKeyJwk.d === undefined)
    return E.left(badgeError('WrongKey', 'the key pair has no private key: signing needs it'))
  if (created !== undefined && !IsoDateTime.is(created))
    return E.left(
      badgeError('InvalidBadgeInput', `created must be an ISO-8601 time, got ${created}`),
    )
  const copy = toSign(credential)
  if (E.isLeft(copy)) return copy
  const issuerId = idOf(copy.right['issuer'])
  if (issuerId !== keyPair.controller)
    return E.left(
      badgeError(
        'WrongKey',
        `the key belongs to ${keyPair.controller}, the credential's issuer is ${String(issuerId)}: ` +
          'verifiers accept only keys of the issuer',
      ),
    )
  try {
    const key = await ed25519KeyPairOnce(keyPair)
    const suite = new DataIntegritySuite({
      signer: key.signer(),
      cryptosuite,
      ...(created === undefined ? {} : { date: created }),
    })
    // `sign` adds the proof to the document it is given (and changes nothing else in it): give
    // it a shallow copy of the copy.
    const signed = await jsigs.sign(
      { ...copy.right },
      {
        suite,
        purpose: new AssertionProofPurpose(),
        documentLoader: offlineDocumentLoader(),
      },
    )
    // The OB 3.0.3 schema wants `proof` as an array; the proof is not part of what is signed.
    return E.right({ ...copy.right, proof: asArray(signed.proof) } as SignedOpenBadgeCredential)
  } catch (error) {
    return E.left(badgeError('SigningFailed', `signing failed: ${describeError(error)}`))
  }
}

// -------------------------------------------------------------------------------------
// verifying
// -------------------------------------------------------------------------------------

const proofError = (
  tag: 'ProofMissing' | 'ProofUnsupported' | 'SignatureInvalid',
  message: string,
) => verificationError('proof', tag, message)

/** The proof to verify: the first `DataIntegrityProof` of `eddsa-rdfc-2022` for `assertionMethod`. */
const selectProof = (credential: JsonObject): E.Either<VerificationError, JsonObject> => {
  const proofs = asArray(credential['proof']).filter(isObject)
  if (proofs.length === 0)
    return E.left(
      proofError('ProofMissing', 'the credential has no proof: it is neither a VC-JWT nor signed'),
    )
  const proof = proofs.find(
    (p) =>
      p['type'] === 'DataIntegrityProof' &&
      p['cryptosuite'] === 'eddsa-rdfc-2022' &&
      p['proofPurpose'] === 'assertionMethod' &&
      typeof p['verificationMethod'] === 'string',
  )
  if (proof !== undefined) return E.right(proof)
  const kinds = proofs.map((p) => `${String(p['type'])}/${String(p['cryptosuite'] ?? '-')}`)
  return E.left(
    proofError(
      'ProofUnsupported',
      `no DataIntegrityProof with cryptosuite eddsa-rdfc-2022 for assertionMethod; found ${kinds.join(', ')}`,
    ),
  )
}

/** The key as the Multikey document the cryptosuite reads, under the id the proof names. */
const multikeyDocument = async (key: PublicKeyDocument): Promise<JsonObject | undefined> => {
  const multibase =
    key.publicKeyMultibase ??
    (key.publicKeyJwk?.crv === 'Ed25519' ? await ed25519Multibase(key.publicKeyJwk) : undefined)
  return multibase === undefined
    ? undefined
    : {
        '@context': 'https://w3id.org/security/multikey/v1',
        id: key.id,
        type: 'Multikey',
        controller: key.controller,
        publicKeyMultibase: multibase,
      }
}

/**
 * Verifies a credential's embedded `eddsa-rdfc-2022` proof: the key found, its signature over the
 * canonical credential, and the key controlled by the issuer.
 */
export const verifyDataIntegrityProof = async (
  credential: JsonObject,
  issuerId: string,
  sources: KeySources,
): Promise<E.Either<VerificationError, PublicKeyDocument>> => {
  const selected = selectProof(credential)
  if (E.isLeft(selected)) return selected
  const proof = selected.right
  const methodId = String(proof['verificationMethod'])
  const found = await resolveVerificationKey(methodId, sources)
  if (E.isLeft(found)) return found
  const key = found.right
  const document = await multikeyDocument(key).catch(() => undefined)
  if (document === undefined)
    return E.left(
      proofError(
        'SignatureInvalid',
        `the key ${key.id} is not an Ed25519 key: it cannot verify eddsa-rdfc-2022`,
      ),
    )
  const purpose = new AssertionProofPurpose({
    controller: { id: key.controller, assertionMethod: [methodId] },
  })
  let result: Awaited<ReturnType<typeof jsigs.verify>>
  try {
    result = await jsigs.verify(
      { ...credential, proof },
      {
        suite: new DataIntegritySuite({ cryptosuite }),
        purpose,
        documentLoader: offlineDocumentLoader(new Map([[methodId, document]])),
      },
    )
  } catch (error) {
    return E.left(
      proofError('SignatureInvalid', `the proof cannot be checked: ${describeError(error)}`),
    )
  }
  if (!result.verified) {
    const cause = result.error?.errors?.[0] ?? result.results?.[0]?.error ?? result.error
    const reason = describeError(cause)
    return E.left(
      proofError(
        'SignatureInvalid',
        reason === 'Invalid signature.'
          ? `the signature does not verify with the key ${key.id}: the badge was changed after it ` +
              'was signed, or signed with another key'
          : `the proof does not verify with the key ${key.id}: ${reason}`,
      ),
    )
  }
  return checkKeyIsIssuers(key, issuerId)
}
