/**
 * Deciding stack commands: each command, checked against the stack's state and the actor's
 * grants, becomes events or a `StackError`. Whether an educator has earned the stack is decided
 * here, from the stack's own state: the command that records the last missing member credential
 * also emits `StackEarned`, and the revocation of a credential the stack was earned with also
 * emits `StackRevoked`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { authorizationRules, authorize, type AuthorizationRules } from '../authorization.js'
import { CommandContext } from '../context.js'
import { invalidCommand, type NotAuthorized } from '../errors.js'
import { own } from '../own.js'
import { StackCommand, type StackCommandOf } from './commands.js'
import { stackRuleViolation, type StackError } from './errors.js'
import type { MemberCredential, StackEvent } from './events.js'
import { educatorInStack, type DefinedStack, type StackState } from './state.js'
import { sameIdentity } from '../authorization.js'

/** The events a stack command produces, or why it was refused. */
export type StackDecision = E.Either<StackError, ReadonlyArray<StackEvent>>

const fail = (error: StackError): StackDecision => E.left(error)

// -------------------------------------------------------------------------------------
// authorization
// -------------------------------------------------------------------------------------

/**
 * Whether the context's actor may send the command on a stack in this state: `DefineStack` is an
 * administrator's; the `RecordMember...` commands take the `AwardStack` grant, judged against the
 * educator the enrollment belongs to (the one the stack recorded, else the one the command names),
 * so no administrator records their own credentials into a stack; for an enrollment the stack
 * does not know, against the stack itself.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { authorizeStackCommand, stack } from 'microcred'
 * const record = { type: 'RecordMemberEnrollment' as const, data: { stackId: 's', enrollmentId: 'enr-1', educatorId: 'admin-1', programId: 'steam' } }
 * const admin = { actor: { id: 'admin-1', roles: ['administrator' as const] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' }
 * const own = authorizeStackCommand()(record, stack.initialState, admin)
 * assert.ok(E.isLeft(own)) // their own enrollment
 * assert.equal(own.left._tag, 'NotAuthorized')
 * const other = { ...record, data: { ...record.data, educatorId: 'e-1' } }
 * assert.ok(E.isRight(authorizeStackCommand()(other, stack.initialState, admin)))
 */
export const authorizeStackCommand =
  (rules: AuthorizationRules = authorizationRules) =>
  (
    command: StackCommand,
    state: StackState,
    context: CommandContext,
  ): E.Either<NotAuthorized, void> => {
    if (command.type === 'DefineStack') {
      return authorize('DefineStack', context.actor, command.data.stackId, rules)
    }
    const known =
      state.status === 'defined' ? own(state.enrollments, command.data.enrollmentId) : undefined
    const subject =
      known?.educatorId ??
      (command.type === 'RecordMemberEnrollment' ? command.data.educatorId : command.data.stackId)
    return authorize('AwardStack', context.actor, subject, rules)
  }

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

const defineStack = (
  { data }: StackCommandOf<'DefineStack'>,
  state: StackState,
  context: CommandContext,
): StackDecision => {
  if (state.status === 'defined') {
    return fail(
      state.stackId === data.stackId
        ? stackRuleViolation(
            'StackAlreadyDefined',
            `stack '${data.stackId}' is already defined (by ${state.definedBy} at ${state.definedAt}); a stack is defined once: define a new stack for another progression`,
          )
        : wrongStack(data.stackId, state.stackId),
    )
  }
  return E.right([
    {
      type: 'StackDefined',
      data: {
        stackId: data.stackId,
        at: context.at,
        title: data.title,
        description: data.description,
        memberProgramIds: data.memberProgramIds,
        badge: data.badge,
        definedBy: context.actor.id,
      },
    },
  ])
}

