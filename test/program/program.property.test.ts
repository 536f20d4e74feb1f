import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  lausdPolicy,
  modes,
  policyHours,
  programHours,
  StructuralPolicy,
  validateProgram,
} from '../../src/index.js'
import {
  policyArbitrary,
  programArbitrary,
  programMutationArbitrary,
} from '../../src/testing/index.js'

describe('programs generated for a policy', () => {
  it('validate under lausdPolicy with 105 hours (30/45/30; 12/18/10, 12/18/10, 6/9/10) and five EOLAs', () => {
    fc.assert(
      fc.property(programArbitrary(lausdPolicy), (program) => {
        expect(E.isRight(validateProgram(program, lausdPolicy))).toBe(true)
        expect(programHours(program)).toEqual({ faceToFace: 30, online: 45, homework: 30 })
        const byCourse = program.courses.map((course) =>
          modes.map((mode) => course.modules.reduce((sum, m) => sum + m.hours[mode], 0)),
        )
        expect(byCourse).toEqual([
          [12, 18, 10],
          [12, 18, 10],
          [6, 9, 10],
        ])
        expect(program.courses.map((course) => course.modules.length)).toEqual([2, 2, 2])
        expect(program.eolas).toHaveLength(5)
      }),
    )
  })

  it('validate under any other policy, and match its hours', () => {
    fc.assert(
      fc.property(
        policyArbitrary().chain((policy) =>
          fc.tuple(fc.constant(policy), programArbitrary(policy)),
        ),
        ([policy, program]) => {
          expect(StructuralPolicy.is(policy)).toBe(true)
          const result = validateProgram(program, policy)
          expect(E.isRight(result) ? [] : result.left).toEqual([])
          expect(programHours(program)).toEqual(policyHours(policy))
          expect(program.eolas).toHaveLength(policy.eolas.count)
        },
      ),
    )
  })
})

describe('programs mutated away from the policy', () => {
  it('are rejected with the matching error', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(programMutationArbitrary(lausdPolicy), ({ program, expected, mutation }) => {
        seen.add(mutation)
        const result = validateProgram(program, lausdPolicy)
        expect(E.isLeft(result)).toBe(true)
        if (E.isLeft(result)) {
          expect(result.left.map((error) => error._tag)).toContain(expected)
          for (const error of result.left) expect(error.message.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 300 },
    )
    expect([...seen].sort()).toEqual([
      'addEola',
      'dropCourse',
      'dropEola',
      'extraModule',
      'moveHour',
    ])
  })

  it('are rejected under other policies too', () => {
    fc.assert(
      fc.property(
        policyArbitrary().chain((policy) =>
          fc.tuple(fc.constant(policy), programMutationArbitrary(policy)),
        ),
        ([policy, { program, expected }]) => {
          const result = validateProgram(program, policy)
          expect(E.isLeft(result) && result.left.some((error) => error._tag === expected)).toBe(
            true,
          )
        },
      ),
    )
  })

  it('names the course, the mode and both numbers when an hour moves between courses', () => {
    const moved = {
      ...catalog.steam,
      courses: catalog.steam.courses.map((course, i) => {
        const [first, ...rest] = course.modules
        if (first === undefined || i > 1) return course
        const online = first.hours.online + (i === 0 ? 1 : -1)
        return { ...course, modules: [{ ...first, hours: { ...first.hours, online } }, ...rest] }
      }),
    }
    const result = validateProgram(moved, lausdPolicy)
    expect(
      E.isLeft(result) && result.left.map((error) => [error._tag, error.path, error.message]),
    ).toEqual([
      [
        'CourseHours',
        'courses.0.modules',
        "course 'foundations-access' has 19 online hours in its modules; the policy requires 18",
      ],
      [
        'CourseHours',
        'courses.1.modules',
        "course 'curriculum-instruction-assessment' has 17 online hours in its modules; the policy requires 18",
      ],
    ])
  })
})
