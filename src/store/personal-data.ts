/**
 * Personal data in an append-only log, made erasable (crypto-shredding). `protectPersonalData`
 * wraps a store: on append it moves the personal fields of each event (the educator's name and
 * email, what they wrote and linked, what was written about them) and the command's digest into
 * one AES-256-GCM sealed value in the event's metadata, under a random key of that educator
 * (`PersonalDataKeys`), and leaves fixed placeholders in their place; on read it opens them again.
 * `erasePersonalData` deletes the educator's key: from then on their events read with the
 * placeholders, which decode like any value, so folds, the handler, the history audit, reports
 * and replays go on working, and hours, grades, awards and salary points stay as they were.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { checkBatch } from './encoding.js'
import { invalidEvent, storeFailed, type StoreFailed } from './errors.js'
import type { AppendResult, EventStore } from './event-store.js'
import {
  ownEducatorOf,
  pathsIn,
  personalFieldsOf,
  replaced,
  type Json,
} from './personal-data-fields.js'
import type { PersonalDataKeys } from './personal-data-keys.js'
import {
  lookupOnce,
  openedOrReject,
  seal,
  sealedPersonalDataField,
  shortened,
  type Sealing,
} from './personal-data-seal.js'
import type { EventToAppend, RecordedEvent } from './recorded-event.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Why `erasePersonalData` erased nothing: the key store holds no key for that educator. */
export interface NoPersonalDataKey {
  readonly _tag: 'NoPersonalDataKey'
  readonly message: string
  readonly educatorId: string
}

/** What `erasePersonalData` did. */
export interface PersonalDataErased {
  readonly educatorId: string
}

