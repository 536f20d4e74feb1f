/**
 * The pieces the program documents are built of: texts, links (only those the policy lets
 * render), headings, paragraphs, lists, and the hours and summary every document shows.
 *
 * @packageDocumentation
 */
import { isWebUrl } from '../codec.js'
import {
  addHours,
  modeLabel,
  modes,
  noHours,
  totalHours,
  type HoursByMode,
  type Mode,
} from '../hours.js'
import type { StructuralPolicy } from '../policy.js'
import type { Course, Eola, Program } from './program.js'
import type { DocumentBlock, DocumentCell, DocumentInline } from './render-model.js'
import { programHours } from './validate.js'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Plain text.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { plainText } from 'microcred'
 * assert.deepEqual(plainText('STEAM'), { kind: 'text', text: 'STEAM' })
 */
export const plainText = (text: string): DocumentInline => ({ kind: 'text', text })

/**
 * Strong (bold) text.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { strongText } from 'microcred'
 * assert.deepEqual(strongText('Guide:'), { kind: 'strong', text: 'Guide:' })
 */
export const strongText = (text: string): DocumentInline => ({ kind: 'strong', text })

/**
 * A link to `url` when the policy lets it render (`https:`, or `http:` with `allowHttpUrls`),
 * else the text alone: a `javascript:`, `data:` or other URL never reaches a document.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { documentLink, lausdPolicy } from 'microcred'
 * assert.deepEqual(documentLink('NGSS', 'https://www.nextgenscience.org/', lausdPolicy), {
 *   kind: 'link', text: 'NGSS', url: 'https://www.nextgenscience.org/',
 * })
 * assert.deepEqual(documentLink('x', 'javascript:alert(1)', lausdPolicy), { kind: 'text', text: 'x' })
 * assert.deepEqual(documentLink('x', 'http://example.org/', lausdPolicy), { kind: 'text', text: 'x' })
 * assert.equal(documentLink('x', 'http://example.org/', { ...lausdPolicy, allowHttpUrls: true }).kind, 'link')
 */
export const documentLink = (
  text: string,
  url: string,
  policy: StructuralPolicy,
): DocumentInline =>
  isWebUrl(url, { allowHttp: policy.allowHttpUrls === true })
    ? { kind: 'link', text, url: new URL(url).href }
    : plainText(text)

/**
 * A number of hours as documents print it: `105`, `4.5`, `0.25`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { hoursText } from 'microcred'
 * assert.equal(hoursText(105), '105')
 * assert.equal(hoursText(4.5), '4.5')
 */
export const hoursText = (hours: number): string =>
  Number.isFinite(hours) ? String(hours) : '(not a number)'

/**
 * The name of a mode as the documents' tables head it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { modeHeading } from 'microcred'
 * assert.equal(modeHeading('faceToFace'), 'Face-to-face')
 * assert.equal(modeHeading('online'), 'Online (self-paced)')
 * assert.equal(modeHeading('homework'), 'Homework and fieldwork')
 */
export const modeHeading = (mode: Mode): string =>
  mode === 'online'
    ? 'Online (self-paced)'
    : mode === 'homework'
      ? 'Homework and fieldwork'
      : `${modeLabel(mode).charAt(0).toUpperCase()}${modeLabel(mode).slice(1)}`

/**
 * The hours a course's modules carry, by mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, courseHours } from 'microcred'
 * assert.deepEqual(courseHours(catalog.steam.courses[2]!), { faceToFace: 6, online: 9, homework: 10 })
 */
export const courseHours = (course: Course): HoursByMode =>
  course.modules.map((module) => module.hours).reduce(addHours, noHours)

/**
 * The cells of an hours row: each mode, then the total.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { hoursCells } from 'microcred'
 * assert.deepEqual(
 *   hoursCells({ faceToFace: 30, online: 45, homework: 30 }).map((cell) => cell[0]?.text),
 *   ['30', '45', '30', '105'],
 * )
 */
export const hoursCells = (hours: HoursByMode): DocumentCell[] => [
  ...modes.map((mode) => [plainText(hoursText(hours[mode]))]),
  [plainText(hoursText(totalHours(hours)))],
]

/**
 * The title of the course an EOLA belongs to (its id when no course has it).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, eolaCourseTitle } from 'microcred'
 * assert.equal(eolaCourseTitle(catalog.steam, catalog.steam.eolas[0]!), 'Foundations and Access')
 */
export const eolaCourseTitle = (program: Program, eola: Eola): string =>
  program.courses.find((course) => course.id === eola.courseId)?.title ?? eola.courseId

/**
 * `n` and a word, in the plural unless `n` is 1.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { plural } from 'microcred'
 * assert.equal(plural(1, 'course'), '1 course')
 * assert.equal(plural(3, 'salary point'), '3 salary points')
 */
