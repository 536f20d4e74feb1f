/**
 * How stacks are stored: one stream per stack, and the schema of its events.
 *
 * @packageDocumentation
 */
import { eventSchema } from '../event-schema.js'
import { StackEvent } from './events.js'

/**
 * The stream of one stack: `stack-<stackId>`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { stack, stackStreamId } from 'microcred'
 * assert.equal(stackStreamId('instructional-leader'), 'stack-instructional-leader')
 * const record = { type: 'RecordMemberCredential' as const, data: { stackId: 'instructional-leader', enrollmentId: 'enr-1', credentialId: 'c-1' } }
 * assert.equal(stack.streamIdOf(record), 'stack-instructional-leader')
 */
export const stackStreamId = (stackId: string): string => `stack-${stackId}`

/**
 * The schema of stored stack events: every type at schema version 1, no upcasters yet.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StackEvent, schemaVersionOf, stackEvents } from 'microcred'
 * assert.equal(stackEvents.codec, StackEvent)
 * assert.equal(schemaVersionOf(stackEvents, 'StackEarned'), 1)
 */
export const stackEvents = eventSchema(StackEvent)
