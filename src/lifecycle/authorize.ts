/**
 * Who may send a command on a program, asked on its own: `decide` asks it first, and the handler
 * asks it before it answers a repeated `commandId`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { authorizationRules, authorize, type AuthorizationRules } from '../authorization.js'
import type { CommandContext } from '../context.js'
import type { NotAuthorized } from '../errors.js'
import type { ProgramLifecycleCommand } from './commands.js'
import type { ProgramLifecycleState } from './state.js'

/** The commands a reviewer sends, judged against every author of the version. */
const reviews = new Set<ProgramLifecycleCommand['type']>([
  'ApproveProgram',
  'RequestProgramChanges',
])

/** The authors of the version a command names (or of the program's first version). */
const authorsOf = (command: ProgramLifecycleCommand, state: ProgramLifecycleState): string[] => {
  if (state.status === 'notDrafted') return []
  const named = 'version' in command.data ? command.data.version : undefined
  const version =
    state.versions.find((v) => v.version === named) ??
    (named === undefined ? state.versions[0] : undefined)
  return version === undefined ? [] : [...version.authors]
}

/**
 * Whether the context's actor may send the command on a program in this state, under an
 * authorization table (the default one unless a district passes its own). The subject of a
 * command is the version it names: its authors, everyone who drafted or revised it. A review
 * (`ApproveProgram`, `RequestProgramChanges`) must be allowed against every author, so an
 * approver never reviews a version they wrote any of (by `sameIdentity`: `Lead-1` wrote what
 * `lead-1` wrote); any other command against one of them. A version that does not exist has no
 * authors: then only the actor's role is judged, against the program, and `decide` refuses the
 * version.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { authorizeProgramCommand, catalog, programLifecycle } from 'microcred'
 * const at = '2026-06-01T16:00:00Z'
 * const state = programLifecycle.fold([
 *   { type: 'ProgramDrafted', data: { programId: 'steam', version: 1, program: catalog.steam, draftedBy: 'lead-1', at } },
 *   { type: 'ProgramSubmittedForReview', data: { programId: 'steam', version: 1, submittedBy: 'lead-1', at } },
 * ])
 * const approve = { type: 'ApproveProgram' as const, data: { programId: 'steam', version: 1 } }
 * const lead = { actor: { id: 'LEAD-1', roles: ['administrator' as const, 'approver' as const] }, at, commandId: 'c-3' }
 * const own = authorizeProgramCommand()(approve, state, lead)
 * assert.ok(E.isLeft(own) && own.left._tag === 'NotAuthorized')
 * const approver = { ...lead, actor: { id: 'approver-1', roles: ['approver' as const] } }
 * assert.ok(E.isRight(authorizeProgramCommand()(approve, state, approver)))
 */
export const authorizeProgramCommand =
  (rules: AuthorizationRules = authorizationRules) =>
  (
    command: ProgramLifecycleCommand,
    state: ProgramLifecycleState,
    context: CommandContext,
  ): E.Either<NotAuthorized, void> => {
    const authors = authorsOf(command, state)
    if (authors.length === 0) {
      const subject = command.type === 'DraftProgram' ? context.actor.id : command.data.programId
      return authorize(command.type, context.actor, subject, rules)
    }
    const verdicts = authors.map((author) => authorize(command.type, context.actor, author, rules))
    if (reviews.has(command.type)) return verdicts.find(E.isLeft) ?? E.right(undefined)
    return verdicts.find(E.isRight) ?? (verdicts[0] as E.Either<NotAuthorized, void>)
  }
