/**
 * Deciding cohort commands: each command, checked against the cohort's state, the actor's
 * grants and the district's policy, becomes events (with their consequences) or a `CohortError`.
 *
 * Internal: the aggregates built from it are exported from the cohort's index.
 *
 * @internal
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { authorize, sameIdentity, type AuthorizationRules } from '../authorization.js'
import { CommandContext } from '../context.js'
import { invalidCommand } from '../errors.js'
import { isMultipleOf } from '../hours.js'
import type { StructuralPolicy } from '../policy.js'
import type { Program } from '../program/program.js'
import { CohortCommand, type CohortCommandOf } from './commands.js'
import { dayEndMs, dayStartMs } from './dates.js'
import { cohortRuleViolation as violation, type CohortError } from './errors.js'
import type { CohortEvent, Seat } from './events.js'
import type { Cohort, CohortState } from './state.js'

type Decision = E.Either<CohortError, ReadonlyArray<CohortEvent>>

const fail = (error: CohortError): Decision => E.left(error)

/** What the cohort decider decides with: the district's policy, programs and grants. */
export interface CohortRules {
  readonly policy: StructuralPolicy
  readonly programs: ReadonlyArray<Program>
  readonly authorization: AuthorizationRules
}

const isFacilitatorOf = (state: Cohort, actorId: string): boolean =>
  state.staff.some((m) => m.role === 'facilitator' && sameIdentity(m.staffId, actorId))

const seatOf = (seats: ReadonlyArray<Seat>, educatorId: string): Seat | undefined =>
  seats.find((seat) => sameIdentity(seat.educatorId, educatorId))

const notFacilitator = (state: Cohort, actorId: string, doing: string): CohortError =>
  violation(
    'NotCohortFacilitator',
    `${actorId} is not a facilitator of cohort '${state.cohortId}' and may not ${doing}: a cohort's facilitators are those listed when it was scheduled and those an administrator assigns to it (AssignStaff)`,
  )

// -------------------------------------------------------------------------------------
// authorization
// -------------------------------------------------------------------------------------

/**
 * Whether the context's actor may send the command to a cohort in this state: the table's grant
 * for the command's action (`ReleaseSeat` is governed by `AdmitEducator`: whoever may admit an
 * educator may give up their seat; `UnassignStaff` by `AssignStaff`), and, for a session or
 * attendance, being a facilitator of this cohort (an administrator may schedule a session too).
 * Attendance is authorized for each attendee: a facilitator does not attest their own.
 */
export const authorizeCohortCommand =
  (rules: AuthorizationRules) =>
  (
    command: CohortCommand,
    state: CohortState,
    context: CommandContext,
  ): E.Either<CohortError, void> => {
    const { actor } = context
    switch (command.type) {
      case 'ScheduleCohort':
        return authorize('ScheduleCohort', actor, command.data.cohortId, rules)
      case 'AdmitEducator':
        return authorize('AdmitEducator', actor, command.data.educator.id, rules)
      case 'ReleaseSeat':
        return authorize('AdmitEducator', actor, command.data.educatorId, rules)
      case 'CloseCohort':
        return authorize('CloseCohort', actor, command.data.cohortId, rules)
      case 'AssignStaff':
      case 'UnassignStaff':
        return authorize('AssignStaff', actor, command.data.staffId, rules)
      case 'ScheduleSession': {
        const allowed = authorize('ScheduleSession', actor, command.data.cohortId, rules)
        if (E.isLeft(allowed) || state.status === 'unscheduled') return allowed
        if (actor.roles.includes('administrator') || isFacilitatorOf(state, actor.id))
          return allowed
        return E.left(notFacilitator(state, actor.id, 'schedule its sessions'))
      }
      case 'RecordAttendance': {
        for (const attendee of command.data.attendees) {
          const allowed = authorize('RecordAttendance', actor, attendee, rules)
          if (E.isLeft(allowed)) return allowed
        }
        if (command.data.attendees.length === 0) {
          const allowed = authorize('RecordAttendance', actor, command.data.cohortId, rules)
          if (E.isLeft(allowed)) return allowed
        }
        if (state.status === 'unscheduled' || isFacilitatorOf(state, actor.id))
          return E.right(undefined)
        return E.left(notFacilitator(state, actor.id, 'record its attendance'))
      }
    }
  }

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

