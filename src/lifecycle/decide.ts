/**
 * Deciding lifecycle commands: each command, checked against the program's versions, the actor's
 * grants and the policy, becomes one event or a `LifecycleError`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { authorizationRules, type AuthorizationRules } from '../authorization.js'
import { CommandContext } from '../context.js'
import { invalidCommand, invalidPolicy, invalidProgram } from '../errors.js'
import { validatePolicy, type StructuralPolicy } from '../policy.js'
import { validateProgram } from '../program/validate.js'
import { authorizeProgramCommand } from './authorize.js'
import { ProgramLifecycleCommand, type ProgramLifecycleCommandOf } from './commands.js'
import { lifecycleViolation, type LifecycleError } from './errors.js'
import type { ProgramLifecycleEvent } from './events.js'
import { isEditable } from './evolve.js'
import type { ProgramLifecycleState, ProgramRecord, ProgramVersion } from './state.js'

/** The event a command produces, or why it was refused. */
type Decision = E.Either<LifecycleError, ReadonlyArray<ProgramLifecycleEvent>>

const fail = (error: LifecycleError): Decision => E.left(error)
const one = (event: ProgramLifecycleEvent): Decision => E.right([event])

const statusLabel: Record<ProgramVersion['status'], string> = {
  draft: 'a draft',
  inReview: 'in review',
  changesRequested: 'back with its authors (changes requested)',
  approved: 'approved',
  published: 'published',
  retired: 'retired',
}

const name = (record: ProgramRecord, version: ProgramVersion): string =>
  `version ${version.version} of program '${record.programId}'`

const versionsOf = (record: ProgramRecord): string => {
  const first = record.versions[0]?.version
  const last = record.versions.at(-1)?.version
  return first === last ? `version ${first}` : `versions ${first} to ${last}`
}

/** The version a command names, or `UnknownVersion`. */
const find = (record: ProgramRecord, version: number): E.Either<LifecycleError, ProgramVersion> => {
  const found = record.versions.find((v) => v.version === version)
  return found === undefined
    ? E.left(
        lifecycleViolation(
          'UnknownVersion',
          `program '${record.programId}' has no version ${version}; it has ${versionsOf(record)}`,
        ),
      )
    : E.right(found)
}

const wrongStatus = (
  record: ProgramRecord,
  version: ProgramVersion,
  rule: string,
): LifecycleError =>
  lifecycleViolation(
    'WrongVersionStatus',
    `${name(record, version)} is ${statusLabel[version.status]}; ${rule}`,
  )

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

const draftProgram = (
  { data }: ProgramLifecycleCommandOf<'DraftProgram'>,
  state: ProgramLifecycleState,
  context: CommandContext,
): Decision => {
  if (state.status !== 'notDrafted') {
    return fail(
      lifecycleViolation(
        'ProgramAlreadyDrafted',
        `program '${state.programId}' is already drafted (${versionsOf(state)}); revise its latest version to start a new one`,
      ),
    )
  }
  return one({
    type: 'ProgramDrafted',
    data: {
      programId: data.programId,
      version: data.program.version,
      program: data.program,
      draftedBy: context.actor.id,
      at: context.at,
    },
  })
}

const reviseProgram = (
  { data }: ProgramLifecycleCommandOf<'ReviseProgram'>,
  record: ProgramRecord,
  context: CommandContext,
): Decision => {
  const found = find(record, data.version)
  if (E.isLeft(found)) return found
  const version = found.right
  const revision = {
    programId: record.programId,
    program: data.program,
    revisedBy: context.actor.id,
    at: context.at,
  }
  if (isEditable(version.status)) {
    if (data.program.version !== version.version) {
      return fail(
        lifecycleViolation(
          'VersionMismatch',
          `${name(record, version)} is edited in place: send the program with version ${version.version}, not ${data.program.version}`,
        ),
      )
    }
    return one({ type: 'ProgramRevised', data: { ...revision, version: version.version } })
  }
  if (version.status === 'inReview') {
    return fail(
      wrongStatus(
        record,
        version,
        'it is revised once an approver requests changes, or starts a new version once approved',
      ),
    )
  }
  const latest = record.versions.at(-1) as ProgramVersion
  if (latest.version !== version.version) {
    return fail(
      lifecycleViolation(
        'NotLatestVersion',
        `${name(record, version)} is ${statusLabel[version.status]} and never changes; a new version starts from the latest, version ${latest.version} (${statusLabel[latest.status]}): revise version ${latest.version}`,
      ),
    )
  }
  const next = latest.version + 1
  if (data.program.version !== next) {
    return fail(
      lifecycleViolation(
        'VersionMismatch',
        `${name(record, version)} is ${statusLabel[version.status]} and never changes; revising it starts version ${next}: send the program with version ${next}, not ${data.program.version}`,
      ),
    )
  }
  return one({
    type: 'ProgramRevised',
    data: { ...revision, version: next, basedOn: version.version },
  })
}

