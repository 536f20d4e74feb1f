import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  createInMemoryCheckpoints,
  createInMemoryEventStore,
  createReactionRunner,
  defineReaction,
  Id,
  reactionCommandId,
  type EventStore,
  type RecordedEvent,
} from 'microcred'
import {
  appendsOf,
  crashingAppends,
  crashingSaves,
  logArbitrary,
  notices,
  readEverything,
  runnerStoreKinds,
  writeAppends,
  type NoticeCommand,
} from './runner-support.js'

const metadata = (eventId: string, correlationId = 'case-1') => ({
  eventId,
  commandId: `command-${eventId}`,
  actorId: 'admin-1',
  correlationId,
  causationId: `command-${eventId}`,
  schemaVersion: 1,
})

/** Appends one event of `type` with `data` to stream `s`. */
const append = async (store: EventStore, type: string, data: unknown, eventId: string) => {
  const version = await store.streamVersion('s')
  const written = await store.appendToStream('s', [{ type, data, metadata: metadata(eventId) }], {
    expectedVersion: version === 0 ? 'noStream' : version,
  })
  if (E.isLeft(written)) throw new Error(written.left.message)
}

const bot = { id: 'notice-bot', roles: ['administrator' as const] }

/** On `Asked { ids, refuse? }`: a `Notify` for each id, and a `Refuse` when asked to. */
const relay = defineReaction({
  name: 'relay',
  on: ['Asked'],
  aggregate: notices,
  actor: bot,
  react: (event: RecordedEvent): NoticeCommand[] => {
    const data = event.data as { ids: string[]; refuse?: string }
    return [
      ...data.ids.map((noticeId) => ({ type: 'Notify' as const, data: { noticeId, text: 'hi' } })),
      ...(data.refuse === undefined
        ? []
        : [{ type: 'Refuse' as const, data: { noticeId: data.refuse } }]),
    ]
  },
})

describe('createReactionRunner', () => {
  it('sends each command with a derived id, the event time, its correlation and causation', async () => {
    const store = createInMemoryEventStore({ now: () => '2026-12-01T00:00:00.000Z' })
    await append(store, 'Asked', { ids: ['a', 'b'], at: '2026-09-01T16:00:00Z' }, 'ev-1')
    await append(store, 'Ignored', { ids: ['c'] }, 'ev-2')
    await append(store, 'Asked', { ids: ['c'] }, 'ev-3')
    const checkpoints = createInMemoryCheckpoints()
    const runner = createReactionRunner(store, relay, { checkpoints })
    expect(await runner.catchUp()).toEqual(E.right(3))
    const [a] = await store.readStream('notice-a')
    expect(a?.metadata).toMatchObject({
      commandId: 'relay/ev-1/0',
      actorId: 'notice-bot',
      correlationId: 'case-1',
      causationId: 'ev-1',
    })
    expect(a?.data).toEqual({ noticeId: 'a', text: 'hi', at: '2026-09-01T16:00:00Z' })
    expect((await store.readStream('notice-b'))[0]?.metadata.commandId).toBe('relay/ev-1/1')
    // No `at` in the event: the time the store recorded it.
    const [c] = await store.readStream('notice-c')
    expect(c?.metadata.commandId).toBe('relay/ev-3/0')
    expect((c?.data as { at: string }).at).toBe('2026-12-01T00:00:00.000Z')
    expect(await checkpoints.load('relay')).toEqual({ position: 3 })
    // Again from the first event (its own notices are in the log too): every command is a
    // repeat, nothing is appended.
    expect(await runner.rebuild()).toEqual(E.right(6))
    for (const id of ['a', 'b', 'c']) expect(await store.streamVersion(`notice-${id}`)).toBe(1)
  })

  it('reports a refused command, keeps it, and goes on', async () => {
    const store = createInMemoryEventStore()
    await append(store, 'Asked', { ids: ['a'], refuse: 'x' }, 'ev-1')
    await append(store, 'Asked', { ids: ['  '] }, 'ev-2')
    await append(store, 'Asked', { ids: ['b'], refuse: 'y' }, 'ev-3')
    const reported: string[] = []
    const runner = createReactionRunner(store, relay, {
      keepRefusals: 2,
      onRefused: (refusal) => reported.push(`${refusal.commandId}: ${refusal.error._tag}`),
    })
    expect(await runner.catchUp()).toEqual(E.right(3))
    expect(reported).toEqual([
      'relay/ev-1/1: NoticeRefused',
      'relay/ev-2/0: InvalidCommand',
      'relay/ev-3/1: NoticeRefused',
    ])
    // Only the latest two are kept.
    expect(runner.refusals().map((refusal) => refusal.commandId)).toEqual([
      'relay/ev-2/0',
      'relay/ev-3/1',
    ])
    expect(runner.refusals()[1]).toMatchObject({
      reaction: 'relay',
      event: { streamId: 's', version: 3, position: 3, type: 'Asked', eventId: 'ev-3' },
      commandIndex: 1,
      command: { type: 'Refuse', data: { noticeId: 'y' } },
      error: { _tag: 'NoticeRefused', message: "notice 'y' refused" },
    })
    expect(await store.streamVersion('notice-a')).toBe(1)
    expect(await store.streamVersion('notice-b')).toBe(1)
  })

  it('stops on a failing store without moving its checkpoint, and resumes with no duplicate', async () => {
    const store = createInMemoryEventStore()
    await append(store, 'Asked', { ids: ['a', 'b', 'c'] }, 'ev-1')
    const checkpoints = createInMemoryCheckpoints()
    const broken = createReactionRunner(crashingAppends(store, 2), relay, { checkpoints })
    const failed = await broken.catchUp()
    expect(E.isLeft(failed) && failed.left._tag).toBe('StoreFailed')
    expect(E.isLeft(failed) && failed.left.message).toMatch(/killed/)
    expect(broken.position()).toBe(0)
    expect(await checkpoints.load('relay')).toBeUndefined()
    const again = createReactionRunner(store, relay, { checkpoints })
    expect(E.isRight(await again.catchUp())).toBe(true)
    for (const id of ['a', 'b', 'c']) expect(await store.streamVersion(`notice-${id}`)).toBe(1)
  })

  it('reports a throwing react, and a reaction it cannot run, as values', async () => {
    const store = createInMemoryEventStore()
    await append(store, 'Asked', { ids: ['a'] }, 'ev-1')
    const throwing = defineReaction({
      ...relay,
      name: 'throwing',
      react: () => {
        throw new Error('no ids')
      },
    })
    const threw = await createReactionRunner(store, throwing).catchUp()
    expect(E.isLeft(threw) && threw.left).toMatchObject({
      _tag: 'ProjectionThrew',
      name: 'throwing',
      position: 1,
    })
    const invalid = defineReaction({
      ...relay,
      name: 'bad name',
      on: [],
      actor: { id: 'x', roles: ['superuser'] } as never,
    })
    const refused = await createReactionRunner(store, invalid).catchUp()
    expect(E.isLeft(refused) && refused.left._tag).toBe('InvalidRunner')
    expect(E.isLeft(refused) && refused.left.message).toMatch(
      /letters, digits.*at least one event type.*acts as an Actor/,
    )
    expect(await store.streamVersion('notice-a')).toBe(0)
  })

  it('follows the live log', async () => {
    const store = createInMemoryEventStore()
    const runner = createReactionRunner(store, relay, { pollMs: 5 })
    const following = runner.follow()
    await append(store, 'Asked', { ids: ['live'] }, 'ev-1')
    expect(await runner.waitForPosition(1, { signal: AbortSignal.timeout(5000) })).toBe(true)
    expect(await store.streamVersion('notice-live')).toBe(1)
    await runner.stop()
    const stopped = await following
    expect(E.isRight(stopped) && stopped.right).toBeGreaterThanOrEqual(1)
  })

  it('derives plain ids, or a digest when the plain one would not be a short id', () => {
    expect(reactionCommandId('relay', 'ev-1', 2)).toBe('relay/ev-1/2')
    const long = reactionCommandId('r'.repeat(100), 'e'.repeat(200), 0)
    expect(Id.is(long)).toBe(true)
    expect(long).toMatch(/^r{100}\/[0-9a-f]{64}$/)
    const odd = reactionCommandId('relay', 'ev 1/\u0000', 0)
    expect(Id.is(odd)).toBe(true)
    expect(reactionCommandId('relay', 'ev 1/\u0000', 1)).not.toBe(odd)
    expect(reactionCommandId('relay', 'ev 1/\u0000', 0)).toBe(odd)
  })
})

