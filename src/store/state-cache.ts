/**
 * The command handler's state cache: per store and aggregate, the folded state of recently
 * handled streams at a version, with the `commandId`s their events carry, so a command reads only
 * the events after that version instead of its whole stream. Bounded (least recently used
 * streams go first), and off with `configureStateCache(store, false)` or `cache: false`.
 *
 * Only the command's own stream is cached: the append's expected version is the cached version,
 * so a stale entry can only cost a conflict and a catch-up, never a wrong write. The streams a
 * check across streams reads are always read whole from the store.
 *
 * @packageDocumentation
 */
import type { EventStore } from './event-store.js'
import type { PersonalDataKeys } from './personal-data-keys.js'
import type { RecordedEvent } from './recorded-event.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The bounds of a store's state cache, per aggregate: at most `maxStreams` streams (default
 * 1,000) holding at most `maxEvents` events between them (default 100,000; a longer stream is
 * not cached). The least recently used streams are dropped first.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { createInMemoryEventStore, configureStateCache, defaultStateCacheOptions } from 'microcred'
 * const store = createInMemoryEventStore()
 * configureStateCache(store, { maxStreams: 50 })
 * assert.equal(defaultStateCacheOptions.maxEvents, 100_000)
 */
export interface StateCacheOptions {
  readonly maxStreams?: number
  readonly maxEvents?: number
}

/**
 * The bounds a store's state cache has unless `configureStateCache` says otherwise.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { defaultStateCacheOptions } from 'microcred'
 * assert.deepEqual(defaultStateCacheOptions, { maxStreams: 1000, maxEvents: 100_000 })
 */
export const defaultStateCacheOptions: Required<StateCacheOptions> = {
  maxStreams: 1000,
  maxEvents: 100_000,
}

/** Where a `commandId` sits in a stream: the versions of its events, and its first digest. */
interface CommandEntry {
  readonly digest: string | undefined
  readonly versions: number[]
}

/**
 * The `commandId`s of a stream's events, versions 1 to `upTo`. Shared by the cached states of one
 * stream, which only ever add to it: a version of a stream is always the same event, so what two
 * handlers add is the same.
 *
 * @internal
 */
export interface CommandIndex {
  upTo: number
  readonly commands: Map<string, CommandEntry>
}

/**
 * A stream as the cache holds it: its state after `version` events, and its command index.
 *
 * @internal
 */
export interface CachedStream<S> {
  readonly version: number
  readonly state: S
  readonly index: CommandIndex
  /**
   * On a store that protects personal data: the educators whose data the events hold, each with
   * the id of the key it was opened with. The state is used again only while every one of them
   * still has that key, so an erasure (by any process) is never outlived by a cached state.
   */
  readonly subjects?: ReadonlyMap<string, string>
}

/**
 * A repeated `commandId` found in a cached stream: its first digest and the events' versions.
 *
 * @internal
 */
export interface CachedCommand {
  readonly digest: string | undefined
  readonly versions: ReadonlyArray<number>
}

// -------------------------------------------------------------------------------------
// the cache
// -------------------------------------------------------------------------------------

/**
 * One store's and aggregate's streams, least recently used first.
 *
 * @internal
 */
export class StreamLru {
  private readonly streams = new Map<string, CachedStream<unknown>>()
  private events = 0
  constructor(private readonly bounds: Required<StateCacheOptions>) {}

  get(streamId: string): CachedStream<unknown> | undefined {
    const cached = this.streams.get(streamId)
    if (cached !== undefined) {
      this.streams.delete(streamId)
      this.streams.set(streamId, cached)
    }
    return cached
  }

  set(streamId: string, cached: CachedStream<unknown>): void {
    const previous = this.streams.get(streamId)
    // Never go back: a handler that read less than another already cached keeps it.
    if (previous !== undefined && previous.version > cached.version) return
    this.delete(streamId)
    if (cached.version > this.bounds.maxEvents || this.bounds.maxStreams < 1) return
    this.streams.set(streamId, cached)
    this.events += cached.version
    for (const [oldest, entry] of this.streams) {
      if (this.streams.size <= this.bounds.maxStreams && this.events <= this.bounds.maxEvents) {
        break
      }
      this.streams.delete(oldest)
      this.events -= entry.version
    }
  }