const submitForReview = (
  policy: StructuralPolicy,
  { data }: ProgramLifecycleCommandOf<'SubmitProgramForReview'>,
  record: ProgramRecord,
  context: CommandContext,
): Decision => {
  const found = find(record, data.version)
  if (E.isLeft(found)) return found
  const version = found.right
  if (version.status !== 'draft') {
    return fail(
      wrongStatus(
        record,
        version,
        version.status === 'changesRequested'
          ? 'revise it first: only a draft is submitted for review'
          : 'only a draft is submitted for review',
      ),
    )
  }
  const policyChecked = validatePolicy(policy)
  if (E.isLeft(policyChecked)) return fail(invalidPolicy(policyChecked.left))
  const valid = validateProgram(version.program, policy)
  if (E.isLeft(valid)) return fail(invalidProgram(valid.left))
  return one({
    type: 'ProgramSubmittedForReview',
    data: {
      programId: record.programId,
      version: version.version,
      submittedBy: context.actor.id,
      at: context.at,
    },
  })
}

const review = (
  command: ProgramLifecycleCommandOf<'ApproveProgram' | 'RequestProgramChanges'>,
  record: ProgramRecord,
  context: CommandContext,
): Decision => {
  const found = find(record, command.data.version)
  if (E.isLeft(found)) return found
  const version = found.right
  if (version.status !== 'inReview') {
    return fail(wrongStatus(record, version, 'only a version in review is approved or sent back'))
  }
  const on = { programId: record.programId, version: version.version, at: context.at }
  return command.type === 'ApproveProgram'
    ? one({ type: 'ProgramApproved', data: { ...on, approvedBy: context.actor.id } })
    : one({
        type: 'ProgramChangesRequested',
        data: { ...on, changes: command.data.changes, requestedBy: context.actor.id },
      })
}

const publishProgram = (
  { data }: ProgramLifecycleCommandOf<'PublishProgram'>,
  record: ProgramRecord,
  context: CommandContext,
): Decision => {
  const found = find(record, data.version)
  if (E.isLeft(found)) return found
  const version = found.right
  if (version.status !== 'approved') {
    return fail(wrongStatus(record, version, 'only an approved version is published'))
  }
  return one({
    type: 'ProgramPublished',
    data: {
      programId: record.programId,
      version: version.version,
      publishedBy: context.actor.id,
      at: context.at,
    },
  })
}

const retireProgram = (
  { data }: ProgramLifecycleCommandOf<'RetireProgram'>,
  record: ProgramRecord,
  context: CommandContext,
): Decision => {
  const retirement = {
    programId: record.programId,
    reason: data.reason,
    retiredBy: context.actor.id,
    at: context.at,
  }
  if (data.version === undefined) return one({ type: 'ProgramRetired', data: retirement })
  const found = find(record, data.version)
  if (E.isLeft(found)) return found
  const version = found.right
  if (version.status !== 'published') {
    return fail(
      wrongStatus(
        record,
        version,
        'only a published version is retired (retire the program, without a version, to close it all)',
      ),
    )
  }
  return one({ type: 'ProgramRetired', data: { ...retirement, version: version.version } })
}

// -------------------------------------------------------------------------------------
// decide
// -------------------------------------------------------------------------------------

