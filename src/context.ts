/**
 * The context every command is decided in: who acts, when, and the command's id. The core never
 * reads a clock or makes an id; they arrive here.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { decodedOnce, IsoDateTime, NonEmptyString } from './codec.js'

/**
 * The roles an actor can hold.
 *
 * @example
 * import { Role } from 'microcred'
 * Role.is('assessor') // true
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
 * The person or integration acting, with the roles the district has given them.
 *
 * @example
 * import { Actor } from 'microcred'
 * Actor.is({ id: 'admin-1', roles: ['administrator'] }) // true
 */
export const Actor = t.type({ id: NonEmptyString, roles: t.array(Role) }, 'Actor')
/** The person or integration acting. */
export type Actor = t.TypeOf<typeof Actor>

/**
 * `{ actor, at, commandId }`: who acts, the ISO-8601 time of the act, and a unique id for the
 * command (used for idempotency).
 *
 * @example
 * import { CommandContext } from 'microcred'
 * CommandContext.is({
 *   actor: { id: 'admin-1', roles: ['administrator'] },
 *   at: '2026-09-01T16:00:00Z',
 *   commandId: 'cmd-1',
 * }) // true
 */
export const CommandContext = decodedOnce(
  t.type({ actor: Actor, at: IsoDateTime, commandId: NonEmptyString }, 'CommandContext'),
)
/** The context a command is decided in. */
export type CommandContext = t.TypeOf<typeof CommandContext>
