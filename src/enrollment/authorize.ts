/**
 * Who may send a command on an enrollment, asked on its own: the handler asks it before it
 * answers a repeated `commandId`, so a repeat never shows a stream to an actor who could not
 * have sent the command.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  authorizationRules,
  authorize,
  type Action,
  type AuthorizationRules,
} from '../authorization.js'
import type { CommandContext } from '../context.js'
import type { NotAuthorized } from '../errors.js'
import type { Mode } from '../hours.js'
import type { EnrollmentCommand } from './commands.js'
import type { EnrollmentState } from './state.js'

const hoursAction: Record<Mode, Action> = {
  faceToFace: 'RecordFaceToFaceHours',
  online: 'RecordOnlineHours',
  homework: 'RecordHomeworkHours',
}

/**
 * The action of the authorization table a command needs: its type, or for `RecordHours` the
 * action of its mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { actionOf } from 'microcred'
 * assert.equal(actionOf({ type: 'Withdraw', data: { enrollmentId: 'e1', reason: 'Moved' } }), 'Withdraw')
 * assert.equal(
 *   actionOf({ type: 'RecordHours', data: { enrollmentId: 'e1', moduleId: 'm1', mode: 'online', hours: 2 } }),
 *   'RecordOnlineHours',
 * )
 */
export const actionOf = (command: EnrollmentCommand): Action =>
  command.type === 'RecordHours' ? hoursAction[command.data.mode] : command.type

/**
 * Whether the context's actor may send the command on an enrollment in this state, under an
 * authorization table (the default one unless a district passes its own). On an enrollment that
 * exists, the educator it belongs to is the one in the state, never the one a command names, so
 * an `Enroll` repeated on someone else's enrollment is judged against its real owner. On a
 * stream with no enrollment yet, only `Enroll` has an owner to check; other commands are left to
 * `decide`, which refuses them as `NotEnrolled`.
 *
 * `decide` asks the same question; the handler asks it on its own before it answers a repeated
 * `commandId`, which `decide` never sees.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { authorizeEnrollmentCommand, enrollment } from 'microcred'
 * const withdraw = { type: 'Withdraw' as const, data: { enrollmentId: 'e1', reason: 'Moved' } }
 * const nobody = { actor: { id: 'x', roles: [] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' }
 * const admin = { ...nobody, actor: { id: 'admin-1', roles: ['administrator' as const] } }
 * assert.ok(E.isRight(authorizeEnrollmentCommand()(withdraw, enrollment.initialState, admin)))
 * const enroll = {
 *   type: 'Enroll' as const,
 *   data: { enrollmentId: 'e1', cohortId: 'c', program: {} as never,
 *     educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' } },
 * }
 * const refused = authorizeEnrollmentCommand()(enroll, enrollment.initialState, nobody)
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left._tag, 'NotAuthorized')
 */
export const authorizeEnrollmentCommand =
  (rules: AuthorizationRules = authorizationRules) =>
  (
    command: EnrollmentCommand,
    state: EnrollmentState,
    context: CommandContext,
  ): E.Either<NotAuthorized, void> => {
    if (state.status !== 'notEnrolled') {
      return authorize(actionOf(command), context.actor, state.educator.id, rules)
    }
    if (command.type === 'Enroll') {
      return authorize('Enroll', context.actor, command.data.educator.id, rules)
    }
    return E.right(undefined)
  }
