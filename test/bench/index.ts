/**
 * The benchmarks of microcred: `npm run bench` runs every `*.bench.ts` file of this folder (each
 * exports `benchmark: Benchmark`), prints a table of figures against their baselines and goals,
 * the same table in Markdown for the docs, and a one-line summary.
 *
 * The exit code is 0 when a figure misses its goal (the run is a report) and 1 when a correctness
 * guard fails (the figures would be about the wrong thing). `BENCH_ROUNDS` sets the rounds whose
 * median is reported (5), `BENCH_ENROLLMENTS` the size of the replay log (25,000), and
 * `BENCH_LOG=in-process` builds the log in the measuring process instead of a child process
 * (deciding there leaves immer drafts in the recipe's inline caches, which slows the folds).
 * Arguments name the benchmarks to run (`npm run bench -- replay`); none runs them all.
 */
import { readdirSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { markdownTable, summary, textTable, type Benchmark, type Row } from './report.js'

export { markdownTable, summary, textTable, type Benchmark, type Row } from './report.js'

const isBenchmark = (value: unknown): value is Benchmark =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { name?: unknown }).name === 'string' &&
  typeof (value as { run?: unknown }).run === 'function'

/** Every benchmark of this folder: the `benchmark` export of each `*.bench.ts`, by file name. */
export const benchmarks = async (): Promise<Benchmark[]> => {
  const files = readdirSync(import.meta.dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort()
  const loaded: Benchmark[] = []
  for (const file of files) {
    const module: { benchmark?: unknown } = await import(`./${file}`)
    if (!isBenchmark(module.benchmark)) throw new Error(`${file} exports no benchmark`)
    loaded.push(module.benchmark)
  }
  return loaded
}

/** Runs every benchmark (or those named in `only`) and returns their rows. */
export const runBenchmarks = async (only: ReadonlyArray<string> = []): Promise<Row[]> => {
  const rows: Row[] = []
  const all = await benchmarks()
  const unknown = only.filter((name) => !all.some((benchmark) => benchmark.name === name))
  if (unknown.length > 0) {
    throw new Error(
      `no benchmark named ${unknown.join(', ')}; there are ${all.map((b) => b.name).join(', ')}`,
    )
  }
  for (const benchmark of all) {
    if (only.length > 0 && !only.includes(benchmark.name)) continue
    console.log(`\n${benchmark.name}`)
    rows.push(...(await benchmark.run()))
  }
  return rows
}

const main = async (): Promise<void> => {
  console.log(
    `microcred benchmarks: Node ${process.version} (V8 ${process.versions.v8}), ` +
      `${process.platform}/${process.arch}`,
  )
  try {
    const rows = await runBenchmarks(process.argv.slice(2))
    if (rows.length > 0) {
      console.log(`\n${textTable(rows)}\n\nMarkdown:\n\n${markdownTable(rows)}\n`)
    }
    console.log(`summary: ${summary(rows)} (Node ${process.version})`)
  } catch (error) {
    console.error(`\nFAILED: ${error instanceof Error ? (error.stack ?? error.message) : error}`)
    process.exitCode = 1
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
