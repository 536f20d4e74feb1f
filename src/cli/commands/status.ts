/**
 * `microcred status <enrollmentId> [--format table|json]`: where one enrollment stands, read from
 * the store and shown as its progress view (`progressView`): tables with labels, the dates of its
 * life and the next steps, or the view itself as JSON.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { ProgressView, isEnrolled, progressView } from 'microcred'
import { loadEnrollment } from '../enrollments.js'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, type CliResult } from '../failure.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { statusText } from './status-view.js'

/** How `status` prints: tables for people, or the progress view as JSON for programs. */
export type StatusFormat = 'table' | 'json'

/** Options of `microcred status`. */
export interface StatusOptions extends StoreOptions {
  readonly format?: StatusFormat
}

/** Prints the progress view of one enrollment; an enrollment the store does not hold is an error. */
export const status = (
  cli: CliEnvironment,
  enrollmentId: string,
  options: StatusOptions,
): Promise<CliResult> =>
  withStore(cli, options, 'read', async ({ store, description }) => {
    const state = await loadEnrollment(store, enrollmentId)
    if (E.isLeft(state)) return state
    if (!isEnrolled(state.right)) {
      return E.left(dataError(`there is no enrollment '${enrollmentId}' in the ${description}`))
    }
    const view = progressView(state.right)
    cli.out(
      options.format === 'json'
        ? JSON.stringify(ProgressView.encode(view), null, 2)
        : statusText(view),
    )
    return done
  })
