/**
 * What protecting personal data costs, on PGlite (in memory): the same earned journeys (STEAM,
 * about 80 commands each) handled through `handleCommand` on a plain SQL store and on the same
 * store wrapped by `protectPersonalData` with the key table beside it (each in its own schema of
 * one PGlite), timed by command type; then reads of every stream (`aggregateStream`) and of the
 * whole log (`readAll`), each way. Plain and protected alternate journey by journey and read by
 * read, so drift in the machine falls on both. No goal: the figures are for docs/personal-data.md.
 *
 * Not a `*.bench.ts`: it prints its own table, not the harness's rows, and has no goal, so
 * `npm run bench` does not run it. Run:
 * `node --expose-gc --import tsx test/bench/personal-data-cost.ts`
 * (`BENCH_PD_JOURNEYS=10` for a quicker run; default 40).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  aggregateStream,
  catalog,
  enrollment,
  enrollmentStreamId,
  handleCommand,
  protectPersonalData,
  type EventStore,
} from 'microcred'
import {
  createPostgresEventStore,
  createPostgresPersonalDataKeys,
  migrate,
} from 'microcred/postgres'
import { journeyArbitrary, type Journey } from 'microcred/testing'

const journeys = Number(process.env['BENCH_PD_JOURNEYS'] ?? 40)
const readRounds = 5

const { PGlite } = await import('@electric-sql/pglite')
const db = await PGlite.create()
await migrate(db, { schema: 'plain' })
await migrate(db, { schema: 'sealed' })
const plain = createPostgresEventStore(db, { schema: 'plain' })
const sealed = protectPersonalData(
  createPostgresEventStore(db, { schema: 'sealed' }),
  createPostgresPersonalDataKeys(db, { schema: 'sealed' }),
)

const sample: Journey[] = fc.sample(journeyArbitrary({ program: catalog.steam }), {
  numRuns: journeys,
  seed: 42,
})
// Each journey its own enrollment and educator.
const cases = sample.map((journey, i) => {
  const enrollmentId = `bench-${i + 1}`
  const educator = { ...journey.educator, id: `educator-bench-${i + 1}` }
  const steps = journey.steps.map(({ command, context }) => ({
    command: {
      ...command,
      data:
        command.type === 'Enroll'
          ? { ...command.data, enrollmentId, educator }
          : { ...command.data, enrollmentId },
    } as typeof command,
    context: {
      ...context,
      actor:
        context.actor.id === journey.educator.id
          ? { ...context.actor, id: educator.id }
          : context.actor,
      commandId: `${enrollmentId}-${context.commandId}`,
    },
  }))
  return { enrollmentId, steps }
})

const times = { plain: new Map<string, number[]>(), sealed: new Map<string, number[]>() }
const run = async (
  which: 'plain' | 'sealed',
  store: EventStore,
  steps: (typeof cases)[number]['steps'],
) => {
  for (const { command, context } of steps) {
    const start = performance.now()
    const result = await handleCommand(store, enrollment, command, context)
    const ms = performance.now() - start
    if (E.isLeft(result)) throw new Error(`${command.type}: ${result.left.message}`)
    const list = times[which].get(command.type) ?? []
    list.push(ms)
    times[which].set(command.type, list)
  }
}
for (const [i, { steps }] of cases.entries()) {
  // Alternate which goes first, so neither always meets a warmer cache.
  if (i % 2 === 0) {
    await run('plain', plain, steps)
    await run('sealed', sealed, steps)
  } else {
    await run('sealed', sealed, steps)
    await run('plain', plain, steps)
  }
}

const mean = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
const median = (xs: ReadonlyArray<number>) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}
const rows: string[][] = []
const row = (what: string, a: ReadonlyArray<number>, b: ReadonlyArray<number>, unit = 'ms') =>
  rows.push([
    what,
    `${median(a).toFixed(2)} ${unit}`,
    `${median(b).toFixed(2)} ${unit}`,
    `${(median(b) / median(a)).toFixed(2)}x`,
  ])
const commandCount = [...times.plain.values()].reduce((n, xs) => n + xs.length, 0)
for (const type of [
  'Enroll',
  'RecordHours',
  'SubmitArtifact',
  'GradeArtifact',
  'SubmitCapstone',
  'GradeCapstone',
]) {
  const a = times.plain.get(type) ?? []
  const b = times.sealed.get(type) ?? []
  row(`${type} (median of ${a.length}, handleCommand)`, a, b)
}
row(
  `every command (mean of ${commandCount})`,
  [mean([...times.plain.values()].flat())],
  [mean([...times.sealed.values()].flat())],
)

const readStreams = async (store: EventStore) => {
  const start = performance.now()
  for (const { enrollmentId } of cases) {
    const read = await aggregateStream(store, enrollment, enrollmentStreamId(enrollmentId))
    if (E.isLeft(read) || read.right.state.status !== 'earned') throw new Error('not earned')
  }
  return (performance.now() - start) / cases.length
}
const readAll = async (store: EventStore) => {
  const start = performance.now()
  let n = 0
  for await (const event of store.readAll()) n += event.position > 0 ? 1 : 0
  return { ms: performance.now() - start, n }
}
const streamReads = { plain: [] as number[], sealed: [] as number[] }
const logReads = { plain: [] as number[], sealed: [] as number[] }
let events = 0
for (let round = 0; round < readRounds; round++) {
  for (const which of round % 2 === 0
    ? (['plain', 'sealed'] as const)
    : (['sealed', 'plain'] as const)) {
    const store = which === 'plain' ? plain : sealed
    streamReads[which].push(await readStreams(store))
    const all = await readAll(store)
    logReads[which].push(all.ms)
    events = all.n
  }
}
row(
  `aggregateStream of an earned enrollment (median of ${readRounds} rounds)`,
  streamReads.plain,
  streamReads.sealed,
)
row(`readAll of ${events} events (median of ${readRounds})`, logReads.plain, logReads.sealed)

const size = async (schema: string) => {
  const { rows: r } = await db.query<{ bytes: number }>(
    `SELECT sum(pg_column_size(data) + pg_column_size(metadata))::int AS bytes FROM ${schema}.events`,
  )
  return r[0]?.bytes ?? 0
}
const [plainBytes, sealedBytes] = [await size('plain'), await size('sealed')]
rows.push([
  `data + metadata stored per event (${events} events)`,
  `${Math.round(plainBytes / events)} B`,
  `${Math.round(sealedBytes / events)} B`,
  `${(sealedBytes / plainBytes).toFixed(2)}x`,
])

const header = ['PGlite, in memory', 'plain store', 'protected', 'ratio']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
const line = (cells: ReadonlyArray<string>) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`
console.log(
  [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n'),
)
console.log(`\n${journeys} journeys, node ${process.version}, ${new Date().toISOString()}`)
await db.close()
