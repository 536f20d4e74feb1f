/**
 * A quick, focused measure of the per-stream fold, for working on `foldEnrollment`: the replay log
 * (`BENCH_ENROLLMENTS`, 2,000 by default) decoded into three copies, one per fold in turn, and
 * `BENCH_ROUNDS` (15) rounds of folding every stream with `foldEnrollment`, `mutableFold` and
 * `leanMutableFold`, 250 streams at a time in a rotating order. Prints each side's median time
 * and the medians and spreads of the per-round ratios. Not a `*.bench.ts`: `npm run bench` does
 * not run it. Run it as
 *
 *   node --expose-gc --import tsx test/bench/stream-fold-rounds.ts
 *
 * (add `--cpu-prof` to profile it).
 */
import * as E from 'fp-ts/lib/Either.js'
import { EnrollmentEvent, foldEnrollment, type EnrollmentState } from '../../src/index.js'
import { leanMutableFold, type LeanState } from './lean-fold.js'
import { loadLog } from './log.js'
import { collect, median, spread } from './measure.js'
import { mutableFold } from './mutable-fold.js'

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 15)
const enrollments = Number(process.env['BENCH_ENROLLMENTS'] ?? 2_000)
const chunk = 250

const decodedStreams = (lines: ReadonlyArray<string>): EnrollmentEvent[][] => {
  const streams = new Map<string, EnrollmentEvent[]>()
  for (const line of lines) {
    const decoded = EnrollmentEvent.decode(JSON.parse(line))
    if (E.isLeft(decoded)) throw new Error('an event did not decode')
    const event = decoded.right
    const stream = streams.get(event.data.enrollmentId)
    if (stream === undefined) streams.set(event.data.enrollmentId, [event])
    else stream.push(event)
  }
  return [...streams.values()]
}

const replay = await loadLog({ enrollments })
/** Three copies, one per fold, taken in turn from round to round: the copies are not alike. */
const copies = [1, 2, 3].map(() => decodedStreams(replay.lines))
let [library, full, lean] = copies as [
  EnrollmentEvent[][],
  EnrollmentEvent[][],
  EnrollmentEvent[][],
]
const libraryStates = new Array<EnrollmentState>(library.length)
const fullStates = new Array<EnrollmentState>(full.length)
const leanStates = new Array<LeanState>(lean.length)

const times = { library: 0, full: 0, lean: 0 }
const chunks = Math.ceil(library.length / chunk)
/** The least time each side took over each chunk, over the timed rounds (robust to a busy moment). */
const least = {
  library: new Array<number>(chunks).fill(Infinity),
  full: new Array<number>(chunks).fill(Infinity),
  lean: new Array<number>(chunks).fill(Infinity),
}
let timing = false
const record = (side: keyof typeof times, from: number, millis: number) => {
  times[side] += millis
  const c = from / chunk
  if (timing) least[side][c] = Math.min(least[side][c] ?? Infinity, millis)
}
const sides = {
  library: (from: number, to: number) => {
    const started = performance.now()
    for (let i = from; i < to; i++) libraryStates[i] = foldEnrollment(library[i] ?? [])
    record('library', from, performance.now() - started)
  },
  full: (from: number, to: number) => {
    const started = performance.now()
    for (let i = from; i < to; i++) fullStates[i] = mutableFold(full[i] ?? [])
    record('full', from, performance.now() - started)
  },
  lean: (from: number, to: number) => {
    const started = performance.now()
    for (let i = from; i < to; i++) leanStates[i] = leanMutableFold(lean[i] ?? [])
    record('lean', from, performance.now() - started)
  },
}
const orders = [
  ['library', 'full', 'lean'],
  ['lean', 'library', 'full'],
  ['full', 'lean', 'library'],
] as const

let roundsRun = 0
const round = () => {
  const copy = (side: number) => copies[(roundsRun + side) % copies.length] ?? []
  ;[library, full, lean] = [copy(0), copy(1), copy(2)]
  roundsRun++
  times.library = times.full = times.lean = 0
  collect()
  for (let from = 0, c = 0; from < library.length; from += chunk, c++) {
    const to = Math.min(library.length, from + chunk)
    for (const side of orders[c % orders.length] ?? []) sides[side](from, to)
  }
  return { ...times }
}

for (let i = 0; i < 3; i++) round()
timing = true
const results = Array.from({ length: rounds }, round)
const of = (side: keyof typeof times) => results.map((r) => r[side])
const ratios = (side: 'full' | 'lean') => results.map((r) => r.library / r[side])
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const fmt = (xs: number[]) => `${median(xs).toFixed(1)} ms (spread ${spread(xs).toFixed(0)}%)`
const fmtRatio = (xs: number[]) =>
  `${median(xs).toFixed(2)}x (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`
console.log(
  `${library.length} streams, ${replay.lines.length} events, ${rounds} rounds\n` +
    `  foldEnrollment  ${fmt(of('library'))}\n` +
    `  mutableFold     ${fmt(of('full'))}\n` +
    `  leanMutableFold ${fmt(of('lean'))}\n` +
    `  library / mutableFold     ${fmtRatio(ratios('full'))}\n` +
    `  library / leanMutableFold ${fmtRatio(ratios('lean'))}\n` +
    `  sums of per-chunk minimums: ${sum(least.library).toFixed(1)} / ${sum(least.full).toFixed(1)} / ` +
    `${sum(least.lean).toFixed(1)} ms: library / mutableFold ` +
    `${(sum(least.library) / sum(least.full)).toFixed(2)}x, library / leanMutableFold ` +
    `${(sum(least.library) / sum(least.lean)).toFixed(2)}x`,
)
