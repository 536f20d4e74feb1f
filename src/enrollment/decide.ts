/**
 * Deciding enrollment commands: each command, checked against the state, the actor's grants and
 * the pinned requirements, becomes events (with their consequences) or a `DomainError`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { authorizationRules, authorize, type AuthorizationRules } from '../authorization.js'
import { CommandContext } from '../context.js'
import {
  invalidCommand,
  invalidPolicy,
  invalidProgram,
  ruleViolation,
  type DomainError,
} from '../errors.js'
import { isMultipleOf } from '../hours.js'
import { own } from '../own.js'
import { validatePolicy, type StructuralPolicy } from '../policy.js'
import { validateProgram } from '../program/validate.js'
import { actionOf } from './authorize.js'
import { EnrollmentCommand, type EnrollmentCommandOf } from './commands.js'
import { consequencesOf } from './consequences.js'
import { foldEnrollment } from './evolve.js'
import { fail, type Decision } from './decision.js'
import {
  gradeArtifact,
  gradeCapstone,
  recordCoachingConversation,
  submitArtifact,
  submitCapstone,
} from './submissions.js'
import { requirementsOf } from './requirements.js'
import { isEnrolled, type Enrollment, type EnrollmentState } from './state.js'

// -------------------------------------------------------------------------------------
// checks shared by commands on a started enrollment
// -------------------------------------------------------------------------------------

const wrongEnrollment = (commanded: string, actual: string): DomainError =>
  ruleViolation(
    'WrongEnrollment',
    `the command is for enrollment '${commanded}' but the state is of '${actual}'`,
  )

const mustBeActive = (state: Enrollment): DomainError | undefined =>
  state.status === 'active'
    ? undefined
    : ruleViolation(
        'EnrollmentClosed',
        `enrollment '${state.enrollmentId}' is ${state.status}; only an active enrollment takes this command`,
      )

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

const enroll = (
  policy: StructuralPolicy,
  rules: AuthorizationRules,
  { data }: EnrollmentCommandOf<'Enroll'>,
  state: EnrollmentState,
  context: CommandContext,
): Decision => {
  if (state.status !== 'notEnrolled' && data.enrollmentId !== state.enrollmentId) {
    return fail(wrongEnrollment(data.enrollmentId, state.enrollmentId))
  }
  const allowed = authorize('Enroll', context.actor, data.educator.id, rules)
  if (E.isLeft(allowed)) return allowed
  if (state.status !== 'notEnrolled') {
    return fail(
      ruleViolation('AlreadyEnrolled', `enrollment '${state.enrollmentId}' already exists`),
    )
  }
  const policyChecked = validatePolicy(policy)
  if (E.isLeft(policyChecked)) return fail(invalidPolicy(policyChecked.left))
  const program = validateProgram(data.program, policy)
  if (E.isLeft(program)) return fail(invalidProgram(program.left))
  return E.right([
    {
      type: 'EducatorEnrolled',
      data: {
        enrollmentId: data.enrollmentId,
        educator: data.educator,
        cohortId: data.cohortId,
        programId: program.right.id,
        programVersion: program.right.version,
        requirements: requirementsOf(program.right, policy),
        enrolledBy: context.actor.id,
        at: context.at,
      },
    },
  ])
}

const recordHours = (
  { data }: EnrollmentCommandOf<'RecordHours'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  const module = state.requirements.modules.find((m) => m.id === data.moduleId)
  if (module === undefined) {
    return fail(
      ruleViolation(
        'UnknownModule',
        `module '${data.moduleId}' is not part of program '${state.programId}'`,
      ),
    )
  }
  const { increment, max } = state.requirements.hoursPerRecord
  if (!isMultipleOf(data.hours, increment) || data.hours > max) {
    return fail(
      ruleViolation(
        'InvalidHours',
        `${data.hours} hours cannot be recorded: hours are whole multiples of ${increment}, at most ${max} in one record`,
      ),
    )
  }
  const needed = module.hours[data.mode] - (own(state.credited, module.id)?.[data.mode] ?? 0)
  return E.right([
    {
      type: 'HoursRecorded',
      data: {
        enrollmentId: state.enrollmentId,
        moduleId: module.id,
        mode: data.mode,
        hours: data.hours,
        creditedHours: Math.max(0, Math.min(data.hours, needed)),
        recordedBy: context.actor.id,
        ...(data.sessionId === undefined ? {} : { sessionId: data.sessionId }),
        at: context.at,
      },
    },
  ])
}

const withdraw = (
  { data }: EnrollmentCommandOf<'Withdraw'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  if (state.status === 'earned' || state.status === 'revoked') {
    const since = state.status === 'revoked' ? ' (since revoked)' : ''
    return fail(
      ruleViolation(
        'AlreadyEarned',
        `enrollment '${state.enrollmentId}' earned its credential${since}; an earned enrollment cannot be withdrawn`,
      ),
    )
  }
  const closed = mustBeActive(state)
  if (closed !== undefined) return fail(closed)
  return E.right([
    {
      type: 'EnrollmentWithdrawn',
      data: {
        enrollmentId: state.enrollmentId,
        reason: data.reason,
        withdrawnBy: context.actor.id,
        at: context.at,
      },
    },
  ])
}

const expireEnrollment = (
  { data }: EnrollmentCommandOf<'ExpireEnrollment'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  if (data.cohortId !== undefined && data.cohortId !== state.cohortId) {
    return fail(
      ruleViolation(
        'WrongEnrollment',
        `enrollment '${state.enrollmentId}' is in cohort '${state.cohortId}', not '${data.cohortId}'; only the closing cohort's enrollments expire with it`,
      ),
    )
  }
  if (state.status === 'earned' || state.status === 'revoked') {
    const since = state.status === 'revoked' ? ' (since revoked)' : ''
    return fail(
      ruleViolation(
        'AlreadyEarned',
        `enrollment '${state.enrollmentId}' earned its credential${since}; an earned enrollment does not expire`,
      ),
    )
  }
  if (state.status !== 'active') {
    const already = state.status === 'incomplete' ? 'already expired (incomplete)' : state.status
    return fail(
      ruleViolation(
        'EnrollmentClosed',
        `enrollment '${state.enrollmentId}' is ${already}; only an active enrollment expires`,
      ),
    )
  }
  return E.right([
    {
      type: 'EnrollmentExpired',
      data: {
        enrollmentId: state.enrollmentId,
        reason: data.reason,
        expiredBy: context.actor.id,
        at: context.at,
      },
    },
  ])
}

const revokeCredential = (
  { data }: EnrollmentCommandOf<'RevokeCredential'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  if (state.status === 'revoked') {
    return fail(
      ruleViolation(
        'EnrollmentClosed',
        `the credential of enrollment '${state.enrollmentId}' is already revoked`,
      ),
    )
  }
  if (state.credential === null) {
    return fail(
      ruleViolation(
        'NotEarned',
        `enrollment '${state.enrollmentId}' is ${state.status}; only an earned credential can be revoked`,
      ),
    )
  }
  return E.right([
    {
      type: 'CredentialRevoked',
      data: {
        enrollmentId: state.enrollmentId,
        credentialId: state.credential.credentialId,
        reason: data.reason,
        revokedBy: context.actor.id,
        at: context.at,
      },
    },
  ])
}

const issueBadge = (
  { data }: EnrollmentCommandOf<'IssueBadge'>,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  if (state.status !== 'earned') {
    return fail(
      state.status === 'revoked'
        ? ruleViolation(
            'EnrollmentClosed',
            `the credential of enrollment '${state.enrollmentId}' is revoked; no badge is issued for it`,
          )
        : ruleViolation(
            'NotEarned',
            `enrollment '${state.enrollmentId}' is ${state.status}; a badge is issued only for an earned credential`,
          ),
    )
  }
  // Issued once: a re-issue is the same badge, rebuilt from the recorded id and salt.
  if (state.badge !== null) return E.right([])
  return E.right([
    {
      type: 'BadgeIssued',
      data: {
        enrollmentId: state.enrollmentId,
        badgeId: data.badgeId,
        format: data.format,
        salt: data.salt,
        issuedBy: context.actor.id,
        at: context.at,
      },
    },
  ])
}

// -------------------------------------------------------------------------------------
// decide
// -------------------------------------------------------------------------------------

/** A command on an enrollment that has started: every command but `Enroll`. */
type CommandOnEnrollment = Exclude<EnrollmentCommand, { type: 'Enroll' }>

