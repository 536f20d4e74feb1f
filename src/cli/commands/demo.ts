/**
 * `microcred demo`: the cohort scenario written through the command handler into a store, then
 * read back from it and reported. A cohort already in the store is shown, not written again.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { enrollment, enrollmentStreamId, handleCommand, type EventStore } from 'microcred'
import { cohortReport, type Refusal } from '../cohort-report.js'
import { loadEnrollments } from '../enrollments.js'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, interrupted, type CliFailure, type CliResult } from '../failure.js'
import { stopRequested } from '../interrupts.js'
import { startProgressBar } from '../progress-bar.js'
import { cohortScenario, type CohortScenario } from 'microcred'
import { storeFlags, withStore, type StoreOptions } from '../store-options.js'
import { enrollmentRow, totalsOf } from '../summary.js'
import { formatNumber } from '../tables.js'

/** Options of `microcred demo`. */
export interface DemoOptions extends StoreOptions {
  readonly educators: number
  readonly cohort: string
}

interface Written {
  readonly commands: number
  readonly events: number
  readonly refusals: ReadonlyArray<Refusal>
}

/** Sends every step through `handleCommand`; a refusal the story does not expect stops it. */
const writeScenario = async (
  cli: CliEnvironment,
  store: EventStore,
  { steps }: CohortScenario,
): Promise<E.Either<CliFailure, Written>> => {
  const refusals: Refusal[] = []
  let events = 0
  const bar = startProgressBar(cli.progressStream, 'Writing the cohort', steps.length, 'commands')
  try {
    for (const [index, { command, context, expect }] of steps.entries()) {
      if (await stopRequested(cli.signal)) {
        const so = `after ${formatNumber(index)} of ${formatNumber(steps.length)} commands`
        return E.left(interrupted(`interrupted ${so}; the store keeps what was written`))
      }
      const result = await handleCommand(store, enrollment, command, context)
      bar.update(index + 1)
      if (E.isRight(result) && expect === undefined) {
        events += result.right.recorded.length
      } else if (E.isLeft(result) && result.left._tag === expect) {
        const { _tag: tag, message } = result.left
        refusals.push({ command: command.type, actorId: context.actor.id, tag, message })
      } else {
        const what = `${command.type} on enrollment '${command.data.enrollmentId}'`
        const why = E.isLeft(result) ? result.left.message : `it was not refused (${expect})`
        return E.left(dataError(`the demo stopped at ${context.commandId}, ${what}: ${why}`))
      }
    }
  } finally {
    bar.stop()
  }
  return E.right({ commands: steps.length, events, refusals })
}

/** Writes the demo cohort (unless the store has it already) and prints its report. */
export const demo = (cli: CliEnvironment, options: DemoOptions): Promise<CliResult> =>
  withStore(cli, options, 'write', async ({ store, description }) => {
    const scenario = cohortScenario({ educators: options.educators, cohortId: options.cohort })
    const ids = scenario.enrollments.map((e) => e.enrollmentId)
    const versions = await Promise.all(ids.map((id) => store.streamVersion(enrollmentStreamId(id))))
    const existing = versions.filter((version) => version > 0).length
    let refusals: ReadonlyArray<Refusal> = []
    if (existing > 0) {
      cli.out(
        `The ${description} already holds cohort '${scenario.cohortId}' (${existing} of its ${ids.length} enrollments) from an earlier run: showing it as stored; write another cohort with --cohort <id>.\n`,
      )
    } else {
      const started = performance.now()
      const size = `${ids.length} educators, ${formatNumber(scenario.steps.length)} commands`
      cli.out(`Writing cohort '${scenario.cohortId}' (${size}) to the ${description}`)
      const written = await writeScenario(cli, store, scenario)
      if (E.isLeft(written)) return written
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      const { commands, events } = written.right
      cli.out(
        `Wrote ${formatNumber(commands)} commands as ${formatNumber(events)} events in ${seconds} s.\n`,
      )
      refusals = written.right.refusals
    }
    const states = await loadEnrollments(store, ids)
    if (E.isLeft(states)) return states
    const rows = states.right.flatMap((state) => enrollmentRow(state) ?? [])
    const { title } = scenario.program
    const totals = totalsOf(states.right)
    cli.out(cohortReport({ title, cohortId: scenario.cohortId, rows, totals, refusals }))
    const first = rows[0]
    if (first !== undefined) {
      cli.out(
        `\nOne enrollment in full: microcred status ${first.enrollmentId}${storeFlags(options)}`,
      )
    }
    return done
  })
