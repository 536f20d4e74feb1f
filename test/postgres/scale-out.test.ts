/**
 * Competing consumers on the server (skipped, saying why, without DATABASE_URL): three worker
 * processes run one SQL projection split into six partitions over a log of 2,000 events. Its
 * `apply` records each event under a UNIQUE (stream_id, version) and sleeps in the database, so a
 * batch takes a while; one worker, which applies each batch in one statement (`applyBatch`), is
 * killed with SIGKILL in the middle of a batch. The others
 * take its partitions over once the server has rolled its transaction back, and in the end every
 * event of the log was applied exactly once, the ones the dead worker was applying included.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import path from 'node:path'
import type { Readable } from 'node:stream'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { createPostgresEventStore, migrate } from 'microcred/postgres'
import { notAppliedOnce } from './fixtures/applied-events.js'
import {
  databaseUrl,
  freshSchema,
  metadata,
  serverSkipReason,
  sharedPool,
  warnIfNoServer,
} from './support.js'

warnIfNoServer()

const root = path.join(import.meta.dirname, '..', '..')
const fixture = path.join(import.meta.dirname, 'fixtures', 'sql-projection-worker.ts')
const streams = 40
const eventsPerStream = 50
const partitions = 6

interface Committed {
  readonly partition: number
  readonly from: number
  readonly to: number
}

/** A worker process and what it printed. */
class Worker {
  readonly child: ChildProcessByStdio<null, Readable, null>
  readonly exited: Promise<number | null>
  readonly applying: number[] = []
  readonly committed: Committed[] = []
  /** What `applying` held when the last batch committed. */
  appliedAtLastCommit = 0
  error: string | undefined
  private partial = ''

  constructor(
    readonly id: string,
    schema: string,
    onLine: (worker: Worker) => void = () => undefined,
    { mode = 'event', sleepMs = 1 }: { mode?: 'event' | 'batch'; sleepMs?: number } = {},
  ) {
    const args = [databaseUrl ?? '', schema, id, `${partitions}`, '25', `${sleepMs}`, mode]
    this.child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)))
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.partial + chunk).split('\n')
      this.partial = lines.pop() ?? ''
      for (const line of lines) {
        const parsed = JSON.parse(line) as Record<string, unknown>
        if (typeof parsed['applying'] === 'number') this.applying.push(parsed['applying'])
        if (typeof parsed['committed'] === 'object' && parsed['committed'] !== null) {
          this.committed.push(parsed['committed'] as Committed)
          this.appliedAtLastCommit = this.applying.length
        }
        if (typeof parsed['error'] === 'string') this.error = parsed['error']
        onLine(this)
      }
    })
    workers.add(this)
  }
}

const workers = new Set<Worker>()
afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL')
})

const until = async (condition: () => Promise<boolean> | boolean, what: string, ms = 20_000) => {
  const deadline = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.skipIf(databaseUrl === undefined)(
  `competing consumers on the server${serverSkipReason}`,
  () => {
    it('a worker killed mid-batch leaves its events to the others: each applied exactly once', async () => {
      const pool = sharedPool()
      const schema = freshSchema('so')
      await migrate(pool, { schema })
      try {
        const store = createPostgresEventStore(pool, { schema })
        let n = 0
        for (let round = 0; round < eventsPerStream / 10; round++) {
          for (let s = 0; s < streams; s++) {
            const batch = Array.from({ length: 10 }, () => ({
              type: 'Noted',
              data: { n: ++n },
              metadata: metadata(n),
            }))
            const appended = await store.appendToStream(`stream-${s}`, batch, {
              expectedVersion: round * 10,
            })
            expect(E.isRight(appended)).toBe(true)
          }
        }
        const total = streams * eventsPerStream

        let killedAt: { readonly uncommitted: ReadonlyArray<number> } | undefined
        // The victim applies a batch in one statement that sleeps 10 ms an event (250 ms).
        const victim = new Worker(
          'victim',
          schema,
          (worker) => {
            // Killed as soon as it applies an event of its third batch: its transaction is open.
            if (killedAt === undefined && worker.committed.length >= 2) {
              const uncommitted = worker.applying.slice(worker.appliedAtLastCommit)
              if (uncommitted.length > 0) {
                worker.child.kill('SIGKILL')
                killedAt = { uncommitted }
              }
            }
          },
          { mode: 'batch', sleepMs: 10 },
        )
        const others = [new Worker('worker-a', schema), new Worker('worker-b', schema)]

        const applied = async () => {
          const { rows } = await pool.query(
            `SELECT count(*)::int AS n FROM "${schema}".applied_events`,
          )
          return (rows[0] as { n: number }).n
        }
        await until(() => killedAt !== undefined, 'the victim is killed mid-batch')
        await victim.exited
        await until(async () => (await applied().catch(() => 0)) >= total, 'every event is applied')

        for (const worker of others) worker.child.kill('SIGTERM')
        expect(await Promise.all(others.map((worker) => worker.exited))).toEqual([0, 0])
        expect(others.map((worker) => worker.error)).toEqual([undefined, undefined])

        // Every event exactly once: none twice (the UNIQUE constraint would have failed a batch,
        // and a worker with a failed batch stops with an error), none skipped.
        expect(await applied()).toBe(total)
        expect(await notAppliedOnce(pool, schema)).toEqual([])

        // The dead worker's open batch was rolled back and applied by another.
        const uncommitted = killedAt?.uncommitted ?? []
        expect(uncommitted.length).toBeGreaterThan(0)
        const { rows: takenOver } = await pool.query(
          `SELECT DISTINCT worker FROM "${schema}".applied_events WHERE position = ANY($1::bigint[])`,
          [uncommitted],
        )
        expect(takenOver.map((row) => (row as { worker: string }).worker)).not.toContain('victim')

        // Each partition's checkpoint is at its last event.
        const { rows: behind } = await pool.query(
          `SELECT c.partition FROM "${schema}".checkpoints c
         WHERE c.name = 'applied-events' AND c.position <> (
           SELECT coalesce(max(position), 0) FROM "${schema}".events
           WHERE abs(hashtext(stream_id)::bigint) % ${partitions} = c.partition)`,
        )
        expect(behind).toEqual([])
        const { rows: rowCount } = await pool.query(
          `SELECT count(*)::int AS n FROM "${schema}".checkpoints WHERE name = 'applied-events'`,
        )
        expect(rowCount).toEqual([{ n: partitions }])
      } finally {
        for (const worker of workers) worker.child.kill('SIGKILL')
        await Promise.all([...workers].map((worker) => worker.exited))
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      }
    })
  },
)
