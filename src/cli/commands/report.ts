/**
 * `microcred report cohort|queue|transcript|salary-points|analytics`: the district's read models,
 * computed from the store's log (as of now, or of `--as-of`), as a table, CSV or JSON, and the
 * cohort report as a self-contained HTML page (`--html FILE`). The work is done in
 * `../report-run.js`, loaded only when a report runs.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import type { CliEnvironment } from '../environment.js'
import type { CliResult } from '../failure.js'
import type { ReportFormat } from '../report-formats.js'
import type { ReportKind, ReportOptions } from '../report-run.js'
import type { FeedbackReportOptions } from './report-feedback.js'
import type { StoreOptions } from '../store-options.js'
import { asOfProblem } from '../report-as-of.js'

// Here rather than imported, so that the CLI loads the CSV writer only when a report runs.
const reportFormats = ['table', 'csv', 'json'] as const satisfies ReadonlyArray<ReportFormat>

const asOf = (value: string) => {
  const problem = asOfProblem(value)
  if (problem !== undefined) throw new InvalidArgumentError(problem)
  return value
}

const identifier = (value: string) => {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) || value.length > 200) {
    throw new InvalidArgumentError('expected letters, digits, dots, dashes or underscores.')
  }
  return value
}

const groupSize = (value: string) => {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 5) {
    throw new InvalidArgumentError('expected a whole number of 5 or more.')
  }
  return Number(value)
}

/** A percent from 1 to 100 (`80`, `92.5`), as the fraction the library takes. */
const percent = (value: string) => {
  const n = Number(value)
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(value) || n < 1 || n > 100) {
    throw new InvalidArgumentError('expected a percent from 1 to 100, such as 80.')
  }
  return n / 100
}

const file = (value: string) => {
  if (value.trim() === '') throw new InvalidArgumentError('expected a file name.')
  return value
}

/** Adds microcred report: cohort, queue, transcript, salary-points, analytics to the program. */
export const addReportCommands = (
  program: Command,
  cli: CliEnvironment,
  finish: (result: CliResult) => void,
  withStoreOptions: (command: Command) => Command,
): void => {
  const report = program
    .command('report')
    .description("the district's reports, read from the store's log")
  const run = async (kind: ReportKind, options: ReportOptions & StoreOptions) => {
    const { runReport } = await import('../report-run.js')
    finish(await runReport(cli, kind, options))
  }
  const reportCommand = (name: string, description: string) =>
    withStoreOptions(
      report
        .command(name)
        .description(description)
        .option('--as-of <date>', 'the report as of a day (2027-01-31) or a date-time', asOf)
        .addOption(
          new Option('--format <format>', 'how to print it')
            .choices(reportFormats)
            .default('table'),
        )
        .option('--out <file>', 'write it to a file instead of standard output', file),
    )

  reportCommand('cohort', "each educator's progress, cohort by cohort, and the cohort's totals")
    .option('--cohort <id>', 'one cohort (default: every cohort)', identifier)
    .addOption(
      new Option('--html <file>', 'write a page with charts instead (self-contained)')
        .argParser(file)
        .conflicts(['format', 'out']),
    )
    .action((options: ReportOptions & StoreOptions) => run({ report: 'cohort' }, options))

  reportCommand('queue', 'submissions awaiting a grade, oldest first')
    .option('--assessor <id>', "one assessor's queue", identifier)
    .action((options: ReportOptions & StoreOptions) => run({ report: 'queue' }, options))

  reportCommand('transcript', 'every credential an educator holds or held')
    .argument('<educatorId>', 'the educator, such as educator-07')
    .action((educatorId: string, options: ReportOptions & StoreOptions) =>
      run({ report: 'transcript', educatorId }, options),
    )

  reportCommand('salary-points', 'salary points awarded and reversed, for HR').action(
    (options: ReportOptions & StoreOptions) => run({ report: 'salary-points' }, options),
  )

  reportCommand('analytics', 'how each program performs')
    .option('--program <id>', 'one program', identifier)
    .option(
      '--agreement-threshold <percent>',
      'flag assessors who agree less than this for calibration (default: 80)',
      percent,
    )
    .action((options: ReportOptions & StoreOptions) => run({ report: 'analytics' }, options))

  reportCommand('feedback', 'participant surveys, anonymous below a minimum group size')
    .option('--program <id>', 'one program', identifier)
    .option('--minimum-group-size <n>', 'the fewest responses a group shows (5 or more)', groupSize)
    .action(async (options: FeedbackReportOptions & StoreOptions) => {
      const { runFeedbackReport } = await import('./report-feedback.js')
      finish(await runFeedbackReport(cli, options))
    })
}
