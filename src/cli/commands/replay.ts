/**
 * `microcred replay <file.ndjson>`: folds an event file, with no store, and summarises it. The
 * file is read a chunk at a time and folded as it is read, so only the states are held.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { foldEnrollments, type EnrollmentEvent } from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { describeBadLines, readEventFile } from '../event-file.js'
import { dataError, done, type CliResult } from '../failure.js'
import { startProgressBar } from '../progress-bar.js'
import { totalsOf } from '../summary.js'
import { formatNumber, totalsTable } from '../tables.js'
import { fileSize } from './files.js'

/** Replays an event file and prints what it comes to. */
export const replay = async (cli: CliEnvironment, path: string): Promise<CliResult> => {
  const bytes = fileSize(path)
  if (E.isLeft(bytes)) return bytes
  const started = performance.now()
  const bar = startProgressBar(cli.progressStream, 'Replaying', bytes.right, 'bytes')
  const reader = readEventFile(path, bar.update)
  let credentials = 0
  function* events(): Generator<EnrollmentEvent> {
    for (const { event } of reader.events) {
      if (event.type === 'CredentialEarned') credentials += 1
      yield event
    }
  }
  let states
  try {
    states = foldEnrollments(events())
  } finally {
    bar.stop()
  }
  const report = reader.report()
  if (report.badLineCount > 0) {
    const { message, details } = describeBadLines(path, report, 'nothing was replayed')
    return E.left(dataError(message, details))
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const what = `${formatNumber(report.events)} events of ${formatNumber(report.streams.size)} streams`
  cli.out(`Replayed ${what} from ${path} in ${seconds} s.`)
  cli.out(
    totalsTable(totalsOf(states.values()), [['Credentials earned', formatNumber(credentials)]]),
  )
  return done
}