const scheduleCohort = (
  rules: CohortRules,
  { data }: CohortCommandOf<'ScheduleCohort'>,
  state: CohortState,
  context: CommandContext,
): Decision => {
  if (state.status !== 'unscheduled') {
    return fail(
      data.cohortId === state.cohortId
        ? violation('CohortAlreadyScheduled', `cohort '${state.cohortId}' is already scheduled`)
        : violation(
            'WrongCohort',
            `the command is for cohort '${data.cohortId}' but the state is of '${state.cohortId}'`,
          ),
    )
  }
  const program = rules.programs.find(
    (p) => p.id === data.programId && p.version === data.programVersion,
  )
  if (program === undefined) {
    return fail(
      violation(
        'UnknownProgram',
        `program '${data.programId}' version ${data.programVersion} is not one of the programs this cohort decider knows; publish it, or pass it in the decider's programs`,
      ),
    )
  }
  const [first, last] = data.schoolYear.split('-')
  if (data.startsOn > data.endsOn) {
    return fail(
      violation(
        'InvalidCohortDates',
        `the cohort starts on ${data.startsOn}, after it ends (${data.endsOn})`,
      ),
    )
  }
  if (data.startsOn < `${first}-01-01` || data.endsOn > `${last}-12-31`) {
    return fail(
      violation(
        'InvalidCohortDates',
        `a cohort of the ${data.schoolYear} school year runs within ${first} and ${last}; this one runs from ${data.startsOn} to ${data.endsOn}`,
      ),
    )
  }
  const facilitators: string[] = []
  for (const id of data.facilitators) {
    if (!facilitators.some((f) => sameIdentity(f, id))) facilitators.push(id)
  }
  return E.right([
    {
      type: 'CohortScheduled',
      data: {
        cohortId: data.cohortId,
        at: context.at,
        programId: program.id,
        programVersion: program.version,
        schoolYear: data.schoolYear,
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        capacity: data.capacity,
        facilitators,
        modules: program.courses.flatMap((course) =>
          course.modules.map((m) => ({ moduleId: m.id, faceToFace: m.hours.faceToFace })),
        ),
        scheduledBy: context.actor.id,
      },
    },
  ])
}

const admitEducator = (
  { data }: CohortCommandOf<'AdmitEducator'>,
  state: Cohort,
  context: CommandContext,
): Decision => {
  const held =
    seatOf(state.roster, data.educator.id) !== undefined
      ? 'the roster'
      : seatOf(state.waitlist, data.educator.id) !== undefined
        ? 'the waitlist'
        : undefined
  if (held !== undefined) {
    return fail(
      violation(
        'AlreadyInCohort',
        `educator ${data.educator.id} is already on ${held} of cohort '${state.cohortId}'`,
      ),
    )
  }
  const byEnrollment = [...state.roster, ...state.waitlist].find(
    (s) => s.enrollmentId === data.enrollmentId,
  )
  if (byEnrollment !== undefined) {
    return fail(
      violation(
        'AlreadyInCohort',
        `enrollment '${data.enrollmentId}' already holds a place in cohort '${state.cohortId}' (educator ${byEnrollment.educatorId})`,
      ),
    )
  }
  const seat = {
    cohortId: state.cohortId,
    at: context.at,
    educatorId: data.educator.id,
    enrollmentId: data.enrollmentId,
  }
  return E.right([
    state.roster.length < state.capacity
      ? { type: 'EducatorAdmitted', data: { ...seat, admittedBy: context.actor.id } }
      : { type: 'EducatorWaitlisted', data: { ...seat, waitlistedBy: context.actor.id } },
  ])
}

const releaseSeat = (
  { data }: CohortCommandOf<'ReleaseSeat'>,
  state: Cohort,
  context: CommandContext,
): Decision => {
  const onRoster = seatOf(state.roster, data.educatorId)
  const seat = onRoster ?? seatOf(state.waitlist, data.educatorId)
  if (seat === undefined) {
    return fail(
      violation(
        'NotInCohort',
        `educator ${data.educatorId} holds no place in cohort '${state.cohortId}' (neither on its roster nor on its waitlist)`,
      ),
    )
  }
  const released: CohortEvent = {
    type: 'SeatReleased',
    data: {
      cohortId: state.cohortId,
      at: context.at,
      educatorId: seat.educatorId,
      enrollmentId: seat.enrollmentId,
      from: onRoster === undefined ? 'waitlist' : 'roster',
      releasedBy: context.actor.id,
    },
  }
  const next = onRoster === undefined ? undefined : state.waitlist[0]
  if (next === undefined) return E.right([released])
  return E.right([
    released,
    {
      type: 'AdmittedFromWaitlist',
      data: {
        cohortId: state.cohortId,
        at: context.at,
        educatorId: next.educatorId,
        enrollmentId: next.enrollmentId,
      },
    },
  ])
}

