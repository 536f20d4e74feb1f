/**
 * Verifying a badge as an Open Badges 3.0 verifier does, step by step: read it (a VC-JWT or a JSON
 * credential), check it against the official schema, its contexts and types, its proof, its
 * revocation, its validity dates. The first failure is the answer, naming its step; success is a
 * summary of what was verified. No I/O but the caller's own key resolution.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  checkContextList,
  checkContexts,
  checkRevocation,
  checkTypes,
  checkValidity,
  type BadgeType,
} from './checks.js'
import { verifyDataIntegrityProof } from './data-integrity.js'
import { verificationError, type VerificationError } from './errors.js'
import { asArray, idOf, isObject, stringAt, type JsonObject } from './internal.js'
import { parseFailure, parsedJsonObject, plainJsonObject, type JsonProblem } from './json.js'
import { describeUnsafeLinks, unsafeLinks } from './links.js'
import { readJwt, verifyJwtProof, type ParsedJwt } from './jwt.js'
import type { PublicKeyDocument } from './keys.js'
import type { KeySources } from './resolve-key.js'
import type { RevocationList, RevocationStatus } from './revocation.js'
import { validateBadgeStructure } from './schema.js'

/** How to verify: where the keys come from, the revocation list, and when "now" is. */
export interface VerifyOptions extends KeySources {
  /**
   * The issuer's revocation list, fetched by the caller from the URL the badge names in
   * `credentialStatus`. Without it a revocable badge verifies with `revocation: 'notChecked'`.
   */
  readonly revocationList?: RevocationList
  /** The time validity is judged at; by default, the current time. */
  readonly now?: Date
  /**
   * Take `http:` links (images, urls, criteria, alignments, evidence) as well as `https:` ones.
   * Off by default: a badge whose links are not `https:` is `UnsafeLink`.
   */
  readonly allowHttp?: boolean
}

/** How an identifier names the recipient (an OB 3.0 `IdentityObject`). */
export interface RecipientIdentifier {
  readonly identityType: string | undefined
  readonly identityHash: string | undefined
  readonly hashed: boolean
  readonly salt: string | undefined
}

/** One piece of evidence, as a summary shows it. */
export interface EvidenceSummary {
  readonly id: string | undefined
  readonly name: string | undefined
  readonly genre: string | undefined
  readonly narrative: string | undefined
}

/** A badge that passed every step, and what it says. */
export interface VerifiedBadge {
  /** The proof that was verified. */
  readonly format: 'jwt' | 'data-integrity'
  /** What kind of credential it is. */
  readonly type: BadgeType
  /** The credential verified (for a VC-JWT, the payload without the JWT claims, or its `vc` claim). */
  readonly credential: Readonly<Record<string, unknown>>
  readonly id: string
  /** The credential's name, or its achievement's. */
  readonly name: string | undefined
  readonly issuer: { readonly id: string; readonly name: string | undefined }
  readonly validFrom: string | undefined
  readonly validUntil: string | undefined
  /** Who it was awarded to: the subject's id and identifiers (salted hashes, for microcred's badges). */
  readonly recipient: {
    readonly id: string | undefined
    readonly identifiers: ReadonlyArray<RecipientIdentifier>
  }
  readonly achievement:
    | {
        readonly id: string | undefined
        readonly name: string | undefined
        readonly achievementType: string | undefined
      }
    | undefined
  readonly evidence: ReadonlyArray<EvidenceSummary>
  /** The key that signed it, and the issuer that controls that key. */
  readonly key: { readonly id: string; readonly controller: string }
  /** What the revocation step found. */
  readonly revocation: RevocationStatus
}

/** The input, read: a parsed VC-JWT, or a JSON credential with an embedded proof. */
type Input =
  | { readonly format: 'jwt'; readonly jwt: ParsedJwt; readonly credential: JsonObject }
  | { readonly format: 'data-integrity'; readonly credential: JsonObject }

const unreadable = (message: string) => verificationError('parse', 'Unreadable', message)

