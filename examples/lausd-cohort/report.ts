/**
 * The cohort report of examples/lausd-cohort.ts, as a district app would print it from the
 * public API alone: the commands the rules refused, one line per educator from their progress
 * view (`progressView`: labels, never raw codes), who is still missing what, and the totals.
 * Plain text in aligned columns; an app would render the same view as HTML.
 */
import {
  addHours,
  modeLabel,
  modes,
  noHours,
  totalHours,
  type HoursByMode,
  type Progress,
  type ProgressView,
} from 'microcred'

/** One enrollment of the cohort: its progress (numbers) and its view (labels). */
export interface EnrollmentRow {
  readonly enrollmentId: string
  readonly name: string
  readonly progress: Progress
  readonly view: ProgressView
}

/** How many enrollments stand where, the hours credited and the salary points granted. */
export interface Totals {
  readonly enrolled: number
  readonly earned: number
  readonly active: number
  readonly withdrawn: number
  /** Expired unfinished when the cohort closed. */
  readonly incomplete: number
  readonly revoked: number
  readonly hours: HoursByMode
  readonly creditedHours: number
  readonly salaryPoints: number
}

/** A command the rules refused, and why. */
export interface Refusal {
  readonly command: string
  readonly actorId: string
  readonly tag: string
  readonly message: string
}

/** The totals of the rows. */
export const totalsOf = (rows: ReadonlyArray<EnrollmentRow>): Totals => {
  const count = { earned: 0, active: 0, withdrawn: 0, incomplete: 0, revoked: 0 }
  let hours = noHours
  let salaryPoints = 0
  for (const { progress, view } of rows) {
    if (progress.status !== 'notEnrolled') count[progress.status] += 1
    hours = addHours(hours, progress.hours.credited)
    if (progress.status === 'earned') salaryPoints += view.dates.earned?.salaryPoints ?? 0
  }
  return { enrolled: rows.length, ...count, hours, creditedHours: totalHours(hours), salaryPoints }
}

const n = (value: number) => value.toLocaleString('en-US')
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Rows of cells as aligned columns, the first row a heading. */
const columns = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = (rows[0] ?? []).map((_, c) =>
    Math.max(...rows.map((row) => (row[c] ?? '').length)),
  )
  return rows
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** The report as text. */
export const cohortReport = (
  title: string,
  cohortId: string,
  rows: ReadonlyArray<EnrollmentRow>,
  refusals: ReadonlyArray<Refusal>,
): string => {
  const totals = totalsOf(rows)
  const table = columns([
    [
      'Enrollment',
      'Educator',
      ...modes.map((mode) => capitalized(modeLabel(mode))),
      'Modules',
      'EOLAs',
      'Capstone',
      'Status',
    ],
    ...rows.map(({ enrollmentId, name, view }) => [
      enrollmentId,
      name,
      ...view.hours.byMode.map((h) => `${n(h.credited)}/${n(h.required)}`),
      `${view.modules.completed}/${view.modules.required}`,
      `${view.eolas.meeting}/${view.eolas.required}`,
      view.capstone?.state.label ?? 'Not required',
      view.status.label,
    ]),
  ])
  const missing = rows
    .filter(({ view }) => view.missing.length > 0)
    .map(({ name, view }) => `  ${name}: ${view.missing.join('; ')}`)
  const byMode = modes.map((mode) => `${modeLabel(mode)} ${n(totals.hours[mode])}`).join(', ')
  return [
    `${title} micro-credential, cohort ${cohortId}`,
    '',
    'Refused by the rules:',
    ...refusals.map((r) => `  ${r.command} by ${r.actorId} (${r.tag}): ${r.message}`),
    '',
    table,
    '',
    'Still missing at the end of the year:',
    ...missing,
    '',
    columns([
      ['Enrolled', n(totals.enrolled)],
      ['Earned', n(totals.earned)],
      ['In progress', n(totals.active)],
      ['Withdrawn', n(totals.withdrawn)],
      ['Incomplete', n(totals.incomplete)],
      ['Revoked', n(totals.revoked)],
      ['Hours credited', `${n(totals.creditedHours)} (${byMode})`],
      ['Salary points granted', n(totals.salaryPoints)],
    ]),
  ].join('\n')
}
