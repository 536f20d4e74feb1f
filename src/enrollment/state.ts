/**
 * The state of an enrollment: a union of statuses, folded from its events.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import {
  boundedRecord,
  Id,
  IsoDateTime,
  NonEmptyText,
  NonNegativeNumber,
  PositiveInteger,
  Text,
  WebUrl,
} from '../codec.js'
import { HoursByMode } from '../hours.js'
import { Scoring } from './assessment.js'
import { Requirements } from './requirements.js'
import { BadgeFormat, BadgeId, Educator, EvidenceList, Outcome, Scores } from './shared.js'

/**
 * An assessor's grade of an attempt.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Grade } from 'microcred'
 * const grade = { assessorId: 'a-1', scores: { design: 3 }, outcome: 'meets', feedback: '', gradedAt: '2026-10-01T16:00:00Z' }
 * assert.equal(Grade.is(grade), true)
 * assert.equal(Grade.is({ ...grade, gradedAt: undefined }), false)
 */
export const Grade = t.type(
  {
    assessorId: Id,
    scores: Scores,
    outcome: Outcome,
    feedback: Text,
    gradedAt: IsoDateTime,
  },
  'Grade',
)
/** An assessor's grade. */
export type Grade = t.TypeOf<typeof Grade>

/**
 * A coaching conversation recorded after an EOLA's last attempt allowed: its notes, who recorded
 * it and when. Under `afterMaxAttempts: 'coaching'` it allows one further attempt.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Coaching } from 'microcred'
 * assert.equal(Coaching.is({ notes: 'Planned the revision together.', by: 'fac-1', at: '2027-01-10T16:00:00Z' }), true)
 * assert.equal(Coaching.is({ notes: '', by: 'fac-1', at: '2027-01-10T16:00:00Z' }), false)
 */
export const Coaching = t.type({ notes: NonEmptyText, by: Id, at: IsoDateTime }, 'Coaching')
/** A coaching conversation recorded after an attempt. */
export type Coaching = t.TypeOf<typeof Coaching>

/**
 * One attempt at an EOLA, graded or awaiting its grade (`grade: null`). Where a second assessor
 * scores it, `scorings` holds each score (the grade is the outcome they decided); after the last
 * attempt allowed, `coaching` holds the coaching conversation recorded, if any.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ArtifactAttempt } from 'microcred'
 * const awaiting = { attempt: 1, evidence: [{ kind: 'link', url: 'https://x.org' }], reflection: 'r', submittedAt: '2026-10-01T16:00:00Z', grade: null }
 * assert.equal(ArtifactAttempt.is(awaiting), true)
 * const grade = { assessorId: 'a-1', scores: {}, outcome: 'meets', feedback: '', gradedAt: '2026-10-05T16:00:00Z' }
 * assert.equal(ArtifactAttempt.is({ ...awaiting, grade }), true)
 * assert.equal(ArtifactAttempt.is({ ...awaiting, grade: undefined }), false) // `null` while it awaits
 */
export const ArtifactAttempt = t.intersection(
  [
    t.type({
      attempt: PositiveInteger,
      evidence: EvidenceList,
      reflection: NonEmptyText,
      submittedAt: IsoDateTime,
      grade: t.union([Grade, t.null]),
    }),
    t.partial({
      /** Each assessor's score, where a second assessor scores the attempt (in order). */
      scorings: t.array(Scoring),
      /** The coaching conversation recorded after this attempt, the last one allowed. */
      coaching: Coaching,
    }),
  ],
  'ArtifactAttempt',
)
/** One attempt at an EOLA. */
export type ArtifactAttempt = t.TypeOf<typeof ArtifactAttempt>

/**
 * One attempt at the capstone.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CapstoneAttempt } from 'microcred'
 * const attempt = { attempt: 1, enactedEolaId: 'e1', documentationUrl: 'https://x.org', reflection: 'r', nextSteps: 'n', submittedAt: '2026-10-01T16:00:00Z', grade: null }
 * assert.equal(CapstoneAttempt.is(attempt), true)
 * assert.equal(CapstoneAttempt.is({ ...attempt, documentationUrl: 'x.org' }), false)
 */
export const CapstoneAttempt = t.intersection(
  [
    t.type({
      attempt: PositiveInteger,
      enactedEolaId: Id,
      documentationUrl: WebUrl,
      reflection: NonEmptyText,
      nextSteps: NonEmptyText,
      submittedAt: IsoDateTime,
      grade: t.union([Grade, t.null]),
    }),
    t.partial({
      /** Each assessor's score (outcome only: `scores` is `{}`), where a second assessor scores it. */
      scorings: t.array(Scoring),
    }),
  ],
  'CapstoneAttempt',
)
/** One attempt at the capstone. */
export type CapstoneAttempt = t.TypeOf<typeof CapstoneAttempt>

/**
 * The credential an enrollment earned.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EarnedCredential } from 'microcred'
 * const earned = { credentialId: 'c', earnedAt: '2027-05-01T16:00:00Z', hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 }
 * assert.equal(EarnedCredential.is(earned), true)
 * assert.equal(EarnedCredential.is({ ...earned, salaryPoints: -1 }), false)
 */
export const EarnedCredential = t.type(
  {
    credentialId: NonEmptyText,
    earnedAt: IsoDateTime,
    hours: HoursByMode,
    salaryPoints: NonNegativeNumber,
  },
  'EarnedCredential',
)
/** The credential an enrollment earned. */
export type EarnedCredential = t.TypeOf<typeof EarnedCredential>

