/**
 * The events of a stack, in the past tense: its definition, the member enrollments and
 * credentials it learned of, and, per educator, the stack earned and revoked. Each is a
 * `{ type, data }` codec; `StackEvent` decodes any of them by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, IsoDateTime, list, message, NonEmptyText, taggedUnion } from '../codec.js'
import { BadgeText } from '../program/program.js'

/** The data of an event: the stack's id, when, and `props`. */
const fact = <P extends t.Props>(props: P) => t.type({ stackId: Id, at: IsoDateTime, ...props })

/**
 * One member credential a stack was earned with: the member program, the enrollment that earned
 * it, its credential id, and when it was earned.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { MemberCredential } from 'microcred'
 * const member = { programId: 'steam', enrollmentId: 'enr-1', credentialId: 'credential-enr-1', earnedAt: '2027-05-01T16:00:00Z' }
 * assert.equal(MemberCredential.is(member), true)
 * assert.equal(MemberCredential.is({ ...member, earnedAt: 'May' }), false)
 */
export const MemberCredential = t.type(
  { programId: Id, enrollmentId: Id, credentialId: NonEmptyText, earnedAt: IsoDateTime },
  'MemberCredential',
)
/** One member credential a stack was earned with. */
export type MemberCredential = t.TypeOf<typeof MemberCredential>

/**
 * A stack was defined: its member programs and its badge.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StackDefined } from 'microcred'
 * const defined = {
 *   type: 'StackDefined',
 *   data: {
 *     stackId: 'instructional-leader',
 *     at: '2026-08-01T16:00:00Z',
 *     title: 'Instructional Leader',
 *     description: 'STEAM and English Learner micro-credentials together.',
 *     memberProgramIds: ['steam', 'tk12-english-learner'],
 *     badge: { name: 'Instructional Leader', description: 'd', criteria: 'c', imageUrl: 'https://achieve.lausd.net/leader.png' },
 *     definedBy: 'admin-1',
 *   },
 * }
 * assert.equal(StackDefined.is(defined), true)
 * assert.equal(StackDefined.is({ ...defined, data: { ...defined.data, definedBy: '' } }), false)
 */
export const StackDefined = message(
  'StackDefined',
  fact({
    title: NonEmptyText,
    description: NonEmptyText,
    memberProgramIds: list(Id),
    badge: BadgeText,
    definedBy: Id,
  }),
)

/**
 * An educator enrolled in a member program: the stack knows whose that enrollment's credential
 * will be.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { MemberEnrollmentRecorded } from 'microcred'
 * const recorded = {
 *   type: 'MemberEnrollmentRecorded',
 *   data: { stackId: 'instructional-leader', at: '2026-09-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1', programId: 'steam' },
 * }
 * assert.equal(MemberEnrollmentRecorded.is(recorded), true)
 * assert.equal(MemberEnrollmentRecorded.is({ ...recorded, data: { ...recorded.data, programId: undefined } }), false)
 */
export const MemberEnrollmentRecorded = message(
  'MemberEnrollmentRecorded',
  fact({ enrollmentId: Id, educatorId: Id, programId: Id }),
)

/**
 * A member enrollment earned its credential.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { MemberCredentialRecorded } from 'microcred'
 * const recorded = {
 *   type: 'MemberCredentialRecorded',
 *   data: { stackId: 'instructional-leader', at: '2027-05-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1',
 *     programId: 'steam', credentialId: 'credential-enr-1' },
 * }
 * assert.equal(MemberCredentialRecorded.is(recorded), true)
 * assert.equal(MemberCredentialRecorded.is({ ...recorded, data: { ...recorded.data, credentialId: ' ' } }), false)
 */
export const MemberCredentialRecorded = message(
  'MemberCredentialRecorded',
  fact({ enrollmentId: Id, educatorId: Id, programId: Id, credentialId: NonEmptyText }),
)

/**
 * A member enrollment's credential was revoked.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { MemberRevocationRecorded } from 'microcred'
 * const recorded = {
 *   type: 'MemberRevocationRecorded',
 *   data: { stackId: 'instructional-leader', at: '2027-06-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1',
 *     programId: 'steam', credentialId: 'credential-enr-1', reason: 'Issued in error' },
 * }
 * assert.equal(MemberRevocationRecorded.is(recorded), true)
 * assert.equal(MemberRevocationRecorded.is({ ...recorded, data: { ...recorded.data, reason: '' } }), false)
 */
export const MemberRevocationRecorded = message(
  'MemberRevocationRecorded',
  fact({
    enrollmentId: Id,
    educatorId: Id,
    programId: Id,
    credentialId: NonEmptyText,
    reason: NonEmptyText,
  }),
)

/**
 * An educator holds a credential of every member program: the stack is earned, with the member
 * credentials it was earned with (one per member, in the stack's order). Emitted once per
 * educator, by the command that recorded the last missing member.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StackEarned } from 'microcred'
 * const earned = {
 *   type: 'StackEarned',
 *   data: {
 *     stackId: 'instructional-leader',
 *     at: '2027-05-01T16:00:00Z',
 *     educatorId: 'e-1',
 *     memberCredentials: [
 *       { programId: 'steam', enrollmentId: 'enr-1', credentialId: 'credential-enr-1', earnedAt: '2026-12-01T16:00:00Z' },
 *       { programId: 'tk12-english-learner', enrollmentId: 'enr-2', credentialId: 'credential-enr-2', earnedAt: '2027-05-01T16:00:00Z' },
 *     ],
 *   },
 * }
 * assert.equal(StackEarned.is(earned), true)
 * assert.equal(StackEarned.is({ ...earned, data: { ...earned.data, educatorId: undefined } }), false)
 */
export const StackEarned = message(
  'StackEarned',
  fact({ educatorId: Id, memberCredentials: list(MemberCredential) }),
)

/**
 * A credential the stack was earned with was revoked: so is the stack, for that educator (for
 * good: the stack is earned once).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StackRevoked } from 'microcred'
 * const revoked = {
 *   type: 'StackRevoked',
 *   data: { stackId: 'instructional-leader', at: '2027-06-01T16:00:00Z', educatorId: 'e-1',
 *     programId: 'steam', credentialId: 'credential-enr-1', reason: 'Issued in error' },
 * }
 * assert.equal(StackRevoked.is(revoked), true)
 * assert.equal(StackRevoked.is({ ...revoked, data: { ...revoked.data, reason: undefined } }), false)
 */
export const StackRevoked = message(
  'StackRevoked',
  fact({ educatorId: Id, programId: Id, credentialId: NonEmptyText, reason: NonEmptyText }),
)

/**
 * Any stack event, decoded by its `type`; a decoded event is deeply frozen.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StackEvent } from 'microcred'
 * assert.ok(E.isLeft(StackEvent.decode({ type: 'StackAwarded', data: {} }))) // unknown type
 * const input = { type: 'MemberEnrollmentRecorded', data: { stackId: 's', at: '2026-09-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1', programId: 'steam' } }
 * const decoded = StackEvent.decode(input)
 * assert.ok(E.isRight(decoded) && Object.isFrozen(input.data))
 */
export const StackEvent = taggedUnion(
  'StackEvent',
  {
    StackDefined,
    MemberEnrollmentRecorded,
    MemberCredentialRecorded,
    MemberRevocationRecorded,
    StackEarned,
    StackRevoked,
  },
  { frozen: true },
)
/** Any stack event. */
export type StackEvent = t.TypeOf<typeof StackEvent>
/** The stack event of one `type`. */
export type StackEventOf<K extends StackEvent['type']> = Extract<StackEvent, { type: K }>
