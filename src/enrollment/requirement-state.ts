/**
 * The state of a requirement (hours, a module, a course, an EOLA, the capstone) as the progress
 * view shows it: a code for programs and a human label beside it for people.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import type { EnrollmentState } from './state.js'

/**
 * The codes of a requirement's state. Hours, modules and courses are `notStarted`, `inProgress`
 * or `complete` (`notRequired` for a mode a module asks no hours of); an EOLA or the capstone is
 * `notSubmitted`, `awaitingGrade`, `revise`, `meets` or `exhausted` (every attempt used without
 * meeting). In a withdrawn or expired enrollment, what was started and not finished is
 * `incomplete`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RequirementStateCode } from 'microcred'
 * assert.equal(RequirementStateCode.is('awaitingGrade'), true)
 * assert.equal(RequirementStateCode.is('done'), false)
 */
export const RequirementStateCode = t.keyof(
  {
    notRequired: null,
    notStarted: null,
    inProgress: null,
    complete: null,
    notSubmitted: null,
    awaitingGrade: null,
    revise: null,
    meets: null,
    exhausted: null,
    incomplete: null,
  },
  'RequirementStateCode',
)
/** The code of a requirement's state. */
export type RequirementStateCode = t.TypeOf<typeof RequirementStateCode>

/**
 * A requirement's state: its code and the code's label.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RequirementState } from 'microcred'
 * assert.equal(RequirementState.is({ code: 'notSubmitted', label: 'Not submitted' }), true)
 * assert.equal(RequirementState.is('notSubmitted'), false)
 */
export const RequirementState = t.type(
  { code: RequirementStateCode, label: t.string },
  'RequirementState',
)
/** A requirement's state: its code and the code's label. */
export type RequirementState = t.TypeOf<typeof RequirementState>

/**
 * The label of each status, as a view shows it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { statusLabels } from 'microcred'
 * assert.equal(statusLabels.active, 'In progress')
 */
export const statusLabels: Readonly<Record<EnrollmentState['status'], string>> = Object.freeze({
  notEnrolled: 'Not enrolled',
  active: 'In progress',
  earned: 'Earned',
  withdrawn: 'Withdrawn',
  revoked: 'Revoked',
  incomplete: 'Incomplete',
})

/**
 * The label of each requirement state, as a view shows it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { requirementStateLabels } from 'microcred'
 * assert.equal(requirementStateLabels.notSubmitted, 'Not submitted')
 */
export const requirementStateLabels: Readonly<Record<RequirementStateCode, string>> = Object.freeze(
  {
    notRequired: 'Not required',
    notStarted: 'Not started',
    inProgress: 'In progress',
    complete: 'Complete',
    notSubmitted: 'Not submitted',
    awaitingGrade: 'Awaiting a grade',
    revise: 'To revise',
    meets: 'Meets',
    exhausted: 'Every attempt used',
    incomplete: 'Incomplete',
  },
)

/**
 * The state of a requirement with the code's label.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { labelledState } from 'microcred'
 * assert.deepEqual(labelledState('notSubmitted'), { code: 'notSubmitted', label: 'Not submitted' })
 */
export const labelledState = (code: RequirementStateCode): RequirementState => ({
  code,
  label: requirementStateLabels[code],
})
