/**
 * The assessment process as pure rules: the assessment options an enrollment pinned, with their
 * defaults; which attempts a second assessor scores (a deterministic sample: no randomness);
 * what a score decides (agreement, dispute, adjudication); how many attempts an EOLA is allowed
 * after a coaching conversation; and the stable pseudonym a blind assessor sees.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, IsoDateTime, Text } from '../codec.js'
import type { SecondScoring } from '../policy.js'
import type { Requirements } from './requirements.js'
import { Outcome, Scores } from './shared.js'

// -------------------------------------------------------------------------------------
// rules with their defaults
// -------------------------------------------------------------------------------------

/** The assessment rules of an enrollment, each with its default filled in. */
export interface AssessmentRules {
  readonly blind: boolean
  readonly secondScoring: SecondScoring
  readonly afterMaxAttempts: 'final' | 'coaching'
  /** Business days from a submission to its grade; `undefined`: no target. */
  readonly gradingTargetDays: number | undefined
  readonly holidays: ReadonlyArray<string>
  /** The IANA time zone whose calendar days the grading target counts; `UTC` unless set. */
  readonly timeZone: string
}

/**
 * The assessment rules an enrollment pinned, defaults filled in: not blind, no second scoring,
 * no attempt after the last one allowed, no grading target, days in UTC.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { assessmentRulesOf, catalog, lausdPolicy, requirementsOf } from 'microcred'
 * const rules = assessmentRulesOf(requirementsOf(catalog.steam, lausdPolicy))
 * assert.deepEqual(rules, { blind: false, secondScoring: 'none', afterMaxAttempts: 'final', gradingTargetDays: undefined, holidays: [], timeZone: 'UTC' })
 * const blind = assessmentRulesOf(requirementsOf(catalog.steam, { ...lausdPolicy, assessment: { blind: true } }))
 * assert.equal(blind.blind, true)
 */
export const assessmentRulesOf = (requirements: Requirements): AssessmentRules => {
  const pinned = requirements.assessment ?? {}
  return {
    blind: pinned.blind ?? false,
    secondScoring: pinned.secondScoring ?? 'none',
    afterMaxAttempts: pinned.afterMaxAttempts ?? 'final',
    gradingTargetDays: pinned.gradingTargetDays,
    holidays: pinned.holidays ?? [],
    timeZone: pinned.timeZone ?? 'UTC',
  }
}

// -------------------------------------------------------------------------------------
// the deterministic sample
// -------------------------------------------------------------------------------------

/** FNV-1a, 32 bits, over the UTF-16 code units of `text`. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/**
 * Where an attempt falls in the second-scoring sample: a whole number from 0 to 99, from a stable
 * hash (FNV-1a) of the enrollment id, the EOLA id and the attempt number. The same attempt falls
 * at the same point on every machine, every time.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { samplePoint } from 'microcred'
 * const point = samplePoint('enr-1', 'steam-eola-1', 1)
 * assert.ok(Number.isInteger(point) && point >= 0 && point < 100)
 * assert.equal(samplePoint('enr-1', 'steam-eola-1', 1), point) // stable
 */
export const samplePoint = (enrollmentId: string, eolaId: string, attempt: number): number =>
  fnv1a(`${enrollmentId}\u0000${eolaId}\u0000${attempt}`) % 100

/**
 * Whether a second assessor scores this attempt under the pinned rules: never under `none`,
 * always under `all`, and under `{ samplePercent: p }` when the attempt's `samplePoint` is below
 * `p` (so about p% of attempts, the same ones on every replay). `work` is the EOLA's id, or
 * `capstone` for an attempt at the capstone.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, lausdPolicy, requirementsOf, secondScoringApplies } from 'microcred'
 * const under = (secondScoring: 'none' | 'all' | { samplePercent: number }) =>
 *   requirementsOf(catalog.steam, { ...lausdPolicy, assessment: { secondScoring } })
 * assert.equal(secondScoringApplies(under('all'), 'enr-1', 'steam-eola-1', 1), true)
 * assert.equal(secondScoringApplies(under('none'), 'enr-1', 'steam-eola-1', 1), false)
 * assert.equal(secondScoringApplies(under({ samplePercent: 0 }), 'enr-1', 'steam-eola-1', 1), false)
 * assert.equal(secondScoringApplies(under({ samplePercent: 100 }), 'enr-1', 'steam-eola-1', 1), true)
 * assert.equal(secondScoringApplies(under('all'), 'enr-1', 'capstone', 1), true)
 */
export const secondScoringApplies = (
  requirements: Requirements,
  enrollmentId: string,
  work: string,
  attempt: number,
): boolean => {
  const rule = requirements.assessment?.secondScoring ?? 'none'
  if (rule === 'none') return false
  if (rule === 'all') return true
  return samplePoint(enrollmentId, work, attempt) < rule.samplePercent
}

// -------------------------------------------------------------------------------------
// scores and what they decide
// -------------------------------------------------------------------------------------

/**
 * The round of a score: 1 (the first assessor), 2 (the second), 3 (the adjudicator, when the
 * first two disagree on the outcome).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ScoringRound } from 'microcred'
 * assert.equal(ScoringRound.is(3), true)
 * assert.equal(ScoringRound.is(4), false)
 */
export const ScoringRound = t.union([t.literal(1), t.literal(2), t.literal(3)], 'ScoringRound')
/** `1 | 2 | 3`. */
export type ScoringRound = t.TypeOf<typeof ScoringRound>

