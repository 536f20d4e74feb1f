/**
 * Lookups on the enrollments read model: one enrollment by id, and the enrollments of an
 * educator, a cohort, a program or a status, each read from its index (no fold, no scan). Every
 * list comes in one documented order: by `enrolledAt` (the instant), then by enrollment id.
 *
 * @packageDocumentation
 */
import type { Enrollment, EnrollmentStatus } from '../enrollment/state.js'
import type { EnrollmentsReadModel } from './enrollments.js'
import { enrollmentsOf } from './read-model-helpers.js'

/**
 * The enrollment of this id, or `undefined`. Any string is a safe key: `'__proto__'` or
 * `'constructor'` finds nothing unless an enrollment has that id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollmentById, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev-1', commandId: 'c-1', actorId: 'admin-1', correlationId: 'c-1', causationId: 'c-1', schemaVersion: 1 }
 * const model = foldProjection(enrollmentsReadModel, [{
 *   streamId: 'enrollment-enr-1', version: 1, position: 1, type: 'EducatorEnrolled', metadata, recordedAt: '2026-09-01T16:00:00Z',
 *   data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' },
 * }])
 * assert.ok(E.isRight(model))
 * assert.equal(enrollmentById(model.right, 'enr-1')?.educator.name, 'Maria Lopez')
 * assert.equal(enrollmentById(model.right, '__proto__'), undefined)
 */
export const enrollmentById = (model: EnrollmentsReadModel, id: string): Enrollment | undefined =>
  model.enrollments.get(id)

/**
 * The enrollments of an educator (by educator id), by `enrolledAt`, then enrollment id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollmentsByEducator, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'admin-1', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const requirements = requirementsOf(catalog.steam, lausdPolicy)
 * const enrolled = (position: number, enrollmentId: string, at: string) => ({
 *   streamId: `enrollment-${enrollmentId}`, version: 1, position, type: 'EducatorEnrolled', metadata, recordedAt: at,
 *   data: { enrollmentId, at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }, requirements, enrolledBy: 'admin-1' },
 * })
 * // Logged in this order, enrolled in the other: the lookup lists them by enrolledAt.
 * const model = foldProjection(enrollmentsReadModel, [
 *   enrolled(1, 'enr-b', '2026-09-02T16:00:00Z'),
 *   enrolled(2, 'enr-a', '2026-09-01T16:00:00Z'),
 * ])
 * assert.ok(E.isRight(model))
 * assert.deepEqual(enrollmentsByEducator(model.right, 'e-1').map((e) => e.enrollmentId), ['enr-a', 'enr-b'])
 * assert.deepEqual(enrollmentsByEducator(model.right, 'e-2'), [])
 */
export const enrollmentsByEducator = (
  model: EnrollmentsReadModel,
  educatorId: string,
): ReadonlyArray<Enrollment> => enrollmentsOf(model, model.byEducator.get(educatorId))

/**
 * The enrollments of a cohort, by `enrolledAt`, then enrollment id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollmentsByCohort, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'admin-1', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const model = foldProjection(enrollmentsReadModel, [{
 *   streamId: 'enrollment-enr-1', version: 1, position: 1, type: 'EducatorEnrolled', metadata, recordedAt: '2026-09-01T16:00:00Z',
 *   data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' },
 * }])
 * assert.ok(E.isRight(model))
 * assert.deepEqual(enrollmentsByCohort(model.right, 'steam-2026').map((e) => e.educator.id), ['e-1'])
 * assert.deepEqual(enrollmentsByCohort(model.right, 'constructor'), [])
 */
export const enrollmentsByCohort = (
  model: EnrollmentsReadModel,
  cohortId: string,
): ReadonlyArray<Enrollment> => enrollmentsOf(model, model.byCohort.get(cohortId))

/**
 * The enrollments of a program (every version), by `enrolledAt`, then enrollment id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollmentsByProgram, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'admin-1', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const model = foldProjection(enrollmentsReadModel, [{
 *   streamId: 'enrollment-enr-1', version: 1, position: 1, type: 'EducatorEnrolled', metadata, recordedAt: '2026-09-01T16:00:00Z',
 *   data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' },
 * }])
 * assert.ok(E.isRight(model))
 * assert.equal(enrollmentsByProgram(model.right, 'steam').length, 1)
 * assert.equal(enrollmentsByProgram(model.right, 'dual-language').length, 0)
 */
export const enrollmentsByProgram = (
  model: EnrollmentsReadModel,
  programId: string,
): ReadonlyArray<Enrollment> => enrollmentsOf(model, model.byProgram.get(programId))

/**
 * The enrollments with a status (`active`, `earned`, `withdrawn`, `revoked` or `incomplete`), by `enrolledAt`,
 * then enrollment id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollmentsByStatus, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'admin-1', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const at = '2026-09-01T16:00:00Z'
 * const model = foldProjection(enrollmentsReadModel, [
 *   { streamId: 'enrollment-enr-1', version: 1, position: 1, type: 'EducatorEnrolled', metadata, recordedAt: at,
 *     data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *       educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *       requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 *   { streamId: 'enrollment-enr-1', version: 2, position: 2, type: 'EnrollmentWithdrawn', metadata, recordedAt: at,
 *     data: { enrollmentId: 'enr-1', at, reason: 'Moved schools', withdrawnBy: 'e-1' } },
 * ])
 * assert.ok(E.isRight(model))
 * assert.deepEqual(enrollmentsByStatus(model.right, 'active'), [])
 * assert.equal(enrollmentsByStatus(model.right, 'withdrawn')[0]?.withdrawal?.reason, 'Moved schools')
 */
export const enrollmentsByStatus = (
  model: EnrollmentsReadModel,
  status: EnrollmentStatus,
): ReadonlyArray<Enrollment> => enrollmentsOf(model, model.byStatus.get(status))
