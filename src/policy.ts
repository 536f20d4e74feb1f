/**
 * A district's structural rules for its micro-credential programs, as data. `lausdPolicy` holds
 * the Los Angeles Unified rules; another district passes its own `StructuralPolicy` wherever a
 * policy is taken.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'
import * as t from 'io-ts'
import {
  decodeIssues,
  exact,
  list,
  NonEmptyText,
  NonNegativeInteger,
  NonNegativeNumber,
  PositiveInteger,
  refine,
} from './codec.js'
import { HoursByMode, addHours, isMultipleOf, modes, noHours } from './hours.js'

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
export const CourseRule = exact(
  { title: NonEmptyText, modules: PositiveInteger, hours: HoursByMode },
  undefined,
  'CourseRule',
)
/** What the policy requires of one course. */
export type CourseRule = t.TypeOf<typeof CourseRule>

/**
 * A calendar date, `YYYY-MM-DD`, that exists (no February 30th): a holiday of the grading
 * calendar.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { CalendarDate } from 'microcred'
 * assert.equal(CalendarDate.is('2026-12-25'), true)
 * assert.equal(CalendarDate.is('2026-02-30'), false)
 * assert.equal(CalendarDate.is('2026-12-25T00:00:00Z'), false) // a date, not a moment
 */
export const CalendarDate = refine(
  t.string,
  (s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
    const [year, month, day] = s.split('-').map(Number) as [number, number, number]
    const date = new Date(Date.UTC(year, month - 1, day))
    return (
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    )
  },
  'a date YYYY-MM-DD',
)

/** Whether the runtime's time-zone database knows `name` (Intl throws a RangeError if not). */
const isKnownTimeZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/**
 * An IANA time zone (`America/Los_Angeles`, `UTC`): the district's, whose calendar days the
 * grading target counts. At most 64 characters of letters, digits, `_`, `+`, `-` and `/`, and
 * known to the runtime's time-zone database.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { TimeZone } from 'microcred'
 * assert.equal(TimeZone.is('America/Los_Angeles'), true)
 * assert.equal(TimeZone.is('UTC'), true)
 * assert.equal(TimeZone.is('Mars/Olympus_Mons'), false)
 * assert.equal(TimeZone.is('__proto__'), false)
 */
export const TimeZone = refine(
  t.string,
  (s) =>
    s.length <= 64 && /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(s) && isKnownTimeZone(s),
  'an IANA time zone, such as America/Los_Angeles',
)

/** A whole percentage, 0 to 100. */
const Percent = refine(NonNegativeInteger, (n) => n <= 100, 'a whole number from 0 to 100')

/**
 * Which attempts a second assessor scores: `none` (one grade decides, as by default), `all`, or
 * `{ samplePercent }`: a deterministic sample of that share of attempts, chosen by a stable hash
 * of the enrollment, the EOLA and the attempt (see `secondScoringApplies`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SecondScoring } from 'microcred'
 * assert.equal(SecondScoring.is('all'), true)
 * assert.equal(SecondScoring.is({ samplePercent: 20 }), true)
 * assert.equal(SecondScoring.is({ samplePercent: 120 }), false)
 */
export const SecondScoring = t.union(
  [t.literal('none'), t.literal('all'), exact({ samplePercent: Percent })],
  'SecondScoring',
)
/** Which attempts a second assessor scores. */
export type SecondScoring = t.TypeOf<typeof SecondScoring>

/**
 * How a district assesses evidence, every field optional (absent, it behaves as before):
 * `blind` (an assessor's view hides who the educator is), `secondScoring` (`none` by default),
 * `afterMaxAttempts` (`final`: no attempt after the cap, by default; `coaching`: a recorded
 * coaching conversation allows one further attempt), `gradingTargetDays` (business days,
 * Monday to Friday, from a submission to its grade), `holidays` (dates that are not business
 * days) and `timeZone` (the district's, whose calendar days those are; `UTC` by default). An
 * enrollment pins them at `Enroll`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { AssessmentPolicy } from 'microcred'
 * const rules = { blind: true, secondScoring: { samplePercent: 25 }, afterMaxAttempts: 'coaching', gradingTargetDays: 10, holidays: ['2026-12-25'], timeZone: 'America/Los_Angeles' }
 * assert.equal(AssessmentPolicy.is(rules), true)
 * assert.equal(AssessmentPolicy.is({}), true) // every rule as before
 * assert.equal(AssessmentPolicy.is({ afterMaxAttempts: 'appeal' }), false)
 */
export const AssessmentPolicy = exact(
  {},
  {
    /** An assessor's view shows a stable pseudonym, never the educator's name, email or id. */
    blind: t.boolean,
    /** Which attempts a second assessor scores (`none` when absent). */
    secondScoring: SecondScoring,
    /** What follows the last attempt allowed (`final` when absent). */
    afterMaxAttempts: t.keyof({ final: null, coaching: null }),
    /** Business days from a submission to its grade. */
    gradingTargetDays: refine(PositiveInteger, (n) => n <= 365, 'a whole number from 1 to 365'),
    /** Dates that are not business days. */
    holidays: list(CalendarDate, 366),
    /** The time zone whose calendar days the target counts (`UTC` when absent). */
    timeZone: TimeZone,
  },
  'AssessmentPolicy',
)
/** How a district assesses evidence. */
export type AssessmentPolicy = t.TypeOf<typeof AssessmentPolicy>

const BinaryFraction = refine(
  NonNegativeNumber,
  (n) => n > 0 && Number.isInteger(n * 1024),
  'a positive multiple of 1/1024 (1, 0.5, 0.25, ...)',
)

