import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  Program,
  catalog,
  catalogPrograms,
  lausdPolicy,
  policyHours,
  programHours,
  programTotalHours,
  totalHours,
  validateProgram,
} from '../../src/index.js'

const keys = [
  'steam',
  'englishLearner',
  'readingSpecialist',
  'dualLanguage',
  'earlyChildhood',
  'equitableGrading',
  'antiRacist',
] as const

const titles = [
  'STEAM',
  'TK-12 English Learner',
  'Reading Specialist: Early Literacy Foundations',
  'Dual Language Education',
  'Early Childhood Development',
  'Equitable Grading and Instruction',
  'Anti-Racist Instruction',
]

const courses = [
  { id: 'foundations-access', title: 'Foundations and Access', hours: [12, 18, 10] },
  {
    id: 'curriculum-instruction-assessment',
    title: 'Curriculum, Instruction, and Assessment',
    hours: [12, 18, 10],
  },
  { id: 'leadership-capstone', title: 'Leadership and Capstone', hours: [6, 9, 10] },
]

const isHttps = (url: string) => new URL(url).protocol === 'https:'
const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/

describe('catalog', () => {
  it('has exactly the seven LAUSD programs, by key and in catalogPrograms order', () => {
    expect(Object.keys(catalog)).toEqual(keys)
    expect(catalogPrograms).toHaveLength(7)
    expect(catalogPrograms).toEqual(keys.map((key) => catalog[key]))
    expect(catalogPrograms.map((p) => p.title)).toEqual(titles)
  })

  it('gives every program a unique kebab-case id, at version 1', () => {
    const ids = catalogPrograms.map((p) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const p of catalogPrograms) {
      expect(p.id).toMatch(kebab)
      expect(p.version).toBe(1)
    }
    expect(catalog.steam.id).toBe('steam')
    expect(catalog.englishLearner.id).toBe('tk12-english-learner')
  })

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(catalog)).toBe(true)
    expect(Object.isFrozen(catalogPrograms)).toBe(true)
    for (const p of catalogPrograms) {
      expect(Object.isFrozen(p)).toBe(true)
      expect(Object.isFrozen(p.eolas)).toBe(true)
      expect(Object.isFrozen(p.courses[0]?.modules[0]?.hours)).toBe(true)
    }
  })
})

