/**
 * The credential journey: an educator's enrollment from `Enroll` to `CredentialEarned`.
 *
 * @packageDocumentation
 */
import type { Aggregate } from '../aggregate.js'
import { authorizationRules, type AuthorizationRules } from '../authorization.js'
import type { DomainError } from '../errors.js'
import { deepFreeze } from '../freeze.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import { enrollmentChecksAcrossStreams, type AcrossStreamsError } from './across-streams.js'
import { authorizeEnrollmentCommand } from './authorize.js'
import { EnrollmentCommand } from './commands.js'
import { decideEnrollment } from './decide.js'
import type { EnrollmentEvent } from './events.js'
import { evolveEnrollment, foldEnrollment, notEnrolled } from './evolve.js'
import type { EnrollmentState } from './state.js'
import { enrollmentEvents, enrollmentStreamId } from './stream.js'

export * from './demo-cohort.js'
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
export * from './authorize.js'
export * from './progress.js'
export * from './requirement-state.js'
export * from './next-actions.js'
export * from './progress-view-codec.js'
export * from './progress-view.js'
export * from './stream.js'
export * from './audit.js'
export * from './assessment.js'
export * from './assessment-calendar.js'
export * from './assessment-view.js'
export * from './across-streams.js'

/**
 * The enrollment decider: commands, events and state of the credential journey, its errors, and
 * how they are stored (so `handleCommand` can run it).
 */
export type EnrollmentDecider = Aggregate<
  EnrollmentCommand,
  EnrollmentEvent,
  EnrollmentState,
  DomainError,
  AcrossStreamsError
>

/** Options of `enrollmentDecider`. */
export interface EnrollmentDeciderOptions {
  /** Who may do what (default: `authorizationRules`). */
  readonly authorization?: AuthorizationRules
}

/**
 * The enrollment decider under a district's policy, and its own authorization table if it
 * passes one.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { authorizationRules, catalog, enrollmentDecider, lausdPolicy } from 'microcred'
 * const myDistrict = enrollmentDecider(
 *   { ...lausdPolicy, maxAttempts: 2 },
 *   // Online hours come from the LMS only: no administrator enters them by hand.
 *   { authorization: { ...authorizationRules, RecordOnlineHours: [{ role: 'lms', relation: 'other' }] } },
 * )
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const enrolled = myDistrict.decide(
 *   { type: 'Enroll', data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' } } },
 *   myDistrict.initialState,
 *   { actor: admin, at: '2026-09-01T16:00:00Z', commandId: 'c-1' },
 * )
 * assert.ok(E.isRight(enrolled))
 * const byHand = myDistrict.decide(
 *   { type: 'RecordHours', data: { enrollmentId: 'enr-1', moduleId: 'steam-fa-1', mode: 'online', hours: 2 } },
 *   myDistrict.fold(enrolled.right),
 *   { actor: admin, at: '2026-09-02T16:00:00Z', commandId: 'c-2' },
 * )
 * assert.ok(E.isLeft(byHand))
 * assert.equal(byHand.left._tag, 'NotAuthorized')
 */
export const enrollmentDecider = (
  policy: StructuralPolicy,
  options: EnrollmentDeciderOptions = {},
): EnrollmentDecider => ({
  initialState: deepFreeze(notEnrolled()),
  decide: decideEnrollment(policy, options.authorization ?? authorizationRules),
  authorize: authorizeEnrollmentCommand(options.authorization ?? authorizationRules),
  evolve: evolveEnrollment,
  fold: foldEnrollment,
  commands: EnrollmentCommand,
  events: enrollmentEvents,
  streamIdOf: (command) => enrollmentStreamId(command.data.enrollmentId),
  occurredAt: (event) => event.data.at,
  checkAcrossStreams: enrollmentChecksAcrossStreams,
})

/**
 * The enrollment decider under the Los Angeles Unified policy: `decide`, `evolve`,
 * `initialState` and `fold`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { enrollment } from 'microcred'
 * assert.deepEqual(enrollment.initialState, { status: 'notEnrolled' })
 */
export const enrollment: EnrollmentDecider = enrollmentDecider(lausdPolicy)
