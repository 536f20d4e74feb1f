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
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fail, ruleViolation } from 'microcred'
 * const refused = fail(ruleViolation('NotEnrolled', "enrollment 'enr-9' does not exist; enroll first"))
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left._tag, 'NotEnrolled')
 */
export const fail = (error: DomainError): Decision => E.left(error)