describe.each(catalogPrograms.map((p) => [p.title, p] as const))('%s', (_title, program) => {
  it('decodes as a Program and passes validateProgram under lausdPolicy', () => {
    expect(Program.is(program)).toBe(true)
    const result = validateProgram(program, lausdPolicy)
    expect(E.isRight(result) ? [] : result.left).toEqual([])
    expect(result).toEqual(E.right(program))
  })

  it('has the three LAUSD courses of two modules with 12/18/10, 12/18/10 and 6/9/10 hours', () => {
    expect(program.courses.map((c) => c.id)).toEqual(courses.map((c) => c.id))
    expect(program.courses.map((c) => c.title)).toEqual(lausdPolicy.courses.map((c) => c.title))
    program.courses.forEach((course, i) => {
      expect(course.title).toBe(courses[i]?.title)
      expect(course.modules).toHaveLength(2)
      const sum = (mode: 'faceToFace' | 'online' | 'homework') =>
        course.modules.reduce((total, m) => total + m.hours[mode], 0)
      expect([sum('faceToFace'), sum('online'), sum('homework')]).toEqual(courses[i]?.hours)
    })
    expect(programHours(program)).toEqual({ faceToFace: 30, online: 45, homework: 30 })
    expect(programHours(program)).toEqual(policyHours(lausdPolicy))
    expect(programTotalHours(program)).toBe(105)
  })

  it('gives modules unique ids, program-specific titles and quarter-hour splits', () => {
    const modules = program.courses.flatMap((c) => c.modules)
    expect(new Set(modules.map((m) => m.id)).size).toBe(6)
    expect(new Set(modules.map((m) => m.title)).size).toBe(6)
    for (const m of modules) {
      expect(m.id).toMatch(kebab)
      for (const hours of [m.hours.faceToFace, m.hours.online, m.hours.homework]) {
        expect(Number.isInteger(hours * 4)).toBe(true)
        expect(hours).toBeGreaterThan(0)
      }
    }
  })

  it('has five EOLAs with guides and 3-4 criterion rubrics, every course with at least one', () => {
    expect(program.eolas).toHaveLength(5)
    expect(new Set(program.eolas.map((e) => e.id)).size).toBe(5)
    for (const course of courses) {
      expect(program.eolas.filter((e) => e.courseId === course.id).length).toBeGreaterThan(0)
    }
    for (const eola of program.eolas) {
      expect(courses.map((c) => c.id)).toContain(eola.courseId)
      expect(eola.title.trim()).not.toBe('')
      expect(eola.guide.length).toBeGreaterThan(150)
      expect(eola.guide).toMatch(/\bSubmit\b/)
      expect(eola.rubric.length).toBeGreaterThanOrEqual(3)
      expect(eola.rubric.length).toBeLessThanOrEqual(4)
      expect(new Set(eola.rubric.map((c) => c.id)).size).toBe(eola.rubric.length)
      for (const criterion of eola.rubric) {
        expect(criterion.id).toMatch(kebab)
        expect(criterion.description.trim()).not.toBe('')
        expect(criterion.maxScore).toBe(4)
        expect(criterion.meetsAt).toBeGreaterThan(0)
        expect(criterion.meetsAt).toBeLessThanOrEqual(criterion.maxScore)
      }
    }
  })

  it('aligns to 2-4 standards with https URLs and no undefined optional fields', () => {
    expect(program.standards.length).toBeGreaterThanOrEqual(2)
    expect(program.standards.length).toBeLessThanOrEqual(4)
    for (const standard of program.standards) {
      expect(standard.targetName.trim()).not.toBe('')
      expect(isHttps(standard.targetUrl)).toBe(true)
      for (const value of Object.values(standard)) expect(value).toBeTypeOf('string')
    }
  })

  it('states its Professional Learning Plan: 3-5 knowledge, skills and dispositions', () => {
    for (const list of [program.knowledge, program.skills, program.dispositions]) {
      expect(list.length).toBeGreaterThanOrEqual(3)
      expect(list.length).toBeLessThanOrEqual(5)
      expect(new Set(list).size).toBe(list.length)
    }
  })

  it('has a capstone, 3 salary points and the badge text', () => {
    expect(program.capstone?.description).toMatch(/enactment of one of your Evidence of Learning/)
    expect(program.capstone?.description).toMatch(/next steps/)
    expect(program.salaryPoints).toBe(3)
    expect(program.salaryPoints).toBe(lausdPolicy.salaryPoints)
    expect(program.badge.name).toBe(`LAUSD ${program.title} Micro-Credential`)
    expect(program.badge.description).toContain('Los Angeles Unified')
    expect(program.badge.criteria).toContain('105 hours')
    expect(program.badge.criteria).toContain('30 hours face-to-face')
    expect(program.badge.criteria).toContain('45 hours online')
    expect(program.badge.criteria).toContain('30 hours of homework')
    expect(program.badge.criteria).toContain('five Evidence of Learning Artifacts')
    expect(program.badge.criteria).toContain('capstone')
    expect(program.badge.imageUrl).toBe(
      `https://achieve.lausd.net/microcred/badges/${program.id}.png`,
    )
    expect(isHttps(program.badge.imageUrl)).toBe(true)
  })
})

describe('the catalog as a whole', () => {
  it('uses no module or EOLA id twice across programs', () => {
    const moduleIds = catalogPrograms.flatMap((p) =>
      p.courses.flatMap((c) => c.modules.map((m) => m.id)),
    )
    const eolaIds = catalogPrograms.flatMap((p) => p.eolas.map((e) => e.id))
    expect(new Set(moduleIds).size).toBe(7 * 6)
    expect(new Set(eolaIds).size).toBe(7 * 5)
  })

  it('matches the policy totals: 105 hours each, 735 in all', () => {
    expect(totalHours(policyHours(lausdPolicy))).toBe(105)
    expect(catalogPrograms.reduce((sum, p) => sum + programTotalHours(p), 0)).toBe(735)
  })

  it('rejects a catalog program that breaks the policy, naming the rule', () => {
    const short = { ...catalog.steam, eolas: catalog.steam.eolas.slice(1) }
    const result = validateProgram(short, lausdPolicy)
    expect(E.isLeft(result)).toBe(true)
    if (E.isLeft(result)) {
      expect(result.left.map((e) => e._tag)).toContain('EolaCount')
    }
  })
})
