/**
 * The events that follow from others: the hours that fill a module's last need complete it, the
 * last module of a course completes the course, and the change that meets the last requirement
 * earns the credential. `decide` appends them to the events of the same command.
 *
 * @packageDocumentation
 */
import { addHours, noHours, type HoursByMode } from '../hours.js'
import type { EnrollmentEvent } from './events.js'
import { allRequirementsMet, credentialIdOf, hasModuleHours } from './queries.js'
import type { Enrollment } from './state.js'

/**
 * The hours credited to an enrollment in all, by mode.
 *
 * @example
 * import { catalog, creditedHours, enrollment } from 'microcred'
 * typeof creditedHours // 'function'
 */
export const creditedHours = (state: Enrollment): HoursByMode =>
  Object.values(state.credited).reduce(addHours, noHours)

/**
 * The consequent events of a state just reached (`next`, the state after a command's own
 * events): `ModuleCompleted`, `CourseCompleted` and `CredentialEarned`, each when newly due, at
 * time `at`.
 *
 * @example
 * import { consequencesOf, enrollment } from 'microcred'
 * typeof consequencesOf // 'function'
 */
export const consequencesOf = (next: Enrollment, at: string): EnrollmentEvent[] => {
  if (next.status !== 'active') return []
  const { enrollmentId, requirements } = next
  const events: EnrollmentEvent[] = []
  const completedModules = new Set(next.completedModules)
  for (const module of requirements.modules) {
    if (!completedModules.has(module.id) && hasModuleHours(next.credited[module.id], module)) {
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
