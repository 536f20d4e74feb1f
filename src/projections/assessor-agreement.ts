/**
 * Agreement between assessors on the outcomes of doubly scored attempts: for each pair of
 * assessors who scored the same attempts, the share of those attempts on whose outcome they
 * agree (percent agreement) and Cohen's kappa, which discounts the agreement two assessors
 * would reach by chance given how often each says *meets*; and the assessors whose agreement
 * falls below a threshold (0.8 by default), flagged for calibration.
 *
 * Cohen's kappa of `n` paired ratings: `p_o` is the share of pairs that agree; `p_e` is the sum,
 * over the categories, of the product of the two raters' shares of that category; kappa is
 * `(p_o - p_e) / (1 - p_e)`, and undefined (`null`) when `p_e` is 1 (both raters gave one and the
 * same category every time: there is no variation to agree on).
 *
 * @packageDocumentation
 */
import { compareText } from './read-model-helpers.js'

// -------------------------------------------------------------------------------------
// statistics of paired ratings
// -------------------------------------------------------------------------------------

/** Two raters' ratings of the same item. */
export type RatingPair<C extends string = string> = readonly [C, C]

/**
 * The share of pairs whose two ratings agree, from 0 to 1; `null` for no pair.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { percentAgreement } from 'microcred'
 * assert.equal(percentAgreement([['meets', 'meets'], ['meets', 'revise'], ['revise', 'revise'], ['meets', 'meets']]), 0.75)
 * assert.equal(percentAgreement([]), null)
 */
export const percentAgreement = (pairs: ReadonlyArray<RatingPair>): number | null =>
  pairs.length === 0 ? null : pairs.filter(([a, b]) => a === b).length / pairs.length

/**
 * Cohen's kappa of paired ratings (see the module's documentation); `null` for no pair, or when
 * chance agreement is certain (both raters always gave the same one category).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { cohensKappa } from 'microcred'
 * // 10 attempts: both say meets on 4, both revise on 3, A meets and B revise on 2, A revise and B meets on 1.
 * // p_o = 7/10; A says meets 6/10, B 5/10: p_e = 0.6 × 0.5 + 0.4 × 0.5 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
 * const pairs = [
 *   ...Array(4).fill(['meets', 'meets']), ...Array(3).fill(['revise', 'revise']),
 *   ...Array(2).fill(['meets', 'revise']), ['revise', 'meets'],
 * ] as Array<[string, string]>
 * assert.ok(Math.abs((cohensKappa(pairs) ?? NaN) - 0.4) < 1e-12)
 * assert.equal(cohensKappa([['meets', 'meets']]), null) // no variation
 */
export const cohensKappa = (pairs: ReadonlyArray<RatingPair>): number | null => {
  const n = pairs.length
  if (n === 0) return null
  const first = new Map<string, number>()
  const second = new Map<string, number>()
  let agreed = 0
  for (const [a, b] of pairs) {
    first.set(a, (first.get(a) ?? 0) + 1)
    second.set(b, (second.get(b) ?? 0) + 1)
    if (a === b) agreed += 1
  }
  let chance = 0
  for (const [category, count] of first) chance += (count / n) * ((second.get(category) ?? 0) / n)
  const observed = agreed / n
  // Chance agreement is 1 only when both raters gave one and the same category every time.
  if (chance >= 1) return null
  return (observed - chance) / (1 - chance)
}

// -------------------------------------------------------------------------------------
// assessors
// -------------------------------------------------------------------------------------

/** One attempt scored by several assessors: each one's outcome, in the order they scored. */
export interface ScoredItem {
  readonly scores: ReadonlyArray<{ readonly assessorId: string; readonly outcome: string }>
}

/** The agreement of one pair of assessors (`assessorA` before `assessorB` by id). */
export interface PairAgreement {
  readonly assessorA: string
  readonly assessorB: string
  /** Attempts both scored. */
  readonly attempts: number
  /** The share of them on whose outcome they agree, from 0 to 1. */
  readonly percentAgreement: number
  /** Cohen's kappa; `null` when both gave one and the same outcome every time. */
  readonly kappa: number | null
}

