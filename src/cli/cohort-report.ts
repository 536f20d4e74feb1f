/**
 * The cohort report the demo prints (and examples/lausd-cohort.ts too): the commands the rules
 * refused, one line per educator, who is still missing what, and the cohort's totals.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { printable } from './printable.js'
import type { EnrollmentRow, Totals } from './summary.js'
import { cohortTable, totalsTable } from './tables.js'

/** A command the rules refused, and why. */
export interface Refusal {
  readonly command: string
  readonly actorId: string
  readonly tag: string
  readonly message: string
}

/** What the report shows. */
export interface CohortReport {
  readonly title: string
  readonly cohortId: string
  readonly rows: ReadonlyArray<EnrollmentRow>
  readonly totals: Totals
  readonly refusals: ReadonlyArray<Refusal>
}

/** The report as text; every value from the log is escaped (`printable`). */
export const cohortReport = ({ title, cohortId, rows, totals, refusals }: CohortReport): string => {
  const refused = refusals.map(
    (r) => `  ${printable(`${r.command} by ${r.actorId} (${r.tag}): ${r.message}`)}`,
  )
  const missing = rows
    .filter((row) => row.progress.status === 'active')
    .map(({ name, progress }) => `  ${printable(`${name}: ${progress.missing.join('; ')}`)}`)
  return [
    printable(`${title} micro-credential, cohort ${cohortId}`),
    ...(refused.length === 0 ? [] : ['', 'Refused by the rules:', ...refused]),
    '',
    cohortTable(rows),
    ...(missing.length === 0 ? [] : ['', 'Still missing at the end of the year:', ...missing]),
    '',
    totalsTable(totals),
  ].join('\n')
}
