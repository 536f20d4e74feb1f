/**
 * The verification steps that need no key: contexts (the expected ones, served offline, and every
 * term defined: JSON-LD safe mode), types, revocation against a given list, validity dates.
 *
 * @internal
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import jsonld from 'jsonld'
import { decodeIssues, formatIssues } from '../codec.js'
import { contextUrls } from './credential.js'
import {
  isBundledContext,
  offlineDocumentLoader,
  OfflineDocumentMissing,
} from './document-loader.js'
import { verificationError, type VerificationError } from './errors.js'
import { expansionSucceededForShape, rememberExpansionSucceeded } from './expansion-shapes.js'
import { asArray, describeError, isObject, stringAt, type JsonObject } from './internal.js'
import { RevocationList, type RevocationStatus } from './revocation.js'

// -------------------------------------------------------------------------------------
// contexts
// -------------------------------------------------------------------------------------

const contextError = (message: string) => verificationError('context', 'ContextInvalid', message)

/** What a JSON-LD safe-mode error is about, in a person's words. */
const describeJsonLdError = (error: unknown): string => {
  if (error instanceof OfflineDocumentMissing)
    return `the context ${error.url} is not one microcred knows offline`
  const details = isObject(error) ? error['details'] : undefined
  const event = isObject(details) ? details['event'] : undefined
  const about = isObject(event) && isObject(event['details']) ? event['details'] : undefined
  if (about !== undefined) {
    const term = stringAt(about, 'property') ?? stringAt(about, 'type')
    if (term !== undefined) return `"${term}" is not defined by the credential's contexts`
  }
  const cause = isObject(details) ? details['cause'] : undefined
  return cause instanceof OfflineDocumentMissing ? describeJsonLdError(cause) : describeError(error)
}

/**
 * The part of the context step that reads only `@context`: the VC 2.0 context first, the OB 3.0.3
 * context second, every other context one microcred serves offline (or inline).
 */
export const checkContextList = (credential: JsonObject): E.Either<VerificationError, void> => {
  const contexts = asArray(credential['@context'])
  if (contexts[0] !== contextUrls.credentials)
    return E.left(
      contextError(
        `the first @context must be ${contextUrls.credentials} (VC 2.0), got ${JSON.stringify(contexts[0])}`,
      ),
    )
  if (contexts[1] !== contextUrls.openBadges)
    return E.left(
      contextError(
        `the second @context must be ${contextUrls.openBadges} (Open Badges 3.0.3), got ${JSON.stringify(contexts[1])}`,
      ),
    )
  const unknown = contexts.filter((c) => typeof c === 'string' && !isBundledContext(c))
  if (unknown.length > 0)
    return E.left(
      contextError(`the contexts ${unknown.join(', ')} are not ones microcred knows offline`),
    )
  return E.right(undefined)
}

/**
 * The context step: the contexts as `checkContextList` wants them, and every term and type
 * defined (JSON-LD expansion in safe mode). A credential of a shape that has expanded without
 * error before is not expanded again (see `expansion-shapes.ts`: the shape keeps everything the
 * outcome depends on).
 */
export const checkContexts = async (
  credential: JsonObject,
): Promise<E.Either<VerificationError, JsonObject>> => {
  const list = checkContextList(credential)
  if (E.isLeft(list)) return list
  if (expansionSucceededForShape(credential)) return E.right(credential)
  try {
    await jsonld.expand(credential, { documentLoader: offlineDocumentLoader(), safe: true })
  } catch (error) {
    return E.left(
      contextError(`the credential is not valid JSON-LD: ${describeJsonLdError(error)}`),
    )
  }
  rememberExpansionSucceeded(credential)
  return E.right(credential)
}

// -------------------------------------------------------------------------------------
// types
// -------------------------------------------------------------------------------------

const badgeTypes = [
  'OpenBadgeCredential',
  'AchievementCredential',
  'EndorsementCredential',
] as const
/** The kind of credential verified. */
export type BadgeType = (typeof badgeTypes)[number]

/** The type step: a `VerifiableCredential` that is an Open Badge (or an endorsement of one). */
export const checkTypes = (credential: JsonObject): E.Either<VerificationError, BadgeType> => {
  const types = asArray(credential['type'])
  const badgeType = badgeTypes.find((type) => types.includes(type))
  return types.includes('VerifiableCredential') && badgeType !== undefined
    ? E.right(badgeType)
    : E.left(
        verificationError(
          'type',
          'TypeInvalid',
          `the type must include VerifiableCredential and one of ${badgeTypes.join(', ')}; got ${JSON.stringify(credential['type'])}`,
        ),
      )
}

// -------------------------------------------------------------------------------------
// revocation
// -------------------------------------------------------------------------------------

/**
 * The revocation step: a credential whose `credentialStatus` names a `1EdTechRevocationList` is
 * `Revoked` when the given list (the one at that URL) holds its id with `revoked` true or absent.
 */
export const checkRevocation = (
  credential: JsonObject,
  list: unknown,
): E.Either<VerificationError, RevocationStatus> => {
  const statuses = asArray(credential['credentialStatus'])
    .filter(isObject)
    .filter((status) => status['type'] === '1EdTechRevocationList')
  if (statuses.length === 0) return E.right('noStatus')
  if (list === undefined) return E.right('notChecked')
  const decoded = RevocationList.decode(list)
  if (E.isLeft(decoded))
    return E.left(
      verificationError(
        'revocation',
        'RevocationListInvalid',
        `the revocation list is not a 1EdTechRevocationList: ${formatIssues(decodeIssues(decoded.left))}`,
      ),
    )
  const urls = statuses.map((status) => stringAt(status, 'id'))
  if (!urls.includes(decoded.right.id))
    return E.left(
      verificationError(
        'revocation',
        'RevocationListInvalid',
        `the revocation list given is ${decoded.right.id}, but the badge names ${urls.join(', ')}: ` +
          'pass the list the badge names',
      ),
    )
  const entry = decoded.right.revokedCredentials.find(
    (revoked) => revoked.id === credential['id'] && revoked.revoked !== false,
  )
  if (entry === undefined) return E.right('notRevoked')
  const reason = entry.revocationReason === undefined ? '' : `: ${entry.revocationReason}`
  return E.left(
    verificationError(
      'revocation',
      'Revoked',
      `the issuer revoked this badge (listed in ${decoded.right.id})${reason}`,
    ),
  )
}

// -------------------------------------------------------------------------------------
// validity
// -------------------------------------------------------------------------------------

/** The validity step: `validFrom` has come and `validUntil`, if any, has not passed. */
export const checkValidity = (
  credential: JsonObject,
  now: Date,
): E.Either<VerificationError, void> => {
  const validFrom = stringAt(credential, 'validFrom')
  const validUntil = stringAt(credential, 'validUntil')
  if (validFrom !== undefined && Date.parse(validFrom) > now.getTime())
    return E.left(
      verificationError(
        'validity',
        'NotYetValid',
        `the badge is not valid until ${validFrom} (it is ${now.toISOString()})`,
      ),
    )
  if (validUntil !== undefined && Date.parse(validUntil) < now.getTime())
    return E.left(
      verificationError(
        'validity',
        'Expired',
        `the badge expired on ${validUntil} (it is ${now.toISOString()})`,
      ),
    )
  return E.right(undefined)
}
