/**
 * The columns of `microcred report queue`, `transcript`, `salary-points` and `analytics`: for a
 * table (labels, formatted numbers, dates) and for CSV (numbers as numbers). The salary-points
 * CSV is what HR imports: employee id, program, points, date, kind, reason, enrollment,
 * credential, in that order.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import {
  modeLabel,
  modes,
  statusLabels,
  totalHours,
  type LedgerRow,
  type ProgramAnalytics,
  type QueueItem,
  type TranscriptEntry,
} from 'microcred'
import {
  formatDate,
  formatDays,
  formatPercent,
  type CsvColumn,
  type TableColumn,
} from './report-formats.js'
import { formatNumber } from './tables.js'

// -------------------------------------------------------------------------------------
// assessor queue
// -------------------------------------------------------------------------------------

const workOf = (item: QueueItem) =>
  item.kind === 'capstone' ? `Capstone (enacting ${item.eolaTitle})` : `EOLA: ${item.eolaTitle}`

/**
 * Who may grade a submission: a second scorer or an adjudicator other than those who scored it
 * (under second scoring), else the assessor of the attempt before (a resubmission), else anyone.
 */
const assessorText = (item: QueueItem) =>
  item.round === 2
    ? `A second assessor (not ${(item.scoredBy ?? []).join(', ')})`
    : item.round === 3
      ? `An adjudicator (not ${(item.scoredBy ?? []).join(', ')})`
      : (item.assessorId ?? 'Any assessor (first attempt)')

/** When the grade is due, where the rules set a target: `-` where they do not. */
const dueText = (item: QueueItem) =>
  item.dueDate === undefined ? '-' : `${item.dueDate}${item.overdue === true ? ' (overdue)' : ''}`

/** The queue as a table, oldest first; with a `Due` column where any item has a due date. */
export const queueColumns = (
  items: ReadonlyArray<QueueItem>,
): ReadonlyArray<TableColumn<QueueItem>> => [
  { head: 'Waiting', cell: (item) => formatDays(item.daysWaiting) },
  { head: 'Submitted', cell: (item) => formatDate(item.submittedAt) },
  { head: 'Educator', cell: (item) => item.educatorName },
  { head: 'Enrollment', cell: (item) => item.enrollmentId },
  { head: 'Work', cell: workOf },
  { head: 'Attempt', cell: (item) => formatNumber(item.attempt) },
  { head: 'Assessor', cell: assessorText },
  ...(items.some((item) => item.dueDate !== undefined) ? [{ head: 'Due', cell: dueText }] : []),
]

/** The queue as CSV. */
export const queueCsvColumns: ReadonlyArray<CsvColumn<QueueItem>> = [
  { head: 'days waiting', cell: (item) => item.daysWaiting },
  { head: 'submitted at', cell: (item) => item.submittedAt },
  { head: 'educator id', cell: (item) => item.educatorId },
  { head: 'educator', cell: (item) => item.educatorName },
  { head: 'enrollment', cell: (item) => item.enrollmentId },
  { head: 'cohort', cell: (item) => item.cohortId },
  { head: 'program', cell: (item) => item.programId },
  { head: 'kind', cell: (item) => (item.kind === 'capstone' ? 'Capstone' : 'EOLA') },
  { head: 'EOLA id', cell: (item) => item.eolaId ?? item.enactedEolaId ?? '' },
  { head: 'EOLA', cell: (item) => item.eolaTitle },
  { head: 'attempt', cell: (item) => item.attempt },
  { head: 'assessor', cell: (item) => item.assessorId ?? '' },
  { head: 'round', cell: (item) => item.round ?? '' },
  { head: 'scored by', cell: (item) => (item.scoredBy ?? []).join(' ') },
  { head: 'due date', cell: (item) => item.dueDate ?? '' },
  {
    head: 'overdue',
    cell: (item) => (item.overdue === undefined ? '' : item.overdue ? 'yes' : 'no'),
  },
]

// -------------------------------------------------------------------------------------
// transcript
// -------------------------------------------------------------------------------------

const orDash = (value: string | null) => value ?? '-'
const dateOrDash = (value: string | null) => (value === null ? '-' : formatDate(value))

/** The transcript as a table. */
export const transcriptColumns: ReadonlyArray<TableColumn<TranscriptEntry>> = [
  { head: 'Program', cell: (entry) => entry.title ?? entry.programId },
  { head: 'Enrollment', cell: (entry) => entry.enrollmentId },
  { head: 'Cohort', cell: (entry) => entry.cohortId },
  { head: 'Status', cell: (entry) => statusLabels[entry.status] },
  { head: 'Enrolled', cell: (entry) => formatDate(entry.enrolledAt) },
  { head: 'Earned', cell: (entry) => dateOrDash(entry.earnedAt) },
  { head: 'Hours', cell: (entry) => formatNumber(totalHours(entry.hours)) },
  { head: 'Salary points', cell: (entry) => formatNumber(entry.salaryPoints) },
  { head: 'Credential', cell: (entry) => orDash(entry.credentialId) },
  { head: 'Badge', cell: (entry) => orDash(entry.badgeId) },
]

