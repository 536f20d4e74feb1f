/**
 * The read side's benchmark (`npm run bench -- projections`), on PGlite and, when DATABASE_URL
 * is set, on the PostgreSQL server:
 *
 * - **rebuild**: `runner.rebuild()` of the read models (the in-memory `enrollmentsReadModel`,
 *   which every report reads, and the SQL `enrollmentLookupProjection`) from the replay log of
 *   1,000,000 events, each alone and both at once (each runner reads the log itself), against
 *   the plain core fold of the same events read from the same store (`readAll`, decode,
 *   `foldEnrollments`). Goal: at least half the fold's speed (ratio <= 2).
 * - **catch-up lag**: a runner following the live log while a writer appends 1,000 events/s for
 *   10 s; the 99th percentile of the time from an append's commit to the runner having applied
 *   it, against one second (ratio <= 1).
 * - **memory**: the heap held by the read model of the 25,000 enrollments against the heap held
 *   by the folded states alone (ratio <= 2).
 *
 * The log is inserted into the events table in bulk (the same rows `appendToStream` would write),
 * so setting up does not take the time of 25,000 appends.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import {
  createProjectionRunner,
  decodeRecordedEvent,
  enrollmentEvents,
  enrollmentsReadModel,
  foldEnrollments,
  type EnrollmentEvent,
  type EventStore,
} from '../../src/index.js'
import {
  createPostgresEventStore,
  createSqlProjectionRunner,
  enrollmentLookupProjection,
  migrate,
  type PostgresClient,
} from '../../src/postgres/index.js'
import { loadLog, type Log } from './log.js'
import { heapAfterGc, median } from './measure.js'
import { guard, ms, perSecond, type Benchmark, type Row } from './report.js'

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3)
const enrollments = Number(process.env['BENCH_ENROLLMENTS'] ?? 25_000)
const lagSeconds = Number(process.env['BENCH_LAG_SECONDS'] ?? 10)
const say = (line: string) => console.log(`  ${line}`)

// -------------------------------------------------------------------------------------
// the log in a store
// -------------------------------------------------------------------------------------

interface Target {
  readonly label: string
  readonly client: PostgresClient
  readonly schema: string
  readonly close: () => Promise<void>
}

const metadataOf = (n: number) =>
  JSON.stringify({
    eventId: `event-${n}`,
    commandId: `command-${n}`,
    actorId: 'bench',
    correlationId: `command-${n}`,
    causationId: `command-${n}`,
    schemaVersion: 1,
  })

const streamOf = (line: string): string => {
  const match = /"enrollmentId":"([^"]+)"/.exec(line)
  if (match === null) throw new Error('a log line without an enrollmentId')
  return `enrollment-${match[1]}`
}

/** Inserts the log's events as the store would have appended them, in chunks of 5,000 rows. */
const insertLog = async (target: Target, lines: ReadonlyArray<string>): Promise<void> => {
  const s = `"${target.schema}"`
  const versions = new Map<string, number>()
  const chunk = 5000
  for (let start = 0; start < lines.length; start += chunk) {
    const positions: number[] = []
    const streams: string[] = []
    const stamps: number[] = []
    const types: string[] = []
    const data: string[] = []
    const metadata: string[] = []
    for (let i = start; i < Math.min(lines.length, start + chunk); i++) {
      const line = lines[i] as string
      const stream = streamOf(line)
      const version = (versions.get(stream) ?? 0) + 1
      versions.set(stream, version)
      const event = JSON.parse(line) as { type: string; data: unknown }
      positions.push(i + 1)
      streams.push(stream)
      stamps.push(version)
      types.push(event.type)
      data.push(JSON.stringify(event.data))
      metadata.push(metadataOf(i + 1))
    }
    await target.client.query(
      `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
       SELECT p, st, v, ty, d::jsonb, m::jsonb
       FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[])
         AS t(p, st, v, ty, d, m)`,
      [positions, streams, stamps, types, data, metadata],
    )
  }
  await target.client.query(`UPDATE ${s}.log_head SET position = $1`, [lines.length])
}

/** `BENCH_TARGETS=server` (or `pglite`) measures on one of the two only. */
const only = process.env['BENCH_TARGETS']

