/**
 * The exclusive lock on an embedded store's directory. Two PGlite instances on one directory both
 * open it and then overwrite each other's pages, losing acknowledged events; so the store holds
 * a lock and a second opener, in this process or another, is refused.
 *
 * The lock is `proper-lockfile`'s (an atomic `mkdir` of `.microcred.lock`, its mtime refreshed
 * while held), with three additions:
 *
 * - **An owner record with a token.** `.microcred.lock.owner` names the holder (pid, host, pid
 *   namespace, since when) and a random token, written (atomically, by rename) after the lock is
 *   taken and before the holder opens PGlite. `verify()` reads it back: if the token is no longer
 *   this holder's, another process has taken the directory, and the store must acknowledge
 *   nothing more (see `verify` for why checking before and after each commit is enough).
 * - **A verified dead-process takeover.** A lock whose holder ran on this host (same host name
 *   and pid namespace) and no longer exists (`process.kill(pid, 0)` fails with `ESRCH`) is taken
 *   at once, not a stale time later; a lock from another host, or whose holder is alive, is taken
 *   only once stale.
 * - **One taker at a time.** Taking the lock, and taking over a stale or dead one, happens under
 *   a short-lived guard (`.microcred.lock.taking`, created exclusively), so two processes that
 *   find the same dead lock cannot both remove it and each believe it is theirs.
 *
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import lockfile from 'proper-lockfile'

/**
 * The lock's name inside the directory (a directory itself, as `proper-lockfile` makes it); the
 * owner record is `<lockName>.owner` beside it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { lockName } from 'microcred/postgres'
 * assert.equal(lockName, '.microcred.lock')
 */
export const lockName = '.microcred.lock'
const ownerName = '.microcred.lock.owner'
const guardName = '.microcred.lock.taking'

/**
 * How long (ms) a directory lock that is no longer refreshed stays valid before another process
 * may take it, by default: how long a store whose process was killed on another host (or in
 * another pid namespace) keeps its directory locked. A holder that died on the same host is
 * replaced at once. Each store may set its own (`lockStaleMs` of `openEmbeddedEventStore`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { lockStaleMs } from 'microcred/postgres'
 * assert.equal(lockStaleMs, 30_000) // 30 seconds
 */
export const lockStaleMs = 30_000

/** The shortest stale time `proper-lockfile` keeps (it refreshes at most once a second). */
const minStaleMs = 2000
/** How old a taker's guard may be before the next opener removes it (its taker died). */
const guardStaleMs = 10_000

/** Options of `lockDirectory`. */
export interface LockOptions {
  /** How long (ms) the lock stays valid once no longer refreshed (default `lockStaleMs`, at least 2,000). */
  readonly staleMs?: number
}

/** A held directory lock. */
export interface DirectoryLock {
  /** The locked directory, absolute. */
  readonly directory: string
  /**
   * Throws `DirectoryLockLost` unless this process still holds the lock: it reads the owner
   * record on disk and compares its token. Call it before a write and again after the write has
   * committed, and acknowledge the write only if both pass. Once it has thrown, it always throws.
   *
   * Why that is enough: a process that takes the directory over writes its own token before it
   * opens PGlite there. If the token is still ours after our commit, our commit reached the files
   * before the other process wrote its token, so before it opened the directory: it recovers our
   * commit like any other. If the token is not ours, the write is reported as failed (it may or may
   * not be kept), never acknowledged. The check before the write keeps a holder that has already
   * lost the lock from writing into the new holder's files at all; only a holder stopped between
   * that check and its commit for longer than the stale time can still write once into them (and
   * is told, by the check after, that its write is not acknowledged).
   */
  readonly verify: () => void
  /** The `DirectoryLockLost` error once the lock is known to be lost, else `undefined`. */
  readonly compromised: () => Error | undefined
  /** Releases the lock if this process still holds it; releasing twice does nothing. */
  readonly release: () => Promise<void>
}

/**
 * Thrown by an embedded store (and `DirectoryLock.verify`) once another process has taken its
 * directory over (a stale lock taken after this process was stopped or stalled past the stale
 * time, a lock removed by hand). The call that found it was not acknowledged, and the store
 * refuses every later call: close it, and open the store again once the other process is done.
 * `handleCommand` reports it as `StoreFailed`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { DirectoryLockLost } from 'microcred/postgres'
 * const error = new DirectoryLockLost('/srv/microcred', 'it is now held by process 4242 on host-b')
 * assert.ok(error instanceof Error)
 * assert.equal(error.name, 'DirectoryLockLost')
 * assert.equal(error.directory, '/srv/microcred')
 * assert.match(error.message, /^lost the lock on \/srv\/microcred to another process \(it is now held by process 4242 on host-b\): /)
 */
export class DirectoryLockLost extends Error {
  override readonly name = 'DirectoryLockLost'
  constructor(
    readonly directory: string,
    readonly reason: string,
  ) {
    super(
      `lost the lock on ${directory} to another process (${reason}): this store acknowledges ` +
        'nothing more (the call that found it was not acknowledged, and may or may not have been ' +
        'stored); close it, and open the store again once the other process has closed it',
    )
  }
}

