/**
 * The state of an enrollment: a union of statuses, folded from its events.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { IsoDateTime, NonEmptyString, NonNegativeNumber, PositiveInteger, Url } from '../codec.js'
import { HoursByMode } from '../hours.js'
import { Requirements } from './requirements.js'
import { BadgeFormat, Educator, EvidenceList, Outcome, Scores } from './shared.js'

/**
 * An assessor's grade of an attempt.
 *
 * @example
 * import { Grade } from 'microcred'
 * Grade.is({ assessorId: 'a-1', scores: {}, outcome: 'meets', feedback: '', gradedAt: '2026-10-01T16:00:00Z' }) // true
 */
export const Grade = t.type(
  {
    assessorId: NonEmptyString,
    scores: Scores,
    outcome: Outcome,
    feedback: t.string,
    gradedAt: IsoDateTime,
  },
  'Grade',
)
/** An assessor's grade. */
export type Grade = t.TypeOf<typeof Grade>

/**
 * One attempt at an EOLA, graded or awaiting its grade (`grade: null`).
 *
 * @example
 * import { ArtifactAttempt } from 'microcred'
 * ArtifactAttempt.is({ attempt: 1, evidence: [{ kind: 'link', url: 'https://x.org' }], reflection: 'r', submittedAt: '2026-10-01T16:00:00Z', grade: null }) // true
 */
export const ArtifactAttempt = t.type(
  {
    attempt: PositiveInteger,
    evidence: EvidenceList,
    reflection: NonEmptyString,
    submittedAt: IsoDateTime,
    grade: t.union([Grade, t.null]),
  },
  'ArtifactAttempt',
)
/** One attempt at an EOLA. */
export type ArtifactAttempt = t.TypeOf<typeof ArtifactAttempt>

/**
 * One attempt at the capstone.
 *
 * @example
 * import { CapstoneAttempt } from 'microcred'
 * CapstoneAttempt.is({ attempt: 1, enactedEolaId: 'e1', documentationUrl: 'https://x.org', reflection: 'r', nextSteps: 'n', submittedAt: '2026-10-01T16:00:00Z', grade: null }) // true
 */
export const CapstoneAttempt = t.type(
  {
    attempt: PositiveInteger,
    enactedEolaId: NonEmptyString,
    documentationUrl: Url,
    reflection: NonEmptyString,
    nextSteps: NonEmptyString,
    submittedAt: IsoDateTime,
    grade: t.union([Grade, t.null]),
  },
  'CapstoneAttempt',
)
/** One attempt at the capstone. */
export type CapstoneAttempt = t.TypeOf<typeof CapstoneAttempt>

/**
 * The credential an enrollment earned.
 *
 * @example
 * import { EarnedCredential } from 'microcred'
 * EarnedCredential.is({ credentialId: 'c', earnedAt: '2027-05-01T16:00:00Z', hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 }) // true
 */
export const EarnedCredential = t.type(
  {
    credentialId: NonEmptyString,
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
 * import { IssuedBadge } from 'microcred'
 * IssuedBadge.is({ badgeId: 'https://x.org/credentials/c', format: 'jwt', salt: 's', issuedBy: 'admin-1', issuedAt: '2027-06-01T16:00:00Z' }) // true
 */
export const IssuedBadge = t.type(
  {
    badgeId: Url,
    format: BadgeFormat,
    salt: NonEmptyString,
    issuedBy: NonEmptyString,
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
 * import { Ending } from 'microcred'
 * Ending.is({ reason: 'Moved', by: 'e-1', at: '2027-01-10T16:00:00Z' }) // true
 */
export const Ending = t.type(
  { reason: NonEmptyString, by: NonEmptyString, at: IsoDateTime },
  'Ending',
)
/** Why, when and by whom an enrollment ended. */
export type Ending = t.TypeOf<typeof Ending>

/**
 * Before any event.
 *
 * @example
 * import { NotEnrolled } from 'microcred'
 * NotEnrolled.is({ status: 'notEnrolled' }) // true
 */
export const NotEnrolled = t.type({ status: t.literal('notEnrolled') }, 'NotEnrolled')
/** Before any event. */
export type NotEnrolled = t.TypeOf<typeof NotEnrolled>

/**
 * The statuses of an enrollment that has started: `active` (working toward the credential),
 * `earned`, `withdrawn` (ended before earning), `revoked` (earned, then revoked).
 *
 * @example
 * import { EnrollmentStatus } from 'microcred'
 * EnrollmentStatus.is('earned') // true
 */
export const EnrollmentStatus = t.keyof(
  { active: null, earned: null, withdrawn: null, revoked: null },
  'EnrollmentStatus',
)
/** `'active' | 'earned' | 'withdrawn' | 'revoked'`. */
export type EnrollmentStatus = t.TypeOf<typeof EnrollmentStatus>

/**
 * An enrollment that has started: who, in which cohort of which program version, what it
 * requires, and everything credited, submitted and graded so far.
 *
 * @example
 * import { Enrollment, enrollment } from 'microcred'
 * Enrollment.is(enrollment.initialState) // false: not enrolled yet
 */
export const Enrollment = t.type(
  {
    status: EnrollmentStatus,
    enrollmentId: NonEmptyString,
    educator: Educator,
    cohortId: NonEmptyString,
    programId: NonEmptyString,
    programVersion: PositiveInteger,
    requirements: Requirements,
    enrolledAt: IsoDateTime,
    /** The time of the latest event: a command may not be dated before it. */
    lastEventAt: IsoDateTime,
    /** Credited hours by module id, by mode. */
    credited: t.record(t.string, HoursByMode),
    /** Completed module ids, in order of completion. */
    completedModules: t.array(NonEmptyString),
    /** Completed course ids, in order of completion. */
    completedCourses: t.array(NonEmptyString),
    /** Attempts by EOLA id, oldest first. */
    artifacts: t.record(t.string, t.array(ArtifactAttempt)),
    /** Capstone attempts, oldest first. */
    capstone: t.array(CapstoneAttempt),
    credential: t.union([EarnedCredential, t.null]),
    withdrawal: t.union([Ending, t.null]),
    revocation: t.union([Ending, t.null]),
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
 * import { EnrollmentState, enrollment } from 'microcred'
 * EnrollmentState.is(enrollment.initialState) // true
 */
export const EnrollmentState = t.union([NotEnrolled, Enrollment], 'EnrollmentState')
/** The state of an enrollment stream. */
export type EnrollmentState = t.TypeOf<typeof EnrollmentState>

/**
 * Whether the enrollment has started.
 *
 * @example
 * import { enrollment, isEnrolled } from 'microcred'
 * isEnrolled(enrollment.initialState) // false
 */
export const isEnrolled = (state: EnrollmentState): state is Enrollment =>
  state.status !== 'notEnrolled'
