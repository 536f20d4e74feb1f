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
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { EnrollmentEventType } from '../enrollment/events.js'
import { checkBatch } from './encoding.js'
import { invalidEvent, storeFailed, type StoreFailed } from './errors.js'
import type { AppendResult, EventStore } from './event-store.js'
import type { PersonalDataKey, PersonalDataKeys } from './personal-data-keys.js'
import type { EventToAppend, RecordedEvent } from './recorded-event.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a personal field holds, which decides its placeholder. */
export type PersonalFieldKind = 'text' | 'email' | 'url'

/** A personal field of an event's `data`: its path (`*` for every item of a list) and kind. */
export interface PersonalField {
  readonly path: string
  readonly kind: PersonalFieldKind
}

/**
 * The values personal data reads as once erased (and as the stored rows always hold it). Each
 * decodes where the original did: a non-empty text, an email address and an `https:` link under
 * `.invalid` (RFC 2606: a name that never resolves). A sealed command digest reads as `removed`,
 * which matches no command, so a `commandId` of an erased command is `CommandIdReused` if sent
 * again.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Educator, personalDataPlaceholders, WebUrl } from 'microcred'
 * const { text, email, url } = personalDataPlaceholders
 * assert.equal(Educator.is({ id: 'edu-1', name: text, email }), true)
 * assert.equal(WebUrl.is(url), true)
 */
export const personalDataPlaceholders = {
  text: '[personal data removed]',
  email: 'removed@personal-data.invalid',
  url: 'https://personal-data.invalid/removed',
  commandDigest: 'removed',
} as const

/**
 * The personal fields of the enrollment's events: the educator's name and email; the evidence
 * links and titles, reflections, capstone documentation and next steps they submitted; the
 * assessors' feedback on their work; the reasons given for a withdrawal or a revocation. Ids,
 * times, hours, scores, outcomes, credentials and salary points are not personal fields: they
 * are what the log must keep. (Ids name people too, so a district uses opaque ids, never email
 * addresses: see docs/personal-data.md.)
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { personalDataFields } from 'microcred'
 * assert.deepEqual(personalDataFields.EducatorEnrolled?.map((f) => f.path), ['educator.name', 'educator.email'])
 * assert.equal(personalDataFields.HoursRecorded, undefined) // nothing personal in hours
 */
export const personalDataFields: Readonly<
  Partial<Record<EnrollmentEventType, ReadonlyArray<PersonalField>>>
> = {
  EducatorEnrolled: [
    { path: 'educator.name', kind: 'text' },
    { path: 'educator.email', kind: 'email' },
  ],
  ArtifactSubmitted: [
    { path: 'evidence.*.url', kind: 'url' },
    { path: 'evidence.*.title', kind: 'text' },
    { path: 'reflection', kind: 'text' },
  ],
  ArtifactGraded: [{ path: 'feedback', kind: 'text' }],
  CapstoneSubmitted: [
    { path: 'documentationUrl', kind: 'url' },
    { path: 'reflection', kind: 'text' },
    { path: 'nextSteps', kind: 'text' },
  ],
  CapstoneGraded: [{ path: 'feedback', kind: 'text' }],
  EnrollmentWithdrawn: [{ path: 'reason', kind: 'text' }],
  CredentialRevoked: [{ path: 'reason', kind: 'text' }],
}

/**
 * The metadata field that holds an event's sealed personal data in the store.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { sealedPersonalDataField } from 'microcred'
 * assert.equal(sealedPersonalDataField, 'personalData')
 */
export const sealedPersonalDataField = 'personalData'

/**
 * An event's personal data as the store holds it (in `metadata.personalData`): whose it is, the
 * id of the key it is sealed under, and the AES-256-GCM nonce and ciphertext (with its tag).
 */
export interface SealedPersonalData {
  readonly v: 1
  readonly educatorId: string
  readonly keyId: string
  readonly iv: string
  readonly ciphertext: string
}

