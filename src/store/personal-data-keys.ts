/**
 * The keys that make personal data erasable: one random AES-256 key per educator, kept apart
 * from the log. `protectPersonalData` seals an educator's personal data under their key;
 * deleting the key (`erasePersonalData`) leaves ciphertext nobody can open. The port is
 * `PersonalDataKeys`; here is its in-memory adapter, and `microcred/postgres` has the table.
 *
 * @packageDocumentation
 */
import { randomBytes, randomUUID } from 'node:crypto'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The length of a personal data key in bytes: AES-256.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { personalDataKeyBytes } from 'microcred'
 * assert.equal(personalDataKeyBytes * 8, 256)
 */
export const personalDataKeyBytes = 32

/**
 * One educator's key: `keyId` (a random UUID, stored beside each sealed event, so an event sealed
 * under an erased key is never opened with a later key of the same educator) and the 32 bytes.
 */
export interface PersonalDataKey {
  readonly keyId: string
  readonly key: Uint8Array
}

/**
 * Where the per-educator keys live. Every method may reject when the store behind it fails; a
 * store must make `keyFor` give every concurrent caller the same key for the same educator, and
 * `erase` must really delete (no "deleted" flag beside a key that is still there).
 */
export interface PersonalDataKeys {
  /** The educator's key, made (32 random bytes, a new key id) if they have none. */
  readonly keyFor: (educatorId: string) => Promise<PersonalDataKey>
  /** The educator's key, or `undefined` if they have none (never had one, or it was erased). */
  readonly find: (educatorId: string) => Promise<PersonalDataKey | undefined>
  /** Deletes the educator's key; resolves whether there was one. */
  readonly erase: (educatorId: string) => Promise<boolean>
  /**
   * Removes what the store still keeps of deleted keys, where it keeps anything (PostgreSQL:
   * `VACUUM FULL` of the table, so dead rows do not linger in its data file). Optional.
   */
  readonly purge?: () => Promise<void>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A new key: 32 bytes from the operating system's random source and a random key id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { newPersonalDataKey } from 'microcred'
 * const a = newPersonalDataKey()
 * assert.equal(a.key.length, 32)
 * assert.match(a.keyId, /^[0-9a-f-]{36}$/)
 * assert.notEqual(newPersonalDataKey().keyId, a.keyId)
 */
export const newPersonalDataKey = (): PersonalDataKey => ({
  keyId: randomUUID(),
  key: new Uint8Array(randomBytes(personalDataKeyBytes)),
})

/**
 * Keys in a `Map` of this process: for tests, and for an in-memory store (whose events die with
 * the process anyway). Erasing deletes the entry.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { createInMemoryPersonalDataKeys } from 'microcred'
 * const keys = createInMemoryPersonalDataKeys()
 * const key = await keys.keyFor('edu-1')
 * assert.equal((await keys.keyFor('edu-1')).keyId, key.keyId) // the same key every time
 * assert.equal((await keys.find('edu-1'))?.keyId, key.keyId)
 * assert.equal(await keys.erase('edu-1'), true)
 * assert.equal(await keys.find('edu-1'), undefined)
 * assert.equal(await keys.erase('edu-1'), false) // nothing left to erase
 */
export const createInMemoryPersonalDataKeys = (): PersonalDataKeys => {
  const keys = new Map<string, PersonalDataKey>()
  return {
    keyFor: async (educatorId) => {
      const existing = keys.get(educatorId)
      if (existing !== undefined) return existing
      const created = newPersonalDataKey()
      keys.set(educatorId, created)
      return created
    },
    find: async (educatorId) => keys.get(educatorId),
    erase: async (educatorId) => keys.delete(educatorId),
  }
}
