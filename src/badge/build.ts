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
import { describeUnsafeLinks, linkProblem, unsafeLinks, type UnsafeLink } from './links.js'
import { identityHash } from './recipient.js'
import { badgeUrls } from './urls.js'

/**
 * How to build a badge: `salt` for the recipient's email hash (a fresh random string per badge is
 * best; it is published in the badge), and optionally `baseUrl` (where the district publishes
 * badges; by default the issuer's `id`), `validUntil` (an expiry), `subjectId` (a URI for the
 * educator, such as their DID; by default an opaque `urn:uuid:` derived from the salt and the
 * educator's id) and `allowHttp` (take `http:` links: see `buildOpenBadgeCredential`).
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
    t.partial({ baseUrl: Url, validUntil: IsoDateTime, subjectId: Url, allowHttp: t.boolean }),
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

/** Whether the enrollment pinned a policy that takes `http:` links (`allowHttpUrls`). */
const pinnedHttp = (requirements: object): boolean =>
  (requirements as { readonly allowHttpUrls?: unknown }).allowHttpUrls === true

/** The input a member of a built badge comes from, where it is not the same name. */
const sourceOf = (path: string): string | undefined => {
  const standard = /^credentialSubject\.achievement\.alignment\.(\d+)\.targetUrl$/.exec(path)
  if (standard !== null) return `the program's standards.${standard[1]}.targetUrl`
  if (path === 'credentialSubject.achievement.image.id') return "the program's badge.imageUrl"
  if (/^(?:issuer|credentialSubject\.achievement\.creator)\.image\.id$/.test(path))
    return "the issuer's imageUrl"
  if (/^credentialSubject\.achievement\.creator\./.test(path))
    return `the issuer's ${path.replace(/^credentialSubject\.achievement\.creator\./, '')}`
  if (path === 'credentialSubject.id') return 'options.subjectId'
  if (/^evidence\.\d+\.id$/.test(path)) return "an accepted submission's evidence or capstone link"
  return undefined
}

/** `UnsafeLink`: the links of a badge that may not be rendered, each named with its source. */
const unsafeLinkError = (links: ReadonlyArray<UnsafeLink>): BadgeError => {
  const named = links.map((link) => {
    const source = sourceOf(link.path)
    return source === undefined ? link : { ...link, path: `${link.path} (${source})` }
  })
  return badgeError(
    'UnsafeLink',
    `the badge would carry links a wallet must not render: ${describeUnsafeLinks(named)}`,
    named.map(({ path, message }) => ({ path, message })),
  )
}

/**
 * The unsigned `OpenBadgeCredential` of an earned enrollment (its state, folded from its events,
 * holds the `CredentialEarned` facts and the pinned requirements): the VC 2.0 and OB 3.0.3
 * contexts, a stable `id` from the credential id, the issuer's Profile, `validFrom` when it was
 * earned, the educator as a salted email hash, the `MicroCredential` achievement with its criteria,
 * standards, image, credit hours and salary points, the evidence, the official schema and the
 * revocation list. Refuses an enrollment that is not earned (`NotEarned`), that is revoked
 * (`EnrollmentRevoked`), or that pinned another program version (`ProgramMismatch`), and a badge
 * with a link a wallet must not render (`UnsafeLink`, naming each member and where it came from):
 * links (images, the issuer's url, alignments, evidence, where badges are published) are `https:`,
 * or `http:` with `options.allowHttp` or where the enrollment pinned a policy with
 * `allowHttpUrls`; ids are `https:`, `http:`, `urn:` or `did:`; `javascript:`, `file:` and
 * `data:` (but a raster image) are refused everywhere.
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
 * const script = buildOpenBadgeCredential(earned, catalog.steam, { ...issuer, imageUrl: 'javascript:alert(1)' }, { salt: 'f3a9c2d4e5b6a7c8' })
 * assert.ok(E.isLeft(script))
 * assert.equal(script.left._tag, 'UnsafeLink')
 * assert.match(script.left.message, /at issuer\.image\.id \(the issuer's imageUrl\): an image link must be https:/)
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
      const allowHttp = options.allowHttp === true || pinnedHttp(earned.requirements)
      const validFrom = toUtcSeconds(credential.earnedAt)
      const validUntil =
        options.validUntil === undefined ? undefined : toUtcSeconds(options.validUntil)
      // Where the district publishes: the badge's id, its achievement's, its revocation list.
      const published = linkProblem(baseUrl, 'link', { allowHttp })
      if (published !== undefined)
        return E.left(
          badgeError(
            'UnsafeLink',
            options.baseUrl === undefined
              ? `badges are published on the web at the issuer id unless options.baseUrl says where: ${published}`
              : `options.baseUrl: ${published}`,
            [
              {
                path: options.baseUrl === undefined ? 'issuer.id' : 'options.baseUrl',
                message: published,
              },
            ],
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
      const unsafe = unsafeLinks(badge, { allowHttp })
      return unsafe.length === 0 ? E.right(badge) : E.left(unsafeLinkError(unsafe))
    }),
  )
}
