/**
 * Writers in 8 processes on the PostgreSQL server (skipped without `DATABASE_URL`), each on its own
 * streams, against 8 processes each running a plain single-row `INSERT` of the same rows into a
 * table of the same shape (positions counted in each process): the throughput of the library over
 * the baseline's, measured in the same run, round by round in turns.
 *
 * - `appendToStream`, one event per append at an exact version (goal: at least 0.8x the plain
 *   INSERT's throughput, so at most 1.25x its time);
 * - `handleCommand`, an `Enroll` and 19 `RecordHours` per enrollment (goal: at least 0.5x, so at
 *   most 2x its time).
 *
 * Each process first does a few hundred operations of its own, not timed (`warmUp`), then waits
 * for the others; the time is from `go` until the last process is done.
 *
 * Run alone: `DATABASE_URL=... node --expose-gc --import tsx test/bench/concurrency.bench.ts`
 * (`BENCH_ROUNDS`, default 3); `npm run bench -- concurrency` runs it with the report. The same
 * file is the worker: `... concurrency.bench.ts worker <mode> <schema> <index> <count>`.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { enrollment, handleCommand } from 'microcred'
import { createPostgresEventStore, migrate } from 'microcred/postgres'
import { enrollCommand, hoursCommand } from '../postgres/journey.js'
import { median } from './measure.js'
import { guard, markdownTable, textTable, type Benchmark, type Row } from './report.js'

const processes = 8
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3)
const perProcess = { insert: 400, append: 400, command: 200 } as const
/**
 * What each process does before it says `ready`, on streams of its own, not timed: a process
 * starts cold, and V8 optimizes its code over its first operations, so the timed part measures
 * warm code, as the badge benchmark's rounds do. Measured, it changed the ratios little (the
 * writers are bound by CPU on two cores, not by their warm-up).
 */
const warmUp = { insert: 200, append: 200, command: 100 } as const
type Mode = keyof typeof perProcess

const metadata = (id: string) => ({
  eventId: id,
  commandId: id,
  actorId: 'admin-1',
  correlationId: id,
  causationId: id,
  schemaVersion: 1,
})
const data = (n: number) => ({ n, text: `note ${n}`, nested: { list: [1, 'two', null, true] } })

