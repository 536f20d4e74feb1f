/**
 * The events of an enrollment, in the past tense: the story of one educator's credential
 * journey. Each is a `{ type, data }` codec; `EnrollmentEvent` decodes any of them by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import {
  IsoDateTime,
  message,
  NonEmptyString,
  NonNegativeNumber,
  PositiveInteger,
  PositiveNumber,
  taggedUnion,
  Url,
} from '../codec.js'
import { HoursByMode, Mode } from '../hours.js'
import { Requirements } from './requirements.js'
import { BadgeFormat, Educator, EvidenceList, Outcome, Scores } from './shared.js'

const fact = <P extends t.Props>(props: P) =>
  t.type({ enrollmentId: NonEmptyString, at: IsoDateTime, ...props })

/**
 * An educator enrolled in a cohort of a program; pins the program version and its requirements.
 *
 * @example
 * import { EducatorEnrolled } from 'microcred'
 * EducatorEnrolled.name // 'EducatorEnrolled'
 */
export const EducatorEnrolled = message(
  'EducatorEnrolled',
  fact({
    educator: Educator,
    cohortId: NonEmptyString,
    programId: NonEmptyString,
    programVersion: PositiveInteger,
    requirements: Requirements,
    enrolledBy: NonEmptyString,
  }),
)

/**
 * Hours were recorded for a module in one mode; `creditedHours` is what counted toward the module
 * (capped at what it still needed), `hours` what was recorded.
 *
 * @example
 * import { HoursRecorded } from 'microcred'
 * HoursRecorded.name // 'HoursRecorded'
 */
export const HoursRecorded = message(
  'HoursRecorded',
  t.intersection([
    fact({
      moduleId: NonEmptyString,
      mode: Mode,
      hours: PositiveNumber,
      creditedHours: NonNegativeNumber,
      recordedBy: NonEmptyString,
    }),
    t.partial({ sessionId: NonEmptyString }),
  ]),
)

/**
 * A module has every hour it requires, in every mode.
 *
 * @example
 * import { ModuleCompleted } from 'microcred'
 * ModuleCompleted.name // 'ModuleCompleted'
 */
export const ModuleCompleted = message('ModuleCompleted', fact({ moduleId: NonEmptyString }))

/**
 * Every module of a course is complete.
 *
 * @example
 * import { CourseCompleted } from 'microcred'
 * CourseCompleted.name // 'CourseCompleted'
 */
export const CourseCompleted = message('CourseCompleted', fact({ courseId: NonEmptyString }))

/**
 * The educator submitted an attempt at an EOLA.
 *
 * @example
 * import { ArtifactSubmitted } from 'microcred'
 * ArtifactSubmitted.name // 'ArtifactSubmitted'
 */
export const ArtifactSubmitted = message(
  'ArtifactSubmitted',
  fact({
    eolaId: NonEmptyString,
    attempt: PositiveInteger,
    evidence: EvidenceList,
    reflection: NonEmptyString,
  }),
)

/**
 * An assessor graded an attempt against the EOLA's rubric.
 *
 * @example
 * import { ArtifactGraded } from 'microcred'
 * ArtifactGraded.name // 'ArtifactGraded'
 */
export const ArtifactGraded = message(
  'ArtifactGraded',
  fact({
    eolaId: NonEmptyString,
    attempt: PositiveInteger,
    assessorId: NonEmptyString,
    scores: Scores,
    outcome: Outcome,
    feedback: t.string,
  }),
)

/**
 * The educator submitted the capstone: the documented enactment of an EOLA that meets.
 *
 * @example
 * import { CapstoneSubmitted } from 'microcred'
 * CapstoneSubmitted.name // 'CapstoneSubmitted'
 */
export const CapstoneSubmitted = message(
  'CapstoneSubmitted',
  fact({
    attempt: PositiveInteger,
    enactedEolaId: NonEmptyString,
    documentationUrl: Url,
    reflection: NonEmptyString,
    nextSteps: NonEmptyString,
  }),
)

/**
 * An assessor graded a capstone attempt.
 *
 * @example
 * import { CapstoneGraded } from 'microcred'
 * CapstoneGraded.name // 'CapstoneGraded'
 */
export const CapstoneGraded = message(
  'CapstoneGraded',
  fact({
    attempt: PositiveInteger,
    assessorId: NonEmptyString,
    outcome: Outcome,
    feedback: t.string,
  }),
)

/**
 * Every requirement is met: the credential is earned, with the hours by mode and salary points.
 *
 * @example
 * import { CredentialEarned } from 'microcred'
 * CredentialEarned.name // 'CredentialEarned'
 */
export const CredentialEarned = message(
  'CredentialEarned',
  fact({ credentialId: NonEmptyString, hours: HoursByMode, salaryPoints: NonNegativeNumber }),
)

/**
 * The enrollment was withdrawn before the credential was earned.
 *
 * @example
 * import { EnrollmentWithdrawn } from 'microcred'
 * EnrollmentWithdrawn.name // 'EnrollmentWithdrawn'
 */
export const EnrollmentWithdrawn = message(
  'EnrollmentWithdrawn',
  fact({ reason: NonEmptyString, withdrawnBy: NonEmptyString }),
)

/**
 * An administrator revoked an earned credential.
 *
 * @example
 * import { CredentialRevoked } from 'microcred'
 * CredentialRevoked.name // 'CredentialRevoked'
 */
export const CredentialRevoked = message(
  'CredentialRevoked',
  fact({ credentialId: NonEmptyString, reason: NonEmptyString, revokedBy: NonEmptyString }),
)

/**
 * The district issued the earned credential's Open Badge (once: a re-issue builds the same badge
 * from this event's id and salt).
 *
 * @example
 * import { BadgeIssued } from 'microcred'
 * BadgeIssued.name // 'BadgeIssued'
 */
export const BadgeIssued = message(
  'BadgeIssued',
  fact({ badgeId: Url, format: BadgeFormat, salt: NonEmptyString, issuedBy: NonEmptyString }),
)

/**
 * Any enrollment event, decoded by its `type`. A decoded event is deeply frozen: it is a fact,
 * and the states folded from it share its parts (requirements, evidence, scores). A valid input
 * decodes to itself, so decoding freezes the value passed in.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { EnrollmentEvent } from 'microcred'
 * E.isLeft(EnrollmentEvent.decode({ type: 'HoursLogged', data: {} })) // true: unknown type
 * const decoded = EnrollmentEvent.decode({ type: 'ModuleCompleted', data: { enrollmentId: 'enr-1', moduleId: 'm1', at: '2026-09-01T16:00:00Z' } })
 * E.isRight(decoded) && Object.isFrozen(decoded.right.data) // true
 */
export const EnrollmentEvent = taggedUnion(
  'EnrollmentEvent',
  {
    EducatorEnrolled,
    HoursRecorded,
    ModuleCompleted,
    CourseCompleted,
    ArtifactSubmitted,
    ArtifactGraded,
    CapstoneSubmitted,
    CapstoneGraded,
    CredentialEarned,
    EnrollmentWithdrawn,
    CredentialRevoked,
    BadgeIssued,
  },
  { frozen: true },
)
/** Any enrollment event. */
export type EnrollmentEvent = t.TypeOf<typeof EnrollmentEvent>
/** The `type` of an enrollment event. */
export type EnrollmentEventType = EnrollmentEvent['type']
/** The enrollment event of one `type`. */
export type EnrollmentEventOf<K extends EnrollmentEventType> = Extract<EnrollmentEvent, { type: K }>