/** What `protectPersonalData` wrapped: the store as it holds events, and the keys. */
export interface PersonalDataProtection {
  /** The wrapped store: its events hold placeholders and sealed values. */
  readonly sealedStore: EventStore
  readonly keys: PersonalDataKeys
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** A stream's educator, by stream id: bounded, as streams are many and their educator fixed. */
const subjectCache = (limit = 10_000) => {
  const subjects = new Map<string, string>()
  return {
    get: (streamId: string) => subjects.get(streamId),
    set: (streamId: string, educatorId: string) => {
      if (subjects.has(streamId)) return
      if (subjects.size >= limit) subjects.delete(subjects.keys().next().value as string)
      subjects.set(streamId, educatorId)
    },
  }
}

const registry = new WeakMap<EventStore, PersonalDataProtection>()

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The same store, with each educator's personal data sealed under their own key. On append, the
 * personal fields of each event (`personalDataFields`) and, in a batch holding any, the command
 * digest of every event, are sealed (AES-256-GCM, the key from `keys.keyFor`, bound to the
 * stream, the event id and type, the educator and the key id) into `metadata.personalData`, and
 * the data holds `personalDataPlaceholders` in their place; nothing personal reaches the store in
 * clear. On read, each event's sealed values are opened with its educator's key; where the key is
 * gone (`erasePersonalData`), the placeholders stay. Events without sealed values (written
 * before protection, or holding nothing personal) pass as they are.
 *
 * Whose data it is: an `EducatorEnrolled` and a survey answer (`FeedbackSubmitted`) name their
 * educator; any other event is its stream's, the educator of the stream's `EducatorEnrolled`. A batch with personal data for a stream that
 * has none is refused (`InvalidEvent`), as is an event whose metadata already holds a sealed
 * value: both are forged or copied rows. A sealed value that does not open makes the read reject
 * with `PersonalDataCorrupt`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import {
 *   aggregateStream, catalog, createInMemoryEventStore, createInMemoryPersonalDataKeys, enrollment,
 *   enrollmentStreamId, erasePersonalData, handleCommand, personalDataPlaceholders, protectPersonalData,
 * } from 'microcred'
 * const raw = createInMemoryEventStore()
 * const keys = createInMemoryPersonalDataKeys()
 * const store = protectPersonalData(raw, keys)
 * const educator = { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' }
 * await handleCommand(store, enrollment,
 *   { type: 'Enroll', data: { enrollmentId: 'e1', educator, cohortId: 'steam-2026', program: catalog.steam } },
 *   { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'cmd-1' })
 * const [stored] = await raw.readStream(enrollmentStreamId('e1'))
 * assert.doesNotMatch(JSON.stringify(stored), /Ana Ruiz|ana@example\.org/) // sealed in the store
 * const read = await aggregateStream(store, enrollment, enrollmentStreamId('e1'))
 * assert.ok(E.isRight(read) && read.right.state.status === 'active')
 * assert.equal(read.right.state.educator.name, 'Ana Ruiz') // opened on read
 *
 * assert.ok(E.isRight(await erasePersonalData(keys, 'edu-1')))
 * const erased = await aggregateStream(store, enrollment, enrollmentStreamId('e1'))
 * assert.ok(E.isRight(erased) && erased.right.state.status === 'active')
 * assert.equal(erased.right.state.educator.name, personalDataPlaceholders.text)
 * assert.equal(erased.right.state.educator.id, 'edu-1') // the id stays
 */
export const protectPersonalData = (store: EventStore, keys: PersonalDataKeys): EventStore => {
  const subjects = subjectCache()
  const remember = (event: RecordedEvent) => {
    if (event.type !== 'EducatorEnrolled') return
    const educatorId = ownEducatorOf(event)?.educatorId
    if (educatorId !== undefined) subjects.set(event.streamId, educatorId)
  }
  /** The educator of a stream as stored, from its `EducatorEnrolled`. */
  const storedSubject = async (streamId: string): Promise<string | undefined> => {
    const known = subjects.get(streamId)
    if (known !== undefined) return known
    for (const event of await store.readStream(streamId)) {
      remember(event)
      if (event.type === 'EducatorEnrolled') return ownEducatorOf(event)?.educatorId
    }
    return undefined
  }

  const appendToStream: EventStore['appendToStream'] = async (streamId, events, options) => {
    const checked = checkBatch(streamId, events)
    if (E.isLeft(checked)) return checked
    const batch = checked.right
    const planted = batch.findIndex((event) =>
      Object.hasOwn(event.metadata, sealedPersonalDataField),
    )
    if (planted >= 0) {
      return E.left(
        invalidEvent(
          streamId,
          planted,
          `metadata.${sealedPersonalDataField}`,
          'sealed personal data is written by protectPersonalData only; an event read through the protected store carries its data in clear',
        ),
      )
    }
    if (!batch.some((event) => personalFieldsOf(event.type) !== undefined)) {
      return store.appendToStream(streamId, batch, options)
    }
    // Whose each event is: the educator it names for an EducatorEnrolled or a survey answer,
    // else the stream's (the educator of its EducatorEnrolled).
    const sealed: Array<Sealing | EventToAppend> = []
    let current: string | undefined
    let looked = false
    for (const [index, event] of batch.entries()) {
      const own = ownEducatorOf(event)
      if (event.type === 'EducatorEnrolled' && own?.educatorId !== undefined) {
        current = own.educatorId
      } else if (own === undefined && current === undefined && !looked) {
        current = await storedSubject(streamId)
        looked = true
      }
      const educatorId = own === undefined ? current : own.educatorId
      const hasFields = (personalFieldsOf(event.type) ?? []).some(
        (field) => pathsIn(field.path, event.data).length > 0,
      )
      if (!hasFields && event.metadata.commandDigest === undefined) {
        sealed.push(event)
        continue
      }
      if (educatorId === undefined) {
        return E.left(
          invalidEvent(
            streamId,
            index,
            own === undefined ? 'type' : `data.${own.path}`,
            own === undefined
              ? `a ${shortened(event.type)} holds personal data, but the stream has no EducatorEnrolled to say whose it is`
              : `a ${shortened(event.type)} needs its educator id, to seal their personal data under their key`,
          ),
        )
      }
      sealed.push(seal(streamId, event, educatorId, await keys.keyFor(educatorId)))
    }
    const toStore = sealed.map((s) => ('values' in s ? s.event : s))
    const appended = await store.appendToStream(streamId, toStore, options)
    if (E.isLeft(appended)) return appended
    if (current !== undefined) subjects.set(streamId, current)
    // The events as stored, with what was sealed put back: what a read gives.
    const result: AppendResult = {
      ...appended.right,
      events: appended.right.events.map((recorded, i) => {
        const sealing = sealed[i]
        if (sealing === undefined || !('values' in sealing)) return recorded
        const metadata: Json = { ...(recorded.metadata as Json) }
        delete metadata[sealedPersonalDataField]
        if (sealing.commandDigest !== undefined) metadata['commandDigest'] = sealing.commandDigest
        return {
          ...recorded,
          data: replaced(recorded.data, sealing.values)?.data ?? recorded.data,
          metadata: metadata as RecordedEvent['metadata'],
        }
      }),
    }
    return E.right(result)
  }

  const wrapped: EventStore = {
    readStream: async (streamId, options) => {
      const lookup = lookupOnce(keys)
      const events = await store.readStream(streamId, options)
      const opened: RecordedEvent[] = []
      for (const event of events) {
        remember(event)
        opened.push(await openedOrReject(event, lookup))
      }
      return opened
    },
    appendToStream,
    readAll: (options) => ({
      async *[Symbol.asyncIterator]() {
        const lookup = lookupOnce(keys)
        for await (const event of store.readAll(options)) {
          yield await openedOrReject(event, lookup)
        }
      },
    }),
    streamVersion: (streamId) => store.streamVersion(streamId),
  }
  registry.set(wrapped, { sealedStore: store, keys })
  return wrapped
}

/**
 * What `protectPersonalData` wrapped to make `store`, or `undefined` for a store it did not make:
 * how a tool given the protected store (the `microcred erase` command) finds the keys, and the
 * store as it holds events.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { createInMemoryEventStore, createInMemoryPersonalDataKeys, personalDataProtection, protectPersonalData } from 'microcred'
 * const raw = createInMemoryEventStore()
 * const keys = createInMemoryPersonalDataKeys()
 * const store = protectPersonalData(raw, keys)
 * assert.equal(personalDataProtection(store)?.keys, keys)
 * assert.equal(personalDataProtection(store)?.sealedStore, raw)
 * assert.equal(personalDataProtection(raw), undefined)
 */
export const personalDataProtection = (store: EventStore): PersonalDataProtection | undefined =>
  registry.get(store)

/**
 * Erases an educator's personal data from a store protected with `keys`: deletes their key, then
 * purges the key store where it can (`keys.purge`). Every event of theirs, in every enrollment,
 * then reads with the placeholders; the events themselves, and everything else in them, stay.
 * Badges issued before keep verifying: they are signed documents the educator holds. Without a
 * key for the educator (unknown, erased already, or enrolled before protection) it is a
 * `NoPersonalDataKey`; a failing key store is a `StoreFailed`. Never rejects.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createInMemoryPersonalDataKeys, erasePersonalData } from 'microcred'
 * const keys = createInMemoryPersonalDataKeys()
 * await keys.keyFor('edu-1')
 * assert.deepEqual(await erasePersonalData(keys, 'edu-1'), E.right({ educatorId: 'edu-1' }))
 * const again = await erasePersonalData(keys, 'edu-1')
 * assert.ok(E.isLeft(again))
 * assert.equal(again.left._tag, 'NoPersonalDataKey')
 */
export const erasePersonalData = async (
  keys: PersonalDataKeys,
  educatorId: string,
): Promise<E.Either<NoPersonalDataKey | StoreFailed, PersonalDataErased>> => {
  const shown = shortened(String(educatorId))
  let erased: boolean
  try {
    erased = await keys.erase(educatorId)
  } catch (error) {
    return E.left(storeFailed(`erasing the personal data key of educator '${shown}'`, error))
  }
  if (!erased) {
    return E.left({
      _tag: 'NoPersonalDataKey',
      message:
        `there is no personal data key for educator '${shown}': no protected store holds ` +
        'personal data of theirs (an unknown id, data erased already, or enrolled before ' +
        'personal data was protected); nothing was erased',
      educatorId,
    })
  }
  try {
    await keys.purge?.()
  } catch (error) {
    return E.left(
      storeFailed(
        `purging the key store after deleting the key of educator '${shown}' (the key is ` +
          'deleted; purge again to remove what the database keeps of deleted rows)',
        error,
      ),
    )
  }
  return E.right({ educatorId })
}
