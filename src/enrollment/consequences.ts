/**
 * The events that follow from others: the hours that fill a module's last need complete it, the
 * last module of a course completes the course, and the change that meets the last requirement
 * earns the credential. `decide` appends them to the events of the same command.
 *
 * @packageDocumentation
 */
import { addHours, noHours, type HoursByMode } from '../hours.js'
import { own } from '../own.js'
import type { EnrollmentEvent } from './events.js'
import { allRequirementsMet, credentialIdOf, hasModuleHours } from './queries.js'
import type { Enrollment } from './state.js'

/**
 * The hours credited to an enrollment in all, by mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, creditedHours, foldEnrollment, isEnrolled, lausdPolicy, requirementsOf } from 'microcred'
 * const at = '2026-09-14T16:00:00Z'
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 *   { type: 'HoursRecorded', data: { enrollmentId: 'enr-1', at, moduleId: 'steam-fa-1', mode: 'faceToFace', hours: 3, creditedHours: 3, recordedBy: 'fac-1' } },
 *   { type: 'HoursRecorded', data: { enrollmentId: 'enr-1', at, moduleId: 'steam-fa-2', mode: 'faceToFace', hours: 3, creditedHours: 3, recordedBy: 'fac-1' } },
 *   { type: 'HoursRecorded', data: { enrollmentId: 'enr-1', at, moduleId: 'steam-fa-2', mode: 'online', hours: 1.5, creditedHours: 1.5, recordedBy: 'lms-1' } },
 * ])
 * assert.ok(isEnrolled(state))
 * assert.deepEqual(creditedHours(state), { faceToFace: 6, online: 1.5, homework: 0 })
 */
export const creditedHours = (state: Enrollment): HoursByMode =>
  Object.values(state.credited).reduce(addHours, noHours)

/**
 * The consequent events of a state just reached (`next`, the state after a command's own
 * events): `ModuleCompleted`, `CourseCompleted` and `CredentialEarned`, each when newly due, at
 * time `at`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { consequencesOf, foldEnrollment, isEnrolled } from 'microcred'
 * // A small program: one course of one module, no EOLA, no capstone.
 * const requirements = {
 *   courses: [{ id: 'c1', title: 'Foundations', moduleIds: ['m1'] }],
 *   modules: [{ id: 'm1', courseId: 'c1', title: 'Access', hours: { faceToFace: 0, online: 2, homework: 0 } }],
 *   eolas: [],
 *   capstoneRequired: false,
 *   maxAttempts: 3,
 *   salaryPoints: 1,
 *   hoursPerRecord: { increment: 0.25, max: 12 },
 * }
 * const at = '2026-09-01T16:00:00Z'
 * const enrolled = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at, cohortId: 'pilot', programId: 'pilot', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }, requirements, enrolledBy: 'admin-1' } },
 * ])
 * assert.ok(isEnrolled(enrolled))
 * assert.deepEqual(consequencesOf(enrolled, at), []) // nothing is due yet
 * // The module's last two online hours are credited: the module, its course and the credential follow.
 * const next = foldEnrollment(
 *   [{ type: 'HoursRecorded', data: { enrollmentId: 'enr-1', at, moduleId: 'm1', mode: 'online', hours: 2, creditedHours: 2, recordedBy: 'lms-1' } }],
 *   enrolled,
 * )
 * assert.ok(isEnrolled(next))
 * const due = consequencesOf(next, at)
 * assert.deepEqual(due.map((event) => event.type), ['ModuleCompleted', 'CourseCompleted', 'CredentialEarned'])
 * assert.deepEqual(due[2]?.data, {
 *   enrollmentId: 'enr-1',
 *   credentialId: 'credential-enr-1',
 *   hours: { faceToFace: 0, online: 2, homework: 0 },
 *   salaryPoints: 1,
 *   at,
 * })
 */
export const consequencesOf = (next: Enrollment, at: string): EnrollmentEvent[] => {
  if (next.status !== 'active') return []
  const { enrollmentId, requirements } = next
  const events: EnrollmentEvent[] = []
  const completedModules = new Set(next.completedModules)
  for (const module of requirements.modules) {
    if (!completedModules.has(module.id) && hasModuleHours(own(next.credited, module.id), module)) {
      completedModules.add(module.id)
      events.push({ type: 'ModuleCompleted', data: { enrollmentId, moduleId: module.id, at } })
    }
  }
  const completedCourses = new Set(next.completedCourses)
  for (const course of requirements.courses) {
    if (
      !completedCourses.has(course.id) &&
      course.moduleIds.every((id) => completedModules.has(id))
    ) {
      completedCourses.add(course.id)
      events.push({ type: 'CourseCompleted', data: { enrollmentId, courseId: course.id, at } })
    }
  }
  if (allRequirementsMet(next, completedModules, completedCourses)) {
    const hours = creditedHours(next)
    events.push({
      type: 'CredentialEarned',
      data: {
        enrollmentId,
        credentialId: credentialIdOf(enrollmentId),
        hours,
        salaryPoints: requirements.salaryPoints,
        at,
      },
    })
  }
  return events
}
