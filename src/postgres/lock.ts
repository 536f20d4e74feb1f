/**
 * The exclusive lock on an embedded store's directory. Two PGlite instances on one directory both
 * open it and then overwrite each other's pages, losing acknowledged events; so the store holds
 * a lock (`proper-lockfile`: an atomic `mkdir`, refreshed while held) and a second opener, in
 * this process or another, is refused.
 *
 * @packageDocumentation
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import lockfile from 'proper-lockfile'

/** The lock's name inside the directory (a directory itself, as `proper-lockfile` makes it). */
export const lockName = '.microcred.lock'
const ownerName = '.microcred.lock.owner'

/**
 * How long (ms) a directory lock that is no longer refreshed stays valid before another process
 * may take it: how long a store whose process was killed keeps its directory locked.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { lockStaleMs } from 'microcred/postgres'
 * assert.equal(lockStaleMs, 30_000) // 30 seconds
 */
export const lockStaleMs = 30_000

/** A held directory lock. */
export interface DirectoryLock {
  /** The locked directory, absolute. */
  readonly directory: string
  /** Set when the lock was lost (not refreshed in time, or removed by someone). */
  readonly compromised: () => Error | undefined
  /** Releases the lock; releasing twice does nothing. */
  readonly release: () => Promise<void>
}

/** Who holds a lock, as the holder wrote it, if it can be read. */
const ownerOf = async (directory: string): Promise<string> => {
  try {
    const owner = JSON.parse(await fs.readFile(path.join(directory, ownerName), 'utf8')) as {
      pid?: number
      hostname?: string
      since?: string
    }
    return ` (held by process ${owner.pid ?? '?'} on ${owner.hostname ?? '?'} since ${owner.since ?? '?'})`
  } catch {
    return ''
  }
}

/**
 * Takes the exclusive lock on `directory`, creating the directory if needed. Rejects with a clear
 * error when another store, here or in another process, holds it. A holder that died without
 * releasing it leaves a lock that another may take `lockStaleMs` after its last refresh.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fs from 'node:fs/promises'
 * import os from 'node:os'
 * import path from 'node:path'
 * import { lockDirectory } from 'microcred/postgres'
 * const directory = path.join(os.tmpdir(), `microcred-lock-${process.pid}-${Date.now()}`)
 * const lock = await lockDirectory(directory)
 * assert.equal(lock.directory, directory)
 * await assert.rejects(lockDirectory(directory), /is in use by another microcred store \(held by process \d+/)
 * await lock.release()
 * const again = await lockDirectory(directory) // free once released
 * await again.release()
 * await fs.rm(directory, { recursive: true, force: true })
 */
export const lockDirectory = async (directory: string): Promise<DirectoryLock> => {
  const absolute = path.resolve(directory)
  await fs.mkdir(absolute, { recursive: true })
  let lost: Error | undefined
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(absolute, {
      lockfilePath: path.join(absolute, lockName),
      stale: lockStaleMs,
      retries: 0,
      onCompromised: (error) => {
        lost = new Error(
          `the lock on ${absolute} was lost (${error.message}); another process may have opened ` +
            'the directory, so this store refuses to continue: close it and open it again',
        )
      },
    })
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ELOCKED') throw error
    throw new Error(
      `the directory ${absolute} is in use by another microcred store${await ownerOf(absolute)}: ` +
        'only one process may open an embedded store at a time (two would silently lose each ' +
        `other's events). Close the other one; if it died, its lock goes stale ` +
        `${lockStaleMs / 1000} s after it stopped.`,
      { cause: error },
    )
  }
  const owner = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString() }
  await fs.writeFile(path.join(absolute, ownerName), JSON.stringify(owner)).catch(() => undefined)
  let released = false
  return {
    directory: absolute,
    compromised: () => lost,
    release: async () => {
      if (released) return
      released = true
      await fs.rm(path.join(absolute, ownerName), { force: true }).catch(() => undefined)
      if (lost === undefined) await release()
    },
  }
}
