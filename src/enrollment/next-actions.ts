/**
 * What is next for an active enrollment's educator, most pressing first: an EOLA or the capstone
 * that used every attempt (a coaching conversation where the rules offer one, else ask the
 * coordinator), revisions, EOLAs to submit, hours by module, the capstone, then the grades
 * awaited.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { modeLabel, modes } from '../hours.js'
import type { ModuleProgress, Progress, SubmissionStatus } from './progress.js'

/**
 * The codes of what is next: each names what the educator (or, for `awaitGrade`, the assessor)
 * does next.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { NextActionCode } from 'microcred'
 * assert.equal(NextActionCode.is('resubmitEola'), true)
 * assert.equal(NextActionCode.is('celebrate'), false)
 */
export const NextActionCode = t.keyof(
  {
    enroll: null,
    askCoordinator: null,
    holdCoaching: null,
    resubmitEola: null,
    submitEola: null,
    recordHours: null,
    submitCapstone: null,
    resubmitCapstone: null,
    awaitGrade: null,
  },
  'NextActionCode',
)
/** The code of a next action. */
export type NextActionCode = t.TypeOf<typeof NextActionCode>

/**
 * One thing to do next: its code, a sentence for people, and the module or EOLA it is about
 * (`null` for the capstone or the enrollment).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { NextAction } from 'microcred'
 * assert.equal(NextAction.is({ code: 'submitEola', label: "Submit EOLA 'Audit'", requirementId: 'e-1' }), true)
 * assert.equal(NextAction.is({ code: 'submitEola', label: "Submit EOLA 'Audit'" }), false)
 */
export const NextAction = t.type(
  { code: NextActionCode, label: t.string, requirementId: t.union([t.string, t.null]) },
  'NextAction',
)
/** One thing to do next. */
export type NextAction = t.TypeOf<typeof NextAction>

const listed = (items: ReadonlyArray<string>): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`

const hoursStillNeeded = (module: ModuleProgress): string =>
  listed(
    modes.flatMap((mode) => {
      const gap = module.required[mode] - module.credited[mode]
      return gap > 0 ? [`${gap} ${modeLabel(mode)}`] : []
    }),
  )

/**
 * What an active enrollment's educator does next, from its `progress`, most pressing first: an
 * EOLA or the capstone that used every attempt (`holdCoaching` where the rules allow a further
 * attempt after a coaching conversation, else `askCoordinator`), EOLAs to revise, EOLAs to
 * submit, hours by module, the capstone, then the grades awaited. `progressView` gives it as
 * `next` (and nothing once the enrollment ended).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, foldEnrollment, lausdPolicy, nextActions, progress, requirementsOf } from 'microcred'
 * const state = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at: '2026-09-14T16:00:00Z', cohortId: 'steam-2026',
 *     programId: 'steam', programVersion: 1, educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 * ])
 * const next = nextActions(progress(state))
 * assert.deepEqual(next[0], { code: 'submitEola', label: "Submit EOLA 'STEAM Learning Environment Audit'", requirementId: 'steam-eola-1' })
 * assert.equal(next.at(-1)?.code, 'submitCapstone')
 */
export const nextActions = (p: Progress): NextAction[] => {
  const action = (code: NextActionCode, label: string, requirementId: string | null) => ({
    code,
    label,
    requirementId,
  })
  const eolas = p.eolas.items
  const of = (status: SubmissionStatus) => eolas.filter((eola) => eola.status === status)
  const capstone = p.capstone.required ? p.capstone.status : 'meets'
  const blocked = [
    ...of('exhausted').map((e) =>
      e.coachingDue === true
        ? action(
            'holdCoaching',
            `Hold the coaching conversation EOLA '${e.title}' needs (all ${e.attemptsAllowed} attempts used without meeting): after it, one further attempt is allowed`,
            e.id,
          )
        : action(
            'askCoordinator',
            `Ask the program coordinator what to do: EOLA '${e.title}' used all ${e.attemptsAllowed} attempts without meeting`,
            e.id,
          ),
    ),
    ...(capstone === 'exhausted'
      ? [
          action(
            'askCoordinator',
            `Ask the program coordinator what to do: the capstone used all ${p.capstone.attemptsAllowed} attempts without meeting`,
            null,
          ),
        ]
      : []),
  ]
  const anEolaMeets = p.eolas.meeting > 0
  return [
    ...blocked,
    ...of('revise').map((e) =>
      action(
        'resubmitEola',
        `Revise and resubmit EOLA '${e.title}' (attempt ${e.attempts + 1} of ${e.attemptsAllowed})`,
        e.id,
      ),
    ),
    ...of('notSubmitted').map((e) => action('submitEola', `Submit EOLA '${e.title}'`, e.id)),
    ...p.modules.items
      .filter((m) => !m.complete && hoursStillNeeded(m) !== '')
      .map((m) =>
        action('recordHours', `Complete ${hoursStillNeeded(m)} hours in module '${m.title}'`, m.id),
      ),
    ...(capstone === 'notSubmitted'
      ? [
          action(
            'submitCapstone',
            anEolaMeets
              ? 'Submit the capstone: the documented enactment of an EOLA that meets'
              : 'Submit the capstone once an EOLA meets: the documented enactment of that EOLA',
            null,
          ),
        ]
      : []),
    ...(capstone === 'revise'
      ? [
          action(
            'resubmitCapstone',
            `Revise and resubmit the capstone (attempt ${p.capstone.attempts + 1} of ${p.capstone.attemptsAllowed})`,
            null,
          ),
        ]
      : []),
    ...of('awaitingGrade').map((e) =>
      action('awaitGrade', `Wait for the grade of EOLA '${e.title}' (attempt ${e.attempts})`, e.id),
    ),
    ...(capstone === 'awaitingGrade'
      ? [
          action(
            'awaitGrade',
            `Wait for the grade of the capstone (attempt ${p.capstone.attempts})`,
            null,
          ),
        ]
      : []),
  ]
}
