/**
 * How enrollments are stored: one stream per enrollment, and the schema of its events.
 *
 * @packageDocumentation
 */
import { eventSchema } from '../event-schema.js'
import { EnrollmentEvent } from './events.js'

/**
 * The stream of one enrollment: `enrollment-<enrollmentId>`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { enrollment, enrollmentStreamId } from 'microcred'
 * assert.equal(enrollmentStreamId('e1'), 'enrollment-e1')
 * const withdraw = { type: 'Withdraw' as const, data: { enrollmentId: 'e1', reason: 'Moved schools' } }
 * assert.equal(enrollment.streamIdOf(withdraw), 'enrollment-e1')
 */
export const enrollmentStreamId = (enrollmentId: string): string => `enrollment-${enrollmentId}`

/**
 * The schema of stored enrollment events: every type is at schema version 1, so there are no
 * upcasters yet. When an event's shape changes, its codec changes, its version goes up here and
 * an upcaster from the old version joins it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EnrollmentEvent, enrollmentEvents, schemaVersionOf } from 'microcred'
 * assert.equal(enrollmentEvents.codec, EnrollmentEvent)
 * assert.deepEqual(enrollmentEvents.versions, {})
 * assert.deepEqual(enrollmentEvents.upcasters, {})
 * assert.equal(schemaVersionOf(enrollmentEvents, 'EducatorEnrolled'), 1)
 */
export const enrollmentEvents = eventSchema(EnrollmentEvent)
