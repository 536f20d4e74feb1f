/**
 * Generators of programs: valid ones for any policy, and ones mutated away from it, each paired
 * with the error `validateProgram` must report.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import { modes, type HoursByMode } from '../hours.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import type { Program } from '../program/program.js'
import type { ProgramErrorTag } from '../program/validate.js'

/** Splits `units` into `parts` non-negative whole numbers that sum to it. */
const splitUnits = (units: number, parts: number): fc.Arbitrary<number[]> =>
  fc
    .array(fc.integer({ min: 0, max: units }), { minLength: parts - 1, maxLength: parts - 1 })
    .map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), units]
      return points.slice(1).map((point, i) => point - (points[i] ?? 0))
    })

/** Splits a course's hours by mode over its modules, in whole increments. */
const moduleHours = (hours: HoursByMode, parts: number, increment: number) =>
  fc
    .tuple(...modes.map((mode) => splitUnits(Math.round(hours[mode] / increment), parts)))
    .map(([faceToFace = [], online = [], homework = []]) =>
      faceToFace.map((_, i): HoursByMode => ({
        faceToFace: (faceToFace[i] ?? 0) * increment,
        online: (online[i] ?? 0) * increment,
        homework: (homework[i] ?? 0) * increment,
      })),
    )

const text = fc.constantFrom(
  'Designs inquiry-based lessons',
  'Analyzes student work',
  'Leads a professional learning community',
  'Uses formative assessment',
  'Builds on students’ languages and cultures',
)

