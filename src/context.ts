/**
 * The context every command is decided in: who acts, when, and the command's id. The core never
 * reads a clock or makes an id; they arrive here.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { decodedOnce, exact, Id, IsoDateTime, list } from './codec.js'

/**
 * The roles an actor can hold.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Role } from 'microcred'
 * assert.equal(Role.is('assessor'), true)
 * assert.equal(Role.is('principal'), false)
 */
export const Role = t.keyof(
  {
    educator: null,
    facilitator: null,
    assessor: null,
    administrator: null,
    lms: null,
    approver: null,
  },
  'Role',
)
/** `'educator' | 'facilitator' | 'assessor' | 'administrator' | 'lms' | 'approver'`. */
export type Role = t.TypeOf<typeof Role>

/**
 * The person or integration acting, with the roles the district has given them (at most 16):
 * an id (`Id`) and roles, nothing else. Ids of people are compared with `sameIdentity`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Actor } from 'microcred'
 * assert.equal(Actor.is({ id: 'admin-1', roles: ['administrator'] }), true)
 * assert.equal(Actor.is({ id: 'admin-1', roles: ['superuser'] }), false)
 * assert.equal(Actor.is({ id: 'admin-1', roles: [], isAdmin: true }), false) // an unknown field
 */
export const Actor = exact({ id: Id, roles: list(Role, 16) }, undefined, 'Actor')
/** The person or integration acting. */
export type Actor = t.TypeOf<typeof Actor>

/**
 * `{ actor, at, commandId }`: who acts, the ISO-8601 time of the act, and a unique id for the
 * command (used for idempotency; an `Id`). Exact, and decoded once (see `decodedOnce`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CommandContext } from 'microcred'
 * const context = {
 *   actor: { id: 'admin-1', roles: ['administrator'] },
 *   at: '2026-09-01T16:00:00Z',
 *   commandId: 'cmd-1',
 * }
 * assert.equal(CommandContext.is(context), true)
 * assert.equal(CommandContext.is({ ...context, at: '2026-09-01' }), false) // no time, no zone
 */
export const CommandContext = decodedOnce(
  exact({ actor: Actor, at: IsoDateTime, commandId: Id }, undefined, 'CommandContext'),
)
/** The context a command is decided in. */
export type CommandContext = t.TypeOf<typeof CommandContext>
