/**
 * The badge of a stack: an Open Badges 3.0 `OpenBadgeCredential` whose achievement is the stack
 * (its badge's name, description, criteria and image), awarded to an educator who earned it, with
 * each member credential it was earned with as evidence (the member badge's own URL). Built pure,
 * from the stack's state and the member enrollments; signed and verified like any badge
 * (`signBadgeJwt`, `signBadgeDataIntegrity`, `verifyBadge`).
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as t from 'io-ts'
import { identityKey, sameIdentity } from '../authorization.js'
import { isEnrolled, type Enrollment, type EnrollmentState } from '../enrollment/state.js'
import { addHours, noHours, totalHours } from '../hours.js'
import type { Program } from '../program/program.js'
import { educatorInStack, type StackState } from '../stack/state.js'
import { requiredHours, type Achievement } from './achievement.js'
import { BadgeOptions } from './build.js'
import {
  achievementCredentialSchemaUrl,
  contextUrls,
  Issuer,
  profileOf,
  type Evidence,
  type OpenBadgeCredential,
} from './credential.js'
import { badgeError, invalidBadgeInput, type BadgeError } from './errors.js'
import { toUtcSeconds } from './internal.js'
import { describeUnsafeLinks, linkProblem, unsafeLinks } from './links.js'
import { identityHash } from './recipient.js'
import { badgeUrls } from './urls.js'

/** A member of an earned stack, as the builder takes it: the enrollment's state and its program. */
export interface StackMemberInput {
  /** The member enrollment's state (folded from its stream), earned. */
  readonly enrollment: EnrollmentState
  /** The program version the enrollment pinned. */
  readonly program: Program
}

/** The same opaque `urn:uuid:` for the educator as their micro-credential badges carry. */
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

/**
 * The URLs of a stack's badge under the district's base URL: the stack's achievement at
 * `/stacks/<stackId>`, an educator's stack credential at `/credentials/stack-<stackId>-<educator>`
 * (the educator's id by the identity rule).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { stackBadgeUrls } from 'microcred/badge'
 * const urls = stackBadgeUrls('https://achieve.lausd.net/microcred/', 'leader')
 * assert.equal(urls.achievement, 'https://achieve.lausd.net/microcred/stacks/leader')
 * assert.equal(urls.credential('E-1'), 'https://achieve.lausd.net/microcred/credentials/stack-leader-e-1')
 */
export const stackBadgeUrls = (baseUrl: string, stackId: string) => {
  const urls = badgeUrls(baseUrl)
  return {
    achievement: `${urls.base}/stacks/${encodeURIComponent(stackId)}`,
    credential: (educatorId: string) =>
      urls.credential(`stack-${stackId}-${identityKey(educatorId)}`),
    memberCredential: urls.credential,
    revocationList: urls.revocationList,
  }
}

/** The member enrollment a member credential names, checked, or why not. */
const memberOf = (
  members: ReadonlyArray<StackMemberInput>,
  wanted: {
    readonly programId: string
    readonly enrollmentId: string
    readonly credentialId: string
  },
  educatorId: string,
): E.Either<BadgeError, { readonly enrollment: Enrollment; readonly program: Program }> => {
  const found = members.find(
    (m) => isEnrolled(m.enrollment) && m.enrollment.enrollmentId === wanted.enrollmentId,
  )
  if (found === undefined || !isEnrolled(found.enrollment))
    return E.left(
      badgeError(
        'InvalidBadgeInput',
        `the stack was earned with enrollment ${wanted.enrollmentId} (${wanted.programId}): pass its state and program in members`,
      ),
    )
  const { enrollment, program } = found
  if (enrollment.status === 'revoked')
    return E.left(
      badgeError(
        'EnrollmentRevoked',
        `the credential of member enrollment ${enrollment.enrollmentId} was revoked: the stack gets no badge`,
      ),
    )
  if (
    enrollment.credential === null ||
    enrollment.credential.credentialId !== wanted.credentialId ||
    enrollment.programId !== wanted.programId ||
    !sameIdentity(enrollment.educator.id, educatorId)
  )
    return E.left(
      badgeError(
        'InvalidBadgeInput',
        `member enrollment ${enrollment.enrollmentId} is not ${educatorId}'s earned credential ${wanted.credentialId} of ${wanted.programId}`,
      ),
    )
  if (program.id !== enrollment.programId || program.version !== enrollment.programVersion)
    return E.left(
      badgeError(
        'ProgramMismatch',
        `member enrollment ${enrollment.enrollmentId} pinned ${enrollment.programId} version ${enrollment.programVersion}, ` +
          `not ${program.id} version ${program.version}: pass the program version it pinned`,
      ),
    )
  return E.right({ enrollment, program })
}

