/**
 * The Open Badges 3.0 credential microcred issues: an `OpenBadgeCredential` (a W3C Verifiable
 * Credential 2.0) whose subject is an educator who earned a micro-credential. Each shape is an
 * io-ts codec of exactly what microcred writes, in the OB 3.0 data model's names; the types are
 * `t.TypeOf` of the codecs.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { IsoDateTime, NonEmptyString, NonNegativeNumber, Url } from '../codec.js'

// -------------------------------------------------------------------------------------
// vocabulary
// -------------------------------------------------------------------------------------

/**
 * The JSON-LD context URLs of an Open Badges 3.0 credential, in the order a credential lists them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { contextUrls } from 'microcred/badge'
 * assert.deepEqual(Object.values(contextUrls), [
 *   'https://www.w3.org/ns/credentials/v2',
 *   'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
 *   'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
 * ])
 */
export const contextUrls = {
  /** The W3C Verifiable Credentials Data Model 2.0 context: always first. */
  credentials: 'https://www.w3.org/ns/credentials/v2',
  /** The Open Badges 3.0.3 context: always second. */
  openBadges: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  /** 1EdTech's extensions, which define `1EdTechRevocationList` and `1EdTechJsonSchemaValidator2019`. */
  extensions: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
} as const

/**
 * Where 1EdTech publishes the JSON Schema of an `AchievementCredential` (`OpenBadgeCredential`):
 * named in `credentialSchema`, and bundled in microcred for offline validation.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { achievementCredentialSchemaUrl } from 'microcred/badge'
 * assert.equal(
 *   achievementCredentialSchemaUrl,
 *   'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
 * )
 */
export const achievementCredentialSchemaUrl =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'

/** A one-item `type` array, as OB 3.0 writes types: `['Achievement']`. */
const typeOf = <K extends string>(name: K) => t.tuple([t.literal(name)])

// -------------------------------------------------------------------------------------
// issuer
// -------------------------------------------------------------------------------------

/**
 * The district as an issuer, as the caller describes it: `id` (a URL where its Profile is
 * published), `name`, and optionally a web site, contact email, description and logo.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Issuer } from 'microcred/badge'
 * const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }
 * assert.equal(Issuer.is(issuer), true)
 * assert.equal(Issuer.is({ ...issuer, imageUrl: 'https://achieve.lausd.net/logo.png' }), true)
 * assert.equal(Issuer.is({ ...issuer, id: 'lausd' }), false) // the id is a URL
 */
export const Issuer = t.intersection(
  [
    t.type({ id: Url, name: NonEmptyString }),
    t.partial({ url: Url, email: NonEmptyString, description: NonEmptyString, imageUrl: Url }),
  ],
  'Issuer',
)
/** The district as an issuer. */
export type Issuer = t.TypeOf<typeof Issuer>

/**
 * An OB 3.0 `Image`: the URL of a picture, with a caption.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Image } from 'microcred/badge'
 * const image = { id: 'https://achieve.lausd.net/microcred/badges/steam.png', type: 'Image' }
 * assert.equal(Image.is(image), true)
 * assert.equal(Image.is({ ...image, type: 'Picture' }), false)
 */
export const Image = t.intersection(
  [t.type({ id: Url, type: t.literal('Image') }), t.partial({ caption: NonEmptyString })],
  'Image',
)
/** An OB 3.0 `Image`. */
export type Image = t.TypeOf<typeof Image>

/**
 * An OB 3.0 `Profile`: who issued the credential (and who created the achievement).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Profile } from 'microcred/badge'
 * assert.equal(Profile.is({ id: 'https://achieve.lausd.net/microcred/issuer', type: ['Profile'], name: 'LAUSD' }), true)
 * assert.equal(Profile.is({ id: 'https://achieve.lausd.net/microcred/issuer', type: 'Profile', name: 'LAUSD' }), false) // an array
 */
export const Profile = t.intersection(
  [
    t.type({ id: Url, type: typeOf('Profile'), name: NonEmptyString }),
    t.partial({ url: Url, email: NonEmptyString, description: NonEmptyString, image: Image }),
  ],
  'Profile',
)
/** An OB 3.0 `Profile`. */
export type Profile = t.TypeOf<typeof Profile>

