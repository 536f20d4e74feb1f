/**
 * The program: one micro-credential as a district publishes it. Its shape is public API.
 *
 * @packageDocumentation
 */
import type * as t from 'io-ts'
import {
  exact,
  Id,
  list,
  NonEmptyText,
  NonNegativeInteger,
  NonNegativeNumber,
  PositiveInteger,
  WebUrl,
} from '../codec.js'
import { HoursByMode } from '../hours.js'

/**
 * A standard the program aligns to; becomes an Open Badges `Alignment`. Its page is a link badges
 * render (`WebUrl`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Standard } from 'microcred'
 * const cstp = { targetName: 'CSTP 1', targetUrl: 'https://www.ctc.ca.gov/docs/default-source/educator-prep/standards/cstp-2009.pdf' }
 * assert.equal(Standard.is(cstp), true)
 * assert.equal(Standard.is({ ...cstp, targetCode: 'CSTP 1.1' }), true)
 * assert.equal(Standard.is({ ...cstp, targetUrl: 'cstp-2009.pdf' }), false)
 */
export const Standard = exact(
  { targetName: NonEmptyText, targetUrl: WebUrl },
  { targetFramework: NonEmptyText, targetCode: NonEmptyText, targetDescription: NonEmptyText },
  'Standard',
)
/** A standard the program aligns to. */
export type Standard = t.TypeOf<typeof Standard>

/**
 * One module of a course, with the hours it carries in each mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Module } from 'microcred'
 * assert.equal(Module.is({ id: 'm1', title: 'Access', hours: { faceToFace: 6, online: 9, homework: 5 } }), true)
 * assert.equal(Module.is({ id: 'm1', title: 'Access', hours: { faceToFace: 6, online: 9 } }), false)
 */
export const Module = exact(
  { id: Id, title: NonEmptyText, hours: HoursByMode },
  undefined,
  'Module',
)
/** One module of a course. */
export type Module = t.TypeOf<typeof Module>

/**
 * A course: a titled sequence of modules.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Course } from 'microcred'
 * const access = { id: 'm1', title: 'Access', hours: { faceToFace: 6, online: 9, homework: 5 } }
 * assert.equal(Course.is({ id: 'c1', title: 'Foundations and Access', modules: [access] }), true)
 * assert.equal(Course.is({ id: 'c1', title: 'Foundations and Access', modules: [{ ...access, id: '' }] }), false)
 */
export const Course = exact(
  { id: Id, title: NonEmptyText, modules: list(Module) },
  undefined,
  'Course',
)
/** A course. */
export type Course = t.TypeOf<typeof Course>

/**
 * One criterion of an EOLA's rubric: an artifact meets the criterion when its score is at least
 * `meetsAt` (scores run from 0 to `maxScore`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RubricCriterion } from 'microcred'
 * const criterion = { id: 'evidence', description: 'Uses student work', maxScore: 4, meetsAt: 3 }
 * assert.equal(RubricCriterion.is(criterion), true)
 * assert.equal(RubricCriterion.is({ ...criterion, maxScore: 0 }), false)
 */
export const RubricCriterion = exact(
  {
    id: Id,
    description: NonEmptyText,
    maxScore: PositiveInteger,
    meetsAt: NonNegativeInteger,
  },
  undefined,
  'RubricCriterion',
)
/** One criterion of a rubric. */
export type RubricCriterion = t.TypeOf<typeof RubricCriterion>

/**
 * An Evidence of Learning Artifact: what the educator submits for a course, with a guide and the
 * rubric it is graded against.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Eola } from 'microcred'
 * const eola = { id: 'e1', title: 'Lesson', courseId: 'c1', guide: 'Plan a lesson.', rubric: [] }
 * assert.equal(Eola.is(eola), true)
 * assert.equal(Eola.is({ ...eola, guide: '' }), false)
 */
export const Eola = exact(
  {
    id: Id,
    title: NonEmptyText,
    courseId: Id,
    guide: NonEmptyText,
    rubric: list(RubricCriterion),
  },
  undefined,
  'Eola',
)
/** An Evidence of Learning Artifact. */
export type Eola = t.TypeOf<typeof Eola>

/**
 * What the badge shows: its name, description, criteria and image (a link badges render:
 * `WebUrl`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { BadgeText } from 'microcred'
 * const text = { name: 'STEAM', description: 'd', criteria: 'c', imageUrl: 'https://example.org/steam.png' }
 * assert.equal(BadgeText.is(text), true)
 * assert.equal(BadgeText.is({ ...text, imageUrl: 'steam.png' }), false) // an absolute URL
 */
export const BadgeText = exact(
  {
    name: NonEmptyText,
    description: NonEmptyText,
    criteria: NonEmptyText,
    imageUrl: WebUrl,
  },
  undefined,
  'BadgeText',
)
/** What the badge shows. */
export type BadgeText = t.TypeOf<typeof BadgeText>

/**
 * A micro-credential program as a district publishes it: standards, knowledge, skills and
 * dispositions (its Professional Learning Plan), courses of modules with hours, EOLAs with
 * rubrics, a capstone, salary points and the badge. `validateProgram` checks it against a policy.
 * Exact at every level: a field it does not declare is refused, not carried along.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Program, catalog } from 'microcred'
 * assert.equal(Program.is(catalog.steam), true)
 * assert.equal(Program.is({ ...catalog.steam, version: 0 }), false)
 */
export const Program = exact(
  {
    id: Id,
    version: PositiveInteger,
    title: NonEmptyText,
    description: NonEmptyText,
    standards: list(Standard),
    knowledge: list(NonEmptyText),
    skills: list(NonEmptyText),
    dispositions: list(NonEmptyText),
    courses: list(Course),
    eolas: list(Eola),
    salaryPoints: NonNegativeNumber,
    badge: BadgeText,
  },
  {
    /** The capstone project; required where the policy says so. */
    capstone: exact({ description: NonEmptyText }, undefined, 'Capstone'),
  },
  'Program',
)
/** A micro-credential program. */
export type Program = t.TypeOf<typeof Program>
