/**
 * The credential journey: an educator's enrollment from `Enroll` to `CredentialEarned`.
 *
 * @packageDocumentation
 */
import { deepFreeze } from '../freeze.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import type { Aggregate } from '../store/aggregate.js'
import { EnrollmentCommand } from './commands.js'
import { decideEnrollment } from './decide.js'
import type { EnrollmentEvent } from './events.js'
import { evolveEnrollment, foldEnrollment, notEnrolled } from './evolve.js'
import type { EnrollmentState } from './state.js'
import { enrollmentEvents, enrollmentStreamId } from './stream.js'

export * from './shared.js'
export * from './requirements.js'
export * from './events.js'
export * from './commands.js'
export * from './state.js'
export * from './evolve.js'
export * from './queries.js'
export * from './consequences.js'
export * from './decision.js'
export * from './decide.js'
export * from './progress.js'
export * from './stream.js'

/**
 * The enrollment decider: commands, events and state of the credential journey, and how they
 * are stored (so `handleCommand` can run it).
 */
export type EnrollmentDecider = Aggregate<EnrollmentCommand, EnrollmentEvent, EnrollmentState>

/**
 * The enrollment decider under a district's policy.
 *
 * @example
 * import { enrollmentDecider, lausdPolicy } from 'microcred'
 * const myDistrict = { ...lausdPolicy, maxAttempts: 2 }
 * enrollmentDecider(myDistrict).initialState.status // 'notEnrolled'
 */
export const enrollmentDecider = (policy: StructuralPolicy): EnrollmentDecider => ({
  initialState: deepFreeze(notEnrolled()),
  decide: decideEnrollment(policy),
  evolve: evolveEnrollment,
  fold: foldEnrollment,
  commands: EnrollmentCommand,
  events: enrollmentEvents,
  streamIdOf: (command) => enrollmentStreamId(command.data.enrollmentId),
})

/**
 * The enrollment decider under the Los Angeles Unified policy: `decide`, `evolve`,
 * `initialState` and `fold`.
 *
 * @example
 * import { enrollment } from 'microcred'
 * enrollment.initialState // { status: 'notEnrolled' }
 */
export const enrollment: EnrollmentDecider = enrollmentDecider(lausdPolicy)
