/**
 * How each stack event changes the state: one immer recipe, used by `evolve` (through `produce`)
 * and by `fold` (on its own copy). Events are facts: the recipe applies them and checks nothing
 * but that they belong to this stack; an event that does not apply leaves the state as it is.
 *
 * @packageDocumentation
 */
import type { Draft } from 'immer'
import { own } from '../own.js'
import type { StackEvent } from './events.js'
import { educatorKey, type DefinedStack, type EducatorStack, type StackState } from './state.js'

/**
 * A fresh state before any event.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { stackNotDefined } from 'microcred'
 * assert.deepEqual(stackNotDefined(), { status: 'notDefined' })
 */
export const stackNotDefined = (): StackState => ({ status: 'notDefined' })

/** Whether `key` names a member every object has: such a key is never written. */
const inherited = (key: string): boolean => key in Object.prototype

const educatorOf = (draft: Draft<DefinedStack>, educatorId: string): Draft<EducatorStack> => {
  const key = educatorKey(educatorId)
  const known = own(draft.educators, key)
  if (known !== undefined) return known
  const fresh: EducatorStack = {
    educatorId,
    status: 'inProgress',
    held: [],
    earned: null,
    revocation: null,
  }
  draft.educators[key] = fresh
  return draft.educators[key] as Draft<EducatorStack>
}

const applyToDefined = (draft: Draft<DefinedStack>, event: StackEvent): void => {
  switch (event.type) {
    case 'StackDefined':
      return
    case 'MemberEnrollmentRecorded': {
      const { enrollmentId, educatorId, programId } = event.data
      if (inherited(enrollmentId) || own(draft.enrollments, enrollmentId) !== undefined) return
      draft.enrollments[enrollmentId] = {
        educatorId,
        programId,
        credentialId: null,
        revoked: false,
      }
      educatorOf(draft, educatorId)
      return
    }
    case 'MemberCredentialRecorded': {
      const { enrollmentId, educatorId, programId, credentialId, at } = event.data
      const enrollment = own(draft.enrollments, enrollmentId)
      if (enrollment === undefined || enrollment.credentialId !== null) return
      enrollment.credentialId = credentialId
      educatorOf(draft, educatorId).held.push({
        programId,
        enrollmentId,
        credentialId,
        earnedAt: at,
      })
      return
    }
    case 'MemberRevocationRecorded': {
      const { enrollmentId, educatorId } = event.data
      const enrollment = own(draft.enrollments, enrollmentId)
      if (enrollment === undefined) return
      enrollment.revoked = true
      const educator = educatorOf(draft, educatorId)
      educator.held = educator.held.filter((c) => c.enrollmentId !== enrollmentId)
      return
    }
    case 'StackEarned': {
      const educator = educatorOf(draft, event.data.educatorId)
      if (educator.status !== 'inProgress') return
      educator.status = 'earned'
      educator.earned = { at: event.data.at, memberCredentials: [...event.data.memberCredentials] }
      return
    }
    case 'StackRevoked': {
      const { educatorId, at, programId, credentialId, reason } = event.data
      const educator = educatorOf(draft, educatorId)
      if (educator.status !== 'earned') return
      educator.status = 'revoked'
      educator.revocation = { at, programId, credentialId, reason }
      return
    }
  }
  const unhandled: never = event
  return unhandled
}

/**
 * The recipe of one stack event: `StackDefined` starts the stack; every other event applies to
 * the defined stack it names and moves `lastEventAt`. An event of another stack, or before the
 * definition, leaves the state as it is.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { stack } from 'microcred'
 * const recorded = { type: 'MemberEnrollmentRecorded' as const, data: { stackId: 's', at: '2026-09-01T16:00:00Z', enrollmentId: 'enr-1', educatorId: 'e-1', programId: 'steam' } }
 * assert.equal(stack.evolve(stack.initialState, recorded), stack.initialState) // not defined yet
 */
export const applyStackEvent = (draft: Draft<StackState>, event: StackEvent): StackState | void => {
  if (event.type === 'StackDefined') {
    if (draft.status === 'defined') return
    const { data } = event
    return {
      status: 'defined',
      stackId: data.stackId,
      title: data.title,
      description: data.description,
      memberProgramIds: [...data.memberProgramIds],
      badge: { ...data.badge },
      definedAt: data.at,
      definedBy: data.definedBy,
      lastEventAt: data.at,
      enrollments: {},
      educators: {},
    }
  }
  if (draft.status !== 'defined' || draft.stackId !== event.data.stackId) return
  applyToDefined(draft, event)
  draft.lastEventAt = event.data.at
}
