/**
 * How a command fails: a sentence for stderr and an exit code. Expected failures are values;
 * only a bug throws.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'

/** The exit codes: data errors, usage errors, and a stop by Ctrl-C. */
export const exitCodes = { ok: 0, data: 1, usage: 2, interrupted: 130 } as const

/** Why a command did not do its job, as one sentence (and, for a list of problems, details). */
export interface CliFailure {
  readonly exitCode: 1 | 2 | 130
  readonly message: string
  /** Further lines, one problem each (the bad lines of a file, the conflicting streams). */
  readonly details?: ReadonlyArray<string>
}

/** What a command returns. */
export type CliResult = E.Either<CliFailure, void>

/** A domain or data error (a bad line, an unknown enrollment, a conflict): exit code 1. */
export const dataError = (message: string, details?: ReadonlyArray<string>): CliFailure =>
  details === undefined || details.length === 0
    ? { exitCode: exitCodes.data, message }
    : { exitCode: exitCodes.data, message, details }

/** A command line that cannot be run as given: exit code 2. */
export const usageError = (message: string): CliFailure => ({ exitCode: exitCodes.usage, message })

/** Stopped by Ctrl-C (SIGINT) between two writes: exit code 130. */
export const interrupted = (message: string): CliFailure => ({
  exitCode: exitCodes.interrupted,
  message,
})

/** The message of anything thrown. */
export const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/** Success. */
export const done: CliResult = E.right(undefined)
