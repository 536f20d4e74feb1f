/**
 * The directory lock on its own (no PGlite): who may take a held lock and when (a holder that
 * died on this host at once, any other once stale), the guard that lets one taker at a time, and
 * `verify`, which fences a holder whose lock was taken. Lock records are planted by hand, as a
 * holder in another process or on another host would have left them.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DirectoryLockLost, lockDirectory, lockName } from 'microcred/postgres'

const parent = fsp.mkdtemp(path.join(os.tmpdir(), 'microcred-lock-'))
afterAll(async () => fsp.rm(await parent, { recursive: true, force: true }))
let counter = 0
const freshDirectory = async () => {
  const directory = path.join(await parent, `d${++counter}`)
  await fsp.mkdir(directory)
  return directory
}

const namespace = (() => {
  try {
    return fs.readlinkSync('/proc/self/ns/pid')
  } catch {
    return 'none'
  }
})()

/** The pid of a process that has exited (and been reaped). */
const deadPid = async () => {
  const child = execFile(process.execPath, ['-e', ''])
  await new Promise((resolve) => child.on('exit', resolve))
  return child.pid ?? -1
}

/** Leaves a lock as a holder would: the lock directory (aged `ageMs`) and its owner record. */
const plant = async (
  directory: string,
  owner: { pid: number; hostname?: string; pidNamespace?: string | undefined; token?: string },
  ageMs = 0,
) => {
  const lock = path.join(directory, lockName)
  await fsp.mkdir(lock)
  const when = new Date(Date.now() - ageMs)
  await fsp.utimes(lock, when, when)
  await fsp.writeFile(
    path.join(directory, `${lockName}.owner`),
    JSON.stringify({
      hostname: os.hostname(),
      pidNamespace: namespace,
      since: '2026-09-01T08:00:00.000Z',
      token: 'planted',
      ...owner,
    }),
  )
}

/** Takes the lock, timing it. */
const timedLock = async (directory: string, staleMs?: number) => {
  const started = performance.now()
  const lock = await lockDirectory(directory, staleMs === undefined ? {} : { staleMs })
  return { lock, ms: performance.now() - started }
}

describe('taking a held lock', () => {
  it('takes it at once from a holder that died on this host', async () => {
    const directory = await freshDirectory()
    await plant(directory, { pid: await deadPid() })
    const { lock, ms } = await timedLock(directory)
    expect(ms).toBeLessThan(1000)
    lock.verify()
    await lock.release()
  })

  it('takes it at once from an earlier process that had our pid', async () => {
    const directory = await freshDirectory()
    await plant(directory, { pid: process.pid, token: 'an-earlier-process' })
    const { lock } = await timedLock(directory)
    lock.verify()
    await lock.release()
  })

  it('refuses a live holder, a holder elsewhere, or one it cannot judge, until its lock is stale', async () => {
    const holders = [
      { pid: process.ppid }, // alive
      { pid: await deadPid(), hostname: 'another-host' },
      { pid: await deadPid(), pidNamespace: 'pid:[1]' }, // another container
      { pid: await deadPid(), pidNamespace: undefined }, // an older microcred: no namespace
    ]
    for (const holder of holders) {
      const directory = await freshDirectory()
      await plant(directory, holder)
      await expect(lockDirectory(directory), JSON.stringify(holder)).rejects.toThrow(
        new RegExp(
          `^the directory ${directory} is in use by another microcred store \\(held by process ${holder.pid} on `,
        ),
      )
      // Once stale it is taken, whoever held it.
      await fsp.utimes(path.join(directory, lockName), new Date(0), new Date(0))
      const { lock } = await timedLock(directory, 2000)
      lock.verify()
      await lock.release()
    }
  })

  it('lets one taker at a time: a guard from a live taker refuses, one from a dead taker is removed', async () => {
    const directory = await freshDirectory()
    const guard = path.join(directory, `${lockName}.taking`)
    await fsp.writeFile(
      guard,
      JSON.stringify({ pid: process.ppid, hostname: os.hostname(), pidNamespace: namespace }),
    )
    await expect(lockDirectory(directory)).rejects.toThrow(
      new RegExp(`\\(process ${process.ppid} on .+ is opening it right now\\)`),
    )
    await fsp.writeFile(
      guard,
      JSON.stringify({ pid: await deadPid(), hostname: os.hostname(), pidNamespace: namespace }),
    )
    const { lock } = await timedLock(directory)
    await expect(fsp.stat(guard)).rejects.toThrow(/ENOENT/)
    await lock.release()
  })

  it('refuses a stale time under 2 s', async () => {
    const directory = await freshDirectory()
    for (const staleMs of [0, 1999, Number.NaN, 2500.5]) {
      await expect(lockDirectory(directory, { staleMs })).rejects.toThrow(RangeError)
    }
  })

  it('two takers of one dead lock: exactly one gets it', async () => {
    for (let round = 0; round < 10; round++) {
      const directory = await freshDirectory()
      await plant(directory, { pid: await deadPid() })
      const results = await Promise.allSettled([lockDirectory(directory), lockDirectory(directory)])
      const taken = results.filter((r) => r.status === 'fulfilled')
      expect(taken).toHaveLength(1)
      for (const r of taken) await r.value.release()
    }
  })
})

describe('verify', () => {
  it('throws DirectoryLockLost once another process has taken the lock, and keeps throwing', async () => {
    const directory = await freshDirectory()
    const lock = await lockDirectory(directory)
    lock.verify()
    expect(lock.compromised()).toBeUndefined()
    // Another process removes the lock (stale, or by hand) and takes it.
    await fsp.rm(path.join(directory, lockName), { recursive: true })
    const other = await lockDirectory(directory)
    expect(() => lock.verify()).toThrow(DirectoryLockLost)
    expect(() => lock.verify()).toThrow(
      new RegExp(
        `^lost the lock on ${directory} to another process \\(it is now held by process ${process.pid} on `,
      ),
    )
    expect(lock.compromised()).toBeInstanceOf(DirectoryLockLost)
    // Releasing the lost lock leaves the new holder's lock and record alone.
    await lock.release()
    other.verify()
    await expect(lockDirectory(directory)).rejects.toThrow(/is in use/)
    await other.release()
  })

  it('releasing while a refresh is due removes the lock all the same', async () => {
    for (let round = 0; round < 5; round++) {
      const directory = await freshDirectory()
      const lock = await lockDirectory(directory, { staleMs: 2000 })
      // Busy past the refresh time (1 s): the refresh runs while the release is under way.
      const until = performance.now() + 1100
      while (performance.now() < until);
      await lock.release()
      expect(fs.readdirSync(directory)).toEqual([])
    }
  })

  it('counts a removed owner record as lost', async () => {
    const directory = await freshDirectory()
    const lock = await lockDirectory(directory)
    await fsp.rm(path.join(directory, `${lockName}.owner`))
    expect(() => lock.verify()).toThrow(/its owner record .* is gone/)
    await lock.release()
  })
})
