/**
 * Generators for cohorts: plans of admissions, releases, sessions and attendance for one cohort
 * of a catalog program, and the commands a plan sends, so a district can property-test its own
 * code (a roster screen, an attendance import) against the same cohorts microcred is tested with.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import type { CohortCommand } from '../cohort/commands.js'
import type { CommandContext } from '../context.js'
import type { Educator } from '../enrollment/shared.js'
import { catalog } from '../program/catalog/index.js'
import type { Program } from '../program/program.js'

/** One step of a cohort plan: educators and sessions are named by their index in the plan. */
export type CohortStep =
  | { readonly kind: 'admit'; readonly educator: number; readonly shouting: boolean }
  | { readonly kind: 'release'; readonly educator: number; readonly shouting: boolean }
  | { readonly kind: 'attend'; readonly session: number; readonly attendees: ReadonlyArray<number> }

/** A planned session of the cohort. */
export interface PlannedSession {
  readonly sessionId: string
  readonly moduleId: string
  readonly date: string
  readonly hours: number
}

/** A plan for one cohort: its seats, its educators, its sessions, and the steps, in order. */
export interface CohortPlan {
  readonly cohortId: string
  readonly program: Program
  readonly capacity: number
  readonly startsOn: string
  readonly endsOn: string
  readonly educators: ReadonlyArray<Educator>
  readonly sessions: ReadonlyArray<PlannedSession>
  readonly steps: ReadonlyArray<CohortStep>
}

/** Options of `cohortPlanArbitrary`. */
export interface CohortPlanOptions {
  /** The program (default: the catalog's STEAM); its modules with face-to-face hours are used. */
  readonly program?: Program
  /** At most this many educators (default 8). */
  readonly maxEducators?: number
  /** At most this many sessions (default 6). */
  readonly maxSessions?: number
  /** At most this many steps (default 30). */
  readonly maxSteps?: number
}

