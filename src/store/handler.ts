/**
 * The command handler: decode a command and its context once, load and fold its stream, decide,
 * check what the aggregate requires of other streams, and append with the loaded version as the
 * expected version; on a conflict, reload and try again. Idempotent by `commandId`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Aggregate } from '../aggregate.js'
import { CommandContext } from '../context.js'
import type { TaggedError } from '../decider.js'
import { invalidCommand, type InvalidCommand } from '../errors.js'
import { schemaVersionOf } from '../event-schema.js'
import { readDecodedStream } from './aggregate-stream.js'
import { commandDigest } from './command-digest.js'
import { checkInStore } from './stream-check.js'
import {
  commandIdReused,
  storeFailed,
  versionConflict,
  type CommandIdReused,
  type CorruptEvent,
  type InvalidEvent,
  type StoreFailed,
  type VersionConflict,
} from './errors.js'
import type { EventStore } from './event-store.js'
import type { EventToAppend, RecordedEvent } from './recorded-event.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Options of `handleCommand`. */
export interface HandleCommandOptions {
  /**
   * The version of the stream the caller decided on (`0` or `'noStream'`: no stream yet), such
   * as the version a form was read at. If the stream has moved on, the command is refused with a
   * `VersionConflict` and not retried: the caller reads the stream again and asks its user.
   * Without it, the handler decides against the latest state and retries on conflicts.
   */
  readonly expectedVersion?: number | 'noStream'
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

/**
 * Why a command was not handled: it did not decode, the aggregate refused it (its own error
 * type, `DomainError` for the enrollment), or the store could not take it.
 */
export type HandleCommandError<Err> =
  | Err
  | InvalidCommand
  | CommandIdReused
  | VersionConflict
  | InvalidEvent
  | CorruptEvent
  | StoreFailed

/** What `handleCommand` resolves to. */
export type HandleCommandResult<Ev, S, Err> = E.Either<
  HandleCommandError<Err>,
  HandledCommand<Ev, S>
>

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

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
const catchUp = async <C, Ev, S, Err extends TaggedError>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err, TaggedError>,
  streamId: string,
  loaded: Loaded<Ev, S> | undefined,
): Promise<E.Either<CorruptEvent, Loaded<Ev, S>>> => {
  const read = await readDecodedStream(store, aggregate.events, streamId, {
    fromVersion: (loaded?.recorded.length ?? 0) + 1,
  })
  if (E.isLeft(read)) return read
  const { recorded, events } = read.right
  if (loaded === undefined) return E.right({ recorded, events, state: aggregate.fold(events) })
  return E.right({
    recorded: [...loaded.recorded, ...recorded],
    events: [...loaded.events, ...events],
    state: events.length === 0 ? loaded.state : aggregate.fold(events, loaded.state),
  })
}

/**
 * The answer to a `commandId` the stream already holds: what it produced then, if this is the
 * same command from the same actor (its digest matches the stored one), `CommandIdReused` if it
 * is not, or `undefined` if the stream does not hold the id. Events stored before digests were
 * recorded carry none, and a command with their id counts as a repeat.
 */
const duplicateOf = <Ev, S>(
  streamId: string,
  { recorded, events, state }: Loaded<Ev, S>,
  commandId: string,
  digest: string,
): E.Either<CommandIdReused, HandledCommand<Ev, S>> | undefined => {
  const earlier = recorded.flatMap((r, i) => (r.metadata.commandId === commandId ? [i] : []))
  if (earlier.length === 0) return undefined
  const stored = (recorded[earlier[0] as number] as RecordedEvent).metadata.commandDigest
  if (stored !== undefined && stored !== digest) return E.left(commandIdReused(streamId, commandId))
  return E.right({
    streamId,
    events: earlier.map((i) => events[i] as Ev),
    recorded: earlier.map((i) => recorded[i] as RecordedEvent),
    state,
    version: recorded.length,
    duplicate: true,
  })
}

const stale = (conflict: VersionConflict): VersionConflict => ({
  ...conflict,
  message: `${conflict.message}: the stream changed after the caller read it; read it again and decide anew`,
})

// -------------------------------------------------------------------------------------
// handlers
// -------------------------------------------------------------------------------------

/**
 * Handles a command from a source the type system cannot vouch for (a request body, a queue
 * message, a file): the boundary for untrusted input. It decodes the command with
 * `aggregate.commands` and the context with `CommandContext`, once, before the store is touched:
 * input that does not decode is an `InvalidCommand` naming each path, and nothing is read or
 * written. Then it does what `handleCommand` does.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createInMemoryEventStore, enrollment, handleUnknownCommand } from 'microcred'
 * const body: unknown = JSON.parse('{"type":"RecordHours","data":{"enrollmentId":"e1","hours":-2}}')
 * const result = await handleUnknownCommand(createInMemoryEventStore(), enrollment, body, {
 *   actor: { id: 'lms-1', roles: ['lms'] },
 *   at: '2026-09-01T16:00:00Z',
 *   commandId: 'lms-42',
 * })
 * assert.ok(E.isLeft(result))
 * assert.equal(result.left._tag, 'InvalidCommand')
 * assert.match(result.left.message, /at data\.moduleId/)
 */
