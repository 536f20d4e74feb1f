/**
 * `microcred report cohort`: each educator's progress in a cohort (hours by mode against
 * required, modules, courses, EOLAs, capstone, percent complete, status, at risk) and the
 * cohort's totals, as a table, CSV, JSON or the HTML page's view. Codes are shown by their
 * labels (`In progress`, `Not submitted`), never raw.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import {
  modeLabel,
  modes,
  requirementStateLabels,
  statusLabels,
  type CohortProgressRow,
  type CohortTotals,
  type Mode,
} from 'microcred'
import {
  formatOf,
  formatPercent,
  type CsvColumn,
  type TableColumn,
  type TableSection,
} from './report-formats.js'
import type { ModeHours, PageCohort, PageEducator } from './report-html.js'
import { formatNumber } from './tables.js'

/** One cohort of the report: its rows (as `cohortProgress` returns them) and totals. */
export interface CohortReport {
  readonly cohortId: string
  readonly rows: ReadonlyArray<CohortProgressRow>
  readonly totals: CohortTotals
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const modeHead = (mode: Mode) => capitalized(modeLabel(mode))

const eolasText = ({ met, awaitingGrade, required }: CohortProgressRow['eolas']) =>
  awaitingGrade === 0
    ? formatOf(met, required)
    : `${formatOf(met, required)} (${formatNumber(awaitingGrade)} awaiting a grade)`

/** `Yes` or `No`: whether an enrollment is at risk. */
const atRiskText = (row: CohortProgressRow) => (row.atRisk ? 'Yes' : 'No')

const tableColumns: ReadonlyArray<TableColumn<CohortProgressRow>> = [
  { head: 'Educator', cell: (row) => row.educatorName },
  { head: 'Enrollment', cell: (row) => row.enrollmentId },
  ...modes.map((mode): TableColumn<CohortProgressRow> => ({
    head: modeHead(mode),
    cell: (row) => formatOf(row.hours.credited[mode], row.hours.required[mode]),
  })),
  { head: 'Modules', cell: (row) => formatOf(row.modules.completed, row.modules.required) },
  { head: 'Courses', cell: (row) => formatOf(row.courses.completed, row.courses.required) },
  { head: 'EOLAs met', cell: (row) => eolasText(row.eolas) },
  { head: 'Capstone', cell: (row) => requirementStateLabels[row.capstone] },
  { head: 'Complete', cell: (row) => formatPercent(row.percentComplete) },
  { head: 'Status', cell: (row) => statusLabels[row.status] },
  { head: 'At risk', cell: atRiskText },
]

/** The lines under a cohort's table: its totals and why each enrollment at risk is. */
const notesOf = ({ rows, totals }: CohortReport): string[] => {
  const { byStatus, hours } = totals
  const statuses = (['earned', 'active', 'withdrawn', 'incomplete', 'revoked'] as const)
    .map((status) => `${formatNumber(byStatus[status])} ${statusLabels[status].toLowerCase()}`)
    .join(', ')
  const byMode = modes
    .map((mode) => `${modeLabel(mode)} ${formatOf(hours.credited[mode], hours.required[mode])}`)
    .join(', ')
  const mean = totals.meanPercentComplete
  return [
    `${formatNumber(totals.enrollments)} enrollments: ${statuses}; ${formatNumber(totals.atRisk)} at risk.`,
    `Hours credited/required: ${byMode}.`,
    ...(mean === null ? [] : [`Mean percent complete: ${formatPercent(mean)}.`]),
    ...rows
      .filter((row) => row.atRisk)
      .map(
        (row) => `At risk: ${row.educatorName} (${row.enrollmentId}): ${row.atRiskReason ?? ''}`,
      ),
  ]
}

/** The table section of one cohort. */
export const cohortSection = (
  report: CohortReport,
  asOf: string,
): TableSection<CohortProgressRow> => ({
  title: `Cohort ${report.cohortId}, as of ${asOf}`,
  columns: tableColumns,
  rows: report.rows,
  empty: 'No enrollment.',
  notes: notesOf(report),
})

/** The CSV of every cohort: one record per enrollment, numbers apart, labels for codes. */
export const cohortCsvColumns: ReadonlyArray<CsvColumn<CohortProgressRow>> = [
  { head: 'cohort', cell: (row) => row.cohortId },
  { head: 'enrollment', cell: (row) => row.enrollmentId },
  { head: 'educator id', cell: (row) => row.educatorId },
  { head: 'educator', cell: (row) => row.educatorName },
  { head: 'program', cell: (row) => row.programId },
  { head: 'program version', cell: (row) => row.programVersion },
  { head: 'status', cell: (row) => statusLabels[row.status] },
  ...modes.flatMap((mode): CsvColumn<CohortProgressRow>[] => [
    { head: `${modeLabel(mode)} hours credited`, cell: (row) => row.hours.credited[mode] },
    { head: `${modeLabel(mode)} hours required`, cell: (row) => row.hours.required[mode] },
  ]),
  { head: 'hours credited', cell: (row) => row.hours.creditedTotal },
  { head: 'hours required', cell: (row) => row.hours.requiredTotal },
  { head: 'modules completed', cell: (row) => row.modules.completed },
  { head: 'modules required', cell: (row) => row.modules.required },
  { head: 'courses completed', cell: (row) => row.courses.completed },
  { head: 'courses required', cell: (row) => row.courses.required },
  { head: 'EOLAs met', cell: (row) => row.eolas.met },
  { head: 'EOLAs awaiting a grade', cell: (row) => row.eolas.awaitingGrade },
  { head: 'EOLAs required', cell: (row) => row.eolas.required },
  { head: 'capstone', cell: (row) => requirementStateLabels[row.capstone] },
  { head: 'percent complete', cell: (row) => row.percentComplete },
  { head: 'at risk', cell: atRiskText },
  { head: 'at risk because', cell: (row) => row.atRiskReason ?? '' },
]

const modeHours = (credited: Record<Mode, number>, required: Record<Mode, number>) =>
  Object.fromEntries(
    modes.map((mode): [Mode, ModeHours] => [
      mode,
      { credited: credited[mode], required: required[mode] },
    ]),
  ) as Record<Mode, ModeHours>

const pageEducator = (row: CohortProgressRow): PageEducator => ({
  enrollmentId: row.enrollmentId,
  name: row.educatorName,
  hours: modeHours(row.hours.credited, row.hours.required),
  percentComplete: row.percentComplete,
  modules: formatOf(row.modules.completed, row.modules.required),
  eolas: eolasText(row.eolas),
  capstone: requirementStateLabels[row.capstone],
  status: statusLabels[row.status],
  atRisk: row.atRisk ? `Yes: ${row.atRiskReason ?? ''}` : 'No',
})

/** One cohort as the HTML page shows it. */
export const pageCohort = (report: CohortReport): PageCohort => ({
  cohortId: report.cohortId,
  hours: modeHours(report.totals.hours.credited, report.totals.hours.required),
  educators: report.rows.map(pageEducator),
  notes: notesOf(report).filter((note) => !note.startsWith('At risk: ')),
})