/**
 * The issuer's OB 3.0 `Profile`, as credentials show it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { profileOf } from 'microcred/badge'
 * assert.deepEqual(profileOf({ id: 'https://achieve.lausd.net/microcred/issuer', name: 'LAUSD' }), {
 *   id: 'https://achieve.lausd.net/microcred/issuer',
 *   type: ['Profile'],
 *   name: 'LAUSD',
 * })
 * const withLogo = profileOf({ id: 'https://achieve.lausd.net/microcred/issuer', name: 'LAUSD', imageUrl: 'https://achieve.lausd.net/logo.png' })
 * assert.deepEqual(withLogo.image, { id: 'https://achieve.lausd.net/logo.png', type: 'Image', caption: 'LAUSD' })
 */
export const profileOf = (issuer: Issuer): Profile => ({
  id: issuer.id,
  type: ['Profile'],
  name: issuer.name,
  ...(issuer.url === undefined ? {} : { url: issuer.url }),
  ...(issuer.email === undefined ? {} : { email: issuer.email }),
  ...(issuer.description === undefined ? {} : { description: issuer.description }),
  ...(issuer.imageUrl === undefined
    ? {}
    : { image: { id: issuer.imageUrl, type: 'Image' as const, caption: issuer.name } }),
})

// -------------------------------------------------------------------------------------
// achievement
// -------------------------------------------------------------------------------------

const Alignment = t.intersection([
  t.type({ type: typeOf('Alignment'), targetName: NonEmptyString, targetUrl: Url }),
  t.partial({
    targetCode: NonEmptyString,
    targetDescription: NonEmptyString,
    targetFramework: NonEmptyString,
  }),
])

const ResultDescription = t.type({
  id: Url,
  type: typeOf('ResultDescription'),
  name: NonEmptyString,
  resultType: NonEmptyString,
})

const Achievement = t.type({
  id: Url,
  type: typeOf('Achievement'),
  achievementType: t.literal('MicroCredential'),
  name: NonEmptyString,
  description: NonEmptyString,
  criteria: t.type({ narrative: NonEmptyString }),
  image: Image,
  alignment: t.array(Alignment),
  creator: Profile,
  /** The credit hours the achievement carries: the hours it requires. */
  creditsAvailable: NonNegativeNumber,
  resultDescription: t.array(ResultDescription),
  version: NonEmptyString,
})

const IdentityObject = t.type({
  type: t.literal('IdentityObject'),
  identityHash: NonEmptyString,
  identityType: t.literal('emailAddress'),
  hashed: t.literal(true),
  salt: NonEmptyString,
})

const AchievementSubject = t.type({
  id: Url,
  type: typeOf('AchievementSubject'),
  identifier: t.array(IdentityObject),
  achievement: Achievement,
  activityStartDate: IsoDateTime,
  activityEndDate: IsoDateTime,
  /** The credit hours earned. */
  creditsEarned: NonNegativeNumber,
  result: t.array(t.type({ type: typeOf('Result'), resultDescription: Url, value: t.string })),
})

/**
 * One piece of evidence: an EOLA's accepted work or the capstone, with a link to it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Evidence } from 'microcred/badge'
 * const evidence = {
 *   id: 'https://evidence.lausd.net/enr-1/steam-eola-1/2',
 *   type: ['Evidence'],
 *   name: 'Design Challenge Lesson',
 *   genre: 'lessonPlan',
 * }
 * assert.equal(Evidence.is(evidence), true)
 * assert.equal(Evidence.is({ ...evidence, name: '' }), false)
 */
export const Evidence = t.intersection(
  [
    t.type({ id: Url, type: typeOf('Evidence'), name: NonEmptyString, genre: NonEmptyString }),
    t.partial({ description: NonEmptyString, narrative: NonEmptyString }),
  ],
  'Evidence',
)
/** One piece of evidence: an EOLA's accepted work or the capstone, with a link to it. */
export type Evidence = t.TypeOf<typeof Evidence>

// -------------------------------------------------------------------------------------
// credential
// -------------------------------------------------------------------------------------

