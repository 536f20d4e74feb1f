/**
 * Cohort progress: one row per enrollment of a cohort, with hours by mode against required,
 * modules, courses, EOLAs, the capstone, a percent complete and whether the enrollment is at
 * risk, as a coordinator reads a cohort on a given day.
 *
 * **Percent complete** weighs hours and requirements equally: `50 × (hours credited / hours
 * required) + 50 × (requirements met / requirements)`, where the requirements are the EOLAs and,
 * where the enrollment requires it, the capstone (modules and courses follow from the hours, so
 * they are not counted twice). A share with nothing required counts as whole. The result is
 * rounded down, so 100 means everything is done.
 *
 * **At risk** (active enrollments only), the first of:
 * 1. an EOLA or the capstone has used every attempt without meeting: the credential cannot be
 *    earned without the district stepping in;
 * 2. behind the school year's pace: the percent complete is more than 20 points below the share of
 *    the school year elapsed at `asOf`. The school year is 1 July to 30 June (UTC) and is the one
 *    containing the enrollment's `enrolledAt`. Example: enrolled in September 2026, on
 *    1 January 2027 (50.4% of the 2026-27 year elapsed) an enrollment at 30% is at risk and one
 *    at 31% is not; after 30 June 2027 anything under 80% is at risk.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import type { Enrollment, EnrollmentStatus } from '../enrollment/state.js'
import { EnrollmentStatus as EnrollmentStatusCodec } from '../enrollment/state.js'
import { progress, type Progress } from '../enrollment/progress.js'
import { addHours, HoursByMode, noHours } from '../hours.js'
import type { EnrollmentsReadModel } from './enrollments.js'
import { compareText } from './read-model-helpers.js'
import { enrollmentsByCohort } from './lookups.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Where an EOLA or the capstone stands, as `progress` reports it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SubmissionStatusCodec } from 'microcred'
 * assert.equal(SubmissionStatusCodec.is('awaitingGrade'), true)
 * assert.equal(SubmissionStatusCodec.is('pending'), false)
 */
export const SubmissionStatusCodec = t.keyof(
  { notSubmitted: null, awaitingGrade: null, revise: null, meets: null, exhausted: null },
  'SubmissionStatus',
)

/**
 * One enrollment of a cohort, as the cohort progress report shows it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CohortProgressRow } from 'microcred'
 * const hours = { faceToFace: 0, online: 0, homework: 0 }
 * const row = {
 *   enrollmentId: 'enr-1', educatorId: 'e-1', educatorName: 'Maria Lopez', cohortId: 'steam-2026',
 *   programId: 'steam', programVersion: 1, enrolledAt: '2026-09-01T16:00:00Z', status: 'active',
 *   hours: { credited: hours, required: { faceToFace: 30, online: 45, homework: 30 }, creditedTotal: 0, requiredTotal: 105 },
 *   modules: { completed: 0, required: 6 }, courses: { completed: 0, required: 3 },
 *   eolas: { met: 0, awaitingGrade: 0, required: 5 }, capstone: 'notSubmitted',
 *   percentComplete: 0, atRisk: false, atRiskReason: null,
 * }
 * assert.equal(CohortProgressRow.is(row), true)
 * assert.equal(CohortProgressRow.is({ ...row, capstone: 'done' }), false)
 */
export const CohortProgressRow = t.type(
  {
    enrollmentId: t.string,
    educatorId: t.string,
    educatorName: t.string,
    cohortId: t.string,
    programId: t.string,
    programVersion: t.number,
    enrolledAt: t.string,
    status: EnrollmentStatusCodec,
    hours: t.type({
      credited: HoursByMode,
      required: HoursByMode,
      creditedTotal: t.number,
      requiredTotal: t.number,
    }),
    modules: t.type({ completed: t.number, required: t.number }),
    courses: t.type({ completed: t.number, required: t.number }),
    eolas: t.type({ met: t.number, awaitingGrade: t.number, required: t.number }),
    capstone: SubmissionStatusCodec,
    /** 0 to 100, rounded down: see the module's documentation for the weighting. */
    percentComplete: t.number,
    atRisk: t.boolean,
    /** Why the enrollment is at risk, in a sentence; `null` when it is not. */
    atRiskReason: t.union([t.string, t.null]),
  },
  'CohortProgressRow',
)
/** One enrollment of a cohort, as the cohort progress report shows it. */
export type CohortProgressRow = t.TypeOf<typeof CohortProgressRow>