/**
 * A store's sealed personal data that cannot be opened with its educator's key: the row was
 * altered, or moved from another event. Reads reject with it (as they do with a row the store
 * could not have written), so a forged row is never mistaken for an erased one.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PersonalDataCorrupt } from 'microcred'
 * const error = new PersonalDataCorrupt({ streamId: 'enrollment-e1', version: 1, position: 7 }, 'the ciphertext does not authenticate')
 * assert.equal(error.name, 'PersonalDataCorrupt')
 * assert.match(error.message, /stream 'enrollment-e1' version 1 \(position 7\) cannot be opened: the ciphertext/)
 */
export class PersonalDataCorrupt extends Error {
  override readonly name = 'PersonalDataCorrupt'
  readonly streamId: string
  readonly version: number
  readonly position: number
  constructor(
    where: { readonly streamId: string; readonly version: number; readonly position: number },
    readonly reason: string,
  ) {
    super(
      `the personal data sealed in the event at stream '${shortened(where.streamId)}' version ` +
        `${where.version} (position ${where.position}) cannot be opened: ${reason}; the row was ` +
        'altered or copied from another event: restore it from a backup or remove it',
    )
    this.streamId = where.streamId
    this.version = where.version
    this.position = where.position
  }
}

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

type Segment = string | number
type Json = Record<string, unknown>

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The longest part of an id quoted in a message. */
const maxQuoted = 200
const shortened = (text: string): string =>
  text.length <= maxQuoted ? text : `${text.slice(0, maxQuoted)}... (${text.length} characters)`

/** Each place `pattern` (split on dots, `*` for any index) names in `data`. */
const pathsIn = (pattern: string, data: unknown): Segment[][] => {
  const segments = pattern.split('.')
  const walk = (at: unknown, i: number, prefix: Segment[]): Segment[][] => {
    const segment = segments[i]
    if (segment === undefined) return [prefix]
    if (segment === '*') {
      return Array.isArray(at)
        ? at.flatMap((item, index) => walk(item, i + 1, [...prefix, index]))
        : []
    }
    return isRecord(at) && Object.hasOwn(at, segment)
      ? walk(at[segment], i + 1, [...prefix, segment])
      : []
  }
  return walk(data, 0, [])
}

/** The value at `path`, where every step of it exists. */
const valueAt = (data: unknown, path: ReadonlyArray<Segment>): unknown => {
  let at: unknown = data
  for (const segment of path) {
    if (Array.isArray(at) && typeof segment === 'number') at = at[segment]
    else if (isRecord(at) && typeof segment === 'string' && Object.hasOwn(at, segment)) {
      at = at[segment]
    } else return undefined
  }
  return at
}

/**
 * `data` with the value at each path replaced, copying only the objects and lists on the paths
 * (the rest, such as an enrollment's pinned requirements, is shared, not cloned); `undefined`
 * where a path does not lead to an existing member. `data` is not changed.
 */
const replaced = (
  data: unknown,
  entries: ReadonlyArray<readonly [ReadonlyArray<Segment>, unknown]>,
): { readonly data: unknown } | undefined => {
  if (entries.length === 0) return { data }
  const copies = new Map<object, Json | unknown[]>()
  const copyOf = (container: Json | unknown[]): Json | unknown[] => {
    let copy = copies.get(container)
    if (copy === undefined) {
      copy = Array.isArray(container) ? [...container] : { ...container }
      copies.set(container, copy)
    }
    return copy
  }
  if (!isRecord(data) && !Array.isArray(data)) return undefined
  const root = copyOf(data)
  for (const [path, value] of entries) {
    let original: Json | unknown[] = data
    let copy = root
    for (const [i, segment] of path.entries()) {
      const exists = Array.isArray(original)
        ? typeof segment === 'number' && segment < original.length
        : typeof segment === 'string' && Object.hasOwn(original, segment)
      if (!exists) return undefined
      const at = segment as never
      if (i === path.length - 1) {
        copy[at] = value as never
        break
      }
      const child: unknown = original[at]
      if (!isRecord(child) && !Array.isArray(child)) return undefined
      const childCopy = copyOf(child)
      copy[at] = childCopy as never
      original = child
      copy = childCopy
    }
  }
  return { data: root }
}