/**
 * An unsigned `OpenBadgeCredential` as microcred builds it: the VC 2.0 and OB 3.0.3 contexts, the
 * issuer's Profile, `validFrom` (when the credential was earned), the educator as an
 * `AchievementSubject` known by a salted hash of their email, the `Achievement` (type
 * `MicroCredential`: criteria, standards as alignments, image, credit hours, salary points as a
 * result), the evidence, the official schema and the issuer's revocation list.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, foldEnrollment, lausdPolicy, requirementsOf } from 'microcred'
 * import { OpenBadgeCredential, buildOpenBadgeCredential } from 'microcred/badge'
 * assert.equal(OpenBadgeCredential.is({ id: 'https://example.org/credentials/1' }), false) // far from complete
 * const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }
 * const earned = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam',
 *     programVersion: 1, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 *   // ...the hours, grades and capstone of the journey, then:
 *   { type: 'CredentialEarned', data: { enrollmentId: 'enr-1', at: '2027-05-01T16:00:00Z', credentialId: 'credential-enr-1',
 *     hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 } },
 * ])
 * const badge = buildOpenBadgeCredential(earned, catalog.steam, issuer, { salt: 'f3a9c2d4e5b6a7c8' })
 * assert.ok(E.isRight(badge))
 * assert.equal(OpenBadgeCredential.is(badge.right), true)
 */
export const OpenBadgeCredential = t.intersection(
  [
    t.type({
      '@context': t.tuple([
        t.literal(contextUrls.credentials),
        t.literal(contextUrls.openBadges),
        t.literal(contextUrls.extensions),
      ]),
      id: Url,
      type: t.tuple([t.literal('VerifiableCredential'), t.literal('OpenBadgeCredential')]),
      name: NonEmptyString,
      description: NonEmptyString,
      issuer: Profile,
      validFrom: IsoDateTime,
      credentialSubject: AchievementSubject,
      evidence: t.array(Evidence),
      credentialSchema: t.tuple([
        t.type({
          id: t.literal(achievementCredentialSchemaUrl),
          type: t.literal('1EdTechJsonSchemaValidator2019'),
        }),
      ]),
      credentialStatus: t.type({ id: Url, type: t.literal('1EdTechRevocationList') }),
    }),
    t.partial({ validUntil: IsoDateTime }),
  ],
  'OpenBadgeCredential',
)
/** An unsigned `OpenBadgeCredential` as microcred builds it. */
export type OpenBadgeCredential = t.TypeOf<typeof OpenBadgeCredential>

/**
 * An embedded Data Integrity proof with the `eddsa-rdfc-2022` cryptosuite.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { DataIntegrityProof } from 'microcred/badge'
 * assert.equal(DataIntegrityProof.is({ type: 'DataIntegrityProof' }), false) // no cryptosuite, key or value
 * const proof = {
 *   type: 'DataIntegrityProof',
 *   cryptosuite: 'eddsa-rdfc-2022',
 *   verificationMethod: 'https://achieve.lausd.net/microcred/issuer#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
 *   proofPurpose: 'assertionMethod',
 *   proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKFkrPTCTkYtBr5pA',
 * }
 * assert.equal(DataIntegrityProof.is(proof), true)
 * assert.equal(DataIntegrityProof.is({ ...proof, cryptosuite: 'ecdsa-rdfc-2019' }), false) // eddsa-rdfc-2022 only
 */
export const DataIntegrityProof = t.intersection(
  [
    t.type({
      type: t.literal('DataIntegrityProof'),
      cryptosuite: t.literal('eddsa-rdfc-2022'),
      verificationMethod: Url,
      proofPurpose: t.literal('assertionMethod'),
      proofValue: NonEmptyString,
    }),
    t.partial({ created: IsoDateTime }),
  ],
  'DataIntegrityProof',
)
/** An embedded `eddsa-rdfc-2022` Data Integrity proof. */
export type DataIntegrityProof = t.TypeOf<typeof DataIntegrityProof>

/** An `OpenBadgeCredential` with its embedded Data Integrity proof (as an array, as OB 3.0.3 writes it). */
export type SignedOpenBadgeCredential = OpenBadgeCredential & {
  readonly proof: ReadonlyArray<DataIntegrityProof>
}
