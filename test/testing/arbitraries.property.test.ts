/**
 * The shipped generators keep their promises: every generated policy can be earned, every
 * history ends in the status it was generated for through steps `decide` accepts, and together
 * the histories reach every status.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { enrollmentDecider, foldEnrollment } from '../../src/index.js'
import {
  historyArbitrary,
  historyStatuses,
  journeyArbitrary,
  policyArbitrary,
  runSteps,
} from '../../src/testing/index.js'

describe('policyArbitrary', () => {
  it('never yields an unearnable policy: a journey through a program for it earns the credential', () => {
    fc.assert(
      fc.property(
        policyArbitrary().chain((policy) =>
          fc.tuple(fc.constant(policy), journeyArbitrary({ policy })),
        ),
        ([policy, journey]) => {
          const run = runSteps(journey.steps, enrollmentDecider(policy))
          const refused = run.decisions.filter(E.isLeft).map((d) => d.left.message)
          expect(refused).toEqual([])
          expect(run.state.status).toBe('earned')
        },
      ),
      { numRuns: 60 },
    )
  })

  it('gives a policy that requires a capstone at least one EOLA to enact', () => {
    fc.assert(
      fc.property(policyArbitrary(), (policy) => {
        expect(!policy.capstoneRequired || policy.eolas.count >= 1).toBe(true)
      }),
      { numRuns: 500 },
    )
  })
})

describe('historyArbitrary', () => {
  it('ends each history in its status, through steps decide accepts, with events that fold to its state', () => {
    fc.assert(
      fc.property(historyArbitrary(), (history) => {
        const run = runSteps(history.steps)
        expect(run.decisions.filter(E.isLeft)).toEqual([])
        expect(history.state.status).toBe(history.status)
        expect(run.events).toEqual(history.events)
        expect(foldEnrollment(history.events)).toEqual(history.state)
      }),
      { numRuns: 60 },
    )
  })

  it('reaches every status, under other policies too', () => {
    const reached = new Set<string>()
    fc.assert(
      fc.property(
        policyArbitrary().chain((policy) => historyArbitrary({ policy })),
        (history) => {
          expect(history.state.status).toBe(history.status)
          reached.add(history.status)
        },
      ),
      { numRuns: 80 },
    )
    expect([...reached].sort()).toEqual([...historyStatuses].sort())
  })

  it('keeps to the statuses asked for', () => {
    fc.assert(
      fc.property(historyArbitrary({ statuses: ['withdrawn'] }), (history) => {
        expect(history.state.status).toBe('withdrawn')
        expect(history.events.at(-1)?.type).toBe('EnrollmentWithdrawn')
      }),
      { numRuns: 20 },
    )
  })
})
