/**
 * The commands of an enrollment, in the imperative. Each is a `{ type, data }` codec;
 * `EnrollmentCommand` decodes any of them by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import {
  decodedOnce,
  message,
  NonEmptyString,
  PositiveInteger,
  PositiveNumber,
  taggedUnion,
  Url,
} from '../codec.js'
import { Mode } from '../hours.js'
import { Program } from '../program/program.js'
import { BadgeFormat, Educator, EvidenceList, Outcome, Scores } from './shared.js'

const on = <P extends t.Props>(props: P) => t.type({ enrollmentId: NonEmptyString, ...props })

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
export const Enroll = message(
  'Enroll',
  on({ educator: Educator, cohortId: NonEmptyString, program: Program }),
)

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
  t.intersection([
    on({ moduleId: NonEmptyString, mode: Mode, hours: PositiveNumber }),
    t.partial({ sessionId: NonEmptyString }),
  ]),
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
  on({ eolaId: NonEmptyString, evidence: EvidenceList, reflection: NonEmptyString }),
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
  on({ eolaId: NonEmptyString, attempt: PositiveInteger, scores: Scores, feedback: t.string }),
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
    enactedEolaId: NonEmptyString,
    documentationUrl: Url,
    reflection: NonEmptyString,
    nextSteps: NonEmptyString,
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
  on({ attempt: PositiveInteger, outcome: Outcome, feedback: t.string }),
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
export const Withdraw = message('Withdraw', on({ reason: NonEmptyString }))

/**
 * Revoke an earned credential.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RevokeCredential } from 'microcred'
 * assert.equal(RevokeCredential.is({ type: 'RevokeCredential', data: { enrollmentId: 'enr-1', reason: 'Issued in error' } }), true)
 * assert.equal(RevokeCredential.is({ type: 'RevokeCredential', data: { enrollmentId: 'enr-1' } }), false) // a reason is required
 */
export const RevokeCredential = message('RevokeCredential', on({ reason: NonEmptyString }))

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
  on({ badgeId: Url, format: BadgeFormat, salt: NonEmptyString }),
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
})

/**
 * Any enrollment command, decoded by its `type`. A decoded command is a deeply frozen copy that
 * shares nothing with the input, and is not decoded again (see `decodedOnce`); `members` holds
 * the codec of each command.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { EnrollmentCommand } from 'microcred'
 * const refused = EnrollmentCommand.decode({ type: 'RecordHours', data: { enrollmentId: 'enr-1' } })
 * assert.ok(E.isLeft(refused))
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
