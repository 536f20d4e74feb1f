/**
 * Checking a program against a district's policy, reporting every violation at once.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'
import type * as t from 'io-ts'
import { decodeIssues, Id, isWebUrl, quoted } from '../codec.js'
import { isMultipleOf, modeLabel, modes, totalHours, type HoursByMode } from '../hours.js'
import { lausdPolicy, validatePolicy, type StructuralPolicy } from '../policy.js'
import { Program } from './program.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What kind of rule a program breaks. */
export type ProgramErrorTag =
  | 'InvalidPolicy'
  | 'InvalidShape'
  | 'InvalidId'
  | 'InsecureUrl'
  | 'CourseCount'
  | 'ModuleCount'
  | 'CourseHours'
  | 'HoursIncrement'
  | 'DuplicateId'
  | 'EolaCount'
  | 'EolaCourse'
  | 'CourseEolas'
  | 'Rubric'
  | 'SalaryPoints'
  | 'CapstoneMissing'

/**
 * One way a program breaks its shape or the policy: where (a dotted path into the program) and
 * a message with the numbers involved.
 */
export interface ProgramError {
  readonly _tag: ProgramErrorTag
  readonly path: string
  readonly message: string
}

const error = (_tag: ProgramErrorTag, path: string, message: string): ProgramError => ({
  _tag,
  path,
  message,
})

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

const courseRules = (program: Program, policy: StructuralPolicy): ProgramError[] => {
  const rules = policy.courses
  if (program.courses.length !== rules.length) {
    return [
      error(
        'CourseCount',
        'courses',
        `the program has ${plural(program.courses.length, 'course')}; the policy requires ${rules.length}`,
      ),
    ]
  }
  return program.courses.flatMap((course, i) => {
    const rule = rules[i]
    if (rule === undefined) return []
    const errors: ProgramError[] = []
    if (course.modules.length !== rule.modules) {
      errors.push(
        error(
          'ModuleCount',
          `courses.${i}.modules`,
          `course '${course.id}' has ${plural(course.modules.length, 'module')}; the policy requires ${rule.modules}`,
        ),
      )
    }
    for (const mode of modes) {
      const hours = course.modules.reduce((sum, module) => sum + module.hours[mode], 0)
      if (hours !== rule.hours[mode]) {
        errors.push(
          error(
            'CourseHours',
            `courses.${i}.modules`,
            `course '${course.id}' has ${hours} ${modeLabel(mode)} hours in its modules; the policy requires ${rule.hours[mode]}`,
          ),
        )
      }
    }
    return errors
  })
}

const incrementRules = (program: Program, policy: StructuralPolicy): ProgramError[] => {
  const increment = policy.hoursPerRecord.increment
  return program.courses.flatMap((course, i) =>
    course.modules.flatMap((module, j) =>
      modes
        .filter((mode) => !isMultipleOf(module.hours[mode], increment))
        .map((mode) =>
          error(
            'HoursIncrement',
            `courses.${i}.modules.${j}.hours.${mode}`,
            `module '${module.id}' has ${module.hours[mode]} ${modeLabel(mode)} hours; hours must be whole multiples of ${increment}`,
          ),
        ),
    ),
  )
}

const duplicates = (ids: ReadonlyArray<string>): string[] => [
  ...new Set(ids.filter((id, i) => ids.indexOf(id) !== i)),
]

const uniquenessRules = (program: Program): ProgramError[] => {
  const modules = program.courses.flatMap((course) => course.modules)
  const groups: Array<[string, string, ReadonlyArray<string>]> = [
    ['courses', 'course', program.courses.map((c) => c.id)],
    ['courses', 'module', modules.map((m) => m.id)],
    ['eolas', 'EOLA', program.eolas.map((e) => e.id)],
    ...program.eolas.map((eola, i): [string, string, ReadonlyArray<string>] => [
      `eolas.${i}.rubric`,
      `criterion of EOLA '${eola.id}'`,
      eola.rubric.map((c) => c.id),
    ]),
  ]
  return groups.flatMap(([path, what, ids]) =>
    duplicates(ids).map((id) =>
      error('DuplicateId', path, `${what} id '${id}' is used more than once; ids must be unique`),
    ),
  )
}

const eolaRules = (program: Program, policy: StructuralPolicy): ProgramError[] => {
  const errors: ProgramError[] = []
  const { count, minPerCourse } = policy.eolas
  if (program.eolas.length !== count) {
    errors.push(
      error(
        'EolaCount',
        'eolas',
        `the program has ${plural(program.eolas.length, 'EOLA')}; the policy requires ${count}`,
      ),
    )
  }
  const courseIds = new Set(program.courses.map((course) => course.id))
  program.eolas.forEach((eola, i) => {
    if (!courseIds.has(eola.courseId)) {
      errors.push(
        error(
          'EolaCourse',
          `eolas.${i}.courseId`,
          `EOLA '${eola.id}' belongs to course '${eola.courseId}', which the program does not have`,
        ),
      )
    }
    if (eola.rubric.length === 0) {
      errors.push(error('Rubric', `eolas.${i}.rubric`, `EOLA '${eola.id}' has an empty rubric`))
    }
    eola.rubric.forEach((criterion, j) => {
      if (criterion.meetsAt > criterion.maxScore) {
        errors.push(
          error(
            'Rubric',
            `eolas.${i}.rubric.${j}`,
            `criterion '${criterion.id}' of EOLA '${eola.id}' meets at ${criterion.meetsAt}, above its maximum score ${criterion.maxScore}`,
          ),
        )
      }
    })
  })
  program.courses.forEach((course, i) => {
    const n = program.eolas.filter((eola) => eola.courseId === course.id).length
    if (n < minPerCourse) {
      errors.push(
        error(
          'CourseEolas',
          `courses.${i}`,
          `course '${course.id}' has ${plural(n, 'EOLA')}; the policy requires at least ${minPerCourse}`,
        ),
      )
    }
  })
  return errors
}

