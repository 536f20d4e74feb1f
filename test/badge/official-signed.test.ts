/**
 * 1EdTech's signed test credentials (eddsa-rdfc-2022) through verifyBadge, offline: with the key
 * from its did:key, or with the key documents a verifier would fetch from the issuer; and each
 * rejected once a field changes.
 */
import * as E from 'fp-ts/lib/Either.js'
import { verifyBadge, type PublicKeyDocument, type VerificationError } from 'microcred/badge'
import { describe, expect, it } from 'vitest'
import { copy, fixture } from './helpers.js'

/** Before every example's validUntil (2030-01-01). */
const now = new Date('2026-01-01T00:00:00Z')

type Signed = Record<string, unknown> & {
  issuer: { id: string }
  proof: Array<{ verificationMethod: string }>
}
const signed = (name: string) => fixture(`validator/${name}`) as Signed

const failure = (result: E.Either<VerificationError, unknown>): VerificationError => {
  if (E.isRight(result)) throw new Error('expected a failure')
  return result.left
}

/**
 * The key document an https issuer publishes for `<issuer>#<multibase key>`: what a verifier
 * would fetch from the issuer's Profile, supplied here because the example domains do not serve it.
 */
const keyDocumentOf = (credential: Signed): PublicKeyDocument => {
  const id = credential.proof[0]?.verificationMethod ?? ''
  const [controller = '', multibase = ''] = id.split('#')
  return { id, type: 'Multikey', controller, publicKeyMultibase: multibase }
}

describe.each(['simple.json', 'complete.json', 'endorsement-valid.json'])(
  'validator/%s (an https key)',
  (name) => {
    const credential = signed(name)
    const keys = [keyDocumentOf(credential)]

    it('verifies with the key document of its issuer', async () => {
      const result = await verifyBadge(credential, { keys, now })
      expect(result).toMatchObject({
        _tag: 'Right',
        right: {
          format: 'data-integrity',
          key: { id: keys[0]?.id, controller: credential.issuer.id },
          issuer: { id: credential.issuer.id },
        },
      })
    })

    it('cannot be verified without it: the key is not fetched', async () => {
      expect(failure(await verifyBadge(credential, { now }))).toMatchObject({
        _tag: 'KeyUnresolved',
        step: 'proof',
      })
    })

    it('is rejected once its name changes', async () => {
      const changed = copy(credential)
      changed['name'] = `${String(credential['name'])}!`
      expect(failure(await verifyBadge(changed, { keys, now }))).toMatchObject({
        _tag: 'SignatureInvalid',
        step: 'proof',
      })
    })
  },
)

describe('validator/complete.json, in depth', () => {
  const credential = signed('complete.json')
  const keys = [keyDocumentOf(credential)]

  it('is revocable: without a list its revocation is not checked', async () => {
    const result = await verifyBadge(credential, { keys, now })
    expect(E.isRight(result) && result.right.revocation).toBe('notChecked')
  })

  it('is rejected once a nested field changes, or it is expired', async () => {
    const changed = copy(credential) as Signed & { credentialSubject: { creditsEarned: number } }
    changed.credentialSubject.creditsEarned = 43
    expect(failure(await verifyBadge(changed, { keys, now }))._tag).toBe('SignatureInvalid')
    const later = new Date('2030-01-02T00:00:00Z')
    expect(failure(await verifyBadge(credential, { keys, now: later }))._tag).toBe('Expired')
  })
})

describe('validator/simple-did-key-method.json (a did:key)', () => {
  const credential = signed('simple-did-key-method.json')
  const didKey = credential.proof[0]?.verificationMethod ?? ''

  it("has a valid signature by its did:key, read offline, but that key is not its issuer's", async () => {
    const error = failure(await verifyBadge(credential, { now }))
    expect(error).toMatchObject({ _tag: 'KeyNotIssuers', step: 'proof' })
    expect(error.message).toContain('the signature is valid')
    expect(error.message).toContain(credential.issuer.id)
  })

  it('verifies once the verifier trusts the did:key for its issuer', async () => {
    const keys: PublicKeyDocument[] = [
      {
        id: didKey,
        type: 'Multikey',
        controller: credential.issuer.id,
        publicKeyMultibase: didKey.slice('did:key:'.length),
      },
    ]
    const result = await verifyBadge(credential, { keys, now })
    expect(result).toMatchObject({ _tag: 'Right', right: { key: { id: didKey } } })
  })

  it('is rejected once a field changes: the signature fails before the issuer is considered', async () => {
    const changed = copy(credential) as Signed & {
      credentialSubject: { achievement: { name: string } }
    }
    changed.credentialSubject.achievement.name = 'test 2'
    expect(failure(await verifyBadge(changed, { now }))._tag).toBe('SignatureInvalid')
  })
})

describe('validator/credential-status-revoked.json (VCDM 1.1, Ed25519Signature2020)', () => {
  it('is refused at the schema step, as a current verifier must', async () => {
    const error = failure(
      await verifyBadge(fixture('validator/credential-status-revoked.json'), { now }),
    )
    expect(error).toMatchObject({ _tag: 'SchemaInvalid', step: 'schema' })
  })
})
