#!/usr/bin/env node
/**
 * The `microcred` command: wires the command line to the process (standard streams, environment,
 * Ctrl-C) and to the PostgreSQL/PGlite store, runs it, and sets the exit code.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import fs from 'node:fs'
import type { OpenStore } from './environment.js'
import { openPostgresStore } from './open-store.js'
import { run } from './command-line.js'
import { printableLines } from './printable.js'

const { version } = JSON.parse(
  fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string }

// Ctrl-C while a store is open stops long writes between two appends, so the store is closed
// cleanly; a second Ctrl-C, or one while no store is open, stops at once.
const interrupt = new AbortController()
const onInterrupt = () => {
  if (interrupt.signal.aborted) process.exit(130)
  interrupt.abort()
  process.stderr.write('\nmicrocred: stopping after the current write (Ctrl-C again to stop now)\n')
}
const openStore: OpenStore = async (target, options) => {
  const opened = await openPostgresStore(target, options)
  if (opened === undefined) return undefined
  process.on('SIGINT', onInterrupt)
  return {
    ...opened,
    close: async () => {
      process.off('SIGINT', onInterrupt)
      await opened.close()
    },
  }
}

// A reader that goes away (`microcred status x | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

try {
  process.exitCode = await run(
    process.argv.slice(2),
    {
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(text),
      progressStream: process.stderr,
      openStore,
      env: process.env,
      signal: interrupt.signal,
    },
    version,
  )
} catch (error) {
  // Only a bug gets here: every expected failure is a value with its own message.
  process.stderr.write(
    printableLines(
      `microcred: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    ),
  )
  process.exitCode = 1
}