const creditRules = (program: Program, policy: StructuralPolicy): ProgramError[] => {
  const errors: ProgramError[] = []
  if (program.salaryPoints !== policy.salaryPoints) {
    errors.push(
      error(
        'SalaryPoints',
        'salaryPoints',
        `the program grants ${program.salaryPoints} salary points; the policy grants ${policy.salaryPoints}`,
      ),
    )
  }
  if (policy.capstoneRequired && program.capstone === undefined) {
    errors.push(
      error('CapstoneMissing', 'capstone', 'the program has no capstone; the policy requires one'),
    )
  }
  return errors
}

const urlRules = (program: Program, policy: StructuralPolicy): ProgramError[] => {
  const allowHttp = policy.allowHttpUrls === true
  const links: Array<[string, string]> = [
    ...program.standards.map((standard, i): [string, string] => [
      `standards.${i}.targetUrl`,
      standard.targetUrl,
    ]),
    ['badge.imageUrl', program.badge.imageUrl],
  ]
  return links
    .filter(([, url]) => !isWebUrl(url, { allowHttp }))
    .map(([path, url]) =>
      error(
        'InsecureUrl',
        path,
        `the link ${quoted(url, 100)} is http:; the policy takes https: links only (allowHttpUrls would take http:)`,
      ),
    )
}

/** At most this many shape errors are reported for one program. */
const maxShapeErrors = 50

/**
 * The errors of a program that does not decode: `InvalidId` where an id breaks the id rule
 * (`idProblem`), `InvalidShape` elsewhere.
 */
const shapeErrors = (errors: t.Errors): NonEmptyArray<ProgramError> => {
  const seen = new Set<string>()
  const found: ProgramError[] = []
  for (const decodeError of errors) {
    if (found.length === maxShapeErrors) break
    const [issue] = decodeIssues([decodeError])
    if (issue === undefined) continue
    const last = decodeError.context[decodeError.context.length - 1]
    const tag =
      last?.type === Id && decodeError.message !== undefined ? 'InvalidId' : 'InvalidShape'
    const key = `${tag}\u0000${issue.path}\u0000${issue.message}`
    if (seen.has(key)) continue
    seen.add(key)
    found.push(error(tag, issue.path, issue.message))
  }
  return found as NonEmptyArray<ProgramError>
}

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

/**
 * Decodes `input` as a `Program` and checks it against `policy` (Los Angeles Unified's by
 * default), returning the program or every violation found, each with its path and numbers.
 * A policy under which no program can be earned (`validatePolicy`) is reported first, as
 * `InvalidPolicy` errors at `policy.<path>`, and nothing else is checked. An id that breaks the
 * id rule is an `InvalidId`; an `http:` link where the policy takes `https:` only, `InsecureUrl`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, lausdPolicy, validateProgram } from 'microcred'
 * assert.ok(E.isRight(validateProgram(catalog.steam, lausdPolicy)))
 * const short = { ...catalog.steam, eolas: catalog.steam.eolas.slice(1) }
 * const result = validateProgram(short)
 * assert.ok(E.isLeft(result))
 * assert.deepEqual(result.left[0], {
 *   _tag: 'EolaCount',
 *   path: 'eolas',
 *   message: 'the program has 4 EOLAs; the policy requires 5',
 * })
 */
export const validateProgram = (
  input: unknown,
  policy: StructuralPolicy = lausdPolicy,
): E.Either<NonEmptyArray<ProgramError>, Program> => {
  const policyChecked = validatePolicy(policy)
  if (E.isLeft(policyChecked)) {
    const [first, ...rest] = policyChecked.left.map((policyError) =>
      error(
        'InvalidPolicy',
        policyError.path === '(root)' ? 'policy' : `policy.${policyError.path}`,
        `the policy: ${policyError.message}`,
      ),
    )
    return E.left([first as ProgramError, ...rest])
  }
  const decoded = Program.decode(input)
  if (E.isLeft(decoded)) return E.left(shapeErrors(decoded.left))
  const program = decoded.right
  const errors = [
    ...urlRules(program, policy),
    ...courseRules(program, policy),
    ...incrementRules(program, policy),
    ...uniquenessRules(program),
    ...eolaRules(program, policy),
    ...creditRules(program, policy),
  ]
  const [first, ...rest] = errors
  return first === undefined ? E.right(program) : E.left([first, ...rest])
}

/**
 * The hours a program's modules carry in all, by mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, programHours } from 'microcred'
 * assert.deepEqual(programHours(catalog.steam), { faceToFace: 30, online: 45, homework: 30 })
 */
export const programHours = (program: Program): HoursByMode => {
  const sum = { faceToFace: 0, online: 0, homework: 0 }
  for (const course of program.courses) {
    for (const module of course.modules) {
      for (const mode of modes) sum[mode] += module.hours[mode]
    }
  }
  return sum
}

/**
 * The total hours of a program.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, programTotalHours } from 'microcred'
 * assert.equal(programTotalHours(catalog.steam), 105)
 */
export const programTotalHours = (program: Program): number => totalHours(programHours(program))
