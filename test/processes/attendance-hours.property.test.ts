/**
 * The attendance hours process: each attendance record becomes face-to-face hours on each
 * attendee's enrollment, once. Over generated cohort plans, the hours recorded through the
 * reaction equal the sessions each educator attended times their hours, credited up to what each
 * module requires; a runner that crashes mid-way and restarts, or a rebuild, adds nothing.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  attendanceHours,
  cohort,
  createInMemoryCheckpoints,
  createInMemoryEventStore,
  createReactionRunner,
  enrollment,
  handleCommand,
  identityKey,
  type EventStore,
} from '../../src/index.js'
import {
  cohortPlanArbitrary,
  cohortPlanCommands,
  type CohortPlan,
} from '../../src/testing/index.js'

const admin = { id: 'admin-1', roles: ['administrator' as const] }

/** Enrolls the plan's educators, then sends its cohort commands (refusals are part of plans). */
const play = async (store: EventStore, plan: CohortPlan) => {
  for (const [i, educator] of plan.educators.entries()) {
    const enrolled = await handleCommand(
      store,
      enrollment,
      {
        type: 'Enroll',
        data: {
          enrollmentId: `enr-${i}`,
          cohortId: plan.cohortId,
          program: plan.program,
          educator,
        },
      },
      { actor: admin, at: '2026-07-01T16:00:00Z', commandId: `enroll-${i}` },
    )
    expect(E.isRight(enrolled)).toBe(true)
  }
  for (const { command, context } of cohortPlanCommands(plan))
    await handleCommand(store, cohort, command, context)
}

/** The expected hours, from the plan alone: who held a seat when, and each session once. */
const expectedHours = (plan: CohortPlan) => {
  let roster: string[] = []
  let waitlist: string[] = []
  const attended = new Map<string, Set<number>>() // enrollment -> sessions
  for (const step of plan.steps) {
    if (step.kind === 'admit') {
      const key = identityKey(`e-${step.educator}`)
      if (roster.includes(key) || waitlist.includes(key)) continue
      if (roster.length < plan.capacity) roster.push(key)
      else waitlist.push(key)
    } else if (step.kind === 'release') {
      const key = identityKey(`e-${step.educator}`)
      if (roster.includes(key)) {
        roster = roster.filter((k) => k !== key)
        const [next, ...rest] = waitlist
        if (next !== undefined) roster.push(next)
        waitlist = rest
      } else waitlist = waitlist.filter((k) => k !== key)
    } else {
      // A record naming anyone off the roster is refused whole.
      if (!step.attendees.every((i) => roster.includes(`e-${i}`))) continue
      for (const i of step.attendees) {
        const sessions = attended.get(`enr-${i}`) ?? new Set<number>()
        sessions.add(step.session)
        attended.set(`enr-${i}`, sessions)
      }
    }
  }
  const hours = new Map<string, Map<string, number>>() // enrollment -> module -> hours
  for (const [enrollmentId, sessions] of attended) {
    const byModule = new Map<string, number>()
    for (const s of sessions) {
      const session = plan.sessions[s]
      if (session === undefined) continue
      byModule.set(session.moduleId, (byModule.get(session.moduleId) ?? 0) + session.hours)
    }
    hours.set(enrollmentId, byModule)
  }
  return hours
}

/** The hours recorded and credited on each enrollment, by module, read from the log. */
const recordedHours = async (store: EventStore) => {
  const recorded = new Map<
    string,
    Map<string, { hours: number; credited: number; sessions: string[] }>
  >()
  for await (const event of store.readAll()) {
    if (event.type !== 'HoursRecorded') continue
    const data = event.data as {
      enrollmentId: string
      moduleId: string
      hours: number
      creditedHours: number
      sessionId?: string
    }
    const byModule = recorded.get(data.enrollmentId) ?? new Map()
    const sum = byModule.get(data.moduleId) ?? { hours: 0, credited: 0, sessions: [] }
    byModule.set(data.moduleId, {
      hours: sum.hours + data.hours,
      credited: sum.credited + data.creditedHours,
      sessions: [...sum.sessions, data.sessionId ?? ''],
    })
    recorded.set(data.enrollmentId, byModule)
  }
  return recorded
}

const logLength = async (store: EventStore) => {
  let n = 0
  for await (const event of store.readAll()) n = Math.max(n, event.position)
  return n
}

/** A store whose appends fail from the `failAt`-th on, until `heal()`: a crash mid-way. */
const crashing = (store: EventStore, failAt: number) => {
  let appends = 0
  let healed = false
  const wrapped: EventStore = {
    ...store,
    appendToStream: (...args) => {
      appends++
      if (!healed && appends >= failAt) return Promise.reject(new Error('the server went away'))
      return store.appendToStream(...args)
    },
  }
  return { store: wrapped, heal: () => (healed = true) }
}

const faceToFaceOf = (plan: CohortPlan, moduleId: string) =>
  plan.program.courses.flatMap((c) => c.modules).find((m) => m.id === moduleId)?.hours.faceToFace ??
  0

describe('attendanceHours', () => {
  it('credits sessions attended x hours, up to each module, once, even across a crash and a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        cohortPlanArbitrary({ maxEducators: 5, maxSessions: 5, maxSteps: 20 }),
        fc.integer({ min: 1, max: 12 }),
        async (plan, failAt) => {
          const base = createInMemoryEventStore()
          await play(base, plan)
          const checkpoints = createInMemoryCheckpoints()
          const { store, heal } = crashing(base, failAt)
          const first = createReactionRunner(store, attendanceHours, { checkpoints, batchSize: 3 })
          await first.catchUp() // may stop on the failing store
          heal()
          const restarted = createReactionRunner(store, attendanceHours, {
            checkpoints,
            batchSize: 3,
          })
          expect(E.isRight(await restarted.catchUp())).toBe(true)
          expect(restarted.refusals()).toEqual([])
          const expected = expectedHours(plan)
          const recorded = await recordedHours(base)
          expect([...recorded.keys()].sort()).toEqual(
            [...expected.keys()].filter((k) => (expected.get(k)?.size ?? 0) > 0).sort(),
          )
          for (const [enrollmentId, byModule] of expected) {
            for (const [moduleId, hours] of byModule) {
              const got = recorded.get(enrollmentId)?.get(moduleId)
              expect(got?.hours).toBeCloseTo(hours, 9)
              expect(got?.credited).toBeCloseTo(Math.min(hours, faceToFaceOf(plan, moduleId)), 9)
              expect(new Set(got?.sessions).size).toBe(got?.sessions.length) // each session once
            }
          }
          // Run again from the start: nothing new.
          const before = await logLength(base)
          expect(E.isRight(await restarted.rebuild())).toBe(true)
          expect(await logLength(base)).toBe(before)
        },
      ),
      { numRuns: 25 },
    )
  })
})
