/**
 * The SQL event store's benchmark, on PGlite (in memory) and on the PostgreSQL server when
 * `DATABASE_URL` is set. Every figure has a baseline measured in the same run, on the same client:
 *
 * - appends, one event per append and 40 per append, against a plain `INSERT` of the same rows
 *   (same JSON encoding) into a table of the same shape and indexes (goal: at most 1.3x its time);
 * - readStream of a 40-event stream with 1,000,000 events in the table against the same with
 *   1,000 (goal: the same within noise, 1.3x: the read is indexed);
 * - commands/s through `handleCommand` and readAll events/s, against the in-memory store and a
 *   plain `SELECT` of the same rows (no goal: for scale);
 * - PGlite's cold start and resident memory.
 *
 * - a command through `handleCommand` on a stream of 1,000 events against one on a stream of 10,
 *   with the state cache (goal: 1.2x), and without it (for scale);
 *
 * Run alone: `node --expose-gc --import tsx test/bench/store.bench.ts` (`BENCH_STORE_QUICK=1` for
 * a quick run, 100,000 rows instead of 1,000,000; `BENCH_STORE_PARTS=cache,appends` for some
 * parts only: appends, commands, cache, reads); `npm run bench -- store` runs it with the others.
 */
import { execFileSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import {
  createInMemoryEventStore,
  enrollment,
  enrollmentStreamId,
  handleCommand,
  type EventStore,
} from 'microcred'
import { createPostgresEventStore, migrate, type PostgresClient } from 'microcred/postgres'
import { enrollCommand, hoursCommand } from '../postgres/journey.js'
import { collect, median } from './measure.js'
import { guard, markdownTable, textTable, type Benchmark, type Row } from './report.js'

const quick = process.env['BENCH_STORE_QUICK'] === '1'
const rounds = Number(process.env['BENCH_ROUNDS'] ?? (quick ? 3 : 5))
const size = {
  single: quick ? 500 : 2000,
  batches: quick ? 50 : 250,
  commands: quick ? 200 : 800,
  bigTable: quick ? 100_000 : 1_000_000,
  readAll: quick ? 20_000 : 100_000,
}

/** `BENCH_STORE_PARTS=cache,appends` runs only those parts (appends, commands, cache, reads). */
const parts = process.env['BENCH_STORE_PARTS']?.split(',').map((p) => p.trim())
const part = (name: string) => parts === undefined || parts.includes(name)

/** A figure with no goal, printed for scale. */
interface Info {
  readonly name: string
  readonly figure: string
  readonly baseline: string
}

const event = (n: number) => ({
  type: 'Noted',
  data: { n, text: `note ${n}`, nested: { list: [1, 'two', null, true] } },
  metadata: {
    eventId: `event-${n}`,
    commandId: `command-${n}`,
    actorId: 'admin-1',
    correlationId: `command-${n}`,
    causationId: `command-${n}`,
    schemaVersion: 1,
  },
})

const rate = (count: number, millis: number) =>
  `${Math.round((count / millis) * 1000).toLocaleString('en-US')} events/s`
const latency = (millis: number) => `${millis.toFixed(3)} ms`

const timeIt = async (f: () => Promise<void>) => {
  const started = performance.now()
  await f()
  return performance.now() - started
}

/**
 * Medians of library and baseline timings after a warm-up round, interleaved round by round so
 * noise hits both: wall
 * time, and this process's CPU time (for PGlite, which runs in it, the figure a loaded machine
 * does not distort).
 */
const compare = async (library: () => Promise<void>, baseline: () => Promise<void>) => {
  const lib: number[] = []
  const base: number[] = []
  const libCpu: number[] = []
  const baseCpu: number[] = []
  // A warm-up round of each, not counted: the JIT, and PGlite's and the server's caches.
  await baseline()
  await library()
  for (let round = 0; round < rounds; round++) {
    const started = process.cpuUsage()
    base.push(await timeIt(baseline))
    const between = process.cpuUsage()
    lib.push(await timeIt(library))
    const ended = process.cpuUsage(between)
    const baseUsed = process.cpuUsage(started)
    baseCpu.push((baseUsed.user + baseUsed.system - ended.user - ended.system) / 1000)
    libCpu.push((ended.user + ended.system) / 1000)
  }
  return {
    library: median(lib),
    baseline: median(base),
    libraryCpu: median(libCpu),
    baselineCpu: median(baseCpu),
  }
}

/** The plain INSERT the store is held against: the same rows, positions counted in JS. */
const plainInsert = (client: PostgresClient, s: string) => {
  let position = 0
  return async (streamId: string, version: number, count: number, from: number) => {
    const params: unknown[] = []
    const rows: string[] = []
    for (let i = 0; i < count; i++) {
      const e = event(from + i)
      const n = params.length
      params.push(++position, streamId, version + i + 1, e.type)
      params.push(JSON.stringify(e.data), JSON.stringify(e.metadata))
      rows.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::jsonb, $${n + 6}::jsonb)`)
    }
    await client.query(
      `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
       VALUES ${rows.join(', ')}`,
      params,
    )
  }
}

const benchAppends = async (target: string, client: PostgresClient, rows: Row[], infos: Info[]) => {
  const lib = 'bench_store_lib'
  const base = 'bench_store_base'
  for (const schema of [lib, base]) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await migrate(client, { schema: lib })
  await migrate(client, { schema: base })
  const store = createPostgresEventStore(client, { schema: lib })
  const insert = plainInsert(client, base)
  let run = 0

  for (const [label, perAppend, appends] of [
    ['1 event per append', 1, size.single],
    ['40 events per append', 40, size.batches],
  ] as const) {
    const t = await compare(
      async () => {
        run++
        for (let i = 0; i < appends; i++) {
          // Streams of 40 events, as an enrollment's.
          const stream = `s-${run}-${Math.floor((i * perAppend) / 40)}`
          const version = (i * perAppend) % 40
          const batch = Array.from({ length: perAppend }, (_, k) => event(i * perAppend + k))
          const result = await store.appendToStream(stream, batch, { expectedVersion: version })
          // (The message is built only on failure: stringifying every result would be timed.)
          if (E.isLeft(result)) guard(false, `append failed: ${result.left.message}`)
        }
      },
      async () => {
        run++
        for (let i = 0; i < appends; i++) {
          const stream = `s-${run}-${Math.floor((i * perAppend) / 40)}`
          await insert(stream, (i * perAppend) % 40, perAppend, i * perAppend)
        }
      },
    )
    const count = appends * perAppend
    rows.push({
      name: `${target}: append, ${label}`,
      figure: rate(count, t.library),
      baseline: rate(count, t.baseline),
      ratio: t.library / t.baseline,
      goal: 1.3,
    })
    if (target === 'PGlite') {
      infos.push({
        name: `PGlite: append, ${label}, CPU time (ratio ${(t.libraryCpu / t.baselineCpu).toFixed(2)}x)`,
        figure: rate(count, t.libraryCpu),
        baseline: rate(count, t.baselineCpu),
      })
    }
  }
  for (const schema of [lib, base]) await client.query(`DROP SCHEMA ${schema} CASCADE`)
}

const benchCommands = async (target: string, client: PostgresClient, infos: Info[]) => {
  const schema = 'bench_store_commands'
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await migrate(client, { schema })
  const run = async (store: EventStore, prefix: string) => {
    const enrollments = size.commands / 20
    const started = performance.now()
    // 8 workers, each on its own enrollments: an enrollment and 19 hours commands each.
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let e = worker; e < enrollments; e += 8) {
          const id = `${prefix}-${e}`
          const enroll = enrollCommand(id)
          let ok = await handleCommand(store, enrollment, enroll.command, enroll.context)
          guard(E.isRight(ok), 'enroll failed')
          for (let h = 0; h < 19; h++) {
            const hours = hoursCommand(id, `${id}-hours-${h}`)
            ok = await handleCommand(store, enrollment, hours.command, hours.context)
            guard(E.isRight(ok), 'hours failed')
          }
        }
      }),
    )
    return performance.now() - started
  }
  const library = await run(createPostgresEventStore(client, { schema }), 'c')
  const memory = await run(createInMemoryEventStore(), 'c')
  const perSecond = (ms: number) => `${Math.round((size.commands / ms) * 1000)} commands/s`
  infos.push({
    name: `${target}: handleCommand, 8 workers (vs in-memory store)`,
    figure: perSecond(library),
    baseline: perSecond(memory),
  })
  await client.query(`DROP SCHEMA ${schema} CASCADE`)
}

/**
 * A command on a stream of 1,000 events against one on a stream of 10, each a `RecordHours`
 * through `handleCommand` on its own store object: with the state cache (goal: 1.2x), and without
 * it (`cache: false`, for scale). The streams are built by appending copies of a real
 * `HoursLogged`; each measured command must append.
 */
const benchStateCache = async (
  target: string,
  client: PostgresClient,
  rows: Row[],
  infos: Info[],
) => {
  const schema = 'bench_store_cache'
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await migrate(client, { schema })
  const builder = createPostgresEventStore(client, { schema })
  const build = async (id: string, length: number) => {
    const enroll = enrollCommand(id)
    guard(
      E.isRight(await handleCommand(builder, enrollment, enroll.command, enroll.context)),
      'enroll',
    )
    const first = hoursCommand(id, `${id}-build-0`)
    const logged = await handleCommand(builder, enrollment, first.command, first.context)
    guard(E.isRight(logged) && logged.right.recorded.length === 1, 'first hours')
    const [template] = logged.right.recorded
    if (template === undefined) throw new Error('no event')
    for (let version = 2; version < length; version += 100) {
      const batch = Array.from({ length: Math.min(100, length - version) }, (_, i) => ({
        type: template.type,
        data: template.data,
        metadata: {
          ...template.metadata,
          eventId: `${id}-${version + i}`,
          commandId: `${id}-build-${version + i}`,
        },
      }))
      const appended = await builder.appendToStream(enrollmentStreamId(id), batch, {
        expectedVersion: version,
      })
      guard(E.isRight(appended), 'build append')
    }
  }
  // Fresh streams every round, built untimed, so the short one stays short: 10 events and the
  // commands of one round, against 1,000 and the same commands.
  const commands = quick ? 20 : 50
  const commandsOn = async (store: EventStore, id: string, cache: boolean) => {
    const one = async (i: number) => {
      const { command, context } = hoursCommand(id, `${id}-run-${i}`)
      const result = await handleCommand(store, enrollment, command, context, { cache })
      if (E.isLeft(result) || result.right.duplicate) guard(false, 'command did not append')
    }
    // The first command on a store object reads the whole stream (as the first one on a stream
    // after a process starts does): timed apart.
    collect()
    let started = performance.now()
    await one(0)
    const first = performance.now() - started
    collect() // the whole-stream read's garbage is not the commands' cost
    started = performance.now()
    for (let i = 1; i <= commands; i++) await one(i)
    return { first, rest: performance.now() - started }
  }
  for (const cache of [true, false]) {
    const long: number[] = []
    const short: number[] = []
    const longFirst: number[] = []
    const shortFirst: number[] = []
    for (let round = 0; round <= rounds; round++) {
      const tag = `${cache ? 'c' : 'n'}${round}`
      await build(`long-${tag}`, 1000)
      await build(`short-${tag}`, 10)
      // A store object per stream, each with its own cache: the first command reads the whole
      // stream (as the first command on a stream after a process starts does), the others not.
      const measure = (id: string) =>
        commandsOn(createPostgresEventStore(client, { schema }), id, cache)
      // In turns, so neither is always measured first.
      let longMs: { first: number; rest: number }
      let shortMs: { first: number; rest: number }
      if (round % 2 === 0) {
        longMs = await measure(`long-${tag}`)
        shortMs = await measure(`short-${tag}`)
      } else {
        shortMs = await measure(`short-${tag}`)
        longMs = await measure(`long-${tag}`)
      }
      // Round 0 warms up.
      if (round > 0) {
        long.push(longMs.rest)
        short.push(shortMs.rest)
        longFirst.push(longMs.first)
        shortFirst.push(shortMs.first)
      }
    }
    const [l, b] = [median(long), median(short)]
    const perCommand = (ms: number) => `${((ms / commands) * 1000).toFixed(0)} µs/command`
    const name = `${target}: a command on a stream of 1,000 events vs one of 10`
    if (cache) {
      infos.push({
        name: `${target}: the first command on a store object (reads the whole stream), 1,000 events vs 10`,
        figure: latency(median(longFirst)),
        baseline: latency(median(shortFirst)),
      })
      rows.push({
        name: `${name} (state cache)`,
        figure: perCommand(l),
        baseline: perCommand(b),
        ratio: l / b,
        goal: 1.2,
      })
    } else {
      infos.push({
        name: `${name}, cache: false (ratio ${(l / b).toFixed(2)}x)`,
        figure: perCommand(l),
        baseline: perCommand(b),
      })
    }
  }
  await client.query(`DROP SCHEMA ${schema} CASCADE`)
}

/** Fills the schema's table with `count` events in streams of 40, by SQL, fast. */
const bulkLoad = async (client: PostgresClient, s: string, count: number, from: number) => {
  await client.query(
    `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
     SELECT p, 'bulk-' || ((p - 1) / 40), ((p - 1) % 40) + 1, 'Noted',
            jsonb_build_object('n', p, 'text', 'note ' || p),
            '{"eventId":"e","commandId":"c","actorId":"a","correlationId":"c","causationId":"c","schemaVersion":1}'
     FROM generate_series($1::bigint, $2::bigint) AS p`,
    [from, from + count - 1],
  )
  await client.query(`UPDATE ${s}.log_head SET position = $1`, [from + count - 1])
  await client.query(`ANALYZE ${s}.events`)
}

const benchReads = async (target: string, client: PostgresClient, rows: Row[], infos: Info[]) => {
  const schema = 'bench_store_reads'
  const s = `"${schema}"`
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await migrate(client, { schema })
  const store = createPostgresEventStore(client, { schema })
  const readStreamMs = async () => {
    const samples: number[] = []
    for (let i = 0; i < 200; i++) {
      const stream = `bulk-${(i * 7) % 25}` // among the first 1,000 events' streams
      const started = performance.now()
      const events = await store.readStream(stream)
      samples.push(performance.now() - started)
      guard(events.length === 40, `readStream returned ${events.length} events`)
    }
    return median(samples)
  }
  await bulkLoad(client, s, 1000, 1)
  const small: number[] = []
  for (let r = 0; r < rounds; r++) small.push(await readStreamMs())
  const loading = performance.now()
  await bulkLoad(client, s, size.bigTable - 1000, 1001)
  const loadMs = performance.now() - loading
  const big: number[] = []
  for (let r = 0; r < rounds; r++) big.push(await readStreamMs())
  rows.push({
    name: `${target}: readStream of 40 events, ${size.bigTable.toLocaleString('en-US')} vs 1,000 in the table`,
    figure: latency(median(big)),
    baseline: latency(median(small)),
    ratio: median(big) / median(small),
    goal: 1.3,
  })
  infos.push({
    name: `${target}: bulk load (INSERT ... SELECT generate_series)`,
    figure: rate(size.bigTable - 1000, loadMs),
    baseline: '-',
  })

  const count = size.readAll
  const t = await compare(
    async () => {
      let n = 0
      for await (const e of store.readAll({ limit: count })) n += e.position > 0 ? 1 : 0
      guard(n === count, `readAll returned ${n} events`)
    },
    async () => {
      const result = await client.query(
        `SELECT position, stream_id, version, type, data, metadata, recorded_at
         FROM ${s}.events ORDER BY position LIMIT $1`,
        [count],
      )
      guard(result.rows.length === count, 'plain SELECT short')
    },
  )
  infos.push({
    name: `${target}: readAll of ${count.toLocaleString('en-US')} events (vs one plain SELECT)`,
    figure: rate(count, t.library),
    baseline: rate(count, t.baseline),
  })
  await client.query(`DROP SCHEMA ${schema} CASCADE`)
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`

/**
 * PGlite's start and the resident memory an open instance adds, measured in a fresh Node process:
 * in this one, the benchmarks run before (the replay's heap, then its collection) would distort
 * both.
 */
const pgliteStart = (): { cold: number; warm: number; rss: number } => {
  const script = `
    const before = process.memoryUsage().rss
    const { PGlite } = await import('@electric-sql/pglite')
    let started = performance.now()
    await (await PGlite.create()).close()
    const cold = performance.now() - started
    started = performance.now()
    const pglite = await PGlite.create()
    const warm = performance.now() - started
    console.log(JSON.stringify({ cold, warm, rss: process.memoryUsage().rss - before }))
    await pglite.close()`
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url),
    encoding: 'utf8',
  })
  return JSON.parse(output) as { cold: number; warm: number; rss: number }
}