/** The input a member of a built stack badge comes from, where it is not the same name. */
const sourceOf = (path: string): string | undefined => {
  if (path === 'credentialSubject.achievement.image.id') return "the stack's badge.imageUrl"
  if (/^(?:issuer|credentialSubject\.achievement\.creator)\.image\.id$/.test(path))
    return "the issuer's imageUrl"
  if (/^credentialSubject\.achievement\.alignment\.\d+\.targetUrl$/.test(path))
    return "a member program's standards"
  if (path === 'credentialSubject.id') return 'options.subjectId'
  return undefined
}

/**
 * The unsigned `OpenBadgeCredential` of a stack an educator earned: the stack's badge as the
 * achievement (criteria naming every member micro-credential, the member programs' standards as
 * alignments, the member hours as credits), the educator as a salted hash of their email (from
 * the member enrollments), `validFrom` when the stack was earned, and one piece of evidence per
 * member credential it was earned with: that credential's own badge URL. `members` are the
 * member enrollments' states with the program versions they pinned.
 *
 * Refuses a stack that is not defined or that the educator has not earned (`NotEarned`), one
 * revoked for them or whose member was revoked (`EnrollmentRevoked`), a member missing or not the
 * one the stack was earned with (`InvalidBadgeInput`), a member's program version that is not the
 * pinned one (`ProgramMismatch`), and a badge with a link a wallet must not render (`UnsafeLink`,
 * naming where it came from), like a program's badge.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, foldEnrollment, lausdPolicy, requirementsOf, stack } from 'microcred'
 * import { buildStackCredential } from 'microcred/badge'
 * const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }
 * const earned = (enrollmentId: string, program: typeof catalog.steam, at: string) => foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId, at: '2026-09-01T16:00:00Z', cohortId: 'c', programId: program.id,
 *     programVersion: program.version, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(program, lausdPolicy), enrolledBy: 'admin-1' } },
 *   // ...the hours, grades and capstone of the journey, then:
 *   { type: 'CredentialEarned', data: { enrollmentId, at, credentialId: `credential-${enrollmentId}`,
 *     hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 } },
 * ])
 * const members = [
 *   { enrollment: earned('enr-1', catalog.steam, '2027-01-15T16:00:00Z'), program: catalog.steam },
 *   { enrollment: earned('enr-2', catalog.dualLanguage, '2027-05-01T16:00:00Z'), program: catalog.dualLanguage },
 * ]
 * const member = (programId: string, enrollmentId: string, earnedAt: string) =>
 *   ({ programId, enrollmentId, credentialId: `credential-${enrollmentId}`, earnedAt })
 * const leader = stack.fold([
 *   { type: 'StackDefined', data: { stackId: 'leader', at: '2026-08-01T16:00:00Z', title: 'Instructional Leader',
 *     description: 'Two micro-credentials.', memberProgramIds: [catalog.steam.id, catalog.dualLanguage.id], definedBy: 'admin-1',
 *     badge: { name: 'LAUSD Instructional Leader', description: 'Both micro-credentials.', criteria: 'Earn both.',
 *       imageUrl: 'https://achieve.lausd.net/microcred/badges/leader.png' } } },
 *   { type: 'MemberEnrollmentRecorded', data: { stackId: 'leader', at: '2026-09-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1', programId: catalog.steam.id } },
 *   { type: 'MemberEnrollmentRecorded', data: { stackId: 'leader', at: '2026-09-01T16:00:00Z', enrollmentId: 'enr-2', educatorId: 'e-1', programId: catalog.dualLanguage.id } },
 *   { type: 'MemberCredentialRecorded', data: { stackId: 'leader', at: '2027-01-15T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1', programId: catalog.steam.id, credentialId: 'credential-enr-1' } },
 *   { type: 'MemberCredentialRecorded', data: { stackId: 'leader', at: '2027-05-01T16:00:00Z', enrollmentId: 'enr-2', educatorId: 'e-1', programId: catalog.dualLanguage.id, credentialId: 'credential-enr-2' } },
 *   { type: 'StackEarned', data: { stackId: 'leader', at: '2027-05-01T16:00:00Z', educatorId: 'e-1', memberCredentials: [
 *     member(catalog.steam.id, 'enr-1', '2027-01-15T16:00:00Z'), member(catalog.dualLanguage.id, 'enr-2', '2027-05-01T16:00:00Z')] } },
 * ])
 * const badge = buildStackCredential(leader, 'e-1', members, issuer, { salt: 'f3a9c2d4e5b6a7c8' })
 * assert.ok(E.isRight(badge))
 * assert.equal(badge.right.name, 'LAUSD Instructional Leader')
 * assert.equal(badge.right.id, 'https://achieve.lausd.net/microcred/issuer/credentials/stack-leader-e-1')
 * assert.equal(badge.right.validFrom, '2027-05-01T16:00:00Z')
 * assert.deepEqual(badge.right.evidence.map((e) => e.id), [
 *   'https://achieve.lausd.net/microcred/issuer/credentials/credential-enr-1',
 *   'https://achieve.lausd.net/microcred/issuer/credentials/credential-enr-2',
 * ])
 * const nobody = buildStackCredential(leader, 'e-2', members, issuer, { salt: 'f3a9c2d4e5b6a7c8' })
 * assert.ok(E.isLeft(nobody) && nobody.left._tag === 'NotEarned')
 */
