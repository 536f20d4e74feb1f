/**
 * The command handler: decode a command and its context once, load and fold its stream, decide,
 * check what the aggregate requires of other streams, and append with the loaded version as the
 * expected version; on a conflict, reload and try again. Idempotent by `commandId`. A stream whose
 * state is cached is not read first: the append at the cached version checks that it is current.
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
import {
  emptyCommandIndex,
  findCommand,
  indexCommands,
  keysStillHeld,
  stateCacheOf,
  type CachedStream,
  type StreamLru,
} from './state-cache.js'
import { personalDataProtection, type PersonalDataProtection } from './personal-data.js'
import type { PersonalDataKey } from './personal-data-keys.js'
import { openedOrReject, sealedPersonalDataOf } from './personal-data-seal.js'
import { decodeRecordedEvent } from './decode-recorded-event.js'
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
  /**
   * Whether to start from the state cached for the stream by an earlier command on the same
   * store object (default `true`, unless `configureStateCache(store, false)`), reading only the
   * events after it. With `false` the whole stream is read and nothing is cached. The answer is
   * the same either way.
   */
  readonly cache?: boolean
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

/**
 * A stream as the handler has read it so far: its version, its state, and where each `commandId`
 * of its events sits (shared with the state cache, which only ever adds to it); on a store that
 * protects personal data, also whose data its state holds (`subjects`).
 */
type Loaded<S> = CachedStream<S>

/** The most educators whose data a cached state of a protected store may hold. */
const maxCachedSubjects = 16

/**
 * The stream's events from `fromVersion` on, as `store.readStream` gives them. Through a store
 * that protects personal data they are read sealed and opened here, as the wrapper opens them, so
 * the handler knows whose data (under which key) the state it folds holds.
 */
const readEvents = async (
  store: EventStore,
  protection: PersonalDataProtection | undefined,
  streamId: string,
  fromVersion: number,
): Promise<{ recorded: ReadonlyArray<RecordedEvent>; opened?: Map<string, string> }> => {
  if (protection === undefined)
    return { recorded: await store.readStream(streamId, { fromVersion }) }
  const sealed = await protection.sealedStore.readStream(streamId, { fromVersion })
  const keys = new Map<string, Promise<PersonalDataKey | undefined>>()
  const lookup = (educatorId: string) => {
    let key = keys.get(educatorId)
    if (key === undefined) {
      key = protection.keys.find(educatorId)
      keys.set(educatorId, key)
    }
    return key
  }
  const recorded: RecordedEvent[] = []
  const opened = new Map<string, string>()
  for (const event of sealed) {
    recorded.push(await openedOrReject(event, lookup))
    const held = sealedPersonalDataOf(event)
    if (held !== undefined && (await lookup(held.educatorId))?.keyId === held.keyId) {
      opened.set(held.educatorId, held.keyId)
    }
  }
  return { recorded, opened }
}

/**
 * Reads what the stream holds beyond `loaded` and folds it in, so a retry after a conflict (and a
 * command on a cached stream) reads only the events it has not seen. The first stored event that
 * does not decode is returned.
 */
const catchUp = async <C, Ev, S, Err extends TaggedError>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err, TaggedError>,
  streamId: string,
  loaded: Loaded<S> | undefined,
  protection: PersonalDataProtection | undefined,
): Promise<E.Either<CorruptEvent, Loaded<S>>> => {
  const from = loaded?.version ?? 0
  const { recorded, opened } = await readEvents(store, protection, streamId, from + 1)
  // A read that does not continue the cached version (a store whose events changed under the
  // cache): start over from the whole stream.
  if (loaded !== undefined && recorded.length > 0 && recorded[0]?.version !== from + 1) {
    return catchUp(store, aggregate, streamId, undefined, protection)
  }
  const decode = decodeRecordedEvent(aggregate.events)
  const events: Ev[] = []
  for (const stored of recorded) {
    const event = decode(stored)
    if (E.isLeft(event)) return event
    events.push(event.right)
  }
  const index = loaded?.index ?? emptyCommandIndex()
  indexCommands(index, recorded)
  const state =
    loaded === undefined
      ? aggregate.fold(events)
      : events.length === 0
        ? loaded.state
        : aggregate.fold(events, loaded.state)
  const stream: Loaded<S> = { version: from + recorded.length, state, index }
  if (opened === undefined) return E.right(stream)
  const subjects =
    opened.size === 0
      ? (loaded?.subjects ?? opened)
      : new Map([...(loaded?.subjects ?? []), ...opened])
  return E.right({ ...stream, subjects })
}