/** Runs the store benchmarks: the rows with a goal, and figures for scale. */
const run = async (): Promise<{ rows: Row[]; infos: Info[] }> => {
  const rows: Row[] = []
  const infos: Info[] = []
  const start = pgliteStart()
  infos.push({
    name: 'PGlite: start in memory, first in a fresh process',
    figure: latency(start.cold),
    baseline: '-',
  })
  infos.push({ name: 'PGlite: start in memory, again', figure: latency(start.warm), baseline: '-' })
  infos.push({
    name: 'PGlite: resident memory a fresh process adds with one instance open',
    figure: mib(start.rss),
    baseline: '-',
  })
  const { PGlite } = await import('@electric-sql/pglite')
  const pglite = await PGlite.create()
  const targets: Array<[string, PostgresClient, () => Promise<void>]> = [
    ['PGlite', pglite, () => pglite.close()],
  ]
  const url = process.env['DATABASE_URL']
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    pool.on('error', () => undefined)
    targets.push(['server', pool, () => pool.end()])
  } else console.warn('DATABASE_URL is not set: the PostgreSQL server is not measured')
  for (const [name, client, close] of targets) {
    if (part('appends')) {
      console.log(`  ${name}: appends`)
      await benchAppends(name, client, rows, infos)
    }
    if (part('commands')) {
      console.log(`  ${name}: commands`)
      await benchCommands(name, client, infos)
    }
    if (part('cache')) {
      console.log(`  ${name}: commands on long streams (state cache)`)
      await benchStateCache(name, client, rows, infos)
    }
    if (part('reads')) {
      console.log(`  ${name}: reads (${size.bigTable.toLocaleString('en-US')} rows)`)
      await benchReads(name, client, rows, infos)
    }
    await close()
  }
  return { rows, infos }
}

const infoTable = (infos: ReadonlyArray<Info>) =>
  [
    '| figure | microcred | baseline |',
    '|---|--:|--:|',
    ...infos.map((i) => `| ${i.name} | ${i.figure} | ${i.baseline} |`),
  ].join('\n')

/** Runs the store benchmarks and prints their tables (plain text and Markdown). */
export const runStoreBenchmarks = async (): Promise<void> => {
  console.log(
    `store benchmarks${quick ? ' (quick)' : ''}: ${rounds} rounds, Node ${process.version}`,
  )
  const { rows, infos } = await run()
  console.log(
    `\n${textTable(rows)}\n\n${infoTable(infos)}\n\nMarkdown:\n\n${markdownTable(rows)}\n`,
  )
}

/** The store benchmark, run by `test/bench/index.ts` (it prints its scale figures itself). */
export const benchmark: Benchmark = {
  name: 'store',
  run: async () => {
    const { rows, infos } = await run()
    console.log(infoTable(infos))
    return rows
  },
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runStoreBenchmarks()
