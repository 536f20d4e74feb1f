/**
 * Running the `microcred` commands in process against one given store (in memory, PGlite or a
 * server, from the hostile suite's `storeKinds`), whatever `--store` or `--database-url` names:
 * what they print, their exit codes, and event files to feed them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll } from 'vitest'
import type { EnrollmentEvent, EventStore } from 'microcred'
import { run } from '../../src/cli/command-line.js'
import type { CliEnvironment } from '../../src/cli/environment.js'

/** What a command line printed, and its exit code. */
export interface Ran {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Runs command lines against `store` (the one opened, whatever the options name). */
export const cliOn =
  (store: () => EventStore, description = 'store under test') =>
  async (...args: string[]): Promise<Ran> => {
    let out = ''
    let err = ''
    const cli: CliEnvironment = {
      out: (text) => (out += `${text}\n`),
      err: (text) => (err += text),
      progressStream: new PassThrough(),
      env: {},
      signal: new AbortController().signal,
      openStore: async () => ({ store: store(), description, close: async () => undefined }),
    }
    const code = await run(args, cli, '0.0.0-test')
    return { code, out, err }
  }

/** A scratch directory for the file's tests, removed after them. */
export const scratchDirectory = (prefix: string): ((name: string) => string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  return (name) => path.join(dir, name)
}

/** An event of a file, by the actor who sent the command that wrote it. */
export interface FileEvent {
  readonly event: EnrollmentEvent | { readonly type: string; readonly data: unknown }
  readonly actorId: string
  /** The stream (default: `enrollment-<the event's enrollmentId>`). */
  readonly streamId?: string
  /** The version (default: the next one of its stream). */
  readonly version?: number
}

/** Events as lines of an event file, as `export` writes them. */
export const eventLines = (events: ReadonlyArray<FileEvent>): string[] => {
  const versions = new Map<string, number>()
  return events.map(({ event, actorId, streamId, version }, i) => {
    const data = event.data as { enrollmentId?: string }
    const stream = streamId ?? `enrollment-${data.enrollmentId ?? ''}`
    const next = version ?? (versions.get(stream) ?? 0) + 1
    versions.set(stream, next)
    const commandId = `command-${i + 1}`
    return JSON.stringify({
      streamId: stream,
      version: next,
      position: i + 1,
      type: event.type,
      data: event.data,
      metadata: {
        eventId: `event-${i + 1}`,
        commandId,
        actorId,
        correlationId: commandId,
        causationId: commandId,
        schemaVersion: 1,
      },
      recordedAt: '2026-09-01T16:00:00.000Z',
    })
  })
}
