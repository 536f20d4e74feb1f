/**
 * Properties of a cohort over generated plans: the roster never exceeds its capacity, the
 * waitlist is admitted in order as seats free (against a model of seats written here), each
 * attendee is credited once per session, and attendance (so hours) is only taken within the
 * cohort's dates.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  cohort,
  CohortCommand,
  CohortEvent,
  identityKey,
  StaffCommand,
  StaffEvent,
  type CohortState,
} from '../../src/index.js'
import {
  cohortPlanArbitrary,
  cohortPlanCommands,
  type CohortPlan,
} from '../../src/testing/index.js'

/** Runs a plan through the cohort, keeping every state; refusals change nothing. */
const run = (plan: CohortPlan) => {
  let state: CohortState = cohort.initialState
  const states: CohortState[] = []
  for (const { command, context } of cohortPlanCommands(plan)) {
    const decided = cohort.decide(command, state, context)
    if (E.isRight(decided)) state = cohort.fold(decided.right, state)
    states.push(state)
  }
  return states
}

describe('a cohort, over generated plans', () => {
  it('never seats more than its capacity, and the waitlist takes freed seats in order (a model of seats)', () => {
    fc.assert(
      fc.property(cohortPlanArbitrary(), (plan) => {
        // The model: keyed by the identity rule, first come first served.
        let roster: string[] = []
        let waitlist: string[] = []
        const held = (key: string) => roster.includes(key) || waitlist.includes(key)
        const states = run(plan).slice(1 + plan.sessions.length)
        plan.steps.forEach((step, i) => {
          const state = states[i]
          if (state === undefined || state.status === 'unscheduled')
            throw new Error('not scheduled')
          const key = step.kind === 'attend' ? '' : identityKey(`e-${step.educator}`)
          if (step.kind === 'admit' && !held(key)) {
            if (roster.length < plan.capacity) roster.push(key)
            else waitlist.push(key)
          }
          if (step.kind === 'release' && held(key)) {
            if (roster.includes(key)) {
              roster = roster.filter((k) => k !== key)
              const [next, ...rest] = waitlist
              if (next !== undefined) roster.push(next)
              waitlist = rest
            } else waitlist = waitlist.filter((k) => k !== key)
          }
          expect(state.roster.length).toBeLessThanOrEqual(plan.capacity)
          expect(state.roster.map((s) => identityKey(s.educatorId))).toEqual(roster)
          expect(state.waitlist.map((s) => identityKey(s.educatorId))).toEqual(waitlist)
          // A seat is freed only to be taken: while someone waits, the roster is full.
          if (state.waitlist.length > 0) expect(state.roster.length).toBe(plan.capacity)
        })
      }),
      { numRuns: 150 },
    )
  })

  it('credits each attendee once per session, only educators on the roster then', () => {
    fc.assert(
      fc.property(cohortPlanArbitrary(), (plan) => {
        const last = run(plan).at(-1)
        if (last === undefined || last.status === 'unscheduled') throw new Error('not scheduled')
        for (const session of last.sessions) {
          const keys = session.attendees.map((s) => identityKey(s.educatorId))
          expect(new Set(keys).size).toBe(keys.length)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('takes attendance only from the session day to the cohort end (so no hours outside its dates)', () => {
    const scheduled = cohort.fold([
      {
        type: 'CohortScheduled',
        data: {
          cohortId: 'c',
          at: '2026-08-01T00:00:00Z',
          programId: 'steam',
          programVersion: catalog.steam.version,
          schoolYear: '2026-2027',
          startsOn: '2026-09-01',
          endsOn: '2027-06-11',
          capacity: 5,
          facilitators: ['fac-1'],
          modules: [{ moduleId: 'steam-fa-1', faceToFace: 6 }],
          scheduledBy: 'admin-1',
        },
      },
      {
        type: 'EducatorAdmitted',
        data: {
          cohortId: 'c',
          at: '2026-08-01T00:00:00Z',
          educatorId: 'e-1',
          enrollmentId: 'enr-1',
          admittedBy: 'admin-1',
        },
      },
    ])
    const start = Date.parse('2026-07-01T00:00:00Z')
    const end = Date.parse('2027-08-01T00:00:00Z')
    fc.assert(
      fc.property(
        fc.integer({ min: -40, max: 320 }),
        fc.integer({ min: start, max: end }),
        (sessionDay, atMs) => {
          const date = new Date(Date.parse('2026-09-01T00:00:00Z') + sessionDay * 86_400_000)
            .toISOString()
            .slice(0, 10)
          const admin = {
            actor: { id: 'admin-1', roles: ['administrator' as const] },
            at: '2026-08-02T00:00:00Z',
            commandId: 'c-1',
          }
          const sessionScheduled = cohort.decide(
            {
              type: 'ScheduleSession',
              data: { cohortId: 'c', sessionId: 's', moduleId: 'steam-fa-1', date, hours: 3 },
            },
            scheduled,
            admin,
          )
          const within = date >= '2026-09-01' && date <= '2027-06-11'
          expect(E.isRight(sessionScheduled)).toBe(within)
          if (E.isLeft(sessionScheduled)) return
          const at = new Date(atMs).toISOString()
          const attended = cohort.decide(
            {
              type: 'RecordAttendance',
              data: { cohortId: 'c', sessionId: 's', attendees: ['e-1'] },
            },
            cohort.fold(sessionScheduled.right, scheduled),
            { actor: { id: 'fac-1', roles: ['facilitator'] }, at, commandId: 'c-2' },
          )
          if (E.isRight(attended)) {
            expect(at >= `${date}T00:00:00`).toBe(true)
            expect(at < '2027-06-12T00:00:00').toBe(true)
            expect(attended.right.every((e) => e.data.at === at)).toBe(true)
          } else
            expect(['SessionNotHeldYet', 'CohortEnded', 'TimeWentBackwards']).toContain(
              attended.left._tag,
            )
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('the cohort codecs', () => {
  it('never throw on any JSON, and every command a plan sends decodes to itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (json, type) => {
        for (const codec of [CohortCommand, CohortEvent, StaffCommand, StaffEvent]) {
          expect(() => codec.decode(json)).not.toThrow()
          expect(() => codec.decode({ type, data: json })).not.toThrow()
        }
      }),
      { numRuns: 200 },
    )
    fc.assert(
      fc.property(cohortPlanArbitrary({ maxSteps: 10 }), (plan) => {
        for (const { command } of cohortPlanCommands(plan)) {
          const decoded = CohortCommand.decode(command)
          expect(E.isRight(decoded) && decoded.right).toEqual(command)
        }
      }),
      { numRuns: 50 },
    )
  })
})
