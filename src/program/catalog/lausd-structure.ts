/**
 * What every Los Angeles Unified micro-credential shares: the three courses (ids and titles; each
 * program supplies its own two modules per course), the four-point rubric scale, the California
 * Standards for the Teaching Profession, and the badge criteria, whose numbers are read from
 * `lausdPolicy` rather than written here.
 *
 * @packageDocumentation
 */
import { totalHours } from '../../hours.js'
import { lausdPolicy, policyHours } from '../../policy.js'
import type { Course, Module, RubricCriterion, Standard } from '../program.js'

// -------------------------------------------------------------------------------------
// courses
// -------------------------------------------------------------------------------------

/**
 * The ids of the three LAUSD courses, in order; EOLAs name their course by these.
 *
 * @example
 * import assert from 'node:assert/strict'
 * assert.deepEqual(Object.values(lausdCourseIds), [
 *   'foundations-access',
 *   'curriculum-instruction-assessment',
 *   'leadership-capstone',
 * ])
 */
export const lausdCourseIds = {
  foundationsAccess: 'foundations-access',
  curriculumInstructionAssessment: 'curriculum-instruction-assessment',
  leadershipCapstone: 'leadership-capstone',
} as const

/** The two modules a program gives one course. */
export type ModulePair = readonly [Module, Module]

/**
 * The three LAUSD courses in order, each holding the two modules a program gives it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * const m = (id: string) => ({ id, title: id, hours: { faceToFace: 1, online: 1, homework: 1 } })
 * const courses = lausdCourses({
 *   foundationsAccess: [m('fa-1'), m('fa-2')],
 *   curriculumInstructionAssessment: [m('cia-1'), m('cia-2')],
 *   leadershipCapstone: [m('lc-1'), m('lc-2')],
 * })
 * assert.deepEqual(
 *   courses.map((course) => course.title),
 *   ['Foundations and Access', 'Curriculum, Instruction, and Assessment', 'Leadership and Capstone'],
 * )
 * assert.deepEqual(courses[2]?.modules.map((module) => module.id), ['lc-1', 'lc-2'])
 */
export const lausdCourses = (modules: {
  foundationsAccess: ModulePair
  curriculumInstructionAssessment: ModulePair
  leadershipCapstone: ModulePair
}): Course[] => [
  {
    id: lausdCourseIds.foundationsAccess,
    title: 'Foundations and Access',
    modules: [...modules.foundationsAccess],
  },
  {
    id: lausdCourseIds.curriculumInstructionAssessment,
    title: 'Curriculum, Instruction, and Assessment',
    modules: [...modules.curriculumInstructionAssessment],
  },
  {
    id: lausdCourseIds.leadershipCapstone,
    title: 'Leadership and Capstone',
    modules: [...modules.leadershipCapstone],
  },
]

// -------------------------------------------------------------------------------------
// rubrics
// -------------------------------------------------------------------------------------

/**
 * A rubric criterion on the four-point scale LAUSD assessors use (1 beginning, 2 developing,
 * 3 meets, 4 exceeds): scored out of 4, met at 3 unless `meetsAt` says otherwise.
 *
 * @example
 * import assert from 'node:assert/strict'
 * assert.deepEqual(criterion('evidence', 'Uses student work as evidence'), {
 *   id: 'evidence',
 *   description: 'Uses student work as evidence',
 *   maxScore: 4,
 *   meetsAt: 3,
 * })
 * assert.equal(criterion('evidence', 'Uses student work as evidence', 4).meetsAt, 4)
 */
export const criterion = (id: string, description: string, meetsAt = 3): RubricCriterion => ({
  id,
  description,
  maxScore: 4,
  meetsAt,
})

// -------------------------------------------------------------------------------------
// standards
// -------------------------------------------------------------------------------------

const cstpTitles = {
  1: 'Engaging and Supporting All Students in Learning',
  2: 'Creating and Maintaining Effective Environments for Student Learning',
  3: 'Understanding and Organizing Subject Matter for Student Learning',
  4: 'Planning Instruction and Designing Learning Experiences for All Students',
  5: 'Assessing Students for Learning',
  6: 'Developing as a Professional Educator',
} as const

/**
 * One of the six California Standards for the Teaching Profession (2009), with an optional
 * description of how the program addresses it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * assert.equal(cstp(5).targetName, 'CSTP 5: Assessing Students for Learning')
 * assert.equal(cstp(5).targetCode, 'CSTP 5')
 * assert.equal(cstp(5, 'Using student work to adjust instruction.').targetDescription, 'Using student work to adjust instruction.')
 */
export const cstp = (standard: keyof typeof cstpTitles, description?: string): Standard => ({
  targetName: `CSTP ${standard}: ${cstpTitles[standard]}`,
  targetUrl: 'https://www.ctc.ca.gov/docs/default-source/educator-prep/standards/cstp-2009.pdf',
  targetFramework: 'California Standards for the Teaching Profession (2009)',
  targetCode: `CSTP ${standard}`,
  ...(description === undefined ? {} : { targetDescription: description }),
})

// -------------------------------------------------------------------------------------
// badge
// -------------------------------------------------------------------------------------

const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']
const inWords = (n: number): string => words[n] ?? String(n)

/**
 * The criteria of an LAUSD badge: the hours by mode, the courses, the EOLAs and the capstone, as
 * `lausdPolicy` sets them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * const criteria = badgeCriteria('LAUSD STEAM Micro-Credential')
 * assert.match(criteria, /^Earners of the LAUSD STEAM Micro-Credential completed 105 hours of blended/)
 * assert.match(criteria, /30 hours face-to-face, 45 hours online \(self-paced\) and 30 hours of homework/)
 * assert.match(criteria, /produced five Evidence of Learning Artifacts/)
 */
export const badgeCriteria = (badgeName: string): string => {
  const hours = policyHours(lausdPolicy)
  const courses = lausdPolicy.courses.map((course) => `"${course.title}"`)
  return (
    `Earners of the ${badgeName} completed ${totalHours(hours)} hours of blended professional ` +
    `learning as a member of a community of practice: ${hours.faceToFace} hours face-to-face, ` +
    `${hours.online} hours online (self-paced) and ${hours.homework} hours of homework and ` +
    `fieldwork, across ${inWords(courses.length)} courses (${courses.join(', ')}). They produced ` +
    `${inWords(lausdPolicy.eolas.count)} Evidence of Learning Artifacts (EOLAs) that met their ` +
    `rubrics, showing the application of their learning in their own setting, and a capstone ` +
    `that documents the enactment of one EOLA, reflects on it and names next steps and resources.`
  )
}
