/**
 * Revocation: the issuer's `1EdTechRevocationList` (1EdTech Revocation List Status Method 1.0), a
 * projection of the `CredentialRevoked` events in the log, published at the URL every badge names
 * in its `credentialStatus`; and the check a verifier makes against it.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { NonEmptyString, Url } from '../codec.js'
import { CredentialRevoked } from '../enrollment/events.js'
import { contextUrls, type Issuer } from './credential.js'
import { badgeUrls } from './urls.js'

/**
 * A revoked credential in the list: its `id`, `revoked` (true or absent), and why, if the issuer
 * publishes it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RevokedCredential } from 'microcred/badge'
 * assert.equal(RevokedCredential.is({ id: 'https://achieve.lausd.net/microcred/credentials/c-1' }), true)
 * assert.equal(RevokedCredential.is({ id: 'https://achieve.lausd.net/microcred/credentials/c-1', revoked: 'yes' }), false)
 */
export const RevokedCredential = t.intersection(
  [t.type({ id: Url }), t.partial({ revoked: t.boolean, revocationReason: NonEmptyString })],
  'RevokedCredential',
)
/** A revoked credential in the list. */
export type RevokedCredential = t.TypeOf<typeof RevokedCredential>

/**
 * An issuer's revocation list: its URL (`id`, which badges name in `credentialStatus`), the
 * issuer's id, and the credentials it revoked.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RevocationList } from 'microcred/badge'
 * const list = {
 *   id: 'https://achieve.lausd.net/microcred/revocations',
 *   issuer: 'https://achieve.lausd.net/microcred/issuer',
 *   revokedCredentials: [],
 * }
 * assert.equal(RevocationList.is(list), true)
 * assert.equal(RevocationList.is({ ...list, revokedCredentials: [{ id: 'c-1' }] }), false) // ids are URLs
 */
export const RevocationList = t.intersection(
  [
    t.type({ id: Url, issuer: Url, revokedCredentials: t.array(RevokedCredential) }),
    t.partial({ '@context': t.unknown }),
  ],
  'RevocationList',
)
/** An issuer's revocation list. */
export type RevocationList = t.TypeOf<typeof RevocationList>

/** How to build the revocation list. */
export interface RevocationListOptions {
  /** The issuer, as given to `buildOpenBadgeCredential`. */
  readonly issuer: Issuer
  /** Where badges are published, as given to `buildOpenBadgeCredential` (the issuer id by default). */
  readonly baseUrl?: string
  /** Publish each revocation's reason (`revocationReason`)? Off by default: reasons may be private. */
  readonly reasons?: boolean
}

/**
 * The issuer's `1EdTechRevocationList`, projected from the log: every `CredentialRevoked` event,
 * in log order, as the URL of its badge (the same URL `buildOpenBadgeCredential` gives the badge),
 * `revoked: true`, and the reason when `reasons` is on. Other events are ignored, so the whole log
 * (or any store's `readAll`) can be passed.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { buildRevocationList } from 'microcred/badge'
 * const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }
 * const revoked = {
 *   type: 'CredentialRevoked',
 *   data: { enrollmentId: 'enr-1', credentialId: 'cred-1', reason: 'Evidence was plagiarized', revokedBy: 'admin-1', at: '2027-06-01T16:00:00Z' },
 * }
 * const list = buildRevocationList([revoked], { issuer })
 * assert.equal(list.id, 'https://achieve.lausd.net/microcred/issuer/revocations')
 * assert.deepEqual(list.revokedCredentials, [
 *   { id: 'https://achieve.lausd.net/microcred/issuer/credentials/cred-1', revoked: true },
 * ])
 * const withReasons = buildRevocationList([revoked], { issuer, reasons: true })
 * assert.equal(withReasons.revokedCredentials[0]?.revocationReason, 'Evidence was plagiarized')
 */
export const buildRevocationList = (
  events: Iterable<{ readonly type: string; readonly data: unknown }>,
  options: RevocationListOptions,
): RevocationList => {
  const urls = badgeUrls(options.baseUrl ?? options.issuer.id)
  const revoked = new Map<string, RevokedCredential>()
  for (const event of events) {
    if (!CredentialRevoked.is(event)) continue
    const id = urls.credential(event.data.credentialId)
    if (revoked.has(id)) continue
    revoked.set(id, {
      id,
      revoked: true,
      ...(options.reasons === true ? { revocationReason: event.data.reason } : {}),
    })
  }
  return {
    '@context': [contextUrls.credentials, contextUrls.extensions],
    id: urls.revocationList,
    issuer: options.issuer.id,
    revokedCredentials: [...revoked.values()],
  }
}

/** The outcome of the revocation step. */
export type RevocationStatus =
  /** The credential names no `1EdTechRevocationList`: it cannot be revoked. */
  | 'noStatus'
  /** It names one, and no list was given: the caller should fetch the list and verify again. */
  | 'notChecked'
  /** The given list does not hold it. */
  | 'notRevoked'
