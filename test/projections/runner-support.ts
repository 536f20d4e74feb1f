/**
 * Shared by the runner, reaction and temporal tests: the stores they run on (in memory, and the
 * PostgreSQL server when DATABASE_URL is set), generated enrollment logs written to a store, a
 * projection with a codec, a small aggregate for reactions to send commands to, and stores that
 * "crash" after a number of reads or appends.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  createInMemoryEventStore,
  defineDecider,
  defineProjection,
  enrollmentEventDecoder,
  eventSchema,
  IsoDateTime,
  message,
  NonEmptyString,
  taggedUnion,
  type Aggregate,
  type CheckpointStore,
  type EnrollmentEvent,
  type EventStore,
  type RecordedEvent,
} from 'microcred'
import { historyArbitrary, type History } from 'microcred/testing'
import {
  clientOf,
  databaseUrl,
  serverSkipReason,
  storeIn,
  warnIfNoServer,
} from '../postgres/support.js'

warnIfNoServer()

// -------------------------------------------------------------------------------------
// stores
// -------------------------------------------------------------------------------------

/** A kind of store the properties run on. */
export interface RunnerStoreKind {
  readonly name: string
  readonly skip: boolean
  /** How many generated cases to run on it (fewer on the server: each opens a schema). */
  readonly numRuns: number
  readonly open: () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>
}

/** In memory, and the PostgreSQL server (skipped, saying why, without DATABASE_URL). */
export const runnerStoreKinds: ReadonlyArray<RunnerStoreKind> = [
  {
    name: 'in memory',
    skip: false,
    numRuns: 25,
    open: async () => ({ store: createInMemoryEventStore(), cleanup: async () => undefined }),
  },
  {
    name: `the PostgreSQL server${serverSkipReason}`,
    skip: databaseUrl === undefined,
    numRuns: 6,
    open: async () => storeIn(await clientOf('server'), 'projections'),
  },
]

/** Everything a store holds, in log order. */
export const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = []
  for await (const event of store.readAll()) all.push(event)
  return all
}

// -------------------------------------------------------------------------------------
// generated logs
// -------------------------------------------------------------------------------------

/**
 * One to three enrollment histories (ids `e1`, `e2`, `e3`), and how to cut their events into
 * appends: each history's events go in chunks of the given sizes, the streams taking turns.
 */
export const logArbitrary = (maxHistories = 3) =>
  fc.record({
    histories: fc
      .array(
        fc.constantFrom('2026-09-01T15:00:00Z', '2026-10-15T15:00:00Z', '2027-01-04T15:00:00Z'),
        {
          minLength: 1,
          maxLength: maxHistories,
        },
      )
      .chain((starts) =>
        fc.tuple(
          ...starts.map((start, i) =>
            historyArbitrary({
              enrollmentId: `e${i + 1}`,
              start,
              statuses: ['active', 'earned', 'withdrawn', 'revoked'],
            }),
          ),
        ),
      ),
    chunks: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
  })

/** The appends that write the histories: stream, events, in the order they are made. */
export const appendsOf = (
  histories: ReadonlyArray<History>,
  chunks: ReadonlyArray<number>,
): Array<{ streamId: string; events: ReadonlyArray<EnrollmentEvent> }> => {
  const cursors = histories.map(() => 0)
  const appends: Array<{ streamId: string; events: ReadonlyArray<EnrollmentEvent> }> = []
  for (let turn = 0; cursors.some((at, i) => at < (histories[i]?.events.length ?? 0)); turn++) {
    histories.forEach((history, i) => {
      const from = cursors[i] ?? 0
      if (from >= history.events.length) return
      const size = chunks[(turn + i) % chunks.length] ?? 1
      appends.push({
        streamId: `enrollment-e${i + 1}`,
        events: history.events.slice(from, from + size),
      })
      cursors[i] = from + size
    })
  }
  return appends
}

/** Writes appends to a store as `handleCommand` would (one command per append). */
export const writeAppends = async (
  store: EventStore,
  appends: ReadonlyArray<{ streamId: string; events: ReadonlyArray<EnrollmentEvent> }>,
): Promise<void> => {
  for (const { streamId, events } of appends) {
    const version = await store.streamVersion(streamId)
    const commandId = `${streamId}-command-${version + 1}`
    const written = await store.appendToStream(
      streamId,
      events.map((event, i) => ({
        type: event.type,
        data: event.data,
        metadata: {
          eventId: `${streamId}-event-${version + i + 1}`,
          commandId,
          actorId: 'admin-1',
          correlationId: commandId,
          causationId: commandId,
          schemaVersion: 1,
        },
      })),
      { expectedVersion: version === 0 ? 'noStream' : version },
    )
    if (E.isLeft(written)) throw new Error(written.left.message)
  }
}

