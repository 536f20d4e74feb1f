/**
 * The handler's state cache: a command on a cached stream reads only the events after the cached
 * version; the answers are the same with the cache and without it (other writers, store instances
 * sharing a log, repeated and reused commandIds, a stream that changed under the cache); the cache
 * is bounded and can be turned off; and a protected store's cached state never outlives an
 * erasure.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  configureStateCache,
  createInMemoryEventStore,
  createInMemoryPersonalDataKeys,
  enrollment,
  enrollmentStreamId,
  erasePersonalData,
  handleCommand,
  protectPersonalData,
  type CommandContext,
  type EnrollmentCommand,
  type EventStore,
  type HandleCommandOptions,
} from 'microcred'
import { gradeFirstEola, submitFirstEola } from '../processes/steam-fixtures.js'

const admin = { id: 'admin-1', roles: ['administrator' as const] }
const facilitator = { id: 'facilitator-1', roles: ['facilitator' as const] }
const context = (commandId: string, actor: CommandContext['actor'] = admin): CommandContext => ({
  actor,
  at: '2026-09-01T16:00:00Z',
  commandId,
})
const educator = (n = 1) => ({ id: `edu-${n}`, name: 'Ana Ruiz', email: 'ana@example.org' })
const enroll = (enrollmentId = 'e1', n = 1): EnrollmentCommand => ({
  type: 'Enroll',
  data: { enrollmentId, educator: educator(n), cohortId: 'steam-2026', program: catalog.steam },
})
const moduleId = catalog.steam.courses[0]?.modules[0]?.id ?? 'missing'
const hours = (enrollmentId = 'e1', h = 1): EnrollmentCommand => ({
  type: 'RecordHours',
  data: { enrollmentId, moduleId, mode: 'homework', hours: h },
})
const withdraw = (enrollmentId = 'e1'): EnrollmentCommand => ({
  type: 'Withdraw',
  data: { enrollmentId, reason: 'Moved schools' },
})

/** A store whose readStream calls are recorded: the stream and the version read from. */
const spied = (store: EventStore) => {
  const reads: Array<[string, number]> = []
  const wrapped: EventStore = {
    ...store,
    readStream: (streamId, options) => {
      reads.push([streamId, options?.fromVersion ?? 1])
      return store.readStream(streamId, options)
    },
  }
  return { store: wrapped, reads }
}

/** What an answer says, without what differs between runs (event ids, times). */
const answer = (result: Awaited<ReturnType<typeof handleCommand>>) =>
  E.isLeft(result)
    ? { left: result.left._tag, message: result.left.message }
    : {
        version: result.right.version,
        duplicate: result.right.duplicate,
        state: result.right.state,
        events: result.right.events,
        recorded: result.right.recorded.map((r) => [r.version, r.type, r.metadata.commandId]),
      }

