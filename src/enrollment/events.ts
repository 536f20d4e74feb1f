/**
 * The events of an enrollment, in the past tense: the story of one educator's credential
 * journey. Each is a `{ type, data }` codec; `EnrollmentEvent` decodes any of them by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import {
  Id,
  IsoDateTime,
  message,
  NonEmptyText,
  NonNegativeNumber,
  PositiveInteger,
  PositiveNumber,
  taggedUnion,
  Text,
  WebUrl,
} from '../codec.js'
import { HoursByMode, Mode } from '../hours.js'
import { ScoringRound } from './assessment.js'
import { Requirements } from './requirements.js'
import { BadgeFormat, BadgeId, Educator, EvidenceList, Outcome, Scores } from './shared.js'

/**
 * The data of an event: the enrollment's id, when, and `props`. Ids are `Id`s and text is `Text`,
 * as in commands: an event `decide` made decodes, and one that breaks those rules (written by
 * hand, or before the rules) is a corrupt event, not a state.
 */
const fact = <P extends t.Props>(props: P) =>
  t.type({ enrollmentId: Id, at: IsoDateTime, ...props })

/**
 * An educator enrolled in a cohort of a program; pins the program version and its requirements.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EducatorEnrolled, catalog, lausdPolicy, requirementsOf } from 'microcred'
 * const enrolled = {
 *   type: 'EducatorEnrolled',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2026-09-01T16:00:00Z',
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     cohortId: 'steam-2026',
 *     programId: catalog.steam.id,
 *     programVersion: catalog.steam.version,
 *     requirements: requirementsOf(catalog.steam, lausdPolicy),
 *     enrolledBy: 'admin-1',
 *   },
 * }
 * assert.equal(EducatorEnrolled.is(enrolled), true)
 * assert.equal(EducatorEnrolled.is({ ...enrolled, data: { ...enrolled.data, programVersion: 0 } }), false)
 */
export const EducatorEnrolled = message(
  'EducatorEnrolled',
  fact({
    educator: Educator,
    cohortId: Id,
    programId: Id,
    programVersion: PositiveInteger,
    requirements: Requirements,
    enrolledBy: Id,
  }),
)

/**
 * Hours were recorded for a module in one mode; `creditedHours` is what counted toward the module
 * (capped at what it still needed), `hours` what was recorded.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { HoursRecorded } from 'microcred'
 * const recorded = {
 *   type: 'HoursRecorded',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2026-09-14T16:00:00Z',
 *     moduleId: 'steam-fa-1',
 *     mode: 'faceToFace',
 *     hours: 3,
 *     creditedHours: 1, // the module needed only one more face-to-face hour
 *     recordedBy: 'fac-1',
 *   },
 * }
 * assert.equal(HoursRecorded.is(recorded), true)
 * assert.equal(HoursRecorded.is({ ...recorded, data: { ...recorded.data, creditedHours: 0 } }), true)
 * assert.equal(HoursRecorded.is({ ...recorded, data: { ...recorded.data, hours: 0 } }), false)
 */
export const HoursRecorded = message(
  'HoursRecorded',
  t.intersection([
    fact({
      moduleId: Id,
      mode: Mode,
      hours: PositiveNumber,
      creditedHours: NonNegativeNumber,
      recordedBy: Id,
    }),
    t.partial({ sessionId: Id }),
  ]),
)

/**
 * A module has every hour it requires, in every mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ModuleCompleted } from 'microcred'
 * const completed = { type: 'ModuleCompleted', data: { enrollmentId: 'enr-1', moduleId: 'steam-fa-1', at: '2026-10-01T16:00:00Z' } }
 * assert.equal(ModuleCompleted.is(completed), true)
 * assert.equal(ModuleCompleted.is({ ...completed, type: 'CourseCompleted' }), false)
 */
export const ModuleCompleted = message('ModuleCompleted', fact({ moduleId: Id }))

/**
 * Every module of a course is complete.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CourseCompleted } from 'microcred'
 * const completed = { type: 'CourseCompleted', data: { enrollmentId: 'enr-1', courseId: 'foundations-access', at: '2026-11-01T16:00:00Z' } }
 * assert.equal(CourseCompleted.is(completed), true)
 * assert.equal(CourseCompleted.is({ ...completed, data: { ...completed.data, at: 'November' } }), false)
 */