const recordEnrollment = (
  { data }: StackCommandOf<'RecordMemberEnrollment'>,
  state: DefinedStack,
  context: CommandContext,
): StackDecision => {
  if (!state.memberProgramIds.includes(data.programId)) {
    return fail(
      stackRuleViolation(
        'NotAMember',
        `program '${data.programId}' is not a member of stack '${state.stackId}' (its members: ${state.memberProgramIds.join(', ')}); only a member program's enrollments are recorded`,
      ),
    )
  }
  const known = own(state.enrollments, data.enrollmentId)
  if (known !== undefined) {
    if (sameIdentity(known.educatorId, data.educatorId) && known.programId === data.programId) {
      return E.right([])
    }
    return fail(
      stackRuleViolation(
        'EnrollmentMismatch',
        `stack '${state.stackId}' recorded enrollment '${data.enrollmentId}' as educator ${known.educatorId}'s in program '${known.programId}', not ${data.educatorId}'s in '${data.programId}'`,
      ),
    )
  }
  return E.right([
    {
      type: 'MemberEnrollmentRecorded',
      data: {
        stackId: state.stackId,
        at: context.at,
        enrollmentId: data.enrollmentId,
        educatorId: data.educatorId,
        programId: data.programId,
      },
    },
  ])
}

/** The first credential held of each member program, in the stack's order, if all are held. */
const completion = (
  memberProgramIds: ReadonlyArray<string>,
  held: ReadonlyArray<MemberCredential>,
): MemberCredential[] | undefined => {
  const members: MemberCredential[] = []
  for (const programId of memberProgramIds) {
    const credential = held.find((c) => c.programId === programId)
    if (credential === undefined) return undefined
    members.push(credential)
  }
  return members
}

const recordCredential = (
  { data }: StackCommandOf<'RecordMemberCredential'>,
  state: DefinedStack,
  context: CommandContext,
): StackDecision => {
  const enrollment = own(state.enrollments, data.enrollmentId)
  // An enrollment of a program that is no member: not this stack's concern.
  if (enrollment === undefined) return E.right([])
  if (enrollment.credentialId !== null) {
    if (enrollment.credentialId === data.credentialId) return E.right([])
    return fail(
      stackRuleViolation(
        'CredentialMismatch',
        `enrollment '${data.enrollmentId}' earned credential '${enrollment.credentialId}' in stack '${state.stackId}', not '${data.credentialId}': an enrollment earns one credential`,
      ),
    )
  }
  const credential: MemberCredential = {
    programId: enrollment.programId,
    enrollmentId: data.enrollmentId,
    credentialId: data.credentialId,
    earnedAt: context.at,
  }
  const recorded: StackEvent = {
    type: 'MemberCredentialRecorded',
    data: {
      stackId: state.stackId,
      at: context.at,
      enrollmentId: data.enrollmentId,
      educatorId: enrollment.educatorId,
      programId: enrollment.programId,
      credentialId: data.credentialId,
    },
  }
  const educator = educatorInStack(state, enrollment.educatorId)
  if (educator !== undefined && educator.status !== 'inProgress') return E.right([recorded])
  const members = completion(state.memberProgramIds, [...(educator?.held ?? []), credential])
  if (members === undefined) return E.right([recorded])
  return E.right([
    recorded,
    {
      type: 'StackEarned',
      data: {
        stackId: state.stackId,
        at: context.at,
        educatorId: educator?.educatorId ?? enrollment.educatorId,
        memberCredentials: members,
      },
    },
  ])
}