export const handleUnknownCommand = async <
  C,
  Ev,
  S,
  Err extends TaggedError,
  CheckErr extends TaggedError = never,
>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err, CheckErr>,
  command: unknown,
  context: unknown,
  options: HandleCommandOptions = {},
): Promise<HandleCommandResult<Ev, S, Err | CheckErr>> => {
  const decodedCommand = aggregate.commands.decode(command)
  if (E.isLeft(decodedCommand)) return E.left(invalidCommand('command', decodedCommand.left))
  const decodedContext = CommandContext.decode(context)
  if (E.isLeft(decodedContext)) {
    return E.left(invalidCommand('command context', decodedContext.left))
  }
  const decided = decodedCommand.right
  const ctx = decodedContext.right
  const streamId = aggregate.streamIdOf(decided)
  const digest = commandDigest(aggregate.commands.encode(decided), ctx.actor.id)
  const expected = options.expectedVersion === 'noStream' ? 0 : options.expectedVersion
  const maxAttempts = expected === undefined ? Math.max(1, options.maxAttempts ?? 20) : 1
  let conflict: VersionConflict | undefined
  let stream: Loaded<Ev, S> | undefined

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoff(attempt - 1, options.retryDelayMs ?? 5))
    try {
      const loaded = await catchUp(store, aggregate, streamId, stream)
      if (E.isLeft(loaded)) return loaded
      stream = loaded.right
      const { recorded, state } = stream

      const duplicate = duplicateOf(streamId, stream, ctx.commandId, digest)
      if (duplicate !== undefined) {
        // A repeat shows the stream's state: only to an actor who could have sent the command.
        const allowed = aggregate.authorize?.(decided, state, ctx) ?? E.right(undefined)
        return E.isLeft(allowed) ? allowed : duplicate
      }
      if (expected !== undefined && expected !== recorded.length) {
        return E.left(stale(versionConflict(streamId, expected, recorded.length)))
      }

      const events = aggregate.decide(decided, state, ctx)
      if (E.isLeft(events)) return events
      const across = aggregate.checkAcrossStreams?.(decided, state, ctx)
      if (across !== undefined) {
        const met = await checkInStore(store, across)
        if (E.isLeft(met)) return met
      }
      const toAppend: EventToAppend[] = events.right.map((event) => {
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
            commandDigest: digest,
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
          events: events.right,
          recorded: appended.right.events,
          state: aggregate.fold(events.right, state),
          version: appended.right.version,
          duplicate: false,
        })
      }
      if (appended.left._tag !== 'VersionConflict') return appended
      if (expected !== undefined) return E.left(stale(appended.left))
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

/**
 * Handles one command of the aggregate's command type: decodes it and its context once (a type
 * cannot say that hours are positive or that an id is not blank, so the values are checked at
 * run time too), loads and folds its stream, decides, runs the aggregate's checks against other
 * streams (`checkAcrossStreams`: for the enrollment, a published version for `Enroll` and an
 * assigned assessor for a grade), and appends the events with the loaded version as the expected
 * version. On a version conflict it reads the events that beat it and
 * decides again, up to `maxAttempts` times, waiting a random, growing delay in between; with
 * `expectedVersion` it never retries. Never rejects: a failing store is a `StoreFailed` value.
 *
 * Idempotency is per stream: a `commandId` the stream already holds, sent again with the same
 * command by the same actor, returns the events it produced then and appends nothing (after
 * checking that the actor may send it, so a repeat never shows the stream to anyone else); the
 * same id with other content or from another actor is `CommandIdReused`. The same id on another
 * stream is another command. A command that produced no events leaves no trace to repeat.
 *
 * The command is typed by the aggregate, so a misspelled command type or field fails to
 * compile. For input from outside, use `handleUnknownCommand`.
 *
 * @example
 * import assert from 'node:assert/strict'
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
 * assert.ok(E.isRight(result))
 * assert.equal(result.right.version, 1)
 * assert.equal(result.right.events[0]?.type, 'EducatorEnrolled')
 * // A form read at version 0 is stale once the stream is at 1.
 * const stale = await handleCommand(
 *   store,
 *   enrollment,
 *   { type: 'Withdraw', data: { enrollmentId: 'e1', reason: 'Moved schools' } },
 *   { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-02T16:00:00Z', commandId: 'cmd-2' },
 *   { expectedVersion: 0 },
 * )
 * assert.ok(E.isLeft(stale))
 * assert.equal(stale.left._tag, 'VersionConflict')
 */
export const handleCommand = <
  C,
  Ev,
  S,
  Err extends TaggedError,
  CheckErr extends TaggedError = never,
>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err, CheckErr>,
  command: C,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<HandleCommandResult<Ev, S, Err | CheckErr>> =>
  handleUnknownCommand(store, aggregate, command, context, options)
