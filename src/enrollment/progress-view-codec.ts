/**
 * The shape of the progress view (`progressView`), as an io-ts codec: every state a code with its
 * label beside it, what is next, and the dates of the enrollment's life.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Mode } from '../hours.js'
import { NextAction } from './next-actions.js'
import { RequirementState } from './requirement-state.js'
import { Educator } from './shared.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A code and its human label. */
const labelled = <C extends t.Mixed>(code: C, name: string) =>
  t.type({ code, label: t.string }, name)

/** The status codes of a view: those of `EnrollmentState`. */
const ViewStatusCode = t.keyof(
  {
    notEnrolled: null,
    active: null,
    earned: null,
    withdrawn: null,
    revoked: null,
    incomplete: null,
  },
  'ViewStatusCode',
)

const HoursRequirement = t.type(
  {
    mode: labelled(Mode, 'ModeLabel'),
    credited: t.number,
    required: t.number,
    state: RequirementState,
  },
  'HoursRequirement',
)
const EndingView = t.type({ at: t.string, reason: t.string, by: t.string }, 'EndingView')

/**
 * The progress view of an enrollment (see `progressView`). Codes and labels side by side; dates
 * are ISO-8601 date-times as the events recorded them (`null` when it did not happen).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgressView, enrollment, progressView } from 'microcred'
 * const view = progressView(enrollment.initialState)
 * assert.equal(ProgressView.is(view), true)
 * assert.equal(ProgressView.is({ ...view, status: 'notEnrolled' }), false) // a code and a label
 */
export const ProgressView = t.type(
  {
    enrollmentId: t.union([t.string, t.null]),
    status: labelled(ViewStatusCode, 'ViewStatus'),
    educator: t.union([Educator, t.null]),
    program: t.union([t.type({ id: t.string, version: t.number }), t.null]),
    cohortId: t.union([t.string, t.null]),
    hours: t.type({
      credited: t.number,
      required: t.number,
      state: RequirementState,
      byMode: t.array(HoursRequirement),
    }),
    modules: t.type({
      completed: t.number,
      required: t.number,
      items: t.array(
        t.type({
          id: t.string,
          title: t.string,
          courseId: t.string,
          credited: t.number,
          required: t.number,
          state: RequirementState,
          hours: t.array(HoursRequirement),
        }),
      ),
    }),
    courses: t.type({
      completed: t.number,
      required: t.number,
      items: t.array(t.type({ id: t.string, title: t.string, state: RequirementState })),
    }),
    eolas: t.type({
      meeting: t.number,
      required: t.number,
      items: t.array(
        t.type({
          id: t.string,
          title: t.string,
          courseId: t.string,
          state: RequirementState,
          attempts: t.number,
          attemptsAllowed: t.number,
        }),
      ),
    }),
    /** `null` when the program requires no capstone. */
    capstone: t.union([
      t.type({ state: RequirementState, attempts: t.number, attemptsAllowed: t.number }),
      t.null,
    ]),
    /** What still stands between an active enrollment and its credential; none once it ended. */
    missing: t.array(t.string),
    /** What the educator does next, most pressing first; nothing once the enrollment ended. */
    next: t.array(NextAction),
    dates: t.type({
      enrolledAt: t.union([t.string, t.null]),
      withdrawn: t.union([EndingView, t.null]),
      earned: t.union([
        t.type({ at: t.string, credentialId: t.string, salaryPoints: t.number }),
        t.null,
      ]),
      revoked: t.union([EndingView, t.null]),
      /** When, why and by whom the enrollment expired (`incomplete`) as its cohort closed. */
      expired: t.union([EndingView, t.null]),
      badgeIssued: t.union([t.type({ at: t.string, badgeId: t.string, by: t.string }), t.null]),
    }),
  },
  'ProgressView',
)
/** The progress view of an enrollment. */
export type ProgressView = t.TypeOf<typeof ProgressView>
