/**
 * How programs are stored: one stream per program, holding every version, and the schema of its
 * events.
 *
 * @packageDocumentation
 */
import { eventSchema } from '../event-schema.js'
import { ProgramLifecycleEvent } from './events.js'

/**
 * The stream of one program's lifecycle: `program-<programId>`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { programLifecycle, programStreamId } from 'microcred'
 * assert.equal(programStreamId('steam'), 'program-steam')
 * const approve = { type: 'ApproveProgram' as const, data: { programId: 'steam', version: 1 } }
 * assert.equal(programLifecycle.streamIdOf(approve), 'program-steam')
 */
export const programStreamId = (programId: string): string => `program-${programId}`

/**
 * The schema of stored lifecycle events: every type at schema version 1, no upcasters yet.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramLifecycleEvent, programLifecycleEvents, schemaVersionOf } from 'microcred'
 * assert.equal(programLifecycleEvents.codec, ProgramLifecycleEvent)
 * assert.equal(schemaVersionOf(programLifecycleEvents, 'ProgramApproved'), 1)
 */
export const programLifecycleEvents = eventSchema(ProgramLifecycleEvent)
