/**
 * The errors of a cohort's and a program's staff decisions: values with a `_tag` and a message
 * that names what, where and what to do.
 *
 * @packageDocumentation
 */
import type { InvalidCommand, NotAuthorized } from '../errors.js'

/** A rule of cohorts or staff assignments that a command broke; the tag says which. */
export type CohortRuleBroken =
  | 'CohortNotScheduled'
  | 'CohortAlreadyScheduled'
  | 'WrongCohort'
  | 'WrongProgram'
  | 'WrongScope'
  | 'CohortClosed'
  | 'TimeWentBackwards'
  | 'UnknownProgram'
  | 'InvalidCohortDates'
  | 'AlreadyInCohort'
  | 'NotInCohort'
  | 'UnknownModule'
  | 'InvalidHours'
  | 'SessionOutsideCohort'
  | 'SessionAlreadyScheduled'
  | 'UnknownSession'
  | 'NotCohortFacilitator'
  | 'SessionNotHeldYet'
  | 'CohortEnded'
  | 'NotOnRoster'
  | 'NotAssigned'

/** A rule of cohorts or staff assignments that the command broke. */
export interface CohortRuleViolation {
  readonly _tag: CohortRuleBroken
  readonly message: string
}

/** Every error the cohort and program-staff deciders return. Match on `_tag`. */
export type CohortError = InvalidCommand | NotAuthorized | CohortRuleViolation

/**
 * A cohort rule violation.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { cohortRuleViolation } from 'microcred'
 * assert.deepEqual(cohortRuleViolation('UnknownSession', "session 's-9' is not scheduled in cohort 'steam-2026'"), {
 *   _tag: 'UnknownSession',
 *   message: "session 's-9' is not scheduled in cohort 'steam-2026'",
 * })
 */
export const cohortRuleViolation = (
  tag: CohortRuleBroken,
  message: string,
): CohortRuleViolation => ({
  _tag: tag,
  message,
})