const scheduleSession = (
  policy: StructuralPolicy,
  { data }: CohortCommandOf<'ScheduleSession'>,
  state: Cohort,
  context: CommandContext,
): Decision => {
  if (state.sessions.some((s) => s.sessionId === data.sessionId)) {
    return fail(
      violation(
        'SessionAlreadyScheduled',
        `session '${data.sessionId}' is already scheduled in cohort '${state.cohortId}'; give the new session another id`,
      ),
    )
  }
  const module = state.modules.find((m) => m.moduleId === data.moduleId)
  if (module === undefined || module.faceToFace <= 0) {
    return fail(
      violation(
        'UnknownModule',
        module === undefined
          ? `module '${data.moduleId}' is not part of program '${state.programId}' version ${state.programVersion}`
          : `module '${data.moduleId}' of program '${state.programId}' requires no face-to-face hours; a session credits none`,
      ),
    )
  }
  const { increment, max } = policy.hoursPerRecord
  if (!isMultipleOf(data.hours, increment) || data.hours > max) {
    return fail(
      violation(
        'InvalidHours',
        `a session of ${data.hours} hours cannot be scheduled: hours are whole multiples of ${increment}, at most ${max} in one record`,
      ),
    )
  }
  if (data.date < state.startsOn || data.date > state.endsOn) {
    return fail(
      violation(
        'SessionOutsideCohort',
        `session '${data.sessionId}' on ${data.date} is outside cohort '${state.cohortId}', which runs from ${state.startsOn} to ${state.endsOn}`,
      ),
    )
  }
  return E.right([
    {
      type: 'SessionScheduled',
      data: {
        cohortId: state.cohortId,
        at: context.at,
        sessionId: data.sessionId,
        moduleId: data.moduleId,
        date: data.date,
        hours: data.hours,
        scheduledBy: context.actor.id,
      },
    },
  ])
}

const recordAttendance = (
  { data }: CohortCommandOf<'RecordAttendance'>,
  state: Cohort,
  context: CommandContext,
): Decision => {
  const session = state.sessions.find((s) => s.sessionId === data.sessionId)
  if (session === undefined) {
    return fail(
      violation(
        'UnknownSession',
        `session '${data.sessionId}' is not scheduled in cohort '${state.cohortId}'; schedule it first`,
      ),
    )
  }
  const at = Date.parse(context.at)
  if (at < dayStartMs(session.date)) {
    return fail(
      violation(
        'SessionNotHeldYet',
        `session '${session.sessionId}' is on ${session.date}; its attendance is recorded on that day or later, not at ${context.at}`,
      ),
    )
  }
  if (at >= dayEndMs(state.endsOn)) {
    return fail(
      violation(
        'CohortEnded',
        `cohort '${state.cohortId}' ended on ${state.endsOn}; attendance is recorded by the end of that day (UTC), not at ${context.at}`,
      ),
    )
  }
  const missing = data.attendees.filter((id) => seatOf(state.roster, id) === undefined)
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ')
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : ''
    return fail(
      violation(
        'NotOnRoster',
        `not on the roster of cohort '${state.cohortId}': ${shown}${more}; admit them first`,
      ),
    )
  }
  const attendees: Seat[] = []
  for (const id of data.attendees) {
    const seat = seatOf(state.roster, id) as Seat
    const credited =
      seatOf(session.attendees, seat.educatorId) !== undefined ||
      seatOf(attendees, seat.educatorId) !== undefined
    if (!credited) attendees.push({ educatorId: seat.educatorId, enrollmentId: seat.enrollmentId })
  }
  // Each attendee is credited once per session: a record of those already credited adds nothing.
  if (attendees.length === 0) return E.right([])
  return E.right([
    {
      type: 'AttendanceRecorded',
      data: {
        cohortId: state.cohortId,
        at: context.at,
        sessionId: session.sessionId,
        moduleId: session.moduleId,
        date: session.date,
        hours: session.hours,
        attendees,
        recordedBy: context.actor.id,
      },
    },
  ])
}

const closeCohort = (state: Cohort, context: CommandContext): Decision =>
  E.right([
    {
      type: 'CohortClosed',
      data: {
        cohortId: state.cohortId,
        at: context.at,
        roster: state.roster.map((s) => ({
          educatorId: s.educatorId,
          enrollmentId: s.enrollmentId,
        })),
        closedBy: context.actor.id,
      },
    },
  ])

