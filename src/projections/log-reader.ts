/**
 * The log reader that projection and reaction runners share: it reads the global log in batches
 * after a checkpoint, hands each batch to a handler, saves the checkpoint, polls the live log,
 * and tells waiters how far it has read. The handler (a projection's fold, a reaction's dispatch)
 * is the only difference between them.
 *
 * One step at a time: every read-and-handle step, save and rebuild runs in turn, so `catchUp`,
 * `follow` and `rebuild` called together never handle an event twice.
 *
 * @internal
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { storeFailed } from '../store/errors.js'
import type { EventStore } from '../store/event-store.js'
import type { RecordedEvent } from '../store/recorded-event.js'
import type { Checkpoint, CheckpointStore } from './checkpoints.js'
import {
  checkpointUnreadable,
  invalidRunner,
  projectionThrew,
  type CheckpointUnreadable,
  type ProjectionError,
} from './errors.js'
import { createInMemoryCheckpoints } from './in-memory-checkpoints.js'
import { projectionNameProblem } from './projection.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Options of the projection and reaction runners. */
export interface RunnerOptions {
  /** Where the checkpoint is kept (default: a fresh in-memory store, gone with the process). */
  readonly checkpoints?: CheckpointStore
  /** How many events to read from the log at a time (default 1000). */
  readonly batchSize?: number
  /** How long to wait between polls of the live log once caught up, in ms (default 100). */
  readonly pollMs?: number
  /**
   * How many events to handle at least between checkpoint saves (default 10000). A save also
   * waits until ten times as long as the last save took has passed since it, so saving a large
   * state costs at most about a tenth of the runner's time.
   */
  readonly snapshotEvery?: number
}

/** Options of `follow`. */
export interface FollowOptions {
  /** Stops following when it aborts (as `stop()` does): the checkpoint is saved first. */
  readonly signal?: AbortSignal
}

/** Options of `waitForPosition`. */
export interface WaitOptions {
  /** Gives up waiting when it aborts (`AbortSignal.timeout(ms)` for a deadline). */
  readonly signal?: AbortSignal
}

/** The part of a runner that reads the log: the same for projections and reactions. */
export interface LogReader<Err> {
  /** The position of the last event handled (0: none yet). */
  readonly position: () => number
  /**
   * Loads the checkpoint on first use, handles every event after the position in batches, and
   * saves the checkpoint: the position reached, or why it stopped.
   */
  readonly catchUp: () => Promise<E.Either<Err, number>>
  /**
   * Catches up, then polls the live log every `pollMs` until the signal aborts or `stop()` is
   * called; saves the checkpoint every `snapshotEvery` events and when it stops. Resolves with
   * the position it stopped at, or the error that stopped it (a corrupt event is never skipped).
   */
  readonly follow: (options?: FollowOptions) => Promise<E.Either<Err, number>>
  /** Asks `follow` to stop, and resolves once it has saved its checkpoint. */
  readonly stop: () => Promise<void>
  /** Forgets the checkpoint and handles the whole log again from the first event. */
  readonly rebuild: () => Promise<E.Either<Err, number>>
  /**
   * Resolves `true` once the runner has handled the event at `position` (or a later one), and
   * `false` if the signal aborts or the runner stops on an error first. It waits for a runner
   * that is following or catching up: it reads nothing itself.
   */
  readonly waitForPosition: (position: number, options?: WaitOptions) => Promise<boolean>
}

