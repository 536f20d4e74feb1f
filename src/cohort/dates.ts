/**
 * Days of a cohort (its first and last day, a session's day) are `CalendarDate`s (`YYYY-MM-DD`,
 * from the policy module), read as days in UTC.
 *
 * @internal
 * @packageDocumentation
 */
export { CalendarDate } from '../policy.js'

/** The first instant of a day, in ms since the epoch (UTC). */
export const dayStartMs = (date: string): number => Date.parse(`${date}T00:00:00Z`)

/** The first instant after a day, in ms since the epoch (UTC). */
export const dayEndMs = (date: string): number => dayStartMs(date) + 86_400_000
