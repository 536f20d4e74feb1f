/**
 * Cohorts: one offering of a program over a school year, with its seats (a roster and a
 * waitlist), face-to-face sessions and their attendance, and its staff. Also the staff of a
 * program. People are compared by `sameIdentity`. See docs/cohorts.md.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Aggregate } from '../aggregate.js'
import { authorizationRules, authorize, type AuthorizationRules } from '../authorization.js'
import { defineDecider } from '../decider.js'
import { eventSchema } from '../event-schema.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import { catalogPrograms } from '../program/catalog/index.js'
import type { Program } from '../program/program.js'
import { CohortCommand, StaffCommand } from './commands.js'
import { authorizeCohortCommand, decideCohort } from './decide.js'
import type { CohortError } from './errors.js'
import { CohortEvent, StaffEvent } from './events.js'
import { cohortRecipe } from './evolve.js'
import type { ProgramStaffState } from './program-staff.js'
import { decideProgramStaff, programStaffRecipe } from './program-staff.js'
import type { CohortState } from './state.js'

export * from './commands.js'
export * from './events.js'
export * from './state.js'
export * from './errors.js'
export { ProgramStaffState } from './program-staff.js'

/** The cohort aggregate: commands, events and state of a cohort, and how they are stored. */
export type CohortDecider = Aggregate<CohortCommand, CohortEvent, CohortState, CohortError>

/** The program-staff aggregate: assignments to every cohort of a program. */
export type ProgramStaffDecider = Aggregate<
  StaffCommand,
  StaffEvent,
  ProgramStaffState,
  CohortError
>

/** Options of `cohortDecider` and `programStaffDecider`. */
export interface CohortDeciderOptions {
  /** The district's policy: its `hoursPerRecord` bounds a session's hours (default `lausdPolicy`). */
  readonly policy?: StructuralPolicy
  /** The programs a cohort may be scheduled for, by id and version (default: the catalog). */
  readonly programs?: ReadonlyArray<Program>
  /** Who may do what (default: `authorizationRules`). */
  readonly authorization?: AuthorizationRules
}

/**
 * The stream of one cohort: `cohort-<cohortId>`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { cohortStreamId } from 'microcred'
 * assert.equal(cohortStreamId('steam-2026'), 'cohort-steam-2026')
 */
export const cohortStreamId = (cohortId: string): string => `cohort-${cohortId}`

/**
 * The stream of a program's staff: `program-staff-<programId>`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { programStaffStreamId } from 'microcred'
 * assert.equal(programStaffStreamId('steam'), 'program-staff-steam')
 */
export const programStaffStreamId = (programId: string): string => `program-staff-${programId}`

/**
 * The stream a staff assignment is kept in: its cohort's, or its program's staff stream.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { staffStreamId } from 'microcred'
 * assert.equal(staffStreamId({ cohortId: 'steam-2026' }), 'cohort-steam-2026')
 * assert.equal(staffStreamId({ programId: 'steam' }), 'program-staff-steam')
 */
export const staffStreamId = (scope: { cohortId: string } | { programId: string }): string =>
  'cohortId' in scope ? cohortStreamId(scope.cohortId) : programStaffStreamId(scope.programId)

/**
 * The schema of stored cohort events: every type at schema version 1.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CohortEvent, cohortEvents } from 'microcred'
 * assert.equal(cohortEvents.codec, CohortEvent)
 */
export const cohortEvents = eventSchema(CohortEvent)

/**
 * The schema of stored program-staff events: every type at schema version 1.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StaffEvent, programStaffEvents } from 'microcred'
 * assert.equal(programStaffEvents.codec, StaffEvent)
 */
export const programStaffEvents = eventSchema(StaffEvent)

/**
 * The cohort aggregate under a district's policy, programs and grants.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, cohortDecider } from 'microcred'
 * const pilot = { ...catalog.steam, id: 'steam-pilot' }
 * const cohorts = cohortDecider({ programs: [pilot] })
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const scheduled = cohorts.decide(
 *   { type: 'ScheduleCohort', data: { cohortId: 'pilot-2026', programId: 'steam-pilot', programVersion: pilot.version,
 *     schoolYear: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-06-11', capacity: 12, facilitators: ['fac-1'] } },
 *   cohorts.initialState,
 *   { actor: admin, at: '2026-08-01T16:00:00Z', commandId: 'c-1' },
 * )
 * assert.ok(E.isRight(scheduled))
 * assert.equal(scheduled.right[0]?.type, 'CohortScheduled')
 */
