import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  createInMemoryCheckpoints,
  createInMemoryEventStore,
  createProjectionRunner,
  defineProjection,
  foldProjection,
  type CheckpointStore,
  type EventStore,
} from 'microcred'
import {
  appendsOf,
  crashingReads,
  logArbitrary,
  readEverything,
  runnerStoreKinds,
  summaryProjection,
  writeAppends,
} from './runner-support.js'

const metadata = (n: number) => ({
  eventId: `event-${n}`,
  commandId: `command-${n}`,
  actorId: 'admin-1',
  correlationId: `command-${n}`,
  causationId: `command-${n}`,
  schemaVersion: 1,
})

/** Appends `count` events `Noted { n }` to stream `s`, numbered from `from`. */
const note = async (store: EventStore, count: number, from = 1, streamId = 's') => {
  const version = await store.streamVersion(streamId)
  const written = await store.appendToStream(
    streamId,
    Array.from({ length: count }, (_, i) => ({
      type: 'Noted',
      data: { n: from + i },
      metadata: metadata(from + i),
    })),
    { expectedVersion: version === 0 ? 'noStream' : version },
  )
  if (E.isLeft(written)) throw new Error(written.left.message)
}

/** The sum and count of every `Noted` event's `n`. */
const sum = defineProjection({
  name: 'sum',
  initialState: { total: 0, count: 0 },
  evolve: (draft, event) => {
    draft.total += (event.data as { n: number }).n
    draft.count += 1
  },
  codec: t.type({ total: t.number, count: t.number }),
})

/** The same without a codec: its checkpoint holds a position only. */
const sumWithoutCodec = defineProjection({
  name: 'sum-no-codec',
  initialState: { total: 0 },
  evolve: (draft, event) => {
    draft.total += (event.data as { n: number }).n
  },
})

/** Only events with a numeric `n`; anything else is corrupt and stops the runner. */
const strictSum = defineProjection({
  name: 'strict-sum',
  initialState: { total: 0 },
  decode: (recorded) => {
    const n = (recorded.data as { n?: unknown }).n
    return typeof n === 'number'
      ? E.right(n)
      : E.left({
          _tag: 'CorruptEvent' as const,
          message: `no n at position ${recorded.position}`,
          streamId: recorded.streamId,
          version: recorded.version,
          position: recorded.position,
          type: recorded.type,
          issues: [{ path: 'data.n', message: 'expected a number' }],
        })
  },
  evolve: (draft, n) => {
    draft.total += n
  },
})

