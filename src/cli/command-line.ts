/**
 * The command line (commander): commands, options and arguments, and how a run ends. Usage
 * errors (an unknown command or option, a bad number, two stores named) exit with 2, data and
 * domain errors with 1, each as one sentence on standard error.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { addBadgeCommands } from './commands/badge.js'
import { addCoordinatorCommands } from './commands/coordinator.js'
import { addEraseCommand } from './commands/erase.js'
import { addProgramCommands } from './commands/program-render.js'
import { addStaffCommands } from './commands/staff.js'
import { addReportCommands } from './commands/report.js'
import { demo, type DemoOptions } from './commands/demo.js'
import { exportEvents } from './commands/export.js'
import { audit } from './commands/audit.js'
import { importEvents, type ImportOptions } from './commands/import.js'
import { replay } from './commands/replay.js'
import { status, type StatusOptions } from './commands/status.js'
import type { CliEnvironment } from './environment.js'
import { done, exitCodes, type CliResult } from './failure.js'
import { printable, printableLines } from './printable.js'
import { defaultCohortId, storyLength } from 'microcred'
import { databaseUrlVariable, defaultStoreDirectory, type StoreOptions } from './store-options.js'

/** The most educators `demo --educators` takes. */
export const maxEducators = 1000

const wholeNumber = (max: number) => (value: string) => {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 1 || n > max) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${max}.`)
  }
  return n
}

const identifier = (value: string) => {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
    throw new InvalidArgumentError('expected letters, digits, dots, dashes or underscores.')
  }
  return value
}

const schemaName = (value: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    throw new InvalidArgumentError('expected lower-case letters, digits and _ (at most 63).')
  }
  return value
}

/** Adds the options that name a store. */
const withStoreOptions = (command: Command) =>
  command
    .addOption(
      new Option(
        '--store <dir>',
        `the embedded PGlite store in <dir> (default: ${defaultStoreDirectory})`,
      ).conflicts('databaseUrl'),
    )
    .addOption(
      new Option(
        '--database-url <url>',
        `a PostgreSQL server instead (or env ${databaseUrlVariable})`,
      ),
    )
    .option(
      '--schema <name>',
      'the PostgreSQL schema of the tables (default: microcred)',
      schemaName,
    )

/** The `microcred` program; `finish` receives what the chosen command did. */
const buildProgram = (
  cli: CliEnvironment,
  version: string,
  finish: (result: CliResult) => void,
) => {
  const program = new Command('microcred')
    .description('Educator micro-credential programs as event-sourced domain logic.')
    .version(version)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => cli.out(text.replace(/\n$/, '')),
      writeErr: (text) => cli.err(text),
      outputError: (text, write) => write(`microcred: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(microcred --help lists the commands and options)')

  withStoreOptions(
    program
      .command('demo')
      .description('write a school year of a LAUSD cohort to the store, then print its report')
      .option('--educators <n>', 'educators in the cohort', wholeNumber(maxEducators), storyLength)
      .option(
        '--cohort <id>',
        'the cohort id, the start of every enrollment id',
        identifier,
        defaultCohortId,
      ),
  ).action(async (options: DemoOptions) => finish(await demo(cli, options)))

  withStoreOptions(
    program
      .command('status')
      .description('print where one enrollment stands')
      .argument('<enrollmentId>', 'the enrollment, such as steam-2026-27-07')
      .addOption(
        new Option('--format <format>', 'table, or the progress view as JSON')
          .choices(['table', 'json'])
          .default('table'),
      ),
  ).action(async (enrollmentId: string, options: StatusOptions) =>
    finish(await status(cli, enrollmentId, options)),
  )

  withStoreOptions(
    program
      .command('export')
      .description('write every event of the store, in global order, one JSON per line')
      .argument('<file.ndjson>', 'the file to write'),
  ).action(async (file: string, options: StoreOptions) =>
    finish(await exportEvents(cli, file, options)),
  )

  withStoreOptions(
    program
      .command('import')
      .description(
        'check an event file (and audit its history), then append all of it to the store, or nothing',
      )
      .argument('<file.ndjson>', 'a file as export writes it')
      .option(
        '--trust',
        'import without the history audit; every event is marked unaudited in its metadata',
      ),
  ).action(async (file: string, options: ImportOptions) =>
    finish(await importEvents(cli, file, options)),
  )

  withStoreOptions(
    program
      .command('audit')
      .description('check that the rules could have written every event of a file, or of the store')
      .argument('[file.ndjson]', 'a file as export writes it (default: the store)'),
  ).action(async (file: string | undefined, options: StoreOptions) =>
    finish(await audit(cli, file, options)),
  )

  program
    .command('replay')
    .description('fold an event file, without a store, and summarise it')
    .argument('<file.ndjson>', 'a file as export writes it')
    .action(async (file: string) => finish(await replay(cli, file)))

  addBadgeCommands(program, cli, finish, withStoreOptions)
  addEraseCommand(program, cli, finish, withStoreOptions)
  addCoordinatorCommands(program, cli, finish, withStoreOptions)
  addStaffCommands(program, cli, finish, withStoreOptions)
  addReportCommands(program, cli, finish, withStoreOptions)
  addProgramCommands(program, cli, finish)
  return program
}

/**
 * Runs the command line `args` (without node and the script) and returns the exit code. All it
 * writes passes through `printableLines`, and a failure's sentence and detail lines through
 * `printable`, so no control character from input reaches the terminal raw.
 */
export const run = async (
  args: ReadonlyArray<string>,
  unsafe: CliEnvironment,
  version: string,
): Promise<number> => {
  const cli: CliEnvironment = {
    ...unsafe,
    out: (text) => unsafe.out(printableLines(text)),
    err: (text) => unsafe.err(printableLines(text)),
  }
  let result: CliResult = done
  try {
    await buildProgram(cli, version, (r) => (result = r)).parseAsync([...args], { from: 'user' })
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage // commander said why already
  }
  if (E.isRight(result)) return exitCodes.ok
  const { message, details = [], exitCode } = result.left
  const lines = details.map((line) => `  ${printable(line)}\n`).join('')
  cli.err(`microcred: ${printable(message)}\n${lines}`)
  return exitCode
}
