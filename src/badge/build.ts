/**
 * Building the badge: a pure function from an earned enrollment, its program and the issuer to an
 * unsigned `OpenBadgeCredential`. No clock, no randomness: the salt and any expiry arrive in the
 * options, the time is when the credential was earned.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { IsoDateTime, NonEmptyString, Url } from '../codec.js'
import { totalHours } from '../hours.js'
import { isEnrolled, type EnrollmentState } from '../enrollment/state.js'
import type { Program } from '../program/program.js'
import { achievementOf, salaryPointsResultId } from './achievement.js'
import {
  achievementCredentialSchemaUrl,
  contextUrls,
  Issuer,
  profileOf,
  type OpenBadgeCredential,
} from './credential.js'
import { badgeError, invalidBadgeInput, type BadgeError } from './errors.js'
import { evidenceOf } from './evidence.js'
import { toUtcSeconds } from './internal.js'
import { identityHash } from './recipient.js'
import { badgeUrls } from './urls.js'

/**
 * How to build a badge: `salt` for the recipient's email hash (a fresh random string per badge is
 * best; it is published in the badge), and optionally `baseUrl` (where the district publishes
 * badges; by default the issuer's `id`), `validUntil` (an expiry) and `subjectId` (a URI for the
 * educator, such as their DID; by default an opaque `urn:uuid:` derived from the salt and the
 * educator's id).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { BadgeOptions } from 'microcred/badge'
 * assert.equal(BadgeOptions.is({ salt: 'f3a9c2d4e5b6a7c8' }), true)
 * assert.equal(BadgeOptions.is({ salt: 'f3a9c2d4e5b6a7c8', validUntil: '2032-06-30T00:00:00Z' }), true)
 * assert.equal(BadgeOptions.is({ salt: '' }), false)
 */
export const BadgeOptions = t.intersection(
  [
    t.type({ salt: NonEmptyString }),
    t.partial({ baseUrl: Url, validUntil: IsoDateTime, subjectId: Url }),
  ],
  'BadgeOptions',
)
/** How to build a badge. */
export type BadgeOptions = t.TypeOf<typeof BadgeOptions>

