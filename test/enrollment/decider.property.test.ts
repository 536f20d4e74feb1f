/**
 * `decide` is total: for any state and anything sent as a command and context, it never throws,
 * and every error is a tagged `DomainError` with a message. Folding is deterministic,
 * chunk-independent (folding a history in two parts equals folding it whole), equal to evolving
 * event by event, the same for decoded (frozen) and undecoded events, never mutates its input,
 * hands out deeply frozen states, takes every event `decide` emits (each one changes the state it
 * was decided on), and routes an interleaved log of two enrollments to the same states as folding
 * each stream alone.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { enrollment, EnrollmentEvent, foldEnrollment, foldEnrollments } from '../../src/index.js'
import {
  commandArbitrary,
  isDeeplyFrozen,
  journeyArbitrary,
  noisyJourneyArbitrary,
  runSteps,
} from '../../src/testing/index.js'

const errorTags = [
  'InvalidCommand',
  'InvalidProgram',
  'NotAuthorized',
  'AlreadyEnrolled',
  'NotEnrolled',
  'WrongEnrollment',
  'EnrollmentClosed',
  'TimeWentBackwards',
  'UnknownModule',
  'InvalidHours',
  'UnknownEola',
  'AttemptPending',
  'AlreadyMeets',
  'AttemptsExhausted',
  'AttemptNotFound',
  'AlreadyGraded',
  'InvalidScores',
  'CapstoneNotRequired',
  'EnactedEolaNotMet',
  'AlreadyEarned',
  'NotEarned',
]

/** A journey's events, and a cut point inside them. */
const historyAndCut = noisyJourneyArbitrary().chain((journey) => {
  const { events } = runSteps(journey.steps)
  return fc.tuple(fc.constant(events), fc.nat({ max: events.length }))
})

describe('decide', () => {
  it('never throws for any state and any command, and every error is a DomainError', () => {
    const anyContext = fc.oneof(
      fc.record({
        actor: fc.record({ id: fc.string(), roles: fc.array(fc.string()) }),
        at: fc.oneof(fc.constant('2027-01-01T00:00:00Z'), fc.string()),
        commandId: fc.string(),
      }),
      fc.anything(),
    )
    fc.assert(
      fc.property(
        noisyJourneyArbitrary().chain((journey) => {
          const states = [enrollment.initialState]
          for (const step of journey.steps.slice(0, 40)) {
            const decision = enrollment.decide(
              step.command,
              states[states.length - 1]!,
              step.context,
            )
            if (E.isRight(decision))
              states.push(enrollment.fold(decision.right, states[states.length - 1]))
          }
          return fc.tuple(
            fc.constantFrom(...states),
            fc.oneof(commandArbitrary(journey.program, journey.enrollmentId), fc.anything()),
            fc.oneof(fc.constantFrom(...journey.steps.map((s) => s.context)), anyContext),
          )
        }),
        ([state, command, context]) => {
          // Deliberately untyped: a JavaScript caller can send anything.
          const decision = enrollment.decide(command as never, state, context as never)
          if (E.isLeft(decision)) {
            expect(errorTags).toContain(decision.left._tag)
            expect(decision.left.message.length).toBeGreaterThan(10)
          } else {
            expect(Array.isArray(decision.right)).toBe(true)
          }
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('folding', () => {
  it('is chunk-independent: fold(s, a ++ b) = fold(fold(s, a), b)', () => {
    fc.assert(
      fc.property(historyAndCut, ([events, cut]) => {
        const a = events.slice(0, cut)
        const b = events.slice(cut)
        expect(foldEnrollment(b, foldEnrollment(a))).toEqual(foldEnrollment(events))
      }),
      { numRuns: 100 },
    )
  })

  it('is deterministic, and event by event (evolve, with produce) equals the private fold', () => {
    fc.assert(
      fc.property(historyAndCut, ([events]) => {
        const once = foldEnrollment(events)
        expect(foldEnrollment(events)).toEqual(once)
        expect(events.reduce(enrollment.evolve, enrollment.initialState)).toEqual(once)
      }),
      { numRuns: 100 },
    )
  })

  it('never mutates its input, and hands out frozen states', () => {
    fc.assert(
      fc.property(historyAndCut, ([events, cut]) => {
        const copy = structuredClone(events)
        const middle = foldEnrollment(events.slice(0, cut))
        const middleCopy = structuredClone(middle)
        const end = foldEnrollment(events.slice(cut), middle)
        expect(events).toEqual(copy)
        expect(middle).toEqual(middleCopy)
        expect(isDeeplyFrozen(middle)).toBe(true)
        expect(isDeeplyFrozen(end)).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('folds decoded (frozen) events and undecoded ones to the same deeply frozen state', () => {
    fc.assert(
      fc.property(historyAndCut, ([events]) => {
        const undecoded = JSON.parse(JSON.stringify(events)) as EnrollmentEvent[]
        const decoded = (JSON.parse(JSON.stringify(events)) as unknown[]).map((value) => {
          const event = EnrollmentEvent.decode(value)
          if (E.isLeft(event)) throw new Error('a decided event does not decode')
          return event.right
        })
        const fromUndecoded = foldEnrollment(undecoded)
        const fromDecoded = foldEnrollment(decoded)
        expect(fromDecoded).toEqual(fromUndecoded)
        expect(isDeeplyFrozen(fromDecoded)).toBe(true)
        expect(isDeeplyFrozen(fromUndecoded)).toBe(true)
        expect([...foldEnrollments(decoded).values()].every(isDeeplyFrozen)).toBe(true)
        expect(decoded.reduce(enrollment.evolve, enrollment.initialState)).toEqual(fromDecoded)
      }),
      { numRuns: 50 },
    )
  })

  it('accepts every event decide emits: each one changes the state it was decided on', () => {
    fc.assert(
      fc.property(noisyJourneyArbitrary(), (journey) => {
        let state = enrollment.initialState
        for (const { command, context } of journey.steps) {
          const decision = enrollment.decide(command, state, context)
          if (E.isLeft(decision)) continue
          for (const event of decision.right) {
            const next = enrollment.evolve(state, event)
            expect(next.status === 'notEnrolled' ? null : next.lastEventAt).toBe(event.data.at)
            if (event.type !== 'HoursRecorded' || event.data.creditedHours > 0) {
              expect(next).not.toEqual(state)
            }
            state = next
          }
        }
      }),
      { numRuns: 100 },
    )
  })

  it('folds an interleaved log into the same states as folding each stream alone', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          journeyArbitrary({ enrollmentId: 'enrollment-a' }),
          journeyArbitrary({ enrollmentId: 'enrollment-b' }),
          fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        ),
        ([a, b, picks]) => {
          const left = runSteps(a.steps).events
          const right = runSteps(b.steps).events
          const log: EnrollmentEvent[] = []
          let i = 0
          let j = 0
          for (const pick of picks) {
            const next = pick ? left[i++] : right[j++]
            if (next) log.push(next)
          }
          log.push(...left.slice(i), ...right.slice(j))
          const states = foldEnrollments(log)
          expect(states.get('enrollment-a')).toEqual(foldEnrollment(left))
          expect(states.get('enrollment-b')).toEqual(foldEnrollment(right))
        },
      ),
      { numRuns: 50 },
    )
  })
})
