/**
 * handleCommand and handleUnknownCommand: every way a command can fail comes back as a value
 * naming why, and nothing is written; store failures never reject; the command is decoded once;
 * a caller's expected version is kept. aggregateStream reads a stream back, now or as of a date.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it, vi } from 'vitest'
import {
  aggregateStream,
  catalog,
  createInMemoryEventStore,
  EnrollmentCommand,
  enrollment,
  enrollmentStreamId,
  handleCommand,
  handleUnknownCommand,
  type CommandContext,
  type EnrollmentCommand as Command,
  type EventStore,
} from 'microcred'

const admin = { id: 'admin-1', roles: ['administrator' as const] }
const context = (commandId: string, at = '2026-09-01T16:00:00Z'): CommandContext => ({
  actor: admin,
  at,
  commandId,
})
const enroll = (enrollmentId = 'e1'): Command => ({
  type: 'Enroll',
  data: {
    enrollmentId,
    educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' },
    cohortId: 'steam-2026',
    program: catalog.steam,
  },
})
const hours: Command = {
  type: 'RecordHours',
  data: { enrollmentId: 'e1', moduleId: 'steam-fa-1', mode: 'online', hours: 1 },
}
const withdraw = (reason = 'Moved schools'): Command => ({
  type: 'Withdraw',
  data: { enrollmentId: 'e1', reason },
})

const left = <A>(result: E.Either<{ _tag: string; message: string }, A>) => {
  if (E.isRight(result)) throw new Error('expected a Left')
  return result.left
}

describe('handleCommand', () => {
  it('appends the decided events with metadata and returns the new state', async () => {
    const store = createInMemoryEventStore({ now: () => '2026-09-01T16:00:01.000Z' })
    const result = await handleCommand(store, enrollment, enroll(), context('cmd-1'), {
      correlationId: 'import-7',
    })
    if (E.isLeft(result)) throw new Error(result.left.message)
    expect(result.right).toMatchObject({ streamId: 'enrollment-e1', version: 1, duplicate: false })
    expect(result.right.state.status).toBe('active')
    expect(result.right.recorded[0]?.metadata).toMatchObject({
      commandId: 'cmd-1',
      actorId: 'admin-1',
      correlationId: 'import-7',
      causationId: 'cmd-1',
      schemaVersion: 1,
    })
    expect(result.right.recorded[0]?.recordedAt).toBe('2026-09-01T16:00:01.000Z')
  })

  it('checks typed commands at run time too: what a type cannot say is refused before the store is read', async () => {
    const store = createInMemoryEventStore()
    const readStream = vi.spyOn(store, 'readStream')
    const negative: Command = { ...hours, data: { ...hours.data, hours: -2 } }
    const error = left(await handleCommand(store, enrollment, negative, context('c')))
    expect(error._tag).toBe('InvalidCommand')
    expect(error.message).toContain('at data.hours')
    expect(readStream).not.toHaveBeenCalled()
  })

  it('decodes the command once: decide finds it already decoded', async () => {
    const store = createInMemoryEventStore()
    await handleCommand(store, enrollment, enroll(), context('cmd-1'))
    const guard = vi.spyOn(EnrollmentCommand.members.Withdraw, 'is')
    const handled = await handleCommand(store, enrollment, withdraw(), context('cmd-2'))
    expect(E.isRight(handled)).toBe(true)
    expect(guard).toHaveBeenCalledTimes(1)
    guard.mockRestore()
  })

  it('returns the domain refusal and writes nothing', async () => {
    const store = createInMemoryEventStore()
    const error = left(await handleCommand(store, enrollment, hours, context('c')))
    expect(error._tag).toBe('NotEnrolled')
    expect(await store.streamVersion('enrollment-e1')).toBe(0)
  })

  it('reports a stored event that does not decode as a CorruptEvent', async () => {
    const store = createInMemoryEventStore()
    await handleCommand(store, enrollment, enroll(), context('cmd-1'))
    const [first] = await store.readStream('enrollment-e1')
    if (first === undefined) throw new Error('no event')
    await store.appendToStream(
      'enrollment-e1',
      [{ type: 'HoursLogged', data: {}, metadata: { ...first.metadata, eventId: 'x' } }],
      { expectedVersion: 1 },
    )
    const error = left(await handleCommand(store, enrollment, hours, context('c')))
    expect(error).toMatchObject({ _tag: 'CorruptEvent', streamId: 'enrollment-e1', version: 2 })
  })

  it('turns a failing store into StoreFailed, never a rejection', async () => {
    const broken: EventStore = {
      ...createInMemoryEventStore(),
      readStream: () => Promise.reject(new Error('connection terminated unexpectedly')),
    }
    const error = left(await handleCommand(broken, enrollment, enroll(), context('cmd-1')))
    expect(error).toEqual({
      _tag: 'StoreFailed',
      message:
        "the store failed while handling command 'cmd-1' on stream 'enrollment-e1': connection terminated unexpectedly",
    })
  })

  it('retries a conflict, and gives up after maxAttempts with a VersionConflict saying so', async () => {
    const inner = createInMemoryEventStore()
    let conflicts = 2
    const flaky: EventStore = {
      ...inner,
      appendToStream: async (streamId, events, options) => {
        if (conflicts-- > 0) {
          return E.left({
            _tag: 'VersionConflict',
            message: 'busy',
            streamId,
            expectedVersion: options.expectedVersion,
            actualVersion: 9,
          })
        }
        return inner.appendToStream(streamId, events, options)
      },
    }
    const result = await handleCommand(flaky, enrollment, enroll(), context('cmd-1'), {
      retryDelayMs: 1,
    })
    expect(E.isRight(result) && result.right.version).toBe(1)
    const exhausted = createInMemoryEventStore()
    const never: EventStore = {
      ...exhausted,
      appendToStream: async (streamId, _events, options) =>
        E.left({
          _tag: 'VersionConflict',
          message: 'busy',
          streamId,
          expectedVersion: options.expectedVersion,
          actualVersion: 9,
        }),
    }
    const error = left(
      await handleCommand(never, enrollment, enroll(), context('cmd-2'), {
        maxAttempts: 3,
        retryDelayMs: 1,
      }),
    )
    expect(error._tag).toBe('VersionConflict')
    expect(error.message).toBe('gave up after 3 attempts, each beaten by another writer: busy')
  })
})

describe('handleCommand with the caller’s expected version', () => {
  it('acts when the stream is still at that version', async () => {
    const store = createInMemoryEventStore()
    const first = await handleCommand(store, enrollment, enroll(), context('cmd-1'), {
      expectedVersion: 'noStream',
    })
    expect(E.isRight(first) && first.right.version).toBe(1)
    const second = await handleCommand(store, enrollment, withdraw(), context('cmd-2'), {
      expectedVersion: 1,
    })
    expect(E.isRight(second) && second.right.state.status).toBe('withdrawn')
  })

  it('refuses, without deciding or retrying, once the stream has moved on', async () => {
    const store = createInMemoryEventStore()
    await handleCommand(store, enrollment, enroll(), context('cmd-1'))
    const append = vi.spyOn(store, 'appendToStream')
    const error = left(
      await handleCommand(store, enrollment, withdraw(), context('cmd-2'), { expectedVersion: 0 }),
    )
    expect(error).toMatchObject({
      _tag: 'VersionConflict',
      streamId: 'enrollment-e1',
      expectedVersion: 0,
      actualVersion: 1,
    })
    expect(error.message).toContain('read it again')
    expect(append).not.toHaveBeenCalled()
    expect(await store.streamVersion('enrollment-e1')).toBe(1)
  })

  it('does not retry when another writer wins between the read and the append', async () => {
    const inner = createInMemoryEventStore()
    await handleCommand(inner, enrollment, enroll(), context('cmd-1'))
    let appends = 0
    const racing: EventStore = {
      ...inner,
      appendToStream: async (streamId, events, options) => {
        appends++
        await handleCommand(inner, enrollment, hours, context('cmd-other'))
        return inner.appendToStream(streamId, events, options)
      },
    }
    const error = left(
      await handleCommand(racing, enrollment, withdraw(), context('cmd-2'), { expectedVersion: 1 }),
    )
    expect(error._tag).toBe('VersionConflict')
    expect(appends).toBe(1)
  })

  it('answers a repeated commandId as a duplicate even though the stream has moved on', async () => {
    const store = createInMemoryEventStore()
    await handleCommand(store, enrollment, enroll(), context('cmd-1'))
    await handleCommand(store, enrollment, withdraw(), context('cmd-2'), { expectedVersion: 1 })
    const again = await handleCommand(store, enrollment, withdraw(), context('cmd-2'), {
      expectedVersion: 1,
    })
    expect(E.isRight(again) && again.right.duplicate).toBe(true)
  })
})

describe('handleUnknownCommand', () => {
  it('refuses a command that does not decode, naming the path, and reads nothing', async () => {
    const store = createInMemoryEventStore()
    const readStream = vi.spyOn(store, 'readStream')
    const error = left(
      await handleUnknownCommand(
        store,
        enrollment,
        { type: 'RecordHours', data: {} },
        context('c'),
      ),
    )
    expect(error._tag).toBe('InvalidCommand')
    expect(error.message).toContain('data.enrollmentId')
    expect(readStream).not.toHaveBeenCalled()
  })

  it('refuses a context that does not decode', async () => {
    const store = createInMemoryEventStore()
    const error = left(await handleUnknownCommand(store, enrollment, enroll(), { actor: admin }))
    expect(error).toMatchObject({ _tag: 'InvalidCommand' })
    expect(error.message).toContain('invalid command context: at at:')
  })

  it('handles a valid command from JSON like handleCommand does', async () => {
    const store = createInMemoryEventStore()
    const body: unknown = JSON.parse(JSON.stringify(enroll()))
    const result = await handleUnknownCommand(store, enrollment, body, context('cmd-1'))
    expect(E.isRight(result) && result.right.state.status).toBe('active')
  })
})

describe('aggregateStream', () => {
  const stream = enrollmentStreamId('e1')
  const history = async () => {
    const store = createInMemoryEventStore({ now: () => '2027-06-30T00:00:00.000Z' })
    await handleCommand(store, enrollment, enroll(), context('cmd-1', '2026-09-01T16:00:00Z'))
    await handleCommand(store, enrollment, withdraw(), context('cmd-2', '2026-11-02T16:00:00Z'))
    return store
  }

  it('folds the whole stream: the state and the version to act on', async () => {
    const read = await aggregateStream(await history(), enrollment, stream)
    expect(E.isRight(read) && read.right).toMatchObject({ streamId: stream, version: 2 })
    expect(E.isRight(read) && read.right.state.status).toBe('withdrawn')
  })

  it('as of a date folds the events that happened by then (the time in the event)', async () => {
    const store = await history()
    const at = async (asOf: string) => {
      const read = await aggregateStream(store, enrollment, stream, { asOf })
      if (E.isLeft(read)) throw new Error(read.left.message)
      return [read.right.state.status, read.right.version]
    }
    expect(await at('2026-08-31T23:59:59Z')).toEqual(['notEnrolled', 0])
    expect(await at('2026-09-01T16:00:00Z')).toEqual(['active', 1])
    expect(await at('2026-11-02T15:59:59Z')).toEqual(['active', 1])
    expect(await at('2026-11-02T09:00:00-07:00')).toEqual(['withdrawn', 2])
  })

  it('to a version folds the first events only', async () => {
    const read = await aggregateStream(await history(), enrollment, stream, { toVersion: 1 })
    expect(E.isRight(read) && [read.right.state.status, read.right.version]).toEqual(['active', 1])
  })

  it('reads an empty stream as the initial state at version 0', async () => {
    const read = await aggregateStream(createInMemoryEventStore(), enrollment, stream)
    expect(read).toEqual(E.right({ streamId: stream, state: enrollment.initialState, version: 0 }))
  })

  it('refuses a malformed asOf, and turns a failing store into StoreFailed', async () => {
    const bad = left(
      await aggregateStream(await history(), enrollment, stream, { asOf: '2026-13-01' }),
    )
    expect(bad).toMatchObject({ _tag: 'InvalidCommand' })
    expect(bad.message).toContain('at asOf')
    const broken: EventStore = {
      ...createInMemoryEventStore(),
      readStream: () => Promise.reject(new Error('connection lost')),
    }
    expect(left(await aggregateStream(broken, enrollment, stream))).toEqual({
      _tag: 'StoreFailed',
      message: "the store failed while reading stream 'enrollment-e1': connection lost",
    })
  })
})