/**
 * A district's structural rules: the courses in order with their module counts and hours by mode,
 * the number of Evidence of Learning Artifacts and how they spread over courses, whether a
 * capstone is required, how many attempts an artifact or capstone gets, the salary points, how
 * hours are recorded, and whether `http:` links are taken where `https:` ones are expected
 * (`allowHttpUrls`, off unless set). An enrollment pins what it needs of them when it starts.
 * The codec checks each field; `validatePolicy` also checks that a program can be earned under
 * them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { StructuralPolicy, lausdPolicy } from 'microcred'
 * assert.equal(StructuralPolicy.is(lausdPolicy), true)
 * // Hours are recorded in exact binary fractions, so sums of them stay exact: not in tenths.
 * assert.equal(StructuralPolicy.is({ ...lausdPolicy, hoursPerRecord: { increment: 0.1, max: 12 } }), false)
 */
export const StructuralPolicy = exact(
  {
    /** The district, as it appears in messages. */
    name: NonEmptyText,
    /** The courses a program has, in order. */
    courses: list(CourseRule),
    eolas: exact({
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
    hoursPerRecord: exact({
      /** Hours are recorded in whole multiples of this (an exact binary fraction). */
      increment: BinaryFraction,
      /** The most hours one record may carry. */
      max: BinaryFraction,
    }),
  },
  {
    /**
     * Whether `http:` links (evidence, capstone documentation, a badge's image, a standard's
     * page) are taken; by default only `https:` ones are. Reports and badges render them.
     */
    allowHttpUrls: t.boolean,
    /** How evidence is assessed: blind, second scoring, after the last attempt, grading time. */
    assessment: AssessmentPolicy,
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

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

/** What kind of rule a policy breaks. */
export type PolicyErrorTag =
  | 'InvalidShape'
  | 'NoCourses'
  | 'HoursPerRecord'
  | 'HoursIncrement'
  | 'EolaCount'
  | 'CapstoneWithoutEolas'

/** One way a policy breaks its shape or makes every program impossible to earn. */
export interface PolicyError {
  readonly _tag: PolicyErrorTag
  /** A dotted path into the policy, such as `hoursPerRecord.increment`. */
  readonly path: string
  readonly message: string
}

const policyError = (_tag: PolicyErrorTag, path: string, message: string): PolicyError => ({
  _tag,
  path,
  message,
})

/** The rules across fields: under a policy that breaks one, no program could be earned. */
const earnableRules = (policy: StructuralPolicy): PolicyError[] => {
  const errors: PolicyError[] = []
  const { increment, max } = policy.hoursPerRecord
  if (policy.courses.length === 0) {
    errors.push(policyError('NoCourses', 'courses', 'the policy has no course; it needs one'))
  }
  if (increment > max) {
    errors.push(
      policyError(
        'HoursPerRecord',
        'hoursPerRecord',
        `hours are recorded in multiples of ${increment} but at most ${max} at a time: no record could carry one`,
      ),
    )
  }
  policy.courses.forEach((course, i) => {
    for (const mode of modes) {
      if (!isMultipleOf(course.hours[mode], increment)) {
        errors.push(
          policyError(
            'HoursIncrement',
            `courses.${i}.hours.${mode}`,
            `course ${i + 1} requires ${course.hours[mode]} ${mode} hours, which no module can carry in whole multiples of ${increment}`,
          ),
        )
      }
    }
  })
  const { count, minPerCourse } = policy.eolas
  if (count < minPerCourse * policy.courses.length) {
    errors.push(
      policyError(
        'EolaCount',
        'eolas',
        `${policy.courses.length} courses with at least ${minPerCourse} EOLAs each need ${minPerCourse * policy.courses.length}; the policy allows ${count}`,
      ),
    )
  }
  if (policy.capstoneRequired && count === 0) {
    errors.push(
      policyError(
        'CapstoneWithoutEolas',
        'eolas.count',
        'the policy requires a capstone, which enacts an EOLA that meets, but allows no EOLA',
      ),
    )
  }
  return errors
}

/**
 * Decodes `input` as a `StructuralPolicy` and checks that a program can be earned under it:
 * at least one course, and at least one attempt (the codec); finite numbers (the codec); a
 * record that can carry at least one increment; course hours in whole increments, so modules can
 * carry them; enough EOLAs for every course's minimum; an EOLA to enact where a capstone is
 * required. The assessment options (`assessment`) are checked by the codec: none of them can make
 * a program impossible to earn. Returns the policy or every rule it breaks. `validateProgram` and `decide` (on
 * `Enroll`) run it, and refuse to go on under a policy that fails it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { lausdPolicy, validatePolicy } from 'microcred'
 * assert.ok(E.isRight(validatePolicy(lausdPolicy)))
 * const noAttempt = validatePolicy({ ...lausdPolicy, maxAttempts: 0 })
 * assert.ok(E.isLeft(noAttempt))
 * assert.deepEqual(noAttempt.left, [
 *   { _tag: 'InvalidShape', path: 'maxAttempts', message: 'expected a whole number > 0, got 0' },
 * ])
 * const noEola = validatePolicy({ ...lausdPolicy, eolas: { count: 0, minPerCourse: 0 } })
 * assert.ok(E.isLeft(noEola))
 * assert.equal(noEola.left[0]._tag, 'CapstoneWithoutEolas')
 */
export const validatePolicy = (
  input: unknown,
): E.Either<NonEmptyArray<PolicyError>, StructuralPolicy> => {
  const decoded = StructuralPolicy.decode(input)
  if (E.isLeft(decoded)) {
    const issues = decodeIssues(decoded.left).map((issue) =>
      policyError('InvalidShape', issue.path, issue.message),
    )
    return E.left(issues as NonEmptyArray<PolicyError>)
  }
  const [first, ...rest] = earnableRules(decoded.right)
  return first === undefined ? E.right(decoded.right) : E.left([first, ...rest])
}
