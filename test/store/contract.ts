/**
 * The event store contract: the tests every `EventStore` must pass, and the command handler's
 * reliability under concurrency. Each store's test file runs them with its own setup
 * (in-memory here, PGlite and the PostgreSQL server in test/postgres).
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  enrollment,
  handleCommand,
  modes,
  type CommandContext,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type EnrollmentCommand,
  type EnrollmentEventOf,
  type Mode,
  type RecordedEvent,
} from 'microcred'

/** What a store's test file provides: a store, and how to clean up after it. */
export type StoreSetup = () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>

let streamCounter = 0
/** A stream id no other test of the run uses, so tests can share one store. */
export const freshStream = (prefix = 'contract') =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${++streamCounter}`

const metadata = (n: number, overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  eventId: `event-${n}-${streamCounter}`,
  commandId: `command-${n}`,
  actorId: 'admin-1',
  correlationId: 'correlation-1',
  causationId: `command-${n}`,
  schemaVersion: 1,
  ...overrides,
})

/** A batch of `count` small, valid events. */
export const batch = (count: number, from = 1): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => ({
    type: 'Noted',
    data: { n: from + i, text: `note ${from + i}`, nested: { list: [1, 'two', null, true] } },
    metadata: metadata(from + i),
  }))

const collect = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = []
  for await (const event of events) all.push(event)
  return all
}

/** Every event of the store (tests sharing a store filter by their streams). */
export const readEverything = (store: EventStore) => collect(store.readAll())

const ofStreams = (events: RecordedEvent[], streams: ReadonlyArray<string>) =>
  events.filter((event) => streams.includes(event.streamId))

/** The store contract. */
export const eventStoreContract = (name: string, setup: StoreSetup) =>
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      ;({ store, cleanup } = await setup())
    })
    afterAll(async () => cleanup())

    it('a stream that does not exist is empty, at version 0', async () => {
      const stream = freshStream()
      expect(await store.readStream(stream)).toEqual([])
      expect(await store.streamVersion(stream)).toBe(0)
    })

    it('appends a batch as versions 1..n with increasing positions, and reads it back as written', async () => {
      const stream = freshStream()
      const events = batch(3)
      const result = await store.appendToStream(stream, events, { expectedVersion: 'noStream' })
      expect(E.isRight(result) && result.right.version).toBe(3)
      const read = await store.readStream(stream)
      expect(read.map((e) => e.version)).toEqual([1, 2, 3])
      expect(read.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }))).toEqual(
        events,
      )
      expect(read.every((e) => e.streamId === stream && typeof e.position === 'number')).toBe(true)
      expect(read.every((e) => !Number.isNaN(Date.parse(e.recordedAt)))).toBe(true)
      const positions = read.map((e) => e.position)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
      expect(new Set(positions).size).toBe(3)
      expect(E.isRight(result) && result.right.events).toEqual(read)
      expect(await store.streamVersion(stream)).toBe(3)
    })

    it('reads a stream from a version', async () => {
      const stream = freshStream()
      await store.appendToStream(stream, batch(5), { expectedVersion: 'noStream' })
      const read = await store.readStream(stream, { fromVersion: 3 })
      expect(read.map((e) => e.version)).toEqual([3, 4, 5])
    })

    it('refuses an append at the wrong version with a VersionConflict naming both versions, writing nothing', async () => {
      const stream = freshStream()
      await store.appendToStream(stream, batch(2), { expectedVersion: 'noStream' })
      for (const expectedVersion of [1, 3, 'noStream', 0] as ExpectedVersion[]) {
        const result = await store.appendToStream(stream, batch(1, 10), { expectedVersion })
        expect(E.isLeft(result) && result.left).toMatchObject({
          _tag: 'VersionConflict',
          streamId: stream,
          expectedVersion,
          actualVersion: 2,
        })
        expect(E.isLeft(result) && result.left.message).toContain(`'${stream}' is at version 2`)
      }
      expect(await store.streamVersion(stream)).toBe(2)
    })

    it("appends at the exact version and at 'any'", async () => {
      const stream = freshStream()
      expect(E.isRight(await store.appendToStream(stream, batch(1), { expectedVersion: 0 }))).toBe(
        true,
      )
      expect(
        E.isRight(await store.appendToStream(stream, batch(1, 2), { expectedVersion: 1 })),
      ).toBe(true)
      const any = await store.appendToStream(stream, batch(2, 3), { expectedVersion: 'any' })
      expect(E.isRight(any) && any.right.events.map((e) => e.version)).toEqual([3, 4])
    })

    it('of concurrent appends at the same expected version, exactly one wins', async () => {
      const stream = freshStream()
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.appendToStream(stream, batch(2, i * 2), { expectedVersion: 'noStream' }),
        ),
      )
      expect(results.filter(E.isRight)).toHaveLength(1)
      expect(results.filter(E.isLeft).map((r) => r.left._tag)).toEqual(
        Array(5).fill('VersionConflict'),
      )
      expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2])
    })

    it.each([
      ['NaN', { n: Number.NaN }, 'data.n'],
      ['Infinity', { list: [1, Number.POSITIVE_INFINITY] }, 'data.list.1'],
      ['undefined', { n: 1, gone: undefined }, 'data.gone'],
      ['a Date', { at: new Date(0) }, 'data.at'],
      ['a bigint', { big: 1n }, 'data.big'],
      ['U+0000 in a string', { text: 'a\u0000b' }, 'data.text'],
      ['a function', { f: () => 1 }, 'data.f'],
    ])(
      'refuses a batch with %s in an event, naming the event and path, writing nothing',
      async (_, data, path) => {
        const stream = freshStream()
        const events = [...batch(2), { type: 'Noted', data, metadata: metadata(3) }]
        const before = (await readEverything(store)).length
        const result = await store.appendToStream(stream, events, { expectedVersion: 'noStream' })
        expect(E.isLeft(result) && result.left).toMatchObject({
          _tag: 'InvalidEvent',
          index: 2,
          path,
        })
        expect(await store.streamVersion(stream)).toBe(0)
        expect((await readEverything(store)).length).toBe(before)
      },
    )

    it('refuses an event without complete metadata', async () => {
      const stream = freshStream()
      const partial: Partial<EventMetadata> = metadata(1)
      delete partial.commandId
      const result = await store.appendToStream(
        stream,
        [{ type: 'Noted', data: {}, metadata: partial } as unknown as EventToAppend],
        { expectedVersion: 'any' },
      )
      expect(E.isLeft(result) && result.left).toMatchObject({
        _tag: 'InvalidEvent',
        path: 'metadata.commandId',
      })
    })

    it('keeps what was stored when the caller later changes its objects', async () => {
      const stream = freshStream()
      const events = batch(1)
      await store.appendToStream(stream, events, { expectedVersion: 'noStream' })
      ;(events[0]?.data as { n: number }).n = 999
      expect(((await store.readStream(stream))[0]?.data as { n: number }).n).toBe(1)
    })

    it('readAll returns every stream in global order, after a position and up to a limit', async () => {
      const [a, b] = [freshStream(), freshStream()]
      await store.appendToStream(a, batch(2), { expectedVersion: 'noStream' })
      await store.appendToStream(b, batch(3), { expectedVersion: 'noStream' })
      await store.appendToStream(a, batch(1, 3), { expectedVersion: 2 })
      const all = await readEverything(store)
      const positions = all.map((e) => e.position)
      expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] as number))).toBe(true)
      expect(
        ofStreams(all, [a, b]).map((e) => `${e.streamId === a ? 'a' : 'b'}${e.version}`),
      ).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'a3'])
      const firstOfB = ofStreams(all, [b])[0] as RecordedEvent
      const page = await collect(store.readAll({ after: firstOfB.position, limit: 2 }))
      expect(page.map((e) => e.position)).toEqual(
        all
          .filter((e) => e.position > firstOfB.position)
          .slice(0, 2)
          .map((e) => e.position),
      )
    })

    it('agrees with a model over random appends to a few streams (property)', async () => {
      const operation = fc.record({
        stream: fc.integer({ min: 0, max: 2 }),
        count: fc.integer({ min: 0, max: 4 }),
        expected: fc.oneof(
          fc.constant<ExpectedVersion>('any'),
          fc.constant<ExpectedVersion>('noStream'),
          fc.integer({ min: 0, max: 8 }),
        ),
      })
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { maxLength: 12 }), async (operations) => {
          const streams = [freshStream('model'), freshStream('model'), freshStream('model')]
          const model: number[][] = [[], [], []]
          const order: string[] = []
          let n = 0
          for (const { stream, count, expected } of operations) {
            const events = batch(count, n + 1)
            n += count
            const current = model[stream] as number[]
            const ok =
              expected === 'any' ||
              (expected === 'noStream' ? current.length === 0 : expected === current.length)
            const result = await store.appendToStream(streams[stream] as string, events, {
              expectedVersion: expected,
            })
            expect(E.isRight(result)).toBe(ok)
            if (ok) {
              for (const e of events) {
                current.push((e.data as { n: number }).n)
                order.push(`${stream}:${(e.data as { n: number }).n}`)
              }
            } else {
              expect(E.isLeft(result) && result.left).toMatchObject({
                actualVersion: current.length,
              })
            }
          }
          for (const [i, stream] of streams.entries()) {
            const read = await store.readStream(stream)
            expect(read.map((e) => (e.data as { n: number }).n)).toEqual(model[i])
            expect(read.map((e) => e.version)).toEqual(model[i]?.map((_, v) => v + 1))
          }
          const all = ofStreams(await readEverything(store), streams)
          expect(
            all.map((e) => `${streams.indexOf(e.streamId)}:${(e.data as { n: number }).n}`),
          ).toEqual(order)
        }),
        { numRuns: 15 },
      )
    })
  })

// -------------------------------------------------------------------------------------
// the command handler under concurrency
// -------------------------------------------------------------------------------------

const admin = { id: 'admin-1', roles: ['administrator' as const] }
const actorFor: Record<Mode, CommandContext['actor']> = {
  faceToFace: { id: 'facilitator-1', roles: ['facilitator'] },
  online: { id: 'lms-1', roles: ['lms'] },
  homework: { id: 'educator-1', roles: ['educator'] },
}
const at = '2026-10-01T16:00:00Z'

const enroll = async (store: EventStore, enrollmentId: string) => {
  const result = await handleCommand(
    store,
    enrollment,
    {
      type: 'Enroll',
      data: {
        enrollmentId,
        educator: { id: 'educator-1', name: 'Ana Ruiz', email: 'ana@example.org' },
        cohortId: 'steam-2026',
        program: catalog.steam,
      },
    },
    { actor: admin, at, commandId: `enroll-${enrollmentId}` },
  )
  expect(E.isRight(result)).toBe(true)
}

/** The i-th of the 400 hours commands: a module, a mode and 0.25 to 3 hours, deterministic. */
const hoursCommand = (
  enrollmentId: string,
  i: number,
): { command: EnrollmentCommand; context: CommandContext } => {
  const modules = catalog.steam.courses.flatMap((course) => course.modules)
  const mode = modes[i % 3] as Mode
  return {
    command: {
      type: 'RecordHours',
      data: {
        enrollmentId,
        moduleId: (modules[(i * 7) % modules.length] as { id: string }).id,
        mode,
        hours: 0.25 * (1 + ((i * 5) % 12)),
      },
    },
    context: { actor: actorFor[mode], at, commandId: `${enrollmentId}-hours-${i}` },
  }
}

/** The command handler's reliability under concurrent writers. */
export const handlerReliability = (name: string, setup: StoreSetup) =>
  describe(`handleCommand under concurrency: ${name}`, () => {
    let store: EventStore
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      ;({ store, cleanup } = await setup())
    })
    afterAll(async () => cleanup())

    it('8 concurrent handlers x 400 RecordHours on one enrollment: each accepted once, no gaps, caps kept, same as a sequential replay', async () => {
      const enrollmentId = freshStream('hours')
      await enroll(store, enrollmentId)
      const commands = Array.from({ length: 400 }, (_, i) => hoursCommand(enrollmentId, i))
      const results = await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          const mine = commands.filter((_, i) => i % 8 === worker)
          const outcomes = []
          for (const { command, context } of mine) {
            outcomes.push(await handleCommand(store, enrollment, command, context))
          }
          return outcomes
        }),
      ).then((all) => all.flat())

      const refused = results.filter(E.isLeft).map((r) => r.left.message)
      expect(refused).toEqual([])
      const stored = await store.readStream(`enrollment-${enrollmentId}`)
      expect(stored.map((e) => e.version)).toEqual(stored.map((_, i) => i + 1))
      const hours = stored.filter((e) => e.type === 'HoursRecorded')
      expect(hours).toHaveLength(400)
      expect(new Set(hours.map((e) => e.metadata.commandId)).size).toBe(400)

      const events = stored.map((e) => ({ type: e.type, data: e.data }))
      const state = enrollment.fold(events as never)
      if (state.status !== 'active') throw new Error(`expected active, got ${state.status}`)
      for (const module of state.requirements.modules) {
        for (const mode of modes) {
          expect(state.credited[module.id]?.[mode] ?? 0).toBeLessThanOrEqual(module.hours[mode])
        }
      }

      // The same commands, one at a time, in the order the store accepted them.
      const sequential = freshStream('sequential')
      const replayStore = createInMemoryEventStore()
      await enroll(replayStore, sequential)
      for (const event of hours) {
        const i = Number(event.metadata.commandId.split('-hours-')[1])
        const { command, context } = hoursCommand(sequential, i)
        expect(E.isRight(await handleCommand(replayStore, enrollment, command, context))).toBe(true)
      }
      const replayed = await replayStore.readStream(`enrollment-${sequential}`)
      const creditedOf = (list: ReadonlyArray<RecordedEvent>) =>
        list
          .filter((e) => e.type === 'HoursRecorded')
          .map((e) => (e.data as EnrollmentEventOf<'HoursRecorded'>['data']).creditedHours)
      expect(creditedOf(stored)).toEqual(creditedOf(replayed))
      expect(replayed.map((e) => e.type)).toEqual(stored.map((e) => e.type))
    }, 120_000)

    it('a command sent 6 times at once with the same commandId is appended once', async () => {
      const enrollmentId = freshStream('retry')
      await enroll(store, enrollmentId)
      const { command, context } = hoursCommand(enrollmentId, 1)
      const results = await Promise.all(
        Array.from({ length: 6 }, () => handleCommand(store, enrollment, command, context)),
      )
      const handled = results.map((r) => {
        if (E.isLeft(r)) throw new Error(r.left.message)
        return r.right
      })
      expect(handled.filter((h) => !h.duplicate)).toHaveLength(1)
      const recorded = handled.map((h) => h.recorded.map((e) => e.metadata.eventId))
      expect(new Set(recorded.map((ids) => ids.join())).size).toBe(1)
      const stored = await store.readStream(`enrollment-${enrollmentId}`)
      expect(stored.filter((e) => e.metadata.commandId === context.commandId)).toHaveLength(1)
      const again = await handleCommand(store, enrollment, command, context)
      expect(E.isRight(again) && again.right.duplicate).toBe(true)
      expect(await store.streamVersion(`enrollment-${enrollmentId}`)).toBe(2)
    })
  })
