/**
 * The credential journey: a generated journey is accepted step by step and earns the credential
 * once; and, over journeys with random commands from random actors mixed in, `CredentialEarned`
 * is emitted exactly when every requirement holds (read by the test from the state, not by
 * `decide`'s own check) and at most once, with the hours the modules require; credited hours
 * never exceed a module's allocation in any mode; and grading is never of one's own work, attempts
 * count up by one within the cap, and each attempt is graded once. Who may act is checked in
 * `authorization.property.test.ts`, the order of the checks and what each status lets through in
 * `lifecycle.property.test.ts`, the attempt rules in `attempts.property.test.ts`.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  enrollment,
  modes,
  type Enrollment,
  type EnrollmentEvent,
  type EnrollmentState,
} from '../../src/index.js'
import { journeyArbitrary, noisyJourneyArbitrary, type Step } from '../../src/testing/index.js'

interface Trace {
  readonly step: Step
  readonly before: EnrollmentState
  readonly after: EnrollmentState
  readonly decision: ReturnType<typeof enrollment.decide>
  readonly history: ReadonlyArray<EnrollmentEvent>
}

/** Runs the steps, keeping every state and decision. */
const trace = (steps: ReadonlyArray<Step>): Trace[] => {
  const traces: Trace[] = []
  let state = enrollment.initialState
  let history: EnrollmentEvent[] = []
  for (const step of steps) {
    const decision = enrollment.decide(step.command, state, step.context)
    const before = state
    if (E.isRight(decision)) {
      state = enrollment.fold(decision.right, state)
      history = [...history, ...decision.right]
    }
    traces.push({ step, before, after: state, decision, history })
  }
  return traces
}

/** Read independently of `decide`: every requirement of the pinned requirements holds. */
const everythingMet = (state: Enrollment): boolean => {
  const { requirements } = state
  return (
    requirements.modules.every((module) =>
      modes.every((mode) => state.credited[module.id]?.[mode] === module.hours[mode]),
    ) &&
    requirements.modules.every((module) => state.completedModules.includes(module.id)) &&
    requirements.courses.every((course) => state.completedCourses.includes(course.id)) &&
    requirements.eolas.every((eola) =>
      (state.artifacts[eola.id] ?? []).some((attempt) => attempt.grade?.outcome === 'meets'),
    ) &&
    (!requirements.capstoneRequired ||
      state.capstone.some((attempt) => attempt.grade?.outcome === 'meets'))
  )
}

const earnedCount = (events: ReadonlyArray<EnrollmentEvent>) =>
  events.filter((event) => event.type === 'CredentialEarned').length

describe('the credential journey', () => {
  it('a generated journey is accepted step by step and earns the credential once', () => {
    fc.assert(
      fc.property(journeyArbitrary(), (journey) => {
        const traces = trace(journey.steps)
        for (const t of traces) {
          expect(E.isLeft(t.decision) ? t.decision.left.message : 'accepted').toBe('accepted')
        }
        const last = traces[traces.length - 1]
        expect(last?.after.status).toBe('earned')
        expect(earnedCount(last?.history ?? [])).toBe(1)
      }),
      { numRuns: 60 },
    )
  })

  it('CredentialEarned is emitted exactly when every requirement holds, and at most once', () => {
    let earnedRuns = 0
    fc.assert(
      fc.property(noisyJourneyArbitrary(), (journey) => {
        for (const t of trace(journey.steps)) {
          const emitted = E.isRight(t.decision) ? earnedCount(t.decision.right) : 0
          earnedRuns += emitted
          expect(earnedCount(t.history)).toBeLessThanOrEqual(1)
          if (t.after.status === 'notEnrolled') continue
          if (emitted === 1) {
            expect(everythingMet(t.after)).toBe(true)
            const earned = t.after.credential
            expect(earned?.hours).toEqual(
              t.after.requirements.modules.reduce(
                (sum, m) => ({
                  faceToFace: sum.faceToFace + m.hours.faceToFace,
                  online: sum.online + m.hours.online,
                  homework: sum.homework + m.hours.homework,
                }),
                { faceToFace: 0, online: 0, homework: 0 },
              ),
            )
            expect(t.after.completedModules).toHaveLength(t.after.requirements.modules.length)
            expect(t.after.completedCourses).toHaveLength(t.after.requirements.courses.length)
          }
          if (everythingMet(t.after) && t.after.status !== 'withdrawn') {
            expect(earnedCount(t.history)).toBe(1)
          }
        }
      }),
      { numRuns: 150 },
    )
    expect(earnedRuns).toBeGreaterThan(30)
  })

  it('credited hours never exceed a module’s allocation in any mode', () => {
    fc.assert(
      fc.property(noisyJourneyArbitrary(), (journey) => {
        for (const { after } of trace(journey.steps)) {
          if (after.status === 'notEnrolled') continue
          for (const module of after.requirements.modules) {
            for (const mode of modes) {
              expect(after.credited[module.id]?.[mode]).toBeLessThanOrEqual(module.hours[mode])
            }
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('grading: never one’s own work, attempts count up by one, graded once, within the cap', () => {
    fc.assert(
      fc.property(noisyJourneyArbitrary(), (journey) => {
        const last = trace(journey.steps).pop()
        const history = last?.history ?? []
        const state = last?.after
        if (state === undefined || state.status === 'notEnrolled') return
        const submitted = new Map<string, number>()
        const graded = new Set<string>()
        for (const event of history) {
          if (event.type === 'ArtifactSubmitted' || event.type === 'CapstoneSubmitted') {
            const key = event.type === 'ArtifactSubmitted' ? event.data.eolaId : 'capstone'
            expect(event.data.attempt).toBe((submitted.get(key) ?? 0) + 1)
            expect(event.data.attempt).toBeLessThanOrEqual(state.requirements.maxAttempts)
            submitted.set(key, event.data.attempt)
          }
          if (event.type === 'ArtifactGraded' || event.type === 'CapstoneGraded') {
            const key = `${event.type === 'ArtifactGraded' ? event.data.eolaId : 'capstone'}#${event.data.attempt}`
            expect(event.data.assessorId).not.toBe(state.educator.id)
            expect(graded.has(key)).toBe(false)
            graded.add(key)
          }
        }
      }),
      { numRuns: 150 },
    )
  })
})
