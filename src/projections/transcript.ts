/**
 * The educator transcript: every enrollment of an educator, with the credential each earned (or
 * lost), the hours credited, the salary points it counts for now and the badge issued.
 *
 * It lists **every** enrollment, not only the credentials earned: a credential held (`earned`),
 * one held and revoked (`revoked`, with when and why), and the enrollments under way (`active`),
 * given up (`withdrawn`, with when and why) or left unfinished when the cohort closed
 * (`incomplete`, with when and why), so a transcript also answers "what is this educator working
 * on". Filter on `status` for the credentials alone.
 *
 * @packageDocumentation
 */
import { creditedHours } from '../enrollment/consequences.js'
import type { Enrollment, EnrollmentStatus } from '../enrollment/state.js'
import type { HoursByMode } from '../hours.js'
import type { EnrollmentsReadModel } from './enrollments.js'
import { enrollmentsByEducator } from './lookups.js'

/** One enrollment of an educator's transcript. */
export interface TranscriptEntry {
  readonly enrollmentId: string
  readonly educatorId: string
  readonly educatorName: string
  readonly cohortId: string
  readonly programId: string
  readonly programVersion: number
  /** The program's title where the caller's `programTitle` knows it, else `null`. */
  readonly title: string | null
  readonly status: EnrollmentStatus
  readonly enrolledAt: string
  readonly earnedAt: string | null
  readonly withdrawnAt: string | null
  readonly withdrawalReason: string | null
  readonly revokedAt: string | null
  readonly revocationReason: string | null
  /** When the enrollment expired unfinished as its cohort closed (`incomplete`), else `null`. */
  readonly expiredAt: string | null
  readonly expiryReason: string | null
  /** Hours credited, by mode (for an earned credential, the hours it was earned with). */
  readonly hours: HoursByMode
  /** The salary points this entry counts for now: the credential's while held, else 0. */
  readonly salaryPoints: number
  /** The salary points the credential granted when earned (`null`: never earned). */
  readonly salaryPointsAwarded: number | null
  readonly credentialId: string | null
  readonly badgeId: string | null
}

/** What `educatorTranscript` may take. */
export interface TranscriptOptions {
  /** The title of a program version (from the district's catalog), `undefined` if unknown. */
  readonly programTitle?: (programId: string, programVersion: number) => string | undefined
}

/**
 * The transcript entry of one enrollment.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, foldEnrollment, isEnrolled, lausdPolicy, requirementsOf, transcriptEntry } from 'microcred'
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam',
 *     programVersion: 1, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 * ])
 * assert.ok(isEnrolled(state))
 * const entry = transcriptEntry(state, { programTitle: (id) => (id === 'steam' ? catalog.steam.title : undefined) })
 * assert.deepEqual([entry.status, entry.title, entry.salaryPoints, entry.credentialId], ['active', catalog.steam.title, 0, null])
 */
export const transcriptEntry = (
  state: Enrollment,
  options: TranscriptOptions = {},
): TranscriptEntry => ({
  enrollmentId: state.enrollmentId,
  educatorId: state.educator.id,
  educatorName: state.educator.name,
  cohortId: state.cohortId,
  programId: state.programId,
  programVersion: state.programVersion,
  title: options.programTitle?.(state.programId, state.programVersion) ?? null,
  status: state.status,
  enrolledAt: state.enrolledAt,
  earnedAt: state.credential?.earnedAt ?? null,
  withdrawnAt: state.withdrawal?.at ?? null,
  withdrawalReason: state.withdrawal?.reason ?? null,
  revokedAt: state.revocation?.at ?? null,
  revocationReason: state.revocation?.reason ?? null,
  expiredAt: state.expiry?.at ?? null,
  expiryReason: state.expiry?.reason ?? null,
  hours: state.credential?.hours ?? creditedHours(state),
  salaryPoints: state.status === 'earned' ? (state.credential?.salaryPoints ?? 0) : 0,
  salaryPointsAwarded: state.credential?.salaryPoints ?? null,
  credentialId: state.credential?.credentialId ?? null,
  badgeId: state.badge?.badgeId ?? null,
})

/**
 * Every enrollment of an educator (every status: see the module's documentation), by
 * `enrolledAt`, then enrollment id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, educatorTranscript, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const recorded = (position: number, type: string, data: object) =>
 *   ({ streamId: 'enrollment-enr-1', version: position, position, type, data: { enrollmentId: 'enr-1', ...data }, metadata, recordedAt: '2027-05-01T00:00:00Z' })
 * const model = foldProjection(enrollmentsReadModel, [
 *   recorded(1, 'EducatorEnrolled', { at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' }),
 *   // (a credential is earned by the events that meet every requirement; two suffice to show the transcript)
 *   recorded(2, 'CredentialEarned', { at: '2027-04-10T16:00:00Z', credentialId: 'credential-enr-1',
 *     hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 }),
 *   recorded(3, 'CredentialRevoked', { at: '2027-05-01T16:00:00Z', credentialId: 'credential-enr-1', reason: 'Issued in error', revokedBy: 'admin-1' }),
 * ])
 * assert.ok(E.isRight(model))
 * const [entry] = educatorTranscript(model.right, 'e-1')
 * assert.deepEqual(
 *   [entry?.status, entry?.earnedAt, entry?.revocationReason, entry?.salaryPoints, entry?.salaryPointsAwarded],
 *   ['revoked', '2027-04-10T16:00:00Z', 'Issued in error', 0, 3],
 * )
 * assert.deepEqual(educatorTranscript(model.right, 'e-2'), [])
 */
export const educatorTranscript = (
  model: EnrollmentsReadModel,
  educatorId: string,
  options: TranscriptOptions = {},
): ReadonlyArray<TranscriptEntry> =>
  enrollmentsByEducator(model, educatorId).map((state) => transcriptEntry(state, options))
