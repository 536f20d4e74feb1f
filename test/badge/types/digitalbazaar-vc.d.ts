/**
 * Minimal declarations for `@digitalbazaar/vc` 7 (a dev dependency, no types shipped): only what
 * the interoperability tests and the badge benchmark call.
 */
declare module '@digitalbazaar/vc' {
  import type { DocumentLoader } from 'jsonld'
  import type { Suite } from 'jsonld-signatures'

  /** The result of `verifyCredential`. */
  export interface CredentialVerification {
    verified: boolean
    error?: Error & { errors?: Error[] }
    results?: ReadonlyArray<{ verified: boolean; error?: Error }>
  }
  /** Adds a proof to `credential` (changing it) and resolves to the signed credential. */
  export function issue(options: {
    credential: object
    suite: Suite
    documentLoader: DocumentLoader
    now?: Date | string
  }): Promise<object>
  /** Verifies a credential's proof (and, with `checkStatus`, its status). Never rejects. */
  export function verifyCredential(options: {
    credential: object
    suite: Suite
    documentLoader: DocumentLoader
    controller?: object
    checkStatus?: () => Promise<{ verified: boolean }>
    now?: Date | string
  }): Promise<CredentialVerification>
}