/**
 * One assessor's score of an attempt that a second assessor also scores: the round, who, the
 * scores by criterion, the outcome they give, the feedback and when.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Scoring } from 'microcred'
 * const scoring = { round: 1, assessorId: 'a-1', scores: { design: 3 }, outcome: 'meets', feedback: '', scoredAt: '2026-10-01T16:00:00Z' }
 * assert.equal(Scoring.is(scoring), true)
 * assert.equal(Scoring.is({ ...scoring, round: 0 }), false)
 */
export const Scoring = t.type(
  {
    round: ScoringRound,
    assessorId: Id,
    scores: Scores,
    outcome: Outcome,
    feedback: Text,
    scoredAt: IsoDateTime,
  },
  'Scoring',
)
/** One assessor's score of a doubly scored attempt. */
export type Scoring = t.TypeOf<typeof Scoring>

/** What the next score of a doubly scored attempt is, and whether it decides the outcome. */
export interface NextScore {
  readonly round: ScoringRound
  /** The outcome it decides, when it does: round 2 when both agree, round 3 always. */
  readonly decides: 'meets' | 'revise' | null
}

/**
 * What a new score with `outcome` does to an attempt already scored `scorings`: round 1 decides
 * nothing; round 2 decides the outcome when it agrees with round 1 and leaves a dispute when it
 * does not; round 3 (the adjudicator) decides. `undefined` when the attempt is already decided
 * (two that agree, or three).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { nextScore, type Scoring } from 'microcred'
 * const scored = (round: 1 | 2, outcome: 'meets' | 'revise'): Scoring =>
 *   ({ round, assessorId: `a-${round}`, scores: {}, outcome, feedback: '', scoredAt: '2026-10-01T16:00:00Z' })
 * assert.deepEqual(nextScore([], 'meets'), { round: 1, decides: null })
 * assert.deepEqual(nextScore([scored(1, 'meets')], 'meets'), { round: 2, decides: 'meets' }) // agreed
 * assert.deepEqual(nextScore([scored(1, 'meets')], 'revise'), { round: 2, decides: null }) // disputed
 * assert.deepEqual(nextScore([scored(1, 'meets'), scored(2, 'revise')], 'revise'), { round: 3, decides: 'revise' })
 * assert.equal(nextScore([scored(1, 'meets'), scored(2, 'meets')], 'revise'), undefined) // decided
 */
export const nextScore = (
  scorings: ReadonlyArray<Scoring>,
  outcome: 'meets' | 'revise',
): NextScore | undefined => {
  const [first, second] = scorings
  if (first === undefined) return { round: 1, decides: null }
  if (second === undefined) return { round: 2, decides: first.outcome === outcome ? outcome : null }
  if (scorings.length === 2 && first.outcome !== second.outcome) {
    return { round: 3, decides: outcome }
  }
  return undefined
}

/**
 * Whether the first two scores of an attempt disagree on the outcome and no adjudicator has
 * scored it yet: the attempt awaits a third assessor.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { isDisputed, type Scoring } from 'microcred'
 * const scored = (round: 1 | 2, outcome: 'meets' | 'revise'): Scoring =>
 *   ({ round, assessorId: `a-${round}`, scores: {}, outcome, feedback: '', scoredAt: '2026-10-01T16:00:00Z' })
 * assert.equal(isDisputed([scored(1, 'meets'), scored(2, 'revise')]), true)
 * assert.equal(isDisputed([scored(1, 'meets'), scored(2, 'meets')]), false)
 */
export const isDisputed = (scorings: ReadonlyArray<Scoring>): boolean =>
  scorings.length === 2 && scorings[0]?.outcome !== scorings[1]?.outcome

// -------------------------------------------------------------------------------------
// attempts after the cap
// -------------------------------------------------------------------------------------

/**
 * How many attempts an EOLA is allowed now: the pinned cap, and one more once a coaching
 * conversation was recorded after the last attempt allowed (only where the rules say
 * `afterMaxAttempts: 'coaching'`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { attemptsAllowed } from 'microcred'
 * assert.equal(attemptsAllowed(3, 'final', false), 3)
 * assert.equal(attemptsAllowed(3, 'coaching', false), 3) // not before the conversation
 * assert.equal(attemptsAllowed(3, 'coaching', true), 4)
 */
export const attemptsAllowed = (
  maxAttempts: number,
  afterMaxAttempts: 'final' | 'coaching',
  coached: boolean,
): number => maxAttempts + (afterMaxAttempts === 'coaching' && coached ? 1 : 0)

// -------------------------------------------------------------------------------------
// blind grading
// -------------------------------------------------------------------------------------

/**
 * The stable pseudonym a blind assessor sees instead of the educator: `Educator ` and six
 * hexadecimal digits of a hash of the enrollment id, the same for every submission of the
 * enrollment. It names no one: not the name, the email or the educator's id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { pseudonymOf } from 'microcred'
 * assert.match(pseudonymOf('enr-1'), /^Educator [0-9A-F]{6}$/)
 * assert.equal(pseudonymOf('enr-1'), pseudonymOf('enr-1'))
 * assert.notEqual(pseudonymOf('enr-1'), pseudonymOf('enr-2'))
 */
export const pseudonymOf = (enrollmentId: string): string =>
  `Educator ${(fnv1a(`pseudonym\u0000${enrollmentId}`) & 0xffffff).toString(16).toUpperCase().padStart(6, '0')}`
