/**
 * `microcred report feedback`: the participant surveys' analytics (`feedbackAnalytics`), read
 * from the store's log as of now or `--as-of`, as a table, CSV or JSON. One row per program and
 * survey (all cohorts) and per cohort and survey; a group under the minimum shows `suppressed`
 * and nothing else. Comments, never attributed, are in the JSON only.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  feedbackAnalytics,
  feedbackReadModel,
  projectAsOf,
  standardFeedbackItems,
  type FeedbackGroup,
  type ProgramFeedback,
  type Survey,
} from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { dataError, type CliResult } from '../failure.js'
import { reportMoment, shownAsOf } from '../report-as-of.js'
import {
  csvText,
  tableText,
  type CsvColumn,
  type ReportFormat,
  type TableColumn,
} from '../report-formats.js'
import { writeReport } from '../report-output.js'
import { withStore, type StoreOptions } from '../store-options.js'

/** The options of `report feedback`, as commander parses them. */
export interface FeedbackReportOptions {
  readonly asOf?: string
  readonly format: ReportFormat
  readonly out?: string
  readonly program?: string
  readonly minimumGroupSize?: number
}

/** One line of the report: a survey of a program (every cohort) or of one cohort. */
interface FeedbackRow {
  readonly programId: string
  readonly cohortId: string | null
  readonly survey: Survey
  readonly group: FeedbackGroup
}

const surveyText = (survey: Survey) =>
  survey.kind === 'endOfProgram' ? 'end of program' : `end of course ${survey.courseId}`

const rowsOf = (programs: ReadonlyArray<ProgramFeedback>): FeedbackRow[] =>
  programs.flatMap((program) => [
    ...program.surveys.map((s) => ({ programId: program.programId, cohortId: null, ...s })),
    ...program.cohorts.flatMap((cohort) =>
      cohort.surveys.map((s) => ({
        programId: program.programId,
        cohortId: cohort.cohortId,
        ...s,
      })),
    ),
  ])

const shareOf = (group: FeedbackGroup, itemId: string): number | null =>
  group.suppressed ? null : (group.items.find((item) => item.itemId === itemId)?.topShare ?? null)

const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 100)}%`)

const tableColumns: ReadonlyArray<TableColumn<FeedbackRow>> = [
  { head: 'Program', cell: (row) => row.programId },
  { head: 'Cohort', cell: (row) => row.cohortId ?? 'all cohorts' },
  { head: 'Survey', cell: (row) => surveyText(row.survey) },
  {
    head: 'Responses',
    cell: (row) => (row.group.suppressed ? 'suppressed' : String(row.group.responses)),
  },
  ...standardFeedbackItems.map((item) => ({
    head: `${item.labels[item.topAt - 1] ?? ''} or more: ${item.id}`,
    cell: (row: FeedbackRow) => percent(shareOf(row.group, item.id)),
  })),
]

const csvColumns: ReadonlyArray<CsvColumn<FeedbackRow>> = [
  { head: 'program', cell: (row) => row.programId },
  { head: 'cohort', cell: (row) => row.cohortId ?? '' },
  { head: 'survey', cell: (row) => surveyText(row.survey) },
  { head: 'suppressed', cell: (row) => (row.group.suppressed ? 'yes' : 'no') },
  { head: 'responses', cell: (row) => (row.group.suppressed ? '' : row.group.responses) },
  ...standardFeedbackItems.map((item) => ({
    head: `${item.id} top share`,
    cell: (row: FeedbackRow) => shareOf(row.group, item.id) ?? '',
  })),
]

/** Runs `report feedback` against the store the options name. */
export const runFeedbackReport = (
  cli: CliEnvironment,
  options: FeedbackReportOptions & StoreOptions,
): Promise<CliResult> =>
  withStore(cli, options, 'read', async ({ store, description }) => {
    const model = await projectAsOf(
      store,
      feedbackReadModel,
      options.asOf === undefined ? {} : { date: options.asOf },
    )
    if (E.isLeft(model)) return E.left(dataError(model.left.message))
    const asOf = shownAsOf(options.asOf, reportMoment(options.asOf, new Date()))
    const minimumGroupSize = options.minimumGroupSize ?? 5
    const programs = feedbackAnalytics(model.right, {
      minimumGroupSize,
      ...(options.program === undefined ? {} : { programId: options.program }),
    })
    if (options.program !== undefined && programs.length === 0) {
      const known = feedbackAnalytics(model.right).map((p) => `'${p.programId}'`)
      const holds = known.length === 0 ? 'it holds none' : `it holds ${known.join(', ')}`
      return E.left(
        dataError(
          `no survey response of program '${options.program}' in the ${description}: ${holds}`,
        ),
      )
    }
    const rows = rowsOf(programs)
    const table = () =>
      tableText({
        title: `Participant feedback, as of ${asOf}`,
        columns: tableColumns,
        rows,
        empty: `No survey response in the ${description}.`,
        notes: [
          `A group of fewer than ${minimumGroupSize} responses is suppressed, and counts in no total. Comments are in --format json.`,
        ],
      })
    return writeReport(
      cli,
      { table, csv: (delimiter) => csvText(csvColumns, rows, delimiter), json: programs },
      options,
    )
  })
