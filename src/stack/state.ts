/**
 * The state of a stack: not defined yet, or defined, with the member enrollments it knows and,
 * per educator, the member credentials held and whether the stack is in progress, earned or
 * revoked.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, IsoDateTime, NonEmptyText } from '../codec.js'
import { identityKey } from '../authorization.js'
import { own } from '../own.js'
import { BadgeText } from '../program/program.js'
import { MemberCredential } from './events.js'

/**
 * A member enrollment the stack knows: whose it is, of which program, and its credential once
 * earned (and whether that was revoked).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StackEnrollment } from 'microcred'
 * const started = { educatorId: 'e-1', programId: 'steam', credentialId: null, revoked: false }
 * assert.equal(StackEnrollment.is(started), true)
 * assert.equal(StackEnrollment.is({ ...started, credentialId: '' }), false)
 */
export const StackEnrollment = t.type(
  {
    educatorId: Id,
    programId: Id,
    credentialId: t.union([NonEmptyText, t.null]),
    revoked: t.boolean,
  },
  'StackEnrollment',
)
/** A member enrollment the stack knows. */
export type StackEnrollment = t.TypeOf<typeof StackEnrollment>

/**
 * Where an educator stands in a stack: `inProgress` (some member missing), `earned` (every member
 * held; `StackEarned`), `revoked` (a credential it was earned with was revoked; for good).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EducatorStackStatus } from 'microcred'
 * assert.equal(EducatorStackStatus.is('earned'), true)
 * assert.equal(EducatorStackStatus.is('expired'), false)
 */
export const EducatorStackStatus = t.keyof(
  { inProgress: null, earned: null, revoked: null },
  'EducatorStackStatus',
)
/** `'inProgress' | 'earned' | 'revoked'`. */
export type EducatorStackStatus = t.TypeOf<typeof EducatorStackStatus>

/**
 * One educator in a stack: the id first recorded for them, their status, the member credentials
 * they hold (not revoked, in the order recorded), the stack earned and its revocation.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EducatorStack } from 'microcred'
 * const educator = { educatorId: 'e-1', status: 'inProgress', held: [], earned: null, revocation: null }
 * assert.equal(EducatorStack.is(educator), true)
 * assert.equal(EducatorStack.is({ ...educator, status: 'done' }), false)
 */
export const EducatorStack = t.type(
  {
    educatorId: Id,
    status: EducatorStackStatus,
    held: t.array(MemberCredential),
    earned: t.union([
      t.type({ at: IsoDateTime, memberCredentials: t.array(MemberCredential) }),
      t.null,
    ]),
    revocation: t.union([
      t.type({
        at: IsoDateTime,
        programId: Id,
        credentialId: NonEmptyText,
        reason: NonEmptyText,
      }),
      t.null,
    ]),
  },
  'EducatorStack',
)
/** One educator in a stack. */
export type EducatorStack = t.TypeOf<typeof EducatorStack>

/**
 * A defined stack: its definition, when and by whom, the time of its latest event, its member
 * enrollments by enrollment id, and its educators by `educatorKey`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { DefinedStack } from 'microcred'
 * const defined = {
 *   status: 'defined', stackId: 's', title: 'T', description: 'D', memberProgramIds: ['a', 'b'],
 *   badge: { name: 'N', description: 'D', criteria: 'C', imageUrl: 'https://x.org/b.png' },
 *   definedAt: '2026-08-01T16:00:00Z', definedBy: 'admin-1', lastEventAt: '2026-08-01T16:00:00Z',
 *   enrollments: {}, educators: {},
 * }
 * assert.equal(DefinedStack.is(defined), true)
 */
export const DefinedStack = t.type(
  {
    status: t.literal('defined'),
    stackId: Id,
    title: NonEmptyText,
    description: NonEmptyText,
    memberProgramIds: t.array(Id),
    badge: BadgeText,
    definedAt: IsoDateTime,
    definedBy: Id,
    lastEventAt: IsoDateTime,
    enrollments: t.record(t.string, StackEnrollment),
    educators: t.record(t.string, EducatorStack),
  },
  'DefinedStack',
)
/** A defined stack. */
export type DefinedStack = t.TypeOf<typeof DefinedStack>

