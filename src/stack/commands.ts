/**
 * The commands of a stack, in the imperative. `DefineStack` is an administrator's; the three
 * `RecordMember...` commands are what the `stackAwards` process sends as its member programs'
 * enrollments start, earn and lose their credentials. Each is an exact `{ type, data }` codec;
 * `StackCommand` decodes any of them by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { checked, decodedOnce, exact, Id, list, NonEmptyText, taggedUnion } from '../codec.js'
import { BadgeText } from '../program/program.js'

/** A command `{ type, data }`: exact, like its data, so nothing unknown reaches an event. */
const message = <K extends string, D extends t.Mixed>(type: K, data: D) =>
  exact({ type: t.literal(type), data }, undefined, type)

/** The data of a command on a stack: its id, `props`, nothing else. */
const on = <P extends t.Props>(props: P) => exact({ stackId: Id, ...props })

/** Why a list of member programs is not one, or `undefined`. */
const membersProblem = (ids: ReadonlyArray<string>): string | undefined => {
  if (ids.length < 2) {
    return `a stack has at least 2 member programs; this one has ${ids.length}`
  }
  const seen = new Set<string>()
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) {
      return `a stack names each member program once; '${id}' is named again at ${i}`
    }
    seen.add(id)
  }
  return undefined
}

/**
 * The programs a stack is made of: 2 to 100 program ids, each named once.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { MemberProgramIds } from 'microcred'
 * assert.equal(MemberProgramIds.is(['steam', 'dual-language']), true)
 * assert.equal(MemberProgramIds.is(['steam']), false) // a stack of one is a program
 * assert.equal(MemberProgramIds.is(['steam', 'steam']), false)
 */
export const MemberProgramIds = checked(list(Id), membersProblem, 'member program ids')

/**
 * Define a stack: its title and description, its member programs (at least 2, distinct) and its
 * badge (name, description, criteria, image: as a program's badge). A stack is defined once.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { DefineStack } from 'microcred'
 * const define = {
 *   type: 'DefineStack',
 *   data: {
 *     stackId: 'instructional-leader',
 *     title: 'Instructional Leader',
 *     description: 'STEAM and English Learner micro-credentials together.',
 *     memberProgramIds: ['steam', 'tk12-english-learner'],
 *     badge: {
 *       name: 'LAUSD Instructional Leader',
 *       description: 'Earned both micro-credentials of the progression.',
 *       criteria: 'Earn every member micro-credential.',
 *       imageUrl: 'https://achieve.lausd.net/microcred/badges/leader.png',
 *     },
 *   },
 * }
 * assert.equal(DefineStack.is(define), true)
 * const script = { ...define.data.badge, imageUrl: 'javascript:alert(1)' }
 * assert.equal(DefineStack.is({ ...define, data: { ...define.data, badge: script } }), false)
 */
export const DefineStack = message(
  'DefineStack',
  on({
    title: NonEmptyText,
    description: NonEmptyText,
    memberProgramIds: MemberProgramIds,
    badge: BadgeText,
  }),
)

/**
 * Record that an educator enrolled in one of the stack's member programs: the stack learns which
 * educator an enrollment's credential will belong to (a credential's event names only its
 * enrollment).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RecordMemberEnrollment } from 'microcred'
 * const record = {
 *   type: 'RecordMemberEnrollment',
 *   data: { stackId: 'instructional-leader', enrollmentId: 'enr-1', educatorId: 'e-1', programId: 'steam' },
 * }
 * assert.equal(RecordMemberEnrollment.is(record), true)
 * assert.equal(RecordMemberEnrollment.is({ ...record, data: { ...record.data, educatorId: '__proto__' } }), false)
 */
export const RecordMemberEnrollment = message(
  'RecordMemberEnrollment',
  on({ enrollmentId: Id, educatorId: Id, programId: Id }),
)

/**
 * Record that an enrollment earned its credential. The stack decides, from its own state, whether
 * its educator now holds every member: then it emits `StackEarned`. An enrollment the stack does
 * not know (of another program) changes nothing.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RecordMemberCredential } from 'microcred'
 * const record = {
 *   type: 'RecordMemberCredential',
 *   data: { stackId: 'instructional-leader', enrollmentId: 'enr-1', credentialId: 'credential-enr-1' },
 * }
 * assert.equal(RecordMemberCredential.is(record), true)
 * assert.equal(RecordMemberCredential.is({ ...record, data: { ...record.data, credentialId: '' } }), false)
 */
export const RecordMemberCredential = message(
  'RecordMemberCredential',
  on({ enrollmentId: Id, credentialId: NonEmptyText }),
)

/**
 * Record that an enrollment's credential was revoked. If the stack was earned with it, the stack
 * is revoked (`StackRevoked`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RecordMemberRevocation } from 'microcred'
 * const record = {
 *   type: 'RecordMemberRevocation',
 *   data: { stackId: 'instructional-leader', enrollmentId: 'enr-1', credentialId: 'credential-enr-1', reason: 'Issued in error' },
 * }
 * assert.equal(RecordMemberRevocation.is(record), true)
 * assert.equal(RecordMemberRevocation.is({ ...record, data: { ...record.data, reason: ' ' } }), false)
 */
export const RecordMemberRevocation = message(
  'RecordMemberRevocation',
  on({ enrollmentId: Id, credentialId: NonEmptyText, reason: NonEmptyText }),
)

const commands = taggedUnion('StackCommand', {
  DefineStack,
  RecordMemberEnrollment,
  RecordMemberCredential,
  RecordMemberRevocation,
})

/**
 * Any stack command, decoded by its `type`: exact at every level, ids `Id`s, text `Text`, the
 * badge's image a `WebUrl`. A decoded command is a deeply frozen copy, not decoded again (see
 * `decodedOnce`); `members` holds the codec of each command.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StackCommand } from 'microcred'
 * const record = { type: 'RecordMemberCredential', data: { stackId: 's', enrollmentId: 'enr-1', credentialId: 'c-1' } }
 * assert.ok(E.isRight(StackCommand.decode(record)))
 * assert.ok(E.isLeft(StackCommand.decode({ ...record, data: { ...record.data, isAdmin: true } })))
 * assert.ok(E.isLeft(StackCommand.decode({ type: 'AwardStack', data: {} })))
 */
export const StackCommand = Object.assign(decodedOnce(commands), { members: commands.members })
/** Any stack command. */
export type StackCommand = t.TypeOf<typeof StackCommand>
/** The stack command of one `type`. */
export type StackCommandOf<K extends StackCommand['type']> = Extract<StackCommand, { type: K }>
