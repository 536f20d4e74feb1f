/**
 * The projection runner: keeps one projection's state up to date with the global log. It starts
 * from the projection's checkpoint, catches up in batches (each applied in one `produce`), then
 * follows the live log, saving its checkpoint (position and state together) as it goes.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeIssues } from '../codec.js'
import { deepFreeze } from '../freeze.js'
import type { EventStore } from '../store/event-store.js'
import type { RecordedEvent } from '../store/recorded-event.js'
import { checkpointUnreadable, type ProjectionError } from './errors.js'
import { createLogReader, type LogReader, type RunnerOptions } from './log-reader.js'
import type { Projection } from './projection.js'

/** A running projection: its state and position, and the log reader that moves them on. */
export interface ProjectionRunner<S> extends LogReader<ProjectionError> {
  /** The projection's name (its checkpoint's key). */
  readonly name: string
  /** The current state, deeply frozen: the initial state until the first catch-up. */
  readonly state: () => S
}

/**
 * A runner for a projection over a store. Its checkpoint holds the position and, when the
 * projection has a `codec`, the encoded state, saved in one `save`; a projection without a codec
 * folds again from the first event whenever a new runner starts. A runner stopped at any moment
 * (a crash: no `stop()`) starts again from the last saved checkpoint and re-applies only what
 * came after it, so it ends in the same state as one that never stopped.
 *
 * Errors are values: a stored event that does not decode (`CorruptEvent`: never skipped), a
 * failing store or checkpoint store (`StoreFailed`), a saved state that does not decode
 * (`CheckpointUnreadable`: rebuild), the projection's own code throwing (`ProjectionThrew`), or
 * a name or options it cannot run with (`InvalidRunner`: a `batchSize` of 0, say).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as t from 'io-ts'
 * import {
 *   catalog, createInMemoryCheckpoints, createInMemoryEventStore, createProjectionRunner,
 *   defineProjection, enrollment, enrollmentEventDecoder, handleCommand,
 * } from 'microcred'
 *
 * const enrolledByCohort = defineProjection({
 *   name: 'enrolled-by-cohort',
 *   initialState: {} as Record<string, number>,
 *   decode: enrollmentEventDecoder,
 *   evolve: (draft, event) => {
 *     if (event.type === 'EducatorEnrolled') draft[event.data.cohortId] = (draft[event.data.cohortId] ?? 0) + 1
 *   },
 *   codec: t.record(t.string, t.number),
 * })
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * for (const [i, cohortId] of ['steam-2026', 'steam-2026', 'el-2026'].entries()) {
 *   const educator = { id: `edu-${i}`, name: 'Ana Ruiz', email: `ana${i}@example.org` }
 *   await handleCommand(store, enrollment,
 *     { type: 'Enroll', data: { enrollmentId: `e${i}`, educator, cohortId, program: catalog.steam } },
 *     { actor: admin, at: '2026-09-01T16:00:00Z', commandId: `enroll-${i}` })
 * }
 * const checkpoints = createInMemoryCheckpoints()
 * const runner = createProjectionRunner(store, enrolledByCohort, { checkpoints })
 * assert.deepEqual(await runner.catchUp(), E.right(3)) // the position reached
 * assert.deepEqual(runner.state(), { 'steam-2026': 2, 'el-2026': 1 })
 *
 * // A new process starts from the checkpoint: position and state, saved together.
 * assert.deepEqual(await checkpoints.load('enrolled-by-cohort'), { position: 3, state: { 'steam-2026': 2, 'el-2026': 1 } })
 * const again = createProjectionRunner(store, enrolledByCohort, { checkpoints })
 * await again.catchUp()
 * assert.deepEqual(again.state(), runner.state())
 *
 * // Following the live log: wait until the runner has read an event you appended.
 * const following = runner.follow()
 * const appended = await handleCommand(store, enrollment,
 *   { type: 'Enroll', data: { enrollmentId: 'e3', cohortId: 'el-2026', program: catalog.steam,
 *     educator: { id: 'edu-3', name: 'Ben Okafor', email: 'ben@example.org' } } },
 *   { actor: admin, at: '2026-09-02T16:00:00Z', commandId: 'enroll-3' })
 * assert.ok(E.isRight(appended))
 * assert.equal(await runner.waitForPosition(appended.right.recorded[0]?.position ?? 0, { signal: AbortSignal.timeout(5000) }), true)
 * assert.equal(runner.state()['el-2026'], 2)
 * await runner.stop()
 * assert.deepEqual(await following, E.right(4))
 */
export const createProjectionRunner = <S, Ev>(
  store: EventStore,
  projection: Projection<S, Ev>,
  options: RunnerOptions = {},
): ProjectionRunner<S> => {
  const { name, codec, initialState } = projection
  // What `state()` hands out: deeply frozen. While nobody has seen the state since the last
  // batches (a catch-up from the first event, a rebuild), the runner folds them into a
  // working copy it alone holds, changed in place, and freezes it only when `state()` is asked
  // for: a batch then costs what a private fold costs, not a `produce` over every row.
  let state = initialState
  let working: S | undefined
  const published = (): S => {
    if (working !== undefined) {
      state = deepFreeze(working)
      working = undefined
    }
    return state
  }
  const applyWorking = (batch: ReadonlyArray<RecordedEvent>, into: S) => {
    // If `evolve` throws half-way, the working copy is half-changed: it is thrown away, and the
    // log reader starts again from the checkpoint (a batch that does not decode changes nothing).
    working = undefined
    const next = projection.applyInPlace(into, batch)
    working = E.isRight(next) ? next.right : into
    return next
  }
  const reader = createLogReader<ProjectionError>(
    store,
    {
      name,
      partialOnThrow: true,
      restore: (checkpoint) => {
        state = initialState
        working = undefined
        // Without a saved state there is nothing to start from but the first event.
        if (checkpoint?.state === undefined || codec === undefined) return E.right(0)
        const decoded = codec.decode(checkpoint.state)
        if (E.isLeft(decoded)) {
          return E.left(
            checkpointUnreadable(
              name,
              decodeIssues(decoded.left).map((issue) => ({
                ...issue,
                path: issue.path === '(root)' ? 'state' : `state.${issue.path}`,
              })),
            ),
          )
        }
        // A codec may hand back frozen parts (the enrollments read model's does): the restored
        // state is published, and the next batches go through \`produce\`.
        state = deepFreeze(decoded.right)
        return E.right(checkpoint.position)
      },
      reset: () => {
        state = initialState
        working = undefined
      },
      handle: async (events) => {
        const into = working ?? (state === initialState ? projection.fresh() : undefined)
        const next =
          into === undefined ? projection.apply(state, events) : applyWorking(events, into)
        if (E.isLeft(next)) return next
        if (into === undefined) state = next.right
        return E.right(undefined)
      },
      checkpointAt: (position) =>
        codec === undefined ? { position } : { position, state: codec.encode(working ?? state) },
    },
    options,
  )
  return { name, state: published, ...reader }
}
