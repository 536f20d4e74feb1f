/**
 * Where a report goes: standard output, or a file written next to its destination and renamed
 * into place (so a failed write leaves no half file), and Chart.js read from the installed
 * package to be inlined in the cohort page.
 *
 * On standard output CSV lines end with LF (everything printed passes `printableLines`, which
 * shows a CR as `\u000d`); in a file they end with CRLF, as RFC 4180 says.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { CohortReport } from './report-cohort.js'
import type { CliEnvironment } from './environment.js'
import { dataError, done, reasonOf, type CliFailure, type CliResult } from './failure.js'
import { jsonText, type RecordDelimiter, type ReportFormat } from './report-formats.js'

/** A report computed, ready to be written in any format. */
export interface ComputedReport {
  readonly table: () => string
  readonly csv: (delimiter: RecordDelimiter) => string
  readonly json: unknown
  /** The cohort report's cohorts, for its page. */
  readonly cohorts?: ReadonlyArray<CohortReport>
}

/** Writes `text` to `file` through a partial file renamed into place. */
export const writeFile = (file: string, text: string): E.Either<CliFailure, void> => {
  const partial = `${file}.${process.pid}.partial`
  try {
    fs.writeFileSync(partial, text)
    fs.renameSync(partial, file)
    return done
  } catch (error) {
    fs.rmSync(partial, { force: true })
    return E.left(dataError(`cannot write ${file}: ${reasonOf(error)}`))
  }
}

/** Chart.js's UMD build, read from the installed package, to be inlined in the page. */
export const chartLibrary = (): E.Either<CliFailure, string> => {
  try {
    const main = createRequire(import.meta.url).resolve('chart.js')
    const library = fs.readFileSync(path.join(path.dirname(main), 'chart.umd.min.js'), 'utf8')
    // Inlined in a <script> element, the library must not end it early.
    if (/<\/script|<!--/i.test(library)) {
      return E.left(dataError('the installed chart.js cannot be inlined in a page'))
    }
    return E.right(library)
  } catch (error) {
    return E.left(dataError(`cannot read chart.js to inline it: ${reasonOf(error)}`))
  }
}

/** Writes a report in the format asked, to standard output or `--out`. */
export const writeReport = (
  cli: CliEnvironment,
  report: ComputedReport,
  options: { readonly format: ReportFormat; readonly out?: string },
): CliResult => {
  const { format, out } = options
  const delimiter = out === undefined ? '\n' : '\r\n'
  const text =
    format === 'csv'
      ? report.csv(delimiter)
      : format === 'json'
        ? `${jsonText(report.json)}\n`
        : `${report.table()}\n`
  if (out === undefined) {
    cli.out(text.replace(/\n$/, ''))
    return done
  }
  const written = writeFile(out, text)
  if (E.isRight(written)) cli.err(`microcred: wrote the report to ${out}\n`)
  return written
}
