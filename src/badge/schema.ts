/**
 * Structure: a credential checked against 1EdTech's official JSON Schema (draft 2019-09, bundled)
 * for its type (`AchievementCredential`/`OpenBadgeCredential`, or `EndorsementCredential`), with
 * ajv; and the OB 3.0 rule that its subject is identified by an `id` and/or an `identifier`.
 *
 * @packageDocumentation
 */
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js'
import addFormatsModule from 'ajv-formats'
import * as E from 'fp-ts/lib/Either.js'
import type { DecodeIssue } from '../codec.js'
import { verificationError, type VerificationError } from './errors.js'
import { asArray, isObject, type JsonObject } from './internal.js'
import achievementSchema from './schema/achievementcredential.json' with { type: 'json' }
import endorsementSchema from './schema/endorsementcredential.json' with { type: 'json' }

type Kind = 'achievement' | 'endorsement'
const schemas = { achievement: achievementSchema, endorsement: endorsementSchema }
const compiled = new Map<Kind, ValidateFunction>()

/** The compiled validator of a schema: compiling takes a while, so it is done once, when needed. */
const validatorFor = (kind: Kind): ValidateFunction => {
  const known = compiled.get(kind)
  if (known !== undefined) return known
  // `strictTuples: false`: the schemas give `@context` an items tuple with additionalItems.
  const ajv = new Ajv2019({ allErrors: true, strictTuples: false })
  addFormatsModule.default(ajv)
  const validate = ajv.compile(schemas[kind])
  compiled.set(kind, validate)
  return validate
}

/** `/credentialSubject/achievement/alignment/0` as `credentialSubject.achievement.alignment.0`. */
const pathOf = (pointer: string): string =>
  pointer === ''
    ? '(root)'
    : pointer
        .slice(1)
        .split('/')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
        .join('.')

const messageOf = (error: ErrorObject): string => {
  const params = error.params as Readonly<Record<string, unknown>>
  const allowed = params['allowedValues']
  return Array.isArray(allowed)
    ? `${error.message ?? 'is invalid'}: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`
    : (error.message ?? 'is invalid')
}

/**
 * Ajv's errors as issues, most specific first: a `oneOf`/`anyOf` summary is dropped where a
 * branch already said what is wrong at the same place.
 */
const issuesOf = (errors: ReadonlyArray<ErrorObject>): DecodeIssue[] => {
  const specific = errors.filter(
    (e) =>
      !(e.keyword === 'oneOf' || e.keyword === 'anyOf') ||
      !errors.some((other) => other !== e && other.instancePath === e.instancePath),
  )
  const seen = new Set<string>()
  return specific.flatMap((e) => {
    const issue = { path: pathOf(e.instancePath), message: messageOf(e) }
    const key = `${issue.path}\u0000${issue.message}`
    if (seen.has(key)) return []
    seen.add(key)
    return [issue]
  })
}

/** Which official schema applies to a credential, by its `type`. */
const kindOf = (credential: JsonObject): Kind =>
  asArray(credential['type']).includes('EndorsementCredential') ? 'endorsement' : 'achievement'

/**
 * Checks a credential's structure as the OB 3.0 verifier's first step does: against the official
 * JSON Schema for its type, then that its `credentialSubject` has an `id` or an `identifier`.
 * A failure is `SchemaInvalid` (every violation, with its path in the credential) or
 * `SubjectUnidentified`, at step `schema`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { validateBadgeStructure } from 'microcred/badge'
 * const result = validateBadgeStructure({ type: ['VerifiableCredential', 'OpenBadgeCredential'] })
 * assert.ok(E.isLeft(result))
 * assert.equal(result.left.step, 'schema')
 * assert.equal(result.left._tag, 'SchemaInvalid')
 * assert.match(result.left.message, /^the credential does not match the official AchievementCredential schema: at /)
 */
export const validateBadgeStructure = (
  credential: unknown,
): E.Either<VerificationError, JsonObject> => {
  if (!isObject(credential))
    return E.left(verificationError('schema', 'SchemaInvalid', 'a credential is a JSON object'))
  const kind = kindOf(credential)
  const validate = validatorFor(kind)
  if (!validate(credential)) {
    const issues = issuesOf(validate.errors ?? [])
    const shown = issues
      .slice(0, 5)
      .map((issue) => `at ${issue.path}: ${issue.message}`)
      .join('; ')
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''
    return E.left(
      verificationError(
        'schema',
        'SchemaInvalid',
        `the credential does not match the official ${kind === 'achievement' ? 'AchievementCredential' : 'EndorsementCredential'} schema: ${shown}${more}`,
        issues,
      ),
    )
  }
  const subject = credential['credentialSubject']
  if (
    kind === 'achievement' &&
    isObject(subject) &&
    subject['id'] === undefined &&
    asArray(subject['identifier']).length === 0
  )
    return E.left(
      verificationError(
        'schema',
        'SubjectUnidentified',
        'the credentialSubject has neither an id nor an identifier: nobody can tell whom the badge was awarded to',
      ),
    )
  return E.right(credential)
}
