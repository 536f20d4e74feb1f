/**
 * The embedded store in a directory: it survives close and reopen, it takes an exclusive lock on
 * its directory, and a second opener, in this process or another, is refused while the first
 * keeps working and loses nothing. One PGlite directory for the file (creating one runs initdb).
 */
import { execFile, spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEventStore, type OpenedEventStore } from 'microcred/postgres'
import { events } from './support.js'

const run = promisify(execFile)
const root = path.join(import.meta.dirname, '..', '..')
const fixture = path.join(import.meta.dirname, 'fixtures', 'open-directory.ts')

/** Runs the fixture in another process on `directory`, appending `count` events if it may. */
const otherProcess = async (directory: string, count: number) => {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', fixture, directory, `${count}`],
    {
      cwd: root,
      timeout: 60_000,
    },
  )
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
    opened: boolean
    error?: string
    version?: number
  }
}

let parent: string
let directory: string
let opened: OpenedEventStore

beforeAll(async () => {
  parent = await fs.mkdtemp(path.join(os.tmpdir(), 'microcred-embedded-'))
  directory = path.join(parent, 'store')
  opened = await openEventStore({ directory })
}, 60_000)

afterAll(async () => {
  await opened?.close()
  await fs.rm(parent, { recursive: true, force: true })
})

/**
 * Appends one event at a time to `stream`, at least `count` and until `until` settles, returning
 * how many were acknowledged. (PGlite settles its promises as microtasks; the store lets the event
 * loop turn at least once a second, or this loop would never see the child exit.)
 */
const keepAppending = async (stream: string, count: number, until?: Promise<unknown>) => {
  let done = until === undefined
  void until?.finally(() => (done = true))
  let acknowledged = 0
  for (let i = 0; i < count || !done; i++) {
    const result = await opened.store.appendToStream(stream, events(1, i + 1), {
      expectedVersion: i,
    })
    if (E.isRight(result)) acknowledged++
  }
  return acknowledged
}

describe('the embedded store in a directory', () => {
  it('describes itself, and creates the directory', async () => {
    expect(opened.description).toBe(`embedded PGlite store in ${directory} (schema microcred)`)
    expect((await fs.stat(directory)).isDirectory()).toBe(true)
  })

  it('refuses a second opener in this process; the first keeps working', async () => {
    const appending = keepAppending('in-process', 30)
    const second = await openEventStore({ directory }).catch((error: Error) => error)
    expect(second).toBeInstanceOf(Error)
    expect((second as Error).message).toMatch(
      new RegExp(
        `^the directory ${directory} is in use by another microcred store \\(held by process ${process.pid} on .+\\): only one process may open an embedded store at a time`,
      ),
    )
    expect(await appending).toBe(30)
    expect(await opened.store.streamVersion('in-process')).toBe(30)
  })

  it('refuses a second opener in another process; the first keeps working and loses nothing', async () => {
    const other = otherProcess(directory, 5)
    const acknowledged = await keepAppending('across-processes', 50, other)
    const child = await other
    expect(child.opened).toBe(false)
    expect(child.error).toMatch(/is in use by another microcred store \(held by process \d+/)
    expect(acknowledged).toBeGreaterThanOrEqual(50)
    const stored = await opened.store.readStream('across-processes')
    expect(stored.map((e) => e.version)).toEqual(
      Array.from({ length: acknowledged }, (_, i) => i + 1),
    )
    expect(await opened.store.streamVersion('child')).toBe(0)
  }, 60_000)

  it('keeps everything across close and reopen, and lets another process in once closed', async () => {
    const before = await opened.store.readStream('across-processes')
    await opened.close()
    await expect(opened.store.streamVersion('s')).rejects.toThrow(/is closed/)

    // The lock is released: another process opens the directory, appends, and closes.
    const child = await otherProcess(directory, 3)
    expect(child).toEqual({ opened: true, version: 3 })

    opened = await openEventStore({ directory })
    expect(await opened.store.readStream('across-processes')).toEqual(before)
    expect(await opened.store.streamVersion('in-process')).toBe(30)
    expect((await opened.store.readStream('child')).map((e) => e.data)).toEqual([
      { n: 1 },
      { n: 2 },
      { n: 3 },
    ])
  }, 60_000)

  it('loses no acknowledged append when the process is killed (SIGKILL)', async () => {
    await opened.close()
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, directory, 'forever'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let acknowledged = 0
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject)
      child.on('exit', () => reject(new Error('the child exited before it was killed')))
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) {
          const n = line.startsWith('{') ? (JSON.parse(line) as { acknowledged?: number }) : {}
          acknowledged = Math.max(acknowledged, n.acknowledged ?? 0)
        }
        if (acknowledged >= 25) resolve()
      })
    })
    child.removeAllListeners('exit')
    const exited = new Promise((resolve) => child.on('exit', resolve))
    child.kill('SIGKILL')
    await exited
    // The dead child's lock is taken over at once: it ran on this host, and it is gone.
    opened = await openEventStore({ directory })
    expect(await opened.store.streamVersion('killed')).toBeGreaterThanOrEqual(acknowledged)
    expect(await opened.store.streamVersion('across-processes')).toBeGreaterThanOrEqual(50)
  }, 90_000)
})