describe('the state cache', () => {
  it("decides on a current cached state, and a new stream's first command, without reading the stream: the append checks it", async () => {
    const { store, reads } = spied(createInMemoryEventStore())
    const enrolled = await handleCommand(store, enrollment, enroll(), context('c-1'))
    expect(E.isRight(enrolled) && enrolled.right.version).toBe(1)
    for (let i = 2; i <= 10; i++) {
      const result = await handleCommand(store, enrollment, hours(), context(`c-${i}`, facilitator))
      expect(E.isRight(result) && result.right.version).toBe(i)
    }
    // The Enroll took the uncached stream to be new (its append at 'noStream' said it was); the
    // rest were decided on the cached state. Nothing read the stream.
    expect(reads.filter(([id]) => id === enrollmentStreamId('e1'))).toEqual([])
  })

  it('reads a stream it took to be new and found was not, and answers as a read would', async () => {
    const log = createInMemoryEventStore()
    const { store: a, reads } = spied({ ...log })
    const b: EventStore = { ...log }
    await handleCommand(b, enrollment, enroll(), context('c-1'))
    await handleCommand(b, enrollment, hours(), context('c-2', facilitator))
    // a has not seen e1: an Enroll decided as on a new stream conflicts at 'noStream', so a
    // reads the stream and refuses it; a repeat of b's commandId is answered as the repeat.
    const again = await handleCommand(a, enrollment, enroll(), context('c-9'))
    expect(E.isLeft(again) && again.left._tag).toBe('AlreadyEnrolled')
    expect(reads.filter(([id]) => id === enrollmentStreamId('e1'))).toEqual([
      [enrollmentStreamId('e1'), 1],
    ])
    const c: EventStore = { ...log }
    const repeat = await handleCommand(c, enrollment, enroll(), context('c-1'))
    expect(answer(repeat)).toMatchObject({ version: 2, duplicate: true })
    expect(answer(repeat)).toEqual(
      answer(
        await handleCommand({ ...log }, enrollment, enroll(), context('c-1'), { cache: false }),
      ),
    )
  })

  it('reads only the events after the cached version once another writer moved the stream on', async () => {
    const log = createInMemoryEventStore()
    const { store: a, reads } = spied({ ...log })
    const b: EventStore = { ...log }
    await handleCommand(a, enrollment, enroll(), context('c-1'))
    for (let i = 2; i <= 4; i++) {
      await handleCommand(b, enrollment, hours(), context(`c-${i}`, facilitator))
    }
    reads.length = 0
    // a's cached state (version 1) is behind: its append conflicts, it reads 2 to 4, decides again.
    const result = await handleCommand(a, enrollment, hours(), context('c-5', facilitator))
    expect(answer(result)).toMatchObject({ version: 5, duplicate: false })
    expect(reads).toEqual([[enrollmentStreamId('e1'), 2]])
  })

  it('never answers a refusal decided on a cached state that another writer has moved past', async () => {
    const log = createInMemoryEventStore()
    const a: EventStore = { ...log }
    const b: EventStore = { ...log }
    const educatorActor = { id: 'edu-1', roles: ['educator' as const] }
    const assessor = { id: 'assessor-1', roles: ['assessor' as const] }
    await handleCommand(a, enrollment, enroll(), context('c-1'))
    // a's cache holds version 1, with no submission to grade; b submits one.
    const submitted = await handleCommand(b, enrollment, submitFirstEola('e1'), {
      ...context('c-2', educatorActor),
      at: '2026-09-02T16:00:00Z',
    })
    expect(E.isRight(submitted)).toBe(true)
    const graded = await handleCommand(a, enrollment, gradeFirstEola('e1'), {
      ...context('c-3', assessor),
      at: '2026-09-03T16:00:00Z',
    })
    expect(answer(graded)).toMatchObject({ version: 3, duplicate: false })
    expect(E.isRight(graded) && graded.right.events[0]).toMatchObject({ type: 'ArtifactGraded' })
  })

  it('answers a repeat from a cached state with the stream as it is now', async () => {
    const log = createInMemoryEventStore()
    const a: EventStore = { ...log }
    const b: EventStore = { ...log }
    await handleCommand(a, enrollment, enroll(), context('c-1'))
    await handleCommand(a, enrollment, hours(), context('c-2', facilitator))
    await handleCommand(b, enrollment, hours(), context('c-3', facilitator))
    // a's cache (version 2) knows c-2; the stream is at 3.
    const repeat = await handleCommand(a, enrollment, hours(), context('c-2', facilitator))
    expect(answer(repeat)).toMatchObject({ version: 3, duplicate: true })
    expect(answer(repeat)).toEqual(
      answer(
        await handleCommand(a, enrollment, hours(), context('c-2', facilitator), { cache: false }),
      ),
    )
  })

  it('with cache: false, or configureStateCache(store, false), reads the whole stream', async () => {
    const { store, reads } = spied(createInMemoryEventStore())
    await handleCommand(store, enrollment, enroll(), context('c-1'))
    await handleCommand(store, enrollment, hours(), context('c-2', facilitator), { cache: false })
    configureStateCache(store, false)
    await handleCommand(store, enrollment, hours(), context('c-3', facilitator))
    const stream = enrollmentStreamId('e1')
    // The Enroll, on a new stream, read nothing; the other two read the whole stream.
    expect(reads.filter(([id]) => id === stream).map(([, from]) => from)).toEqual([1, 1])
  })

  it('catches up with what another store instance appended, and answers its commandIds', async () => {
    const log = createInMemoryEventStore()
    const a: EventStore = { ...log }
    const b: EventStore = { ...log }
    await handleCommand(a, enrollment, enroll(), context('c-1'))
    await handleCommand(b, enrollment, hours(), context('c-2', facilitator))
    await handleCommand(b, enrollment, hours(), context('c-3', facilitator))
    // a's cache is at version 1: it reads 2 and 3, and knows c-2 is a repeat.
    const repeat = await handleCommand(a, enrollment, hours(), context('c-2', facilitator))
    expect(E.isRight(repeat) && [repeat.right.duplicate, repeat.right.version]).toEqual([true, 3])
    expect(E.isRight(repeat) && repeat.right.recorded.map((r) => r.version)).toEqual([2])
    const reused = await handleCommand(a, enrollment, hours('e1', 2), context('c-3', facilitator))
    expect(E.isLeft(reused) && reused.left._tag).toBe('CommandIdReused')
    const next = await handleCommand(a, enrollment, withdraw(), context('c-4'))
    expect(E.isRight(next) && next.right.version).toBe(4)
  })

  it('reloads a stream that went back under the cache (a store reset by hand)', async () => {
    let inner = createInMemoryEventStore()
    const store: EventStore = {
      readStream: (...args) => inner.readStream(...args),
      appendToStream: (...args) => inner.appendToStream(...args),
      readAll: (...args) => inner.readAll(...args),
      streamVersion: (...args) => inner.streamVersion(...args),
    }
    await handleCommand(store, enrollment, enroll(), context('c-1'))
    await handleCommand(store, enrollment, hours(), context('c-2', facilitator))
    inner = createInMemoryEventStore()
    await handleCommand(inner, enrollment, enroll('e1', 2), context('c-9'))
    const result = await handleCommand(store, enrollment, withdraw(), context('c-3'))
    expect(E.isRight(result) && result.right.version).toBe(2)
    expect(E.isRight(result) && result.right.state).toEqual(
      E.isRight(result) &&
        (await handleCommand(inner, enrollment, withdraw(), context('c-3'), { cache: false }))
          ._tag === 'Right' &&
        result.right.state,
    )
  })

  it('is bounded: the least recently used stream goes first', async () => {
    const { store, reads } = spied(createInMemoryEventStore())
    configureStateCache(store, { maxStreams: 2 })
    for (const id of ['e1', 'e2', 'e3'])
      await handleCommand(store, enrollment, enroll(id), context(`enroll-${id}`))
    reads.length = 0
    for (const id of ['e3', 'e2', 'e1']) {
      await handleCommand(store, enrollment, hours(id), context(`hours-${id}`, facilitator))
    }
    // e3 and e2 were cached (at version 1, current: not read); e1 had been dropped (read whole).
    expect(reads.map(([id, from]) => [id, from])).toEqual([[enrollmentStreamId('e1'), 1]])
  })

  it('gives the same answers with and without the cache: two instances, concurrent writers, repeated and reused commandIds (property)', async () => {
    type Step = readonly [
      writer: 0 | 1,
      kind: 'enroll' | 'hours' | 'withdraw',
      id: number,
      h: number,
    ]
    const step = fc.tuple(
      fc.constantFrom<0 | 1>(0, 1),
      fc.constantFrom<'enroll' | 'hours' | 'withdraw'>(
        'enroll',
        'hours',
        'hours',
        'hours',
        'withdraw',
      ),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 2 }),
    )
    const commandOf = ([, kind, , h]: Step): EnrollmentCommand =>
      kind === 'enroll' ? enroll('e1') : kind === 'hours' ? hours('e1', h) : withdraw('e1')
    const actorOf = ([, kind]: Step) => (kind === 'hours' ? facilitator : admin)
    /** Pairs at once, one on each instance: they conflict and retry. */
    const runConcurrently = async (steps: ReadonlyArray<Step>) => {
      const log = createInMemoryEventStore()
      const writers: [EventStore, EventStore] = [{ ...log }, { ...log }]
      for (let i = 0; i < steps.length; i += 2) {
        await Promise.all(
          steps.slice(i, i + 2).map((s) =>
            handleCommand(
              writers[s[0]],
              enrollment,
              commandOf(s),
              context(`c-${s[2]}`, actorOf(s)),
              {
                retryDelayMs: 0,
              },
            ),
          ),
        )
      }
      const stored = await log.readStream(enrollmentStreamId('e1'))
      // Each commandId's events were appended by one command: contiguous, once.
      const runs = stored.map((e) => e.metadata.commandId).filter((id, i, all) => id !== all[i - 1])
      expect(new Set(runs).size).toBe(runs.length)
      // What the caches hold is what a fresh read says.
      for (const writer of writers) {
        const s: Step = [0, 'withdraw', 99, 1]
        await handleCommand(writer, enrollment, commandOf(s), context('probe'))
        const cached = await handleCommand(writer, enrollment, commandOf(s), context('probe'))
        const fresh = await handleCommand(writer, enrollment, commandOf(s), context('probe'), {
          cache: false,
        })
        expect(answer(fresh)).toEqual(answer(cached))
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 24 }), async (steps) => {
        expect(await runSequential(steps, {})).toEqual(await runSequential(steps, { cache: false }))
        await runConcurrently(steps)
      }),
      { numRuns: 60 },
    )

    async function runSequential(steps: ReadonlyArray<Step>, options: HandleCommandOptions) {
      const log = createInMemoryEventStore()
      const writers: [EventStore, EventStore] = [{ ...log }, { ...log }]
      const answers = []
      for (const s of steps) {
        answers.push(
          answer(
            await handleCommand(
              writers[s[0]],
              enrollment,
              commandOf(s),
              context(`c-${s[2]}`, actorOf(s)),
              options,
            ),
          ),
        )
      }
      return answers
    }
  })

  it('on a protected store, a cached state never outlives an erasure', async () => {
    const raw = createInMemoryEventStore()
    const keys = createInMemoryPersonalDataKeys()
    const store = protectPersonalData(raw, keys)
    await handleCommand(store, enrollment, enroll(), context('c-1'))
    const before = await handleCommand(store, enrollment, hours(), context('c-2', facilitator))
    expect(JSON.stringify(E.isRight(before) && before.right.state)).toContain('ana@example.org')
    expect(await erasePersonalData(keys, 'edu-1')).toEqual(E.right({ educatorId: 'edu-1' }))
    const after = await handleCommand(store, enrollment, hours(), context('c-3', facilitator))
    expect(E.isRight(after) && after.right.version).toBe(3)
    expect(JSON.stringify(E.isRight(after) && after.right.state)).not.toContain('ana@example.org')
    const again = (options: HandleCommandOptions) =>
      handleCommand(store, enrollment, hours(), context('c-3', facilitator), options)
    expect(answer(await again({}))).toEqual(answer(await again({ cache: false })))
  })
})