/** The field of `type` that a stored path (`evidence.0.url`) is, or undefined. */
const fieldOf = (
  type: string,
  stored: string,
): { path: Segment[]; field: PersonalField } | undefined => {
  const fields = (personalDataFields as Readonly<Record<string, ReadonlyArray<PersonalField>>>)[
    type
  ]
  const parts = stored.split('.')
  for (const field of fields ?? []) {
    const pattern = field.path.split('.')
    if (pattern.length !== parts.length) continue
    const path: Segment[] = []
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string
      if (pattern[i] === '*' && /^(0|[1-9]\d{0,5})$/.test(part)) path.push(Number(part))
      else if (pattern[i] === part) path.push(part)
      else break
    }
    if (path.length === parts.length) return { path, field }
  }
  return undefined
}

const personalFieldsOf = (type: string): ReadonlyArray<PersonalField> | undefined =>
  (personalDataFields as Readonly<Record<string, ReadonlyArray<PersonalField>>>)[type]

/** The educator id of an `EducatorEnrolled`'s data, if it has one. */
const educatorIdIn = (data: unknown): string | undefined => {
  const educator = isRecord(data) ? data['educator'] : undefined
  const id = isRecord(educator) ? educator['id'] : undefined
  return typeof id === 'string' && id !== '' ? id : undefined
}

/** Binds a sealed value to its event, its educator and its key. */
const additionalData = (
  streamId: string,
  event: { readonly type: string; readonly metadata: { readonly eventId: string } },
  educatorId: string,
  keyId: string,
): Buffer =>
  Buffer.from(
    JSON.stringify([
      'microcred personal data',
      1,
      streamId,
      event.metadata.eventId,
      event.type,
      educatorId,
      keyId,
    ]),
  )

const sealedOf = (value: unknown): SealedPersonalData | string => {
  if (!isRecord(value)) return 'metadata.personalData is not an object'
  const { v, educatorId, keyId, iv, ciphertext } = value
  if (v !== 1) return `metadata.personalData.v is ${JSON.stringify(v) ?? 'missing'}, not 1`
  for (const [name, part] of Object.entries({ educatorId, keyId, iv, ciphertext })) {
    if (typeof part !== 'string' || part === '')
      return `metadata.personalData.${name} is not a string`
  }
  return value as unknown as SealedPersonalData
}

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
// sealing and opening
// -------------------------------------------------------------------------------------

/** An event sealed for the store, and what it sealed (to give back with the append's result). */
interface Sealing {
  readonly event: EventToAppend
  readonly values: ReadonlyArray<readonly [ReadonlyArray<Segment>, unknown]>
  readonly commandDigest?: string
}

/** Seals the personal fields and digest of `event` under `key`, leaving placeholders. */
const seal = (
  streamId: string,
  event: EventToAppend,
  educatorId: string,
  key: PersonalDataKey,
): Sealing => {
  const placeholders: Array<readonly [Segment[], unknown]> = []
  const values: Array<readonly [Segment[], unknown]> = []
  const fields: Record<string, unknown> = {}
  for (const field of personalFieldsOf(event.type) ?? []) {
    for (const path of pathsIn(field.path, event.data)) {
      const value = valueAt(event.data, path)
      fields[path.join('.')] = value
      values.push([path, value])
      placeholders.push([path, personalDataPlaceholders[field.kind]])
    }
  }
  const data = replaced(event.data, placeholders)?.data
  const { commandDigest, ...metadata } = event.metadata
  const plaintext = JSON.stringify(
    commandDigest === undefined ? { fields } : { fields, commandDigest },
  )
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key.key, iv)
  cipher.setAAD(additionalData(streamId, event, educatorId, key.keyId))
  const ciphertext = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ])
  const sealed: SealedPersonalData = {
    v: 1,
    educatorId,
    keyId: key.keyId,
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
  }
  return {
    event: {
      type: event.type,
      data,
      metadata: {
        ...metadata,
        ...(commandDigest === undefined
          ? {}
          : { commandDigest: personalDataPlaceholders.commandDigest }),
        [sealedPersonalDataField]: sealed,
      } as EventToAppend['metadata'],
    },
    values,
    ...(commandDigest === undefined ? {} : { commandDigest }),
  }
}

