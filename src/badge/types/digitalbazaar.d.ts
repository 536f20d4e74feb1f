/**
 * Minimal declarations for the Digital Bazaar Data Integrity packages (none ships types): only
 * what microcred/badge calls.
 */
declare module '@digitalbazaar/data-integrity' {
  import type { Suite } from 'jsonld-signatures'

  /** Signs with `signer` (a key pair's `signer()`), or verifies (no signer). */
  export class DataIntegrityProof implements Suite {
    constructor(options: { cryptosuite: object; signer?: Signer; date?: string | Date })
    readonly type: string
  }
  /** What signs: a key pair's `signer()`. */
  export interface Signer {
    readonly id?: string
    readonly algorithm: string
    sign(options: { data: Uint8Array }): Promise<Uint8Array>
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  /** The `eddsa-rdfc-2022` cryptosuite. */
  export const cryptosuite: { readonly name: string }
}

declare module '@digitalbazaar/ed25519-multikey' {
  import type { Signer } from '@digitalbazaar/data-integrity'

  /** An Ed25519 key pair as a Multikey. */
  export interface Ed25519KeyPair {
    readonly id?: string
    readonly controller?: string
    readonly publicKeyMultibase: string
    signer(): Signer
  }
  /** Imports a key pair from a JWK (`d` is read only when `secretKey` is true). */
  export function fromJwk(options: {
    jwk: object
    secretKey?: boolean
    id?: string
    controller?: string
  }): Promise<Ed25519KeyPair>
  /** Imports a key pair from a Multikey document. */
  export function from(key: object): Promise<Ed25519KeyPair>
  /** Exports a key pair as a JWK (`d` only when `secretKey` is true). */
  export function toJwk(options: { keyPair: Ed25519KeyPair; secretKey?: boolean }): Promise<object>
}

declare module '@digitalbazaar/credentials-context' {
  /** The W3C credentials contexts (v1, v2), by URL. */
  export const contexts: ReadonlyMap<string, object>
}

declare module '@digitalbazaar/data-integrity-context' {
  /** The Data Integrity contexts (v1, v2), by URL. */
  export const contexts: ReadonlyMap<string, object>
}

declare module '@digitalbazaar/multikey-context' {
  /** The Multikey context, by URL. */
  export const contexts: ReadonlyMap<string, object>
}
