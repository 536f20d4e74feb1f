/**
 * What deciding a command returns: the events to append, or the error that refused it.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../errors.js'
import type { EnrollmentEvent } from './events.js'

/** The events a command produces, or why it was refused. */
export type Decision = E.Either<DomainError, ReadonlyArray<EnrollmentEvent>>

/**
 * A refusal.
 *
 * @example
 * import { fail, ruleViolation } from 'microcred'
 * fail(ruleViolation('NotEnrolled', "enrollment 'enr-9' does not exist; enroll first"))._tag // 'Left'
 */
export const fail = (error: DomainError): Decision => E.left(error)
