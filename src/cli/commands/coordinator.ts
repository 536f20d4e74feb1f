/**
 * The commands a coordinator runs by hand: `enroll`, `record-hours`, `submit`, `grade`,
 * `withdraw`, `expire` and `revoke`. Each turns its options into the enrollment command and its context
 * (who acts, in which role, when, under which command id), sends it through
 * `handleUnknownCommand` (the command handler's boundary for untrusted input: the command and
 * context are decoded, then decided against the stream, idempotently by command id) to the store
 * the options name, and prints the events recorded and the enrollment's status. A grade goes
 * through `gradeAsAssignedAssessor`: only an assessor assigned to the enrollment's cohort or
 * program (`microcred assign`) grades. A command the codec or the rules refuse fails with the
 * API's tag and message, exit code 1.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { Option, type Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import {
  catalogPrograms,
  enrollment,
  gradeAsAssignedAssessor,
  handleUnknownCommand,
  type CommandContext,
  type EnrollmentEvent,
  type EnrollmentState,
  type EventStore,
  type Evidence,
  type GradeCommand,
  type HandleCommandResult,
  type Mode,
  type Outcome,
} from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { dataError, usageError, type CliFailure, type CliResult } from '../failure.js'
import { withStore } from '../store-options.js'
import {
  attempt,
  collectEvidence,
  collectScore,
  contextOf,
  evidenceKindList,
  hours,
  modeOption,
  scoresOf,
  withActingOptions,
  type ActingOptions,
} from './coordinator-options.js'
import { handledText } from './coordinator-output.js'

/** A command as sent: its type and its data, for the codec to judge. */
interface Outgoing {
  readonly type: string
  readonly data: { readonly enrollmentId: string } & Record<string, unknown>
}

/** How a command reaches the store: the handler's boundary, or a guarded command over it. */
type Dispatch = (
  store: EventStore,
  command: Outgoing,
  context: CommandContext,
) => Promise<
  HandleCommandResult<EnrollmentEvent, EnrollmentState, { _tag: string; message: string }>
>

/** Through `handleUnknownCommand`, which decodes the command and context first. */
const throughHandler: Dispatch = (store, command, context) =>
  handleUnknownCommand(store, enrollment, command, context)

/**
 * A grade, through `gradeAsAssignedAssessor`: only an assessor assigned to the enrollment's cohort
 * or program grades it (`microcred assign`). It decodes the command and context first, as the
 * handler's boundary does.
 */
const gradedByAssigned: Dispatch = (store, command, context) =>
  gradeAsAssignedAssessor(store, command as unknown as GradeCommand, context)

/**
 * Sends one command through the handler to the store; `create` lets `enroll` create an embedded
 * store that does not exist yet (the others say there is none).
 */
export const send = async (
  cli: CliEnvironment,
  command: Outgoing,
  options: ActingOptions,
  create = false,
  dispatch: Dispatch = throughHandler,
): Promise<CliResult> => {
  const context = contextOf(options, cli.env)
  if (E.isLeft(context)) return context
  const { commandId } = context.right
  return withStore(cli, options, create ? 'write' : 'read', async ({ store }) => {
    const handled = await dispatch(store, command, context.right)
    if (E.isLeft(handled)) {
      const refusal = handled.left
      const { _tag: tag, message } = refusal
      const hint =
        tag === 'TimeWentBackwards'
          ? '; give the time it happened with --at'
          : 'programId' in refusal && tag === 'AssessorNotAssigned'
            ? ` (microcred assign ${context.right.actor.id} --as assessor --program ${String(refusal.programId)})`
            : ''
      return E.left(dataError(`${command.type} refused (${tag}): ${message}${hint}`))
    }
    cli.out(handledText(command.type, command.data.enrollmentId, handled.right, commandId))
    return E.right(undefined)
  })
}

interface EnrollOptions extends ActingOptions {
  readonly educator: string
  readonly name: string
  readonly email: string
  readonly cohort: string
  readonly program: string
}

