/**
 * The replay benchmark: a district-sized log (25,000 enrollments, 1,000,000 events) read back from
 * NDJSON, decoded and folded, against hand-written baselines.
 *
 * - decode: `EnrollmentEvent.decode` of every parsed line (which checks and deep-freezes it) vs
 *   `JSON.parse` of the lines.
 * - whole-log fold: `foldEnrollments` of the interleaved log vs a mutable fold into a Map.
 * - per-stream fold: `foldEnrollment` of each stream vs the mutable fold of each stream, and vs
 *   the lean mutable fold (lean-fold.ts), which tracks only what the state is for (status, hours
 *   per module and mode, modules, courses, attempts with grades, the capstone, the award).
 * - memory: the heap held by the 25,000 folded states, library vs baseline.
 * - for scale, no goal: the whole replay (parse, decode, fold), library vs parse and mutable fold.
 *
 * The folds run on decoded events, as a replay from a store does. Each round parses and decodes
 * the log three times (the first copy's times are the decode row's): the library folds one copy,
 * the mutable baseline another and the lean baseline the third (per stream, each side another copy
 * each round, in turn), so none reads objects another has just brought into the cache or changed. Whole-log folds run twice a side each round, in the order A B B A (A alternating from
 * round to round), after one untimed fold a side, and the row takes the median of the timed ones;
 * the per-stream folds take turns every 500 streams, in a rotating order; so a slow moment of a shared machine falls on
 * both. Warm-up first, then `BENCH_ROUNDS` rounds (5), and medians.
 * Correctness guards run first and throw `GuardFailed`.
 */
import { deepStrictEqual } from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import {
  EnrollmentEvent,
  foldEnrollment,
  foldEnrollments,
  type EnrollmentState,
} from '../../src/index.js'
import { isDeeplyFrozen } from '../../src/testing/index.js'
import { loadLog, prng, type Log } from './log.js'
import { collect, heapAfterGc, median, spread, timed } from './measure.js'
import { leanFacts, leanMutableFold, plainLean, type LeanState } from './lean-fold.js'
import { mutableFold, mutableFoldAll } from './mutable-fold.js'
import { guard, GuardFailed, ms, perSecond, type Benchmark, type Row } from './report.js'

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5)
const enrollments = Number(process.env['BENCH_ENROLLMENTS'] ?? 25_000)
/** `BENCH_LOG=in-process` builds the log in this process (decide runs here too). */
const inProcess = process.env['BENCH_LOG'] === 'in-process'
const sampleSize = 200

const log = (line: string) => console.log(`  ${line}`)

// -------------------------------------------------------------------------------------
// the paths measured
// -------------------------------------------------------------------------------------

const parseAll = (lines: ReadonlyArray<string>): unknown[] => {
  const values = new Array<unknown>(lines.length)
  for (let i = 0; i < lines.length; i++) values[i] = JSON.parse(lines[i] as string)
  return values
}

const decodeAll = (values: ReadonlyArray<unknown>): EnrollmentEvent[] => {
  const events = new Array<EnrollmentEvent>(values.length)
  let failures = 0
  for (let i = 0; i < values.length; i++) {
    const decoded = EnrollmentEvent.decode(values[i])
    if (E.isRight(decoded)) events[i] = decoded.right
    else failures++
  }
  guard(failures === 0, `${failures} of ${values.length} events did not decode`)
  return events
}

const byStream = (events: ReadonlyArray<EnrollmentEvent>): EnrollmentEvent[][] => {
  const streams = new Map<string, EnrollmentEvent[]>()
  for (const event of events) {
    const stream = streams.get(event.data.enrollmentId)
    if (stream === undefined) streams.set(event.data.enrollmentId, [event])
    else stream.push(event)
  }
  return [...streams.values()]
}

const chunk = 500

/** Each per-stream fold's total time, in milliseconds. */
interface StreamTimes {
  readonly library: number
  readonly baseline: number
  readonly lean: number
}

/**
 * Folds every stream, the library's copy with `foldEnrollment`, the baseline's with the mutable
 * fold and the lean copy with the lean mutable fold, 500 streams at a time, each side first, second
 * and third in turn. Returns each side's total time.
 */
