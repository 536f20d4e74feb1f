/**
 * Where a district publishes its badges, derived from one base URL, so that a credential, its
 * achievement and the revocation list that names it always agree.
 *
 * @packageDocumentation
 */

/** The URLs of a district's badges under one base URL. */
export interface BadgeUrls {
  /** The base, without a trailing slash. */
  readonly base: string
  /** The stable URL (`id`) of the credential earned as `credentialId`. */
  readonly credential: (credentialId: string) => string
  /** The URL (`id`) of a program version's achievement. */
  readonly achievement: (programId: string, version: number) => string
  /** The URL of the issuer's `1EdTechRevocationList`. */
  readonly revocationList: string
}

/**
 * The URLs of a district's badges under `baseUrl`: credentials at `/credentials/<credentialId>`,
 * achievements at `/achievements/<programId>/v<version>`, the revocation list at `/revocations`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { badgeUrls } from 'microcred/badge'
 * const urls = badgeUrls('https://achieve.lausd.net/microcred/')
 * assert.equal(urls.base, 'https://achieve.lausd.net/microcred') // no trailing slash
 * assert.equal(urls.credential('cred-1'), 'https://achieve.lausd.net/microcred/credentials/cred-1')
 * assert.equal(urls.credential('cred 2'), 'https://achieve.lausd.net/microcred/credentials/cred%202')
 * assert.equal(urls.achievement('steam', 1), 'https://achieve.lausd.net/microcred/achievements/steam/v1')
 * assert.equal(urls.revocationList, 'https://achieve.lausd.net/microcred/revocations')
 */
export const badgeUrls = (baseUrl: string): BadgeUrls => {
  const base = baseUrl.replace(/\/+$/, '')
  return {
    base,
    credential: (credentialId) => `${base}/credentials/${encodeURIComponent(credentialId)}`,
    achievement: (programId, version) =>
      `${base}/achievements/${encodeURIComponent(programId)}/v${version}`,
    revocationList: `${base}/revocations`,
  }
}
