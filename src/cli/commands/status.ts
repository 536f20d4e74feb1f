/**
 * `microcred status <enrollmentId>`: where one enrollment stands, read from the store.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { isEnrolled, progress } from 'microcred'
import { loadEnrollment } from '../enrollments.js'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, type CliResult } from '../failure.js'
import { printable } from '../printable.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { progressTables } from '../tables.js'

/** Prints the progress of one enrollment; an enrollment the store does not hold is an error. */
export const status = (
  cli: CliEnvironment,
  enrollmentId: string,
  options: StoreOptions,
): Promise<CliResult> =>
  withStore(cli, options, 'read', async ({ store, description }) => {
    const state = await loadEnrollment(store, enrollmentId)
    if (E.isLeft(state)) return state
    if (!isEnrolled(state.right)) {
      return E.left(dataError(`there is no enrollment '${enrollmentId}' in the ${description}`))
    }
    const { educator, programId, programVersion, cohortId } = state.right
    const p = progress(state.right)
    cli.out(
      [
        printable(`Enrollment ${enrollmentId}: ${educator.name} <${educator.email}>`),
        printable(
          `Program ${programId} version ${programVersion}, cohort ${cohortId}: ${p.status}`,
        ),
        '',
        progressTables(p),
        ...(p.missing.length === 0
          ? []
          : ['', 'Still missing:', ...p.missing.map((m) => `  ${printable(m)}`)]),
      ].join('\n'),
    )
    return done
  })