/** The input as plain JSON, copied: every later step reads the copy, never the caller's object. */
const read = (input: unknown): E.Either<VerificationError, Input> => {
  if (isObject(input))
    return E.bimap(
      (problem: JsonProblem) => parseFailure('the credential', problem),
      (credential: JsonObject): Input => ({ format: 'data-integrity', credential }),
    )(plainJsonObject(input))
  if (typeof input !== 'string')
    return E.left(unreadable('a badge is a VC-JWT (a string) or a credential (a JSON object)'))
  const text = input.trim()
  const jws = readJwt(text)
  if (jws !== undefined)
    return E.map((jwt: ParsedJwt) => ({ format: 'jwt' as const, jwt, credential: jwt.credential }))(
      jws,
    )
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return E.left(unreadable('neither a compact JWS (VC-JWT) nor JSON'))
  }
  if (!isObject(parsed))
    return E.left(unreadable('the JSON is not an object: a credential is a JSON object'))
  // What JSON.parse just made is checked as `plainJsonObject` would, not copied again.
  return E.bimap(
    (problem: JsonProblem) => parseFailure('the credential', problem),
    (credential: JsonObject): Input => ({ format: 'data-integrity', credential }),
  )(parsedJsonObject(parsed))
}

const textAt = (o: unknown, key: string) => (isObject(o) ? stringAt(o, key) : undefined)

const summary = (
  input: Input,
  type: BadgeType,
  key: PublicKeyDocument,
  revocation: RevocationStatus,
): VerifiedBadge => {
  const { credential } = input
  const subject = credential['credentialSubject']
  const achievement = isObject(subject) ? subject['achievement'] : undefined
  return {
    format: input.format,
    type,
    credential,
    id: stringAt(credential, 'id') ?? '',
    name: stringAt(credential, 'name') ?? textAt(achievement, 'name'),
    issuer: { id: idOf(credential['issuer']) ?? '', name: textAt(credential['issuer'], 'name') },
    validFrom: stringAt(credential, 'validFrom'),
    validUntil: stringAt(credential, 'validUntil'),
    recipient: {
      id: textAt(subject, 'id'),
      identifiers: asArray(isObject(subject) ? subject['identifier'] : undefined)
        .filter(isObject)
        .map((identifier) => ({
          identityType: stringAt(identifier, 'identityType'),
          identityHash: stringAt(identifier, 'identityHash'),
          hashed: identifier['hashed'] === true,
          salt: stringAt(identifier, 'salt'),
        })),
    },
    achievement: isObject(achievement)
      ? {
          id: stringAt(achievement, 'id'),
          name: stringAt(achievement, 'name'),
          achievementType: stringAt(achievement, 'achievementType'),
        }
      : undefined,
    evidence: asArray(credential['evidence'])
      .filter(isObject)
      .map((evidence) => ({
        id: stringAt(evidence, 'id'),
        name: stringAt(evidence, 'name'),
        genre: stringAt(evidence, 'genre'),
        narrative: stringAt(evidence, 'narrative'),
      })),
    key: { id: key.id, controller: key.controller },
    revocation,
  }
}

/**
 * Verifies a badge, a VC-JWT (compact JWS; RS256, ES256 or EdDSA; the credential as its payload
 * or in a `vc` claim) or a JSON credential with an embedded `eddsa-rdfc-2022` proof (an array or
 * one object; the credential as an object or as JSON text), in the order of the OB 3.0 verifier:
 * `parse` (plain JSON, copied, with no member named `__proto__`: `PrototypeMember`), `schema`
 * (the official JSON Schema, a subject identified, and every link safe to render: `UnsafeLink`
 * for `javascript:`, `file:`, a `data:` URI other than a raster image or evidence, or
 * `http:` links unless `allowHttp`), `context` (VC 2.0 and
 * OB 3.0.3, every term defined), `type`, `proof` (the signature, by a key of the issuer, and for a
 * JWT its claims), `revocation` (against `revocationList` when given), `validity` (`validFrom`,
 * `validUntil`). Keys come from `keys`, then `resolveKey`, then `did:key` (offline). Resolves to
 * the first failure, naming its step, or to the verified badge; it never rejects.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, foldEnrollment, lausdPolicy, requirementsOf } from 'microcred'
 * import { buildOpenBadgeCredential, generateIssuerKey, issuerProfileDocument, signBadgeJwt, verifyBadge } from 'microcred/badge'
 * const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }
 * const earned = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam',
 *     programVersion: 1, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 *   // ...the hours, grades and capstone of the journey, then:
 *   { type: 'CredentialEarned', data: { enrollmentId: 'enr-1', at: '2027-05-01T16:00:00Z', credentialId: 'credential-enr-1',
 *     hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 } },
 * ])
 * const badge = buildOpenBadgeCredential(earned, catalog.steam, issuer, { salt: 'f3a9c2d4' })
 * assert.ok(E.isRight(badge))
 * const key = await generateIssuerKey('ES256', { controller: issuer.id })
 * const { verificationMethod } = await issuerProfileDocument(issuer, [key])
 * const jwt = await signBadgeJwt(badge.right, { privateKey: key.privateKeyJwk, kid: key.id, alg: 'ES256' })
 * assert.ok(E.isRight(jwt))
 * const verified = await verifyBadge(jwt.right, { keys: verificationMethod, now: new Date('2027-06-01T00:00:00Z') })
 * assert.ok(E.isRight(verified))
 * assert.equal(verified.right.format, 'jwt')
 * assert.equal(verified.right.name, 'LAUSD STEAM Micro-Credential')
 * assert.equal(verified.right.key.id, key.id)
 * const early = await verifyBadge(jwt.right, { keys: verificationMethod, now: new Date('2027-04-01T00:00:00Z') })
 * assert.ok(E.isLeft(early))
 * assert.deepEqual([early.left.step, early.left._tag], ['validity', 'NotYetValid'])
 * const tampered = await verifyBadge(`${jwt.right}x`, { keys: verificationMethod })
 * assert.ok(E.isLeft(tampered))
 * assert.equal(tampered.left.step, 'parse')
 */