const startsOn = '2026-09-01'
const endsOn = '2027-06-11'
const dayMs = 86_400_000
const cohortDays = (Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / dayMs

const dayAfterStart = (days: number): string =>
  new Date(Date.parse(`${startsOn}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10)

/**
 * Plans for one cohort of the school year 2026-2027 (2026-09-01 to 2027-06-11): a capacity
 * smaller or larger than the crowd, educators, sessions of the program's face-to-face modules
 * (0.25 to 6 hours, in quarters), and steps that admit (some by an id in other case: the same
 * person), release and record attendance (with repeats).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { cohortPlanArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(cohortPlanArbitrary({ maxEducators: 4 }), (plan) => {
 *     assert.ok(plan.educators.length <= 4)
 *     assert.ok(plan.sessions.every((s) => s.date >= plan.startsOn && s.date <= plan.endsOn))
 *   }),
 *   { numRuns: 20 },
 * )
 */
export const cohortPlanArbitrary = (options: CohortPlanOptions = {}): fc.Arbitrary<CohortPlan> => {
  const program = options.program ?? catalog.steam
  const modules = program.courses
    .flatMap((course) => course.modules)
    .filter((m) => m.hours.faceToFace > 0)
    .map((m) => m.id)
  const maxEducators = Math.max(1, options.maxEducators ?? 8)
  return fc
    .record({
      capacity: fc.integer({ min: 1, max: maxEducators }),
      educatorCount: fc.integer({ min: 1, max: maxEducators }),
      sessions: fc.array(
        fc.record({
          moduleId: fc.constantFrom(...modules),
          day: fc.integer({ min: 0, max: cohortDays }),
          quarters: fc.integer({ min: 1, max: 24 }),
        }),
        { minLength: 1, maxLength: Math.max(1, options.maxSessions ?? 6) },
      ),
    })
    .chain(({ capacity, educatorCount, sessions }) => {
      const educator = fc.integer({ min: 0, max: educatorCount - 1 })
      const step: fc.Arbitrary<CohortStep> = fc.oneof(
        {
          arbitrary: fc.record({
            kind: fc.constant('admit' as const),
            educator,
            shouting: fc.boolean(),
          }),
          weight: 3,
        },
        {
          arbitrary: fc.record({
            kind: fc.constant('release' as const),
            educator,
            shouting: fc.boolean(),
          }),
          weight: 1,
        },
        {
          arbitrary: fc.record({
            kind: fc.constant('attend' as const),
            session: fc.integer({ min: 0, max: sessions.length - 1 }),
            attendees: fc.array(educator, { minLength: 1, maxLength: educatorCount + 1 }),
          }),
          weight: 3,
        },
      )
      return fc.array(step, { maxLength: options.maxSteps ?? 30 }).map((steps): CohortPlan => ({
        cohortId: 'cohort-plan',
        program,
        capacity,
        startsOn,
        endsOn,
        educators: Array.from({ length: educatorCount }, (_, i) => ({
          id: `e-${i}`,
          name: `Educator ${i}`,
          email: `e${i}@district.example`,
        })),
        sessions: sessions.map((s, i) => ({
          sessionId: `s-${i}`,
          moduleId: s.moduleId,
          date: dayAfterStart(s.day),
          hours: s.quarters / 4,
        })),
        steps,
      }))
    })
}

/** One command of a plan, with its context. */
export interface PlannedCommand {
  readonly command: CohortCommand
  readonly context: CommandContext
}

/**
 * The commands a plan sends, in order, at times that never go backwards: `ScheduleCohort` and
 * each `ScheduleSession` by an administrator, then each step (admissions and releases by an
 * administrator, attendance by the cohort's facilitator `fac-1`, on or after the session's day).
 * Each educator `e-<i>` holds the enrollment `enr-<i>`. Some commands are refused by the cohort
 * (a second admission, a release of someone without a place, attendance of someone not on the
 * roster): that is the point.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { cohortPlanArbitrary, cohortPlanCommands } from 'microcred/testing'
 * const [plan] = fc.sample(cohortPlanArbitrary(), { numRuns: 1, seed: 7 })
 * const commands = cohortPlanCommands(plan!)
 * assert.equal(commands[0]?.command.type, 'ScheduleCohort')
 * assert.ok(commands.every((c, i) => i === 0 || c.context.at >= commands[i - 1]!.context.at))
 */
export const cohortPlanCommands = (plan: CohortPlan): ReadonlyArray<PlannedCommand> => {
  const admin = { id: 'admin-1', roles: ['administrator' as const] }
  const facilitator = { id: 'fac-1', roles: ['facilitator' as const] }
  let time = Date.parse('2026-08-01T16:00:00Z')
  const out: PlannedCommand[] = []
  const send = (command: CohortCommand, actor: CommandContext['actor'], notBefore = 0) => {
    time = Math.max(time + 60_000, notBefore)
    out.push({
      command,
      context: { actor, at: new Date(time).toISOString(), commandId: `plan-${out.length}` },
    })
  }
  const cohortId = plan.cohortId
  send(
    {
      type: 'ScheduleCohort',
      data: {
        cohortId,
        programId: plan.program.id,
        programVersion: plan.program.version,
        schoolYear: '2026-2027',
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        capacity: plan.capacity,
        facilitators: [facilitator.id],
      },
    },
    admin,
  )
  for (const s of plan.sessions) send({ type: 'ScheduleSession', data: { cohortId, ...s } }, admin)
  const idOf = (i: number, shouting: boolean) => {
    const id = plan.educators[i]?.id ?? `e-${i}`
    return shouting ? id.toUpperCase() : id
  }
  for (const step of plan.steps) {
    if (step.kind === 'admit') {
      const educator = plan.educators[step.educator] as Educator
      send(
        {
          type: 'AdmitEducator',
          data: {
            cohortId,
            enrollmentId: `enr-${step.educator}`,
            educator: { ...educator, id: idOf(step.educator, step.shouting) },
          },
        },
        admin,
      )
    } else if (step.kind === 'release') {
      send(
        { type: 'ReleaseSeat', data: { cohortId, educatorId: idOf(step.educator, step.shouting) } },
        admin,
      )
    } else {
      const session = plan.sessions[step.session] as PlannedSession
      send(
        {
          type: 'RecordAttendance',
          data: {
            cohortId,
            sessionId: session.sessionId,
            attendees: step.attendees.map((i) => idOf(i, false)),
          },
        },
        facilitator,
        Date.parse(`${session.date}T12:00:00Z`),
      )
    }
  }
  return out
}