const assignStaff = (
  { type, data }: CohortCommandOf<'AssignStaff' | 'UnassignStaff'>,
  state: Cohort,
  context: CommandContext,
): Decision => {
  const assigned = state.staff.some(
    (m) => m.role === data.role && sameIdentity(m.staffId, data.staffId),
  )
  const scope = { cohortId: state.cohortId }
  if (type === 'AssignStaff') {
    // Assigning someone already assigned adds nothing.
    if (assigned) return E.right([])
    return E.right([
      {
        type: 'StaffAssigned',
        data: {
          scope,
          staffId: data.staffId,
          role: data.role,
          at: context.at,
          assignedBy: context.actor.id,
        },
      },
    ])
  }
  if (!assigned) {
    return fail(
      violation(
        'NotAssigned',
        `${data.staffId} is not assigned to cohort '${state.cohortId}' as ${data.role}`,
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
        at: context.at,
        unassignedBy: context.actor.id,
      },
    },
  ])
}

// -------------------------------------------------------------------------------------
// decide
// -------------------------------------------------------------------------------------

/** The cohort a command names (a staff command's scope may name a program instead). */
export const cohortIdOf = (command: CohortCommand): string | undefined =>
  'scope' in command.data
    ? 'cohortId' in command.data.scope
      ? command.data.scope.cohortId
      : undefined
    : command.data.cohortId

const decideCommand = (
  rules: CohortRules,
  command: CohortCommand,
  state: CohortState,
  context: CommandContext,
): Decision => {
  const cohortId = cohortIdOf(command)
  if (cohortId === undefined) {
    return fail(
      violation(
        'WrongScope',
        "a staff assignment to a program is kept in the program's staff stream: send it to the programStaff aggregate, not to a cohort",
      ),
    )
  }
  const allowed = authorizeCohortCommand(rules.authorization)(command, state, context)
  if (E.isLeft(allowed)) return allowed
  if (command.type === 'ScheduleCohort') return scheduleCohort(rules, command, state, context)
  if (state.status === 'unscheduled') {
    return fail(
      violation(
        'CohortNotScheduled',
        `cohort '${cohortId}' is not scheduled; schedule it first (ScheduleCohort)`,
      ),
    )
  }
  if (cohortId !== state.cohortId) {
    return fail(
      violation(
        'WrongCohort',
        `the command is for cohort '${cohortId}' but the state is of '${state.cohortId}'`,
      ),
    )
  }
  if (Date.parse(context.at) < Date.parse(state.lastEventAt)) {
    return fail(
      violation(
        'TimeWentBackwards',
        `the command is dated ${context.at}, before the cohort's latest event (${state.lastEventAt})`,
      ),
    )
  }
  if (
    state.status === 'closed' &&
    command.type !== 'AssignStaff' &&
    command.type !== 'UnassignStaff'
  ) {
    return fail(
      violation(
        'CohortClosed',
        `cohort '${state.cohortId}' closed at ${state.closedAt ?? state.lastEventAt}; it takes no ${command.type} after that`,
      ),
    )
  }
  switch (command.type) {
    case 'AdmitEducator':
      return admitEducator(command, state, context)
    case 'ReleaseSeat':
      return releaseSeat(command, state, context)
    case 'ScheduleSession':
      return scheduleSession(rules.policy, command, state, context)
    case 'RecordAttendance':
      return recordAttendance(command, state, context)
    case 'CloseCohort':
      return closeCohort(state, context)
    case 'AssignStaff':
    case 'UnassignStaff':
      return assignStaff(command, state, context)
  }
}

/**
 * The cohort's `decide` under a district's rules: decodes the command and context (a failure is
 * an `InvalidCommand` naming each path; a command decoded by `CohortCommand` is not decoded
 * again), checks the actor's grants, then the command's rules. Pure.
 */
export const decideCohort =
  (rules: CohortRules) =>
  (command: CohortCommand, state: CohortState, context: CommandContext): Decision => {
    const decodedCommand = CohortCommand.decode(command)
    if (E.isLeft(decodedCommand)) return fail(invalidCommand('command', decodedCommand.left))
    const decodedContext = CommandContext.decode(context)
    if (E.isLeft(decodedContext))
      return fail(invalidCommand('command context', decodedContext.left))
    return decideCommand(rules, decodedCommand.right, state, decodedContext.right)
  }
