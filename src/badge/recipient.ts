/**
 * The recipient: an educator is named in a badge by a salted SHA-256 hash of their email address
 * (an OB 3.0 `IdentityObject`), never by the address itself. Anyone who knows the address and
 * reads the salt from the badge can check that it names that educator.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import { asArray, isObject, stringAt } from './internal.js'

/**
 * An email address as microcred hashes it: trimmed and lower-cased, so that `Maria.Lopez@LAUSD.net`
 * and `maria.lopez@lausd.net` name the same educator.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { normalizeEmail } from 'microcred/badge'
 * assert.equal(normalizeEmail(' Maria.Lopez@LAUSD.net '), 'maria.lopez@lausd.net')
 */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase()

/**
 * The OB 3.0 `IdentityHash` of an email address: `sha256$` and the hex SHA-256 of the normalized
 * address followed by the salt.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { createHash } from 'node:crypto'
 * import { identityHash } from 'microcred/badge'
 * const hash = identityHash('Maria.Lopez@LAUSD.net', 'pepper')
 * assert.equal(hash, `sha256$${createHash('sha256').update('maria.lopez@lausd.netpepper').digest('hex')}`)
 * assert.notEqual(identityHash('maria.lopez@lausd.net', 'salt'), hash) // the salt matters
 */
export const identityHash = (email: string, salt: string): string =>
  `sha256$${createHash('sha256')
    .update(`${normalizeEmail(email)}${salt}`, 'utf8')
    .digest('hex')}`

/**
 * Whether a credential's subject is the holder of `email`: some `emailAddress` identifier of its
 * `credentialSubject` is the address, hashed with its salt (SHA-256 or MD5) or in plain text, as
 * the OB 3.0 verifier compares them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { identityHash, isRecipient } from 'microcred/badge'
 * const credential = {
 *   credentialSubject: {
 *     identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 'pepper', identityHash: identityHash('maria.lopez@lausd.net', 'pepper') }],
 *   },
 * }
 * assert.equal(isRecipient(credential, 'Maria.Lopez@lausd.net'), true)
 * assert.equal(isRecipient(credential, 'someone.else@lausd.net'), false)
 */
export const isRecipient = (credential: unknown, email: string): boolean => {
  const subject = isObject(credential) ? credential['credentialSubject'] : undefined
  const identifiers = isObject(subject) ? asArray(subject['identifier']) : []
  const known = normalizeEmail(email)
  return identifiers.some((identifier) => {
    if (!isObject(identifier) || identifier['identityType'] !== 'emailAddress') return false
    const value = stringAt(identifier, 'identityHash') ?? ''
    if (identifier['hashed'] !== true) return normalizeEmail(value) === known
    const [algorithm, hash] = value.split('$')
    if ((algorithm !== 'sha256' && algorithm !== 'md5') || hash === undefined) return false
    const salted = `${known}${stringAt(identifier, 'salt') ?? ''}`
    return createHash(algorithm).update(salted, 'utf8').digest('hex') === hash.toLowerCase()
  })
}
