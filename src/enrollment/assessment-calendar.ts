/**
 * The grading calendar: business days (Monday to Friday, less the policy's holidays) and the
 * date by which a submission is due its grade under the grading target. Days are the calendar
 * days of the district's time zone (`timeZone`, UTC unless set): a submission's day is the date
 * of its `submittedAt` there, and the target counts whole business days after it, so a
 * submission on a Friday with a target of 1 is due on Monday (or the next business day after a
 * holiday Monday).
 *
 * @packageDocumentation
 */

const millisecondsPerDay = 86_400_000

/** One formatter per zone (they are costly to make): `en-CA` formats a date as `YYYY-MM-DD`. */
const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * The calendar date (`YYYY-MM-DD`) of an ISO-8601 instant in an IANA time zone (UTC by default).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { calendarDateOf } from 'microcred'
 * assert.equal(calendarDateOf('2026-12-05T01:30:00Z'), '2026-12-05')
 * assert.equal(calendarDateOf('2026-12-05T01:30:00Z', 'America/Los_Angeles'), '2026-12-04') // 5:30 pm, Friday
 */
export const calendarDateOf = (instant: string, timeZone = 'UTC'): string => {
  const date = new Date(Date.parse(instant))
  if (timeZone === 'UTC') return date.toISOString().slice(0, 10)
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter.format(date)
}

const dayNumber = (date: string): number =>
  Math.floor(Date.parse(`${date}T00:00:00Z`) / millisecondsPerDay)

const dateOfDayNumber = (day: number): string =>
  new Date(day * millisecondsPerDay).toISOString().slice(0, 10)

/**
 * Whether a calendar date is a business day: Monday to Friday and not one of `holidays`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { isBusinessDay } from 'microcred'
 * assert.equal(isBusinessDay('2026-12-04'), true) // a Friday
 * assert.equal(isBusinessDay('2026-12-05'), false) // a Saturday
 * assert.equal(isBusinessDay('2026-12-25', ['2026-12-25']), false) // a holiday
 */
export const isBusinessDay = (date: string, holidays: ReadonlyArray<string> = []): boolean => {
  const weekday = (dayNumber(date) + 4) % 7 // 1970-01-01 was a Thursday (4); Sunday is 0
  return weekday !== 0 && weekday !== 6 && !holidays.includes(date)
}

/**
 * The calendar date `days` business days after `date` (which itself need not be one): the
 * `days`-th business day that follows it. With `days` 0, `date` itself.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { addBusinessDays } from 'microcred'
 * assert.equal(addBusinessDays('2026-12-04', 1), '2026-12-07') // Friday + 1: Monday
 * assert.equal(addBusinessDays('2026-12-04', 5), '2026-12-11')
 * assert.equal(addBusinessDays('2026-12-05', 1), '2026-12-07') // from a Saturday
 * assert.equal(addBusinessDays('2026-12-24', 1, ['2026-12-25']), '2026-12-28') // over Christmas
 */
export const addBusinessDays = (
  date: string,
  days: number,
  holidays: ReadonlyArray<string> = [],
): string => {
  const holidaySet = new Set(holidays)
  let day = dayNumber(date)
  let left = Math.max(0, Math.floor(days))
  while (left > 0) {
    day += 1
    const weekday = (day + 4) % 7
    if (weekday !== 0 && weekday !== 6 && !holidaySet.has(dateOfDayNumber(day))) left -= 1
  }
  return dateOfDayNumber(day)
}

/** What the grading calendar needs: the target in business days, the holidays, the zone. */
export interface GradingCalendar {
  readonly gradingTargetDays?: number | undefined
  readonly holidays?: ReadonlyArray<string> | undefined
  /** The IANA time zone whose calendar days count (UTC when absent). */
  readonly timeZone?: string | undefined
}

/**
 * The calendar date by which a submission made at `submittedAt` is due its grade: the
 * `gradingTargetDays`-th business day after the submission's date in the calendar's time zone
 * (UTC unless set); `null` when the calendar sets no target.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { gradingDueDate } from 'microcred'
 * assert.equal(gradingDueDate('2026-12-04T16:00:00Z', { gradingTargetDays: 5 }), '2026-12-11')
 * assert.equal(gradingDueDate('2026-12-04T16:00:00Z', {}), null)
 */
export const gradingDueDate = (submittedAt: string, calendar: GradingCalendar): string | null =>
  calendar.gradingTargetDays === undefined
    ? null
    : addBusinessDays(
        calendarDateOf(submittedAt, calendar.timeZone),
        calendar.gradingTargetDays,
        calendar.holidays ?? [],
      )

/**
 * Whether a grade at `gradedAt` (or a submission still awaiting one at `now`) is within the
 * target: its date (in the calendar's time zone) is on or before the due date. `null` when the
 * calendar sets no target.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { isWithinGradingTarget } from 'microcred'
 * const calendar = { gradingTargetDays: 2 }
 * assert.equal(isWithinGradingTarget('2026-12-04T16:00:00Z', '2026-12-08T23:59:00Z', calendar), true) // Tuesday
 * assert.equal(isWithinGradingTarget('2026-12-04T16:00:00Z', '2026-12-09T00:00:00Z', calendar), false)
 * assert.equal(isWithinGradingTarget('2026-12-04T16:00:00Z', '2026-12-09T00:00:00Z', {}), null)
 */
export const isWithinGradingTarget = (
  submittedAt: string,
  gradedAt: string,
  calendar: GradingCalendar,
): boolean | null => {
  const due = gradingDueDate(submittedAt, calendar)
  return due === null ? null : calendarDateOf(gradedAt, calendar.timeZone) <= due
}