describe('concurrent writers with the cache', () => {
  it('8 handlers on one stream, through two store instances: each command appended once, the same state as a replay', async () => {
    const log = createInMemoryEventStore()
    const instances = [{ ...log }, { ...log }]
    await handleCommand(instances[0]!, enrollment, enroll(), context('c-0'))
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        (async () => {
          const out = []
          for (let i = 0; i < 10; i++) {
            // Every command is sent twice, by different instances: the second is a repeat.
            for (const instance of [instances[w % 2]!, instances[(w + 1) % 2]!]) {
              out.push(
                await handleCommand(
                  instance,
                  enrollment,
                  hours('e1', 1),
                  context(`w${w}-${i}`, facilitator),
                  {
                    retryDelayMs: 1,
                    maxAttempts: 100,
                  },
                ),
              )
            }
          }
          return out
        })(),
      ),
    )
    const stored = await log.readStream(enrollmentStreamId('e1'))
    const ids = stored.map((e) => e.metadata.commandId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const [w, out] of results.entries()) {
      for (let i = 0; i < out.length; i += 2) {
        const [first, second] = [out[i]!, out[i + 1]!]
        if (E.isLeft(first)) {
          expect(E.isLeft(second) && second.left._tag).toBe(first.left._tag)
          continue
        }
        expect(first.right.duplicate).toBe(false)
        expect(E.isRight(second) && second.right.duplicate).toBe(true)
        expect(E.isRight(second) && second.right.recorded.map((r) => r.metadata.eventId)).toEqual(
          first.right.recorded.map((r) => r.metadata.eventId),
        )
        expect(ids).toContain(`w${w}-${i / 2}`)
      }
    }
    await handleCommand(instances[1]!, enrollment, withdraw(), context('c-last'))
    const last = await handleCommand(instances[0]!, enrollment, withdraw(), context('c-last'))
    const fresh = await handleCommand(instances[1]!, enrollment, withdraw(), context('c-last'), {
      cache: false,
    })
    expect(answer(last)).toEqual(answer(fresh))
  })
})