/** An opaque, stable `urn:uuid:` (RFC 9562 version 8) for the educator, from the salt. */
const subjectIdFor = (educatorId: string, salt: string): string => {
  const hex = createHash('sha256').update(`microcred:subject:${salt}:${educatorId}`).digest('hex')
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const decodeWith =
  <A>(codec: t.Type<A, unknown, unknown>, what: string) =>
  (input: unknown): E.Either<BadgeError, A> =>
    pipe(
      codec.decode(input),
      E.mapLeft((errors) => invalidBadgeInput(what, errors)),
    )

const isWebUrl = (url: string) => /^https?:\/\//.test(url)

/**
 * The unsigned `OpenBadgeCredential` of an earned enrollment (its state, folded from its events,
 * holds the `CredentialEarned` facts and the pinned requirements): the VC 2.0 and OB 3.0.3
 * contexts, a stable `id` from the credential id, the issuer's Profile, `validFrom` when it was
 * earned, the educator as a salted email hash, the `MicroCredential` achievement with its criteria,
 * standards, image, credit hours and salary points, the evidence, the official schema and the
 * revocation list. Refuses an enrollment that is not earned (`NotEarned`), that is revoked
 * (`EnrollmentRevoked`), or that pinned another program version (`ProgramMismatch`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollment, foldEnrollment, lausdPolicy, requirementsOf } from 'microcred'
 * import { buildOpenBadgeCredential } from 'microcred/badge'
 * const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }
 * const result = buildOpenBadgeCredential(enrollment.initialState, catalog.steam, issuer, { salt: 's' })
 * assert.ok(E.isLeft(result))
 * assert.equal(result.left._tag, 'NotEarned')
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
 * assert.equal(badge.right.id, 'https://achieve.lausd.net/microcred/issuer/credentials/credential-enr-1')
 * assert.equal(badge.right.name, 'LAUSD STEAM Micro-Credential')
 * assert.equal(badge.right.validFrom, '2027-05-01T16:00:00Z')
 * assert.equal(badge.right.credentialSubject.creditsEarned, 105)
 * const other = buildOpenBadgeCredential(earned, catalog.englishLearner, issuer, { salt: 'f3a9c2d4e5b6a7c8' })
 * assert.ok(E.isLeft(other))
 * assert.equal(other.left._tag, 'ProgramMismatch')
 */
export const buildOpenBadgeCredential = (
  earned: EnrollmentState,
  program: Program,
  issuer: Issuer,
  options: BadgeOptions,
): E.Either<BadgeError, OpenBadgeCredential> => {
  if (!isEnrolled(earned))
    return E.left(badgeError('NotEarned', 'no badge for an enrollment that has not started'))
  const { enrollmentId, credential, status } = earned
  if (status === 'revoked')
    return E.left(
      badgeError(
        'EnrollmentRevoked',
        `the credential of enrollment ${enrollmentId} was revoked: it gets no badge`,
      ),
    )
  if (status !== 'earned' || credential === null)
    return E.left(
      badgeError(
        'NotEarned',
        `enrollment ${enrollmentId} is ${status}: a badge is issued only once the credential is earned`,
      ),
    )
  if (program.id !== earned.programId || program.version !== earned.programVersion)
    return E.left(
      badgeError(
        'ProgramMismatch',
        `enrollment ${enrollmentId} pinned ${earned.programId} version ${earned.programVersion}, ` +
          `not ${program.id} version ${program.version}: pass the program version it pinned`,
      ),
    )
  return pipe(
    E.Do,
    E.apS('issuer', decodeWith(Issuer, 'issuer')(issuer)),
    E.apS('options', decodeWith(BadgeOptions, 'badge options')(options)),
    E.chain(({ issuer, options }) => {
      const baseUrl = options.baseUrl ?? issuer.id
      const validFrom = toUtcSeconds(credential.earnedAt)
      const validUntil =
        options.validUntil === undefined ? undefined : toUtcSeconds(options.validUntil)
      if (!isWebUrl(baseUrl))
        return E.left(
          badgeError(
            'InvalidBadgeInput',
            `badges are published on the web: pass options.baseUrl (the issuer id ${baseUrl} is not an http(s) URL)`,
          ),
        )
      if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom))
        return E.left(
          badgeError(
            'InvalidBadgeInput',
            `validUntil ${validUntil} must come after the credential was earned (${validFrom})`,
          ),
        )
      const urls = badgeUrls(baseUrl)
      const profile = profileOf(issuer)
      const achievementId = urls.achievement(program.id, program.version)
      const badge: OpenBadgeCredential = {
        '@context': [contextUrls.credentials, contextUrls.openBadges, contextUrls.extensions],
        id: urls.credential(credential.credentialId),
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: program.badge.name,
        description: program.badge.description,
        issuer: profile,
        validFrom,
        ...(validUntil === undefined ? {} : { validUntil }),
        credentialSubject: {
          id: options.subjectId ?? subjectIdFor(earned.educator.id, options.salt),
          type: ['AchievementSubject'],
          identifier: [
            {
              type: 'IdentityObject',
              identityHash: identityHash(earned.educator.email, options.salt),
              identityType: 'emailAddress',
              hashed: true,
              salt: options.salt,
            },
          ],
          achievement: achievementOf(program, earned.requirements, achievementId, profile),
          activityStartDate: toUtcSeconds(earned.enrolledAt),
          activityEndDate: validFrom,
          creditsEarned: totalHours(credential.hours),
          result: [
            {
              type: ['Result'],
              resultDescription: salaryPointsResultId(achievementId),
              value: String(credential.salaryPoints),
            },
          ],
        },
        evidence: evidenceOf(earned),
        credentialSchema: [
          { id: achievementCredentialSchemaUrl, type: '1EdTechJsonSchemaValidator2019' },
        ],
        credentialStatus: { id: urls.revocationList, type: '1EdTechRevocationList' },
      }
      return E.right(badge)
    }),
  )
}
