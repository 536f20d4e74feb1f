/**
 * Running a report: the enrollments read model is folded from the store's log as of `--as-of`
 * (every event, without it) by the library's `projectAsOf`, the report is computed from it by
 * the library's read-model functions, and written as a table, CSV or JSON to standard output or
 * `--out FILE` (see `report-output.ts`), or as the HTML page to `--html FILE`.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  assessorQueue,
  catalogPrograms,
  cohortProgress,
  cohortTotals,
  educatorTranscript,
  enrollmentsReadModel,
  programAnalytics,
  projectAsOf,
  salaryPointsLedger,
  type EnrollmentsReadModel,
} from 'microcred'
import type { CliEnvironment } from './environment.js'
import { dataError, done, type CliFailure, type CliResult } from './failure.js'
import { reportMoment, shownAsOf } from './report-as-of.js'
import { cohortCsvColumns, cohortSection, pageCohort, type CohortReport } from './report-cohort.js'
import { csvText, tableText, type CsvColumn, type ReportFormat } from './report-formats.js'
import { cohortPageHtml } from './report-html.js'
import { chartLibrary, writeFile, writeReport, type ComputedReport } from './report-output.js'
import {
  analyticsCsvColumns,
  analyticsLines,
  ledgerColumns,
  ledgerCsvColumns,
  ledgerNote,
  queueColumns,
  queueCsvColumns,
  transcriptColumns,
  transcriptCsvColumns,
  transcriptNotes,
} from './report-views.js'
import { withStore, type StoreOptions } from './store-options.js'
import { plainTable } from './tables.js'

/** Which report, and its argument. */
export type ReportKind =
  | { readonly report: 'cohort' }
  | { readonly report: 'queue' }
  | { readonly report: 'transcript'; readonly educatorId: string }
  | { readonly report: 'salary-points' }
  | { readonly report: 'analytics' }

/** The options of the report commands, as commander parses them. */
export interface ReportOptions {
  readonly asOf?: string
  readonly format: ReportFormat
  readonly out?: string
  readonly cohort?: string
  readonly html?: string
  readonly assessor?: string
  readonly program?: string
  /** The agreement below which `analytics` flags an assessor, as a fraction (0.8 for 80%). */
  readonly agreementThreshold?: number
}

const computed = <Row>(
  rows: ReadonlyArray<Row>,
  table: () => string,
  columns: ReadonlyArray<CsvColumn<Row>>,
  json: unknown = rows,
): ComputedReport => ({ table, csv: (delimiter) => csvText(columns, rows, delimiter), json })

const listed = (ids: ReadonlyArray<string>) =>
  ids.length === 0
    ? 'it holds none'
    : `it holds ${ids
        .slice(0, 10)
        .map((id) => `'${id}'`)
        .join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`

// -------------------------------------------------------------------------------------
// the reports
// -------------------------------------------------------------------------------------

/** Every cohort (by id), or the one asked for; an unknown cohort is a data error. */
const cohortReports = (
  model: EnrollmentsReadModel,
  cohortId: string | undefined,
  moment: string,
  where: string,
): E.Either<CliFailure, ReadonlyArray<CohortReport>> => {
  const known = [...model.byCohort.keys()].sort()
  if (cohortId !== undefined && !model.byCohort.has(cohortId)) {
    return E.left(dataError(`there is no cohort '${cohortId}' in ${where}: ${listed(known)}`))
  }
  return E.right(
    (cohortId === undefined ? known : [cohortId]).map((id) => {
      const rows = cohortProgress(model, { cohortId: id, asOf: moment })
      return { cohortId: id, rows, totals: cohortTotals(rows) }
    }),
  )
}

const programTitle = (programId: string, version: number) =>
  catalogPrograms.find((p) => p.id === programId && p.version === version)?.title

