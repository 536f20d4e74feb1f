/**
 * What can go wrong issuing, signing and verifying a badge: values with a `_tag` and a message a
 * person can act on. Nothing in microcred/badge throws or rejects.
 *
 * @packageDocumentation
 */
import type * as t from 'io-ts'
import { decodeIssues, formatIssues, type DecodeIssue } from '../codec.js'

// -------------------------------------------------------------------------------------
// issuing and signing
// -------------------------------------------------------------------------------------

/** Why a badge was not built or not signed. */
export interface BadgeError {
  readonly _tag:
    | 'NotEarned'
    | 'EnrollmentRevoked'
    | 'ProgramMismatch'
    | 'InvalidBadgeInput'
    | 'UnsafeLink'
    | 'WrongKey'
    | 'SigningFailed'
  readonly message: string
  /**
   * For `InvalidBadgeInput`: each input that did not decode, with its path; for `UnsafeLink`:
   * each link refused, with its path in the credential.
   */
  readonly issues?: ReadonlyArray<DecodeIssue>
}

/**
 * A `BadgeError`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { badgeError } from 'microcred/badge'
 * assert.deepEqual(badgeError('SigningFailed', 'the key is not an Ed25519 key'), {
 *   _tag: 'SigningFailed',
 *   message: 'the key is not an Ed25519 key',
 * })
 */
export const badgeError = (
  tag: BadgeError['_tag'],
  message: string,
  issues?: ReadonlyArray<DecodeIssue>,
): BadgeError => (issues === undefined ? { _tag: tag, message } : { _tag: tag, message, issues })

/**
 * The `InvalidBadgeInput` error of an input that did not decode, naming what and where.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { invalidBadgeInput } from 'microcred/badge'
 * const decoded = t.type({ salt: t.string }).decode({})
 * assert.ok(E.isLeft(decoded))
 * const error = invalidBadgeInput('options', decoded.left)
 * assert.equal(error._tag, 'InvalidBadgeInput')
 * assert.equal(error.message, 'invalid options: at salt: expected string, got nothing')
 * assert.deepEqual(error.issues, [{ path: 'salt', message: 'expected string, got nothing' }])
 */
export const invalidBadgeInput = (what: string, errors: t.Errors): BadgeError => {
  const issues = decodeIssues(errors)
  return badgeError('InvalidBadgeInput', `invalid ${what}: ${formatIssues(issues)}`, issues)
}

// -------------------------------------------------------------------------------------
// verifying
// -------------------------------------------------------------------------------------

/**
 * The steps of verification, in the order the Open Badges 3.0 verifier runs them: read the input
 * (plain JSON, with no member named `__proto__`), check it against the official JSON Schema (and
 * that its subject is identified and every link it renders is safe to follow), check its
 * JSON-LD contexts and its types, check the proof (VC-JWT or Data Integrity), the revocation
 * status, then the validity dates.
 */
export type VerificationStep =
  'parse' | 'schema' | 'context' | 'type' | 'proof' | 'revocation' | 'validity'

/** Why verification failed, by step. */
export interface VerificationFailures {
  readonly parse: 'Unreadable' | 'PrototypeMember'
  readonly schema: 'SchemaInvalid' | 'SubjectUnidentified' | 'UnsafeLink'
  readonly context: 'ContextInvalid'
  readonly type: 'TypeInvalid'
  readonly proof:
    | 'ProofMissing'
    | 'ProofUnsupported'
    | 'KeyUnresolved'
    | 'KeyNotIssuers'
    | 'SignatureInvalid'
    | 'ClaimsMismatch'
  readonly revocation: 'Revoked' | 'RevocationListInvalid'
  readonly validity: 'NotYetValid' | 'Expired'
}

/** A verification failure: its tag, the step that found it, and what to do about it. */
export type VerificationError = {
  readonly [S in VerificationStep]: {
    readonly _tag: VerificationFailures[S]
    readonly step: S
    readonly message: string
    /**
     * For `SchemaInvalid`: every schema violation, with its path in the credential; for
     * `UnsafeLink`: every link refused, with its path.
     */
    readonly issues?: ReadonlyArray<DecodeIssue>
  }
}[VerificationStep]

/**
 * A `VerificationError` found at `step`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { verificationError } from 'microcred/badge'
 * assert.deepEqual(verificationError('validity', 'Expired', 'expired on 2030-01-01T00:00:00Z'), {
 *   _tag: 'Expired',
 *   step: 'validity',
 *   message: 'expired on 2030-01-01T00:00:00Z',
 * })
 */
export const verificationError = <S extends VerificationStep>(
  step: S,
  tag: VerificationFailures[S],
  message: string,
  issues?: ReadonlyArray<DecodeIssue>,
): VerificationError =>
  ({
    _tag: tag,
    step,
    message,
    ...(issues === undefined ? {} : { issues }),
  }) as VerificationError
