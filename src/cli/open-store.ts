/**
 * The real store opener: `openEventStore` from `microcred/postgres`, loaded only by the commands
 * that open a store, so that `replay`, `--help` and usage errors never load it. (It loads PGlite
 * or pg in turn, and says which to install when the optional peer is missing.)
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import fs from 'node:fs'
import { protectPersonalData } from 'microcred'
import type { OpenStore } from './environment.js'

/**
 * Opens a PGlite directory or a PostgreSQL server through `microcred/postgres`, with the
 * educators' personal data protected (`protectPersonalData` with the store's own key table); a
 * directory that does not exist is created only when asked to (a server store's tables always
 * are).
 */
export const openPostgresStore: OpenStore = async (target, { create, ...options }) => {
  if (!create && 'directory' in target && !fs.existsSync(target.directory)) return undefined
  const { openEventStore } = await import('microcred/postgres')
  const opened = await openEventStore(target, options)
  // Personal data is sealed per educator, so `microcred erase` can make it unreadable.
  return { ...opened, store: protectPersonalData(opened.store, opened.personalDataKeys) }
}
