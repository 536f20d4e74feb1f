/**
 * The structure check against the official OB 3.0 schemas: 1EdTech's own examples pass, the broken
 * variants derived from them fail for the right reason, at the right path.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  contextUrls,
  validateBadgeStructure,
  verifyBadge,
  type VerificationError,
} from 'microcred/badge'
import { describe, expect, it } from 'vitest'
import { copy, fixture } from './helpers.js'

const failure = (result: E.Either<VerificationError, unknown>): VerificationError => {
  if (E.isRight(result)) throw new Error('expected a failure')
  return result.left
}

const specExamples = [
  'basicOpenBadgeCredential.json',
  'fullOpenBadge.json',
  'endorsement.json',
  'achievementAlignmentCase.json',
  'achievementAlignmentCe.json',
  'skillAssertionCase.json',
  'skillAssertionCtdl.json',
]
const validatorExamples = [
  'simple.json',
  'complete.json',
  'endorsement-valid.json',
  'simple-did-key-method.json',
]

describe('the official examples', () => {
  it.each(specExamples)('spec/%s validates', (name) => {
    const example = fixture(`spec/${name}`)
    expect(validateBadgeStructure(example)).toEqual(E.right(example))
  })

  it.each(validatorExamples)('validator/%s validates', (name) => {
    const example = fixture(`validator/${name}`)
    expect(validateBadgeStructure(example)).toEqual(E.right(example))
  })

  it('validator/credential-status-revoked.json, a VCDM 1.1 credential, does not', () => {
    const error = failure(
      validateBadgeStructure(fixture('validator/credential-status-revoked.json')),
    )
    expect(error).toMatchObject({ _tag: 'SchemaInvalid', step: 'schema' })
    expect(error.issues).toContainEqual({
      path: '(root)',
      message: "must have required property 'validFrom'",
    })
  })
})

describe('broken variants of the official examples', () => {
  const basic = fixture('spec/basicOpenBadgeCredential.json')
  const full = fixture('spec/fullOpenBadge.json') as {
    credentialSubject: {
      achievement: { image: unknown; alignment: Array<Record<string, unknown>> }
    }
  }

  it('without validFrom: the required property, at the root', () => {
    const broken = copy(basic)
    delete broken['validFrom']
    const error = failure(validateBadgeStructure(broken))
    expect(error._tag).toBe('SchemaInvalid')
    expect(error.issues).toEqual([
      { path: '(root)', message: "must have required property 'validFrom'" },
    ])
    expect(error.message).toContain("at (root): must have required property 'validFrom'")
  })

  it('with the achievement image as a string: must be an Image object', () => {
    const broken = copy(full)
    broken.credentialSubject.achievement.image = 'https://1edtech.edu/achievements/degree/image.png'
    expect(failure(validateBadgeStructure(broken)).issues).toEqual([
      { path: 'credentialSubject.achievement.image', message: 'must be object' },
    ])
  })

  it('with an alignment without targetUrl: the required property, at that alignment', () => {
    const broken = copy(full)
    delete broken.credentialSubject.achievement.alignment[1]?.['targetUrl']
    expect(failure(validateBadgeStructure(broken)).issues).toEqual([
      {
        path: 'credentialSubject.achievement.alignment.1',
        message: "must have required property 'targetUrl'",
      },
    ])
  })

  it('with the VC 1.1 context first: the allowed context, at @context.0', () => {
    const broken = copy(basic)
    broken['@context'] = ['https://www.w3.org/2018/credentials/v1', contextUrls.openBadges]
    expect(failure(validateBadgeStructure(broken)).issues).toEqual([
      {
        path: '@context.0',
        message:
          'must be equal to one of the allowed values: "https://www.w3.org/ns/credentials/v2"',
      },
    ])
  })

  it('with another OB context: the schema allows it, the context step does not', async () => {
    const broken = copy(basic)
    broken['@context'] = [
      contextUrls.credentials,
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
    ]
    expect(E.isRight(validateBadgeStructure(broken))).toBe(true)
    const error = failure(await verifyBadge(broken))
    expect(error).toMatchObject({ _tag: 'ContextInvalid', step: 'context' })
    expect(error.message).toContain(`must be ${contextUrls.openBadges}`)
  })

  it('with a term no context defines: the context step names it', async () => {
    const broken = copy(basic) as { credentialSubject: Record<string, unknown> }
    broken.credentialSubject['favouriteColour'] = 'teal'
    expect(E.isRight(validateBadgeStructure(broken))).toBe(true)
    const error = failure(await verifyBadge(broken))
    expect(error).toMatchObject({ _tag: 'ContextInvalid', step: 'context' })
    expect(error.message).toContain('"favouriteColour" is not defined')
  })

  it('with a subject named by neither id nor identifier', () => {
    const broken = copy(basic) as { credentialSubject: Record<string, unknown> }
    delete broken.credentialSubject['id']
    expect(failure(validateBadgeStructure(broken))).toMatchObject({
      _tag: 'SubjectUnidentified',
      step: 'schema',
    })
  })

  it('an unsigned example passes every step before the proof', async () => {
    expect(failure(await verifyBadge(basic))).toMatchObject({ _tag: 'ProofMissing', step: 'proof' })
  })
})
