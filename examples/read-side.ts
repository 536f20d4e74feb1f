// The read side as a district app uses it, on the public API only: commands through the handler
// into a store, a runner keeping the enrollments read model up to date, the reports read from it,
// a reaction, and a question about the past. Run: npx tsx examples/read-side.ts
import * as E from 'fp-ts/lib/Either.js'
import {
  assessorQueue,
  cohortProgress,
  cohortTotals,
  createInMemoryCheckpoints,
  createInMemoryEventStore,
  createProjectionRunner,
  createReactionRunner,
  defineReaction,
  enrollment,
  enrollmentAsOf,
  enrollmentsByStatus,
  enrollmentsReadModel,
  handleCommand,
  programAnalytics,
  salaryPointsLedger,
  type EnrollmentCommand,
  type EventStore,
} from 'microcred'
import { cohortScenario, type ScenarioStep } from 'microcred'

/** Sends some of the LAUSD cohort's year (the story of examples/lausd-cohort) through the handler. */
export const write = async (
  store: EventStore,
  steps: ReadonlyArray<ScenarioStep>,
): Promise<void> => {
  for (const { command, context, expect } of steps) {
    const handled = await handleCommand(store, enrollment, command, context)
    if (E.isLeft(handled) && handled.left._tag !== expect) throw new Error(handled.left.message)
  }
}

/**
 * A reaction: the district credits the one-hour welcome session every educator attends when they
 * enroll, as face-to-face hours in their first module, attested by the program's facilitator.
 * Run twice, it records the hours once: each command's id comes from the event it answers.
 */
export const welcomeSession = defineReaction({
  name: 'welcome-session',
  on: ['EducatorEnrolled'],
  aggregate: enrollment,
  actor: { id: 'facilitator-welcome', roles: ['facilitator'] },
  react: (event): EnrollmentCommand[] => {
    const data = event.data as {
      enrollmentId: string
      requirements: { modules: ReadonlyArray<{ id: string }> }
    }
    const first = data.requirements.modules[0]
    if (first === undefined) return []
    return [
      {
        type: 'RecordHours',
        data: { enrollmentId: data.enrollmentId, moduleId: first.id, mode: 'faceToFace', hours: 1 },
      },
    ]
  },
})

/** What the example finds: the figures a coordinator, an assessor and HR would read. */
export const runReadSide = async (educators = 12) => {
  const store = createInMemoryEventStore()
  const { steps } = cohortScenario({ educators })
  await write(
    store,
    steps.filter((step) => step.command.type === 'Enroll'),
  )

  // A reaction runs beside the commands: here, once the enrollments are in. Run a second time,
  // as after a crash before its checkpoint was saved, it dispatches nothing new.
  for (const run of [1, 2]) {
    const reacted = await createReactionRunner(store, welcomeSession).catchUp()
    if (E.isLeft(reacted)) throw new Error(`run ${run} of the reaction: ${reacted.left.message}`)
  }
  let welcomeHours = 0
  for await (const event of store.readAll()) {
    if (event.metadata.actorId === 'facilitator-welcome') welcomeHours++
  }
  await write(
    store,
    steps.filter((step) => step.command.type !== 'Enroll'),
  )

  // The read model, caught up from its checkpoint (here: in memory, so from the first event).
  const checkpoints = createInMemoryCheckpoints()
  const readModel = createProjectionRunner(store, enrollmentsReadModel, { checkpoints })
  const caughtUp = await readModel.catchUp()
  if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message)
  const model = readModel.state()

  const asOf = '2027-06-30T23:59:59Z'
  const rows = cohortProgress(model, { cohortId: 'steam-2026-27', asOf })
  const totals = cohortTotals(rows)
  const queue = assessorQueue(model, { now: asOf })
  const ledger = salaryPointsLedger(model)
  const analytics = programAnalytics(model, { programId: 'steam' })
  const withdrawn = enrollmentsByStatus(model, 'withdrawn').map((e) => e.enrollmentId)

  // The past: where the first educator stood at the end of the autumn.
  const autumn = await enrollmentAsOf(store, rows[0]?.enrollmentId ?? '', { date: '2026-12-31' })
  if (E.isLeft(autumn)) throw new Error(autumn.left.message)

  return {
    rows,
    totals,
    queue,
    ledger,
    analytics,
    withdrawn,
    welcomeHours,
    autumn: autumn.right.state,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, totals, ledger, analytics, withdrawn } = await runReadSide()
  for (const row of rows) {
    console.log(`${row.educatorName}: ${row.percentComplete}% ${row.atRisk ? '(at risk)' : ''}`)
  }
  console.log({ totals, withdrawn, ledgerRows: ledger.length, analytics })
}
