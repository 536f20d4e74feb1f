/**
 * Properties of signing and verifying over random credentials (badges of random earned
 * histories): every signed badge verifies, and any single changed character of a VC-JWT, or any
 * changed field of either format, is rejected. Signing is slow, so the runs are few.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  buildOpenBadgeCredential,
  signBadgeDataIntegrity,
  signBadgeJwt,
  verifyBadge,
  type OpenBadgeCredential,
} from 'microcred/badge'
import { journeyArbitrary, runSteps } from 'microcred/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { issuer, issuerKeys, now } from './helpers.js'

let k: Awaited<ReturnType<typeof issuerKeys>>
beforeAll(async () => {
  k = await issuerKeys()
})

const credentialArbitrary: fc.Arbitrary<OpenBadgeCredential> = fc
  .tuple(
    journeyArbitrary(),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 32 }),
  )
  .map(([journey, salt]) => {
    const built = buildOpenBadgeCredential(runSteps(journey.steps).state, journey.program, issuer, {
      salt,
    })
    if (E.isLeft(built)) throw new Error(built.left.message)
    return built.right
  })

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The paths of every leaf (string, number, boolean) of a JSON value. */
const leaves = (
  value: Json,
  path: ReadonlyArray<string | number> = [],
): Array<Array<string | number>> =>
  Array.isArray(value)
    ? value.flatMap((item, i) => leaves(item, [...path, i]))
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]))
      : [[...path]]

/** A copy of `value` whose leaf at `path` holds a different value of the same kind. */
const changeLeaf = (value: Json, path: ReadonlyArray<string | number>): Json => {
  const copy = structuredClone(value)
  let parent = copy as Record<string | number, Json>
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>
  const last = path[path.length - 1] ?? ''
  const leaf = parent[last]
  parent[last] = typeof leaf === 'string' ? `${leaf}x` : typeof leaf === 'number' ? leaf + 1 : !leaf
  return copy
}

const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

describe('VC-JWT (RS256, ES256)', () => {
  it('every signed badge verifies; any single changed character, or changed field, is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        credentialArbitrary,
        fc.constantFrom('RS256' as const, 'ES256' as const),
        fc.nat(),
        fc.nat({ max: base64url.length - 2 }),
        fc.nat(),
        async (credential, alg, at, shift, field) => {
          const key = alg === 'RS256' ? k.rs256 : k.es256
          const signed = await signBadgeJwt(credential, {
            privateKey: key.privateKeyJwk,
            kid: key.id,
            alg,
          })
          if (E.isLeft(signed)) throw new Error(signed.left.message)
          const jwt = signed.right
          expect(E.isRight(await verifyBadge(jwt, { keys: k.keys, now }))).toBe(true)

          // One character, anywhere but a separator, becomes another base64url character.
          const positions = [...jwt].flatMap((c, i) => (c === '.' ? [] : [i]))
          const i = positions[at % positions.length] ?? 0
          const original = base64url.indexOf(jwt.charAt(i))
          const replacement = base64url.charAt((original + 1 + shift) % base64url.length)
          const changed = `${jwt.slice(0, i)}${replacement}${jwt.slice(i + 1)}`
          expect(changed).not.toBe(jwt)
          expect(E.isLeft(await verifyBadge(changed, { keys: k.keys, now }))).toBe(true)

          // One field of the payload changes; header and signature are kept.
          const [header, payload = '', signature] = jwt.split('.')
          const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json
          const paths = leaves(claims)
          const forged = changeLeaf(claims, paths[field % paths.length] ?? [])
          const body = Buffer.from(JSON.stringify(forged)).toString('base64url')
          const result = await verifyBadge(`${header}.${body}.${signature}`, { keys: k.keys, now })
          expect(E.isLeft(result)).toBe(true)
        },
      ),
      { numRuns: 15 },
    )
  }, 60_000)
})

describe('Data Integrity (eddsa-rdfc-2022)', () => {
  it('every signed badge verifies; any changed field is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(credentialArbitrary, fc.nat(), async (credential, field) => {
        const signed = await signBadgeDataIntegrity(credential, { keyPair: k.ed25519 })
        if (E.isLeft(signed)) throw new Error(signed.left.message)
        expect(E.isRight(await verifyBadge(signed.right, { keys: k.keys, now }))).toBe(true)
        const json = signed.right as unknown as Json
        const paths = leaves(json)
        const path = paths[field % paths.length] ?? []
        const result = await verifyBadge(changeLeaf(json, path), { keys: k.keys, now })
        if (E.isRight(result)) throw new Error(`changing ${path.join('.')} went unnoticed`)
      }),
      { numRuns: 8 },
    )
  }, 60_000)
})