/**
 * The Open Badge issued for the earned credential: its id, format and recipient-hash salt.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { IssuedBadge } from 'microcred'
 * const badge = { badgeId: 'https://x.org/credentials/c', format: 'jwt', salt: 's', issuedBy: 'admin-1', issuedAt: '2027-06-01T16:00:00Z' }
 * assert.equal(IssuedBadge.is(badge), true)
 * assert.equal(IssuedBadge.is({ ...badge, salt: '' }), false)
 */
export const IssuedBadge = t.type(
  {
    badgeId: BadgeId,
    format: BadgeFormat,
    salt: Id,
    issuedBy: Id,
    issuedAt: IsoDateTime,
  },
  'IssuedBadge',
)
/** The Open Badge issued for the earned credential. */
export type IssuedBadge = t.TypeOf<typeof IssuedBadge>

/**
 * Why and when an enrollment ended without (or lost) its credential, and who ended it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Ending } from 'microcred'
 * assert.equal(Ending.is({ reason: 'Moved', by: 'e-1', at: '2027-01-10T16:00:00Z' }), true)
 * assert.equal(Ending.is({ reason: 'Moved', at: '2027-01-10T16:00:00Z' }), false) // by whom?
 */
export const Ending = t.type({ reason: NonEmptyText, by: Id, at: IsoDateTime }, 'Ending')
/** Why, when and by whom an enrollment ended. */
export type Ending = t.TypeOf<typeof Ending>

/**
 * Before any event.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { NotEnrolled } from 'microcred'
 * assert.equal(NotEnrolled.is({ status: 'notEnrolled' }), true)
 * assert.equal(NotEnrolled.is({ status: 'active' }), false)
 */
export const NotEnrolled = t.type({ status: t.literal('notEnrolled') }, 'NotEnrolled')
/** Before any event. */
export type NotEnrolled = t.TypeOf<typeof NotEnrolled>

/**
 * The statuses of an enrollment that has started: `active` (working toward the credential),
 * `earned`, `withdrawn` (ended before earning), `revoked` (earned, then revoked), `incomplete`
 * (expired unfinished when its cohort closed).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EnrollmentStatus } from 'microcred'
 * assert.equal(EnrollmentStatus.is('earned'), true)
 * assert.equal(EnrollmentStatus.is('notEnrolled'), false) // not a status of a started enrollment
 */
export const EnrollmentStatus = t.keyof(
  { active: null, earned: null, withdrawn: null, revoked: null, incomplete: null },
  'EnrollmentStatus',
)
/** `'active' | 'earned' | 'withdrawn' | 'revoked' | 'incomplete'`. */
export type EnrollmentStatus = t.TypeOf<typeof EnrollmentStatus>

/**
 * An enrollment that has started: who, in which cohort of which program version, what it
 * requires, and everything credited, submitted and graded so far.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Enrollment, catalog, enrollment } from 'microcred'
 * assert.equal(Enrollment.is(enrollment.initialState), false) // not enrolled yet
 * const events = enrollment.decide(
 *   { type: 'Enroll', data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' } } },
 *   enrollment.initialState,
 *   { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' },
 * )
 * assert.ok(E.isRight(events))
 * const state = enrollment.fold(events.right)
 * assert.equal(Enrollment.is(state), true)
 * assert.equal(state.status, 'active')
 */
export const Enrollment = t.type(
  {
    status: EnrollmentStatus,
    enrollmentId: Id,
    educator: Educator,
    cohortId: Id,
    programId: Id,
    programVersion: PositiveInteger,
    requirements: Requirements,
    enrolledAt: IsoDateTime,
    /** The time of the latest event: a command may not be dated before it. */
    lastEventAt: IsoDateTime,
    /** Credited hours by module id, by mode. */
    credited: boundedRecord(Id, HoursByMode, Infinity),
    /** Completed module ids, in order of completion. */
    completedModules: t.array(Id),
    /** Completed course ids, in order of completion. */
    completedCourses: t.array(Id),
    /** Attempts by EOLA id, oldest first. */
    artifacts: boundedRecord(Id, t.array(ArtifactAttempt), Infinity),
    /** Capstone attempts, oldest first. */
    capstone: t.array(CapstoneAttempt),
    credential: t.union([EarnedCredential, t.null]),
    withdrawal: t.union([Ending, t.null]),
    revocation: t.union([Ending, t.null]),
    /** Why, when and by whom the enrollment expired (`incomplete`), once it has. */
    expiry: t.union([Ending, t.null]),
    /** The Open Badge issued for the credential, once issued. */
    badge: t.union([IssuedBadge, t.null]),
  },
  'Enrollment',
)
/** An enrollment that has started. */
export type Enrollment = t.TypeOf<typeof Enrollment>

/**
 * The state of an enrollment stream.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EnrollmentState, enrollment } from 'microcred'
 * assert.equal(EnrollmentState.is(enrollment.initialState), true)
 * assert.equal(EnrollmentState.is({ status: 'active' }), false) // an active enrollment has all its fields
 */
export const EnrollmentState = t.union([NotEnrolled, Enrollment], 'EnrollmentState')
/** The state of an enrollment stream. */
export type EnrollmentState = t.TypeOf<typeof EnrollmentState>

/**
 * Whether the enrollment has started.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, foldEnrollment, isEnrolled, lausdPolicy, requirementsOf } from 'microcred'
 * assert.equal(isEnrolled(foldEnrollment([])), false)
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z',
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }, cohortId: 'steam-2026',
 *     programId: 'steam', programVersion: 1, requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 * ])
 * assert.ok(isEnrolled(state))
 * assert.equal(state.educator.name, 'Maria Lopez') // narrowed to Enrollment
 */
export const isEnrolled = (state: EnrollmentState): state is Enrollment =>
  state.status !== 'notEnrolled'