const foldStreams = (
  library: ReadonlyArray<EnrollmentEvent[]>,
  baseline: ReadonlyArray<EnrollmentEvent[]>,
  lean: ReadonlyArray<EnrollmentEvent[]>,
): StreamTimes => {
  const libraryStates = new Array<EnrollmentState>(library.length)
  const baselineStates = new Array<EnrollmentState>(baseline.length)
  const leanStates = new Array<LeanState>(lean.length)
  const millis = { library: 0, baseline: 0, lean: 0 }
  // One loop per side rather than one taking the fold as an argument: each call site stays
  // monomorphic.
  const sides = {
    library: (from: number, to: number) => {
      const started = performance.now()
      for (let i = from; i < to; i++) libraryStates[i] = foldEnrollment(library[i] ?? [])
      millis.library += performance.now() - started
    },
    baseline: (from: number, to: number) => {
      const started = performance.now()
      for (let i = from; i < to; i++) baselineStates[i] = mutableFold(baseline[i] ?? [])
      millis.baseline += performance.now() - started
    },
    lean: (from: number, to: number) => {
      const started = performance.now()
      for (let i = from; i < to; i++) leanStates[i] = leanMutableFold(lean[i] ?? [])
      millis.lean += performance.now() - started
    },
  }
  const orders = [
    ['library', 'baseline', 'lean'],
    ['baseline', 'lean', 'library'],
    ['lean', 'library', 'baseline'],
  ] as const
  collect()
  for (let from = 0; from < library.length; from += chunk) {
    const to = Math.min(library.length, from + chunk)
    for (const side of orders[(from / chunk) % orders.length] ?? []) sides[side](from, to)
  }
  guard(
    libraryStates.length === baselineStates.length && libraryStates.length === leanStates.length,
    'per-stream folds gave different numbers of states',
  )
  return millis
}

// -------------------------------------------------------------------------------------
// correctness guards
// -------------------------------------------------------------------------------------

const statusCounts = (states: Iterable<EnrollmentState>): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const state of states) counts[state.status] = (counts[state.status] ?? 0) + 1
  return counts
}

