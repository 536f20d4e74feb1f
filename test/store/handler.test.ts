/**
 * handleCommand: every way a command can fail comes back as a value naming why, and nothing is
 * written; store failures never reject.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  enrollment,
  handleCommand,
  type EventStore,
} from 'microcred'

const admin = { id: 'admin-1', roles: ['administrator'] }
const context = (commandId: string) => ({ actor: admin, at: '2026-09-01T16:00:00Z', commandId })
const enroll = (enrollmentId = 'e1') => ({
  type: 'Enroll',
  data: {
    enrollmentId,
    educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' },
    cohortId: 'steam-2026',
    program: catalog.steam,
  },
})
const hours = {
  type: 'RecordHours',
  data: { enrollmentId: 'e1', moduleId: 'x', mode: 'online', hours: 1 },
}

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

  it('refuses a command that does not decode, naming the path', async () => {
    const store = createInMemoryEventStore()
    const error = left(
      await handleCommand(store, enrollment, { type: 'RecordHours', data: {} }, context('c')),
    )
    expect(error._tag).toBe('InvalidCommand')
    expect(error.message).toContain('data.enrollmentId')
  })

  it('refuses a context that does not decode', async () => {
    const store = createInMemoryEventStore()
    const error = left(await handleCommand(store, enrollment, enroll(), { actor: admin }))
    expect(error).toMatchObject({ _tag: 'InvalidCommand' })
    expect(error.message).toContain('invalid context')
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
