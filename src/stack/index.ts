/**
 * Stacks (progressions): programs that together make a larger credential. An administrator
 * defines a stack of at least two member programs; the `stackAwards` process records into the
 * stack's stream the member enrollments, credentials and revocations of the log; the stack
 * decides, from its own state, when an educator holds every member (`StackEarned`, once per
 * educator) and when a credential it was earned with is revoked (`StackRevoked`).
 *
 * @packageDocumentation
 */
import type { Aggregate } from '../aggregate.js'
import { authorizationRules, type AuthorizationRules } from '../authorization.js'
import { defineDecider } from '../decider.js'
import { StackCommand } from './commands.js'
import { authorizeStackCommand, decideStack } from './decide.js'
import type { StackError } from './errors.js'
import type { StackEvent } from './events.js'
import { applyStackEvent, stackNotDefined } from './evolve.js'
import type { StackState } from './state.js'
import { stackEvents, stackStreamId } from './stream.js'

export * from './commands.js'
export * from './events.js'
export * from './errors.js'
export * from './state.js'
export * from './evolve.js'
export * from './decide.js'
export * from './stream.js'

/** The stack aggregate: its decider, command codec, event schema and stream. */
export type StackAggregate = Aggregate<StackCommand, StackEvent, StackState, StackError>

/** Options of `stackAggregate`. */
export interface StackAggregateOptions {
  /** Who may do what (default: `authorizationRules`). */
  readonly authorization?: AuthorizationRules
}

/**
 * The stack aggregate under an authorization table (the default one unless a district passes
 * its own), ready for `handleCommand` on any store.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { authorizationRules, stackAggregate } from 'microcred'
 * // A district where approvers, not administrators, define stacks.
 * const district = stackAggregate({ authorization: { ...authorizationRules, DefineStack: [{ role: 'approver', relation: 'any' }] } })
 * const define = { type: 'DefineStack' as const, data: { stackId: 's', title: 'T', description: 'D', memberProgramIds: ['a', 'b'],
 *   badge: { name: 'N', description: 'D', criteria: 'C', imageUrl: 'https://x.org/b.png' } } }
 * const admin = { actor: { id: 'admin-1', roles: ['administrator' as const] }, at: '2026-08-01T16:00:00Z', commandId: 'c-1' }
 * const refused = district.decide(define, district.initialState, admin)
 * assert.ok(E.isLeft(refused) && refused.left._tag === 'NotAuthorized')
 */
export const stackAggregate = (options: StackAggregateOptions = {}): StackAggregate => {
  const rules = options.authorization ?? authorizationRules
  return {
    ...defineDecider<StackCommand, StackEvent, StackState, StackError>({
      initialState: stackNotDefined(),
      decide: decideStack(rules),
      evolve: applyStackEvent,
    }),
    authorize: authorizeStackCommand(rules),
    commands: StackCommand,
    events: stackEvents,
    streamIdOf: (command) => stackStreamId(command.data.stackId),
    occurredAt: (event) => event.data.at,
  }
}

/**
 * The stack aggregate under the default authorization table: `decide`, `evolve`, `fold`,
 * `initialState`, and what `handleCommand` needs.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createInMemoryEventStore, handleCommand, stack, stackStreamId, aggregateStream } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const defined = await handleCommand(store, stack,
 *   { type: 'DefineStack', data: { stackId: 'leader', title: 'Instructional Leader', description: 'Two micro-credentials.',
 *     memberProgramIds: ['steam', 'dual-language'],
 *     badge: { name: 'Instructional Leader', description: 'd', criteria: 'c', imageUrl: 'https://achieve.lausd.net/leader.png' } } },
 *   { actor: admin, at: '2026-08-01T16:00:00Z', commandId: 'define-leader' })
 * assert.ok(E.isRight(defined))
 * const read = await aggregateStream(store, stack, stackStreamId('leader'))
 * assert.ok(E.isRight(read))
 * assert.equal(read.right.state.status, 'defined')
 */
export const stack: StackAggregate = stackAggregate()

/**
 * A stack's state from its stream's events (deeply frozen).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { foldStack } from 'microcred'
 * assert.deepEqual(foldStack([]), { status: 'notDefined' })
 */
export const foldStack = (events: Iterable<StackEvent>): StackState => stack.fold(events)
