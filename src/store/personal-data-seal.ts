/**
 * Sealing an event's personal data under its educator's key (AES-256-GCM, bound to the stream,
 * event, educator and key) into `metadata.personalData`, and opening it again on read.
 *
 * Internal: its public members are re-exported by name from the store's index.
 *
 * @internal
 * @packageDocumentation
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import {
  isRecord,
  pathsIn,
  personalDataPlaceholders,
  personalFieldsOf,
  replaced,
  fieldOf,
  valueAt,
  type Json,
  type Segment,
} from './personal-data-fields.js'
import type { PersonalDataKey, PersonalDataKeys } from './personal-data-keys.js'
import type { EventToAppend, RecordedEvent } from './recorded-event.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

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

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** The longest part of an id quoted in a message. */
const maxQuoted = 200

export const shortened = (text: string): string =>
  text.length <= maxQuoted ? text : `${text.slice(0, maxQuoted)}... (${text.length} characters)`

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

// -------------------------------------------------------------------------------------
// sealing and opening (internal)
// -------------------------------------------------------------------------------------

/** An event sealed for the store, and what it sealed (to give back with the append's result). */
export interface Sealing {
  readonly event: EventToAppend
  readonly values: ReadonlyArray<readonly [ReadonlyArray<Segment>, unknown]>
  readonly commandDigest?: string
}

/** Seals the personal fields and digest of `event` under `key`, leaving placeholders. */
export const seal = (
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
export const lookupOnce = (keys: PersonalDataKeys) => {
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
export const openedOrReject = async (
  event: RecordedEvent,
  lookup: (educatorId: string) => Promise<PersonalDataKey | undefined>,
): Promise<RecordedEvent> => {
  const opened = await open(event, lookup)
  return E.isRight(opened) ? opened.right : Promise.reject(opened.left)
}

// -------------------------------------------------------------------------------------
// utils
// -------------------------------------------------------------------------------------

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
