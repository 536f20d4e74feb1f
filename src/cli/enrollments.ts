/**
 * Enrollments read back from a store, through the library's `aggregateStream`.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  aggregateStream,
  enrollment,
  enrollmentStreamId,
  type EnrollmentState,
  type EventStore,
} from 'microcred'
import { dataError, type CliFailure } from './failure.js'

/** The state of one enrollment as the store holds it (not enrolled when its stream is empty). */
export const loadEnrollment = async (
  store: EventStore,
  enrollmentId: string,
): Promise<E.Either<CliFailure, EnrollmentState>> => {
  const read = await aggregateStream(store, enrollment, enrollmentStreamId(enrollmentId))
  return E.isLeft(read) ? E.left(dataError(read.left.message)) : E.right(read.right.state)
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
