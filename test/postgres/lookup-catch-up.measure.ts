/**
 * How fast the enrollment lookup catches up, piece by piece, against the plain core fold of the
 * same events read from the same store: the runner alone (an `applyBatch` that writes nothing:
 * reading, decoding, the checkpoint), the lookup at several batch sizes, and the per-event path
 * it replaced. On PGlite in a temp directory and, with DATABASE_URL, on the server.
 *
 *   MEASURE_ENROLLMENTS=2000 MEASURE_BATCHES=500,2000,5000 MEASURE_PER_EVENT=1 \
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *   node --expose-gc --import tsx test/postgres/lookup-catch-up.measure.ts
 *
 * The log is the benchmark's (test/bench/log.ts: 40 events an enrollment on average, interleaved),
 * inserted in bulk as the store would have appended it. Each of MEASURE_ROUNDS rounds (3) runs
 * every path once in turn, so a busy moment of a shared machine hits them alike; the medians are
 * printed, with every round's time.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import {
  decodeRecordedEvent,
  enrollmentEvents,
  foldEnrollments,
  type EnrollmentEvent,
} from '../../src/index.js'
import {
  createPostgresEventStore,
  createSqlProjectionRunner,
  defineSqlProjection,
  enrollmentLookupProjection,
  migrate,
  type AnySqlProjection,
  type PostgresClient,
} from '../../src/postgres/index.js'
import { loadLog } from '../bench/log.js'
import { lookupPerEvent } from './fixtures/lookup-per-event.js'

const enrollments = Number(process.env['MEASURE_ENROLLMENTS'] ?? 2000)
const batchSizes = (process.env['MEASURE_BATCHES'] ?? '500,2000,5000,10000').split(',').map(Number)
const perEvent = process.env['MEASURE_PER_EVENT'] === '1'
const rounds = Number(process.env['MEASURE_ROUNDS'] ?? 3)

const streamOf = (line: string): string =>
  `enrollment-${/"enrollmentId":"([^"]+)"/.exec(line)?.[1] ?? ''}`

const insertLog = async (client: PostgresClient, s: string, lines: ReadonlyArray<string>) => {
  const versions = new Map<string, number>()
  for (let start = 0; start < lines.length; start += 5000) {
    const columns: unknown[][] = [[], [], [], [], [], []]
    for (const [i, line] of lines.slice(start, start + 5000).entries()) {
      const stream = streamOf(line)
      const version = (versions.get(stream) ?? 0) + 1
      versions.set(stream, version)
      const event = JSON.parse(line) as { type: string; data: unknown }
      const n = start + i + 1
      const id = `event-${n}`
      const meta = { eventId: id, commandId: id, actorId: 'm', correlationId: id, causationId: id }
      const row = [n, stream, version, event.type, JSON.stringify(event.data)]
      row.push(JSON.stringify({ ...meta, schemaVersion: 1 }))
      row.forEach((value, c) => columns[c]?.push(value))
    }
    await client.query(
      `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
       SELECT p, st, v, ty, d::jsonb, m::jsonb
       FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[])
         AS t(p, st, v, ty, d, m)`,
      columns,
    )
  }
  await client.query(`UPDATE ${s}.log_head SET position = $1`, [lines.length])
}

const decode = decodeRecordedEvent(enrollmentEvents)

const fold = async (client: PostgresClient, schema: string) => {
  const events: EnrollmentEvent[] = []
  for await (const recorded of createPostgresEventStore(client, { schema }).readAll()) {
    const decoded = decode(recorded)
    if (E.isLeft(decoded)) throw new Error(decoded.left.message)
    events.push(decoded.right)
  }
  return foldEnrollments(events).size
}

/** The runner alone: the lookup's reading and decoding, and an `applyBatch` writing nothing. */
const runnerAlone = defineSqlProjection<EnrollmentEvent>({
  ...enrollmentLookupProjection,
  name: 'runner-alone',
  apply: undefined,
  applyBatch: async () => undefined,
})

const timed = async (f: () => Promise<unknown>): Promise<number> => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const started = performance.now()
  await f()
  return performance.now() - started
}

const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN
}

/** Each round runs every path once, one after the other, so a busy moment hits them alike. */
const measure = async (
  label: string,
  client: PostgresClient,
  schema: string,
  lines: ReadonlyArray<string>,
) => {
  await migrate(client, { schema })
  await insertLog(client, `"${schema}"`, lines)
  const events = lines.length
  const paths: Array<[string, () => Promise<unknown>]> = [['fold', () => fold(client, schema)]]
  const rebuild = (projection: AnySqlProjection, batchSize: number) => async () => {
    const runner = createSqlProjectionRunner(client, projection, { schema, batchSize })
    const result = await runner.rebuild()
    if (E.isLeft(result) || result.right.applied !== events) throw new Error(JSON.stringify(result))
  }
  for (const size of batchSizes) {
    paths.push([`runner alone, batch ${size}`, rebuild(runnerAlone, size)])
    paths.push([`lookup, batch ${size}`, rebuild(enrollmentLookupProjection, size)])
  }
  if (perEvent) paths.push(['lookup per event, batch 500', rebuild(lookupPerEvent(1), 500)])
  const times = new Map<string, number[]>()
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of paths) times.set(name, [...(times.get(name) ?? []), await timed(run)])
  }
  const baseline = median(times.get('fold') ?? [])
  for (const [name, ms] of times) {
    const m = median(ms)
    const rate = `${Math.round(events / (m / 1000)).toLocaleString('en-US')}/s`
    const all = ms.map((x) => Math.round(x)).join(', ')
    console.log(
      `${label}: ${name}: ${Math.round(m)} ms (${rate}), ${(m / baseline).toFixed(2)}x the fold [${all}]`,
    )
  }
}

const { lines } = await loadLog({ enrollments })
console.log(`log: ${lines.length} events of ${enrollments} enrollments`)
const directory = mkdtempSync(path.join(tmpdir(), 'microcred-measure-lookup-'))
const lite = new PGlite(directory)
try {
  await measure('PGlite', lite, 'measure', lines)
} finally {
  await lite.close()
  rmSync(directory, { recursive: true, force: true })
}
const url = process.env['DATABASE_URL']
if (url !== undefined && url !== '') {
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  const schema = `measure_lookup_${process.pid}`
  try {
    await measure('server', pool, schema, lines)
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  }
}
