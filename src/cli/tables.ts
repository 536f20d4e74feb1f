/**
 * The tables the commands print (cli-table3, without colours so that they read the same in a
 * terminal, a pipe or a file): a cohort's enrollments and totals (one enrollment's progress
 * view is drawn by commands/status-view.ts).
 * Every required number comes from the enrollment's pinned requirements, never from here. Every
 * cell is passed through `printable`: ids, names and titles come from input.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import Table from 'cli-table3'
import {
  modeLabel,
  modes,
  requirementStateLabels,
  statusLabels,
  type HoursByMode,
  type Mode,
  type Progress,
} from 'microcred'
import { printable } from './printable.js'
import type { EnrollmentRow, Totals } from './summary.js'

/** A cell: one line, or several (each escaped on its own, shown one under the other). */
export type Cell = string | ReadonlyArray<string>

/** A table of rows whose every cell is escaped (`printable`) before it is drawn. */
export interface PlainTable {
  readonly push: (...rows: ReadonlyArray<ReadonlyArray<Cell>>) => void
  readonly toString: () => string
}

const cellText = (cell: Cell): string =>
  typeof cell === 'string' ? printable(cell) : cell.map(printable).join('\n')

/** A table without colours or padding lines, with `head` as its first row if given. */
export const plainTable = (head?: ReadonlyArray<string>): PlainTable => {
  const table = new Table({
    style: { head: [], border: [], compact: true },
    ...(head === undefined ? {} : { head: head.map(printable) }),
  })
  return {
    push: (...rows) => void table.push(...rows.map((row) => row.map(cellText))),
    toString: () => table.toString(),
  }
}

/** `1,234.5`: numbers as people read them. */
export const formatNumber = (n: number): string => n.toLocaleString('en-US')

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const of = (done: number, needed: number) => `${formatNumber(done)}/${formatNumber(needed)}`
const hoursOf = (p: Pick<Progress['hours'], 'credited' | 'required'>, mode: Mode) =>
  of(p.credited[mode], p.required[mode])
const modeHeads = modes.map((mode) => capitalized(modeLabel(mode)))

/** One line per enrollment: hours by mode against required, modules, EOLAs, capstone, status. */
export const cohortTable = (rows: ReadonlyArray<EnrollmentRow>): string => {
  const table = plainTable([
    'Enrollment',
    'Educator',
    ...modeHeads,
    'Modules',
    'EOLAs',
    'Capstone',
    'Status',
  ])
  for (const { enrollmentId, name, progress: p } of rows) {
    table.push([
      enrollmentId,
      name,
      ...modes.map((mode) => hoursOf(p.hours, mode)),
      of(p.modules.completed, p.modules.required),
      of(p.eolas.meeting, p.eolas.required),
      requirementStateLabels[p.capstone.status],
      statusLabels[p.status],
    ])
  }
  return table.toString()
}

const hoursByMode = (hours: HoursByMode) =>
  modes.map((mode) => `${modeLabel(mode)} ${formatNumber(hours[mode])}`).join(', ')

/** Statuses, hours credited and salary points, one per line, and any `more` rows after them. */
export const totalsTable = (
  totals: Totals,
  more: ReadonlyArray<readonly [string, string]> = [],
): string => {
  const table = plainTable()
  table.push(
    ['Enrolled', formatNumber(totals.enrolled)],
    ['Earned', formatNumber(totals.earned)],
    ['Active', formatNumber(totals.active)],
    ['Withdrawn', formatNumber(totals.withdrawn)],
    ['Incomplete', formatNumber(totals.incomplete)],
    ['Revoked', formatNumber(totals.revoked)],
    ['Hours credited', `${formatNumber(totals.creditedHours)} (${hoursByMode(totals.hours)})`],
    ['Salary points granted', formatNumber(totals.salaryPoints)],
    ...more.map(([label, value]) => [label, value]),
  )
  return table.toString()
}
