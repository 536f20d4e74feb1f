/**
 * How `src/badge/jwt.ts` read a compact JWS before issue 15 (part 4, second pass), kept verbatim
 * as the oracle of its replacement: a regular expression over the whole text to tell a JWT, the
 * parts decoded and encoded again to refuse non-canonical base64url, the header and payload
 * copied by `plainJsonObject` (`./json.ts`). `test/badge/fast-paths.property.test.ts` holds the
 * library to its answers.
 */
import * as E from 'fp-ts/lib/Either.js'
import { verificationError, type VerificationError } from '../../../src/badge/errors.js'
import { isObject, own, type JsonObject } from '../../../src/badge/internal.js'
import { parseFailure } from '../../../src/badge/json.js'
import type { ParsedJwt } from '../../../src/badge/jwt.js'
import { plainJson } from './json.js'

const plainJsonObject = (value: unknown) => {
  const copied = plainJson(value)
  if (E.isLeft(copied)) return copied
  const object = copied.right
  return typeof object === 'object' && object !== null && !Array.isArray(object)
    ? E.right(object as JsonObject)
    : E.left({ kind: 'notData' as const, path: '(root)', problem: 'not a JSON object' })
}

const claimNames = ['iss', 'jti', 'nbf', 'sub', 'exp'] as const

/** What a payload that wraps the credential in `vc` may hold beside it: JWT claims. */
const wrapperClaims: ReadonlySet<string> = new Set([...claimNames, 'iat', 'vc'])

const segment = /^[A-Za-z0-9_-]+$/

/** The JSON value a base64url segment encodes, if it is canonical base64url of JSON. */
const decodeSegment = (part: string): E.Either<undefined, unknown> => {
  const bytes = Buffer.from(part, 'base64url')
  // Non-canonical base64url (unused trailing bits set) decodes to the same bytes: refuse it, so
  // that every changed character of a badge is a different badge.
  if (bytes.toString('base64url') !== part) return E.left(undefined)
  try {
    return E.right(JSON.parse(bytes.toString('utf8')))
  } catch {
    return E.left(undefined)
  }
}

/** Whether text looks like a compact JWS (three base64url parts). */
export const looksLikeJwt = (text: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(text)

const notCompactJws = verificationError(
  'parse',
  'Unreadable',
  'not a compact JWS: expected three canonical base64url parts, a JSON header and a JSON payload',
)

/** A decoded segment as a plain JSON object (see `plainJsonObject`), naming `what` it is. */
const objectOf = (
  what: string,
  decoded: E.Either<undefined, unknown>,
): E.Either<VerificationError, JsonObject> => {
  if (E.isLeft(decoded) || !isObject(decoded.right)) return E.left(notCompactJws)
  const copied = plainJsonObject(decoded.right)
  return E.isLeft(copied) ? E.left(parseFailure(what, copied.left)) : copied
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
export const parseJwt = (compact: string): E.Either<VerificationError, ParsedJwt> => {
  const parts = compact.split('.')
  const [head = '', body = '', signature = ''] = parts
  const signed =
    segment.test(signature) &&
    Buffer.from(signature, 'base64url').toString('base64url') === signature
  if (parts.length !== 3 || !segment.test(head) || !segment.test(body) || !signed)
    return E.left(notCompactJws)
  const header = objectOf('the JWT header', decodeSegment(head))
  if (E.isLeft(header)) return header
  const payload = objectOf('the JWT payload', decodeSegment(body))
  if (E.isLeft(payload)) return payload
  const credential = credentialOf(payload.right)
  if (E.isLeft(credential)) return credential
  return E.right({
    compact,
    header: header.right,
    payload: payload.right,
    credential: credential.right,
  })
}