describe('createProjectionRunner', () => {
  it('catches up in batches, saves position and encoded state together, and resumes from them', async () => {
    const store = createInMemoryEventStore()
    await note(store, 25)
    const checkpoints = createInMemoryCheckpoints()
    const runner = createProjectionRunner(store, sum, { checkpoints, batchSize: 7 })
    expect(runner.state()).toEqual({ total: 0, count: 0 })
    expect(runner.position()).toBe(0)
    expect(await runner.catchUp()).toEqual(E.right(25))
    expect(runner.state()).toEqual({ total: 325, count: 25 })
    expect(Object.isFrozen(runner.state())).toBe(true)
    expect(await checkpoints.load('sum')).toEqual({
      position: 25,
      state: { total: 325, count: 25 },
    })

    await note(store, 5, 26)
    const next = createProjectionRunner(store, sum, { checkpoints })
    expect(await next.catchUp()).toEqual(E.right(30))
    expect(next.state()).toEqual({ total: 465, count: 30 })
  })

  it('without a codec, keeps only the position and folds from the first event in a new runner', async () => {
    const store = createInMemoryEventStore()
    await note(store, 4)
    const checkpoints = createInMemoryCheckpoints()
    await createProjectionRunner(store, sumWithoutCodec, { checkpoints }).catchUp()
    expect(await checkpoints.load('sum-no-codec')).toEqual({ position: 4 })
    const next = createProjectionRunner(store, sumWithoutCodec, { checkpoints })
    expect(await next.catchUp()).toEqual(E.right(4))
    expect(next.state()).toEqual({ total: 10 })
  })

  it('stops at a corrupt event, never skips it, and keeps the state and position before its batch', async () => {
    const store = createInMemoryEventStore()
    await note(store, 3)
    await store.appendToStream('s', [{ type: 'Noted', data: { m: 1 }, metadata: metadata(4) }], {
      expectedVersion: 3,
    })
    await note(store, 2, 5)
    const checkpoints = createInMemoryCheckpoints()
    const runner = createProjectionRunner(store, strictSum, { checkpoints, batchSize: 2 })
    const result = await runner.catchUp()
    expect(E.isLeft(result) && result.left._tag).toBe('CorruptEvent')
    expect(E.isLeft(result) && result.left.message).toBe('no n at position 4')
    expect(runner.position()).toBe(2)
    expect(runner.state()).toEqual({ total: 3 })
    // Asking again reads the same event again: it is not skipped.
    const again = await runner.catchUp()
    expect(E.isLeft(again) && again.left._tag).toBe('CorruptEvent')
    expect(runner.position()).toBe(2)
  })

  it('after a projection throws half-way through a batch, starts again from its checkpoint: nothing is counted twice', async () => {
    const store = createInMemoryEventStore()
    await note(store, 6)
    let throwAt: number | undefined = 4
    const flaky = defineProjection({
      name: 'flaky-sum',
      initialState: { total: 0, count: 0 },
      evolve: (draft, event) => {
        const { n } = event.data as { n: number }
        if (n === throwAt) throw new Error('a bug in the projection')
        draft.total += n
        draft.count += 1
      },
      codec: t.type({ total: t.number, count: t.number }),
    })
    const checkpoints = createInMemoryCheckpoints()
    // Batches [1, 2] [3, 4] [5, 6]: event 3 is applied in place before event 4 throws.
    const runner = createProjectionRunner(store, flaky, { checkpoints, batchSize: 2 })
    const failed = await runner.catchUp()
    expect(E.isLeft(failed) && failed.left._tag).toBe('ProjectionThrew')
    throwAt = undefined // the bug is fixed; the same runner goes on
    expect(await runner.catchUp()).toEqual(E.right(6))
    expect(runner.state()).toEqual({ total: 21, count: 6 })
  })

  it('reports a failing store, a failing checkpoint store and a throwing projection as values', async () => {
    const store = createInMemoryEventStore()
    await note(store, 3)
    const broken: EventStore = {
      ...store,
      // eslint-disable-next-line require-yield
      readAll: async function* () {
        throw new Error('connection terminated')
      },
    }
    const read = await createProjectionRunner(broken, sum).catchUp()
    expect(read).toEqual(
      E.left({
        _tag: 'StoreFailed',
        message:
          "the store failed while reading the log after position 0 for 'sum': connection terminated",
      }),
    )

    const failingSaves: CheckpointStore = {
      ...createInMemoryCheckpoints(),
      save: async () => {
        throw new Error('disk full')
      },
    }
    const saved = await createProjectionRunner(store, sum, { checkpoints: failingSaves }).catchUp()
    expect(E.isLeft(saved) && saved.left.message).toBe(
      "the store failed while saving the checkpoint of 'sum' at position 3: disk full",
    )

    const failingLoads: CheckpointStore = {
      ...createInMemoryCheckpoints(),
      load: async () => {
        throw new Error('no such table')
      },
    }
    const loaded = await createProjectionRunner(store, sum, { checkpoints: failingLoads }).catchUp()
    expect(E.isLeft(loaded) && loaded.left.message).toBe(
      "the store failed while loading the checkpoint of 'sum': no such table",
    )

    const throwing = defineProjection({
      name: 'throwing',
      initialState: { n: 0 },
      evolve: () => {
        throw new TypeError('rows is undefined')
      },
    })
    const threw = await createProjectionRunner(store, throwing).catchUp()
    expect(E.isLeft(threw) && threw.left).toMatchObject({
      _tag: 'ProjectionThrew',
      name: 'throwing',
      position: 1,
    })
  })

  it('refuses a checkpoint whose state does not decode, or whose position is not a position', async () => {
    const store = createInMemoryEventStore()
    await note(store, 2)
    const checkpoints = createInMemoryCheckpoints()
    await checkpoints.save('sum', { position: 2, state: { total: 'three', count: 2 } })
    const result = await createProjectionRunner(store, sum, { checkpoints }).catchUp()
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'CheckpointUnreadable',
      name: 'sum',
      issues: [{ path: 'state.total', message: 'expected number, got "three"' }],
    })
    expect(E.isLeft(result) && result.left.message).toMatch(/rebuild the projection/)

    await checkpoints.save('sum', { position: -1, state: { total: 0, count: 0 } })
    const negative = await createProjectionRunner(store, sum, { checkpoints }).catchUp()
    expect(E.isLeft(negative) && negative.left._tag).toBe('CheckpointUnreadable')

    // A rebuild forgets the checkpoint and folds again.
    const runner = createProjectionRunner(store, sum, { checkpoints })
    expect(await runner.rebuild()).toEqual(E.right(2))
    expect(runner.state()).toEqual({ total: 3, count: 2 })
    expect(await checkpoints.load('sum')).toEqual({ position: 2, state: { total: 3, count: 2 } })
  })

  it('refuses a bad name or invalid options as InvalidRunner, before reading or saving anything', async () => {
    const store = createInMemoryEventStore()
    await note(store, 2)
    const checkpoints = createInMemoryCheckpoints()
    const options = createProjectionRunner(store, sum, {
      checkpoints,
      batchSize: 0,
      pollMs: Number.NaN,
      snapshotEvery: 1.5,
    })
    expect(await options.catchUp()).toEqual(
      E.left({
        _tag: 'InvalidRunner',
        message:
          'the runner of "sum" cannot run: batchSize is a whole number of 1 or more; got 0; pollMs is a whole number of 1 or more; got NaN; snapshotEvery is a whole number of 1 or more; got 1.5; nothing was read or saved',
        problems: [
          'batchSize is a whole number of 1 or more; got 0',
          'pollMs is a whole number of 1 or more; got NaN',
          'snapshotEvery is a whole number of 1 or more; got 1.5',
        ],
      }),
    )
    expect(E.isLeft(await options.follow())).toBe(true)
    expect(E.isLeft(await options.rebuild())).toBe(true)
    const badName = defineProjection({
      name: '__proto__ ',
      initialState: {},
      evolve: () => undefined,
    })
    const named = await createProjectionRunner(store, badName, { checkpoints }).catchUp()
    expect(E.isLeft(named) && named.left._tag).toBe('InvalidRunner')
    expect(await checkpoints.load('sum')).toBeUndefined()
    expect(await checkpoints.load('__proto__ ')).toBeUndefined()
  })

  it('follows the live log, saves every snapshotEvery events and on stop, and wakes waiters', async () => {
    const store = createInMemoryEventStore()
    await note(store, 3)
    const saves: number[] = []
    const inner = createInMemoryCheckpoints()
    const checkpoints: CheckpointStore = {
      ...inner,
      save: async (name, checkpoint) => {
        saves.push(checkpoint.position)
        return inner.save(name, checkpoint)
      },
    }
    const runner = createProjectionRunner(store, sum, {
      checkpoints,
      pollMs: 5,
      batchSize: 2,
      snapshotEvery: 4,
    })
    const following = runner.follow()
    expect(await runner.waitForPosition(3, { signal: AbortSignal.timeout(5000) })).toBe(true)
    await note(store, 6, 4)
    expect(await runner.waitForPosition(9, { signal: AbortSignal.timeout(5000) })).toBe(true)
    expect(runner.state()).toEqual({ total: 45, count: 9 })
    // Waiting for a position nobody appends gives up when the signal aborts.
    expect(await runner.waitForPosition(100, { signal: AbortSignal.timeout(30) })).toBe(false)
    await runner.stop()
    expect(await following).toEqual(E.right(9))
    expect(saves.length).toBeGreaterThanOrEqual(2)
    expect(saves.at(-1)).toBe(9)
    expect(saves.slice(0, -1).every((position) => position < 9)).toBe(true)
    expect(await inner.load('sum')).toEqual({ position: 9, state: { total: 45, count: 9 } })
  })

  it('stops following when the signal aborts, and a waiter learns when the runner fails', async () => {
    const store = createInMemoryEventStore()
    await note(store, 2)
    const controller = new AbortController()
    const runner = createProjectionRunner(store, strictSum, { pollMs: 5 })
    const following = runner.follow({ signal: controller.signal })
    expect(await runner.waitForPosition(2)).toBe(true)
    controller.abort()
    expect(await following).toEqual(E.right(2))

    const failing = runner.follow()
    const waiting = runner.waitForPosition(10)
    await store.appendToStream('s', [{ type: 'Noted', data: {}, metadata: metadata(3) }], {
      expectedVersion: 2,
    })
    expect(await waiting).toBe(false)
    const result = await failing
    expect(E.isLeft(result) && result.left._tag).toBe('CorruptEvent')
  })

  it('catchUp, follow and rebuild at once never apply an event twice', async () => {
    const store = createInMemoryEventStore()
    await note(store, 50)
    const runner = createProjectionRunner(store, sum, { batchSize: 3, pollMs: 1 })
    const following = runner.follow()
    const [a, b] = await Promise.all([runner.catchUp(), runner.rebuild(), runner.catchUp()])
    expect(a).toEqual(E.right(50))
    expect(b).toEqual(E.right(50))
    await note(store, 10, 51)
    expect(await runner.waitForPosition(60, { signal: AbortSignal.timeout(5000) })).toBe(true)
    await runner.stop()
    await following
    expect(runner.state()).toEqual({ total: (60 * 61) / 2, count: 60 })
  })
})

