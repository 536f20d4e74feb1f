/**
 * Enrollments read back from a store: a stream's events decoded (and upcast) and folded.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  decodeRecordedEvent,
  enrollmentEvents,
  enrollmentStreamId,
  foldEnrollment,
  type EnrollmentEvent,
  type EnrollmentState,
  type EventStore,
} from 'microcred'
import { dataError, type CliFailure } from './failure.js'

const decode = decodeRecordedEvent(enrollmentEvents)

/** The state of one enrollment as the store holds it (not enrolled when its stream is empty). */
export const loadEnrollment = async (
  store: EventStore,
  enrollmentId: string,
): Promise<E.Either<CliFailure, EnrollmentState>> => {
  const events: EnrollmentEvent[] = []
  for (const recorded of await store.readStream(enrollmentStreamId(enrollmentId))) {
    const event = decode(recorded)
    if (E.isLeft(event)) return E.left(dataError(event.left.message))
    events.push(event.right)
  }
  return E.right(foldEnrollment(events))
}

/** The states of several enrollments, in the order asked; the first failure stops. */
export const loadEnrollments = async (
  store: EventStore,
  enrollmentIds: ReadonlyArray<string>,
): Promise<E.Either<CliFailure, ReadonlyArray<EnrollmentState>>> => {
  const states: EnrollmentState[] = []
  for (const id of enrollmentIds) {
    const state = await loadEnrollment(store, id)
    if (E.isLeft(state)) return state
    states.push(state.right)
  }
  return E.right(states)
}
