/**
 * Minimal declarations for `jsonld-signatures` 11 (no types shipped): only what microcred/badge
 * calls.
 */
declare module 'jsonld-signatures' {
  import type { DocumentLoader } from 'jsonld'

  /** A proof purpose: what a proof is for (here, always `assertionMethod`). */
  export interface ProofPurpose {
    readonly term: string
  }
  /** The result of `verify`. */
  export interface VerificationResult {
    verified: boolean
    error?: Error & { errors?: Error[] }
    results?: ReadonlyArray<{ verified: boolean; error?: Error; proof?: object }>
  }
  /** An object proof suite, such as `DataIntegrityProof` from `@digitalbazaar/data-integrity`. */
  export interface Suite {
    readonly type: string
  }
  interface Options {
    suite: Suite
    purpose: ProofPurpose
    documentLoader: DocumentLoader
  }
  const jsigs: {
    sign<D extends object>(document: D, options: Options): Promise<D & { proof: unknown }>
    verify(document: object, options: Options): Promise<VerificationResult>
    purposes: {
      AssertionProofPurpose: new (options?: {
        /** The controller document, so that it is not loaded: its `assertionMethod` lists keys. */
        controller?: { id: string; assertionMethod: ReadonlyArray<string> }
      }) => ProofPurpose
    }
  }
  export default jsigs
}
