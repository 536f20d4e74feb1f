/**
 * A program's public-facing Overview, as a document: what it is, who it is for, its hours by
 * mode, its courses, what an educator submits, what they earn (the badge and the salary points)
 * and what it costs.
 *
 * @packageDocumentation
 */
import { modeLabel, modes, totalHours } from '../hours.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import type { Program } from './program.js'
import {
  courseHours,
  documentHeading as heading,
  documentLink,
  documentParagraph as paragraph,
  eolaCourseTitle,
  hoursText,
  modeHeading,
  plainText,
  plural,
  strongText,
} from './render-blocks.js'
import {
  lausdPublication,
  type DocumentBlock,
  type DocumentInline,
  type ProgramDocument,
  type ProgramPublication,
} from './render-model.js'
import { programHours } from './validate.js'

const hoursSection = (program: Program, publication: ProgramPublication): DocumentBlock[] => {
  const hours = programHours(program)
  const when =
    publication.duration === undefined
      ? ''
      : `Over ${publication.duration}, educators learn as a community of practice. `
  return [
    heading(2, 'Time and format'),
    paragraph(
      plainText(
        `${when}The program is ${hoursText(totalHours(hours))} hours of blended professional ` +
          `learning, in ${plural(program.courses.length, 'course')}:`,
      ),
    ),
    {
      kind: 'table',
      head: ['Mode', 'Hours'],
      rows: modes.map((mode) => [
        [plainText(modeHeading(mode))],
        [plainText(hoursText(hours[mode]))],
      ]),
      foot: [[[strongText('Total')], [plainText(hoursText(totalHours(hours)))]]],
      numeric: [false, true],
    },
  ]
}

const courses = (program: Program): DocumentBlock[] => [
  heading(2, 'Courses'),
  {
    kind: 'list',
    ordered: true,
    items: program.courses.map((course): DocumentInline[] => {
      const hours = courseHours(course)
      const byMode = modes.map((mode) => `${hoursText(hours[mode])} ${modeLabel(mode)}`).join(', ')
      return [
        strongText(course.title),
        plainText(
          ` (${hoursText(totalHours(hours))} hours: ${byMode}): ` +
            course.modules.map((module) => module.title).join('; '),
        ),
      ]
    }),
  },
]

const submissions = (program: Program, policy: StructuralPolicy): DocumentBlock[] => [
  heading(2, 'What you submit'),
  paragraph(
    plainText(
      `A digital portfolio of ${program.eolas.length} Evidence of Learning ` +
        `Artifact${program.eolas.length === 1 ? '' : 's'} (EOLAs), each showing your learning ` +
        'applied in your own setting and graded against its rubric; one that does not yet meet ' +
        `may be revised, up to ${plural(policy.maxAttempts, 'attempt')} in all:`,
    ),
  ),
  {
    kind: 'list',
    ordered: false,
    items: program.eolas.map((eola) => [
      strongText(eola.title),
      plainText(` (${eolaCourseTitle(program, eola)})`),
    ]),
  },
  ...(program.capstone === undefined
    ? []
    : [paragraph(strongText('Capstone: '), plainText(program.capstone.description))]),
]

const earnings = (program: Program, policy: StructuralPolicy): DocumentBlock[] => [
  heading(2, 'What you earn'),
  {
    kind: 'list',
    ordered: false,
    items: [
      [
        strongText('A digital badge: '),
        documentLink(program.badge.name, program.badge.imageUrl, policy),
        plainText(`. ${program.badge.description}`),
      ],
      [strongText('Salary points: '), plainText(hoursText(program.salaryPoints))],
    ],
  },
]

/**
 * A program's public-facing Overview: title and description, who it is for, its hours by mode
 * (105 = 30 + 45 + 30 under `lausdPolicy`), its courses, what an educator submits, what they earn
 * (the badge and salary points) and what it costs. The audience, duration and cost come from the
 * publication (default `lausdPublication`); a section it does not give is left out.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, programOverview } from 'microcred'
 * const overview = programOverview(catalog.steam)
 * assert.equal(overview.title, 'STEAM: Overview')
 * const sections = overview.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []))
 * assert.deepEqual(sections, [
 *   'Who it is for', 'Time and format', 'Courses', 'What you submit', 'What you earn', 'Cost',
 * ])
 * assert.equal(programOverview(catalog.steam, { publication: {} }).blocks.some((b) => b.kind === 'heading' && b.text === 'Cost'), false)
 */
export const programOverview = (
  program: Program,
  options: {
    readonly policy?: StructuralPolicy
    readonly publication?: ProgramPublication
  } = {},
): ProgramDocument => {
  const policy = options.policy ?? lausdPolicy
  const publication = options.publication ?? lausdPublication
  const title = `${program.title}: Overview`
  const optional = (name: string, text: string | undefined): DocumentBlock[] =>
    text === undefined ? [] : [heading(2, name), paragraph(plainText(text))]
  return {
    title,
    blocks: [
      heading(1, title),
      paragraph(plainText(`A micro-credential offered by ${policy.name}.`)),
      paragraph(plainText(program.description)),
      ...optional('Who it is for', publication.audience),
      ...hoursSection(program, publication),
      ...courses(program),
      ...submissions(program, policy),
      ...earnings(program, policy),
      ...optional('Cost', publication.cost),
    ],
  }
}