/** One worker: connects, says `ready`, waits for `go`, does its work, says how long it took. */
const worker = async (mode: Mode, schema: string, index: number, count: number) => {
  const pool = new pg.Pool({ connectionString: process.env['DATABASE_URL'], max: 2 })
  pool.on('error', () => undefined)
  const store = createPostgresEventStore(pool, { schema })
  await pool.query('SELECT 1')
  /** `count` operations on streams named after `tag`, and positions from `first` on. */
  const work: Record<Mode, (tag: string, count: number, first: number) => Promise<void>> = {
    insert: async (tag, count, first) => {
      for (let i = 0; i < count; i++) {
        const id = `${tag}-${i}`
        await pool.query(
          `INSERT INTO "${schema}".events (position, stream_id, version, type, data, metadata)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
          [
            index * 10_000_000 + first + i + 1,
            `s-${tag}-${Math.floor(i / 40)}`,
            (i % 40) + 1,
            'Noted',
            JSON.stringify(data(i)),
            JSON.stringify(metadata(id)),
          ],
        )
      }
    },
    append: async (tag, count) => {
      for (let i = 0; i < count; i++) {
        const id = `${tag}-${i}`
        const appended = await store.appendToStream(
          `s-${tag}-${Math.floor(i / 40)}`,
          [{ type: 'Noted', data: data(i), metadata: metadata(id) }],
          { expectedVersion: i % 40 },
        )
        if (E.isLeft(appended)) throw new Error(appended.left.message)
      }
    },
    command: async (tag, count) => {
      for (let e = 0; e < count / 20; e++) {
        const id = `${tag}-${e}`
        const enroll = enrollCommand(id)
        let ok = await handleCommand(store, enrollment, enroll.command, enroll.context)
        if (E.isLeft(ok)) throw new Error(ok.left.message)
        for (let h = 0; h < 19; h++) {
          const hours = hoursCommand(id, `${id}-hours-${h}`)
          ok = await handleCommand(store, enrollment, hours.command, hours.context)
          if (E.isLeft(ok)) throw new Error(ok.left.message)
        }
      }
    },
  }
  await work[mode](`warm-${process.pid}-${index}`, warmUp[mode], 0)
  console.log('ready')
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    if (line === 'go') break
  }
  const started = performance.now()
  await work[mode](`${process.pid}-${index}`, count, warmUp[mode])
  console.log(JSON.stringify({ ms: performance.now() - started }))
  lines.close()
  await pool.end()
}

type Child = ChildProcessByStdio<Writable, Readable, null>

/** Runs `mode` in 8 processes at once; the wall time from `go` until the last one is done. */
const runProcesses = async (url: string, mode: Mode, schema: string): Promise<number> => {
  const children: Child[] = []
  const ready: Array<Promise<void>> = []
  const done: Array<Promise<void>> = []
  for (let i = 0; i < processes; i++) {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        'worker',
        mode,
        schema,
        String(i),
        String(perProcess[mode]),
      ],
      { env: { ...process.env, DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'inherit'] },
    )
    children.push(child)
    const lines = createInterface({ input: child.stdout })
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    ready.push(
      new Promise((resolve, reject) => {
        lines.on('line', (line) => line === 'ready' && resolve())
        void exited.then((code) => reject(new Error(`worker exited (${code}) before ready`)))
      }),
    )
    done.push(
      new Promise((resolve, reject) => {
        lines.on('line', (line) => line.startsWith('{') && resolve())
        void exited.then((code) => (code === 0 ? resolve() : reject(new Error(`worker ${code}`))))
      }),
    )
  }
  await Promise.all(ready)
  const started = performance.now()
  for (const child of children) child.stdin.write('go\n')
  await Promise.all(done)
  const ms = performance.now() - started
  for (const child of children) child.stdin.end()
  return ms
}

const run = async (): Promise<Row[]> => {
  const url = process.env['DATABASE_URL']
  if (!url) {
    console.warn('DATABASE_URL is not set: the 8-process benchmark needs the PostgreSQL server')
    return []
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  pool.on('error', () => undefined)
  const fresh = async (schema: string) => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await migrate(pool, { schema })
  }
  const times: Record<Mode, number[]> = { insert: [], append: [], command: [] }
  const modes: Mode[] = ['insert', 'append', 'command']
  // A warm-up round, not counted, then the rounds, each mode in turn into a fresh schema.
  for (let round = 0; round <= rounds; round++) {
    const order = round % 2 === 0 ? modes : [...modes].reverse()
    for (const mode of order) {
      const schema = `bench_conc_${mode}`
      await fresh(schema)
      const ms = await runProcesses(url, mode, schema)
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.events`)
      const expected = processes * (warmUp[mode] + perProcess[mode])
      guard((rows[0] as { n: number }).n === expected, `${mode}: ${rows[0]?.n} of ${expected} rows`)
      if (round > 0) times[mode].push(ms)
      await pool.query(`DROP SCHEMA ${schema} CASCADE`)
    }
  }
  await pool.end()
  const perSecond = (count: number, ms: number) =>
    `${Math.round((count / ms) * 1000).toLocaleString('en-US')} /s`
  const insertMs = median(times.insert)
  const total = (mode: Mode) => processes * perProcess[mode]
  // Time per row of the library over the baseline's: the inverse of the throughput ratio.
  const ratio = (mode: Mode) => median(times[mode]) / total(mode) / (insertMs / total('insert'))
  return [
    {
      name: 'server, 8 processes on their own streams: appendToStream (1 event) vs plain INSERT',
      figure: perSecond(total('append'), median(times.append)),
      baseline: perSecond(total('insert'), insertMs),
      ratio: ratio('append'),
      goal: 1.25,
    },
    {
      name: 'server, 8 processes on their own streams: handleCommand vs plain INSERT',
      figure: perSecond(total('command'), median(times.command)),
      baseline: perSecond(total('insert'), insertMs),
      ratio: ratio('command'),
      goal: 2,
    },
  ]
}

/** The 8-process benchmark, run by `test/bench/index.ts`. */
export const benchmark: Benchmark = { name: 'concurrency', run }

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [, , command, mode, schema, index, count] = process.argv
  if (command === 'worker') {
    await worker(mode as Mode, schema ?? '', Number(index), Number(count))
  } else {
    const rows = await run()
    console.log(`\n${textTable(rows)}\n\nMarkdown:\n\n${markdownTable(rows)}\n`)
  }
}