/** Who holds a lock, as the holder wrote it. */
interface Owner {
  readonly pid: number
  readonly hostname: string
  readonly pidNamespace?: string
  readonly since: string
  readonly token?: string
}

/** This process's pid namespace (Linux), so that a pid is only judged where it means the same process. */
const pidNamespace = (): string => {
  try {
    return fs.readlinkSync('/proc/self/ns/pid')
  } catch {
    return 'none'
  }
}

const me = (token: string): Owner => ({
  pid: process.pid,
  hostname: os.hostname(),
  pidNamespace: pidNamespace(),
  since: new Date().toISOString(),
  token,
})

const parseOwner = (text: string): Owner | undefined => {
  try {
    const owner = JSON.parse(text) as Partial<Owner> | null
    return typeof owner?.pid === 'number' && typeof owner.hostname === 'string'
      ? { since: '?', ...owner, pid: owner.pid, hostname: owner.hostname }
      : undefined
  } catch {
    return undefined
  }
}

const readOwner = async (file: string): Promise<Owner | undefined> =>
  parseOwner(await fsp.readFile(file, 'utf8').catch(() => ''))

/** Writes `owner` to `file` whole or not at all (a reader never sees half of it). */
const writeOwner = async (file: string, owner: Owner): Promise<void> => {
  const temporary = `${file}.${owner.token ?? randomUUID()}.tmp`
  try {
    await fsp.writeFile(temporary, JSON.stringify(owner), { flag: 'wx' })
    await fsp.rename(temporary, file)
  } finally {
    await fsp.rm(temporary, { force: true })
  }
}

const described = (owner: Owner | undefined): string =>
  owner === undefined
    ? ''
    : ` (held by process ${owner.pid} on ${owner.hostname} since ${owner.since})`

/** The tokens of the locks this process is taking or holds now. */
const heldHere = new Set<string>()

/** Whether `owner` ran on this host and its process is gone (so its lock can be taken at once). */
const isDead = (owner: Owner | undefined): boolean => {
  if (owner === undefined || owner.hostname !== os.hostname()) return false
  if (owner.pidNamespace !== pidNamespace()) return false
  if (!Number.isSafeInteger(owner.pid) || owner.pid <= 0) return false
  // Our own pid: alive if one of our stores holds it, else an earlier process given our pid.
  if (owner.pid === process.pid) return owner.token !== undefined && !heldHere.has(owner.token)
  try {
    process.kill(owner.pid, 0)
    return false // alive (or reused by another process: then the lock waits to go stale)
  } catch (error) {
    return (error as { code?: unknown }).code === 'ESRCH' // EPERM: alive, another user's
  }
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code

/** The error of an opener that finds the directory in use. */
const inUse = (directory: string, holder: string, staleMs: number, cause?: unknown): Error =>
  new Error(
    `the directory ${directory} is in use by another microcred store${holder}: ` +
      'only one process may open an embedded store at a time (two would silently lose each ' +
      `other's events). Close the other one; if it died on this host, opening again takes its ` +
      `lock at once, and on another host its lock goes stale ${staleMs / 1000} s after it stopped.`,
    cause === undefined ? {} : { cause },
  )

/**
 * Takes the guard under which the lock is taken, or says who holds it. A guard left by a taker
 * that died (on this host, or more than 10 s ago) is removed first.
 */
const takeGuard = async (file: string, token: string, refuse: (holder: string) => Error) => {
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.writeFile(file, JSON.stringify(me(token)), { flag: 'wx' })
      return
    } catch (error) {
      if (codeOf(error) !== 'EEXIST' || attempt > 0) throw error
    }
    const taker = await readOwner(file)
    const stat = await fsp.stat(file).catch(() => undefined)
    const old = stat === undefined || stat.mtimeMs < Date.now() - guardStaleMs
    if (!isDead(taker) && !old) {
      throw refuse(
        taker === undefined
          ? ' (another process is opening it right now)'
          : ` (process ${taker.pid} on ${taker.hostname} is opening it right now)`,
      )
    }
    await fsp.rm(file, { force: true })
  }
}

/**
 * Takes the exclusive lock on `directory`, creating the directory if needed. Rejects with a clear
 * error when another store, here or in another process, holds it. A holder that died on this
 * host is replaced at once; any other holder that stopped refreshing its lock is replaced
 * `staleMs` (default `lockStaleMs`) after its last refresh. Before it resolves, the lock's owner
 * record names this process, so `verify()` can tell when another process has taken over since.
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
 * lock.verify() // still ours: does not throw
 * await assert.rejects(lockDirectory(directory), /is in use by another microcred store \(held by process \d+/)
 * await lock.release()
 * const again = await lockDirectory(directory, { staleMs: 5_000 }) // free once released
 * await again.release()
 * await assert.rejects(lockDirectory(directory, { staleMs: 100 }), /at least 2000 ms/)
 * await fs.rm(directory, { recursive: true, force: true })
 */