/** What a runner does with what it reads: the part that differs between runners. */
export interface BatchHandler<Err> {
  readonly name: string
  /**
   * Takes the saved checkpoint (or none) as the starting point: the position to read after, or
   * why the checkpoint cannot be used. It is called once, before the first read.
   */
  readonly restore: (checkpoint: Checkpoint | undefined) => E.Either<CheckpointUnreadable, number>
  /** What is wrong with the handler itself, if anything (a reaction with no event type...). */
  readonly problems?: ReadonlyArray<string>
  /** Goes back to the state before any event, for a rebuild. */
  readonly reset: () => void
  /**
   * True when a batch whose handling threw may have been applied in part (a working copy
   * changed in place): the reader then starts again from the checkpoint, where position and
   * state agree.
   */
  readonly partialOnThrow?: boolean
  /** Handles a batch, all of it or (on a `Left`) none that counts: the position stays. */
  readonly handle: (events: ReadonlyArray<RecordedEvent>) => Promise<E.Either<Err, void>>
  /** The checkpoint to save at `position`: the position, and the state that belongs to it. */
  readonly checkpointAt: (position: number) => Checkpoint
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** The option's value (its default when absent), or why it cannot be one. */
const positiveInteger = (
  name: string,
  value: unknown,
  fallback: number,
): E.Either<string, number> => {
  if (value === undefined) return E.right(fallback)
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1
    ? E.right(value)
    : E.left(`${name} is a whole number of 1 or more; got ${String(value).slice(0, 40)}`)
}

const nonNegativeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** Waits `ms`, or less when the signal aborts or `wake` is called. */
const pause = (ms: number, signal: AbortSignal | undefined, wakers: Set<() => void>) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      wakers.delete(done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
    wakers.add(done)
  })

// -------------------------------------------------------------------------------------
// constructor
// -------------------------------------------------------------------------------------

/**
 * A reader of the log for one handler. A name that cannot be a checkpoint's key, invalid options
 * (a batch size of 0, say) or the handler's own problems make every call answer `InvalidRunner`,
 * before anything is read or saved.
 */
