/**
 * A `CliEnvironment` for running commands in process: output captured, stores in memory and kept
 * by name (so one command can read what another wrote), no terminal for progress bars.
 */
import { PassThrough } from 'node:stream'
import { createInMemoryEventStore, type EventStore } from 'microcred'
import type { CliEnvironment, StoreTarget } from '../../src/cli/environment.js'
import { run } from '../../src/cli/command-line.js'

export interface FakeCli {
  readonly cli: CliEnvironment
  /** The in-memory stores opened so far, by directory or URL (a directory exists once opened). */
  readonly stores: Map<string, EventStore>
  /** Runs a command line; its exit code and what it printed. */
  readonly run: (...args: string[]) => Promise<{ code: number; out: string; err: string }>
  /** How many stores are open now. */
  readonly open: () => number
}

export const fakeCli = (env: Record<string, string> = {}): FakeCli => {
  const stores = new Map<string, EventStore>()
  let out = ''
  let err = ''
  let open = 0
  const keyOf = (target: StoreTarget) =>
    'directory' in target ? target.directory : target.databaseUrl
  const cli: CliEnvironment = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += text),
    progressStream: new PassThrough(),
    env,
    signal: new AbortController().signal,
    openStore: async (target, { create }) => {
      const key = keyOf(target)
      if (!create && 'directory' in target && !stores.has(key)) return undefined
      const store = stores.get(key) ?? createInMemoryEventStore()
      stores.set(key, store)
      open += 1
      return {
        store,
        description: `memory store '${key}'`,
        close: async () => void (open -= 1),
      }
    },
  }
  return {
    cli,
    stores,
    open: () => open,
    run: async (...args) => {
      out = ''
      err = ''
      const code = await run(args, cli, '0.0.0-test')
      return { code, out, err }
    },
  }
}
