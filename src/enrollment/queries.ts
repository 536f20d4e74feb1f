/**
 * Questions asked of an enrollment's state by `decide`, `progress` and reports.
 *
 * @packageDocumentation
 */
import { modes } from '../hours.js'
import type { Requirements } from './requirements.js'
import type { ArtifactAttempt, CapstoneAttempt, Enrollment } from './state.js'

type Attempt = ArtifactAttempt | CapstoneAttempt

/**
 * Whether some attempt was graded *meets*.
 *
 * @example
 * import { hasMet } from 'microcred'
 * hasMet([]) // false
 */
export const hasMet = (attempts: ReadonlyArray<Attempt>): boolean =>
  attempts.some((attempt) => attempt.grade?.outcome === 'meets')

/**
 * Whether the latest attempt still awaits its grade.
 *
 * @example
 * import { isAwaitingGrade } from 'microcred'
 * isAwaitingGrade([]) // false
 */
export const isAwaitingGrade = (attempts: ReadonlyArray<Attempt>): boolean =>
  attempts.length > 0 && attempts[attempts.length - 1]?.grade === null

/**
 * Whether a module's credited hours reach what it requires in every mode.
 *
 * @example
 * import { hasModuleHours } from 'microcred'
 * hasModuleHours({ faceToFace: 6, online: 9, homework: 5 }, { id: 'm', courseId: 'c', title: 'M', hours: { faceToFace: 6, online: 9, homework: 5 } }) // true
 */
export const hasModuleHours = (
  credited: Enrollment['credited'][string] | undefined,
  module: Requirements['modules'][number],
): boolean => modes.every((mode) => (credited?.[mode] ?? 0) >= module.hours[mode])

/**
 * Whether every requirement is met: all modules and courses complete, every EOLA meets, and the
 * capstone meets where required.
 *
 * @example
 * import { allRequirementsMet } from 'microcred'
 * typeof allRequirementsMet // 'function'
 */
export const allRequirementsMet = (
  state: Enrollment,
  completedModules: ReadonlySet<string> = new Set(state.completedModules),
  completedCourses: ReadonlySet<string> = new Set(state.completedCourses),
): boolean => {
  const { requirements } = state
  return (
    requirements.modules.every((module) => completedModules.has(module.id)) &&
    requirements.courses.every((course) => completedCourses.has(course.id)) &&
    requirements.eolas.every((eola) => hasMet(state.artifacts[eola.id] ?? [])) &&
    (!requirements.capstoneRequired || hasMet(state.capstone))
  )
}

/**
 * The id of the credential an enrollment earns: one per enrollment, stable.
 *
 * @example
 * import { credentialIdOf } from 'microcred'
 * credentialIdOf('enr-1') // 'credential-enr-1'
 */
export const credentialIdOf = (enrollmentId: string): string => `credential-${enrollmentId}`