/** Looks keys up once per educator within one read. */
const lookupOnce = (keys: PersonalDataKeys) => {
  const found = new Map<string, Promise<PersonalDataKey | undefined>>()
  return (educatorId: string) => {
    let key = found.get(educatorId)
    if (key === undefined) {
      key = keys.find(educatorId)
      found.set(educatorId, key)
    }
    return key
  }
}

/**
 * The event with its personal data opened, or with the placeholders where its key is gone; an
 * event with nothing sealed as it is. A sealed value that does not open with its key is a
 * `PersonalDataCorrupt`.
 */
const open = async (
  event: RecordedEvent,
  lookup: (educatorId: string) => Promise<PersonalDataKey | undefined>,
): Promise<E.Either<PersonalDataCorrupt, RecordedEvent>> => {
  const stored = (event.metadata as Json)[sealedPersonalDataField]
  if (stored === undefined) return E.right(event)
  const sealed = sealedOf(stored)
  if (typeof sealed === 'string') return E.left(new PersonalDataCorrupt(event, sealed))
  const metadata: Json = { ...(event.metadata as Json) }
  delete metadata[sealedPersonalDataField]
  const key = await lookup(sealed.educatorId)
  if (key === undefined || key.keyId !== sealed.keyId) {
    return E.right({ ...event, metadata: metadata as RecordedEvent['metadata'] }) // erased
  }
  const opened = decrypt(
    sealed,
    key,
    additionalData(event.streamId, event, sealed.educatorId, key.keyId),
  )
  if (opened === undefined) {
    return E.left(
      new PersonalDataCorrupt(event, 'the ciphertext does not authenticate under its key'),
    )
  }
  const entries: Array<readonly [Segment[], unknown]> = []
  for (const [path, value] of Object.entries(opened.fields)) {
    const place = fieldOf(event.type, path)
    if (place === undefined) {
      const reason = `'${shortened(path)}' is not a personal field of the event`
      return E.left(new PersonalDataCorrupt(event, reason))
    }
    entries.push([place.path, value])
  }
  const restored = replaced(event.data, entries)
  if (restored === undefined) {
    return E.left(new PersonalDataCorrupt(event, 'its data lacks a field the sealed value fills'))
  }
  if (opened.commandDigest !== undefined) metadata['commandDigest'] = opened.commandDigest
  return E.right({ ...event, data: restored.data, metadata: metadata as RecordedEvent['metadata'] })
}

/** What a sealed value holds, or `undefined` where it does not authenticate under `key`. */
const decrypt = (
  sealed: SealedPersonalData,
  key: PersonalDataKey,
  aad: Buffer,
): { readonly fields: Json; readonly commandDigest?: string } | undefined => {
  try {
    const ciphertext = Buffer.from(sealed.ciphertext, 'base64url')
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64url'))
    decipher.setAAD(aad)
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16))
    const plaintext = Buffer.concat([
      decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
      decipher.final(),
    ]).toString('utf8')
    const opened = JSON.parse(plaintext) as { fields?: unknown; commandDigest?: unknown }
    if (!isRecord(opened.fields)) return undefined
    return typeof opened.commandDigest === 'string'
      ? { fields: opened.fields, commandDigest: opened.commandDigest }
      : { fields: opened.fields }
  } catch {
    return undefined // a wrong tag, nonce or length: node:crypto throws, the read gets a value
  }
}

