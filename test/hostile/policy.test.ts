/**
 * Issue 12, item 12: a policy under which no program can be earned (no attempt allowed, a
 * required capstone with no EOLA to enact, a record smaller than one increment, hours no module
 * can carry, more EOLAs required per course than in all, numbers that are not finite) is refused
 * by `validatePolicy`, by `validateProgram` (`InvalidPolicy` errors) and by `decide` (an
 * `InvalidPolicy` error), on every store with nothing written. Every generated policy passes, and
 * every program generated for it validates.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  enrollmentDecider,
  lausdPolicy,
  validatePolicy,
  validateProgram,
  type StructuralPolicy,
} from 'microcred'
import { policyArbitrary, programArbitrary } from 'microcred/testing'
import { admin, enroll, fixtureOn } from './enrolled.js'
import { storeKinds } from './stores.js'

const impossible: ReadonlyArray<[string, unknown, string, string]> = [
  ['no attempt', { ...lausdPolicy, maxAttempts: 0 }, 'InvalidShape', 'maxAttempts'],
  ['a fraction of an attempt', { ...lausdPolicy, maxAttempts: 1.5 }, 'InvalidShape', 'maxAttempts'],
  ['NaN attempts', { ...lausdPolicy, maxAttempts: Number.NaN }, 'InvalidShape', 'maxAttempts'],
  [
    'a capstone and no EOLA',
    { ...lausdPolicy, eolas: { count: 0, minPerCourse: 0 } },
    'CapstoneWithoutEolas',
    'eolas.count',
  ],
  [
    'an increment larger than a record',
    { ...lausdPolicy, hoursPerRecord: { increment: 4, max: 2 } },
    'HoursPerRecord',
    'hoursPerRecord',
  ],
  [
    'course hours that are not whole increments',
    {
      ...lausdPolicy,
      hoursPerRecord: { increment: 4, max: 12 },
    },
    'HoursIncrement',
    'courses.0.hours.online',
  ],
  [
    'more EOLAs per course than in all',
    { ...lausdPolicy, eolas: { count: 2, minPerCourse: 1 } },
    'EolaCount',
    'eolas',
  ],
  ['no course', { ...lausdPolicy, courses: [] }, 'NoCourses', 'courses'],
  [
    'infinite hours',
    {
      ...lausdPolicy,
      courses: [
        { ...lausdPolicy.courses[0], hours: { faceToFace: Infinity, online: 0, homework: 0 } },
      ],
    },
    'InvalidShape',
    'courses.0.hours.faceToFace',
  ],
  [
    'NaN salary points',
    { ...lausdPolicy, salaryPoints: Number.NaN },
    'InvalidShape',
    'salaryPoints',
  ],
  [
    'an infinite record',
    { ...lausdPolicy, hoursPerRecord: { increment: 0.25, max: Infinity } },
    'InvalidShape',
    'hoursPerRecord.max',
  ],
  ['a blank name', { ...lausdPolicy, name: ' ' }, 'InvalidShape', 'name'],
  ['not an object', 'lausd', 'InvalidShape', '(root)'],
]

describe('validatePolicy', () => {
  it('passes the Los Angeles policy, and it with http: links allowed', () => {
    expect(validatePolicy(lausdPolicy)).toEqual(E.right(lausdPolicy))
    expect(E.isRight(validatePolicy({ ...lausdPolicy, allowHttpUrls: true }))).toBe(true)
  })

  it.each(impossible)('refuses %s, naming the rule and the path', (_, policy, tag, path) => {
    const result = validatePolicy(policy)
    expect(E.isLeft(result) && result.left.map((error) => [error._tag, error.path])).toContainEqual(
      [tag, path],
    )
  })

  it.each(impossible)(
    'makes validateProgram refuse %s with InvalidPolicy',
    (_, policy, __, path) => {
      const result = validateProgram(catalog.steam, policy as StructuralPolicy)
      expect(
        E.isLeft(result) && result.left.map((error) => [error._tag, error.path]),
      ).toContainEqual(['InvalidPolicy', path === '(root)' ? 'policy' : `policy.${path}`])
    },
  )

  it('passes every generated policy, and every program generated for it validates', () => {
    fc.assert(
      fc.property(
        policyArbitrary().chain((policy) =>
          fc.tuple(fc.constant(policy), programArbitrary(policy)),
        ),
        ([policy, program]) => {
          expect(validatePolicy(policy)).toEqual(E.right(policy))
          expect(validateProgram(program, policy)).toEqual(E.right(program))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('passes every catalog program under the Los Angeles policy', () => {
    for (const program of Object.values(catalog)) {
      expect(validateProgram(program, lausdPolicy)).toEqual(E.right(program))
    }
  })
})

describe.each(storeKinds)('an impossible policy on $name', (kind) => {
  const fixture = fixtureOn(kind, false)

  it.skipIf(kind.skip)('refuses every enrollment with InvalidPolicy, writing nothing', async () => {
    for (const [what, policy, , path] of impossible) {
      const district = enrollmentDecider(policy as StructuralPolicy)
      const error = await fixture.refused('InvalidPolicy', enroll(), admin(), district)
      expect(error.message, what).toContain(`at ${path}: `)
    }
    expect(await fixture.everything()).toEqual([])
  })
})
