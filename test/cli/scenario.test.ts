/**
 * The demo's scenario: deterministic, in time order, and the same story for any cohort size.
 * (examples.test.ts checks the numbers of the thirty-educator story.)
 */
import { describe, expect, it } from 'vitest'
import { cohortScenario, storyLength } from '../../src/index.js'
import { fakeCli } from './fake-environment.js'

describe('cohortScenario', () => {
  it('is deterministic', () => {
    expect(cohortScenario({ educators: 12 })).toEqual(cohortScenario({ educators: 12 }))
  })

  it('tells thirty educators by default, in time order, with unique command ids', () => {
    const { enrollments, steps } = cohortScenario()
    expect(enrollments).toHaveLength(storyLength)
    const times = steps.map((step) => step.context.at)
    expect(times).toEqual([...times].sort())
    expect(times.every((at) => new Date(at).toISOString() === at.replace('Z', '.000Z'))).toBe(true)
    const ids = steps.map((step) => step.context.commandId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids[0]).toBe('steam-2026-27-cmd-00001')
  })

  it('names every enrollment after its cohort, once each, also past thirty', () => {
    const { enrollments } = cohortScenario({ educators: 95, cohortId: 'c' })
    expect(enrollments[0]).toEqual({ enrollmentId: 'c-01', name: 'Maria Lopez' })
    expect(enrollments[94]?.enrollmentId).toBe('c-95')
    expect(new Set(enrollments.map((e) => e.enrollmentId)).size).toBe(95)
    expect(new Set(enrollments.map((e) => e.name)).size).toBe(95)
  })

  it('shows the two refusals once, however large the cohort', () => {
    const expected = (educators: number) =>
      cohortScenario({ educators }).steps.flatMap((step) => step.expect ?? [])
    expect(expected(30)).toEqual(['InvalidHours', 'NotAuthorized'])
    expect(expected(95)).toEqual(['InvalidHours', 'NotAuthorized'])
    expect(expected(1)).toEqual(['NotAuthorized'])
  })
})

describe('a cohort larger than the story repeats it', () => {
  it('65 educators through the handler: two withdraw, four stay active, the rest earn', async () => {
    const { run } = fakeCli()
    const { code, out } = await run('demo', '--educators', '65', '--store', 'big')
    expect(code).toBe(0)
    expect(out).toMatch(/Enrolled +│ 65 /)
    expect(out).toMatch(/Earned +│ 59 /)
    expect(out).toMatch(/Active +│ 4 /)
    expect(out).toMatch(/Withdrawn +│ 2 /)
    expect(out).toMatch(/Salary points granted +│ 177 /)
  }, 30_000)
})
