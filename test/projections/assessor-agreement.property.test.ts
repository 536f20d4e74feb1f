/**
 * Agreement between assessors: percent agreement and Cohen's kappa as properties (kappa of
 * identical ratings is 1 when they vary; both are symmetric in the pair; agreement is in [0, 1],
 * kappa at most 1) and a worked example checked against a hand computation.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assessorAgreement,
  cohensKappa,
  defaultAgreementThreshold,
  percentAgreement,
  type RatingPair,
} from '../../src/index.js'

const outcome = fc.constantFrom('meets', 'revise')
const pairs = fc.array(fc.tuple(outcome, outcome), { minLength: 1, maxLength: 40 })
const swapped = (ratings: ReadonlyArray<RatingPair>): RatingPair[] =>
  ratings.map(([a, b]) => [b, a])

describe('percent agreement and kappa', () => {
  it('kappa of identical ratings is 1 when there is variation; undefined when there is none', () => {
    fc.assert(
      fc.property(fc.array(outcome, { minLength: 1, maxLength: 40 }), (ratings) => {
        const same = ratings.map((r): RatingPair => [r, r])
        expect(percentAgreement(same)).toBe(1)
        if (new Set(ratings).size > 1) expect(cohensKappa(same)).toBeCloseTo(1, 12)
        else expect(cohensKappa(same)).toBeNull()
      }),
      { numRuns: 200 },
    )
  })

  it('both are symmetric in the pair', () => {
    fc.assert(
      fc.property(pairs, (ratings) => {
        expect(percentAgreement(swapped(ratings))).toBe(percentAgreement(ratings))
        const kappa = cohensKappa(ratings)
        const back = cohensKappa(swapped(ratings))
        if (kappa === null) expect(back).toBeNull()
        else expect(back).toBeCloseTo(kappa, 12)
      }),
      { numRuns: 200 },
    )
  })

  it('agreement is in [0, 1]; kappa at most 1 and 1 only when all agree', () => {
    fc.assert(
      fc.property(pairs, (ratings) => {
        const agreement = percentAgreement(ratings) ?? NaN
        expect(agreement).toBeGreaterThanOrEqual(0)
        expect(agreement).toBeLessThanOrEqual(1)
        const kappa = cohensKappa(ratings)
        if (kappa !== null) {
          expect(kappa).toBeLessThanOrEqual(1 + 1e-12)
          if (kappa > 1 - 1e-9) expect(agreement).toBe(1)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('complete disagreement with balanced raters has kappa -1', () => {
    const ratings: RatingPair[] = [
      ['meets', 'revise'],
      ['revise', 'meets'],
    ]
    expect(percentAgreement(ratings)).toBe(0)
    expect(cohensKappa(ratings)).toBeCloseTo(-1, 12)
    expect(percentAgreement([])).toBeNull()
    expect(cohensKappa([])).toBeNull()
  })
})

describe('assessor agreement', () => {
  /**
   * A hand computation. Ana and Ben doubly scored 10 attempts:
   *
   * |            | Ben meets | Ben revise |
   * |------------|-----------|------------|
   * | Ana meets  | 5         | 1          |
   * | Ana revise | 2         | 2          |
   *
   * p_o = (5 + 2) / 10 = 0.7. Ana says meets 6/10, Ben 7/10:
   * p_e = 0.6 × 0.7 + 0.4 × 0.3 = 0.42 + 0.12 = 0.54; kappa = (0.7 − 0.54) / (1 − 0.54) = 0.16 / 0.46
   * = 0.347826...
   *
   * Cleo adjudicated the 3 disputed attempts (Ana meets / Ben revise once, Ana revise / Ben meets
   * twice), saying revise, revise, meets: siding with Ben twice and with Ana once, so with
   * Ana she agrees on 1 of 3, with Ben on 2 of 3. Pooled: Ana 7 + 1 = 8 of 13 (0.615), Ben 7 + 2 =
   * 9 of 13 (0.692), Cleo 3 of 6 (0.5): all below 0.8, flagged.
   */
  const item = (...scores: Array<[string, string]>) => ({
    scores: scores.map(([assessorId, outcome]) => ({ assessorId, outcome })),
  })
  const items = [
    ...Array.from({ length: 5 }, () => item(['ana', 'meets'], ['ben', 'meets'])),
    item(['ana', 'meets'], ['ben', 'revise'], ['cleo', 'revise']),
    item(['ben', 'meets'], ['ana', 'revise'], ['cleo', 'revise']),
    item(['ana', 'revise'], ['ben', 'meets'], ['cleo', 'meets']),
    ...Array.from({ length: 2 }, () => item(['ana', 'revise'], ['ben', 'revise'])),
  ]

  it('matches the hand computation', () => {
    const report = assessorAgreement(items)
    expect(report.threshold).toBe(defaultAgreementThreshold)
    expect(report.pairs.map((p) => [p.assessorA, p.assessorB, p.attempts])).toEqual([
      ['ana', 'ben', 10],
      ['ana', 'cleo', 3],
      ['ben', 'cleo', 3],
    ])
    const [anaBen, anaCleo, benCleo] = report.pairs
    expect(anaBen?.percentAgreement).toBeCloseTo(0.7, 12)
    expect(anaBen?.kappa).toBeCloseTo(0.16 / 0.46, 12)
    expect(anaCleo?.percentAgreement).toBeCloseTo(1 / 3, 12)
    expect(benCleo?.percentAgreement).toBeCloseTo(2 / 3, 12)
    expect(report.assessors.map((a) => [a.assessorId, a.comparisons, a.flagged])).toEqual([
      ['ana', 13, true],
      ['ben', 13, true],
      ['cleo', 6, true],
    ])
    expect(report.assessors[0]?.percentAgreement).toBeCloseTo(8 / 13, 12)
    expect(report.assessors[1]?.percentAgreement).toBeCloseTo(9 / 13, 12)
    expect(report.assessors[2]?.percentAgreement).toBeCloseTo(0.5, 12)
  })

  it('flags by the threshold given', () => {
    const lenient = assessorAgreement(items, 0.6)
    expect(lenient.assessors.map((a) => [a.assessorId, a.flagged])).toEqual([
      ['ana', false],
      ['ben', false],
      ['cleo', true],
    ])
  })

  it('is the same whichever order the assessors scored in, and in [0, 1]', () => {
    const scored = fc.array(
      fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), outcome), {
        minLength: 2,
        maxLength: 3,
        selector: ([id]) => id,
      }),
      { maxLength: 30 },
    )
    fc.assert(
      fc.property(scored, (attempts) => {
        const forward = assessorAgreement(attempts.map((s) => item(...s)))
        const backward = assessorAgreement(attempts.map((s) => item(...[...s].reverse())))
        expect(backward).toEqual(forward)
        for (const pair of forward.pairs) {
          expect(pair.assessorA < pair.assessorB).toBe(true)
          expect(pair.percentAgreement).toBeGreaterThanOrEqual(0)
          expect(pair.percentAgreement).toBeLessThanOrEqual(1)
        }
        for (const a of forward.assessors) {
          expect(a.flagged).toBe(a.percentAgreement < 0.8)
        }
      }),
      { numRuns: 100 },
    )
  })
})