interface RecordHoursOptions extends ActingOptions {
  readonly module: string
  readonly mode: Mode
  readonly hours: number
  readonly session?: string
}

interface SubmitOptions extends ActingOptions {
  readonly eola?: string
  readonly evidence?: ReadonlyArray<Evidence>
  readonly reflection: string
  readonly capstone?: boolean
  readonly enacted?: string
  readonly documentation?: string
  readonly nextSteps?: string
}

interface GradeOptions extends ActingOptions {
  readonly eola?: string
  readonly attempt: number
  readonly score?: ReadonlyArray<readonly [string, number]>
  readonly feedback: string
  readonly capstone?: boolean
  readonly outcome?: Outcome
}

interface ReasonOptions extends ActingOptions {
  readonly reason: string
}

interface ExpireOptions extends ReasonOptions {
  readonly cohort?: string
}

/** The options a form of `submit` or `grade` needs, by name, that were not given. */
const missing = (what: string, needed: Record<string, unknown>) => {
  const absent = Object.entries(needed).filter(([, value]) => value === undefined)
  return absent.length === 0
    ? undefined
    : usageError(`${what} needs ${absent.map(([name]) => name).join(', ')}`)
}

const submitCommand = (enrollmentId: string, o: SubmitOptions): E.Either<CliFailure, Outgoing> => {
  if (o.capstone === true) {
    const absent = missing('submit --capstone', {
      '--enacted <eolaId>': o.enacted,
      '--documentation <url>': o.documentation,
      '--next-steps <text>': o.nextSteps,
    })
    if (absent !== undefined) return E.left(absent)
    const data = {
      enrollmentId,
      enactedEolaId: o.enacted,
      documentationUrl: o.documentation,
      reflection: o.reflection,
      nextSteps: o.nextSteps,
    }
    return E.right({ type: 'SubmitCapstone', data })
  }
  const absent = missing('submit', {
    '--eola <id> (or --capstone)': o.eola,
    '--evidence <url>': o.evidence,
  })
  if (absent !== undefined) return E.left(absent)
  const data = { enrollmentId, eolaId: o.eola, evidence: o.evidence, reflection: o.reflection }
  return E.right({ type: 'SubmitArtifact', data })
}

const gradeCommand = (enrollmentId: string, o: GradeOptions): E.Either<CliFailure, Outgoing> => {
  const { attempt: n, feedback } = o
  if (o.capstone === true) {
    const absent = missing('grade --capstone', { '--outcome meets|revise': o.outcome })
    if (absent !== undefined) return E.left(absent)
    const data = { enrollmentId, attempt: n, outcome: o.outcome, feedback }
    return E.right({ type: 'GradeCapstone', data })
  }
  const absent = missing('grade', {
    '--eola <id> (or --capstone)': o.eola,
    '--score <criterion>=<n>': o.score,
  })
  if (absent !== undefined) return E.left(absent)
  const data = {
    enrollmentId,
    eolaId: o.eola,
    attempt: n,
    scores: scoresOf(o.score ?? []),
    feedback,
  }
  return E.right({ type: 'GradeArtifact', data })
}