export const CourseCompleted = message('CourseCompleted', fact({ courseId: Id }))

/**
 * The educator submitted an attempt at an EOLA.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ArtifactSubmitted } from 'microcred'
 * const submitted = {
 *   type: 'ArtifactSubmitted',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2026-10-15T16:00:00Z',
 *     eolaId: 'steam-eola-1',
 *     attempt: 1,
 *     evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }],
 *     reflection: 'What worked and what I would change.',
 *   },
 * }
 * assert.equal(ArtifactSubmitted.is(submitted), true)
 * assert.equal(ArtifactSubmitted.is({ ...submitted, data: { ...submitted.data, evidence: [] } }), false)
 */
export const ArtifactSubmitted = message(
  'ArtifactSubmitted',
  fact({
    eolaId: Id,
    attempt: PositiveInteger,
    evidence: EvidenceList,
    reflection: NonEmptyText,
  }),
)

/**
 * An assessor graded an attempt against the EOLA's rubric.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ArtifactGraded } from 'microcred'
 * const graded = {
 *   type: 'ArtifactGraded',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2026-10-20T16:00:00Z',
 *     eolaId: 'steam-eola-1',
 *     attempt: 1,
 *     assessorId: 'assessor-1',
 *     scores: { design: 3, inquiry: 2 },
 *     outcome: 'revise',
 *     feedback: 'Show the inquiry in the student work.',
 *   },
 * }
 * assert.equal(ArtifactGraded.is(graded), true)
 * assert.equal(ArtifactGraded.is({ ...graded, data: { ...graded.data, outcome: 'fail' } }), false)
 */
export const ArtifactGraded = message(
  'ArtifactGraded',
  fact({
    eolaId: Id,
    attempt: PositiveInteger,
    assessorId: Id,
    scores: Scores,
    outcome: Outcome,
    feedback: Text,
  }),
)

/**
 * One assessor scored an attempt that a second assessor also scores (the policy's second
 * scoring): round 1 (the first), 2 (the second) or 3 (the adjudicator, when the first two
 * disagree on the outcome), with the scores and the outcome they follow to. A score decides
 * nothing on its own: the `ArtifactGraded` that follows round 2 when both agree, or round 3,
 * carries the decided outcome.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ArtifactScored } from 'microcred'
 * const scored = {
 *   type: 'ArtifactScored',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2026-10-20T16:00:00Z',
 *     eolaId: 'steam-eola-1',
 *     attempt: 1,
 *     round: 1,
 *     assessorId: 'assessor-1',
 *     scores: { design: 3, inquiry: 2 },
 *     outcome: 'revise',
 *     feedback: 'Show the inquiry in the student work.',
 *   },
 * }
 * assert.equal(ArtifactScored.is(scored), true)
 * assert.equal(ArtifactScored.is({ ...scored, data: { ...scored.data, round: 4 } }), false)
 */
export const ArtifactScored = message(
  'ArtifactScored',
  fact({
    eolaId: Id,
    attempt: PositiveInteger,
    round: ScoringRound,
    assessorId: Id,
    scores: Scores,
    outcome: Outcome,
    feedback: Text,
  }),
)

/**
 * An assessor scored a capstone attempt that a second assessor also scores (the policy's
 * `secondScoring`): round 1 (the first), 2 (the second) or 3 (the adjudicator, where the first two
 * disagree). The outcome is decided, as a `CapstoneGraded` in the same decision, when the second
 * agrees with the first or the third scores.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CapstoneScored } from 'microcred'
 * const scored = {
 *   type: 'CapstoneScored',
 *   data: { enrollmentId: 'enr-1', at: '2027-04-10T16:00:00Z', attempt: 1, round: 2, assessorId: 'assessor-2', outcome: 'meets', feedback: '' },
 * }
 * assert.equal(CapstoneScored.is(scored), true)
 * assert.equal(CapstoneScored.is({ ...scored, data: { ...scored.data, round: 4 } }), false)
 */