/** What `cohortProgress` takes: the cohort, and the instant the report is for (ISO-8601). */
export interface CohortProgressOptions {
  readonly cohortId: string
  /** The instant the pace is measured at; one that does not parse puts no one behind pace. */
  readonly asOf: string
}

/** The sums of a cohort progress report, as `cohortTotals` computes them. */
export interface CohortTotals {
  readonly enrollments: number
  readonly byStatus: Readonly<Record<EnrollmentStatus, number>>
  readonly atRisk: number
  /** Hours credited and required, by mode, over every row. */
  readonly hours: { readonly credited: HoursByMode; readonly required: HoursByMode }
  /** The mean percent complete, `null` for no rows. */
  readonly meanPercentComplete: number | null
}

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

/**
 * How far below the school year's pace (in percentage points) an active enrollment is at risk.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { atRiskMargin } from 'microcred'
 * assert.equal(atRiskMargin, 20)
 */
export const atRiskMargin = 20

const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 1)

/**
 * The percent complete of a progress report: hours and requirements weighed equally, rounded
 * down (see the module's documentation).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, foldEnrollment, lausdPolicy, percentComplete, progress, requirementsOf } from 'microcred'
 * const at = '2026-09-14T16:00:00Z'
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 *   { type: 'HoursRecorded', data: { enrollmentId: 'enr-1', at, moduleId: 'steam-fa-1', mode: 'online', hours: 9, creditedHours: 9, recordedBy: 'lms-1' } },
 * ])
 * // 9 of 105 hours (half the weight) and none of 5 EOLAs and the capstone: 50 × 9 / 105 = 4.29.
 * assert.equal(percentComplete(progress(state)), 4)
 */
export const percentComplete = (report: Progress): number => {
  const capstoneRequired = report.capstone.required ? 1 : 0
  const capstoneMet = report.capstone.required && report.capstone.status === 'meets' ? 1 : 0
  const hours = share(report.hours.creditedTotal, report.hours.requiredTotal)
  const requirements = share(
    report.eolas.meeting + capstoneMet,
    report.eolas.required + capstoneRequired,
  )
  return Math.floor(50 * hours + 50 * requirements)
}

/**
 * The school year (1 July to the next 1 July, UTC) containing an instant, as its first instant
 * and the first instant of the next; `undefined` when the instant does not parse.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { schoolYearOf } from 'microcred'
 * assert.deepEqual(schoolYearOf('2026-09-01T16:00:00Z'), { start: '2026-07-01T00:00:00.000Z', end: '2027-07-01T00:00:00.000Z' })
 * assert.deepEqual(schoolYearOf('2027-03-01T16:00:00Z'), { start: '2026-07-01T00:00:00.000Z', end: '2027-07-01T00:00:00.000Z' })
 * assert.equal(schoolYearOf('next week'), undefined)
 */
export const schoolYearOf = (
  instant: string,
): { readonly start: string; readonly end: string } | undefined => {
  const time = Date.parse(instant)
  if (Number.isNaN(time)) return undefined
  const date = new Date(time)
  const year = date.getUTCMonth() >= 6 ? date.getUTCFullYear() : date.getUTCFullYear() - 1
  return {
    start: new Date(Date.UTC(year, 6, 1)).toISOString(),
    end: new Date(Date.UTC(year + 1, 6, 1)).toISOString(),
  }
}