export const createLogReader = <Err>(
  store: EventStore,
  handler: BatchHandler<Err>,
  options: RunnerOptions = {},
): LogReader<Err | ProjectionError> => {
  type Result<A> = E.Either<Err | ProjectionError, A>
  const { name } = handler
  const checkpoints = options.checkpoints ?? createInMemoryCheckpoints()
  const sizes = [
    positiveInteger('batchSize', options.batchSize, 1000),
    positiveInteger('pollMs', options.pollMs, 100),
    positiveInteger('snapshotEvery', options.snapshotEvery, 10_000),
  ] as const
  const [batchSize = 1000, pollMs = 100, snapshotEvery = 10_000] = sizes.map((size) =>
    E.isRight(size) ? size.right : 1,
  )
  const nameProblem = projectionNameProblem(name)
  const problems = [
    ...(nameProblem === undefined ? [] : [nameProblem]),
    ...sizes.flatMap((size) => (E.isLeft(size) ? [size.left] : [])),
    ...(handler.problems ?? []),
  ]

  let loaded = false
  let position = 0
  let savedPosition = 0
  let sinceSave = 0
  // When the next save while reading may be made: ten times the last save's duration after it.
  let nextSaveAt = 0
  let stopRequested = false
  const following = new Set<Promise<unknown>>()
  const wakers = new Set<() => void>()
  const waiters = new Set<{ readonly position: number; readonly settle: (ok: boolean) => void }>()

  // One step at a time: each runs after the one before has settled.
  let queue: Promise<unknown> = Promise.resolve()
  const exclusive = <A>(step: () => Promise<A>): Promise<A> => {
    const run = queue.then(step)
    queue = run.catch(() => undefined)
    return run
  }

  const settleWaiters = (failed: boolean) => {
    for (const waiter of waiters) {
      if (failed || position >= waiter.position) {
        waiters.delete(waiter)
        waiter.settle(!failed)
      }
    }
  }

  const failed = <A>(error: Err | ProjectionError): Result<A> => {
    settleWaiters(true)
    return E.left(error)
  }

  const load = async (): Promise<Result<void>> => {
    if (problems.length > 0) return failed(invalidRunner(name, problems))
    if (loaded) return E.right(undefined)
    let checkpoint: Checkpoint | undefined
    try {
      checkpoint = await checkpoints.load(name)
    } catch (error) {
      return failed(storeFailed(`loading the checkpoint of '${name}'`, error))
    }
    if (checkpoint !== undefined && !nonNegativeInteger(checkpoint.position)) {
      return failed(
        checkpointUnreadable(name, [
          { path: 'position', message: 'expected a whole number of 0 or more' },
        ]),
      )
    }
    const start = handler.restore(checkpoint)
    if (E.isLeft(start)) return failed(start.left)
    position = start.right
    savedPosition = checkpoint?.position ?? 0
    sinceSave = 0
    loaded = true
    return E.right(undefined)
  }

  const save = async (): Promise<Result<void>> => {
    if (!loaded || position === savedPosition) return E.right(undefined)
    const started = performance.now()
    try {
      await checkpoints.save(name, handler.checkpointAt(position))
    } catch (error) {
      return failed(
        storeFailed(`saving the checkpoint of '${name}' at position ${position}`, error),
      )
    }
    savedPosition = position
    sinceSave = 0
    const savedAt = performance.now()
    nextSaveAt = savedAt + 10 * (savedAt - started)
    return E.right(undefined)
  }

  /** Reads and handles one batch: whether it was full (more may be waiting). */
  const step = async (): Promise<Result<boolean>> => {
    const ready = await load()
    if (E.isLeft(ready)) return ready
    const batch: RecordedEvent[] = []
    try {
      for await (const event of store.readAll({ after: position, limit: batchSize })) {
        batch.push(event)
      }
    } catch (error) {
      return failed(storeFailed(`reading the log after position ${position} for '${name}'`, error))
    }
    const last = batch[batch.length - 1]
    if (last === undefined) return E.right(false)
    if (!(last.position > position)) {
      return failed(
        storeFailed(
          `reading the log for '${name}'`,
          `asked for events after position ${position}, got one at ${last.position}`,
        ),
      )
    }
    let handled: E.Either<Err, void>
    try {
      handled = await handler.handle(batch)
    } catch (error) {
      if (handler.partialOnThrow === true) loaded = false
      return failed(projectionThrew(name, (batch[0] as RecordedEvent).position, error))
    }
    if (E.isLeft(handled)) return failed(handled.left)
    position = last.position
    sinceSave += batch.length
    settleWaiters(false)
    if (sinceSave >= snapshotEvery && performance.now() >= nextSaveAt) {
      const saved = await save()
      if (E.isLeft(saved)) return saved
    }
    return E.right(batch.length >= batchSize)
  }

  const catchUp = async (): Promise<Result<number>> => {
    for (;;) {
      const read = await exclusive(step)
      if (E.isLeft(read)) return read
      if (!read.right) break
    }
    return exclusive(async () => {
      const saved = await save()
      return E.isLeft(saved) ? saved : E.right(position)
    })
  }

  const followLoop = async (signal: AbortSignal | undefined): Promise<Result<number>> => {
    while (!stopRequested && signal?.aborted !== true) {
      const read = await exclusive(step)
      if (E.isLeft(read)) return read
      if (!read.right) await pause(pollMs, signal, wakers)
    }
    return exclusive(async () => {
      const saved = await save()
      return E.isLeft(saved) ? saved : E.right(position)
    })
  }

  const follow = (followOptions: FollowOptions = {}): Promise<Result<number>> => {
    stopRequested = false
    const run = followLoop(followOptions.signal)
    following.add(run)
    void run.finally(() => following.delete(run))
    return run
  }

  const stop = async (): Promise<void> => {
    stopRequested = true
    for (const wake of wakers) wake()
    await Promise.all([...following].map((run) => run.catch(() => undefined)))
  }

  const rebuild = async (): Promise<Result<number>> => {
    const reset = await exclusive(async (): Promise<Result<void>> => {
      if (problems.length > 0) return failed(invalidRunner(name, problems))
      try {
        await checkpoints.remove(name)
      } catch (error) {
        return failed(storeFailed(`removing the checkpoint of '${name}'`, error))
      }
      handler.reset()
      position = 0
      savedPosition = 0
      sinceSave = 0
      loaded = true
      return E.right(undefined)
    })
    return E.isLeft(reset) ? reset : catchUp()
  }

  const waitForPosition = (target: number, waitOptions: WaitOptions = {}): Promise<boolean> => {
    const { signal } = waitOptions
    if (position >= target) return Promise.resolve(true)
    if (signal?.aborted === true) return Promise.resolve(false)
    return new Promise<boolean>((resolve) => {
      const waiter = {
        position: target,
        settle: (ok: boolean) => {
          signal?.removeEventListener('abort', abort)
          resolve(ok)
        },
      }
      const abort = () => {
        waiters.delete(waiter)
        waiter.settle(false)
      }
      signal?.addEventListener('abort', abort, { once: true })
      waiters.add(waiter)
    })
  }

  return { position: () => position, catchUp, follow, stop, rebuild, waitForPosition }
}