export const CapstoneScored = message(
  'CapstoneScored',
  fact({
    attempt: PositiveInteger,
    round: ScoringRound,
    assessorId: Id,
    outcome: Outcome,
    feedback: Text,
  }),
)

/**
 * A coaching conversation was recorded after an EOLA's last attempt allowed: under the policy's
 * `afterMaxAttempts: 'coaching'`, it allows one further attempt.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CoachingConversationRecorded } from 'microcred'
 * const recorded = {
 *   type: 'CoachingConversationRecorded',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2027-01-10T16:00:00Z',
 *     eolaId: 'steam-eola-1',
 *     afterAttempt: 3,
 *     notes: 'Planned the revision of the inquiry together.',
 *     recordedBy: 'fac-1',
 *   },
 * }
 * assert.equal(CoachingConversationRecorded.is(recorded), true)
 * assert.equal(CoachingConversationRecorded.is({ ...recorded, data: { ...recorded.data, notes: '' } }), false)
 */
export const CoachingConversationRecorded = message(
  'CoachingConversationRecorded',
  fact({ eolaId: Id, afterAttempt: PositiveInteger, notes: NonEmptyText, recordedBy: Id }),
)

/**
 * The educator submitted the capstone: the documented enactment of an EOLA that meets.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CapstoneSubmitted } from 'microcred'
 * const submitted = {
 *   type: 'CapstoneSubmitted',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2027-04-01T16:00:00Z',
 *     attempt: 1,
 *     enactedEolaId: 'steam-eola-3',
 *     documentationUrl: 'https://drive.lausd.net/capstone',
 *     reflection: 'How the unit went.',
 *     nextSteps: 'Share it with my grade-level team.',
 *   },
 * }
 * assert.equal(CapstoneSubmitted.is(submitted), true)
 * assert.equal(CapstoneSubmitted.is({ ...submitted, data: { ...submitted.data, nextSteps: '' } }), false)
 */
export const CapstoneSubmitted = message(
  'CapstoneSubmitted',
  fact({
    attempt: PositiveInteger,
    enactedEolaId: Id,
    documentationUrl: WebUrl,
    reflection: NonEmptyText,
    nextSteps: NonEmptyText,
  }),
)

/**
 * An assessor graded a capstone attempt.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CapstoneGraded } from 'microcred'
 * const graded = {
 *   type: 'CapstoneGraded',
 *   data: { enrollmentId: 'enr-1', at: '2027-04-10T16:00:00Z', attempt: 1, assessorId: 'assessor-1', outcome: 'meets', feedback: '' },
 * }
 * assert.equal(CapstoneGraded.is(graded), true)
 * assert.equal(CapstoneGraded.is({ ...graded, data: { ...graded.data, assessorId: '' } }), false)
 */
export const CapstoneGraded = message(
  'CapstoneGraded',
  fact({
    attempt: PositiveInteger,
    assessorId: Id,
    outcome: Outcome,
    feedback: Text,
  }),
)

/**
 * Every requirement is met: the credential is earned, with the hours by mode and salary points.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CredentialEarned } from 'microcred'
 * const earned = {
 *   type: 'CredentialEarned',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2027-04-10T16:00:00Z',
 *     credentialId: 'credential-enr-1',
 *     hours: { faceToFace: 30, online: 45, homework: 30 },
 *     salaryPoints: 3,
 *   },
 * }
 * assert.equal(CredentialEarned.is(earned), true)
 * assert.equal(CredentialEarned.is({ ...earned, data: { ...earned.data, hours: { online: 45 } } }), false)
 */
export const CredentialEarned = message(
  'CredentialEarned',
  fact({ credentialId: NonEmptyText, hours: HoursByMode, salaryPoints: NonNegativeNumber }),
)

/**
 * The enrollment was withdrawn before the credential was earned.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EnrollmentWithdrawn } from 'microcred'
 * const withdrawn = {
 *   type: 'EnrollmentWithdrawn',
 *   data: { enrollmentId: 'enr-1', at: '2027-01-10T16:00:00Z', reason: 'Moved schools', withdrawnBy: 'e-1' },
 * }
 * assert.equal(EnrollmentWithdrawn.is(withdrawn), true)
 * assert.equal(EnrollmentWithdrawn.is({ ...withdrawn, data: { ...withdrawn.data, reason: '  ' } }), false)
 */