  delete(streamId: string): void {
    const previous = this.streams.get(streamId)
    if (previous === undefined) return
    this.streams.delete(streamId)
    this.events -= previous.version
  }
}

const settings = new WeakMap<EventStore, false | Required<StateCacheOptions>>()
const caches = new WeakMap<EventStore, WeakMap<object, StreamLru>>()

/**
 * Sets how `handleCommand` caches states for `store`: `false` turns the cache off (every command
 * reads its whole stream, as with the option `cache: false`), options set its bounds. Drops what
 * the store's cache held. Use `false` for a store whose events can change under it other than by
 * appending (a database restored from a backup or rewritten by hand while the process runs).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, configureStateCache, createInMemoryEventStore, enrollment, handleCommand } from 'microcred'
 * const store = createInMemoryEventStore()
 * configureStateCache(store, false)
 * const result = await handleCommand(
 *   store,
 *   enrollment,
 *   { type: 'Enroll', data: { enrollmentId: 'e1', educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' }, cohortId: 'steam-2026', program: catalog.steam } },
 *   { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'cmd-1' },
 * )
 * assert.ok(E.isRight(result))
 */
export const configureStateCache = (
  store: EventStore,
  options: false | StateCacheOptions,
): void => {
  caches.delete(store)
  if (options === false) {
    settings.set(store, false)
    return
  }
  const bound = (n: number | undefined, fallback: number) =>
    typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.floor(n)) : fallback
  settings.set(store, {
    maxStreams: bound(options.maxStreams, defaultStateCacheOptions.maxStreams),
    maxEvents: bound(options.maxEvents, defaultStateCacheOptions.maxEvents),
  })
}

/**
 * The state cache of a store and an aggregate, or `undefined` when the store's cache is off.
 *
 * @internal
 */
export const stateCacheOf = (store: EventStore, aggregate: object): StreamLru | undefined => {
  const setting = settings.get(store) ?? defaultStateCacheOptions
  if (setting === false) return undefined
  let byAggregate = caches.get(store)
  if (byAggregate === undefined) {
    byAggregate = new WeakMap()
    caches.set(store, byAggregate)
  }
  let lru = byAggregate.get(aggregate)
  if (lru === undefined) {
    lru = new StreamLru(setting)
    byAggregate.set(aggregate, lru)
  }
  return lru
}

// -------------------------------------------------------------------------------------
// cached streams
// -------------------------------------------------------------------------------------

/**
 * A new, empty command index.
 *
 * @internal
 */
export const emptyCommandIndex = (): CommandIndex => ({ upTo: 0, commands: new Map() })

/**
 * Adds the stream's events that follow what the index holds (`recorded` are consecutive versions,
 * as a read or an append returns them).
 *
 * @internal
 */
export const indexCommands = (index: CommandIndex, recorded: ReadonlyArray<RecordedEvent>) => {
  for (const event of recorded) {
    if (event.version !== index.upTo + 1) continue
    const { commandId, commandDigest } = event.metadata
    const entry = index.commands.get(commandId)
    if (entry === undefined) {
      index.commands.set(commandId, { digest: commandDigest, versions: [event.version] })
    } else entry.versions.push(event.version)
    index.upTo = event.version
  }
}

/**
 * Where `commandId` sits among a stream's first `version` events, if it does.
 *
 * @internal
 */
export const findCommand = (
  index: CommandIndex,
  commandId: string,
  version: number,
): CachedCommand | undefined => {
  const entry = index.commands.get(commandId)
  if (entry === undefined || (entry.versions[0] ?? Infinity) > version) return undefined
  const versions = entry.versions.filter((v) => v <= version)
  return { digest: entry.digest, versions }
}

// -------------------------------------------------------------------------------------
// personal data
// -------------------------------------------------------------------------------------

/**
 * Whether every educator of a cached stream still has the key their data was opened with.
 *
 * @internal
 */
export const keysStillHeld = async (
  keys: PersonalDataKeys,
  subjects: ReadonlyMap<string, string>,
): Promise<boolean> => {
  for (const [educatorId, keyId] of subjects) {
    if ((await keys.find(educatorId))?.keyId !== keyId) return false
  }
  return true
}
