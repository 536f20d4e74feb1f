/**
 * Minimal declarations for `jsonld` (no types shipped): only what microcred/badge calls.
 */
declare module 'jsonld' {
  /** What a document loader returns for a URL. */
  export interface RemoteDocument {
    contextUrl: string | null
    documentUrl: string
    document: unknown
    /** `'static'`: the document never changes, so jsonld may keep it processed between calls. */
    tag?: 'static'
  }
  /** Loads a document (a context, a key) by URL. */
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>
  /** Expansion options. */
  export interface ExpandOptions {
    documentLoader: DocumentLoader
    /** Safe mode: a term or type that does not expand to an absolute IRI is an error. */
    safe?: boolean
  }
  const jsonld: {
    expand(input: object, options: ExpandOptions): Promise<unknown[]>
  }
  export default jsonld
}
