/**
 * The commands of an enrollment, in the imperative. Each is a `{ type, data }` codec;
 * `EnrollmentCommand` decodes any of them by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import {
  decodedOnce,
  exact,
  Id,
  NonEmptyText,
  PositiveInteger,
  PositiveNumber,
  taggedUnion,
  Text,
  WebUrl,
} from '../codec.js'
import { Mode } from '../hours.js'
import { Program } from '../program/program.js'
import { BadgeFormat, BadgeId, Educator, EvidenceList, Outcome, Scores } from './shared.js'

/** A command `{ type, data }`: exact, like its data, so nothing unknown reaches an event. */
const message = <K extends string, D extends t.Mixed>(type: K, data: D) =>
  exact({ type: t.literal(type), data }, undefined, type)

/** The data of a command on an enrollment: its id, `props`, optionally `optional`, nothing else. */
const on = <P extends t.Props, O extends t.Props = Record<never, never>>(props: P, optional?: O) =>
  exact({ enrollmentId: Id, ...props }, optional)

/**
 * Enroll an educator in a cohort of a program (validated against the policy).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Enroll, catalog } from 'microcred'
 * const enroll = {
 *   type: 'Enroll',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     cohortId: 'steam-2026',
 *     program: catalog.steam,
 *   },
 * }
 * assert.equal(Enroll.is(enroll), true)
 * assert.equal(Enroll.is({ ...enroll, data: { ...enroll.data, cohortId: ' ' } }), false)
 */
export const Enroll = message('Enroll', on({ educator: Educator, cohortId: Id, program: Program }))

/**
 * Record hours for a module in one mode (optionally for a face-to-face session).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RecordHours } from 'microcred'
 * const record = { type: 'RecordHours', data: { enrollmentId: 'enr-1', moduleId: 'steam-fa-1', mode: 'online', hours: 3 } }
 * assert.equal(RecordHours.is(record), true)
 * assert.equal(RecordHours.is({ ...record, data: { ...record.data, sessionId: 'pd-2026-09-14' } }), true)
 * assert.equal(RecordHours.is({ ...record, data: { ...record.data, hours: 0 } }), false)
 */
export const RecordHours = message(
  'RecordHours',
  on({ moduleId: Id, mode: Mode, hours: PositiveNumber }, { sessionId: Id }),
)

/**
 * Submit evidence and a reflection for an EOLA.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SubmitArtifact } from 'microcred'
 * const submit = {
 *   type: 'SubmitArtifact',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     eolaId: 'steam-eola-1',
 *     evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }],
 *     reflection: 'What worked and what I would change.',
 *   },
 * }
 * assert.equal(SubmitArtifact.is(submit), true)
 * assert.equal(SubmitArtifact.is({ ...submit, data: { ...submit.data, evidence: [] } }), false)
 */
export const SubmitArtifact = message(
  'SubmitArtifact',
  on({ eolaId: Id, evidence: EvidenceList, reflection: NonEmptyText }),
)

/**
 * Grade an attempt at an EOLA with a score per rubric criterion; the outcome follows from them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { GradeArtifact } from 'microcred'
 * const grade = { type: 'GradeArtifact', data: { enrollmentId: 'enr-1', eolaId: 'steam-eola-1', attempt: 1, scores: { planning: 3 }, feedback: '' } }
 * assert.equal(GradeArtifact.is(grade), true)
 * assert.equal(GradeArtifact.is({ ...grade, data: { ...grade.data, attempt: 0 } }), false) // attempts count from 1
 */
export const GradeArtifact = message(
  'GradeArtifact',
  on({ eolaId: Id, attempt: PositiveInteger, scores: Scores, feedback: Text }),
)

/**
 * Submit the capstone: the documented enactment of an EOLA that already meets.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SubmitCapstone } from 'microcred'
 * const submit = {
 *   type: 'SubmitCapstone',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     enactedEolaId: 'steam-eola-3',
 *     documentationUrl: 'https://drive.lausd.net/capstone',
 *     reflection: 'How the unit went.',
 *     nextSteps: 'Share it with my grade-level team.',
 *   },
 * }
 * assert.equal(SubmitCapstone.is(submit), true)
 * assert.equal(SubmitCapstone.is({ ...submit, data: { ...submit.data, documentationUrl: 'capstone.pdf' } }), false)
 */
export const SubmitCapstone = message(
  'SubmitCapstone',
  on({
    enactedEolaId: Id,
    documentationUrl: WebUrl,
    reflection: NonEmptyText,
    nextSteps: NonEmptyText,
  }),
)

/**
 * Grade a capstone attempt.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { GradeCapstone } from 'microcred'
 * const grade = { type: 'GradeCapstone', data: { enrollmentId: 'enr-1', attempt: 1, outcome: 'meets', feedback: 'Strong.' } }
 * assert.equal(GradeCapstone.is(grade), true)
 * assert.equal(GradeCapstone.is({ ...grade, data: { ...grade.data, outcome: 'pass' } }), false)
 */
export const GradeCapstone = message(
  'GradeCapstone',
  on({ attempt: PositiveInteger, outcome: Outcome, feedback: Text }),
)

