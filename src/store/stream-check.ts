/**
 * Running a check against other streams (`StreamCheck`) on a store: read each stream it names,
 * decode and fold it, and go on, as `handleCommand` does before it appends.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { StreamCheck } from '../stream-check.js'
import { readDecodedStream } from './aggregate-stream.js'
import type { CorruptEvent } from './errors.js'
import type { EventStore } from './event-store.js'

/**
 * Runs `check` against the streams of `store`: its answer, or the first stored event of a stream
 * it reads that does not decode (`CorruptEvent`). A failing store rejects, as `readStream` does.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, checkInStore, createInMemoryEventStore, readingPublishedProgram } from 'microcred'
 * const store = createInMemoryEventStore()
 * assert.deepEqual(await checkInStore(store, readingPublishedProgram(catalog.steam)), E.right(undefined))
 */
export const checkInStore = async <Err>(
  store: EventStore,
  check: StreamCheck<Err>,
): Promise<E.Either<Err | CorruptEvent, void>> => {
  let step = check
  while (step._tag === 'ReadStream') {
    const read = await readDecodedStream(store, step.reader.events, step.streamId)
    if (E.isLeft(read)) return read
    step = step.then(step.reader.fold(read.right.events))
  }
  return step.result
}