/**
 * The share (0 to 1) of the school year containing `enrolledAt` that has elapsed at `asOf`;
 * `undefined` when either does not parse.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { schoolYearElapsed } from 'microcred'
 * assert.equal(schoolYearElapsed('2026-09-01T16:00:00Z', '2026-06-01T00:00:00Z'), 0) // before it starts
 * assert.equal(schoolYearElapsed('2026-09-01T16:00:00Z', '2027-07-01T00:00:00Z'), 1)
 * assert.equal(schoolYearElapsed('2026-09-01T16:00:00Z', '2027-01-01T00:00:00Z')?.toFixed(3), '0.504')
 */
export const schoolYearElapsed = (enrolledAt: string, asOf: string): number | undefined => {
  const year = schoolYearOf(enrolledAt)
  const now = Date.parse(asOf)
  if (year === undefined || Number.isNaN(now)) return undefined
  const start = Date.parse(year.start)
  const elapsed = (now - start) / (Date.parse(year.end) - start)
  return Math.min(1, Math.max(0, elapsed))
}

/**
 * Why an enrollment is at risk on `asOf` (see the module's documentation), or `null`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { atRiskReason, catalog, foldEnrollment, isEnrolled, lausdPolicy, progress, requirementsOf } from 'microcred'
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam',
 *     programVersion: 1, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 * ])
 * assert.ok(isEnrolled(state))
 * assert.equal(atRiskReason(state, progress(state), '2026-09-02T00:00:00Z'), null) // 17% of the year: not yet
 * assert.equal(
 *   atRiskReason(state, progress(state), '2027-01-01T00:00:00Z'),
 *   '0% complete with 50% of the 2026-27 school year elapsed: more than 20 points behind',
 * )
 */
export const atRiskReason = (state: Enrollment, report: Progress, asOf: string): string | null => {
  if (state.status !== 'active') return null
  const exhausted = report.eolas.items.find((eola) => eola.status === 'exhausted')
  if (exhausted !== undefined) {
    return `EOLA '${exhausted.title}' has used every attempt without meeting`
  }
  if (report.capstone.required && report.capstone.status === 'exhausted') {
    return 'the capstone has used every attempt without meeting'
  }
  const elapsed = schoolYearElapsed(state.enrolledAt, asOf)
  if (elapsed === undefined) return null
  const percent = percentComplete(report)
  if (percent >= elapsed * 100 - atRiskMargin) return null
  const start = new Date(Date.parse(schoolYearOf(state.enrolledAt)?.start ?? '')).getUTCFullYear()
  const year = `${start}-${String((start + 1) % 100).padStart(2, '0')}`
  return `${percent}% complete with ${Math.floor(elapsed * 100)}% of the ${year} school year elapsed: more than ${atRiskMargin} points behind`
}

// -------------------------------------------------------------------------------------
// report
// -------------------------------------------------------------------------------------

const collator = new Intl.Collator('en')

/** By educator name (as people sort names, then code unit by code unit), then enrollment id. */
const byEducatorName = (a: CohortProgressRow, b: CohortProgressRow): number =>
  collator.compare(a.educatorName, b.educatorName) ||
  compareText(a.educatorName, b.educatorName) ||
  compareText(a.enrollmentId, b.enrollmentId)

/**
 * The row of one enrollment on `asOf`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, cohortProgressRowOf, foldEnrollment, isEnrolled, lausdPolicy, requirementsOf } from 'microcred'
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam',
 *     programVersion: 1, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 * ])
 * assert.ok(isEnrolled(state))
 * const row = cohortProgressRowOf(state, '2026-09-02T00:00:00Z')
 * assert.deepEqual([row.hours.requiredTotal, row.eolas.required, row.capstone, row.atRisk], [105, 5, 'notSubmitted', false])
 */
