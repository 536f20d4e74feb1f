/**
 * Questions asked of an enrollment's state by `decide`, `progress` and reports.
 *
 * @packageDocumentation
 */
import { modes } from '../hours.js'
import { own } from '../own.js'
import type { Requirements } from './requirements.js'
import type { ArtifactAttempt, CapstoneAttempt, Enrollment } from './state.js'

/** An attempt at an EOLA or at the capstone. */
export type Attempt = ArtifactAttempt | CapstoneAttempt

/**
 * Whether some attempt was graded *meets*.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { hasMet, type ArtifactAttempt, type Outcome } from 'microcred'
 * const graded = (attempt: number, outcome: Outcome): ArtifactAttempt => ({
 *   attempt,
 *   evidence: [{ kind: 'link', url: 'https://lausd.net/unit' }],
 *   reflection: 'What I changed.',
 *   submittedAt: '2026-10-01T16:00:00Z',
 *   grade: { assessorId: 'a-1', scores: {}, outcome, feedback: '', gradedAt: '2026-10-05T16:00:00Z' },
 * })
 * assert.equal(hasMet([]), false)
 * assert.equal(hasMet([graded(1, 'revise')]), false)
 * assert.equal(hasMet([graded(1, 'revise'), graded(2, 'meets')]), true)
 */
export const hasMet = (attempts: ReadonlyArray<Attempt>): boolean =>
  attempts.some((attempt) => attempt.grade?.outcome === 'meets')

/**
 * Whether a coaching conversation was recorded after one of the attempts (under
 * `afterMaxAttempts: 'coaching'`, it allows one further attempt).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { wasCoached, type ArtifactAttempt } from 'microcred'
 * const revised: ArtifactAttempt = {
 *   attempt: 1,
 *   evidence: [{ kind: 'link', url: 'https://lausd.net/unit' }],
 *   reflection: 'What I changed.',
 *   submittedAt: '2026-10-01T16:00:00Z',
 *   grade: { assessorId: 'a-1', scores: {}, outcome: 'revise', feedback: '', gradedAt: '2026-10-05T16:00:00Z' },
 * }
 * assert.equal(wasCoached([revised]), false)
 * const coaching = { notes: 'Planned the revision.', by: 'fac-1', at: '2026-10-06T16:00:00Z' }
 * assert.equal(wasCoached([{ ...revised, coaching }]), true)
 */
export const wasCoached = (attempts: ReadonlyArray<Attempt>): boolean =>
  attempts.some((attempt) => 'coaching' in attempt && attempt.coaching !== undefined)

/**
 * Whether the latest attempt still awaits its grade.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { isAwaitingGrade, type ArtifactAttempt } from 'microcred'
 * const submitted: ArtifactAttempt = {
 *   attempt: 1,
 *   evidence: [{ kind: 'link', url: 'https://lausd.net/unit' }],
 *   reflection: 'What I changed.',
 *   submittedAt: '2026-10-01T16:00:00Z',
 *   grade: null,
 * }
 * const grade = { assessorId: 'a-1', scores: {}, outcome: 'revise' as const, feedback: '', gradedAt: '2026-10-05T16:00:00Z' }
 * assert.equal(isAwaitingGrade([]), false)
 * assert.equal(isAwaitingGrade([submitted]), true)
 * assert.equal(isAwaitingGrade([{ ...submitted, grade }]), false)
 * assert.equal(isAwaitingGrade([{ ...submitted, grade }, { ...submitted, attempt: 2 }]), true)
 */
export const isAwaitingGrade = (attempts: ReadonlyArray<Attempt>): boolean =>
  attempts.length > 0 && attempts[attempts.length - 1]?.grade === null

/**
 * Whether a module's credited hours reach what it requires in every mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { hasModuleHours } from 'microcred'
 * const module = { id: 'm', courseId: 'c', title: 'M', hours: { faceToFace: 6, online: 9, homework: 5 } }
 * assert.equal(hasModuleHours({ faceToFace: 6, online: 9, homework: 5 }, module), true)
 * assert.equal(hasModuleHours({ faceToFace: 12, online: 9, homework: 4.75 }, module), false) // every mode
 * assert.equal(hasModuleHours(undefined, module), false) // nothing credited
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
 * import assert from 'node:assert/strict'
 * import { allRequirementsMet, foldEnrollment, isEnrolled } from 'microcred'
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
 * assert.equal(allRequirementsMet(enrolled), false)
 * // What `consequencesOf` asks: would they be met with these modules and courses complete?
 * assert.equal(allRequirementsMet(enrolled, new Set(['m1']), new Set(['c1'])), true)
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
    requirements.eolas.every((eola) => hasMet(own(state.artifacts, eola.id) ?? [])) &&
    (!requirements.capstoneRequired || hasMet(state.capstone))
  )
}

/**
 * The id of the credential an enrollment earns: one per enrollment, stable.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { credentialIdOf } from 'microcred'
 * assert.equal(credentialIdOf('enr-1'), 'credential-enr-1')
 */
export const credentialIdOf = (enrollmentId: string): string => `credential-${enrollmentId}`
