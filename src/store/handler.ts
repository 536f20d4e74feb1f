/**
 * The command handler: load a stream, fold it, decide, append with the loaded version as the
 * expected version, and on a conflict reload and try again. Idempotent by `commandId`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { CommandContext } from '../context.js'
import { invalidCommand, type DomainError } from '../errors.js'
import type { Aggregate } from './aggregate.js'
import {
  storeFailed,
  type CorruptEvent,
  type InvalidEvent,
  type StoreFailed,
  type VersionConflict,
} from './errors.js'
import type { EventStore } from './event-store.js'
import type { EventToAppend, RecordedEvent } from './recorded-event.js'
import { decodeRecordedEvent, schemaVersionOf } from './upcasting.js'

/** Options of `handleCommand`. */
export interface HandleCommandOptions {
  /** How many times to decide and append before giving up on conflicts (default 20). */
  readonly maxAttempts?: number
  /** The first retry waits up to this many ms, doubling each time up to 1 s (default 5). */
  readonly retryDelayMs?: number
  /** The correlation id stamped on the events (default: the command's id). */
  readonly correlationId?: string
  /** The id of what caused the command (default: the command's id). */
  readonly causationId?: string
}

/** What a handled command did. */
export interface HandledCommand<Ev, S> {
  readonly streamId: string
  /** The events the command produced (the first time, for a repeated `commandId`). */
  readonly events: ReadonlyArray<Ev>
  /** The same events as stored, with versions, positions and metadata. */
  readonly recorded: ReadonlyArray<RecordedEvent>
  /** The stream's state after everything it holds. */
  readonly state: S
  /** The stream's version after everything it holds. */
  readonly version: number
  /** True when the `commandId` had been handled before and nothing was appended. */
  readonly duplicate: boolean
}

/** Why a command was not handled: the domain refused it, or the store could not take it. */
export type HandleCommandError =
  DomainError | VersionConflict | InvalidEvent | CorruptEvent | StoreFailed

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Full jitter: a random wait up to an exponentially growing bound, so retries spread out. */
const backoff = (attempt: number, baseMs: number) =>
  Math.random() * Math.min(1000, baseMs * 2 ** (attempt - 1))

/** A stream as the handler has read it so far: stored events, decoded events, their state. */
interface Loaded<Ev, S> {
  readonly recorded: ReadonlyArray<RecordedEvent>
  readonly events: ReadonlyArray<Ev>
  readonly state: S
}

/**
 * Reads what the stream holds beyond `loaded` and folds it in, so a retry after a conflict reads
 * only the events that beat it. The first stored event that does not decode is returned.
 */
const catchUp = async <C, Ev, S>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S>,
  streamId: string,
  loaded: Loaded<Ev, S> | undefined,
): Promise<E.Either<CorruptEvent, Loaded<Ev, S>>> => {
  const fromVersion = (loaded?.recorded.length ?? 0) + 1
  const recorded = await store.readStream(streamId, { fromVersion })
  const decode = decodeRecordedEvent(aggregate.events)
  const events: Ev[] = []
  for (const stored of recorded) {
    const event = decode(stored)
    if (E.isLeft(event)) return event
    events.push(event.right)
  }
  if (loaded === undefined) return E.right({ recorded, events, state: aggregate.fold(events) })
  return E.right({
    recorded: [...loaded.recorded, ...recorded],
    events: [...loaded.events, ...events],
    state: events.length === 0 ? loaded.state : aggregate.fold(events, loaded.state),
  })
}

/**
 * Handles one command from outside: decodes it and its context, loads and folds its stream,
 * decides, and appends the events with the loaded version as the expected version. On a version
 * conflict it reads the events that beat it and decides again, up to `maxAttempts` times,
 * waiting a random, growing delay in between. A `commandId` the stream already holds returns the events it produced then
 * and appends nothing. Never rejects: a failing store is a `StoreFailed` value.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, createInMemoryEventStore, enrollment, handleCommand } from 'microcred'
 * const store = createInMemoryEventStore()
 * const result = await handleCommand(
 *   store,
 *   enrollment,
 *   {
 *     type: 'Enroll',
 *     data: {
 *       enrollmentId: 'e1',
 *       educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' },
 *       cohortId: 'steam-2026',
 *       program: catalog.steam,
 *     },
 *   },
 *   { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'cmd-1' },
 * )
 * E.isRight(result) && result.right.version // 1
 */
export const handleCommand = async <C, Ev, S>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S>,
  command: unknown,
  context: unknown,
  options: HandleCommandOptions = {},
): Promise<E.Either<HandleCommandError, HandledCommand<Ev, S>>> => {
  const decodedCommand = aggregate.commands.decode(command)
  if (E.isLeft(decodedCommand)) return E.left(invalidCommand('command', decodedCommand.left))
  const decodedContext = CommandContext.decode(context)
  if (E.isLeft(decodedContext)) return E.left(invalidCommand('context', decodedContext.left))
  const ctx = decodedContext.right
  const streamId = aggregate.streamIdOf(decodedCommand.right)
  const maxAttempts = Math.max(1, options.maxAttempts ?? 20)
  let conflict: VersionConflict | undefined

  let stream: Loaded<Ev, S> | undefined

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoff(attempt - 1, options.retryDelayMs ?? 5))
    try {
      const loaded = await catchUp(store, aggregate, streamId, stream)
      if (E.isLeft(loaded)) return loaded
      stream = loaded.right
      const { recorded, events, state } = stream

      const earlier = recorded.flatMap((r, i) =>
        r.metadata.commandId === ctx.commandId ? [i] : [],
      )
      if (earlier.length > 0) {
        return E.right({
          streamId,
          events: earlier.map((i) => events[i] as Ev),
          recorded: earlier.map((i) => recorded[i] as RecordedEvent),
          state,
          version: recorded.length,
          duplicate: true,
        })
      }

      const decided = aggregate.decide(decodedCommand.right, state, ctx)
      if (E.isLeft(decided)) return decided
      const toAppend: EventToAppend[] = decided.right.map((event) => {
        const { type, data } = aggregate.events.codec.encode(event) as {
          type: string
          data: unknown
        }
        return {
          type,
          data,
          metadata: {
            eventId: crypto.randomUUID(),
            commandId: ctx.commandId,
            actorId: ctx.actor.id,
            correlationId: options.correlationId ?? ctx.commandId,
            causationId: options.causationId ?? ctx.commandId,
            schemaVersion: schemaVersionOf(aggregate.events, type),
          },
        }
      })
      const appended = await store.appendToStream(streamId, toAppend, {
        expectedVersion: recorded.length === 0 ? 'noStream' : recorded.length,
      })
      if (E.isRight(appended)) {
        return E.right({
          streamId,
          events: decided.right,
          recorded: appended.right.events,
          state: decided.right.reduce(aggregate.evolve, state),
          version: appended.right.version,
          duplicate: false,
        })
      }
      if (appended.left._tag !== 'VersionConflict') return appended
      conflict = appended.left
    } catch (error) {
      return E.left(
        storeFailed(`handling command '${ctx.commandId}' on stream '${streamId}'`, error),
      )
    }
  }
  const last = conflict as VersionConflict
  return E.left({
    ...last,
    message: `gave up after ${maxAttempts} attempts, each beaten by another writer: ${last.message}`,
  })
}