export const cohortProgressRowOf = (state: Enrollment, asOf: string): CohortProgressRow => {
  const report = progress(state)
  const reason = atRiskReason(state, report, asOf)
  return {
    enrollmentId: state.enrollmentId,
    educatorId: state.educator.id,
    educatorName: state.educator.name,
    cohortId: state.cohortId,
    programId: state.programId,
    programVersion: state.programVersion,
    enrolledAt: state.enrolledAt,
    status: state.status,
    hours: report.hours,
    modules: { completed: report.modules.completed, required: report.modules.required },
    courses: { completed: report.courses.completed, required: report.courses.required },
    eolas: {
      met: report.eolas.meeting,
      awaitingGrade: report.eolas.items.filter((eola) => eola.status === 'awaitingGrade').length,
      required: report.eolas.required,
    },
    capstone: report.capstone.status,
    percentComplete: percentComplete(report),
    atRisk: reason !== null,
    atRiskReason: reason,
  }
}

/**
 * The progress of every enrollment of a cohort (every status) on `asOf`, sorted by educator
 * name, then enrollment id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, cohortProgress, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'admin-1', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const requirements = requirementsOf(catalog.steam, lausdPolicy)
 * const at = '2026-09-01T16:00:00Z'
 * const enrolled = (position: number, enrollmentId: string, name: string) => ({
 *   streamId: `enrollment-${enrollmentId}`, version: 1, position, type: 'EducatorEnrolled', metadata, recordedAt: at,
 *   data: { enrollmentId, at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: `e-${enrollmentId}`, name, email: 'educator@lausd.net' }, requirements, enrolledBy: 'admin-1' },
 * })
 * const hours = { streamId: 'enrollment-enr-2', version: 2, position: 3, type: 'HoursRecorded', metadata, recordedAt: at,
 *   data: { enrollmentId: 'enr-2', at, moduleId: 'steam-fa-1', mode: 'online', hours: 9, creditedHours: 9, recordedBy: 'lms-1' } }
 * const model = foldProjection(enrollmentsReadModel, [enrolled(1, 'enr-1', 'Maria Lopez'), enrolled(2, 'enr-2', 'Ana Ruiz'), hours])
 * assert.ok(E.isRight(model))
 * const rows = cohortProgress(model.right, { cohortId: 'steam-2026', asOf: '2027-01-01T00:00:00Z' })
 * assert.deepEqual(rows.map((row) => [row.educatorName, row.hours.credited.online, row.percentComplete]), [['Ana Ruiz', 9, 4], ['Maria Lopez', 0, 0]])
 * assert.deepEqual(rows.map((row) => row.atRisk), [true, true]) // half the year gone
 */
export const cohortProgress = (
  model: EnrollmentsReadModel,
  options: CohortProgressOptions,
): ReadonlyArray<CohortProgressRow> =>
  enrollmentsByCohort(model, options.cohortId)
    .map((state) => cohortProgressRowOf(state, options.asOf))
    .sort(byEducatorName)

/**
 * The sums of cohort progress rows: how many by status and at risk, hours credited and required
 * by mode, and the mean percent complete.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { cohortTotals } from 'microcred'
 * const totals = cohortTotals([])
 * assert.equal(totals.enrollments, 0)
 * assert.equal(totals.meanPercentComplete, null)
 * assert.deepEqual(totals.byStatus, { active: 0, earned: 0, withdrawn: 0, revoked: 0, incomplete: 0 })
 */
export const cohortTotals = (rows: ReadonlyArray<CohortProgressRow>): CohortTotals => {
  const byStatus = { active: 0, earned: 0, withdrawn: 0, revoked: 0, incomplete: 0 }
  let credited = noHours
  let required = noHours
  let percent = 0
  let atRisk = 0
  for (const row of rows) {
    byStatus[row.status] += 1
    credited = addHours(credited, row.hours.credited)
    required = addHours(required, row.hours.required)
    percent += row.percentComplete
    if (row.atRisk) atRisk += 1
  }
  return {
    enrollments: rows.length,
    byStatus,
    atRisk,
    hours: { credited, required },
    meanPercentComplete: rows.length === 0 ? null : percent / rows.length,
  }
}