/** The lines under a transcript: when and why an enrollment was withdrawn, expired or revoked. */
export const transcriptNotes = (entries: ReadonlyArray<TranscriptEntry>): string[] =>
  entries.flatMap((entry) => [
    ...(entry.withdrawnAt === null
      ? []
      : [
          `${entry.enrollmentId}: withdrawn on ${formatDate(entry.withdrawnAt)}: ${entry.withdrawalReason ?? ''}`,
        ]),
    ...(entry.expiredAt === null
      ? []
      : [
          `${entry.enrollmentId}: expired incomplete on ${formatDate(entry.expiredAt)}: ${entry.expiryReason ?? ''}`,
        ]),
    ...(entry.revokedAt === null
      ? []
      : [
          `${entry.enrollmentId}: revoked on ${formatDate(entry.revokedAt)} (${formatNumber(entry.salaryPointsAwarded ?? 0)} salary points reversed): ${entry.revocationReason ?? ''}`,
        ]),
  ])

/** The transcript as CSV. */
export const transcriptCsvColumns: ReadonlyArray<CsvColumn<TranscriptEntry>> = [
  { head: 'educator id', cell: (entry) => entry.educatorId },
  { head: 'educator', cell: (entry) => entry.educatorName },
  { head: 'program', cell: (entry) => entry.programId },
  { head: 'program version', cell: (entry) => entry.programVersion },
  { head: 'title', cell: (entry) => entry.title ?? '' },
  { head: 'enrollment', cell: (entry) => entry.enrollmentId },
  { head: 'cohort', cell: (entry) => entry.cohortId },
  { head: 'status', cell: (entry) => statusLabels[entry.status] },
  { head: 'enrolled at', cell: (entry) => entry.enrolledAt },
  { head: 'earned at', cell: (entry) => entry.earnedAt ?? '' },
  { head: 'withdrawn at', cell: (entry) => entry.withdrawnAt ?? '' },
  { head: 'withdrawal reason', cell: (entry) => entry.withdrawalReason ?? '' },
  { head: 'revoked at', cell: (entry) => entry.revokedAt ?? '' },
  { head: 'revocation reason', cell: (entry) => entry.revocationReason ?? '' },
  { head: 'expired at', cell: (entry) => entry.expiredAt ?? '' },
  { head: 'expiry reason', cell: (entry) => entry.expiryReason ?? '' },
  ...modes.map((mode): CsvColumn<TranscriptEntry> => ({
    head: `${modeLabel(mode)} hours`,
    cell: (entry) => entry.hours[mode],
  })),
  { head: 'salary points', cell: (entry) => entry.salaryPoints },
  { head: 'credential', cell: (entry) => entry.credentialId ?? '' },
  { head: 'badge', cell: (entry) => entry.badgeId ?? '' },
]

// -------------------------------------------------------------------------------------
// salary points
// -------------------------------------------------------------------------------------

const kindLabels: Readonly<Record<LedgerRow['kind'], string>> = {
  award: 'Award',
  reversal: 'Reversal',
}

/** The ledger as a table. */
export const ledgerColumns: ReadonlyArray<TableColumn<LedgerRow>> = [
  { head: 'Date', cell: (row) => formatDate(row.date) },
  { head: 'Employee', cell: (row) => row.employeeId },
  { head: 'Name', cell: (row) => row.employeeName },
  { head: 'Program', cell: (row) => row.programId },
  { head: 'Kind', cell: (row) => kindLabels[row.kind] },
  { head: 'Points', cell: (row) => formatNumber(row.points) },
  { head: 'Reason', cell: (row) => row.reason ?? '' },
  { head: 'Enrollment', cell: (row) => row.enrollmentId },
  { head: 'Credential', cell: (row) => row.credentialId },
]

/** The ledger as HR imports it. */
export const ledgerCsvColumns: ReadonlyArray<CsvColumn<LedgerRow>> = [
  { head: 'employee id', cell: (row) => row.employeeId },
  { head: 'program', cell: (row) => row.programId },
  { head: 'points', cell: (row) => row.points },
  { head: 'date', cell: (row) => formatDate(row.date) },
  { head: 'kind', cell: (row) => row.kind },
  { head: 'reason', cell: (row) => row.reason ?? '' },
  { head: 'enrollment', cell: (row) => row.enrollmentId },
  { head: 'credential', cell: (row) => row.credentialId },
]