const recordRevocation = (
  { data }: StackCommandOf<'RecordMemberRevocation'>,
  state: DefinedStack,
  context: CommandContext,
): StackDecision => {
  const enrollment = own(state.enrollments, data.enrollmentId)
  if (enrollment === undefined || enrollment.revoked || enrollment.credentialId === null) {
    // Not this stack's enrollment, already revoked, or a credential it never recorded.
    return E.right([])
  }
  if (enrollment.credentialId !== data.credentialId) {
    return fail(
      stackRuleViolation(
        'CredentialMismatch',
        `enrollment '${data.enrollmentId}' holds credential '${enrollment.credentialId}' in stack '${state.stackId}', not '${data.credentialId}'`,
      ),
    )
  }
  const recorded: StackEvent = {
    type: 'MemberRevocationRecorded',
    data: {
      stackId: state.stackId,
      at: context.at,
      enrollmentId: data.enrollmentId,
      educatorId: enrollment.educatorId,
      programId: enrollment.programId,
      credentialId: data.credentialId,
      reason: data.reason,
    },
  }
  const educator = educatorInStack(state, enrollment.educatorId)
  const earnedWith =
    educator?.status === 'earned' &&
    (educator.earned?.memberCredentials ?? []).some((c) => c.enrollmentId === data.enrollmentId)
  if (educator === undefined || !earnedWith) return E.right([recorded])
  return E.right([
    recorded,
    {
      type: 'StackRevoked',
      data: {
        stackId: state.stackId,
        at: context.at,
        educatorId: educator.educatorId,
        programId: enrollment.programId,
        credentialId: data.credentialId,
        reason: data.reason,
      },
    },
  ])
}

// -------------------------------------------------------------------------------------
// decide
// -------------------------------------------------------------------------------------

const wrongStack = (commanded: string, actual: string): StackError =>
  stackRuleViolation(
    'WrongStack',
    `the command is for stack '${commanded}' but the state is of stack '${actual}'`,
  )

const decideCommand = (
  rules: AuthorizationRules,
  command: StackCommand,
  state: StackState,
  context: CommandContext,
): StackDecision => {
  const allowed = authorizeStackCommand(rules)(command, state, context)
  if (E.isLeft(allowed)) return allowed
  if (command.type === 'DefineStack') return defineStack(command, state, context)
  if (state.status !== 'defined') {
    return fail(
      stackRuleViolation(
        'StackNotDefined',
        `stack '${command.data.stackId}' is not defined; an administrator defines it first (DefineStack)`,
      ),
    )
  }
  if (command.data.stackId !== state.stackId) {
    return fail(wrongStack(command.data.stackId, state.stackId))
  }
  switch (command.type) {
    case 'RecordMemberEnrollment':
      return recordEnrollment(command, state, context)
    case 'RecordMemberCredential':
      return recordCredential(command, state, context)
    case 'RecordMemberRevocation':
      return recordRevocation(command, state, context)
  }
}

/**
 * The stack's `decide` under an authorization table (the default one unless a district passes its
 * own): checks the command and context (a failure names the path), the actor's grant, the stack
 * and the command's rules. Recording a member enrollment, credential or revocation the stack
 * already holds produces no event, so the process that sends them may send them again. Pure: the
 * time, the actor and the ids come from the command and its context.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decideStack, stack } from 'microcred'
 * const context = { actor: { id: 'admin-1', roles: ['administrator' as const] }, at: '2026-08-01T16:00:00Z', commandId: 'c-1' }
 * const badge = { name: 'Instructional Leader', description: 'd', criteria: 'c', imageUrl: 'https://achieve.lausd.net/leader.png' }
 * const define = { type: 'DefineStack' as const, data: { stackId: 's', title: 'Instructional Leader', description: 'd',
 *   memberProgramIds: ['steam', 'tk12-english-learner'], badge } }
 * const decided = decideStack()(define, stack.initialState, context)
 * assert.ok(E.isRight(decided))
 * assert.equal(decided.right[0]?.type, 'StackDefined')
 * const again = decideStack()(define, stack.fold(decided.right), context)
 * assert.ok(E.isLeft(again))
 * assert.equal(again.left._tag, 'StackAlreadyDefined')
 */
export const decideStack =
  (rules: AuthorizationRules = authorizationRules) =>
  (command: StackCommand, state: StackState, context: CommandContext): StackDecision => {
    const decodedCommand = StackCommand.decode(command)
    if (E.isLeft(decodedCommand)) return fail(invalidCommand('command', decodedCommand.left))
    const decodedContext = CommandContext.decode(context)
    if (E.isLeft(decodedContext)) {
      return fail(invalidCommand('command context', decodedContext.left))
    }
    return decideCommand(rules, decodedCommand.right, state, decodedContext.right)
  }