export const buildStackCredential = (
  state: StackState,
  educatorId: string,
  members: ReadonlyArray<StackMemberInput>,
  issuer: Issuer,
  options: BadgeOptions,
): E.Either<BadgeError, OpenBadgeCredential> => {
  if (state.status !== 'defined')
    return E.left(badgeError('NotEarned', 'no badge for a stack that is not defined'))
  const educator = educatorInStack(state, educatorId)
  if (educator?.status === 'revoked')
    return E.left(
      badgeError(
        'EnrollmentRevoked',
        `stack ${state.stackId} was revoked for ${educator.educatorId}: it gets no badge`,
      ),
    )
  if (educator === undefined || educator.earned === null)
    return E.left(
      badgeError(
        'NotEarned',
        `${educatorId} has not earned stack ${state.stackId}: a badge is issued only once every member is earned`,
      ),
    )
  const earned = educator.earned
  const checked = E.traverseArray((wanted: (typeof earned.memberCredentials)[number]) =>
    memberOf(members, wanted, educator.educatorId),
  )(earned.memberCredentials)
  if (E.isLeft(checked)) return checked
  return pipe(
    E.Do,
    E.apS('issuer', decodeWith(Issuer, 'issuer')(issuer)),
    E.apS('options', decodeWith(BadgeOptions, 'badge options')(options)),
    E.chain(({ issuer, options }) => {
      const baseUrl = options.baseUrl ?? issuer.id
      const allowHttp = options.allowHttp === true
      const published = linkProblem(baseUrl, 'link', { allowHttp })
      if (published !== undefined)
        return E.left(
          badgeError('UnsafeLink', `badges are published at ${baseUrl}: ${published}`, [
            {
              path: options.baseUrl === undefined ? 'issuer.id' : 'options.baseUrl',
              message: published,
            },
          ]),
        )
      const validFrom = toUtcSeconds(earned.at)
      const validUntil =
        options.validUntil === undefined ? undefined : toUtcSeconds(options.validUntil)
      if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom))
        return E.left(
          badgeError(
            'InvalidBadgeInput',
            `validUntil ${validUntil} must come after the stack was earned (${validFrom})`,
          ),
        )
      const held = checked.right
      const urls = stackBadgeUrls(baseUrl, state.stackId)
      const profile = profileOf(issuer)
      const first = held[0]?.enrollment
      const email = first?.educator.email ?? ''
      const seen = new Set<string>()
      const alignment = held
        .flatMap(({ program }) => program.standards)
        .filter((standard) => !seen.has(standard.targetUrl) && seen.add(standard.targetUrl))
        .map((standard) => ({ type: ['Alignment' as const] as ['Alignment'], ...standard }))
      const criteria = [
        state.badge.criteria,
        '',
        'Every earner of this badge earned each of these micro-credentials:',
        '',
        ...held.map(({ program }) => `- ${program.badge.name}`),
      ].join('\n')
      const achievement: Achievement = {
        id: urls.achievement,
        type: ['Achievement'],
        achievementType: 'MicroCredential',
        name: state.badge.name,
        description: state.badge.description,
        criteria: { narrative: criteria },
        image: { id: state.badge.imageUrl, type: 'Image', caption: state.badge.name },
        alignment,
        creator: profile,
        creditsAvailable: totalHours(
          held.reduce((sum, m) => addHours(sum, requiredHours(m.enrollment.requirements)), noHours),
        ),
        resultDescription: [],
        version: '1',
      }
      const evidence: Evidence[] = held.map(({ enrollment, program }) => ({
        id: urls.memberCredential(enrollment.credential?.credentialId ?? ''),
        type: ['Evidence'],
        name: `Member micro-credential: ${program.badge.name}`,
        genre: 'Micro-credential',
        narrative: `Earned ${toUtcSeconds(enrollment.credential?.earnedAt ?? earned.at)} (enrollment ${enrollment.enrollmentId}).`,
      }))
      const started = held
        .map((m) => toUtcSeconds(m.enrollment.enrolledAt))
        .reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b), validFrom)
      const badge: OpenBadgeCredential = {
        '@context': [contextUrls.credentials, contextUrls.openBadges, contextUrls.extensions],
        id: urls.credential(educator.educatorId),
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: state.badge.name,
        description: state.badge.description,
        issuer: profile,
        validFrom,
        ...(validUntil === undefined ? {} : { validUntil }),
        credentialSubject: {
          id:
            options.subjectId ??
            subjectIdFor(first?.educator.id ?? educator.educatorId, options.salt),
          type: ['AchievementSubject'],
          identifier: [
            {
              type: 'IdentityObject',
              identityHash: identityHash(email, options.salt),
              identityType: 'emailAddress',
              hashed: true,
              salt: options.salt,
            },
          ],
          achievement,
          activityStartDate: started,
          activityEndDate: validFrom,
          creditsEarned: totalHours(
            held.reduce(
              (sum, m) => addHours(sum, m.enrollment.credential?.hours ?? noHours),
              noHours,
            ),
          ),
          result: [],
        },
        evidence,
        credentialSchema: [
          { id: achievementCredentialSchemaUrl, type: '1EdTechJsonSchemaValidator2019' },
        ],
        credentialStatus: { id: urls.revocationList, type: '1EdTechRevocationList' },
      }
      const unsafe = unsafeLinks(badge, { allowHttp })
      if (unsafe.length === 0) return E.right(badge)
      const named = unsafe.map((link) => {
        const source = sourceOf(link.path)
        return source === undefined ? link : { ...link, path: `${link.path} (${source})` }
      })
      return E.left(
        badgeError(
          'UnsafeLink',
          `the stack's badge would carry links a wallet must not render: ${describeUnsafeLinks(named)}`,
          named.map(({ path, message }) => ({ path, message })),
        ),
      )
    }),
  )
}
