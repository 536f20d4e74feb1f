/**
 * `foldEnrollment` from the initial state is a fold written out for the enrollment (its own loop,
 * shared empty attempt lists, one freeze pass at the end). It equals the fold it replaced, the
 * decider's generic private fold of the same recipe (`foldWith(applyEnrollmentEvent, notEnrolled)`,
 * frozen with `deepFreeze`), and evolving event by event, on random journeys and on journeys with
 * second scorings and coaching conversations mixed in (which the journeys' policy never decides);
 * and what it hands out is deeply frozen, the second scorings of the capstone too.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyEnrollmentEvent,
  enrollment,
  foldEnrollment,
  foldWith,
  notEnrolled,
  type EnrollmentEvent,
  type EnrollmentState,
} from '../../src/index.js'
import { isDeeplyFrozen, noisyJourneyArbitrary, runSteps } from '../../src/testing/index.js'

/** The fold `foldEnrollment` replaced: the generic private fold of the same recipe. */
const previousFold = foldWith<EnrollmentState, EnrollmentEvent>(applyEnrollmentEvent, notEnrolled)

const journeyEvents = noisyJourneyArbitrary().map((journey) => runSteps(journey.steps).events)

/** What may follow a submitted attempt: scorings by round, and a coaching conversation. */
const extras = fc.record({
  rounds: fc.integer({ min: 0, max: 3 }),
  outcome: fc.constantFrom('meets' as const, 'revise' as const),
  coached: fc.boolean(),
})

/**
 * A journey's events with, after each submitted attempt, up to three scorings (ArtifactScored or
 * CapstoneScored) and, after an EOLA's attempt, perhaps a coaching conversation: facts the fold
 * applies as they come.
 */
const journeyWithScorings = journeyEvents.chain((events) =>
  fc.array(extras, { minLength: events.length, maxLength: events.length }).map((added) =>
    events.flatMap((event, i): EnrollmentEvent[] => {
      const extra = added[i]
      if (extra === undefined) return [event]
      const { enrollmentId, at } = event.data
      const common = { enrollmentId, at, assessorId: `assessor-${i}`, feedback: 'Noted.' }
      const rounds = ([1, 2, 3] as const).slice(0, extra.rounds)
      if (event.type === 'ArtifactSubmitted') {
        const { eolaId, attempt } = event.data
        const scored: EnrollmentEvent[] = rounds.map((round) => ({
          type: 'ArtifactScored',
          data: {
            ...common,
            eolaId,
            attempt,
            round,
            scores: { design: 3 },
            outcome: extra.outcome,
          },
        }))
        const coaching: EnrollmentEvent[] = extra.coached
          ? [
              {
                type: 'CoachingConversationRecorded',
                data: {
                  enrollmentId,
                  at,
                  eolaId,
                  afterAttempt: attempt,
                  notes: 'Planned it.',
                  recordedBy: 'fac-1',
                },
              },
            ]
          : []
        return [event, ...scored, ...coaching]
      }
      if (event.type === 'CapstoneSubmitted') {
        const { attempt } = event.data
        const scored: EnrollmentEvent[] = rounds.map((round) => ({
          type: 'CapstoneScored',
          data: { ...common, attempt, round, outcome: extra.outcome },
        }))
        return [event, ...scored]
      }
      return [event]
    }),
  ),
)

const agreesWithThePreviousFold = (events: ReadonlyArray<EnrollmentEvent>): void => {
  const state = foldEnrollment(events)
  expect(state).toEqual(previousFold(events))
  expect(events.reduce(enrollment.evolve, enrollment.initialState)).toEqual(state)
  expect(isDeeplyFrozen(state)).toBe(true)
  // Undecoded (unfrozen) events fold to the same state, deeply frozen as well.
  const undecoded = structuredClone(events) as EnrollmentEvent[]
  const fromUndecoded = foldEnrollment(undecoded)
  expect(fromUndecoded).toEqual(state)
  expect(isDeeplyFrozen(fromUndecoded)).toBe(true)
}

describe('the stream fold', () => {
  it('equals the generic private fold and evolving, deeply frozen, on random journeys', () => {
    fc.assert(fc.property(journeyEvents, agreesWithThePreviousFold), { numRuns: 100 })
  })

  it('equals them too with second scorings and coaching conversations, all deeply frozen', () => {
    fc.assert(fc.property(journeyWithScorings, agreesWithThePreviousFold), { numRuns: 100 })
  })

  it('folds a stream with no enrollment to the frozen initial state', () => {
    fc.assert(
      fc.property(journeyEvents, (events) => {
        const state = foldEnrollment(events.filter((event) => event.type !== 'EducatorEnrolled'))
        expect(state).toEqual(notEnrolled())
        expect(Object.isFrozen(state)).toBe(true)
      }),
      { numRuns: 20 },
    )
  })
})