const rubricArbitrary = fc
  .array(
    fc.integer({ min: 1, max: 5 }).chain((maxScore) =>
      fc.record({
        maxScore: fc.constant(maxScore),
        meetsAt: fc.integer({ min: 0, max: maxScore }),
      }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((criteria) =>
    criteria.map((c, i) => ({ id: `criterion-${i + 1}`, description: `Criterion ${i + 1}`, ...c })),
  )

/**
 * Valid programs for `policy` (Los Angeles Unified's by default): the policy's courses and
 * module counts, each course's hours split over its modules in whole increments, the policy's
 * number of EOLAs spread so every course has its minimum, random rubrics, a capstone.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { validateProgram } from 'microcred'
 * import { programArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(programArbitrary(), (program) => assert.ok(E.isRight(validateProgram(program)))),
 *   { numRuns: 10 },
 * )
 */
export const programArbitrary = (policy: StructuralPolicy = lausdPolicy): fc.Arbitrary<Program> => {
  const increment = policy.hoursPerRecord.increment
  const courseCount = policy.courses.length
  const guaranteed = courseCount * policy.eolas.minPerCourse
  return fc
    .record({
      id: fc.stringMatching(/^[a-z][a-z0-9-]{2,15}$/),
      version: fc.integer({ min: 1, max: 9 }),
      hours: fc.tuple(
        ...policy.courses.map((rule) => moduleHours(rule.hours, rule.modules, increment)),
      ),
      eolaCourses: fc.array(fc.nat({ max: Math.max(0, courseCount - 1) }), {
        minLength: Math.max(0, policy.eolas.count - guaranteed),
        maxLength: Math.max(0, policy.eolas.count - guaranteed),
      }),
      rubrics: fc.array(rubricArbitrary, {
        minLength: policy.eolas.count,
        maxLength: policy.eolas.count,
      }),
      knowledge: fc.array(text, { maxLength: 3 }),
      standards: fc.nat({ max: 3 }),
    })
    .map(({ id, version, hours, eolaCourses, rubrics, knowledge, standards }): Program => {
      const courses = policy.courses.map((rule, i) => ({
        id: `${id}-course-${i + 1}`,
        title: rule.title,
        modules: (hours[i] ?? []).map((h, j) => ({
          id: `${id}-module-${i + 1}-${j + 1}`,
          title: `Module ${i + 1}.${j + 1}`,
          hours: h,
        })),
      }))
      const owners = [
        ...Array.from({ length: guaranteed }, (_, k) => k % courseCount),
        ...eolaCourses,
      ].slice(0, policy.eolas.count)
      return {
        id,
        version,
        title: `Program ${id}`,
        description: `A generated program for ${policy.name}.`,
        standards: Array.from({ length: standards }, (_, k) => ({
          targetName: `Standard ${k + 1}`,
          targetUrl: `https://standards.example.org/${id}/${k + 1}`,
        })),
        knowledge,
        skills: ['Plans lessons'],
        dispositions: ['Reflects on practice'],
        courses,
        eolas: owners.map((owner, k) => ({
          id: `${id}-eola-${k + 1}`,
          title: `EOLA ${k + 1}`,
          courseId: courses[owner]?.id ?? `${id}-course-1`,
          guide: 'Submit a lesson plan, a video of the lesson and a reflection.',
          rubric: rubrics[k] ?? [],
        })),
        ...(policy.capstoneRequired
          ? { capstone: { description: 'Document the enactment of one EOLA and reflect on it.' } }
          : {}),
        salaryPoints: policy.salaryPoints,
        badge: {
          name: `Program ${id}`,
          description: 'A generated badge.',
          criteria: 'Complete every requirement.',
          imageUrl: `https://badges.example.org/${id}.png`,
        },
      }
    })
}

/** A way to break a program, and the error tag `validateProgram` reports for it. */
export interface ProgramMutation {
  readonly mutation: 'moveHour' | 'dropEola' | 'addEola' | 'extraModule' | 'dropCourse'
  readonly expected: ProgramErrorTag
  readonly program: Program
}

const moveHour = (
  program: Program,
  from: number,
  to: number,
  increment: number,
): Program | null => {
  const source = program.courses[from]?.modules[0]
  const mode = modes.find((m) => (source?.hours[m] ?? 0) >= increment)
  if (source === undefined || mode === undefined || from === to) return null
  return {
    ...program,
    courses: program.courses.map((course, i) => {
      if (i !== from && i !== to) return course
      const delta = i === from ? -increment : increment
      const [first, ...rest] = course.modules
      if (first === undefined) return course
      return {
        ...course,
        modules: [
          { ...first, hours: { ...first.hours, [mode]: first.hours[mode] + delta } },
          ...rest,
        ],
      }
    }),
  }
}

/**
 * Valid programs broken in one way each (an hour moved between courses, an EOLA dropped or
 * added, an extra module, a course dropped), with the error tag that must be reported.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { validateProgram } from 'microcred'
 * import { programMutationArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(programMutationArbitrary(), ({ program, expected }) => {
 *     const result = validateProgram(program)
 *     assert.ok(E.isLeft(result))
 *     assert.ok(result.left.some((error) => error._tag === expected))
 *   }),
 *   { numRuns: 10 },
 * )
 */
export const programMutationArbitrary = (
  policy: StructuralPolicy = lausdPolicy,
): fc.Arbitrary<ProgramMutation> => {
  const increment = policy.hoursPerRecord.increment
  const n = policy.courses.length
  return fc
    .tuple(programArbitrary(policy), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 4 }))
    .map(([program, a, b, kind]): ProgramMutation | null => {
      const course = a % Math.max(1, n)
      switch (kind) {
        case 0: {
          const moved = moveHour(program, course, b % Math.max(1, n), increment)
          return moved && { mutation: 'moveHour', expected: 'CourseHours', program: moved }
        }
        case 1:
          return program.eolas.length === 0
            ? null
            : {
                mutation: 'dropEola',
                expected: 'EolaCount',
                program: { ...program, eolas: program.eolas.slice(1) },
              }
        case 2: {
          const [first] = program.eolas
          return first === undefined
            ? null
            : {
                mutation: 'addEola',
                expected: 'EolaCount',
                program: {
                  ...program,
                  eolas: [...program.eolas, { ...first, id: `${first.id}-extra` }],
                },
              }
        }
        case 3:
          return {
            mutation: 'extraModule',
            expected: 'ModuleCount',
            program: {
              ...program,
              courses: program.courses.map((c, i) =>
                i === course
                  ? {
                      ...c,
                      modules: [
                        ...c.modules,
                        {
                          id: `${c.id}-extra`,
                          title: 'Extra',
                          hours: { faceToFace: 0, online: 0, homework: 0 },
                        },
                      ],
                    }
                  : c,
              ),
            },
          }
        default:
          return n === 0
            ? null
            : {
                mutation: 'dropCourse',
                expected: 'CourseCount',
                program: { ...program, courses: program.courses.filter((_, i) => i !== course) },
              }
      }
    })
    .filter((m): m is ProgramMutation => m !== null)
}

/**
 * Other districts' policies: one to four courses of one to three modules, hours in quarter,
 * half or whole hours, EOLA counts that every course's minimum allows, with or without a
 * capstone, some taking `http:` links. Every one passes `validatePolicy`, so every one can be
 * earned: a required capstone documents an EOLA, so a policy that requires one has at least one
 * EOLA; at least one attempt is allowed; a record can carry at least one increment; course hours
 * are whole increments.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StructuralPolicy, validatePolicy } from 'microcred'
 * import { policyArbitrary } from 'microcred/testing'
 * for (const policy of fc.sample(policyArbitrary(), 20)) {
 *   assert.ok(StructuralPolicy.is(policy))
 *   assert.ok(E.isRight(validatePolicy(policy)))
 *   assert.ok(!policy.capstoneRequired || policy.eolas.count > 0)
 * }
 */
export const policyArbitrary = (): fc.Arbitrary<StructuralPolicy> =>
  fc
    .record({
      increment: fc.constantFrom(0.25, 0.5, 1),
      courses: fc.array(
        fc.record({
          modules: fc.integer({ min: 1, max: 3 }),
          units: fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 60 }), fc.nat({ max: 60 })),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      minPerCourse: fc.integer({ min: 0, max: 2 }),
      extraEolas: fc.nat({ max: 3 }),
      capstoneRequired: fc.boolean(),
      maxAttempts: fc.integer({ min: 1, max: 4 }),
      salaryPoints: fc.integer({ min: 0, max: 6 }),
      allowHttpUrls: fc.boolean(),
    })
    .map(({ increment, courses, minPerCourse, extraEolas, allowHttpUrls, ...rest }) => {
      const count = courses.length * minPerCourse + extraEolas
      const policy: StructuralPolicy = {
        name: 'Generated district',
        courses: courses.map(({ modules, units: [f, o, h] }, i) => ({
          title: `Course ${i + 1}`,
          modules,
          hours: { faceToFace: f * increment, online: o * increment, homework: h * increment },
        })),
        // The capstone documents the enactment of an EOLA that meets: without one, no program
        // under the policy could be earned.
        eolas: { count: rest.capstoneRequired ? Math.max(1, count) : count, minPerCourse },
        hoursPerRecord: { increment, max: 12 },
        ...rest,
      }
      // Present only when set, as a district writes it.
      return allowHttpUrls ? { ...policy, allowHttpUrls } : policy
    })
