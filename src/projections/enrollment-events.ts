/**
 * The decoder that read models of enrollments share: an event of an enrollment stream, decoded
 * and upcast by the enrollment's event schema; any other stream's event is skipped.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { enrollmentEvents } from '../enrollment/stream.js'
import { decodeRecordedEvent } from '../store/decode-recorded-event.js'
import type { ProjectionDecoder } from './projection.js'

const enrollmentStreamPrefix = 'enrollment-'
const decodeEnrollmentEvent = decodeRecordedEvent(enrollmentEvents)

/**
 * Reads the events of enrollment streams (`enrollment-<id>`) as `EnrollmentEvent`s and skips
 * every other stream's; an enrollment event that does not decode stops the runner.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { enrollmentEventDecoder } from 'microcred'
 *
 * const metadata = { eventId: 'e', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const other = { streamId: 'cohort-1', version: 1, position: 1, type: 'CohortScheduled', data: {}, metadata, recordedAt: '2026-09-01T00:00:00.000Z' }
 * assert.deepEqual(enrollmentEventDecoder(other), E.right(undefined))
 */
export const enrollmentEventDecoder: ProjectionDecoder<EnrollmentEvent> = (recorded) =>
  recorded.streamId.startsWith(enrollmentStreamPrefix)
    ? decodeEnrollmentEvent(recorded)
    : E.right(undefined)