export const verifyBadge = async (
  credentialOrJwt: unknown,
  options: VerifyOptions = {},
): Promise<E.Either<VerificationError, VerifiedBadge>> => {
  const input = read(credentialOrJwt)
  if (E.isLeft(input)) return input
  const { credential } = input.right
  // VC 2.0 lets `proof` be one object; the OB 3.0.3 schema wants an array: check it as one.
  const proof = credential['proof']
  const structure = validateBadgeStructure(
    isObject(proof) ? { ...credential, proof: [proof] } : credential,
  )
  if (E.isLeft(structure)) return structure
  const links = unsafeLinks(credential, { allowHttp: options.allowHttp === true })
  if (links.length > 0)
    return E.left(
      verificationError(
        'schema',
        'UnsafeLink',
        `the badge has links a wallet must not render: ${describeUnsafeLinks(links)}`,
        links.map(({ path, message }) => ({ path, message })),
      ),
    )
  const list = checkContextList(credential)
  if (E.isLeft(list)) return list
  // Verifying a Data Integrity proof canonicalizes the credential (without its proof) and the proof
  // (without its value) in JSON-LD safe mode: when the credential has that one proof and it
  // verifies, every term and type is defined, as the context step's own expansion would find.
  // So the expansion runs only when something fails (to report the first step that fails), or
  // first when the proof cannot stand for it (a VC-JWT, several proofs).
  const provenByProof = input.right.format === 'data-integrity' && asArray(proof).length === 1
  if (!provenByProof) {
    const contexts = await checkContexts(credential)
    if (E.isLeft(contexts)) return contexts
  }
  const verified = await stepsAfterContext(input.right, options)
  if (E.isRight(verified) || !provenByProof) return verified
  const contexts = await checkContexts(credential)
  return E.isLeft(contexts) ? contexts : verified
}

/** The steps after the context step: type, proof, revocation, validity. */
const stepsAfterContext = async (
  input: Input,
  options: VerifyOptions,
): Promise<E.Either<VerificationError, VerifiedBadge>> => {
  const { credential } = input
  const type = checkTypes(credential)
  if (E.isLeft(type)) return type
  const issuerId = idOf(credential['issuer']) ?? ''
  const key =
    input.format === 'jwt'
      ? await verifyJwtProof(input.jwt, issuerId, options)
      : await verifyDataIntegrityProof(credential, issuerId, options)
  if (E.isLeft(key)) return key
  const revocation = checkRevocation(credential, options.revocationList)
  if (E.isLeft(revocation)) return revocation
  // Verification happens now unless the caller says when: the one place microcred reads the clock.
  // eslint-disable-next-line no-restricted-syntax
  const validity = checkValidity(credential, options.now ?? new Date())
  if (E.isLeft(validity)) return validity
  return E.right(summary(input, type.right, key.right, revocation.right))
}