/** Notices of enrollment events: one for each module completed, two for each grade. */
const noticesOf = defineReaction({
  name: 'enrollment-notices',
  on: ['ModuleCompleted', 'ArtifactGraded'],
  aggregate: notices,
  actor: bot,
  react: (event: RecordedEvent): NoticeCommand[] => {
    const id = `${event.streamId}-${event.version}`
    return event.type === 'ModuleCompleted'
      ? [{ type: 'Notify', data: { noticeId: id, text: 'module completed' } }]
      : [
          { type: 'Notify', data: { noticeId: `${id}-assessor`, text: 'graded' } },
          { type: 'Notify', data: { noticeId: `${id}-educator`, text: 'graded' } },
        ]
  },
})

describe.each(runnerStoreKinds)('reaction runner properties on $name', (kind) => {
  it.skipIf(kind.skip)(
    '(c) a reaction killed after sending and before saving its checkpoint, then re-run, sends no command twice',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          logArbitrary(1),
          fc.integer({ min: 1, max: 30 }),
          fc.integer({ min: 1, max: 10 }),
          fc.nat({ max: 80 }),
          fc.nat({ max: 6 }),
          async ({ histories, chunks }, batchSize, snapshotEvery, appendsBeforeKill, saves) => {
            const { store, cleanup } = await kind.open()
            try {
              await writeAppends(store, appendsOf(histories, chunks))
              const triggers = (await readEverything(store)).filter((e) =>
                noticesOf.on.includes(e.type),
              )
              const inner = createInMemoryCheckpoints()
              const options = { batchSize, snapshotEvery }
              // Killed: its appends or its checkpoint saves fail; it is abandoned, unstopped.
              await createReactionRunner(crashingAppends(store, appendsBeforeKill), noticesOf, {
                ...options,
                checkpoints: crashingSaves(inner, saves),
              }).catchUp()
              const rerun = createReactionRunner(store, noticesOf, {
                ...options,
                checkpoints: inner,
              })
              expect(E.isRight(await rerun.catchUp())).toBe(true)
              expect(rerun.refusals()).toEqual([])

              const sent = (await readEverything(store)).filter((e) => e.type === 'Noticed')
              const expected = triggers.flatMap((e) =>
                e.type === 'ModuleCompleted'
                  ? [`${noticesOf.name}/${e.metadata.eventId}/0`]
                  : [0, 1].map((i) => `${noticesOf.name}/${e.metadata.eventId}/${i}`),
              )
              expect(sent.map((e) => e.metadata.commandId).sort()).toEqual(expected.sort())
              expect(sent.every((e) => e.version === 1)).toBe(true)
            } finally {
              await cleanup()
            }
          },
        ),
        { numRuns: Math.ceil(kind.numRuns / 2) },
      )
    },
  )
})
