/**
 * A program's Professional Learning Plan, as a document: the standards it aligns to, the
 * knowledge, skills and dispositions it builds, its content outline (courses and modules with
 * hours by mode), its schedule, the guide and rubric of each EOLA, the capstone, the salary
 * points and the badge.
 *
 * @packageDocumentation
 */
import { modes, totalHours } from '../hours.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import type { Program } from './program.js'
import {
  bulletList,
  courseHours,
  courseTable,
  documentHeading as heading,
  documentLink,
  documentParagraph as paragraph,
  eolaCourseTitle,
  hoursCells,
  hoursText,
  modeHeading,
  plainText,
  plural,
  programSummary,
  strongText,
} from './render-blocks.js'
import {
  lausdPublication,
  type DocumentBlock,
  type DocumentInline,
  type ProgramDocument,
  type ProgramPublication,
} from './render-model.js'

const quotedList = (texts: ReadonlyArray<string>): string =>
  texts.map((text) => `“${text}”`).join(', ')

const standards = (program: Program, policy: StructuralPolicy): DocumentBlock[] => {
  if (program.standards.length === 0) {
    return [heading(2, 'Standards'), paragraph(plainText('The program names no standard.'))]
  }
  const items = program.standards.map((standard) => {
    const about = [standard.targetCode, standard.targetFramework].filter(
      (part): part is string => part !== undefined,
    )
    return [
      documentLink(standard.targetName, standard.targetUrl, policy),
      ...(about.length === 0 ? [] : [plainText(` (${about.join('; ')})`)]),
      ...(standard.targetDescription === undefined
        ? []
        : [plainText(`: ${standard.targetDescription}`)]),
    ]
  })
  return [
    heading(2, 'Standards'),
    paragraph(plainText('The program is aligned to these standards:')),
    { kind: 'list', ordered: false, items },
  ]
}

const outline = (program: Program): DocumentBlock[] => [
  heading(2, 'Content outline'),
  paragraph(plainText(programSummary(program))),
  heading(3, 'Courses'),
  courseTable(program),
  heading(3, 'Modules'),
  {
    kind: 'table',
    head: ['Course', 'Module', ...modes.map(modeHeading), 'Total hours'],
    rows: program.courses.flatMap((course) =>
      course.modules.map((module) => [
        [plainText(course.title)],
        [plainText(module.title)],
        ...hoursCells(module.hours),
      ]),
    ),
    foot: [],
    numeric: [false, false, true, true, true, true],
  },
]

const schedule = (program: Program, publication: ProgramPublication): DocumentBlock[] => {
  const steps = program.courses.map((course): DocumentInline[] => {
    const eolas = program.eolas.filter((eola) => eola.courseId === course.id)
    return [
      strongText(course.title),
      plainText(
        ` (${hoursText(totalHours(courseHours(course)))} hours): ` +
          `${course.modules.length === 1 ? 'module' : 'modules'} ${quotedList(course.modules.map((module) => module.title))}` +
          (eolas.length === 0
            ? '.'
            : `; then ${eolas.length === 1 ? 'the EOLA' : 'the EOLAs'} ${quotedList(eolas.map((eola) => eola.title))}.`),
      ),
    ]
  })
  const capstone: DocumentInline[][] =
    program.capstone === undefined
      ? []
      : [
          [
            strongText('Capstone'),
            plainText(': the documented enactment of one EOLA that meets its rubric.'),
          ],
        ]
  const when =
    publication.duration === undefined
      ? 'The program runs in this order:'
      : `Over ${publication.duration}, the program runs in this order:`
  return [
    heading(2, 'Schedule'),
    paragraph(plainText(when)),
    { kind: 'list', ordered: true, items: [...steps, ...capstone] },
  ]
}

const eolaSections = (program: Program, policy: StructuralPolicy): DocumentBlock[] => [
  heading(2, 'Evidence of Learning Artifacts'),
  paragraph(
    plainText(
      'Each Evidence of Learning Artifact (EOLA) is graded against its rubric: it meets when ' +
        'every criterion scores at least its meets-at score. One that does not may be revised ' +
        `and submitted again, up to ${plural(policy.maxAttempts, 'attempt')} in all.`,
    ),
  ),
  ...program.eolas.flatMap((eola, i): DocumentBlock[] => [
    heading(3, `EOLA ${i + 1}: ${eola.title}`),
    paragraph(strongText('Course: '), plainText(eolaCourseTitle(program, eola))),
    paragraph(strongText('Guide: '), plainText(eola.guide)),
    {
      kind: 'table',
      head: ['Criterion', 'What meets looks like', 'Meets at', 'Out of'],
      rows: eola.rubric.map((criterion) => [
        [plainText(criterion.id)],
        [plainText(criterion.description)],
        [plainText(String(criterion.meetsAt))],
        [plainText(String(criterion.maxScore))],
      ]),
      foot: [],
      numeric: [false, false, true, true],
    },
  ]),
]

const recognition = (program: Program, policy: StructuralPolicy): DocumentBlock[] => [
  heading(2, 'Capstone'),
  paragraph(
    plainText(program.capstone?.description ?? 'The program has no capstone.'),
    ...(program.capstone !== undefined && policy.capstoneRequired
      ? [plainText(' The capstone must meet for the credential to be earned.')]
      : []),
  ),
  heading(2, 'Salary points and badge'),
  {
    kind: 'list',
    ordered: false,
    items: [
      [strongText('Salary points: '), plainText(hoursText(program.salaryPoints))],
      [strongText('Badge: '), plainText(program.badge.name)],
      [strongText('Description: '), plainText(program.badge.description)],
      [strongText('Criteria: '), plainText(program.badge.criteria)],
      [strongText('Image: '), documentLink(program.badge.name, program.badge.imageUrl, policy)],
    ],
  },
]

/**
 * A program's Professional Learning Plan: standards with their links, knowledge, skills and
 * dispositions, the content outline (courses and modules with hours by mode), the schedule, the
 * guide and rubric of each EOLA, the capstone, salary points and badge. Links render only where
 * the policy allows them (`documentLink`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, professionalLearningPlan } from 'microcred'
 * const plan = professionalLearningPlan(catalog.steam)
 * assert.equal(plan.title, 'STEAM: Professional Learning Plan')
 * const sections = plan.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []))
 * assert.deepEqual(sections, [
 *   'Standards', 'Knowledge, skills and dispositions', 'Content outline', 'Schedule',
 *   'Evidence of Learning Artifacts', 'Capstone', 'Salary points and badge',
 * ])
 */
export const professionalLearningPlan = (
  program: Program,
  options: {
    readonly policy?: StructuralPolicy
    readonly publication?: ProgramPublication
  } = {},
): ProgramDocument => {
  const policy = options.policy ?? lausdPolicy
  const publication = options.publication ?? lausdPublication
  const title = `${program.title}: Professional Learning Plan`
  return {
    title,
    blocks: [
      heading(1, title),
      paragraph(plainText(`${policy.name}. Version ${program.version}.`)),
      paragraph(plainText(program.description)),
      ...standards(program, policy),
      heading(2, 'Knowledge, skills and dispositions'),
      paragraph(plainText(`Educators who earn the ${program.badge.name} demonstrate:`)),
      heading(3, 'Knowledge'),
      bulletList(program.knowledge, 'None named.'),
      heading(3, 'Skills'),
      bulletList(program.skills, 'None named.'),
      heading(3, 'Dispositions'),
      bulletList(program.dispositions, 'None named.'),
      ...outline(program),
      ...schedule(program, publication),
      ...eolaSections(program, policy),
      ...recognition(program, policy),
    ],
  }
}
