/**
 * The `Achievement` of a program version: what the badge stands for, with criteria that state the
 * requirements the enrollment pinned (hours by mode and course, the EOLAs, the capstone), the
 * program's standards as alignments, the image, the credit hours and the salary points.
 *
 * @internal
 * @packageDocumentation
 */
import { addHours, noHours, totalHours, type HoursByMode } from '../hours.js'
import type { Requirements } from '../enrollment/requirements.js'
import type { Program } from '../program/program.js'
import type { OpenBadgeCredential, Profile } from './credential.js'

/** The achievement inside a credential. */
export type Achievement = OpenBadgeCredential['credentialSubject']['achievement']

/** The `ResultDescription` id of the salary points under an achievement. */
export const salaryPointsResultId = (achievementId: string): string =>
  `${achievementId}#salary-points`

/** The hours the requirements ask for, by mode. */
export const requiredHours = (requirements: Requirements): HoursByMode =>
  requirements.modules.reduce((sum, module) => addHours(sum, module.hours), noHours)

const hoursOf = (hours: number) => `${hours} ${hours === 1 ? 'hour' : 'hours'}`

/**
 * The criteria narrative (Markdown): the program's own criteria, then the requirements exactly as
 * the enrollment pinned them.
 */
export const criteriaNarrative = (program: Program, requirements: Requirements): string => {
  const hours = requiredHours(requirements)
  const courses = requirements.courses.map((course) => {
    const inCourse = requirements.modules.filter((module) => module.courseId === course.id)
    const courseHours = inCourse.reduce((sum, module) => addHours(sum, module.hours), noHours)
    return `  - ${course.title}: ${inCourse.length} modules, ${hoursOf(totalHours(courseHours))}`
  })
  const eolas = requirements.eolas.map((eola, i) => `  ${i + 1}. ${eola.title}`)
  const capstone =
    requirements.capstoneRequired && program.capstone !== undefined
      ? [`- Completed a capstone: ${program.capstone.description}`]
      : []
  return [
    program.badge.criteria,
    '',
    'Every earner of this badge:',
    '',
    `- Completed ${hoursOf(totalHours(hours))} of professional learning: ` +
      `${hoursOf(hours.faceToFace)} face-to-face, ${hoursOf(hours.online)} online (self-paced) ` +
      `and ${hoursOf(hours.homework)} of homework and fieldwork, in ` +
      `${requirements.courses.length} courses:`,
    ...courses,
    `- Submitted ${requirements.eolas.length} Evidence of Learning Artifacts (EOLAs), each ` +
      'assessed as meeting every criterion of its rubric:',
    ...eolas,
    ...capstone,
  ].join('\n')
}

/** The achievement of `program` (at the version the enrollment pinned) as `creator` defines it. */
export const achievementOf = (
  program: Program,
  requirements: Requirements,
  id: string,
  creator: Profile,
): Achievement => ({
  id,
  type: ['Achievement'],
  achievementType: 'MicroCredential',
  name: program.badge.name,
  description: program.badge.description,
  criteria: { narrative: criteriaNarrative(program, requirements) },
  image: { id: program.badge.imageUrl, type: 'Image', caption: program.badge.name },
  alignment: program.standards.map((standard) => ({ type: ['Alignment'], ...standard })),
  creator,
  creditsAvailable: totalHours(requiredHours(requirements)),
  resultDescription: [
    {
      id: salaryPointsResultId(id),
      type: ['ResultDescription'],
      name: 'Salary points',
      resultType: 'ext:SalaryPoints',
    },
  ],
  version: String(program.version),
})