/**
 * A stack before `DefineStack`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StackNotDefined, stack } from 'microcred'
 * assert.equal(StackNotDefined.is(stack.initialState), true)
 */
export const StackNotDefined = t.type({ status: t.literal('notDefined') }, 'StackNotDefined')
/** A stack before `DefineStack`. */
export type StackNotDefined = t.TypeOf<typeof StackNotDefined>

/**
 * The state of a stack: `notDefined` or `defined`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StackState } from 'microcred'
 * assert.equal(StackState.is({ status: 'notDefined' }), true)
 * assert.equal(StackState.is({ status: 'retired' }), false)
 */
export const StackState = t.union([StackNotDefined, DefinedStack], 'StackState')
/** The state of a stack. */
export type StackState = t.TypeOf<typeof StackState>

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/**
 * The key an educator is kept under in a stack's `educators`: their id by the identity rule
 * (`identityKey`: NFKC, trimmed, lower-cased), behind a `~` so that no id, not even one that
 * lower-cases to `__proto__`, names a member of every object.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { educatorKey } from 'microcred'
 * assert.equal(educatorKey('E-1'), educatorKey('e-1'))
 * assert.equal(educatorKey('__PROTO__'), '~__proto__')
 */
export const educatorKey = (educatorId: string): string => `~${identityKey(educatorId)}`

/**
 * Where an educator stands in a stack (found by the identity rule), or `undefined` if the stack
 * knows no member enrollment of theirs.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { educatorInStack, stack } from 'microcred'
 * const state = stack.fold([
 *   { type: 'StackDefined', data: { stackId: 's', at: '2026-08-01T16:00:00Z', title: 'T', description: 'D',
 *     memberProgramIds: ['steam', 'dual-language'], definedBy: 'admin-1',
 *     badge: { name: 'N', description: 'D', criteria: 'C', imageUrl: 'https://x.org/b.png' } } },
 *   { type: 'MemberEnrollmentRecorded', data: { stackId: 's', at: '2026-09-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'E-1', programId: 'steam' } },
 * ])
 * assert.equal(educatorInStack(state, 'e-1')?.status, 'inProgress')
 * assert.equal(educatorInStack(state, 'e-2'), undefined)
 */
export const educatorInStack = (
  state: StackState,
  educatorId: string,
): EducatorStack | undefined =>
  state.status === 'defined' ? own(state.educators, educatorKey(educatorId)) : undefined

/**
 * The member programs an educator does not hold a credential of yet, in the stack's order (every
 * member, for an educator the stack does not know).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { missingMembers, stack } from 'microcred'
 * const state = stack.fold([
 *   { type: 'StackDefined', data: { stackId: 's', at: '2026-08-01T16:00:00Z', title: 'T', description: 'D',
 *     memberProgramIds: ['steam', 'dual-language'], definedBy: 'admin-1',
 *     badge: { name: 'N', description: 'D', criteria: 'C', imageUrl: 'https://x.org/b.png' } } },
 *   { type: 'MemberEnrollmentRecorded', data: { stackId: 's', at: '2026-09-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1', programId: 'steam' } },
 *   { type: 'MemberCredentialRecorded', data: { stackId: 's', at: '2027-05-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1', programId: 'steam', credentialId: 'c-1' } },
 * ])
 * assert.deepEqual(missingMembers(state, 'e-1'), ['dual-language'])
 * assert.deepEqual(missingMembers(state, 'e-2'), ['steam', 'dual-language'])
 */
export const missingMembers = (state: StackState, educatorId: string): ReadonlyArray<string> => {
  if (state.status !== 'defined') return []
  const held = educatorInStack(state, educatorId)?.held ?? []
  return state.memberProgramIds.filter((id) => !held.some((c) => c.programId === id))
}
