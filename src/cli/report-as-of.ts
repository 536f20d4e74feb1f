/**
 * `--as-of` of the reports: a day (`2027-01-31`, through the end of that day, UTC) or an ISO-8601
 * date-time with a zone (inclusive). The report is computed from the events that happened by
 * then, and "now" (for days waiting and the at-risk rule) is that moment: the last millisecond of
 * the day, or the date-time given. Without `--as-of`, every event counts and "now" is the clock.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseAsOf } from 'microcred'

const dayPattern = /^\d{4}-\d{2}-\d{2}$/
const dayMs = 86_400_000

/** Why `--as-of` cannot take `value`, or `undefined` when it can. */
export const asOfProblem = (value: string): string | undefined =>
  E.isRight(parseAsOf(value))
    ? undefined
    : 'expected a day (2027-01-31) or an ISO-8601 date-time with a zone (2027-01-31T16:00:00Z).'

/**
 * The moment a report is "as of", as an ISO-8601 date-time in UTC: the last millisecond of a day,
 * or the date-time given; `now` when there is no `--as-of`.
 */
export const reportMoment = (asOf: string | undefined, now: Date): string =>
  asOf === undefined
    ? now.toISOString()
    : dayPattern.test(asOf)
      ? new Date(Date.parse(`${asOf}T00:00:00Z`) + dayMs - 1).toISOString()
      : new Date(Date.parse(asOf)).toISOString()

/** What a report's title says it is as of: `--as-of` as given, or the moment and `(now)`. */
export const shownAsOf = (asOf: string | undefined, moment: string): string =>
  asOf ?? `${moment.replace(/\.\d{3}Z$/, 'Z')} (now)`