export const lockDirectory = async (
  directory: string,
  options: LockOptions = {},
): Promise<DirectoryLock> => {
  const staleMs = options.staleMs ?? lockStaleMs
  if (!Number.isSafeInteger(staleMs) || staleMs < minStaleMs) {
    throw new RangeError(
      `lockStaleMs must be a whole number of milliseconds, at least ${minStaleMs} ms (the lock ` +
        `is refreshed at most once a second); got ${String(staleMs)}`,
    )
  }
  const absolute = path.resolve(directory)
  await fsp.mkdir(absolute, { recursive: true })
  const lockPath = path.join(absolute, lockName)
  const ownerPath = path.join(absolute, ownerName)
  const guardPath = path.join(absolute, guardName)
  const token = randomUUID()

  let state: 'taking' | 'held' | 'releasing' | 'done' = 'taking'
  let lost: DirectoryLockLost | undefined

  /** Whether the owner record on disk is still ours (read synchronously: no turn is lost). */
  const ownerNow = (): { ours: boolean; owner: Owner | undefined } => {
    let text = ''
    try {
      text = fs.readFileSync(ownerPath, 'utf8')
    } catch {
      // Removed: not ours any more.
    }
    const owner = parseOwner(text)
    return { ours: owner?.token === token, owner }
  }
  const loseIt = (reason: string) => (lost ??= new DirectoryLockLost(absolute, reason))
  const verify = () => {
    if (lost !== undefined) throw lost
    const { ours, owner } = ownerNow()
    if (ours) return
    throw loseIt(
      owner === undefined
        ? `its owner record ${ownerPath} is gone`
        : `it is now held by process ${owner.pid} on ${owner.hostname} since ${owner.since}`,
    )
  }

  // proper-lockfile's file system, fenced: while held, it refreshes or removes the lock only if
  // the owner record is still ours (so a holder that lost it never touches the new holder's
  // lock, not even on exit); while taking, it never removes a stale lock itself: that is done
  // below, under the guard, after judging the holder.
  type Callback = (error?: NodeJS.ErrnoException | null) => void
  const refusal = (code: string, message: string) => Object.assign(new Error(message), { code })
  const stillOurs = () => lost === undefined && ownerNow().ours
  const lockFs = {
    mkdir: fs.mkdir,
    stat: fs.stat,
    realpath: fs.realpath,
    utimes: (file: string, atime: Date, mtime: Date, callback: Callback) => {
      if (state === 'taking' || state === 'releasing' || (state === 'held' && stillOurs())) {
        fs.utimes(file, atime, mtime, callback)
      } else callback(refusal('ENOENT', 'the owner record names another process'))
    },
    rmdir: (file: string, callback: Callback) => {
      if (state === 'taking') callback(refusal('ELOCKED', 'the lock is held (stale)'))
      else if (state === 'releasing' || (state === 'held' && stillOurs())) fs.rmdir(file, callback)
      else callback()
    },
    rmdirSync: (file: string) => {
      if (state === 'releasing' || (state === 'held' && stillOurs())) fs.rmdirSync(file)
    },
  }
  const lockOptions = {
    lockfilePath: lockPath,
    stale: staleMs,
    retries: 0,
    realpath: false,
    fs: lockFs,
    onCompromised: (error: Error) => {
      loseIt(`its lock could not be kept: ${error.message}`)
    },
  }
  const refuse = (holder: string, cause?: unknown) => inUse(absolute, holder, staleMs, cause)

  let unlock: () => Promise<void>
  heldHere.add(token)
  try {
    await takeGuard(guardPath, token, refuse)
  } catch (error) {
    heldHere.delete(token)
    throw error
  }
  try {
    try {
      unlock = await lockfile.lock(absolute, lockOptions)
    } catch (error) {
      if (codeOf(error) !== 'ELOCKED') throw error
      const holder = await readOwner(ownerPath)
      const stat = await fsp.stat(lockPath).catch(() => undefined)
      const stale = stat === undefined || stat.mtimeMs < Date.now() - staleMs
      if (!stale && !isDead(holder)) throw refuse(described(holder), error)
      // Dead or stale, and we hold the guard: no other taker can be between this and our mkdir.
      await fsp.rm(lockPath, { recursive: true, force: true })
      unlock = await lockfile.lock(absolute, lockOptions).catch((again: unknown) => {
        throw codeOf(again) === 'ELOCKED' ? refuse('', again) : again
      })
    }
    try {
      await writeOwner(ownerPath, me(token))
    } catch (error) {
      state = 'releasing'
      await unlock().catch(() => undefined)
      throw error
    }
    state = 'held'
  } catch (error) {
    heldHere.delete(token)
    throw error
  } finally {
    await fsp.rm(guardPath, { force: true })
  }

  return {
    directory: absolute,
    verify,
    compromised: () => lost,
    release: async () => {
      if (state !== 'held') return
      heldHere.delete(token)
      if (!stillOurs()) {
        state = 'done'
        return
      }
      // The owner record first: a lock without one is still refused, never judged dead.
      state = 'releasing'
      await fsp.rm(ownerPath, { force: true })
      await unlock().catch(() => undefined)
      state = 'done'
    },
  }
}
