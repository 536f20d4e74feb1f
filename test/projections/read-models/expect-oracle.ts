/**
 * The check every read-model property makes: each lookup and report of a model equals the
 * oracle's, for every cohort, program, status, educator, assessor and a spread of instants.
 */
import { expect } from 'vitest'
import {
  assessorQueue,
  cohortProgress,
  cohortTotals,
  educatorTranscript,
  enrollmentsByCohort,
  enrollmentsByEducator,
  enrollmentsByProgram,
  enrollmentsByStatus,
  programAnalytics,
  salaryPointsLedger,
  type EnrollmentsReadModel,
} from '../../../src/index.js'
import {
  oracleAnalytics,
  oracleCohortProgress,
  oracleIds,
  oracleLedger,
  oracleQueue,
  oracleTranscript,
  type Seen,
} from './oracle.js'

const instants = [
  '2026-08-01T00:00:00Z',
  '2026-10-15T12:00:00Z',
  '2027-01-01T00:00:00Z',
  '2027-06-30T23:00:00Z',
  '2028-01-01T00:00:00Z',
]
const ids = (list: ReadonlyArray<{ enrollmentId: string }>) => list.map((e) => e.enrollmentId)

/** Expects every lookup and report of `model` to be the oracle's from `seen`. */
export const expectOracleReports = (model: EnrollmentsReadModel, seen: Map<string, Seen>): void => {
  // Lookups, from the indexes.
  const values = [...seen.values()]
  for (const key of new Set(values.map((one) => one.educatorId))) {
    const expected = oracleIds(seen, (one) => one.educatorId === key)
    expect(ids(enrollmentsByEducator(model, key))).toEqual(expected)
    expect(educatorTranscript(model, key)).toEqual(oracleTranscript(seen, key))
  }
  for (const key of ['cohort-a', 'cohort-b']) {
    const expected = oracleIds(seen, (one) => one.cohortId === key)
    expect(ids(enrollmentsByCohort(model, key))).toEqual(expected)
    for (const asOf of instants) {
      const rows = cohortProgress(model, { cohortId: key, asOf })
      expect(rows).toEqual(oracleCohortProgress(seen, key, asOf))
      expect(cohortTotals(rows).enrollments).toBe(expected.length)
      const inCohort = values.filter((one) => one.cohortId === key)
      const counted = (status: string) => inCohort.filter((one) => one.status === status).length
      expect(cohortTotals(rows).byStatus).toEqual({
        active: counted('active'),
        earned: counted('earned'),
        withdrawn: counted('withdrawn'),
        revoked: counted('revoked'),
        incomplete: counted('incomplete'),
      })
    }
  }
  for (const key of new Set(values.map((one) => one.programId))) {
    const expected = oracleIds(seen, (one) => one.programId === key)
    expect(ids(enrollmentsByProgram(model, key))).toEqual(expected)
  }
  for (const status of ['active', 'earned', 'withdrawn', 'revoked', 'incomplete'] as const) {
    const expected = oracleIds(seen, (one) => one.status === status)
    expect(ids(enrollmentsByStatus(model, status))).toEqual(expected)
    expect(model.byStatus.has(status)).toBe(expected.length > 0)
  }

  for (const now of instants) {
    expect(assessorQueue(model, { now })).toEqual(oracleQueue(seen, now))
    for (const assessorId of ['assessor-1', 'assessor-2']) {
      expect(assessorQueue(model, { now, assessorId })).toEqual(oracleQueue(seen, now, assessorId))
    }
  }
  expect(salaryPointsLedger(model)).toEqual(oracleLedger(seen))
  expect(programAnalytics(model)).toEqual(oracleAnalytics(seen))
}