/** The report asked for, computed from the model. */
const compute = (
  model: EnrollmentsReadModel,
  kind: ReportKind,
  options: ReportOptions,
  moment: string,
  where: string,
): E.Either<CliFailure, ComputedReport> => {
  const asOf = shownAsOf(options.asOf, moment)
  switch (kind.report) {
    case 'cohort': {
      const reports = cohortReports(model, options.cohort, moment, where)
      if (E.isLeft(reports)) return reports
      const sections = reports.right.map((report) => cohortSection(report, asOf))
      const table = () =>
        sections.length === 0
          ? `No cohort in ${where}, as of ${asOf}.`
          : sections.map(tableText).join('\n\n')
      const rows = reports.right.flatMap((report) => report.rows)
      const cohorts = reports.right
      return E.right({ ...computed(rows, table, cohortCsvColumns, cohorts), cohorts })
    }
    case 'queue': {
      const items = assessorQueue(model, {
        now: moment,
        ...(options.assessor === undefined ? {} : { assessorId: options.assessor }),
      })
      const whose = options.assessor === undefined ? '' : ` for ${options.assessor}`
      const table = () =>
        tableText({
          title: `Submissions awaiting a grade${whose}, oldest first, as of ${asOf}`,
          columns: queueColumns(items),
          rows: items,
          empty: 'Nothing awaits a grade.',
        })
      return E.right(computed(items, table, queueCsvColumns))
    }
    case 'transcript': {
      const entries = educatorTranscript(model, kind.educatorId, { programTitle })
      if (entries.length === 0) {
        const why = `no enrollment names educator '${kind.educatorId}' in ${where}, as of ${asOf}`
        return E.left(dataError(`${why} (give an educator id, such as educator-01)`))
      }
      const first = entries[0]
      const table = () =>
        tableText({
          title: `Transcript of ${first?.educatorName ?? ''} (${kind.educatorId}), as of ${asOf}`,
          columns: transcriptColumns,
          rows: entries,
          empty: '',
          notes: transcriptNotes(entries),
        })
      return E.right(computed(entries, table, transcriptCsvColumns))
    }
    case 'salary-points': {
      const rows = salaryPointsLedger(model)
      const table = () =>
        tableText({
          title: `Salary points, as of ${asOf}`,
          columns: ledgerColumns,
          rows,
          empty: 'No credential was earned.',
          notes: rows.length === 0 ? [] : [ledgerNote(rows)],
        })
      return E.right(computed(rows, table, ledgerCsvColumns))
    }
    case 'analytics': {
      const programs = programAnalytics(model, {
        ...(options.program === undefined ? {} : { programId: options.program }),
        ...(options.agreementThreshold === undefined
          ? {}
          : { agreementThreshold: options.agreementThreshold }),
      })
      if (options.program !== undefined && !model.byProgram.has(options.program)) {
        const known = listed([...model.byProgram.keys()].sort())
        return E.left(
          dataError(`no enrollment is in program '${options.program}' in ${where}: ${known}`),
        )
      }
      const table = () =>
        programs.length === 0
          ? `No program has an enrollment in ${where}, as of ${asOf}.`
          : programs
              .map((program) => {
                const lines = plainTable()
                lines.push(...analyticsLines(program))
                return `Program ${program.programId}, as of ${asOf}\n\n${lines.toString()}`
              })
              .join('\n\n')
      return E.right(computed(programs, table, analyticsCsvColumns))
    }
  }
}

/** Runs one report against the store the options name. */
export const runReport = (
  cli: CliEnvironment,
  kind: ReportKind,
  options: ReportOptions & StoreOptions,
): Promise<CliResult> =>
  withStore(cli, options, 'read', async ({ store, description }) => {
    const model = await projectAsOf(
      store,
      enrollmentsReadModel,
      options.asOf === undefined ? {} : { date: options.asOf },
    )
    if (E.isLeft(model)) return E.left(dataError(model.left.message))
    const moment = reportMoment(options.asOf, new Date())
    const where = `the ${description}`
    const report = compute(model.right, kind, options, moment, where)
    if (E.isLeft(report)) return report
    const { cohorts } = report.right
    if (cohorts === undefined || options.html === undefined) {
      return writeReport(cli, report.right, options)
    }
    const library = chartLibrary()
    if (E.isLeft(library)) return library
    const page = cohortPageHtml({
      title: 'Cohort progress',
      asOf: `As of ${shownAsOf(options.asOf, moment)}, from the ${description}.`,
      cohorts: cohorts.map(pageCohort),
      chartLibrary: library.right,
    })
    const written = writeFile(options.html, page)
    if (E.isLeft(written)) return written
    const count = `${cohorts.length} ${cohorts.length === 1 ? 'cohort' : 'cohorts'}`
    cli.out(`Wrote the cohort report (${count}) to ${options.html}.`)
    return done
  })
