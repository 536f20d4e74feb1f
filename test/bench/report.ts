/**
 * The results of the benchmarks and how they are printed: a plain-text table for the terminal
 * and the same table in Markdown, to paste into the docs.
 */

/** One figure of a benchmark against its baseline and goal. */
export interface Row {
  /** What is measured. */
  readonly name: string
  /** The library's figure, formatted with its unit. */
  readonly figure: string
  /** The baseline's figure, formatted with its unit. */
  readonly baseline: string
  /** The ratio that the goal bounds (lower is better). */
  readonly ratio: number
  /** The most the ratio may be. */
  readonly goal: number
}

/** What a benchmark file exports as `benchmark`, for `test/bench/index.ts` to run. */
export interface Benchmark {
  readonly name: string
  /** Runs the benchmark and returns its rows; throws when a correctness guard fails. */
  readonly run: () => Promise<ReadonlyArray<Row>> | ReadonlyArray<Row>
}

/** A correctness guard failed: the benchmark's subject is wrong and its figures mean nothing. */
export class GuardFailed extends Error {
  override readonly name = 'GuardFailed'
}

/** Throws `GuardFailed` unless `condition` holds. */
export const guard: (condition: boolean, message: string) => asserts condition = (
  condition,
  message,
) => {
  if (!condition) throw new GuardFailed(message)
}

/** Whether a row meets its goal. */
export const passes = (row: Row): boolean => row.ratio <= row.goal

const columns = ['benchmark', 'microcred', 'baseline', 'ratio', 'goal', 'result'] as const

const cells = (row: Row): string[] => [
  row.name,
  row.figure,
  row.baseline,
  `${row.ratio.toFixed(2)}x`,
  `<= ${row.goal}x`,
  passes(row) ? 'PASS' : 'MISS',
]

/** The rows as an aligned plain-text table. */
export const textTable = (rows: ReadonlyArray<Row>): string => {
  const table = [[...columns], ...rows.map(cells)]
  const widths = columns.map((_, c) => Math.max(...table.map((line) => (line[c] ?? '').length)))
  const format = (line: ReadonlyArray<string>) =>
    line
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  return [format(columns), rule, ...table.slice(1).map(format)].join('\n')
}

/** The rows as a Markdown table, ready to paste into the docs. */
export const markdownTable = (rows: ReadonlyArray<Row>): string =>
  [
    `| ${columns.join(' | ')} |`,
    '|---|--:|--:|--:|--:|:-:|',
    ...rows.map((row) => `| ${cells(row).join(' | ')} |`),
  ].join('\n')

/** One line: how many figures meet their goal, and which do not. */
export const summary = (rows: ReadonlyArray<Row>): string => {
  const missed = rows.filter((row) => !passes(row))
  if (rows.length === 0) return 'no figure run has a goal (the tables above are for scale)'
  return missed.length === 0
    ? `all ${rows.length} figures meet their goals`
    : `${rows.length - missed.length}/${rows.length} figures meet their goals; MISS: ${missed
        .map((row) => `${row.name} (${row.ratio.toFixed(2)}x > ${row.goal}x)`)
        .join(', ')}`
}

/** Formats a rate of events per second: `1.23 M events/s`. */
export const perSecond = (events: number, millis: number): string =>
  `${(((events / millis) * 1000) / 1e6).toFixed(2)} M events/s`

/** Formats milliseconds: `1,234 ms`. */
export const ms = (millis: number): string => `${Math.round(millis).toLocaleString('en-US')} ms`