/** The line under the ledger: the points awarded, reversed and owed. */
export const ledgerNote = (rows: ReadonlyArray<LedgerRow>): string => {
  const sum = (kind: LedgerRow['kind']) =>
    rows.filter((row) => row.kind === kind).reduce((total, row) => total + row.points, 0)
  const [awarded, reversed] = [sum('award'), -sum('reversal')]
  return `${formatNumber(awarded)} points awarded, ${formatNumber(Math.abs(reversed))} reversed: ${formatNumber(awarded - reversed)} in all.`
}

// -------------------------------------------------------------------------------------
// analytics
// -------------------------------------------------------------------------------------

const rate = (value: number | null) => (value === null ? '-' : formatPercent(value * 100))
const days = (value: number | null) => (value === null ? '-' : formatDays(value))
const decimal = (value: number | null) =>
  value === null ? '-' : formatNumber(Math.round(value * 100) / 100)

/** Grading within target and assessor agreement, where the program's enrollments have them. */
const assessmentLines = (a: ProgramAnalytics): Array<readonly [string, string]> => [
  ...(a.gradingTarget === undefined
    ? []
    : [
        [
          'Graded within target',
          `${rate(a.gradingTarget.share)} (${formatNumber(a.gradingTarget.withinTarget)} of ${formatNumber(a.gradingTarget.graded)})`,
        ] as const,
      ]),
  ...(a.assessorAgreement?.pairs ?? []).map(
    (pair) =>
      [
        `Agreement, ${pair.assessorA} and ${pair.assessorB}`,
        `${rate(pair.percentAgreement)} of ${formatNumber(pair.attempts)}, kappa ${decimal(pair.kappa)}`,
      ] as const,
  ),
  ...(a.assessorAgreement?.assessors ?? [])
    .filter((assessor) => assessor.flagged)
    .map(
      (assessor) =>
        [
          `Calibration: ${assessor.assessorId}`,
          `agrees ${rate(assessor.percentAgreement)}, below ${rate(a.assessorAgreement?.threshold ?? null)}`,
        ] as const,
    ),
]

/** One program's figures, one per line: label and value. */
export const analyticsLines = (a: ProgramAnalytics): ReadonlyArray<readonly [string, string]> => [
  ['Enrolled', formatNumber(a.enrolled)],
  ['Earned', formatNumber(a.earned)],
  ['In progress', formatNumber(a.active)],
  ['Withdrawn', formatNumber(a.withdrawn)],
  ['Incomplete', formatNumber(a.incomplete)],
  ['Revoked', formatNumber(a.revoked)],
  ['Completion rate', rate(a.completionRate)],
  ['Median time to earn', days(a.medianDaysToEarn)],
  ['Resubmission rate', rate(a.resubmissionRate)],
  ['Mean attempts per EOLA', decimal(a.meanAttemptsPerEola)],
  ['Grading turnaround, median', days(a.gradingTurnaround.medianDays)],
  ['Grading turnaround, 90th percentile', days(a.gradingTurnaround.p90Days)],
  ...assessmentLines(a),
]

const numberOrEmpty = (value: number | null) => value ?? ''

/** Analytics as CSV: one record per program, rates as fractions, durations in days. */
export const analyticsCsvColumns: ReadonlyArray<CsvColumn<ProgramAnalytics>> = [
  { head: 'program', cell: (a) => a.programId },
  { head: 'enrolled', cell: (a) => a.enrolled },
  { head: 'earned', cell: (a) => a.earned },
  { head: 'in progress', cell: (a) => a.active },
  { head: 'withdrawn', cell: (a) => a.withdrawn },
  { head: 'incomplete', cell: (a) => a.incomplete },
  { head: 'revoked', cell: (a) => a.revoked },
  { head: 'completion rate', cell: (a) => numberOrEmpty(a.completionRate) },
  { head: 'median days to earn', cell: (a) => numberOrEmpty(a.medianDaysToEarn) },
  { head: 'resubmission rate', cell: (a) => numberOrEmpty(a.resubmissionRate) },
  { head: 'mean attempts per EOLA', cell: (a) => numberOrEmpty(a.meanAttemptsPerEola) },
  {
    head: 'grading turnaround median days',
    cell: (a) => numberOrEmpty(a.gradingTurnaround.medianDays),
  },
  {
    head: 'grading turnaround 90th percentile days',
    cell: (a) => numberOrEmpty(a.gradingTurnaround.p90Days),
  },
]
