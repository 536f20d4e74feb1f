/**
 * The offline JSON-LD document loader: it serves the bundled contexts (VC 2.0, Open Badges 3.0.3
 * and its extensions, Data Integrity, Multikey) and the key documents a verification resolved,
 * and refuses every other URL, so signing and verifying never touch the network.
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

/** Every context microcred can serve offline, by URL. */
const bundled: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...credentialsContexts,
  ...dataIntegrityContexts,
  ...multikeyContexts,
  [contextUrls.openBadges, obContext],
  [contextUrls.extensions, obExtensions],
])

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
 * A loader that serves the bundled contexts, then `extra` documents (keys, and contexts the
 * caller supplied), and rejects anything else with `OfflineDocumentMissing`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * const load = offlineDocumentLoader()
 * const loaded = await load('https://www.w3.org/ns/credentials/v2')
 * assert.equal(loaded.documentUrl, 'https://www.w3.org/ns/credentials/v2')
 * assert.ok('@context' in (loaded.document as object))
 * await assert.rejects(load('https://example.org/context.json'), { name: 'OfflineDocumentMissing' })
 */
export const offlineDocumentLoader =
  (extra: ReadonlyMap<string, unknown> = new Map()): DocumentLoader =>
  (url) => {
    const document = bundled.get(url) ?? extra.get(url)
    return document === undefined
      ? Promise.reject(new OfflineDocumentMissing(url))
      : // Each caller gets its own copy: JSON-LD processors may annotate what they load.
        Promise.resolve({ contextUrl: null, documentUrl: url, document: structuredClone(document) })
  }