const openTargets = async (): Promise<Target[]> => {
  const targets: Target[] = []
  if (only !== 'server') {
    const directory = mkdtempSync(path.join(tmpdir(), 'microcred-bench-projections-'))
    const lite = new PGlite(directory)
    targets.push({
      label: 'PGlite',
      client: lite,
      schema: 'bench',
      close: async () => {
        await lite.close()
        rmSync(directory, { recursive: true, force: true })
      },
    })
  }
  const url = process.env['DATABASE_URL']
  if (only === 'pglite') {
    say('BENCH_TARGETS=pglite: the server figures are skipped')
  } else if (url === undefined || url === '') {
    say('DATABASE_URL is unset: the server figures are skipped')
  } else {
    const pool = new pg.Pool({ connectionString: url, max: 4 })
    const schema = `bench_projections_${process.pid}`
    targets.push({
      label: 'server',
      client: pool,
      schema,
      close: async () => {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
        await pool.end()
      },
    })
  }
  for (const target of targets) await migrate(target.client, { schema: target.schema })
  return targets
}

// -------------------------------------------------------------------------------------
// the paths measured
// -------------------------------------------------------------------------------------

const decodeEnrollmentEvent = decodeRecordedEvent(enrollmentEvents)

/** The baseline: read the log from the store, decode it, and fold it with the core. */
const plainFold = async (store: EventStore) => {
  const events: EnrollmentEvent[] = []
  for await (const recorded of store.readAll()) {
    const decoded = decodeEnrollmentEvent(recorded)
    if (E.isLeft(decoded)) throw new Error(decoded.left.message)
    events.push(decoded.right)
  }
  return foldEnrollments(events)
}

const timeAsync = async <A>(f: () => Promise<A>) => {
  heapAfterGc()
  const started = performance.now()
  const value = await f()
  return { millis: performance.now() - started, value }
}

const rebuildRows = async (target: Target, log: Log): Promise<Row[]> => {
  const store = createPostgresEventStore(target.client, { schema: target.schema })
  const readModel = createProjectionRunner(store, enrollmentsReadModel)
  const lookup = createSqlProjectionRunner(target.client, enrollmentLookupProjection, {
    schema: target.schema,
  })
  const fold: number[] = []
  const model: number[] = []
  const sql: number[] = []
  const all: number[] = []
  for (let round = 0; round <= rounds; round++) {
    const base = await timeAsync(() => plainFold(store))
    const lib = await timeAsync(() => readModel.rebuild())
    guard(E.isRight(lib.value), `the read model's rebuild failed: ${JSON.stringify(lib.value)}`)
    guard(
      readModel.state().enrollments.size === base.value.size,
      `the read model holds ${readModel.state().enrollments.size} enrollments, the fold ${base.value.size}`,
    )
    const table = await timeAsync(() => lookup.rebuild())
    guard(E.isRight(table.value), `the lookup's rebuild failed: ${JSON.stringify(table.value)}`)
    // As a district runs them: each runner in its own loop, both at once.
    const both = await timeAsync(() => Promise.all([readModel.rebuild(), lookup.rebuild()]))
    guard(
      E.isRight(both.value[0]) && E.isRight(both.value[1]),
      'a rebuild of the two read models at once failed',
    )
    if (round === 0) continue // warm-up
    fold.push(base.millis)
    model.push(lib.millis)
    sql.push(table.millis)
    all.push(both.millis)
    say(
      `${target.label} round ${round}: fold ${ms(base.millis)}, read model ${ms(lib.millis)}, ` +
        `SQL lookup ${ms(table.millis)}, both at once ${ms(both.millis)}`,
    )
  }
  const events = log.lines.length
  const baseline = perSecond(events, median(fold))
  return [
    {
      name: `rebuild: enrollments read model (${target.label})`,
      figure: perSecond(events, median(model)),
      baseline,
      ratio: median(model) / median(fold),
      goal: 2,
    },
    {
      name: `rebuild: SQL enrollment lookup (${target.label})`,
      figure: perSecond(events, median(sql)),
      baseline,
      ratio: median(sql) / median(fold),
      goal: 2,
    },
    {
      name: `rebuild: both read models at once (${target.label})`,
      figure: perSecond(events, median(all)),
      baseline,
      ratio: median(all) / median(fold),
      goal: 2,
    },
  ]
}

