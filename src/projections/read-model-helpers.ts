/**
 * Small helpers the read models share: the order of enrollments, days between two instants, the
 * median and the nearest-rank percentile.
 *
 * @internal
 * @packageDocumentation
 */
import type { Enrollment } from '../enrollment/state.js'
import type { EnrollmentsReadModel } from './enrollments.js'

const millisecondsPerDay = 86_400_000

/** Compares strings by UTF-16 code units: a total order that does not depend on a locale. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Compares two ISO-8601 instants by the time they name (`...Z` and `....000Z` are equal). */
export const compareInstants = (a: string, b: string): number => Date.parse(a) - Date.parse(b)

/** Enrollments in the lookups' order: enrolled first, then by enrollment id. */
export const byEnrolledAtThenId = (a: Enrollment, b: Enrollment): number =>
  compareInstants(a.enrolledAt, b.enrolledAt) || compareText(a.enrollmentId, b.enrollmentId)

/** The enrollments of these ids (ids the model does not hold are skipped), in the lookups' order. */
export const enrollmentsOf = (
  model: EnrollmentsReadModel,
  ids: Iterable<string> | undefined,
): ReadonlyArray<Enrollment> => {
  const found: Enrollment[] = []
  for (const id of ids ?? []) {
    const state = model.enrollments.get(id)
    if (state !== undefined) found.push(state)
  }
  return found.sort(byEnrolledAtThenId)
}

/** Days (fractional) from `from` to `to`. */
export const daysBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / millisecondsPerDay

/** Whole days from `from` to `to`, rounded down, never negative. */
export const wholeDaysBetween = (from: string, to: string): number =>
  Math.max(0, Math.floor(daysBetween(from, to)))

const ascending = (values: ReadonlyArray<number>): number[] => [...values].sort((a, b) => a - b)

/** The median (the mean of the two middle values of an even count), or `null` for none. */
export const median = (values: ReadonlyArray<number>): number | null => {
  if (values.length === 0) return null
  const sorted = ascending(values)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * The `p`-th percentile (0 < p <= 100) by the nearest-rank method: the smallest value with at
 * least `p`% of the values at or below it, i.e. the value of rank `ceil(p / 100 * n)` in
 * ascending order; `null` for none.
 */
export const nearestRankPercentile = (values: ReadonlyArray<number>, p: number): number | null => {
  if (values.length === 0) return null
  const sorted = ascending(values)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1] as number
}