/** Adds the coordinator's commands, and `--format` to `status`. */
export const addCoordinatorCommands = (
  program: Command,
  cli: CliEnvironment,
  finish: (result: CliResult) => void,
  withStoreOptions: (command: Command) => Command,
): void => {
  const command = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .argument('<enrollmentId>', 'the enrollment, such as steam-2026-27-07')
  const acting = (c: Command) => withStoreOptions(withActingOptions(c))

  acting(
    command('enroll', 'enroll an educator in a cohort of a program from the catalog')
      .requiredOption('--educator <id>', "the educator's id")
      .requiredOption('--name <name>', "the educator's name")
      .requiredOption('--email <email>', "the educator's email address")
      .requiredOption('--cohort <id>', 'the cohort')
      .addOption(
        new Option('--program <programId>', 'the program, from the catalog')
          .choices(catalogPrograms.map((p) => p.id))
          .makeOptionMandatory(),
      ),
  ).action(async (enrollmentId: string, o: EnrollOptions) => {
    const program = catalogPrograms.find((p) => p.id === o.program)
    if (program === undefined) return finish(E.left(usageError(`no program '${o.program}'`)))
    const educator = { id: o.educator, name: o.name, email: o.email }
    const data = { enrollmentId, educator, cohortId: o.cohort, program }
    finish(await send(cli, { type: 'Enroll', data }, o, true))
  })

  acting(
    command('record-hours', 'record hours of a module in one mode')
      .requiredOption('--module <id>', 'the module')
      .addOption(modeOption().makeOptionMandatory())
      .requiredOption('--hours <n>', 'the hours (quarters of an hour, at most 12 at once)', hours)
      .option('--session <id>', 'the face-to-face session attended'),
  ).action(async (enrollmentId: string, o: RecordHoursOptions) => {
    const data = {
      enrollmentId,
      moduleId: o.module,
      mode: o.mode,
      hours: o.hours,
      ...(o.session === undefined ? {} : { sessionId: o.session }),
    }
    finish(await send(cli, { type: 'RecordHours', data }, o))
  })

  acting(
    command('submit', 'submit an EOLA (or, with --capstone, the capstone) for grading')
      .option('--eola <id>', 'the EOLA')
      .option(
        '--evidence <[kind=]url>',
        `a piece of evidence, repeatable; a link unless a kind (${evidenceKindList}) is given`,
        collectEvidence,
      )
      .requiredOption('--reflection <text>', "the educator's reflection")
      .option('--capstone', 'submit the capstone instead of an EOLA')
      .option('--enacted <eolaId>', 'the capstone: the EOLA it enacts (one that meets)')
      .option('--documentation <url>', 'the capstone: where its documentation is')
      .option('--next-steps <text>', 'the capstone: the next steps'),
  ).action(async (enrollmentId: string, o: SubmitOptions) => {
    const built = submitCommand(enrollmentId, o)
    finish(E.isLeft(built) ? built : await send(cli, built.right, o))
  })

  acting(
    command('grade', 'grade an attempt at an EOLA (or, with --capstone, at the capstone)')
      .option('--eola <id>', 'the EOLA')
      .requiredOption('--attempt <n>', 'the attempt graded', attempt)
      .option('--score <criterion=n>', 'the score of a rubric criterion, repeatable', collectScore)
      .option('--feedback <text>', 'feedback to the educator', '')
      .option('--capstone', 'grade the capstone instead of an EOLA')
      .addOption(
        new Option('--outcome <outcome>', 'the capstone: meets or revise').choices([
          'meets',
          'revise',
        ]),
      ),
  ).action(async (enrollmentId: string, o: GradeOptions) => {
    const built = gradeCommand(enrollmentId, o)
    finish(E.isLeft(built) ? built : await send(cli, built.right, o, false, gradedByAssigned))
  })

  for (const [name, type, description] of [
    ['withdraw', 'Withdraw', 'withdraw an enrollment that has not earned its credential'],
    ['revoke', 'RevokeCredential', 'revoke an earned credential (an administrator)'],
  ] as const) {
    acting(command(name, description).requiredOption('--reason <text>', 'why')).action(
      async (enrollmentId: string, o: ReasonOptions) =>
        finish(await send(cli, { type, data: { enrollmentId, reason: o.reason } }, o)),
    )
  }

  acting(
    command(
      'expire',
      'expire an unfinished enrollment as its cohort closes: it ends incomplete (an administrator)',
    )
      .requiredOption('--reason <text>', 'why')
      .option('--cohort <id>', 'the closing cohort: refused unless the enrollment is in it'),
  ).action(async (enrollmentId: string, o: ExpireOptions) => {
    const data = { enrollmentId, reason: o.reason }
    const withCohort = o.cohort === undefined ? data : { ...data, cohortId: o.cohort }
    finish(await send(cli, { type: 'ExpireEnrollment', data: withCohort }, o))
  })
}