export const plural = (n: number, word: string): string =>
  `${hoursText(n)} ${word}${n === 1 ? '' : 's'}`

/**
 * A heading block.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { documentHeading } from 'microcred'
 * assert.deepEqual(documentHeading(2, 'Schedule'), { kind: 'heading', level: 2, text: 'Schedule' })
 */
export const documentHeading = (level: 1 | 2 | 3, text: string): DocumentBlock => ({
  kind: 'heading',
  level,
  text,
})

/**
 * A paragraph block of the given pieces.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { documentParagraph, plainText } from 'microcred'
 * assert.deepEqual(documentParagraph(plainText('Free.')), {
 *   kind: 'paragraph',
 *   content: [{ kind: 'text', text: 'Free.' }],
 * })
 */
export const documentParagraph = (...content: DocumentInline[]): DocumentBlock => ({
  kind: 'paragraph',
  content,
})

/**
 * A bulleted list of plain texts, or the paragraph `none` when there is none.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { bulletList } from 'microcred'
 * assert.equal(bulletList(['Curiosity'], 'None named.').kind, 'list')
 * assert.equal(bulletList([], 'None named.').kind, 'paragraph')
 */
export const bulletList = (items: ReadonlyArray<string>, none: string): DocumentBlock =>
  items.length === 0
    ? documentParagraph(plainText(none))
    : { kind: 'list', ordered: false, items: items.map((item) => [plainText(item)]) }

const moduleCount = (program: Program): number =>
  program.courses.reduce((n, course) => n + course.modules.length, 0)

/**
 * One sentence of a program's key figures: hours in all and by mode, courses, modules, EOLAs,
 * the capstone and the salary points.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, programSummary } from 'microcred'
 * assert.equal(
 *   programSummary(catalog.steam),
 *   '105 hours of blended professional learning (30 face-to-face, 45 online and self-paced, ' +
 *     '30 of homework and fieldwork) in 3 courses of 6 modules; 5 Evidence of Learning Artifacts ' +
 *     '(EOLAs), each graded against its rubric; a capstone; 3 salary points.',
 * )
 */
export const programSummary = (program: Program): string => {
  const hours = programHours(program)
  const capstone = program.capstone === undefined ? '' : ' a capstone;'
  return (
    `${hoursText(totalHours(hours))} hours of blended professional learning ` +
    `(${hoursText(hours.faceToFace)} face-to-face, ${hoursText(hours.online)} online and ` +
    `self-paced, ${hoursText(hours.homework)} of homework and fieldwork) in ` +
    `${plural(program.courses.length, 'course')} of ${plural(moduleCount(program), 'module')}; ` +
    `${program.eolas.length} Evidence of Learning Artifact${program.eolas.length === 1 ? '' : 's'} ` +
    `(EOLAs), each graded against its rubric;${capstone} ` +
    `${plural(program.salaryPoints, 'salary point')}.`
  )
}

/**
 * The courses table: each course's modules and hours by mode, and the program's total below.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, courseTable } from 'microcred'
 * const table = courseTable(catalog.steam)
 * assert.ok(table.kind === 'table')
 * assert.deepEqual(table.foot[0]?.map((cell) => cell[0]?.text), ['Total', '6', '30', '45', '30', '105'])
 */
export const courseTable = (program: Program): DocumentBlock => ({
  kind: 'table',
  head: ['Course', 'Modules', ...modes.map(modeHeading), 'Total hours'],
  rows: program.courses.map((course) => [
    [plainText(course.title)],
    [plainText(String(course.modules.length))],
    ...hoursCells(courseHours(course)),
  ]),
  foot: [
    [
      [strongText('Total')],
      [plainText(String(moduleCount(program)))],
      ...hoursCells(programHours(program)),
    ],
  ],
  numeric: [false, true, true, true, true, true],
})

/** Control characters (C0, DEL, C1) but tab, line feed and carriage return. */
const controls = /(?![\t\n\r])\p{Cc}/gu

/**
 * A text as a document may show it: every control character (NUL, ESC, ...) and lone surrogate
 * replaced by U+FFFD, everything else (any script, emoji, line breaks) kept. Both renderers pass
 * every text through it before escaping it for their format.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { printableText } from 'microcred'
 * assert.equal(printableText('a\u0000b\u001b[2J'), 'a\ufffdb\ufffd[2J')
 * assert.equal(printableText('\ud800 ok'), '\ufffd ok')
 * assert.equal(printableText('Niños 🎨\n'), 'Niños 🎨\n')
 */
export const printableText = (text: string): string =>
  String(text).toWellFormed().replace(controls, '\ufffd')
