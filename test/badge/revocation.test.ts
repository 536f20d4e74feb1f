/**
 * The revocation list, projected from the log: the badges an administrator revoked, at the URL
 * every badge names, and verifyBadge honouring it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { catalog, createInMemoryEventStore, enrollment, handleCommand } from 'microcred'
import {
  buildRevocationList,
  RevocationList,
  signBadgeDataIntegrity,
  verifyBadge,
} from 'microcred/badge'
import { runSteps } from 'microcred/testing'
import { describe, expect, it } from 'vitest'
import { badgeOf, byAdministrator, earnedJourney, issuer, issuerKeys, now } from './helpers.js'

const revoke = (enrollmentId: string, reason: string, at: string) =>
  byAdministrator({ type: 'RevokeCredential', data: { enrollmentId, reason } }, at)

describe('buildRevocationList', () => {
  const a = earnedJourney(catalog.steam, 1)
  const b = earnedJourney(catalog.steam, 2, 'enrollment-2')
  const runA = runSteps([
    ...a.steps,
    revoke(a.enrollmentId, 'Issued in error', '2027-01-01T00:00:00Z'),
  ])
  const runB = runSteps(b.steps)

  it('lists the revoked credentials of the log by the URL of their badge, and nothing else', () => {
    const list = buildRevocationList([...runA.events, ...runB.events], { issuer })
    expect(RevocationList.is(list)).toBe(true)
    expect(list).toEqual({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      ],
      id: `${issuer.id}/revocations`,
      issuer: issuer.id,
      revokedCredentials: [{ id: badgeOf(a).id, revoked: true }],
    })
    expect(list.id).toBe(badgeOf(a).credentialStatus.id)
  })

  it('publishes reasons only when asked to', () => {
    const list = buildRevocationList(runA.events, { issuer, reasons: true })
    expect(list.revokedCredentials).toEqual([
      { id: badgeOf(a).id, revoked: true, revocationReason: 'Issued in error' },
    ])
  })

  it('follows the base URL badges were built with', () => {
    const baseUrl = 'https://badges.lausd.net'
    const list = buildRevocationList(runA.events, { issuer, baseUrl })
    const badge = badgeOf(a, { salt: 's', baseUrl })
    expect(list.id).toBe(badge.credentialStatus.id)
    expect(list.revokedCredentials[0]?.id).toBe(badge.id)
  })

  it('reads a stored log (RecordedEvents from readAll) and counts a credential once', async () => {
    const store = createInMemoryEventStore()
    for (const step of [
      ...a.steps,
      revoke(a.enrollmentId, 'Issued in error', '2027-01-01T00:00:00Z'),
    ]) {
      expect(E.isRight(await handleCommand(store, enrollment, step.command, step.context))).toBe(
        true,
      )
    }
    const recorded = []
    for await (const event of store.readAll()) recorded.push(event)
    const list = buildRevocationList([...recorded, ...recorded], { issuer })
    expect(list.revokedCredentials).toEqual([{ id: badgeOf(a).id, revoked: true }])
  })

  it('makes verifyBadge refuse the revoked badge and accept the others', async () => {
    const { ed25519, keys } = await issuerKeys()
    const list = buildRevocationList([...runA.events, ...runB.events], { issuer })
    const sign = async (credential: ReturnType<typeof badgeOf>) => {
      const signed = await signBadgeDataIntegrity(credential, { keyPair: ed25519 })
      if (E.isLeft(signed)) throw new Error(signed.left.message)
      return signed.right
    }
    const revoked = await verifyBadge(await sign(badgeOf(a)), { keys, now, revocationList: list })
    expect(revoked).toMatchObject({ _tag: 'Left', left: { _tag: 'Revoked', step: 'revocation' } })
    const kept = await verifyBadge(await sign(badgeOf(b)), { keys, now, revocationList: list })
    expect(kept).toMatchObject({ _tag: 'Right', right: { revocation: 'notRevoked' } })
    const notAList = await verifyBadge(await sign(badgeOf(b)), {
      keys,
      now,
      revocationList: { id: list.id } as RevocationList,
    })
    expect(notAList).toMatchObject({ _tag: 'Left', left: { _tag: 'RevocationListInvalid' } })
  })
})
