/**
 * The offline JSON-LD document loader: it serves the bundled contexts (VC 2.0, Open Badges 3.0.3
 * and its extensions, Data Integrity, Multikey) and the key documents a verification resolved,
 * and refuses every other URL, so signing and verifying never touch the network.
 *
 * The bundled contexts are copied once and deeply frozen, and served as they are, shared, with
 * `tag: 'static'`: jsonld then keeps each one resolved and processed between operations instead
 * of processing it again on every call, and no caller (nor jsonld) can change what the next one
 * reads (a write to a frozen object throws). Other documents (keys) are served frozen, untagged.
 *
 * @internal
 * @packageDocumentation
 */
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context'
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context'
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context'
import type { DocumentLoader } from 'jsonld'
import obContext from './contexts/ob-context-3.0.3.json' with { type: 'json' }
import obExtensions from './contexts/ob-extensions.json' with { type: 'json' }
import { contextUrls } from './credential.js'

/** `value`, and every object and array in it, frozen; returns `value`. */
const deepFreeze = <A>(value: A): A => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const member of Object.values(value)) deepFreeze(member)
  }
  return value
}

/**
 * Every context microcred can serve offline, by URL: copies (the packages' own objects are left
 * as they are for their other users), frozen.
 */
const bundled: ReadonlyMap<string, unknown> = new Map<string, unknown>(
  (
    [
      ...credentialsContexts,
      ...dataIntegrityContexts,
      ...multikeyContexts,
      [contextUrls.openBadges, obContext],
      [contextUrls.extensions, obExtensions],
    ] as ReadonlyArray<readonly [string, unknown]>
  ).map(([url, context]) => [url, deepFreeze(structuredClone(context))] as const),
)

/** The bundled context documents (frozen), for modules that read their term definitions. */
export const bundledContexts = (): Iterable<unknown> => bundled.values()

/**
 * Whether microcred serves this context URL offline.
 *
 * @example
 * import assert from 'node:assert/strict'
 * assert.equal(isBundledContext('https://www.w3.org/ns/credentials/v2'), true)
 * assert.equal(isBundledContext('https://example.org/context.json'), false)
 */
export const isBundledContext = (url: string): boolean => bundled.has(url)

/** The URL a loader was asked for and could not serve offline. */
export class OfflineDocumentMissing extends Error {
  override readonly name = 'OfflineDocumentMissing'
  constructor(readonly url: string) {
    super(`${url} is not available offline: microcred/badge never fetches documents`)
  }
}

/**
 * A loader that serves the bundled contexts (shared, frozen, `tag: 'static'`), then `extra`
 * documents (keys, and contexts the caller supplied; each a frozen copy made when the loader is
 * made), and rejects anything else with `OfflineDocumentMissing`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * const load = offlineDocumentLoader()
 * const loaded = await load('https://www.w3.org/ns/credentials/v2')
 * assert.equal(loaded.documentUrl, 'https://www.w3.org/ns/credentials/v2')
 * assert.ok('@context' in (loaded.document as object))
 * assert.equal(loaded.tag, 'static') // jsonld may keep it processed between calls
 * assert.ok(Object.isFrozen(loaded.document)) // and no one can change it
 * await assert.rejects(load('https://example.org/context.json'), { name: 'OfflineDocumentMissing' })
 */
export const offlineDocumentLoader = (
  extra: ReadonlyMap<string, unknown> = new Map(),
): DocumentLoader => {
  const others = new Map(
    [...extra].map(([url, document]) => [url, deepFreeze(structuredClone(document))]),
  )
  return (url) => {
    const context = bundled.get(url)
    if (context !== undefined)
      return Promise.resolve({
        contextUrl: null,
        documentUrl: url,
        document: context,
        tag: 'static',
      })
    const document = others.get(url)
    return document === undefined
      ? Promise.reject(new OfflineDocumentMissing(url))
      : Promise.resolve({ contextUrl: null, documentUrl: url, document })
  }
}
