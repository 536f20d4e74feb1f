/**
 * One school year of a Los Angeles Unified STEAM cohort, as a district app would run it in memory,
 * with the public API alone (`microcred`).
 *
 * Thirty educators enroll in September 2026. A facilitator attests face-to-face hours after each
 * session, the LMS reports online hours, educators record homework and submit the five EOLAs, an
 * assessor grades them from the rubric (some need revising; one educator needs all three
 * attempts), and capstones are submitted and graded until June 2027. One educator withdraws in
 * January and two end the year still missing something.
 *
 * The year's commands are the story `microcred demo` writes to a store
 * (examples/lausd-cohort/story.ts); here each enrollment is an in-memory event stream and every
 * command goes through `enrollment.decide`, as it would in an app that keeps its own events. Two
 * commands the rules refuse are shown with their messages. It prints each educator's progress
 * from their progress view (`progressView`: labels beside codes), who is still missing what, and
 * the cohort's totals (examples/lausd-cohort/report.ts).
 *
 * Run it with `npx tsx examples/lausd-cohort.ts` (`npm start` runs the same story through a store).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pathToFileURL } from 'node:url'
import { enrollment, isEnrolled, progress, progressView, type EnrollmentEvent } from 'microcred'
import {
  cohortReport,
  totalsOf,
  type EnrollmentRow,
  type Refusal,
  type Totals,
} from './lausd-cohort/report.js'
import { cohortScenario } from 'microcred'

const scenario = cohortScenario({ educators: 30 })

/** The year as the example ran it. */
export interface CohortSummary {
  readonly rows: ReadonlyArray<EnrollmentRow>
  readonly streams: ReadonlyMap<string, ReadonlyArray<EnrollmentEvent>>
  readonly refusals: ReadonlyArray<Refusal>
  readonly totals: Totals
}

/** Runs the year: every command in time order, each through `enrollment.decide`. */
export const runCohort = (): CohortSummary => {
  const streams = new Map<string, EnrollmentEvent[]>()
  const refusals: Refusal[] = []
  for (const { command, context, expect } of scenario.steps) {
    const { enrollmentId } = command.data
    const stream = streams.get(enrollmentId) ?? []
    const decision = enrollment.decide(command, enrollment.fold(stream), context)
    if (E.isLeft(decision)) {
      const { _tag: tag, message } = decision.left
      if (tag !== expect) throw new Error(`${command.type} on ${enrollmentId} refused: ${message}`)
      refusals.push({ command: command.type, actorId: context.actor.id, tag, message })
    } else if (expect !== undefined) {
      throw new Error(`${command.type} on ${enrollmentId} should have been refused (${expect})`)
    } else {
      streams.set(enrollmentId, [...stream, ...decision.right])
    }
  }
  const rows = [...streams.values()].flatMap((events): EnrollmentRow[] => {
    const state = enrollment.fold(events)
    if (!isEnrolled(state)) return []
    const { enrollmentId, educator } = state
    return [
      { enrollmentId, name: educator.name, progress: progress(state), view: progressView(state) },
    ]
  })
  return { rows, streams, refusals, totals: totalsOf(rows) }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const { rows, refusals } = runCohort()
  console.log(cohortReport(scenario.program.title, scenario.cohortId, rows, refusals))
}
