/**
 * The salary-points ledger, for HR: one row per award (a credential earned) and one per reversal
 * (that credential revoked), each with the employee (the educator's id), the program, the points
 * (negative for a reversal), the date and, for a reversal, the reason. Formatting it as CSV or
 * JSON is the caller's (the CLI's `report salary-points`).
 *
 * @packageDocumentation
 */
import type { Enrollment } from '../enrollment/state.js'
import type { EnrollmentsReadModel } from './enrollments.js'
import { compareInstants, compareText } from './read-model-helpers.js'

/** One line of the salary-points ledger. */
export interface LedgerRow {
  /** The educator's id: the employee HR pays. */
  readonly employeeId: string
  readonly employeeName: string
  readonly enrollmentId: string
  readonly programId: string
  readonly programVersion: number
  readonly credentialId: string
  readonly kind: 'award' | 'reversal'
  /** Positive for an award, negative for a reversal. */
  readonly points: number
  /** When the credential was earned (award) or revoked (reversal). */
  readonly date: string
  /** Why the credential was revoked; `null` for an award. */
  readonly reason: string | null
}

const rowsOf = (state: Enrollment): LedgerRow[] => {
  const { credential } = state
  if (credential === null) return []
  const common = {
    employeeId: state.educator.id,
    employeeName: state.educator.name,
    enrollmentId: state.enrollmentId,
    programId: state.programId,
    programVersion: state.programVersion,
    credentialId: credential.credentialId,
  }
  const award: LedgerRow = {
    ...common,
    kind: 'award',
    points: credential.salaryPoints,
    date: credential.earnedAt,
    reason: null,
  }
  if (state.revocation === null) return [award]
  return [
    award,
    {
      ...common,
      kind: 'reversal',
      // `0 - points`, not `-points`: a reversal of 0 points is 0, not -0 (which JSON writes as 0).
      points: 0 - credential.salaryPoints,
      date: state.revocation.at,
      reason: state.revocation.reason,
    },
  ]
}

/** By date, then enrollment id, then an award before its reversal. */
const byDate = (a: LedgerRow, b: LedgerRow): number =>
  compareInstants(a.date, b.date) ||
  compareText(a.enrollmentId, b.enrollmentId) ||
  compareText(a.kind, b.kind)

/**
 * The ledger: every award and reversal, by date, then enrollment id, then award before reversal.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf, salaryPointsLedger } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const recorded = (position: number, type: string, data: object) =>
 *   ({ streamId: 'enrollment-enr-1', version: position, position, type, data: { enrollmentId: 'enr-1', ...data }, metadata, recordedAt: '2027-05-01T00:00:00Z' })
 * const model = foldProjection(enrollmentsReadModel, [
 *   recorded(1, 'EducatorEnrolled', { at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' }),
 *   recorded(2, 'CredentialEarned', { at: '2027-04-10T16:00:00Z', credentialId: 'credential-enr-1',
 *     hours: { faceToFace: 30, online: 45, homework: 30 }, salaryPoints: 3 }),
 *   recorded(3, 'CredentialRevoked', { at: '2027-05-01T16:00:00Z', credentialId: 'credential-enr-1', reason: 'Issued in error', revokedBy: 'admin-1' }),
 * ])
 * assert.ok(E.isRight(model))
 * assert.deepEqual(
 *   salaryPointsLedger(model.right).map((row) => [row.employeeId, row.kind, row.points, row.date, row.reason]),
 *   [
 *     ['e-1', 'award', 3, '2027-04-10T16:00:00Z', null],
 *     ['e-1', 'reversal', -3, '2027-05-01T16:00:00Z', 'Issued in error'],
 *   ],
 * )
 */
export const salaryPointsLedger = (model: EnrollmentsReadModel): ReadonlyArray<LedgerRow> => {
  const rows: LedgerRow[] = []
  for (const status of ['earned', 'revoked'] as const) {
    for (const id of model.byStatus.get(status) ?? []) {
      const state = model.enrollments.get(id)
      if (state !== undefined) rows.push(...rowsOf(state))
    }
  }
  return rows.sort(byDate)
}