export const cohortDecider = (options: CohortDeciderOptions = {}): CohortDecider => {
  const rules = {
    policy: options.policy ?? lausdPolicy,
    programs: options.programs ?? catalogPrograms,
    authorization: options.authorization ?? authorizationRules,
  }
  const decider = defineDecider<CohortCommand, CohortEvent, CohortState, CohortError>({
    initialState: { status: 'unscheduled' },
    decide: decideCohort(rules),
    evolve: cohortRecipe,
  })
  return {
    ...decider,
    authorize: authorizeCohortCommand(rules.authorization),
    commands: CohortCommand,
    events: cohortEvents,
    streamIdOf: (command) =>
      'scope' in command.data
        ? staffStreamId(command.data.scope)
        : cohortStreamId(command.data.cohortId),
    occurredAt: (event) => event.data.at,
  }
}

/**
 * The cohort aggregate under the Los Angeles Unified policy, for the catalog's programs.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, cohort } from 'microcred'
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const context = (at: string, commandId: string) => ({ actor: admin, at, commandId })
 * const scheduled = cohort.decide(
 *   { type: 'ScheduleCohort', data: { cohortId: 'steam-2026', programId: 'steam', programVersion: catalog.steam.version,
 *     schoolYear: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-06-11', capacity: 1, facilitators: ['fac-1'] } },
 *   cohort.initialState, context('2026-08-01T16:00:00Z', 'c-1'))
 * assert.ok(E.isRight(scheduled))
 * let state = cohort.fold(scheduled.right)
 * const admit = (id: string, at: string) => {
 *   const decided = cohort.decide(
 *     { type: 'AdmitEducator', data: { cohortId: 'steam-2026', enrollmentId: `enr-${id}`, educator: { id, name: 'Ana Ruiz', email: 'ana@example.org' } } },
 *     state, context(at, `admit-${id}`))
 *   assert.ok(E.isRight(decided))
 *   state = cohort.fold(decided.right, state)
 *   return decided.right.map((event) => event.type)
 * }
 * assert.deepEqual(admit('e-1', '2026-08-02T16:00:00Z'), ['EducatorAdmitted'])
 * assert.deepEqual(admit('e-2', '2026-08-03T16:00:00Z'), ['EducatorWaitlisted']) // one seat only
 * const released = cohort.decide({ type: 'ReleaseSeat', data: { cohortId: 'steam-2026', educatorId: 'E-1' } }, state,
 *   context('2026-08-04T16:00:00Z', 'release-1'))
 * assert.ok(E.isRight(released))
 * assert.deepEqual(released.right.map((event) => event.type), ['SeatReleased', 'AdmittedFromWaitlist'])
 */
export const cohort: CohortDecider = cohortDecider()

/**
 * The program-staff aggregate under a district's programs and grants.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, programStaffDecider } from 'microcred'
 * const staff = programStaffDecider({ programs: [catalog.steam] })
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const unknown = staff.decide({ type: 'AssignStaff', data: { scope: { programId: 'chess' }, staffId: 'as-1', role: 'assessor' } },
 *   staff.initialState, { actor: admin, at: '2026-08-01T16:00:00Z', commandId: 'c-1' })
 * assert.ok(E.isLeft(unknown))
 * assert.equal(unknown.left._tag, 'UnknownProgram')
 */
export const programStaffDecider = (options: CohortDeciderOptions = {}): ProgramStaffDecider => {
  const programs = options.programs ?? catalogPrograms
  const rules = options.authorization ?? authorizationRules
  const decider = defineDecider<StaffCommand, StaffEvent, ProgramStaffState, CohortError>({
    initialState: { programId: null, staff: [], lastEventAt: null },
    decide: decideProgramStaff(programs, rules),
    evolve: programStaffRecipe,
  })
  return {
    ...decider,
    authorize: (command, _state, context) =>
      E.map(() => undefined)(authorize('AssignStaff', context.actor, command.data.staffId, rules)),
    commands: StaffCommand,
    events: programStaffEvents,
    streamIdOf: (command) => staffStreamId(command.data.scope),
    occurredAt: (event) => event.data.at,
  }
}

/**
 * The program-staff aggregate for the catalog's programs: assign an assessor to every cohort of
 * a program.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createInMemoryEventStore, handleCommand, programStaff } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const assigned = await handleCommand(store, programStaff,
 *   { type: 'AssignStaff', data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor' } },
 *   { actor: admin, at: '2026-08-01T16:00:00Z', commandId: 'assign-1' })
 * assert.ok(E.isRight(assigned))
 * assert.equal(assigned.right.streamId, 'program-staff-steam')
 * assert.deepEqual(assigned.right.state.staff, [{ staffId: 'as-1', role: 'assessor' }])
 */
export const programStaff: ProgramStaffDecider = programStaffDecider()