/**
 * Withdraw an enrollment that has not earned its credential.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Withdraw } from 'microcred'
 * assert.equal(Withdraw.is({ type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: 'Moved schools' } }), true)
 * assert.equal(Withdraw.is({ type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: '' } }), false)
 */
export const Withdraw = message('Withdraw', on({ reason: NonEmptyText }))

/**
 * Expire an enrollment that its cohort's close left unfinished: it ends `incomplete`. Sent by an
 * administrator (or an administrator bot when a cohort closes); with `cohortId`, it is refused
 * unless the enrollment is in that cohort, so a reaction to one cohort's close never ends an
 * enrollment of another.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ExpireEnrollment } from 'microcred'
 * const expire = { type: 'ExpireEnrollment', data: { enrollmentId: 'enr-1', reason: 'The cohort closed' } }
 * assert.equal(ExpireEnrollment.is(expire), true)
 * assert.equal(ExpireEnrollment.is({ ...expire, data: { ...expire.data, cohortId: 'steam-2026' } }), true)
 * assert.equal(ExpireEnrollment.is({ ...expire, data: { ...expire.data, reason: '' } }), false)
 */
export const ExpireEnrollment = message(
  'ExpireEnrollment',
  on({ reason: NonEmptyText }, { cohortId: Id }),
)

/**
 * Revoke an earned credential.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RevokeCredential } from 'microcred'
 * assert.equal(RevokeCredential.is({ type: 'RevokeCredential', data: { enrollmentId: 'enr-1', reason: 'Issued in error' } }), true)
 * assert.equal(RevokeCredential.is({ type: 'RevokeCredential', data: { enrollmentId: 'enr-1' } }), false) // a reason is required
 */
export const RevokeCredential = message('RevokeCredential', on({ reason: NonEmptyText }))

/**
 * Record that the district issued the earned credential's Open Badge: its id (a URL), how it is
 * signed, and the salt of the recipient's email hash, so a re-issue builds the same badge.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { IssueBadge } from 'microcred'
 * const issue = {
 *   type: 'IssueBadge',
 *   data: {
 *     enrollmentId: 'enr-1',
 *     badgeId: 'https://achieve.lausd.net/credentials/credential-enr-1',
 *     format: 'jwt',
 *     salt: '5f2b9c0e',
 *   },
 * }
 * assert.equal(IssueBadge.is(issue), true)
 * assert.equal(IssueBadge.is({ ...issue, data: { ...issue.data, format: 'png' } }), false)
 */
export const IssueBadge = message(
  'IssueBadge',
  on({ badgeId: BadgeId, format: BadgeFormat, salt: Id }),
)

/**
 * Record a coaching conversation with the educator about an EOLA whose last attempt allowed was
 * graded *revise*: under the policy's `afterMaxAttempts: 'coaching'`, it allows one further
 * attempt.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RecordCoachingConversation } from 'microcred'
 * const record = { type: 'RecordCoachingConversation', data: { enrollmentId: 'enr-1', eolaId: 'steam-eola-1', notes: 'Planned the revision.' } }
 * assert.equal(RecordCoachingConversation.is(record), true)
 * assert.equal(RecordCoachingConversation.is({ ...record, data: { ...record.data, notes: ' ' } }), false)
 */
export const RecordCoachingConversation = message(
  'RecordCoachingConversation',
  on({ eolaId: Id, notes: NonEmptyText }),
)

const commands = taggedUnion('EnrollmentCommand', {
  Enroll,
  RecordHours,
  SubmitArtifact,
  GradeArtifact,
  SubmitCapstone,
  GradeCapstone,
  Withdraw,
  RevokeCredential,
  IssueBadge,
  ExpireEnrollment,
  RecordCoachingConversation,
})

/**
 * Any enrollment command, decoded by its `type`. A decoded command is a deeply frozen copy that
 * shares nothing with the input, and is not decoded again (see `decodedOnce`); `members` holds
 * the codec of each command. Commands are exact at every level (an unknown field is refused,
 * naming it), their ids are `Id`s, their text `Text` (bounded, well-formed, no NUL), their links
 * `WebUrl`s; a function, a symbol or a value that throws when read is refused, never thrown on.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { EnrollmentCommand } from 'microcred'
 * const refused = EnrollmentCommand.decode({ type: 'RecordHours', data: { enrollmentId: 'enr-1' } })
 * assert.ok(E.isLeft(refused))
 * const extra = { type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: 'Moved', isAdmin: true } }
 * assert.ok(E.isLeft(EnrollmentCommand.decode(extra)))
 * const input = { type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: 'Moved schools' } }
 * const decoded = EnrollmentCommand.decode(input)
 * assert.ok(E.isRight(decoded) && Object.isFrozen(decoded.right.data) && decoded.right !== input)
 */
export const EnrollmentCommand = Object.assign(decodedOnce(commands), {
  members: commands.members,
})
/** Any enrollment command. */
export type EnrollmentCommand = t.TypeOf<typeof EnrollmentCommand>
/** The `type` of an enrollment command. */
export type EnrollmentCommandType = EnrollmentCommand['type']
/** The enrollment command of one `type`. */
export type EnrollmentCommandOf<K extends EnrollmentCommandType> = Extract<
  EnrollmentCommand,
  { type: K }
>
