/**
 * Finding the public key a proof names (a JWT's `kid`, a Data Integrity `verificationMethod`):
 * first among the keys the verifier trusts, then through its `resolveKey`, then, offline, from an
 * Ed25519 `did:key`; and checking that the key belongs to the credential's issuer.
 *
 * @internal
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { formatIssues, decodeIssues } from '../codec.js'
import { verificationError, type VerificationError } from './errors.js'
import { describeError } from './internal.js'
import { PublicKeyDocument } from './keys.js'

/** Where `verifyBadge` finds keys. */
export interface KeySources {
  /**
   * The public keys the verifier trusts, each with the issuer that controls it: typically the
   * `verificationMethod` of the issuer's published Profile.
   */
  readonly keys?: ReadonlyArray<PublicKeyDocument>
  /**
   * Looks up a key the `keys` do not hold (an https key document, a `did:web`): the only I/O
   * verification does. Resolve to `undefined` for a key you do not know.
   */
  readonly resolveKey?: (
    id: string,
  ) => Promise<PublicKeyDocument | undefined> | PublicKeyDocument | undefined
}

const unresolved = (message: string) => verificationError('proof', 'KeyUnresolved', message)

/** The Multikey document of an Ed25519 `did:key` (with or without its `#fragment`). */
const didKeyDocument = (id: string): PublicKeyDocument | undefined => {
  const match = /^(did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+))(?:#(.+))?$/.exec(id)
  if (match === null) return undefined
  const [, did = '', multibase = '', fragment] = match
  if (fragment !== undefined && fragment !== multibase) return undefined
  return { id, type: 'Multikey', controller: did, publicKeyMultibase: multibase }
}

/**
 * The key document of `id`, or `KeyUnresolved` saying where microcred looked.
 */
export const resolveVerificationKey = async (
  id: string,
  sources: KeySources,
): Promise<E.Either<VerificationError, PublicKeyDocument>> => {
  const supplied = sources.keys?.find((key) => key.id === id)
  if (supplied !== undefined) return E.right(supplied)
  if (sources.resolveKey !== undefined) {
    let found: unknown
    try {
      found = await sources.resolveKey(id)
    } catch (error) {
      return E.left(unresolved(`resolveKey failed for ${id}: ${describeError(error)}`))
    }
    if (found !== undefined) {
      const decoded = PublicKeyDocument.decode(found)
      if (E.isLeft(decoded))
        return E.left(
          unresolved(
            `resolveKey returned an invalid key document for ${id}: ${formatIssues(decodeIssues(decoded.left))}`,
          ),
        )
      if (decoded.right.id !== id)
        return E.left(unresolved(`resolveKey was asked for ${id} and returned ${decoded.right.id}`))
      return E.right(decoded.right)
    }
  }
  const didKey = didKeyDocument(id)
  if (didKey !== undefined) return E.right(didKey)
  return E.left(
    unresolved(
      `the key ${id} is unknown: pass the issuer's public keys as \`keys\` (the verificationMethod ` +
        `of its published Profile), or look them up with \`resolveKey\``,
    ),
  )
}

/**
 * `KeyNotIssuers` unless the key is controlled by the issuer: a valid signature by someone else's
 * key says nothing about the issuer.
 */
export const checkKeyIsIssuers = (
  key: PublicKeyDocument,
  issuerId: string,
): E.Either<VerificationError, PublicKeyDocument> =>
  key.controller === issuerId
    ? E.right(key)
    : E.left(
        verificationError(
          'proof',
          'KeyNotIssuers',
          `the signature is valid, but its key ${key.id} belongs to ${key.controller}, not to the ` +
            `issuer ${issuerId}: a badge must be signed with a key of its issuer (if you trust this ` +
            `key for that issuer, pass a key document with controller ${issuerId})`,
        ),
      )
