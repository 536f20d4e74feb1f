/**
 * The staff of a program: facilitators and assessors assigned to every cohort of a program, kept
 * in the program's staff stream `program-staff-<programId>`. A cohort's own assignments are kept
 * in the cohort (see `cohort`).
 *
 * Internal: the aggregates built from it are exported from the cohort's index.
 *
 * @internal
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import * as t from 'io-ts'
import { authorize, sameIdentity, type AuthorizationRules } from '../authorization.js'
import { Id, IsoDateTime } from '../codec.js'
import { CommandContext } from '../context.js'
import { invalidCommand } from '../errors.js'
import type { Program } from '../program/program.js'
import { StaffCommand } from './commands.js'
import { cohortRuleViolation as violation, type CohortError } from './errors.js'
import type { StaffEvent } from './events.js'
import { StaffMember } from './state.js'

/**
 * The state of a program's staff stream: the program (`null` before its first assignment) and
 * who is assigned, in which role.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramStaffState, programStaff } from 'microcred'
 * assert.equal(ProgramStaffState.is(programStaff.initialState), true)
 * assert.deepEqual(programStaff.initialState, { programId: null, staff: [], lastEventAt: null })
 */
export const ProgramStaffState = t.type(
  {
    programId: t.union([Id, t.null]),
    staff: t.array(StaffMember),
    lastEventAt: t.union([IsoDateTime, t.null]),
  },
  'ProgramStaffState',
)
/** The state of a program's staff stream. */
export type ProgramStaffState = t.TypeOf<typeof ProgramStaffState>

type Decision = E.Either<CohortError, ReadonlyArray<StaffEvent>>

/** The recipe of a program's staff events. */
export const programStaffRecipe = (draft: Draft<ProgramStaffState>, event: StaffEvent): void => {
  const { scope, staffId, role } = event.data
  if (!('programId' in scope)) return
  if (draft.programId !== null && draft.programId !== scope.programId) return
  draft.programId = scope.programId
  draft.lastEventAt = event.data.at
  const at = draft.staff.findIndex((m) => m.role === role && sameIdentity(m.staffId, staffId))
  if (event.type === 'StaffAssigned' && at < 0) draft.staff.push({ staffId, role })
  if (event.type === 'StaffUnassigned' && at >= 0) draft.staff.splice(at, 1)
}

/** The `decide` of a program's staff under the district's programs and grants. */
export const decideProgramStaff =
  (programs: ReadonlyArray<Program>, rules: AuthorizationRules) =>
  (command: StaffCommand, state: ProgramStaffState, context: CommandContext): Decision => {
    const decodedCommand = StaffCommand.decode(command)
    if (E.isLeft(decodedCommand)) return E.left(invalidCommand('command', decodedCommand.left))
    const decodedContext = CommandContext.decode(context)
    if (E.isLeft(decodedContext))
      return E.left(invalidCommand('command context', decodedContext.left))
    const { type, data } = decodedCommand.right
    const ctx = decodedContext.right
    if (!('programId' in data.scope)) {
      return E.left(
        violation(
          'WrongScope',
          `a staff assignment to cohort '${data.scope.cohortId}' is kept in the cohort: send it to the cohort aggregate, not to a program's staff`,
        ),
      )
    }
    const { programId } = data.scope
    const allowed = authorize('AssignStaff', ctx.actor, data.staffId, rules)
    if (E.isLeft(allowed)) return allowed
    if (state.programId !== null && state.programId !== programId) {
      return E.left(
        violation(
          'WrongProgram',
          `the command is for program '${programId}' but the state is of '${state.programId}'`,
        ),
      )
    }
    if (!programs.some((p) => p.id === programId)) {
      return E.left(
        violation(
          'UnknownProgram',
          `program '${programId}' is not one of the programs this decider knows; staff are assigned to a known program`,
        ),
      )
    }
    if (state.lastEventAt !== null && Date.parse(ctx.at) < Date.parse(state.lastEventAt)) {
      return E.left(
        violation(
          'TimeWentBackwards',
          `the command is dated ${ctx.at}, before the program staff's latest event (${state.lastEventAt})`,
        ),
      )
    }
    const assigned = state.staff.some(
      (m) => m.role === data.role && sameIdentity(m.staffId, data.staffId),
    )
    const scope = { programId }
    if (type === 'AssignStaff') {
      if (assigned) return E.right([])
      return E.right([
        {
          type: 'StaffAssigned',
          data: {
            scope,
            staffId: data.staffId,
            role: data.role,
            at: ctx.at,
            assignedBy: ctx.actor.id,
          },
        },
      ])
    }
    if (!assigned) {
      return E.left(
        violation(
          'NotAssigned',
          `${data.staffId} is not assigned to program '${programId}' as ${data.role}`,
        ),
      )
    }
    return E.right([
      {
        type: 'StaffUnassigned',
        data: {
          scope,
          staffId: data.staffId,
          role: data.role,
          at: ctx.at,
          unassignedBy: ctx.actor.id,
        },
      },
    ])
  }