const decideCommand = (
  policy: StructuralPolicy,
  rules: AuthorizationRules,
  command: ProgramLifecycleCommand,
  state: ProgramLifecycleState,
  context: CommandContext,
): Decision => {
  const { programId } = command.data
  if (state.status !== 'notDrafted' && programId !== state.programId) {
    return fail(
      lifecycleViolation(
        'WrongProgram',
        `the command is for program '${programId}' but the state is of '${state.programId}'`,
      ),
    )
  }
  if ('program' in command.data && command.data.program.id !== programId) {
    return fail(
      lifecycleViolation(
        'WrongProgram',
        `the command is for program '${programId}' but carries program '${command.data.program.id}': a program's id is its stream's`,
      ),
    )
  }
  const allowed = authorizeProgramCommand(rules)(command, state, context)
  if (E.isLeft(allowed)) return allowed
  if (command.type === 'DraftProgram') return draftProgram(command, state, context)
  if (state.status === 'notDrafted') {
    return fail(
      lifecycleViolation(
        'ProgramNotDrafted',
        `program '${programId}' has not been drafted; draft it first`,
      ),
    )
  }
  if (Date.parse(context.at) < Date.parse(state.lastEventAt)) {
    return fail(
      lifecycleViolation(
        'TimeWentBackwards',
        `the command is dated ${context.at}, before the program's latest event (${state.lastEventAt})`,
      ),
    )
  }
  if (state.status === 'retired') {
    const retirement = state.retirement
    return fail(
      lifecycleViolation(
        'ProgramRetired',
        `program '${programId}' was retired${retirement === null ? '' : ` on ${retirement.at} (${retirement.reason})`}; it takes no more commands: draft a program with a new id to start again`,
      ),
    )
  }
  switch (command.type) {
    case 'ReviseProgram':
      return reviseProgram(command, state, context)
    case 'SubmitProgramForReview':
      return submitForReview(policy, command, state, context)
    case 'RequestProgramChanges':
    case 'ApproveProgram':
      return review(command, state, context)
    case 'PublishProgram':
      return publishProgram(command, state, context)
    case 'RetireProgram':
      return retireProgram(command, state, context)
  }
}

/**
 * The lifecycle's `decide` under a policy and an authorization table (the default one unless a
 * district passes its own): checks the command and its context (a failure names the path), the
 * program, the actor's grants (no approver reviews a version they wrote), the time, and the
 * rules of the version's status, and returns the one event, or the first rule broken. Only a
 * program valid under `policy` is submitted for review: the refusal is an `InvalidProgram`
 * listing every violation. Pure: the time, the actor and the ids come from the command and its
 * context.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, decideProgramLifecycle, lausdPolicy, programLifecycle } from 'microcred'
 * const at = '2026-06-01T16:00:00Z'
 * const admin = { actor: { id: 'admin-1', roles: ['administrator' as const] }, at, commandId: 'c-2' }
 * // A draft with four EOLAs where the policy requires five.
 * const short = { ...catalog.steam, eolas: catalog.steam.eolas.slice(1) }
 * const state = programLifecycle.fold([
 *   { type: 'ProgramDrafted', data: { programId: 'steam', version: 1, program: short, draftedBy: 'admin-1', at } },
 * ])
 * const submitted = decideProgramLifecycle(lausdPolicy)(
 *   { type: 'SubmitProgramForReview', data: { programId: 'steam', version: 1 } }, state, admin)
 * assert.ok(E.isLeft(submitted))
 * assert.equal(submitted.left._tag, 'InvalidProgram')
 * assert.equal(submitted.left.message, 'invalid program: at eolas: the program has 4 EOLAs; the policy requires 5')
 */
export const decideProgramLifecycle =
  (policy: StructuralPolicy, authorization: AuthorizationRules = authorizationRules) =>
  (
    command: ProgramLifecycleCommand,
    state: ProgramLifecycleState,
    context: CommandContext,
  ): E.Either<LifecycleError, ReadonlyArray<ProgramLifecycleEvent>> => {
    const decodedCommand = ProgramLifecycleCommand.decode(command)
    if (E.isLeft(decodedCommand)) return fail(invalidCommand('command', decodedCommand.left))
    const decodedContext = CommandContext.decode(context)
    if (E.isLeft(decodedContext)) {
      return fail(invalidCommand('command context', decodedContext.left))
    }
    return decideCommand(policy, authorization, decodedCommand.right, state, decodedContext.right)
  }