/** One assessor's agreement with everyone they were paired with, pooled over their pairs. */
export interface AssessorAgreement {
  readonly assessorId: string
  /** Comparisons: attempts they scored with another assessor, once per other assessor. */
  readonly comparisons: number
  readonly percentAgreement: number
  /** Whether their agreement is below the threshold: due a calibration session. */
  readonly flagged: boolean
}

/** Agreement between assessors: by pair, by assessor, and the threshold it was judged by. */
export interface AgreementReport {
  readonly threshold: number
  readonly pairs: ReadonlyArray<PairAgreement>
  readonly assessors: ReadonlyArray<AssessorAgreement>
}

/**
 * The agreement threshold assessors are flagged below, unless a report is given another.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { defaultAgreementThreshold } from 'microcred'
 * assert.equal(defaultAgreementThreshold, 0.8)
 */
export const defaultAgreementThreshold = 0.8

/**
 * The agreement of every pair of assessors over the attempts they both scored (every two
 * assessors of an attempt make a pair: the first and the second, and each of them with an
 * adjudicator), and of every assessor over all their pairs, flagged below `threshold` (0.8 by
 * default). Pairs are ordered by their ids, assessors by id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { assessorAgreement } from 'microcred'
 * const item = (a: string, b: string) => ({ scores: [{ assessorId: 'ana', outcome: a }, { assessorId: 'ben', outcome: b }] })
 * const report = assessorAgreement([item('meets', 'meets'), item('revise', 'revise'), item('meets', 'revise')])
 * assert.equal(report.pairs.length, 1)
 * assert.equal(report.pairs[0]?.attempts, 3)
 * assert.ok(Math.abs((report.pairs[0]?.percentAgreement ?? 0) - 2 / 3) < 1e-12)
 * assert.deepEqual(report.assessors.map((a) => [a.assessorId, a.flagged]), [['ana', true], ['ben', true]])
 */
export const assessorAgreement = (
  items: Iterable<ScoredItem>,
  threshold: number = defaultAgreementThreshold,
): AgreementReport => {
  const byPair = new Map<string, { a: string; b: string; ratings: Array<RatingPair> }>()
  for (const item of items) {
    const scores = item.scores
    for (let i = 0; i < scores.length; i++) {
      for (let j = i + 1; j < scores.length; j++) {
        const x = scores[i]
        const y = scores[j]
        if (x === undefined || y === undefined || x.assessorId === y.assessorId) continue
        const [first, second] = compareText(x.assessorId, y.assessorId) < 0 ? [x, y] : [y, x]
        const key = JSON.stringify([first.assessorId, second.assessorId])
        const pair = byPair.get(key) ?? { a: first.assessorId, b: second.assessorId, ratings: [] }
        pair.ratings.push([first.outcome, second.outcome])
        byPair.set(key, pair)
      }
    }
  }
  const sorted = [...byPair.values()].sort((p, q) => compareText(p.a, q.a) || compareText(p.b, q.b))
  const pooled = new Map<string, { comparisons: number; agreed: number }>()
  for (const { a, b, ratings } of sorted) {
    const agreed = ratings.filter(([x, y]) => x === y).length
    for (const id of [a, b]) {
      const sum = pooled.get(id) ?? { comparisons: 0, agreed: 0 }
      pooled.set(id, { comparisons: sum.comparisons + ratings.length, agreed: sum.agreed + agreed })
    }
  }
  const pairs: PairAgreement[] = sorted.map(({ a, b, ratings }) => ({
    assessorA: a,
    assessorB: b,
    attempts: ratings.length,
    percentAgreement: percentAgreement(ratings) ?? 0,
    kappa: cohensKappa(ratings),
  }))
  const assessors = [...pooled.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([assessorId, { comparisons, agreed }]) => ({
      assessorId,
      comparisons,
      percentAgreement: agreed / comparisons,
      flagged: agreed / comparisons < threshold,
    }))
  return { threshold, pairs, assessors }
}
