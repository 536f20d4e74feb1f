/**
 * `progress(state)` lists what is still missing only while the enrollment can go on: an ended
 * enrollment (earned, withdrawn, revoked, incomplete) has nothing missing, as its progress view
 * and `microcred status` show. An enrollment that expired (`incomplete`) never earns, whatever
 * is sent after: the rest of its journey, or random commands from its cast.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { progress, type EnrollmentCommand } from '../../src/index.js'
import {
  commandArbitrary,
  historyArbitrary,
  journeyArbitrary,
  minutesAfter,
  runSteps,
  type Step,
} from '../../src/testing/index.js'

describe('progress', () => {
  it('lists nothing missing once an enrollment has ended', () => {
    fc.assert(
      fc.property(
        historyArbitrary({ statuses: ['withdrawn', 'revoked', 'earned', 'incomplete'] }),
        ({ state }) => {
          expect(progress(state).missing).toEqual([])
        },
      ),
      { numRuns: 60 },
    )
  })

  it('lists something missing while an enrollment is active and not every requirement is met', () => {
    fc.assert(
      fc.property(historyArbitrary({ statuses: ['active'] }), ({ state }) => {
        expect(progress(state).missing.length).toBeGreaterThan(0)
      }),
      { numRuns: 60 },
    )
  })
})

/**
 * A journey expired part way (as late as just before the step that would earn it), then the
 * rest of the journey and random commands, each from the journey's cast, dated after the expiry.
 */
const expiredJourneyArbitrary = journeyArbitrary().chain((journey) => {
  const { enrollmentId, program, cast } = journey
  const actors = Object.values(cast)
  return fc
    .record({
      cut: fc.integer({ min: 1, max: journey.steps.length - 1 }),
      tail: fc.array(
        fc.record({
          command: commandArbitrary(program, enrollmentId),
          actor: fc.constantFrom(...actors),
        }),
        { maxLength: 15 },
      ),
    })
    .map(({ cut, tail }): { steps: Step[]; cut: number } => {
      const before = journey.steps.slice(0, cut)
      const expiredAt = minutesAfter(before.at(-1)?.context.at ?? '2026-09-01T15:00:00Z', 60)
      const expire: EnrollmentCommand = {
        type: 'ExpireEnrollment',
        data: { enrollmentId, reason: 'The cohort closed' },
      }
      const after = [
        ...journey.steps
          .slice(cut)
          .map(({ command, context }) => ({ command, actor: context.actor })),
        ...tail,
      ].map(({ command, actor }, k) => ({
        command,
        context: { actor, at: minutesAfter(expiredAt, k + 1), commandId: `after-${k + 1}` },
      }))
      return {
        cut,
        steps: [
          ...before,
          {
            command: expire,
            context: { actor: cast.administrator, at: expiredAt, commandId: 'expire' },
          },
          ...after,
        ],
      }
    })
})

describe('an expired enrollment', () => {
  it('never earns, takes nothing after its expiry, and lists nothing missing', () => {
    fc.assert(
      fc.property(expiredJourneyArbitrary, ({ steps, cut }) => {
        const run = runSteps(steps)
        const types = run.events.map((event) => event.type)
        expect(types).not.toContain('CredentialEarned')
        // The expiry is the last event: everything sent after it is refused.
        expect(types.at(-1)).toBe('EnrollmentExpired')
        expect(run.decisions.slice(cut + 1).every((d) => d._tag === 'Left')).toBe(true)
        expect(run.state.status).toBe('incomplete')
        expect(progress(run.state).missing).toEqual([])
        expect(progress(run.state).status).toBe('incomplete')
      }),
      { numRuns: 40 },
    )
  })
})
