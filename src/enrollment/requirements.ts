/**
 * The requirements an enrollment pins when it starts: what its program and the district's policy
 * ask of the educator, so the enrollment stream folds on its own whatever changes later.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, NonEmptyText, NonNegativeNumber, PositiveInteger, PositiveNumber } from '../codec.js'
import { HoursByMode } from '../hours.js'
import { AssessmentPolicy, type StructuralPolicy } from '../policy.js'
import { RubricCriterion, type Program } from '../program/program.js'

/**
 * What an enrollment requires: every module's hours by mode, the courses and their modules, the
 * EOLAs with their rubrics, whether the capstone is required, the attempts allowed, the salary
 * points, how hours are recorded, (`allowHttpUrls: true`, only where the policy opts in)
 * that `http:` links are taken as well as `https:` ones, and (`assessment`, only where the policy
 * sets it) how evidence is assessed.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Requirements, catalog, lausdPolicy, requirementsOf } from 'microcred'
 * const requirements = requirementsOf(catalog.steam, lausdPolicy)
 * assert.equal(Requirements.is(requirements), true)
 * assert.equal(Requirements.is({ ...requirements, maxAttempts: 0 }), false)
 */
export const Requirements = t.intersection(
  [
    t.type({
      courses: t.array(t.type({ id: Id, title: NonEmptyText, moduleIds: t.array(Id) })),
      modules: t.array(t.type({ id: Id, courseId: Id, title: NonEmptyText, hours: HoursByMode })),
      eolas: t.array(
        t.type({ id: Id, title: NonEmptyText, courseId: Id, rubric: t.array(RubricCriterion) }),
      ),
      capstoneRequired: t.boolean,
      maxAttempts: PositiveInteger,
      salaryPoints: NonNegativeNumber,
      hoursPerRecord: t.type({ increment: PositiveNumber, max: PositiveNumber }),
    }),
    t.partial({
      /** Pinned from the policy where it opts in: `http:` links are taken too. */
      allowHttpUrls: t.boolean,
      /** Pinned from the policy where it sets them: how evidence is assessed. */
      assessment: AssessmentPolicy,
    }),
  ],
  'Requirements',
)
/** What an enrollment requires. */
export type Requirements = t.TypeOf<typeof Requirements>

/**
 * The requirements of a (valid) program under a policy.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, lausdPolicy, requirementsOf } from 'microcred'
 * const requirements = requirementsOf(catalog.steam, lausdPolicy)
 * assert.equal(requirements.modules.length, 6)
 * assert.deepEqual(requirements.modules[0], {
 *   id: 'steam-fa-1',
 *   courseId: 'foundations-access',
 *   title: 'STEAM Foundations: Integration, Inquiry and Design Thinking',
 *   hours: { faceToFace: 6, online: 9, homework: 5 },
 * })
 * assert.equal(requirements.eolas.length, 5)
 * assert.equal(requirements.capstoneRequired, true) // from the policy
 * assert.deepEqual(requirements.hoursPerRecord, { increment: 0.25, max: 12 })
 * assert.equal(requirements.assessment, undefined) // lausdPolicy sets no assessment rules
 * const blind = requirementsOf(catalog.steam, { ...lausdPolicy, assessment: { blind: true } })
 * assert.deepEqual(blind.assessment, { blind: true })
 */
export const requirementsOf = (program: Program, policy: StructuralPolicy): Requirements => ({
  courses: program.courses.map((course) => ({
    id: course.id,
    title: course.title,
    moduleIds: course.modules.map((module) => module.id),
  })),
  modules: program.courses.flatMap((course) =>
    course.modules.map((module) => ({
      id: module.id,
      courseId: course.id,
      title: module.title,
      hours: { ...module.hours },
    })),
  ),
  eolas: program.eolas.map((eola) => ({
    id: eola.id,
    title: eola.title,
    courseId: eola.courseId,
    rubric: eola.rubric.map((criterion) => ({ ...criterion })),
  })),
  capstoneRequired: policy.capstoneRequired,
  maxAttempts: policy.maxAttempts,
  salaryPoints: program.salaryPoints,
  hoursPerRecord: { ...policy.hoursPerRecord },
  // Present only where the policy opts in, so every other enrollment's event is as it was.
  ...(policy.allowHttpUrls === true ? { allowHttpUrls: true } : {}),
  ...(policy.assessment === undefined ? {} : { assessment: copyAssessment(policy.assessment) }),
})

/** A copy of the assessment rules, sharing nothing with the policy. */
const copyAssessment = (rules: AssessmentPolicy): AssessmentPolicy => ({
  ...rules,
  ...(typeof rules.secondScoring === 'object' ? { secondScoring: { ...rules.secondScoring } } : {}),
  ...(rules.holidays === undefined ? {} : { holidays: [...rules.holidays] }),
})