export const EnrollmentWithdrawn = message(
  'EnrollmentWithdrawn',
  fact({ reason: NonEmptyText, withdrawnBy: Id }),
)

/**
 * The enrollment expired: its cohort closed before it earned the credential, and it ends
 * `incomplete`. `expiredBy` is the administrator (or the administrator bot of a cohort's close).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EnrollmentExpired } from 'microcred'
 * const expired = {
 *   type: 'EnrollmentExpired',
 *   data: { enrollmentId: 'enr-1', at: '2027-06-30T16:00:00Z', reason: 'The cohort closed', expiredBy: 'admin-1' },
 * }
 * assert.equal(EnrollmentExpired.is(expired), true)
 * assert.equal(EnrollmentExpired.is({ ...expired, data: { ...expired.data, expiredBy: '' } }), false)
 */
export const EnrollmentExpired = message(
  'EnrollmentExpired',
  fact({ reason: NonEmptyText, expiredBy: Id }),
)

/**
 * An administrator revoked an earned credential.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CredentialRevoked } from 'microcred'
 * const revoked = {
 *   type: 'CredentialRevoked',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2027-06-01T16:00:00Z',
 *     credentialId: 'credential-enr-1',
 *     reason: 'Issued in error',
 *     revokedBy: 'admin-1',
 *   },
 * }
 * assert.equal(CredentialRevoked.is(revoked), true)
 * assert.equal(CredentialRevoked.is({ ...revoked, data: { ...revoked.data, revokedBy: undefined } }), false)
 */
export const CredentialRevoked = message(
  'CredentialRevoked',
  fact({ credentialId: NonEmptyText, reason: NonEmptyText, revokedBy: Id }),
)

/**
 * The district issued the earned credential's Open Badge (once: a re-issue builds the same badge
 * from this event's id and salt).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { BadgeIssued } from 'microcred'
 * const issued = {
 *   type: 'BadgeIssued',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     at: '2027-05-01T16:00:00Z',
 *     badgeId: 'https://achieve.lausd.net/credentials/credential-enr-1',
 *     format: 'data-integrity',
 *     salt: '5f2b9c0e',
 *     issuedBy: 'admin-1',
 *   },
 * }
 * assert.equal(BadgeIssued.is(issued), true)
 * assert.equal(BadgeIssued.is({ ...issued, data: { ...issued.data, badgeId: 'credential-enr-1' } }), false) // not a URL
 */
export const BadgeIssued = message(
  'BadgeIssued',
  fact({ badgeId: BadgeId, format: BadgeFormat, salt: Id, issuedBy: Id }),
)

/**
 * Any enrollment event, decoded by its `type`. A decoded event is deeply frozen: it is a fact,
 * and the states folded from it share its parts (requirements, evidence, scores). A valid input
 * decodes to itself, so decoding freezes the value passed in.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { EnrollmentEvent } from 'microcred'
 * assert.ok(E.isLeft(EnrollmentEvent.decode({ type: 'HoursLogged', data: {} }))) // unknown type
 * const input = { type: 'ModuleCompleted', data: { enrollmentId: 'enr-1', moduleId: 'm1', at: '2026-09-01T16:00:00Z' } }
 * const decoded = EnrollmentEvent.decode(input)
 * assert.ok(E.isRight(decoded))
 * assert.equal(decoded.right, input) // the input itself,
 * assert.ok(Object.isFrozen(input.data)) // now frozen
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
    EnrollmentExpired,
    ArtifactScored,
    CoachingConversationRecorded,
    CapstoneScored,
  },
  { frozen: true },
)
/** Any enrollment event. */
export type EnrollmentEvent = t.TypeOf<typeof EnrollmentEvent>
/** The `type` of an enrollment event. */
export type EnrollmentEventType = EnrollmentEvent['type']
/** The enrollment event of one `type`. */
export type EnrollmentEventOf<K extends EnrollmentEventType> = Extract<EnrollmentEvent, { type: K }>
