/**
 * Generated histories: whole enrollments run through `decide`, ending in any status a district
 * sees (not enrolled, active, earned, withdrawn, incomplete, revoked), for testing code that reads
 * enrollment states or events: reports, reminders, exports.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { enrollmentDecider } from '../enrollment/index.js'
import type { EnrollmentState } from '../enrollment/state.js'
import { lausdPolicy } from '../policy.js'
import {
  journeyArbitrary,
  minutesAfter,
  type Journey,
  type JourneyOptions,
  type Step,
} from './journey.js'
import { runSteps } from './spec.js'

/** The status a generated history ends in. */
export type HistoryStatus = EnrollmentState['status']

/**
 * The statuses `historyArbitrary` reaches, in the order of an enrollment's life.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EnrollmentStatus } from 'microcred'
 * import { historyStatuses } from 'microcred/testing'
 * assert.deepEqual(historyStatuses.filter((status) => !EnrollmentStatus.is(status)), ['notEnrolled'])
 */
export const historyStatuses: ReadonlyArray<HistoryStatus> = [
  'notEnrolled',
  'active',
  'earned',
  'withdrawn',
  'incomplete',
  'revoked',
]

/** Options of `historyArbitrary`: those of the journeys, and the statuses to end in. */
export interface HistoryOptions extends JourneyOptions {
  /** End in one of these (default: any of `historyStatuses`). */
  readonly statuses?: ReadonlyArray<HistoryStatus>
}

/** A generated history: the journey it comes from, the steps sent, what `decide` made of them. */
export interface History {
  /** The status the history was generated to end in, and does. */
  readonly status: HistoryStatus
  readonly journey: Journey
  /** The steps sent, in order; every one was accepted. */
  readonly steps: ReadonlyArray<Step>
  /** The events `decide` produced for them, in order. */
  readonly events: ReadonlyArray<EnrollmentEvent>
  /** The state folded from the events. */
  readonly state: EnrollmentState
}

/** The steps that end a journey in `status`, cutting it after `cut` steps where it must. */
const stepsTo = (status: HistoryStatus, journey: Journey, cut: number, byEducator: boolean) => {
  const { steps, enrollmentId, cast } = journey
  // Every requirement is met only by the journey's last step, so any shorter prefix is active.
  const active = steps.slice(0, 1 + (cut % Math.max(1, steps.length - 1)))
  const after = (previous: ReadonlyArray<Step>, k: number) =>
    minutesAfter(previous[previous.length - 1]?.context.at ?? '2026-09-01T15:00:00Z', 60 * k)
  switch (status) {
    case 'notEnrolled':
      return []
    case 'active':
      return active
    case 'earned':
      return steps
    case 'withdrawn':
      return [
        ...active,
        {
          command: { type: 'Withdraw', data: { enrollmentId, reason: 'Moved to another school' } },
          context: {
            actor: byEducator ? cast.educator : cast.administrator,
            at: after(active, 1),
            commandId: `${enrollmentId}-withdraw`,
          },
        },
      ] satisfies Step[]
    case 'incomplete':
      return [
        ...active,
        {
          command: {
            type: 'ExpireEnrollment',
            data: { enrollmentId, reason: 'The cohort closed before the credential was earned' },
          },
          context: {
            actor: cast.administrator,
            at: after(active, 24),
            commandId: `${enrollmentId}-expire`,
          },
        },
      ] satisfies Step[]
    case 'revoked':
      return [
        ...steps,
        {
          command: { type: 'RevokeCredential', data: { enrollmentId, reason: 'Issued in error' } },
          context: {
            actor: cast.administrator,
            at: after(steps, 24),
            commandId: `${enrollmentId}-revoke`,
          },
        },
      ] satisfies Step[]
  }
}

/**
 * Whole histories of one enrollment, each sent through `decide` step by step and ending in a
 * status: not enrolled (no event), active (a journey cut short), earned (a whole journey),
 * withdrawn (cut short, then withdrawn by the educator or an administrator), incomplete (cut
 * short, then expired by an administrator as its cohort closed) or revoked (earned, then
 * revoked). Every step is accepted; the events are what `decide` produced, so they are a
 * history the rules could have written.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { historyArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(historyArbitrary({ statuses: ['withdrawn', 'incomplete', 'revoked'] }), (history) => {
 *     assert.equal(history.state.status, history.status)
 *     const last = history.events.at(-1)?.type ?? ''
 *     assert.ok(['EnrollmentWithdrawn', 'EnrollmentExpired', 'CredentialRevoked'].includes(last))
 *   }),
 *   { numRuns: 10 },
 * )
 */
export const historyArbitrary = (options: HistoryOptions = {}): fc.Arbitrary<History> => {
  const decider = enrollmentDecider(options.policy ?? lausdPolicy)
  return fc
    .record({
      status: fc.constantFrom(...(options.statuses ?? historyStatuses)),
      journey: journeyArbitrary(options),
      cut: fc.nat(),
      byEducator: fc.boolean(),
    })
    .map(({ status, journey, cut, byEducator }): History => {
      const steps = stepsTo(status, journey, cut, byEducator)
      const { events, state } = runSteps(steps, decider)
      return { status, journey, steps, events, state }
    })
}
