/**
 * Checkpoints kept in memory: for tests, examples and a process that folds its read models at
 * every start. Nothing survives the process.
 *
 * @packageDocumentation
 */
import type { Checkpoint, CheckpointStore } from './checkpoints.js'

/** A copy of a checkpoint, so no caller shares an object with the store. */
const copyOf = (checkpoint: Checkpoint): Checkpoint =>
  checkpoint.state === undefined
    ? { position: checkpoint.position }
    : { position: checkpoint.position, state: structuredClone(checkpoint.state) }

/**
 * A new, empty in-memory checkpoint store. It copies what it saves and what it loads, so a
 * caller that changes an object afterwards cannot change a saved checkpoint.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { createInMemoryCheckpoints } from 'microcred'
 * const checkpoints = createInMemoryCheckpoints()
 * assert.equal(await checkpoints.load('event-count'), undefined)
 * const state = { events: 3 }
 * await checkpoints.save('event-count', { position: 3, state })
 * state.events = 99 // the saved copy is not this object
 * assert.deepEqual(await checkpoints.load('event-count'), { position: 3, state: { events: 3 } })
 * await checkpoints.remove('event-count')
 * assert.equal(await checkpoints.load('event-count'), undefined)
 */
export const createInMemoryCheckpoints = (): CheckpointStore => {
  const saved = new Map<string, Checkpoint>()
  return {
    load: async (name) => {
      const checkpoint = saved.get(name)
      return checkpoint === undefined ? undefined : copyOf(checkpoint)
    },
    save: async (name, checkpoint) => {
      saved.set(name, copyOf(checkpoint))
    },
    remove: async (name) => {
      saved.delete(name)
    },
  }
}
