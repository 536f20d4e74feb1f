/**
 * `microcred/badge`: Open Badges 3.0 for earned micro-credentials. Build an `OpenBadgeCredential`
 * from an earned enrollment, sign it as a VC-JWT (RS256, ES256, EdDSA) or with an embedded Data Integrity
 * proof (`eddsa-rdfc-2022`), verify badges step by step, and publish the issuer's revocation list.
 *
 * @packageDocumentation
 */
export * from './credential.js'
export * from './errors.js'
export * from './urls.js'
export * from './recipient.js'
export * from './build.js'
export * from './keys.js'
export { signBadgeJwt, type JwtSigningOptions } from './jwt.js'
export { signBadgeDataIntegrity, type DataIntegritySigningOptions } from './data-integrity.js'
export * from './schema.js'
export * from './revocation.js'
export * from './verify.js'
export * from './stack.js'
