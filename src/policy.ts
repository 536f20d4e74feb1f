/**
 * A district's structural rules for its micro-credential programs, as data. `lausdPolicy` holds
 * the Los Angeles Unified rules; another district passes its own `StructuralPolicy` wherever a
 * policy is taken.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import {
  NonEmptyString,
  NonNegativeInteger,
  NonNegativeNumber,
  PositiveInteger,
  refine,
} from './codec.js'
import { HoursByMode, addHours, noHours } from './hours.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What the policy requires of the course at one position in a program.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CourseRule } from 'microcred'
 * const rule = { title: 'Foundations and Access', modules: 2, hours: { faceToFace: 12, online: 18, homework: 10 } }
 * assert.equal(CourseRule.is(rule), true)
 * assert.equal(CourseRule.is({ ...rule, modules: 0 }), false) // at least one module
 */
export const CourseRule = t.type(
  { title: NonEmptyString, modules: PositiveInteger, hours: HoursByMode },
  'CourseRule',
)
/** What the policy requires of one course. */
export type CourseRule = t.TypeOf<typeof CourseRule>

const BinaryFraction = refine(
  NonNegativeNumber,
  (n) => n > 0 && Number.isInteger(n * 1024),
  'a positive multiple of 1/1024 (1, 0.5, 0.25, ...)',
)

/**
 * A district's structural rules: the courses in order with their module counts and hours by mode,
 * the number of Evidence of Learning Artifacts and how they spread over courses, whether a
 * capstone is required, how many attempts an artifact or capstone gets, the salary points, and
 * how hours are recorded.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StructuralPolicy, lausdPolicy } from 'microcred'
 * assert.equal(StructuralPolicy.is(lausdPolicy), true)
 * // Hours are recorded in exact binary fractions, so sums of them stay exact: not in tenths.
 * assert.equal(StructuralPolicy.is({ ...lausdPolicy, hoursPerRecord: { increment: 0.1, max: 12 } }), false)
 */
export const StructuralPolicy = t.type(
  {
    /** The district, as it appears in messages. */
    name: NonEmptyString,
    /** The courses a program has, in order. */
    courses: t.array(CourseRule),
    eolas: t.type({
      /** Exactly this many Evidence of Learning Artifacts. */
      count: NonNegativeInteger,
      /** Every course has at least this many of them. */
      minPerCourse: NonNegativeInteger,
    }),
    /** Whether earning the credential requires a capstone that meets. */
    capstoneRequired: t.boolean,
    /** Attempts allowed for each artifact and for the capstone. */
    maxAttempts: PositiveInteger,
    /** Salary points granted with the credential. */
    salaryPoints: NonNegativeNumber,
    hoursPerRecord: t.type({
      /** Hours are recorded in whole multiples of this (an exact binary fraction). */
      increment: BinaryFraction,
      /** The most hours one record may carry. */
      max: BinaryFraction,
    }),
  },
  'StructuralPolicy',
)
/** A district's structural rules. */
export type StructuralPolicy = t.TypeOf<typeof StructuralPolicy>

// -------------------------------------------------------------------------------------
// instances
// -------------------------------------------------------------------------------------

/**
 * The Los Angeles Unified rules: three courses of two modules with 12/18/10, 12/18/10 and 6/9/10
 * hours (face-to-face/online/homework), 30/45/30 = 105 in all; five EOLAs, every course with at
 * least one; a capstone; three attempts per artifact; 3 salary points; hours recorded in quarter
 * hours, at most 12 at a time.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { lausdPolicy, totalHours } from 'microcred'
 * assert.deepEqual(lausdPolicy.courses.map((course) => totalHours(course.hours)), [40, 40, 25])
 * assert.deepEqual(lausdPolicy.eolas, { count: 5, minPerCourse: 1 })
 * assert.equal(lausdPolicy.maxAttempts, 3)
 */
export const lausdPolicy: StructuralPolicy = {
  name: 'Los Angeles Unified School District',
  courses: [
    {
      title: 'Foundations and Access',
      modules: 2,
      hours: { faceToFace: 12, online: 18, homework: 10 },
    },
    {
      title: 'Curriculum, Instruction, and Assessment',
      modules: 2,
      hours: { faceToFace: 12, online: 18, homework: 10 },
    },
    {
      title: 'Leadership and Capstone',
      modules: 2,
      hours: { faceToFace: 6, online: 9, homework: 10 },
    },
  ],
  eolas: { count: 5, minPerCourse: 1 },
  capstoneRequired: true,
  maxAttempts: 3,
  salaryPoints: 3,
  hoursPerRecord: { increment: 0.25, max: 12 },
}

/**
 * The hours a policy requires in all, by mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { lausdPolicy, policyHours } from 'microcred'
 * assert.deepEqual(policyHours(lausdPolicy), { faceToFace: 30, online: 45, homework: 30 })
 */
export const policyHours = (policy: StructuralPolicy): HoursByMode =>
  policy.courses.map((course) => course.hours).reduce(addHours, noHours)
