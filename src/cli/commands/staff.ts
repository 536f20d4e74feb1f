/**
 * `microcred assign` and `microcred unassign`: an administrator assigns an assessor or a
 * facilitator to a program (`programStaff`, stream `program-staff-<programId>`) or to a scheduled
 * cohort (`cohort`, stream `cohort-<cohortId>`), through `handleUnknownCommand` like every
 * coordinator command. `microcred grade` then takes grades only from an assessor assigned to the
 * enrollment's program or cohort.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { cohort, handleUnknownCommand, programStaff, type StaffRole } from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { dataError, usageError, type CliResult } from '../failure.js'
import { printable } from '../printable.js'
import { withStore } from '../store-options.js'
import { contextOf, withActingOptions, type ActingOptions } from './coordinator-options.js'

interface StaffOptions extends ActingOptions {
  /** The role the staff member takes there (`--role` is the acting administrator's). */
  readonly as: StaffRole
  readonly program?: string
  readonly cohort?: string
}

const identifier = (value: string) => {
  if (value.trim() === '') throw new InvalidArgumentError('expected an id.')
  return value
}

/** Sends `AssignStaff` or `UnassignStaff` to the program's or the cohort's stream. */
const sendStaff = async (
  cli: CliEnvironment,
  type: 'AssignStaff' | 'UnassignStaff',
  staffId: string,
  options: StaffOptions,
): Promise<CliResult> => {
  if ((options.program === undefined) === (options.cohort === undefined)) {
    const name = type === 'AssignStaff' ? 'assign' : 'unassign'
    return E.left(usageError(`${name} needs exactly one of --program <id> and --cohort <id>`))
  }
  const context = contextOf(options, cli.env)
  if (E.isLeft(context)) return context
  const scope =
    options.program === undefined
      ? { cohortId: options.cohort as string }
      : { programId: options.program }
  const command = { type, data: { scope, staffId, role: options.as } }
  const where =
    options.program === undefined ? `cohort ${options.cohort}` : `program ${options.program}`
  return withStore(cli, options, 'read', async ({ store }) => {
    const handled =
      options.program === undefined
        ? await handleUnknownCommand(store, cohort, command, context.right)
        : await handleUnknownCommand(store, programStaff, command, context.right)
    if (E.isLeft(handled)) {
      const { _tag: tag, message } = handled.left
      return E.left(dataError(`${type} refused (${tag}): ${message}`))
    }
    const done = type === 'AssignStaff' ? 'assigned to' : 'unassigned from'
    const again = handled.right.duplicate ? ' (handled before: nothing new was recorded)' : ''
    cli.out(
      printable(
        `${staffId} ${done} ${where} as ${options.as}${again}: ${handled.right.events.map((e) => e.type).join(', ')} (stream version ${handled.right.version}, command ${context.right.commandId})`,
      ),
    )
    return E.right(undefined)
  })
}

/** Adds `microcred assign` and `microcred unassign` to the program. */
export const addStaffCommands = (
  program: Command,
  cli: CliEnvironment,
  finish: (result: CliResult) => void,
  withStoreOptions: (command: Command) => Command,
): void => {
  for (const [name, type, description] of [
    ['assign', 'AssignStaff', 'assign an assessor or a facilitator to a program or a cohort'],
    ['unassign', 'UnassignStaff', 'end an assessor or facilitator assignment'],
  ] as const) {
    withStoreOptions(
      withActingOptions(
        program
          .command(name)
          .description(description)
          .argument('<staffId>', 'the assessor or facilitator, such as assessor-02')
          .addOption(
            new Option('--as <role>', 'the role they take there')
              .choices(['assessor', 'facilitator'])
              .makeOptionMandatory(),
          )
          .option('--program <id>', 'the program (every cohort of it)', identifier)
          .option('--cohort <id>', 'one scheduled cohort', identifier),
      ),
    ).action(async (staffId: string, options: StaffOptions) =>
      finish(await sendStaff(cli, type, staffId, options)),
    )
  }
}