/** Appends 1,000 events/s (20 every 20 ms) while a runner follows; returns the lags in ms. */
const lagRow = async (target: Target, log: Log): Promise<Row> => {
  const store = createPostgresEventStore(target.client, { schema: target.schema })
  const runner = createProjectionRunner(store, enrollmentsReadModel, { pollMs: 20 })
  const caughtUp = await runner.catchUp()
  guard(E.isRight(caughtUp), 'the runner did not catch up before the lag measure')
  const following = runner.follow()
  // Fresh streams: the log's events under new enrollment ids, 20 at a time from one stream.
  const byStream = new Map<string, string[]>()
  for (const line of log.lines.slice(0, lagSeconds * 1000 * 2)) {
    const stream = streamOf(line)
    byStream.set(stream, [...(byStream.get(stream) ?? []), line])
  }
  const batches: { streamId: string; events: ReturnType<typeof toAppend>[] }[] = []
  let n = 0
  const toAppend = (line: string) => {
    const event = JSON.parse(line.replaceAll('"enrollment-', '"lag-enrollment-')) as {
      type: string
      data: unknown
    }
    n++
    return { ...event, metadata: JSON.parse(metadataOf(10_000_000 + n)) as never }
  }
  for (const [stream, lines] of byStream) {
    for (let i = 0; i < lines.length; i += 20) {
      batches.push({ streamId: `lag-${stream}`, events: lines.slice(i, i + 20).map(toAppend) })
    }
  }
  const lags: number[] = []
  const pending: { position: number; committed: number }[] = []
  let watching = true
  const watcher = (async () => {
    while (watching || pending.length > 0) {
      const now = performance.now()
      while (pending.length > 0 && (pending[0]?.position ?? Infinity) <= runner.position()) {
        lags.push(now - (pending.shift()?.committed ?? now))
      }
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  })()
  const started = performance.now()
  let appended = 0
  for (const [i, batch] of batches.entries()) {
    if (appended >= lagSeconds * 1000) break
    const due = started + i * 20
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const result = await store.appendToStream(batch.streamId, batch.events, {
      expectedVersion: 'any',
    })
    guard(E.isRight(result), `an append failed: ${JSON.stringify(result)}`)
    const last = result.right.events[result.right.events.length - 1]
    if (last !== undefined) pending.push({ position: last.position, committed: performance.now() })
    appended += batch.events.length
  }
  const writing = performance.now() - started
  watching = false
  await watcher
  await runner.stop()
  const followed = await following
  guard(E.isRight(followed), 'the follower failed')
  const sorted = [...lags].sort((a, b) => a - b)
  const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? NaN
  say(
    `${target.label} lag: ${appended} events in ${ms(writing)} ` +
      `(${perSecond(appended, writing)}), lag median ${ms(median(lags))}, p99 ${ms(p99)}, ` +
      `max ${ms(sorted[sorted.length - 1] ?? NaN)}`,
  )
  return {
    name: `catch-up lag p99 at 1,000 events/s (${target.label})`,
    figure: ms(p99),
    baseline: '1,000 ms',
    ratio: p99 / 1000,
    goal: 1,
  }
}

const memoryRow = async (target: Target): Promise<Row> => {
  const store = createPostgresEventStore(target.client, { schema: target.schema })
  const before = heapAfterGc()
  let folded: unknown = await plainFold(store)
  const foldedBytes = heapAfterGc() - before
  folded = undefined
  const empty = heapAfterGc()
  const runner = createProjectionRunner(store, enrollmentsReadModel)
  guard(E.isRight(await runner.catchUp()), 'the read model did not catch up')
  const modelBytes = heapAfterGc() - empty
  guard(folded === undefined && runner.state().enrollments.size === enrollments, 'wrong size')
  const perState = (bytes: number) => `${(bytes / enrollments / 1024).toFixed(2)} KB/enrollment`
  return {
    name: `memory of the read model of ${enrollments.toLocaleString('en-US')} enrollments`,
    figure: perState(modelBytes),
    baseline: perState(foldedBytes),
    ratio: modelBytes / foldedBytes,
    goal: 2,
  }
}

const run = async (): Promise<Row[]> => {
  const log = await loadLog({ enrollments })
  say(`log: ${log.lines.length.toLocaleString('en-US')} events of ${enrollments} enrollments`)
  const targets = await openTargets()
  const rows: Row[] = []
  try {
    for (const target of targets) {
      const started = performance.now()
      await insertLog(target, log.lines)
      say(`${target.label}: log inserted in ${ms(performance.now() - started)}`)
      rows.push(...(await rebuildRows(target, log)))
      if (target === targets[0]) rows.push(await memoryRow(target))
      rows.push(await lagRow(target, log))
    }
  } finally {
    for (const target of targets) await target.close()
  }
  return rows
}

export const benchmark: Benchmark = { name: 'projections', run }
