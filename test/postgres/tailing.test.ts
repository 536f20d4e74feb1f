/**
 * A reader tailing `readAll` on the server while writer processes append to their own streams
 * and one is killed with SIGKILL in the middle (skipped, saying why, without DATABASE_URL): the
 * reader sees every committed position once, in order, including every append a writer
 * acknowledged, and nothing else.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import type { RecordedEvent } from 'microcred'
import { databaseUrl, serverSkipReason, sharedPool, storeIn, warnIfNoServer } from './support.js'

warnIfNoServer()

const root = path.join(import.meta.dirname, '..', '..')
const fixture = path.join(import.meta.dirname, 'fixtures', 'appender.ts')

describe.skipIf(databaseUrl === undefined)(
  `tailing readAll on the server${serverSkipReason}`,
  () => {
    it('4 writer processes, one killed mid-way: the reader sees every committed position once, in order', async () => {
      const { store, schema, cleanup } = await storeIn(sharedPool(), 'tail')
      const acknowledged: number[] = []
      const writers = Array.from({ length: 4 }, (_, w) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', fixture, databaseUrl ?? '', schema, `w${w}`],
          { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
        )
        createInterface({ input: child.stdout }).on('line', (line) =>
          acknowledged.push(...(JSON.parse(line) as number[])),
        )
        return { child, exited: new Promise((resolve) => child.on('exit', resolve)) }
      })
      try {
        const seen: number[] = []
        let after = 0
        const tail = async () => {
          for await (const event of store.readAll({ after }) as AsyncIterable<RecordedEvent>) {
            seen.push(event.position)
            after = event.position
          }
        }
        const deadline = Date.now() + 6000
        let killed = false
        while (Date.now() < deadline) {
          await tail()
          if (!killed && Date.now() > deadline - 4000 && acknowledged.length > 0) {
            writers[0]?.child.kill('SIGKILL')
            killed = true
          }
        }
        for (const writer of writers) writer.child.kill('SIGKILL')
        await Promise.all(writers.map((writer) => writer.exited))
        // Everything has ended: one more read brings the rest.
        await tail()
        const { rows } = await sharedPool().query(
          `SELECT position FROM "${schema}".events ORDER BY position`,
        )
        const stored = rows.map((row) => Number((row as { position: unknown }).position))
        expect(stored.length).toBeGreaterThan(100)
        expect(seen).toEqual(stored)
        const seenSet = new Set(seen)
        expect(acknowledged.filter((p) => !seenSet.has(p))).toEqual([])
      } finally {
        for (const writer of writers) writer.child.kill('SIGKILL')
        await cleanup()
      }
    }, 60_000)
  },
)
