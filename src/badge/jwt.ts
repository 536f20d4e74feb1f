/**
 * The VC-JWT proof format of Open Badges 3.0: the credential is the payload of a compact JWS, with
 * the JOSE header `{ alg, kid, typ: 'JWT' }` and the claims `iss` (issuer id), `jti` (credential
 * id), `nbf` (validFrom), `sub` (credentialSubject id) and `exp` (validUntil, when there is one).
 * Signed and verified with `jose`: RS256, ES256 or EdDSA (Ed25519). Verification also reads the
 * form that wraps the credential in a `vc` claim (`{ vc: credential, iss, jti, nbf, sub }`), as
 * the OB 3.0.3 verifier converts it.
 *
 * @packageDocumentation
 */
import type { KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { calculateJwkThumbprint, CompactSign, compactVerify, type CryptoKey, type JWK } from 'jose'
import { IsoDateTime, Url } from '../codec.js'
import type { OpenBadgeCredential, SignedOpenBadgeCredential } from './credential.js'
import { badgeError, invalidBadgeInput, verificationError, type BadgeError } from './errors.js'
import type { VerificationError } from './errors.js'
import { describeError, isObject, numericDate, own, stringAt, type JsonObject } from './internal.js'
import {
  ed25519JwkOfMultibase,
  importJwkOnce,
  importPublicJwkOnce,
  type ImportedKey,
} from './key-cache.js'
import { parseFailure, parsedJsonObject, toSign } from './json.js'
import { publicJwk, type JwtAlgorithm, type Jwk, type PublicKeyDocument } from './keys.js'
import { checkKeyIsIssuers, resolveVerificationKey, type KeySources } from './resolve-key.js'

// -------------------------------------------------------------------------------------
// signing
// -------------------------------------------------------------------------------------

/** How to sign a VC-JWT badge: the private key (never sent anywhere), its `kid` and algorithm. */
export interface JwtSigningOptions {
  /** The private key: a JWK (such as an `IssuerKeyPair`'s `privateKeyJwk`), a CryptoKey or a KeyObject. */
  readonly privateKey: Jwk | CryptoKey | KeyObject
  /** The key's URL, which verifiers dereference to its public JWK (an `IssuerKeyPair`'s `id`). */
  readonly kid: string
  /** `RS256`, `ES256` or `EdDSA` (an Ed25519 key). */
  readonly alg: JwtAlgorithm
}

/** What the claims are made of. */
const ClaimsSource = t.intersection([
  t.type({
    id: Url,
    issuer: t.type({ id: Url }),
    validFrom: IsoDateTime,
    credentialSubject: t.type({ id: Url }),
  }),
  t.partial({ validUntil: IsoDateTime }),
])

const isJwk = (key: JwtSigningOptions['privateKey']): key is Jwk =>
  isObject(key) && typeof key['kty'] === 'string'

const utf8 = new TextEncoder()

/** The algorithms of VC-JWT badges. */
const jwtAlgorithms: ReadonlyArray<unknown> = ['RS256', 'ES256', 'EdDSA']

/** The signing key: a JWK imported once per key (see `importJwkOnce`), anything else as given. */
const importPrivateKey = async (
  options: JwtSigningOptions,
): Promise<E.Either<BadgeError, ImportedKey>> => {
  if (!isJwk(options.privateKey)) return E.right(options.privateKey)
  const jwk = options.privateKey
  if (jwk.d === undefined)
    return E.left(badgeError('WrongKey', 'this JWK is a public key: signing needs the private key'))
  if (jwk.alg !== undefined && jwk.alg !== options.alg)
    return E.left(badgeError('WrongKey', `this is a ${jwk.alg} key, not a ${options.alg} key`))
  try {
    return E.right(await importJwkOnce(jwk, options.alg))
  } catch (error) {
    return E.left(
      badgeError('WrongKey', `cannot sign ${options.alg} with this key: ${describeError(error)}`),
    )
  }
}

/**
 * Signs a badge as a VC-JWT: a compact JWS whose payload is the credential with the claims `iss`,
 * `jti`, `nbf`, `sub` (and `exp` when it has `validUntil`), and whose header is
 * `{ alg, kid, typ: 'JWT' }`, signed RS256, ES256 or EdDSA (Ed25519). The key stays with the
 * caller; a JWK is imported once and kept for the next calls. A credential that already carries a
 * Data Integrity proof keeps it inside the payload, as the spec orders. A credential that is not
 * plain JSON data, or has a member named `__proto__`, is `InvalidBadgeInput`; one with a
 * `javascript:`, `file:` or non-image `data:` link is `UnsafeLink`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, foldEnrollment, lausdPolicy, requirementsOf } from 'microcred'
 * import { buildOpenBadgeCredential, generateIssuerKey, signBadgeJwt, type OpenBadgeCredential } from 'microcred/badge'
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
 * const key = await generateIssuerKey('ES256', { controller: issuer.id })
 * const signing = { privateKey: key.privateKeyJwk, kid: key.id, alg: 'ES256' } as const
 * const jwt = await signBadgeJwt(badge.right, signing)
 * assert.ok(E.isRight(jwt))
 * const [header = '', payload = ''] = jwt.right.split('.')
 * assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'ES256', kid: key.id, typ: 'JWT' })
 * const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
 * assert.equal(claims.iss, issuer.id)
 * assert.equal(claims.jti, badge.right.id)
 * assert.equal(claims.nbf, Date.parse('2027-05-01T16:00:00Z') / 1000)
 * const refused = await signBadgeJwt({} as OpenBadgeCredential, signing)
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left._tag, 'InvalidBadgeInput')
 */
export const signBadgeJwt = async (
  credential: OpenBadgeCredential | SignedOpenBadgeCredential,
  options: JwtSigningOptions,
): Promise<E.Either<BadgeError, string>> => {
  const copy = toSign(credential)
  if (E.isLeft(copy)) return copy
  const source = ClaimsSource.decode(copy.right)
  if (E.isLeft(source)) return E.left(invalidBadgeInput('credential to sign', source.left))
  if (!Url.is(options.kid))
    return E.left(badgeError('InvalidBadgeInput', `kid must be the key's URL, got ${options.kid}`))
  if (!jwtAlgorithms.includes(options.alg))
    return E.left(
      badgeError(
        'InvalidBadgeInput',
        `VC-JWT badges are signed RS256, ES256 or EdDSA, not ${String(options.alg)}`,
      ),
    )
  const key = await importPrivateKey(options)
  if (E.isLeft(key)) return key
  const { id, issuer, validFrom, validUntil, credentialSubject } = source.right
  const claims = {
    iss: issuer.id,
    jti: id,
    nbf: numericDate(validFrom),
    sub: credentialSubject.id,
    ...(validUntil === undefined ? {} : { exp: numericDate(validUntil) }),
  }
  try {
    // The payload is the JSON of the copy with its claims, as jose's `SignJWT` writes it; the copy
    // is this call's own, so the claims are written into it (`SignJWT` clones what it is given).
    const payload = utf8.encode(JSON.stringify(Object.assign(copy.right, claims)))
    const jwt = await new CompactSign(payload)
      .setProtectedHeader({ alg: options.alg, kid: options.kid, typ: 'JWT' })
      .sign(key.right)
    return E.right(jwt)
  } catch (error) {
    return E.left(badgeError('SigningFailed', `signing failed: ${describeError(error)}`))
  }
}

// -------------------------------------------------------------------------------------
// verifying
// -------------------------------------------------------------------------------------

/** A compact JWS, read but not yet verified. */
export interface ParsedJwt {
  readonly compact: string
  readonly header: JsonObject
  readonly payload: JsonObject
  /** The credential: the payload without the JWT claims, or the payload's `vc` claim. */
  readonly credential: JsonObject
}

const claimNames = ['iss', 'jti', 'nbf', 'sub', 'exp'] as const

/** What a payload that wraps the credential in `vc` may hold beside it: JWT claims. */
const wrapperClaims: ReadonlySet<string> = new Set([...claimNames, 'iat', 'vc'])

/** One or more base64url digits. */
const digits = /^[\w-]+$/

const base64urlDigits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Whether base64url digits (`[A-Za-z0-9_-]`, no padding) are the canonical spelling of the bytes
 * they decode to: `Buffer.from(part, 'base64url').toString('base64url') === part`. Bytes come in
 * groups of three per four digits, so a part of length 4n+1 spells no byte with its last digit,
 * and the last digit of a part of length 4n+2 (4n+3) carries 4 (2) bits that no byte uses, which
 * another spelling may set. Reads the last digit only.
 *
 * @example
 * import assert from 'node:assert/strict'
 * assert.equal(isCanonicalBase64url('AQ'), true) // the byte 0x01
 * assert.equal(isCanonicalBase64url('AR'), false) // the same byte, with a bit no byte uses set
 * assert.equal(isCanonicalBase64url('A'), false) // no byte at all
 */
export const isCanonicalBase64url = (part: string): boolean => {
  const rest = part.length % 4
  if (rest === 0) return true
  if (rest === 1) return false
  const last = base64urlDigits.indexOf(part.charAt(part.length - 1))
  return last >= 0 && (last & (rest === 2 ? 0b1111 : 0b11)) === 0
}

/**
 * The bytes a part spells if it is canonical base64url: encoded again, they spell it exactly, so
 * it holds base64url digits only. Non-canonical base64url (unused trailing bits set) decodes to
 * the same bytes: it is refused, so that every changed character of a badge is a different badge.
 */
const canonicalBytes = (part: string): Buffer | undefined => {
  const bytes = Buffer.from(part, 'base64url')
  return bytes.toString('base64url') === part ? bytes : undefined
}

/** The JSON value some bytes hold, if they are UTF-8 JSON. */
const jsonOf = (bytes: Buffer | undefined): E.Either<undefined, unknown> => {
  if (bytes === undefined) return E.left(undefined)
  try {
    return E.right(JSON.parse(bytes.toString('utf8')))
  } catch {
    return E.left(undefined)
  }
}

const notCompactJws = verificationError(
  'parse',
  'Unreadable',
  'not a compact JWS: expected three canonical base64url parts, a JSON header and a JSON payload',
)

/**
 * A decoded segment as a plain JSON object (see `parsedJsonObject`: what `JSON.parse` made is
 * checked, not copied), naming `what` it is.
 */
const objectOf = (
  what: string,
  decoded: E.Either<undefined, unknown>,
): E.Either<VerificationError, JsonObject> => {
  if (E.isLeft(decoded) || !isObject(decoded.right)) return E.left(notCompactJws)
  const checked = parsedJsonObject(decoded.right)
  return E.isLeft(checked) ? E.left(parseFailure(what, checked.left)) : checked
}

/**
 * The credential a payload carries: its `vc` claim when it has one (then nothing but JWT claims
 * beside it), else the payload without the JWT claims.
 */
const credentialOf = (payload: JsonObject): E.Either<VerificationError, JsonObject> => {
  const wrapped = own(payload, 'vc')
  if (wrapped === undefined)
    return E.right(
      Object.fromEntries(
        Object.entries(payload).filter(
          ([name]) => !(claimNames as ReadonlyArray<string>).includes(name),
        ),
      ),
    )
  if (!isObject(wrapped))
    return E.left(
      verificationError(
        'parse',
        'Unreadable',
        "the JWT payload's vc claim must be the credential, a JSON object",
      ),
    )
  const beside = Object.keys(payload).filter((name) => !wrapperClaims.has(name))
  return beside.length === 0
    ? E.right(wrapped)
    : E.left(
        verificationError(
          'parse',
          'Unreadable',
          `a JWT payload with a vc claim carries the credential there and only JWT claims (iss, ` +
            `jti, nbf, sub, exp, iat) beside it; found ${beside.slice(0, 5).join(', ')}`,
        ),
      )
}

/**
 * Reads a compact JWS: three canonical base64url parts, a JSON header and a JSON payload, both
 * plain JSON objects with no member named `__proto__` (`PrototypeMember`). The credential is the
 * payload without the JWT claims, or, when the payload has a `vc` claim, that claim.
 */
export const parseJwt = (compact: string): E.Either<VerificationError, ParsedJwt> =>
  readJwt(compact) ?? E.left(notCompactJws)

/**
 * `parseJwt` of text that looks like a compact JWS (three base64url parts, the last maybe empty),
 * or `undefined` for other text, without reading the payload's digits twice: its bytes, encoded
 * again, spell it exactly (canonical base64url, digits only), and only a payload that does not is
 * matched against the digits, to tell a JWS that is not canonical (refused) from text that is no
 * JWS.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * const header = Buffer.from(JSON.stringify({ alg: 'ES256' })).toString('base64url')
 * const payload = Buffer.from(JSON.stringify({ iss: 'https://issuer.example', name: 'x' })).toString('base64url')
 * const read = readJwt(`${header}.${payload}.c2ln`)
 * assert.ok(read !== undefined && E.isRight(read))
 * assert.deepEqual(read.right.credential, { name: 'x' }) // the payload without the JWT claims
 * const bent = readJwt(`${header}.${payload}.c2l`) // a signature spelled non-canonically
 * assert.ok(bent !== undefined && E.isLeft(bent))
 * assert.equal(readJwt('{"name": "x"}'), undefined) // no JWS: verifyBadge reads it as JSON
 */
export const readJwt = (text: string): E.Either<VerificationError, ParsedJwt> | undefined => {
  const first = text.indexOf('.')
  const second = first < 0 ? -1 : text.indexOf('.', first + 1)
  if (second < 0 || text.includes('.', second + 1)) return undefined
  const head = text.slice(0, first)
  const body = text.slice(first + 1, second)
  const signature = text.slice(second + 1)
  if (!digits.test(head) || (signature !== '' && !digits.test(signature))) return undefined
  const bytes = body === '' ? undefined : canonicalBytes(body)
  if (bytes === undefined && !digits.test(body)) return undefined
  if (signature === '' || !isCanonicalBase64url(signature)) return E.left(notCompactJws)
  const header = objectOf(
    'the JWT header',
    jsonOf(isCanonicalBase64url(head) ? Buffer.from(head, 'base64url') : undefined),
  )
  if (E.isLeft(header)) return header
  const payload = objectOf('the JWT payload', jsonOf(bytes))
  if (E.isLeft(payload)) return payload
  const credential = credentialOf(payload.right)
  if (E.isLeft(credential)) return credential
  return E.right({
    compact: text,
    header: header.right,
    payload: payload.right,
    credential: credential.right,
  })
}

const proofError = (
  tag: 'ProofUnsupported' | 'KeyUnresolved' | 'SignatureInvalid' | 'ClaimsMismatch',
  message: string,
) => verificationError('proof', tag, message)

const allowedHeader = new Set(['alg', 'kid', 'jwk', 'typ'])

/** The trusted key a header names: by `kid`, or a trusted key equal to its embedded `jwk`. */
const keyOfHeader = async (
  header: JsonObject,
  sources: KeySources,
): Promise<E.Either<VerificationError, PublicKeyDocument>> => {
  const kid = stringAt(header, 'kid')
  if (kid !== undefined) return resolveVerificationKey(kid, sources)
  const embedded = header['jwk']
  if (!isObject(embedded) || typeof embedded['kty'] !== 'string')
    return E.left(
      proofError('KeyUnresolved', 'the JWT header names no key: it needs a kid (or a jwk)'),
    )
  const thumbprint = await calculateJwkThumbprint(publicJwk(embedded as Jwk) as JWK)
  for (const key of sources.keys ?? []) {
    const jwk =
      key.publicKeyJwk ??
      (key.publicKeyMultibase === undefined
        ? undefined
        : await ed25519JwkOfMultibase(key.publicKeyMultibase))
    if (jwk !== undefined && (await calculateJwkThumbprint(publicJwk(jwk) as JWK)) === thumbprint)
      return E.right(key)
  }
  return E.left(
    proofError(
      'KeyUnresolved',
      "the JWT carries its own key (jwk) and none of the trusted keys is that key: pass the issuer's keys",
    ),
  )
}

/** Checks that the JWT claims say what the credential says, as the VC-JWT verifier requires. */
const checkClaims = (jwt: ParsedJwt, issuerId: string): E.Either<VerificationError, void> => {
  const { payload, credential } = jwt
  const subject = credential['credentialSubject']
  const subjectId = isObject(subject) ? stringAt(subject, 'id') : undefined
  const validFrom = stringAt(credential, 'validFrom') ?? ''
  const validUntil = stringAt(credential, 'validUntil')
  const mismatches = [
    payload['iss'] === issuerId ? [] : [`iss must be the issuer id ${issuerId}`],
    payload['jti'] === credential['id']
      ? []
      : [`jti must be the credential id ${String(credential['id'])}`],
    subjectId !== undefined && payload['sub'] === subjectId
      ? []
      : [`sub must be the credentialSubject id ${subjectId ?? '(the subject has no id)'}`],
    payload['nbf'] === numericDate(validFrom)
      ? []
      : [`nbf must be validFrom (${validFrom}) in seconds`],
    validUntil === undefined
      ? payload['exp'] === undefined
        ? []
        : ['exp is set but the credential has no validUntil']
      : payload['exp'] === numericDate(validUntil)
        ? []
        : [`exp must be validUntil (${validUntil}) in seconds`],
  ].flat()
  return mismatches.length === 0
    ? E.right(undefined)
    : E.left(
        proofError(
          'ClaimsMismatch',
          `the JWT claims disagree with the credential: ${mismatches.join('; ')}`,
        ),
      )
}

/**
 * Verifies a VC-JWT proof: header as OB 3.0 allows it, the key found and able to verify the
 * algorithm, the signature, the key controlled by the issuer, the claims matching the credential.
 */
export const verifyJwtProof = async (
  jwt: ParsedJwt,
  issuerId: string,
  sources: KeySources,
): Promise<E.Either<VerificationError, PublicKeyDocument>> => {
  const { header } = jwt
  const extra = Object.keys(header).filter((name) => !allowedHeader.has(name))
  const alg = stringAt(header, 'alg')
  if (extra.length > 0)
    return E.left(
      proofError(
        'ProofUnsupported',
        `OB 3.0 allows no JOSE header but alg, kid, jwk and typ; found ${extra.join(', ')}`,
      ),
    )
  if (header['typ'] !== undefined && header['typ'] !== 'JWT')
    return E.left(
      proofError(
        'ProofUnsupported',
        `the JOSE header typ must be "JWT", got ${JSON.stringify(header['typ'])}`,
      ),
    )
  if (alg === undefined || !jwtAlgorithms.includes(alg))
    return E.left(
      proofError(
        'ProofUnsupported',
        `VC-JWT badges are verified with RS256, ES256 or EdDSA, not ${String(alg)}`,
      ),
    )
  const found = await keyOfHeader(header, sources)
  if (E.isLeft(found)) return found
  const key = found.right
  if (key.publicKeyJwk === undefined && (alg !== 'EdDSA' || key.publicKeyMultibase === undefined))
    return E.left(
      proofError('SignatureInvalid', `the key ${key.id} is not a JWK: it cannot verify ${alg}`),
    )
  let publicKey: ImportedKey
  try {
    const jwk = key.publicKeyJwk ?? (await ed25519JwkOfMultibase(key.publicKeyMultibase ?? ''))
    if (jwk === undefined)
      return E.left(
        proofError(
          'SignatureInvalid',
          `the key ${key.id} is not an Ed25519 key: it cannot verify EdDSA`,
        ),
      )
    publicKey = await importPublicJwkOnce(jwk, alg)
  } catch (error) {
    return E.left(
      proofError(
        'SignatureInvalid',
        `the key ${key.id} cannot verify ${alg}: ${describeError(error)}`,
      ),
    )
  }
  try {
    await compactVerify(jwt.compact, publicKey, { algorithms: [alg] })
  } catch {
    return E.left(
      proofError(
        'SignatureInvalid',
        `the signature does not verify with the key ${key.id}: the badge was changed after it was ` +
          'signed, or signed with another key',
      ),
    )
  }
  const issuers = checkKeyIsIssuers(key, issuerId)
  if (E.isLeft(issuers)) return issuers
  const claims = checkClaims(jwt, issuerId)
  return E.isLeft(claims) ? claims : E.right(key)
}
