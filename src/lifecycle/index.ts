/**
 * The program lifecycle: every version of a program, from its draft through review, approval
 * and publication to its retirement. An author drafts, a different approver approves, and a
 * published version never changes: an enrollment pins the version it joined.
 *
 * @packageDocumentation
 */
import type { Aggregate } from '../aggregate.js'
import { authorizationRules, type AuthorizationRules } from '../authorization.js'
import { deepFreeze } from '../freeze.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import { authorizeProgramCommand } from './authorize.js'
import { ProgramLifecycleCommand } from './commands.js'
import { decideProgramLifecycle } from './decide.js'
import type { LifecycleError } from './errors.js'
import type { ProgramLifecycleEvent } from './events.js'
import { evolveProgramLifecycle, foldProgramLifecycle, notDrafted } from './evolve.js'
import type { ProgramLifecycleState } from './state.js'
import { programLifecycleEvents, programStreamId } from './stream.js'

export * from './errors.js'
export * from './commands.js'
export * from './events.js'
export * from './state.js'
export * from './evolve.js'
export * from './authorize.js'
export * from './decide.js'
export * from './queries.js'
export * from './stream.js'

/**
 * The lifecycle decider: commands, events and state of a program's versions, its errors, and how
 * they are stored (so `handleCommand` can run it).
 */
export type ProgramLifecycleDecider = Aggregate<
  ProgramLifecycleCommand,
  ProgramLifecycleEvent,
  ProgramLifecycleState,
  LifecycleError
>

/** Options of `programLifecycleDecider`. */
export interface ProgramLifecycleDeciderOptions {
  /** Who may do what (default: `authorizationRules`). */
  readonly authorization?: AuthorizationRules
}

/**
 * The lifecycle decider under a district's policy (the one a program must pass to be submitted
 * for review), and its own authorization table if it passes one.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, lausdPolicy, programLifecycleDecider } from 'microcred'
 * // A district whose programs need no capstone: the catalog's STEAM program, without one, passes.
 * const myDistrict = programLifecycleDecider({ ...lausdPolicy, capstoneRequired: false })
 * const { capstone, ...withoutCapstone } = catalog.steam
 * const at = '2026-06-01T16:00:00Z'
 * const state = myDistrict.fold([
 *   { type: 'ProgramDrafted', data: { programId: 'steam', version: 1, program: withoutCapstone, draftedBy: 'admin-1', at } },
 * ])
 * const submitted = myDistrict.decide(
 *   { type: 'SubmitProgramForReview', data: { programId: 'steam', version: 1 } },
 *   state,
 *   { actor: { id: 'admin-1', roles: ['administrator'] }, at, commandId: 'c-2' },
 * )
 * assert.ok(E.isRight(submitted))
 * assert.equal(submitted.right[0]?.type, 'ProgramSubmittedForReview')
 */
export const programLifecycleDecider = (
  policy: StructuralPolicy,
  options: ProgramLifecycleDeciderOptions = {},
): ProgramLifecycleDecider => ({
  initialState: deepFreeze(notDrafted()),
  decide: decideProgramLifecycle(policy, options.authorization ?? authorizationRules),
  authorize: authorizeProgramCommand(options.authorization ?? authorizationRules),
  evolve: evolveProgramLifecycle,
  fold: foldProgramLifecycle,
  commands: ProgramLifecycleCommand,
  events: programLifecycleEvents,
  streamIdOf: (command) => programStreamId(command.data.programId),
  occurredAt: (event) => event.data.at,
})

/**
 * The program lifecycle under the Los Angeles Unified policy: `decide`, `evolve`,
 * `initialState`, `fold`, and what `handleCommand` needs to store it in `program-<programId>`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, createInMemoryEventStore, handleCommand, programLifecycle, publishedVersion, type Actor, type ProgramLifecycleCommand } from 'microcred'
 * const store = createInMemoryEventStore()
 * const author: Actor = { id: 'lead-1', roles: ['administrator', 'approver'] }
 * const approver: Actor = { id: 'approver-1', roles: ['approver'] }
 * let n = 0
 * const send = (command: ProgramLifecycleCommand, actor: Actor) =>
 *   handleCommand(store, programLifecycle, command, { actor, at: `2026-06-0${++n}T16:00:00Z`, commandId: `c-${n}` })
 * const v1 = { programId: 'steam', version: 1 }
 * await send({ type: 'DraftProgram', data: { programId: 'steam', program: catalog.steam } }, author)
 * await send({ type: 'SubmitProgramForReview', data: v1 }, author)
 * const own = await send({ type: 'ApproveProgram', data: v1 }, author)
 * assert.ok(E.isLeft(own) && own.left._tag === 'NotAuthorized') // no approver approves their own draft
 * await send({ type: 'ApproveProgram', data: v1 }, approver)
 * const published = await send({ type: 'PublishProgram', data: v1 }, author)
 * assert.ok(E.isRight(published))
 * assert.deepEqual(publishedVersion(published.right.state, 1), E.right(catalog.steam))
 */
export const programLifecycle: ProgramLifecycleDecider = programLifecycleDecider(lausdPolicy)