// -------------------------------------------------------------------------------------
// a projection with a codec
// -------------------------------------------------------------------------------------

const Row = t.type({
  events: t.number,
  credited: t.number,
  status: t.string,
  lastPosition: t.number,
})
/** Per enrollment: events seen, hours credited, status, and the last position applied. */
export type Summary = Record<string, t.TypeOf<typeof Row>>

/** A projection of every enrollment's summary, saved in its checkpoint through its codec. */
export const summaryProjection = defineProjection({
  name: 'enrollment-summary',
  initialState: {} as Summary,
  decode: enrollmentEventDecoder,
  evolve: (draft, event, recorded) => {
    const id = event.data.enrollmentId
    const row = (draft[id] ??= { events: 0, credited: 0, status: 'active', lastPosition: 0 })
    row.events += 1
    row.lastPosition = recorded.position
    if (event.type === 'HoursRecorded') row.credited += event.data.creditedHours
    if (event.type === 'CredentialEarned') row.status = 'earned'
    if (event.type === 'EnrollmentWithdrawn') row.status = 'withdrawn'
    if (event.type === 'CredentialRevoked') row.status = 'revoked'
  },
  codec: t.record(t.string, Row),
})

// -------------------------------------------------------------------------------------
// crashing stores
// -------------------------------------------------------------------------------------

/** A store whose reads of the log throw once `events` events have been read through it. */
export const crashingReads = (store: EventStore, events: number): EventStore => {
  let read = 0
  return {
    ...store,
    readAll: async function* (options) {
      for await (const event of store.readAll(options)) {
        if (read >= events) throw new Error('killed')
        read++
        yield event
      }
    },
  }
}

/** A store whose appends reject once `appends` appends went through it. */
export const crashingAppends = (store: EventStore, appends: number): EventStore => {
  let made = 0
  return {
    ...store,
    appendToStream: async (streamId, events, options) => {
      if (made >= appends) throw new Error('killed')
      made++
      return store.appendToStream(streamId, events, options)
    },
  }
}

/** Checkpoints whose saves reject once `saves` saves went through. */
export const crashingSaves = (checkpoints: CheckpointStore, saves: number): CheckpointStore => {
  let made = 0
  return {
    ...checkpoints,
    save: async (name, checkpoint) => {
      if (made >= saves) throw new Error('killed')
      made++
      return checkpoints.save(name, checkpoint)
    },
  }
}

// -------------------------------------------------------------------------------------
// an aggregate for reactions to send commands to
// -------------------------------------------------------------------------------------

const NoticeCommand = taggedUnion('NoticeCommand', {
  Notify: message('Notify', t.type({ noticeId: NonEmptyString, text: t.string })),
  Refuse: message('Refuse', t.type({ noticeId: NonEmptyString })),
})
type NoticeCommand = t.TypeOf<typeof NoticeCommand>

const NoticeEvent = taggedUnion(
  'NoticeEvent',
  {
    Noticed: message(
      'Noticed',
      t.type({ noticeId: NonEmptyString, text: t.string, at: IsoDateTime }),
    ),
  },
  { frozen: true },
)
type NoticeEvent = t.TypeOf<typeof NoticeEvent>

interface NoticeRefused {
  readonly _tag: 'NoticeRefused'
  readonly message: string
}

/**
 * Notices: `Notify` always appends one `Noticed` to `notice-<noticeId>`; `Refuse` is always
 * refused (a rule of the aggregate), so a reaction's refusals can be seen.
 */
export const notices: Aggregate<NoticeCommand, NoticeEvent, { count: number }, NoticeRefused> = {
  ...defineDecider<NoticeCommand, NoticeEvent, { count: number }, NoticeRefused>({
    initialState: { count: 0 },
    decide: (command, _state, { at }) =>
      command.type === 'Notify'
        ? E.right([{ type: 'Noticed', data: { ...command.data, at } }])
        : E.left({ _tag: 'NoticeRefused', message: `notice '${command.data.noticeId}' refused` }),
    evolve: (draft) => {
      draft.count += 1
    },
  }),
  commands: NoticeCommand,
  events: eventSchema(NoticeEvent),
  streamIdOf: (command) => `notice-${command.data.noticeId}`,
}
export type { NoticeCommand }
