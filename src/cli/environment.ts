/**
 * What the commands need from the world, passed in so that tests can run them in process: where
 * to write, how to open a store, and whether the user asked to stop.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import type { EventStore } from 'microcred'

/** A store to open: an embedded PGlite directory or a PostgreSQL server. */
export type StoreTarget = { readonly directory: string } | { readonly databaseUrl: string }

/** An open store, what it is (for messages), and how to let it go. */
export interface OpenedStore {
  readonly store: EventStore
  readonly description: string
  readonly close: () => Promise<void>
}

/**
 * Opens a store, or (unless `create`) resolves `undefined` when an embedded store's directory
 * does not exist; rejects with a clear message when it cannot (a locked directory, say).
 */
export type OpenStore = (
  target: StoreTarget,
  options: { readonly create: boolean; readonly schema?: string },
) => Promise<OpenedStore | undefined>

/** The command's view of the world. */
export interface CliEnvironment {
  /** Writes text and a newline to standard output. */
  readonly out: (text: string) => void
  /** Writes text as it is to standard error. */
  readonly err: (text: string) => void
  /** Where progress bars go (standard error); a bar is drawn only when it is a terminal. */
  readonly progressStream: NodeJS.WritableStream
  readonly openStore: OpenStore
  /** The environment variables (`MICROCRED_DATABASE_URL`). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Aborted on Ctrl-C: long writes stop between two appends. */
  readonly signal: AbortSignal
}