const decideOnEnrollment = (
  command: CommandOnEnrollment,
  state: Enrollment,
  context: CommandContext,
): Decision => {
  switch (command.type) {
    case 'RecordHours':
      return recordHours(command, state, context)
    case 'SubmitArtifact':
      return submitArtifact(command, state, context)
    case 'GradeArtifact':
      return gradeArtifact(command, state, context)
    case 'SubmitCapstone':
      return submitCapstone(command, state, context)
    case 'GradeCapstone':
      return gradeCapstone(command, state, context)
    case 'Withdraw':
      return withdraw(command, state, context)
    case 'RevokeCredential':
      return revokeCredential(command, state, context)
    case 'IssueBadge':
      return issueBadge(command, state, context)
    case 'ExpireEnrollment':
      return expireEnrollment(command, state, context)
    case 'RecordCoachingConversation':
      return recordCoachingConversation(command, state, context)
  }
}

const decideCommand = (
  policy: StructuralPolicy,
  rules: AuthorizationRules,
  cmd: EnrollmentCommand,
  state: EnrollmentState,
  ctx: CommandContext,
): Decision => {
  if (cmd.type === 'Enroll') return enroll(policy, rules, cmd, state, ctx)
  if (state.status === 'notEnrolled') {
    return fail(
      ruleViolation(
        'NotEnrolled',
        `enrollment '${cmd.data.enrollmentId}' does not exist; enroll first`,
      ),
    )
  }
  if (cmd.data.enrollmentId !== state.enrollmentId) {
    return fail(wrongEnrollment(cmd.data.enrollmentId, state.enrollmentId))
  }
  const allowed = authorize(actionOf(cmd), ctx.actor, state.educator.id, rules)
  if (E.isLeft(allowed)) return allowed
  if (Date.parse(ctx.at) < Date.parse(state.lastEventAt)) {
    return fail(
      ruleViolation(
        'TimeWentBackwards',
        `the command is dated ${ctx.at}, before the enrollment's latest event (${state.lastEventAt})`,
      ),
    )
  }
  // These make their own status checks; every other command needs an active enrollment.
  if (
    cmd.type !== 'Withdraw' &&
    cmd.type !== 'RevokeCredential' &&
    cmd.type !== 'IssueBadge' &&
    cmd.type !== 'ExpireEnrollment'
  ) {
    const closed = mustBeActive(state)
    if (closed !== undefined) return fail(closed)
  }
  return decideOnEnrollment(cmd, state, ctx)
}

