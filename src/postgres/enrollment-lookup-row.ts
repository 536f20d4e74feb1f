/**
 * A row of the enrollment lookup, the SQL read model of enrollments by educator, cohort, program
 * and status.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { IsoDateTime, PositiveInteger } from '../codec.js'
import { EnrollmentStatus } from '../enrollment/state.js'
import { Id } from '../input.js'

const Nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null])

/**
 * A row of the enrollment lookup. Dates are the events' own ISO-8601 strings, as written.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EnrollmentLookupRow } from 'microcred/postgres'
 * const row = {
 *   enrollmentId: 'enr-1', educatorId: 'e-1', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *   status: 'earned', enrolledAt: '2026-09-01T16:00:00Z', lastEventAt: '2027-04-10T16:00:00Z',
 *   earnedAt: '2027-04-10T16:00:00Z', withdrawnAt: null, revokedAt: null, expiredAt: null,
 * }
 * assert.equal(EnrollmentLookupRow.is(row), true)
 * assert.equal(EnrollmentLookupRow.is({ ...row, status: 'notEnrolled' }), false)
 */
export const EnrollmentLookupRow = t.type(
  {
    enrollmentId: Id,
    educatorId: Id,
    cohortId: Id,
    programId: Id,
    programVersion: PositiveInteger,
    status: EnrollmentStatus,
    enrolledAt: IsoDateTime,
    lastEventAt: IsoDateTime,
    earnedAt: Nullable(IsoDateTime),
    withdrawnAt: Nullable(IsoDateTime),
    revokedAt: Nullable(IsoDateTime),
    /** When the enrollment expired unfinished as its cohort closed (status `incomplete`). */
    expiredAt: Nullable(IsoDateTime),
  },
  'EnrollmentLookupRow',
)
/** A row of the enrollment lookup. */
export type EnrollmentLookupRow = t.TypeOf<typeof EnrollmentLookupRow>
