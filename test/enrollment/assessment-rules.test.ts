/**
 * The assessment rules on their own: business days and the grading due date, the deterministic
 * second-scoring sample, what a score decides, attempts after a coaching conversation, the
 * pseudonym.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addBusinessDays,
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