/**
 * The enrollment's `decide` under a policy and an authorization table (the default one unless a
 * district passes its own): checks the command and context (a failure names the path), the
 * enrollment, the actor's grants and the command's rules, and returns the events with their
 * consequences, or the first rule broken. Pure: the time, the actor and the ids come from the
 * command and its context.
 *
 * A command or context already decoded by `EnrollmentCommand` or `CommandContext` (as
 * `handleCommand` does) is not decoded again: those codecs hand out frozen copies they remember.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { authorizationRules, catalog, decideEnrollment, enrollment, lausdPolicy } from 'microcred'
 * const command = {
 *   type: 'Enroll' as const,
 *   data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' } },
 * }
 * const context = { actor: { id: 'admin-1', roles: ['administrator' as const] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' }
 * const result = decideEnrollment(lausdPolicy)(command, enrollment.initialState, context)
 * assert.ok(E.isRight(result))
 * assert.equal(result.right[0]?.type, 'EducatorEnrolled')
 * // A district where only a registrar's office (here: an approver) enrolls educators.
 * const registrarOnly = { ...authorizationRules, Enroll: [{ role: 'approver' as const, relation: 'any' as const }] }
 * const refused = decideEnrollment(lausdPolicy, registrarOnly)(command, enrollment.initialState, context)
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left._tag, 'NotAuthorized')
 */
export const decideEnrollment =
  (policy: StructuralPolicy, authorization: AuthorizationRules = authorizationRules) =>
  (command: EnrollmentCommand, state: EnrollmentState, context: CommandContext): Decision => {
    const decodedCommand = EnrollmentCommand.decode(command)
    if (E.isLeft(decodedCommand)) return fail(invalidCommand('command', decodedCommand.left))
    const decodedContext = CommandContext.decode(context)
    if (E.isLeft(decodedContext))
      return fail(invalidCommand('command context', decodedContext.left))
    const decided = decideCommand(
      policy,
      authorization,
      decodedCommand.right,
      state,
      decodedContext.right,
    )
    if (E.isLeft(decided)) return decided
    const next = foldEnrollment(decided.right, state)
    if (!isEnrolled(next)) return decided
    return E.right([...decided.right, ...consequencesOf(next, decodedContext.right.at)])
  }
