/**
 * Imported keys, kept between calls: importing a JWK (parsing it, checking it, building the
 * platform's key) costs as much as a signature, and an issuer signs every badge with the same key.
 * A key is found again only by everything that makes it the key: the algorithm and every member
 * of the JWK (private ones included, so a JWK with another `d` is another key), in a canonical
 * form hashed with SHA-256. The cache holds the newest 64 keys; nothing else is kept.
 *
 * @internal
 * @packageDocumentation
 */
import { createHash, type KeyObject } from 'node:crypto'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey'
import { importJWK, type CryptoKey, type JWK } from 'jose'
import { publicJwk, type IssuerKeyPair, type Jwk } from './keys.js'

/** The platform key jose signs and verifies with. */
export type ImportedKey = CryptoKey | KeyObject | Uint8Array

/** How many keys each cache keeps (the least recently used goes first). */
const capacity = 64

/** A JWK's members, as `Object.entries` reads them. */
type Members = ReadonlyArray<readonly [string, unknown]>

/** The JSON of a JWK's members sorted by name: equal keys have equal text. */
const canonical = (members: Members): string =>
  JSON.stringify(Object.fromEntries([...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))

/** The cache key of a JWK's canonical text for a purpose (an algorithm, a key id). */
const keyOf = (text: string, purpose: string): string =>
  createHash('sha256').update(purpose).update('\u0000').update(text).digest('base64url')

/** A JWK object as it was last read for a purpose: its members (all primitives) and cache key. */
interface Seen {
  readonly purpose: string
  readonly members: Members
  readonly key: string
}

/** Made things by cache key (newest last), and the JWK objects last read, with their keys. */
interface KeyCache<A> {
  readonly made: Map<string, Promise<A>>
  readonly seen: WeakMap<object, Seen>
}

const keyCache = <A>(): KeyCache<A> => ({ made: new Map(), seen: new WeakMap() })

const isPrimitive = (value: unknown): boolean =>
  value === null || (typeof value !== 'object' && typeof value !== 'function')

/** Whether a JWK holds the members it held when it was last read, in the same order. */
const sameMembers = (last: Members, now: Members): boolean =>
  last.length === now.length &&
  last.every(([name, value], i) => now[i]?.[0] === name && now[i]?.[1] === value)

/**
 * What `make` makes of a JWK for `purpose`, made once per JWK and purpose and kept (the newest
 * 64 in each cache). The JWK is read once, into a plain copy: what is made is what the cache key
 * names, whatever the caller's object does later. A failure is not kept. The same JWK object
 * read again, holding the very members it held (strings and numbers, compared one by one), is
 * found by the key it had, without writing and hashing its canonical text again.
 */
const once = async <A>(
  cache: KeyCache<A>,
  jwk: Jwk,
  purpose: string,
  make: (copy: Jwk) => Promise<A>,
): Promise<A> => {
  const members: Members = Object.entries(jwk)
  const last = cache.seen.get(jwk)
  const seenKey =
    last !== undefined && last.purpose === purpose && sameMembers(last.members, members)
      ? last.key
      : undefined
  const key = seenKey ?? keyOf(canonical(members), purpose)
  if (seenKey === undefined && members.every(([, value]) => isPrimitive(value)))
    cache.seen.set(jwk, { purpose, members, key })
  const known = cache.made.get(key)
  if (known !== undefined) {
    // Most recently used last: a Map iterates in insertion order.
    cache.made.delete(key)
    cache.made.set(key, known)
    return known
  }
  const making = make(JSON.parse(canonical(members)) as Jwk)
  cache.made.set(key, making)
  making.catch(() => {
    if (cache.made.get(key) === making) cache.made.delete(key)
  })
  while (cache.made.size > capacity) {
    const oldest = cache.made.keys().next().value
    if (oldest === undefined) break
    cache.made.delete(oldest)
  }
  return making
}

const imported = keyCache<ImportedKey>()

/**
 * jose's `importJWK(jwk, alg)`, once per key: later calls with an equal JWK (every member the
 * same) and the same algorithm get the same imported key. A failed import is not kept: it
 * rejects, as jose's does, every time (as does a JWK that cannot be read as JSON).
 */
export const importJwkOnce = (jwk: Jwk, alg: string): Promise<ImportedKey> =>
  once(imported, jwk, alg, (copy) => importJWK(copy as JWK, alg))

/**
 * `importJwkOnce` of the public part of a JWK (`publicJwk`: no `d`, `p`, `q`, ...), kept under
 * the whole JWK, so that a verifier's key document is found again by the object it passes.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { generateIssuerKey } from 'microcred/badge'
 * const key = await generateIssuerKey('ES256', { controller: 'https://achieve.lausd.net/microcred/issuer' })
 * const imported = await importPublicJwkOnce(key.privateKeyJwk, 'ES256') // d is left out
 * assert.equal(await importPublicJwkOnce(key.privateKeyJwk, 'ES256'), imported) // found again
 * assert.equal(await importPublicJwkOnce({ ...key.privateKeyJwk }, 'ES256'), imported) // an equal JWK
 */
export const importPublicJwkOnce = (jwk: Jwk, alg: string): Promise<ImportedKey> =>
  once(imported, jwk, `public\u0000${alg}`, (copy) => importJWK(publicJwk(copy) as JWK, alg))

const ed25519KeyPairs = keyCache<Ed25519KeyPair>()

/** An `IssuerKeyPair`'s Ed25519 private key as a Multikey key pair, to sign with; once per key. */
export const ed25519KeyPairOnce = (keyPair: IssuerKeyPair): Promise<Ed25519KeyPair> =>
  once(ed25519KeyPairs, keyPair.privateKeyJwk, `${keyPair.id}\u0000${keyPair.controller}`, (jwk) =>
    Ed25519Multikey.fromJwk({
      jwk,
      secretKey: true,
      id: keyPair.id,
      controller: keyPair.controller,
    }),
  )

const ed25519Jwks = new Map<string, Jwk>()

/**
 * The public JWK (`OKP`, `Ed25519`) of an Ed25519 `publicKeyMultibase` (`z6Mk...`), converted once
 * per key (the newest 64 are kept) and frozen, so that the same object is found again by
 * `importJwkOnce`; `undefined` when it is not an Ed25519 Multikey.
 */
export const ed25519JwkOfMultibase = async (multibase: string): Promise<Jwk | undefined> => {
  const known = ed25519Jwks.get(multibase)
  if (known !== undefined) return known
  // The Ed25519 multicodec prefix and 32 bytes of key, in base58btc, always read z6Mk + 44 digits.
  if (!/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/.test(multibase)) return undefined
  let exported: Jwk
  try {
    const keyPair = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: multibase })
    exported = (await Ed25519Multikey.toJwk({ keyPair })) as Jwk
  } catch {
    return undefined
  }
  const { kty, crv, x } = exported
  if (
    kty !== 'OKP' ||
    crv !== 'Ed25519' ||
    x === undefined ||
    Buffer.from(x, 'base64url').length !== 32
  )
    return undefined
  const jwk: Jwk = Object.freeze({ kty, crv, x })
  ed25519Jwks.set(multibase, jwk)
  while (ed25519Jwks.size > capacity) {
    const oldest = ed25519Jwks.keys().next().value
    if (oldest === undefined) break
    ed25519Jwks.delete(oldest)
  }
  return jwk
}
