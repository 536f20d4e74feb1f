/**
 * The assessment rules on their own: business days and the grading due date, the deterministic
 * second-scoring sample, what a score decides, attempts after a coaching conversation, the
 * pseudonym.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  AssessmentPolicy,
  addBusinessDays,
  assessmentRulesOf,
  attemptsAllowed,
  catalog,
  gradingDueDate,
  isBusinessDay,
  isWithinGradingTarget,
  lausdPolicy,
  nextScore,
  pseudonymOf,
  requirementsOf,
  samplePoint,
  secondScoringApplies,
  validatePolicy,
  type Scoring,
} from '../../src/index.js'

const day = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10))

describe('business days', () => {
  it('adding n business days lands on a business day, n business days on', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 30 }),
        fc.array(day, { maxLength: 5 }),
        (from, n, holidays) => {
          const to = addBusinessDays(from, n, holidays)
          expect(isBusinessDay(to, holidays)).toBe(true)
          let count = 0
          for (let d = addBusinessDays(from, 0); d < to;) {
            const next = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000)
              .toISOString()
              .slice(0, 10)
            if (isBusinessDay(next, holidays)) count += 1
            d = next
          }
          expect(count).toBe(n)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('a week of business days is seven calendar days without holidays', () => {
    fc.assert(
      fc.property(day, (from) => {
        if (!isBusinessDay(from)) return
        const to = addBusinessDays(from, 5)
        expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(7)
      }),
      { numRuns: 100 },
    )
  })

  it('the due date skips weekends and holidays; within target is on or before it (UTC)', () => {
    const calendar = { gradingTargetDays: 3, holidays: ['2026-12-25', '2027-01-01'] }
    expect(gradingDueDate('2026-12-23T20:00:00Z', calendar)).toBe('2026-12-29') // Thu 24, Mon 28, Tue 29
    expect(isWithinGradingTarget('2026-12-23T20:00:00Z', '2026-12-29T23:00:00Z', calendar)).toBe(
      true,
    )
    expect(isWithinGradingTarget('2026-12-23T20:00:00Z', '2026-12-30T01:00:00Z', calendar)).toBe(
      false,
    )
    // An offset is read as the moment it names: 2026-12-23T20:00-08:00 is the 24th in UTC.
    expect(gradingDueDate('2026-12-23T20:00:00-08:00', calendar)).toBe('2026-12-30')
    expect(gradingDueDate('2026-12-23T20:00:00Z', {})).toBeNull()
  })
})

describe("the district's time zone", () => {
  const la = { gradingTargetDays: 1, timeZone: 'America/Los_Angeles' }

  it("a day is the district's calendar day: a Friday evening in Los Angeles is a Friday", () => {
    // 2026-12-05T01:30Z is Friday the 4th, 5:30 pm in Los Angeles (Saturday in UTC).
    expect(gradingDueDate('2026-12-05T01:30:00Z', la)).toBe('2026-12-07') // Monday
    expect(gradingDueDate('2026-12-05T01:30:00Z', { gradingTargetDays: 1 })).toBe('2026-12-07') // from Saturday (UTC)
    expect(gradingDueDate('2026-12-04T01:30:00Z', la)).toBe('2026-12-04') // Thursday evening: due Friday
    expect(gradingDueDate('2026-12-04T01:30:00Z', { gradingTargetDays: 1 })).toBe('2026-12-07')
    // Graded at 11 pm Monday in Los Angeles (Tuesday 07:00 UTC): within the target there.
    expect(isWithinGradingTarget('2026-12-05T01:30:00Z', '2026-12-08T07:00:00Z', la)).toBe(true)
    expect(
      isWithinGradingTarget('2026-12-05T01:30:00Z', '2026-12-08T07:00:00Z', {
        gradingTargetDays: 1,
      }),
    ).toBe(false)
  })

  it('a policy takes an IANA zone and refuses anything else, naming it', () => {
    const ok = AssessmentPolicy.decode({ timeZone: 'America/Los_Angeles' })
    expect(E.isRight(ok)).toBe(true)
    for (const bad of ['Mars/Olympus_Mons', 'PST8PDT; DROP', '', 'x'.repeat(200), '__proto__']) {
      const refused = AssessmentPolicy.decode({ timeZone: bad })
      expect(E.isLeft(refused)).toBe(true)
    }
    const named = validatePolicy({ ...lausdPolicy, assessment: { timeZone: 'Mars/Olympus_Mons' } })
    expect(E.isLeft(named) && named.left[0]).toMatchObject({
      path: 'assessment.timeZone',
      message: 'expected an IANA time zone, such as America/Los_Angeles, got "Mars/Olympus_Mons"',
    })
    const rules = assessmentRulesOf(
      requirementsOf(catalog.steam, {
        ...lausdPolicy,
        assessment: { gradingTargetDays: 2, timeZone: 'America/Los_Angeles' },
      }),
    )
    expect(rules.timeZone).toBe('America/Los_Angeles')
    expect(assessmentRulesOf(requirementsOf(catalog.steam, lausdPolicy)).timeZone).toBe('UTC')
  })
})

describe('second scoring', () => {
  const under = (secondScoring: 'none' | 'all' | { samplePercent: number }) =>
    requirementsOf(catalog.steam, { ...lausdPolicy, assessment: { secondScoring } })

  it('a sample of p% takes the attempts whose stable point is below p, and more as p grows', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 100 }),
        (enrollmentId, attempt, percent) => {
          const point = samplePoint(enrollmentId, 'steam-eola-1', attempt)
          expect(point).toBe(samplePoint(enrollmentId, 'steam-eola-1', attempt))
          const taken = secondScoringApplies(
            under({ samplePercent: percent }),
            enrollmentId,
            'steam-eola-1',
            attempt,
          )
          expect(taken).toBe(point < percent)
          if (taken && percent < 100) {
            expect(
              secondScoringApplies(
                under({ samplePercent: percent + 1 }),
                enrollmentId,
                'steam-eola-1',
                attempt,
              ),
            ).toBe(true)
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('a sample of 30% takes about 30% of 2,000 attempts', () => {
    const requirements = under({ samplePercent: 30 })
    let taken = 0
    for (let i = 0; i < 2000; i++) {
      if (secondScoringApplies(requirements, `enr-${i}`, 'steam-eola-1', 1)) taken += 1
    }
    expect(taken / 2000).toBeGreaterThan(0.25)
    expect(taken / 2000).toBeLessThan(0.35)
  })

  it('an outcome is decided only by agreement of two or by the third', () => {
    const scored = (round: 1 | 2 | 3, outcome: 'meets' | 'revise'): Scoring => ({
      round,
      assessorId: `a-${round}`,
      scores: {},
      outcome,
      feedback: '',
      scoredAt: '2026-10-01T16:00:00Z',
    })
    const outcomes = fc.array(fc.constantFrom<'meets' | 'revise'>('meets', 'revise'), {
      minLength: 1,
      maxLength: 4,
    })
    fc.assert(
      fc.property(outcomes, (given) => {
        const scorings: Scoring[] = []
        let decided: string | null = null
        for (const outcome of given) {
          const next = nextScore(scorings, outcome)
          if (decided !== null) {
            expect(next).toBeUndefined()
            break
          }
          expect(next?.round).toBe(scorings.length + 1)
          if (next?.round === 1) expect(next.decides).toBeNull()
          if (next?.round === 2)
            expect(next.decides).toBe(scorings[0]?.outcome === outcome ? outcome : null)
          if (next?.round === 3) expect(next.decides).toBe(outcome)
          scorings.push(scored(next?.round ?? 1, outcome))
          decided = next?.decides ?? null
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('attempts and pseudonyms', () => {
  it('coaching allows one attempt more, and only where the rules say coaching', () => {
    expect(attemptsAllowed(3, 'final', true)).toBe(3)
    expect(attemptsAllowed(3, 'coaching', false)).toBe(3)
    expect(attemptsAllowed(3, 'coaching', true)).toBe(4)
  })

  it('a pseudonym has its form (Educator and six hex digits) and is stable', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3, maxLength: 40 }), (id) => {
        expect(pseudonymOf(id)).toBe(pseudonymOf(id))
        expect(pseudonymOf(id)).toMatch(/^Educator [0-9A-F]{6}$/)
      }),
      { numRuns: 100 },
    )
  })
})