/**
 * The stream's cached state, if there is one it may use: on a store that protects personal data,
 * only while every educator whose data it holds still has the key it was opened with (an erasure
 * by any process is never outlived by a cached state).
 */
const fromCache = async <S>(
  cache: StreamLru,
  streamId: string,
  protection: PersonalDataProtection | undefined,
): Promise<Loaded<S> | undefined> => {
  const cached = cache.get(streamId) as Loaded<S> | undefined
  if (cached === undefined || protection === undefined) return cached
  if (cached.subjects !== undefined && (await keysStillHeld(protection.keys, cached.subjects))) {
    return cached
  }
  cache.delete(streamId)
  return undefined
}

/**
 * The answer to a `commandId` the stream already holds: what it produced then, if this is the
 * same command from the same actor (its digest matches the stored one), `CommandIdReused` if it
 * is not, or `undefined` if the stream does not hold the id. Events stored before digests were
 * recorded carry none, and a command with their id counts as a repeat. The events it produced
 * are read back from the store (a repeat is rare; the cache keeps only where they are).
 */
const duplicateOf = async <C, Ev, S, Err extends TaggedError>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err, TaggedError>,
  streamId: string,
  { version, state, index }: Loaded<S>,
  commandId: string,
  digest: string,
): Promise<E.Either<CommandIdReused | CorruptEvent, HandledCommand<Ev, S>> | undefined> => {
  const earlier = findCommand(index, commandId, version)
  if (earlier === undefined) return undefined
  if (earlier.digest !== undefined && earlier.digest !== digest) {
    return E.left(commandIdReused(streamId, commandId))
  }
  const wanted = new Set(earlier.versions)
  const read = await readDecodedStream(store, aggregate.events, streamId, {
    fromVersion: earlier.versions[0] as number,
  })
  if (E.isLeft(read)) return read
  const events: Ev[] = []
  const recorded: RecordedEvent[] = []
  read.right.recorded.forEach((r, i) => {
    if (wanted.has(r.version)) {
      recorded.push(r)
      events.push(read.right.events[i] as Ev)
    }
  })
  return E.right({ streamId, events, recorded, state, version, duplicate: true })
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
  const cache = options.cache === false ? undefined : stateCacheOf(store, aggregate)
  const protection = cache === undefined ? undefined : personalDataProtection(store)
  const failed = (error: unknown) =>
    E.left(storeFailed(`handling command '${ctx.commandId}' on stream '${streamId}'`, error))

  /**
   * Decides on `stream` as read, runs the checks across streams, and appends at its version: the
   * answer, or the conflict that beat the append.
   */
  const decideAndAppend = async (
    stream: Loaded<S>,
  ): Promise<
    { answer: HandleCommandResult<Ev, S, Err | CheckErr> } | { conflict: VersionConflict }
  > => {
    const { version: current, state } = stream
    const duplicate = await duplicateOf(store, aggregate, streamId, stream, ctx.commandId, digest)
    if (duplicate !== undefined) {
      // A repeat shows the stream's state: only to an actor who could have sent the command.
      const allowed = aggregate.authorize?.(decided, state, ctx) ?? E.right(undefined)
      return { answer: E.isLeft(allowed) ? allowed : duplicate }
    }
    if (expected !== undefined && expected !== current) {
      return { answer: E.left(stale(versionConflict(streamId, expected, current))) }
    }
    const events = aggregate.decide(decided, state, ctx)
    if (E.isLeft(events)) return { answer: events }
    const across = aggregate.checkAcrossStreams?.(decided, state, ctx)
    if (across !== undefined) {
      const met = await checkInStore(store, across)
      if (E.isLeft(met)) return { answer: met }
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
      expectedVersion: current === 0 ? 'noStream' : current,
    })
    if (E.isLeft(appended)) {
      return appended.left._tag === 'VersionConflict'
        ? { conflict: appended.left }
        : { answer: appended }
    }
    const after = aggregate.fold(events.right, state)
    // On a protected store the next command reads these events back (sealed), to learn whose
    // data they hold; elsewhere the state after them is cached now.
    if (
      cache !== undefined &&
      protection === undefined &&
      appended.right.version === current + toAppend.length
    ) {
      indexCommands(stream.index, appended.right.events)
      cache.set(streamId, { version: appended.right.version, state: after, index: stream.index })
    }
    return {
      answer: E.right({
        streamId,
        events: events.right,
        recorded: appended.right.events,
        state: after,
        version: appended.right.version,
        duplicate: false,
      }),
    }
  }

  /** A stream found behind what was read has changed under the cache: read it whole next time. */
  const behind = (conflict: VersionConflict, stream: Loaded<S>) => {
    const { actualVersion } = conflict
    if (typeof actualVersion === 'number' && actualVersion < stream.version) {
      cache?.delete(streamId)
      return true
    }
    return false
  }

  let stream: Loaded<S> | undefined
  try {
    stream = cache === undefined ? undefined : await fromCache<S>(cache, streamId, protection)
    // A cached state is usually current: decide on it without reading the stream, and let the
    // append at its version say whether it was (another writer's append makes it conflict). A
    // stream not in the cache is taken to be new, as the first command of every stream finds it
    // (an `Enroll`, say), and the append at 'noStream' says whether it was. Only an answer that
    // appended events stands; any other (a refusal, a repeat, no events, a conflict) may owe
    // something to a state that was not the stream's, and is decided again on a fresh read below.
    // On a protected store the cache lags behind its own appends (see above): no shortcut there.
    const assumed =
      stream ??
      (cache === undefined
        ? undefined
        : { version: 0, state: aggregate.fold([]), index: emptyCommandIndex() })
    if (
      assumed !== undefined &&
      protection === undefined &&
      (expected === undefined || expected === assumed.version) &&
      findCommand(assumed.index, ctx.commandId, assumed.version) === undefined
    ) {
      const outcome = await decideAndAppend(assumed)
      if ('answer' in outcome) {
        const { answer } = outcome
        if (E.isRight(answer) && !answer.right.duplicate && answer.right.events.length > 0) {
          return answer
        }
      } else if (stream !== undefined && behind(outcome.conflict, stream)) stream = undefined
    }
  } catch (error) {
    return failed(error)
  }

  let conflict: VersionConflict | undefined
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoff(attempt - 1, options.retryDelayMs ?? 5))
    try {
      const loaded = await catchUp(store, aggregate, streamId, stream, protection)
      if (E.isLeft(loaded)) return loaded
      stream = loaded.right
      // A stream holding many educators' data would cost a key lookup each to use again.
      if ((stream.subjects?.size ?? 0) <= maxCachedSubjects) cache?.set(streamId, stream)
      const outcome = await decideAndAppend(stream)
      if ('answer' in outcome) return outcome.answer
      if (behind(outcome.conflict, stream)) stream = undefined
      if (expected !== undefined) return E.left(stale(outcome.conflict))
      conflict = outcome.conflict
    } catch (error) {
      return failed(error)
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
 * With the state cache (the default), a command on a stream this store object handled recently
 * is decided on the cached state without reading the stream first: one round trip, the append,
 * whose expected version (the cached one) fails if another writer moved the stream on. A stream
 * not in the cache is taken to be new (decided on the initial state, appended at `'noStream'`).
 * Only a decision that appended stands; a refusal, a repeat, no events or a conflict is decided
 * again on a fresh read, so the answer is always the one a read would have given.
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