describe.each(runnerStoreKinds)('projection runner properties on $name', (kind) => {
  it.skipIf(kind.skip)(
    '(a) catching up in random batch sizes, between random appends, equals folding the whole log',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          logArbitrary(),
          fc.integer({ min: 1, max: 40 }),
          fc.array(fc.nat(), { maxLength: 3 }),
          async ({ histories, chunks }, batchSize, cuts) => {
            const { store, cleanup } = await kind.open()
            try {
              const appends = appendsOf(histories, chunks)
              const runner = createProjectionRunner(store, summaryProjection, { batchSize })
              const bounds = [...cuts.map((c) => c % (appends.length + 1)), appends.length].sort(
                (x, y) => x - y,
              )
              let written = 0
              for (const bound of bounds) {
                await writeAppends(store, appends.slice(written, bound))
                written = Math.max(written, bound)
                expect(E.isRight(await runner.catchUp())).toBe(true)
              }
              const everything = await readEverything(store)
              expect(runner.state()).toEqual(
                E.getOrElseW(() => 'corrupt')(foldProjection(summaryProjection, everything)),
              )
              expect(runner.position()).toBe(everything.at(-1)?.position ?? 0)
            } finally {
              await cleanup()
            }
          },
        ),
        { numRuns: kind.numRuns },
      )
    },
  )

  it.skipIf(kind.skip)(
    '(b) a runner killed after a random number of events, then restarted, ends as one that never stopped',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          logArbitrary(),
          fc.integer({ min: 1, max: 30 }),
          fc.integer({ min: 1, max: 40 }),
          fc.nat({ max: 400 }),
          async ({ histories, chunks }, batchSize, snapshotEvery, killAfter) => {
            const { store, cleanup } = await kind.open()
            try {
              await writeAppends(store, appendsOf(histories, chunks))
              const checkpoints = createInMemoryCheckpoints()
              // Killed: its reads fail after `killAfter` events and it is abandoned, unstopped.
              const killed = createProjectionRunner(
                crashingReads(store, killAfter),
                summaryProjection,
                {
                  checkpoints,
                  batchSize,
                  snapshotEvery,
                },
              )
              await killed.catchUp()
              const saved = await checkpoints.load(summaryProjection.name)
              expect(saved?.position ?? 0).toBeLessThanOrEqual(killed.position())

              const restarted = createProjectionRunner(store, summaryProjection, {
                checkpoints,
                batchSize,
                snapshotEvery,
              })
              const never = createProjectionRunner(store, summaryProjection, { batchSize })
              expect(await restarted.catchUp()).toEqual(await never.catchUp())
              expect(restarted.state()).toEqual(never.state())
            } finally {
              await cleanup()
            }
          },
        ),
        { numRuns: kind.numRuns },
      )
    },
  )
})