const sameValue = (actual: unknown, expected: unknown, what: string): void => {
  try {
    deepStrictEqual(actual, expected)
  } catch (error) {
    throw new GuardFailed(`${what}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * The subject is right: every line decodes to itself, deeply frozen; every fold gives the same
 * states; and a stream of events that were never decoded (so not frozen) folds to the same
 * state, deeply frozen too.
 */
const checkSubject = (replay: Log): void => {
  const values = parseAll(replay.lines)
  const events = decodeAll(values)
  guard(
    events.every((event, i) => event === values[i]),
    'EnrollmentEvent.decode changed a valid event: parsed values cannot stand for decoded events',
  )
  const base = mutableFoldAll(events)
  const library = foldEnrollments(events)
  const expected = Object.fromEntries(Object.entries(replay.statuses).sort())
  guard(library.size === replay.enrollments, `library folded ${library.size} enrollments`)
  guard(base.size === replay.enrollments, `baseline folded ${base.size} enrollments`)
  sameValue(statusCounts(library.values()), expected, 'library status counts')
  sameValue(statusCounts(base.values()), expected, 'baseline status counts')
  const streams = byStream(events)
  const undecoded = byStream(parseAll(replay.lines) as EnrollmentEvent[])
  const random = prng(7)
  for (let n = 0; n < sampleSize; n++) {
    const index = Math.floor(random() * streams.length)
    const stream = streams[index] ?? []
    const id = stream[0]?.data.enrollmentId ?? ''
    guard(stream.every(isDeeplyFrozen), `a decoded event of ${id} is not deeply frozen`)
    const state = library.get(id)
    guard(isDeeplyFrozen(state), `library state of ${id} is not deeply frozen`)
    sameValue(state, base.get(id), `whole-log states of ${id} (library vs baseline)`)
    sameValue(foldEnrollment(stream), state, `per-stream vs whole-log library state of ${id}`)
    sameValue(mutableFold(stream), state, `per-stream baseline vs library state of ${id}`)
    sameValue(
      plainLean(leanMutableFold(stream)),
      leanFacts(state as EnrollmentState),
      `facts of the lean baseline vs library state of ${id}`,
    )
    const fromUndecoded = foldEnrollment(undecoded[index] ?? [])
    guard(
      isDeeplyFrozen(fromUndecoded),
      `state of ${id} from undecoded events is not deeply frozen`,
    )
    sameValue(fromUndecoded, state, `state of ${id} from undecoded vs decoded events`)
  }
  log(
    `guards: ${events.length.toLocaleString('en-US')} events decode to themselves, deeply ` +
      `frozen; status counts ${JSON.stringify(expected)} match; ${sampleSize} sampled streams ` +
      `deep-equal (library whole-log = baseline = per-stream = per-stream of undecoded events) ` +
      `and hold the lean baseline's facts (status, hours, modules, courses, grades, capstone, ` +
      `award), library states deeply frozen`,
  )
}

// -------------------------------------------------------------------------------------
// the benchmark
// -------------------------------------------------------------------------------------

const decodedLog = (lines: ReadonlyArray<string>): EnrollmentEvent[] => decodeAll(parseAll(lines))

const warmUp = (lines: ReadonlyArray<string>): void => {
  const slice = lines.slice(0, Math.ceil(lines.length / 10))
  for (let i = 0; i < 2; i++) {
    const library = decodedLog(slice)
    const baseline = decodedLog(slice)
    const lean = decodedLog(slice)
    mutableFoldAll(baseline)
    foldEnrollments(library)
    foldStreams(byStream(library), byStream(baseline), byStream(lean))
  }
}

const run = async (): Promise<ReadonlyArray<Row>> => {
  const replay = await loadLog({ enrollments, inProcess })
  const count = replay.lines.length
  const megabytes = replay.lines.reduce((sum, line) => sum + line.length + 1, 0) / 2 ** 20
  log(
    `log: ${replay.enrollments.toLocaleString('en-US')} enrollments, ` +
      `${count.toLocaleString('en-US')} events (${(count / replay.enrollments).toFixed(1)} per ` +
      `enrollment), ${megabytes.toFixed(0)} MiB of NDJSON, ${replay.templates} templates ` +
      `decided, built ${inProcess ? 'in this process' : 'in a child process'} in ` +
      `${ms(replay.millis)}`,
  )
  checkSubject(replay)
  warmUp(replay.lines)

  const t = {
    parse: [] as number[],
    decode: [] as number[],
    libraryAll: [] as number[],
    baselineAll: [] as number[],
    libraryStreams: [] as number[],
    baselineStreams: [] as number[],
    leanStreams: [] as number[],
  }
  for (let round = 0; round < rounds; round++) {
    // Two copies of the log: the library's, whose parse and decode are timed (with no other log in
    // memory), and the baseline's.
    const parsed = timed(() => parseAll(replay.lines))
    t.parse.push(parsed.millis)
    const decoded = timed(() => decodeAll(parsed.value))
    t.decode.push(decoded.millis)
    const mine = decoded.value
    const theirs = decodedLog(replay.lines)
    // The third copy, for the per-stream folds, decoded here with the others: no side folds a copy
    // decoded just before its fold.
    const third = decodedLog(replay.lines)
    // Whole-log folds: each side twice, in the order A B B A, A alternating from round to round.
    const wholeLog = {
      library: () => t.libraryAll.push(timed(() => foldEnrollments(mine)).millis),
      baseline: () => t.baselineAll.push(timed(() => mutableFoldAll(theirs)).millis),
    }
    const [a, b] =
      round % 2 === 1 ? (['library', 'baseline'] as const) : (['baseline', 'library'] as const)
    // One untimed fold a side first: the first fold after the decodes runs 1.5-2x slower, on
    // either side, with 0.5-0.7 s more time in the kernel (measured; a pause after the decodes did
    // not remove it).
    collect()
    mutableFoldAll(theirs)
    collect()
    foldEnrollments(mine)
    for (const side of [a, b, b, a]) wholeLog[side]()

    // Per-stream folds: each side folds another copy each round, in turn, as the copies are not
    // alike (in stream-fold-rounds.ts-like runs the first copy decoded folded about 8% slower,
    // whatever the fold).
    const copies = [mine, theirs, third].map(byStream)
    const copy = (side: number) => copies[(round + side) % copies.length] ?? []
    const streams = foldStreams(copy(0), copy(1), copy(2))
    t.libraryStreams.push(streams.library)
    t.baselineStreams.push(streams.baseline)
    t.leanStreams.push(streams.lean)
    log(
      `round ${round + 1}/${rounds}: parse ${ms(parsed.millis)}, decode ` +
        `${ms(decoded.millis)}, whole-log ${t.libraryAll.slice(-2).map(ms).join(' / ')} vs ` +
        `${t.baselineAll.slice(-2).map(ms).join(' / ')}, per-stream ${ms(streams.library)} vs ` +
        `${ms(streams.baseline)} (lean ${ms(streams.lean)})`,
    )
  }

  // Memory: the heap the states hold, with the events held throughout.
  const heap = { library: [] as number[], baseline: [] as number[] }
  for (let round = 0; round < Math.min(3, rounds); round++) {
    let events: EnrollmentEvent[] | undefined = decodedLog(replay.lines)
    const before = heapAfterGc()
    let base: ReadonlyMap<string, EnrollmentState> | undefined = mutableFoldAll(events)
    const withBaseline = heapAfterGc()
    let library: ReadonlyMap<string, EnrollmentState> | undefined = foldEnrollments(events)
    const withBoth = heapAfterGc()
    guard(base.size === library.size && events.length === count, 'memory round lost its states')
    heap.baseline.push(withBaseline - before)
    heap.library.push(withBoth - withBaseline)
    base = library = events = undefined
  }

  const m = (xs: number[]) => median(xs)
  const perState = (bytes: number) => `${(bytes / replay.enrollments / 1024).toFixed(2)} KB/state`
  log(
    `spread (max-min)/median over ${rounds} rounds: parse ${spread(t.parse).toFixed(0)}%, ` +
      `decode ${spread(t.decode).toFixed(0)}%, whole-log ${spread(t.libraryAll).toFixed(0)}% vs ` +
      `${spread(t.baselineAll).toFixed(0)}%, per-stream ${spread(t.libraryStreams).toFixed(0)}% ` +
      `vs ${spread(t.baselineStreams).toFixed(0)}% (lean ${spread(t.leanStreams).toFixed(0)}%)`,
  )
  const libraryAll = m(t.libraryAll)
  const ratios = (a: number[], b: number[]) => median(a.map((x, i) => x / (b[i] ?? NaN)))
  log(
    `median of paired ratios (folds next to each other in a round): whole-log ` +
      `${ratios(t.libraryAll, t.baselineAll).toFixed(2)}x, ` +
      `per-stream ${ratios(t.libraryStreams, t.baselineStreams).toFixed(2)}x, ` +
      `per-stream vs lean ${ratios(t.libraryStreams, t.leanStreams).toFixed(2)}x`,
  )
  const replayMillis = m(t.parse) + m(t.decode) + libraryAll
  const baselineReplayMillis = m(t.parse) + m(t.baselineAll)
  log(
    `for scale, no goal: the whole replay (parse, decode, foldEnrollments) ` +
      `${perSecond(count, replayMillis)} vs parse and mutable fold ` +
      `${perSecond(count, baselineReplayMillis)}: ${(replayMillis / baselineReplayMillis).toFixed(2)}x`,
  )
  return [
    {
      name: 'decode (EnrollmentEvent.decode vs JSON.parse)',
      figure: ms(m(t.decode)),
      baseline: ms(m(t.parse)),
      ratio: m(t.decode) / m(t.parse),
      goal: 0.6,
    },
    {
      name: 'whole-log fold (foldEnrollments)',
      figure: perSecond(count, libraryAll),
      baseline: perSecond(count, m(t.baselineAll)),
      ratio: libraryAll / m(t.baselineAll),
      goal: 1.3,
    },
    {
      name: 'per-stream fold (foldEnrollment)',
      figure: perSecond(count, m(t.libraryStreams)),
      baseline: perSecond(count, m(t.baselineStreams)),
      ratio: m(t.libraryStreams) / m(t.baselineStreams),
      goal: 1.3,
    },
    {
      name: 'per-stream fold vs lean mutable fold',
      figure: perSecond(count, m(t.libraryStreams)),
      baseline: perSecond(count, m(t.leanStreams)),
      ratio: m(t.libraryStreams) / m(t.leanStreams),
      goal: 1.3,
    },
    {
      name: `memory of ${replay.enrollments.toLocaleString('en-US')} folded states`,
      figure: perState(m(heap.library)),
      baseline: perState(m(heap.baseline)),
      ratio: m(heap.library) / m(heap.baseline),
      goal: 1.2,
    },
  ]
}

/** The replay benchmark, run by `test/bench/index.ts`. */
export const benchmark: Benchmark = { name: 'replay', run }