/** An opened event, or a rejection: the `EventStore` contract rejects for a row it cannot give. */
const openedOrReject = async (
  event: RecordedEvent,
  lookup: (educatorId: string) => Promise<PersonalDataKey | undefined>,
): Promise<RecordedEvent> => {
  const opened = await open(event, lookup)
  return E.isRight(opened) ? opened.right : Promise.reject(opened.left)
}

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
 * Whose data it is: an `EducatorEnrolled` names its educator; any other event is its stream's,
 * the educator of the stream's `EducatorEnrolled`. A batch with personal data for a stream that
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
    const educatorId = educatorIdIn(event.data)
    if (educatorId !== undefined) subjects.set(event.streamId, educatorId)
  }
  /** The educator of a stream as stored, from its `EducatorEnrolled`. */
  const storedSubject = async (streamId: string): Promise<string | undefined> => {
    const known = subjects.get(streamId)
    if (known !== undefined) return known
    for (const event of await store.readStream(streamId)) {
      remember(event)
      if (event.type === 'EducatorEnrolled') return educatorIdIn(event.data)
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
    // Whose each event is: its own educator for an EducatorEnrolled, else the stream's.
    const sealed: Array<Sealing | EventToAppend> = []
    let current: string | undefined
    let looked = false
    for (const [index, event] of batch.entries()) {
      const own = event.type === 'EducatorEnrolled' ? educatorIdIn(event.data) : undefined
      if (own !== undefined) current = own
      else if (current === undefined && !looked) {
        current = await storedSubject(streamId)
        looked = true
      }
      const educatorId = event.type === 'EducatorEnrolled' ? own : current
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
            event.type === 'EducatorEnrolled' ? 'data.educator.id' : 'type',
            event.type === 'EducatorEnrolled'
              ? 'an EducatorEnrolled needs its educator id, to seal their personal data under their key'
              : `a ${shortened(event.type)} holds personal data, but the stream has no EducatorEnrolled to say whose it is`,
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
 * The sealed personal data a stored event holds (as the store holds it, not through the
 * wrapper), or `undefined` for an event with none: whose it is and under which key. For tools
 * that look at the stored rows (which events an erasure makes unreadable).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { sealedPersonalDataOf } from 'microcred'
 * const metadata = { eventId: 'ev-1', commandId: 'c-1', actorId: 'admin-1', correlationId: 'c-1', causationId: 'c-1', schemaVersion: 1 }
 * const sealed = { v: 1, educatorId: 'edu-1', keyId: 'k-1', iv: 'aXY', ciphertext: 'Y3Q' }
 * const stored = { metadata: { ...metadata, personalData: sealed } }
 * assert.equal(sealedPersonalDataOf(stored)?.educatorId, 'edu-1')
 * assert.equal(sealedPersonalDataOf({ metadata }), undefined)
 */
export const sealedPersonalDataOf = (event: {
  readonly metadata: RecordedEvent['metadata']
}): SealedPersonalData | undefined => {
  const sealed = sealedOf((event.metadata as Json)[sealedPersonalDataField])
  return typeof sealed === 'string' ? undefined : sealed
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
 * The event with its personal fields replaced by `personalDataPlaceholders`: what it reads as
 * once its educator's data is erased. For anonymised copies (a report, a test fixture).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { personalDataPlaceholders, redactPersonalData } from 'microcred'
 * const withdrawn = { type: 'EnrollmentWithdrawn', data: { enrollmentId: 'e1', at: '2027-01-10T16:00:00Z', reason: 'Medical leave', withdrawnBy: 'admin-1' } }
 * const redacted = redactPersonalData(withdrawn)
 * assert.equal(redacted.data.reason, personalDataPlaceholders.text)
 * assert.equal(redacted.data.withdrawnBy, 'admin-1')
 * assert.equal(withdrawn.data.reason, 'Medical leave') // the input is not changed
 */
export const redactPersonalData = <Ev extends { readonly type: string; readonly data: unknown }>(
  event: Ev,
): Ev => {
  const placeholders = (personalFieldsOf(event.type) ?? []).flatMap((field) =>
    pathsIn(field.path, event.data).map(
      (path) => [path, personalDataPlaceholders[field.kind]] as const,
    ),
  )
  return { ...event, data: replaced(event.data, placeholders)?.data ?? event.data }
}

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
