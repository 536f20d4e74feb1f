/**
 * How a report is written: a table for people, CSV for spreadsheets and HR systems, JSON for
 * programs. A report describes its columns once per format (a table joins "21/30" in one cell,
 * CSV keeps credited and required apart as numbers) and this module draws them.
 *
 * CSV follows RFC 4180 (a header row, fields with a comma, quote or line break quoted, quotes
 * doubled) and is neutralised against formula injection (OWASP "CSV injection"): a text cell
 * that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms)
 * is written with a leading `'`, so a spreadsheet shows it rather than runs it. Number cells are
 * left alone: the -3 points of a reversal stay a number.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { stringify } from 'csv-stringify/sync'
import { printable } from './printable.js'
import { formatNumber, plainTable } from './tables.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The formats `--format` takes. */
export const reportFormats = ['table', 'csv', 'json'] as const
/** A report format. */
export type ReportFormat = (typeof reportFormats)[number]

/** A column: its heading and its cell for one row. */
export interface Column<Row, Cell> {
  readonly head: string
  readonly cell: (row: Row) => Cell
}

/** A table column: cells as people read them (escaped with `printable` when drawn). */
export type TableColumn<Row> = Column<Row, string>

/** A CSV column: a text cell (neutralised against formulas) or a number (kept as it is). */
export type CsvColumn<Row> = Column<Row, string | number>

/** One table of a report, with the title printed above it. */
export interface TableSection<Row> {
  readonly title: string
  readonly columns: ReadonlyArray<TableColumn<Row>>
  readonly rows: ReadonlyArray<Row>
  /** Printed when there is no row. */
  readonly empty: string
  /** Lines printed under the table (totals, notes), escaped. */
  readonly notes?: ReadonlyArray<string>
}

/** Line endings of CSV: RFC 4180's CRLF in a file, LF on standard output. */
export type RecordDelimiter = '\r\n' | '\n'

// -------------------------------------------------------------------------------------
// formats
// -------------------------------------------------------------------------------------

/** A table section as text: its title, the table (or why it is empty) and its notes. */
export const tableText = <Row>(section: TableSection<Row>): string => {
  const { title, columns, rows, empty, notes = [] } = section
  const lines = [printable(title), '']
  if (rows.length === 0) {
    lines.push(printable(empty))
  } else {
    const table = plainTable(columns.map((c) => c.head))
    table.push(...rows.map((row) => columns.map((c) => c.cell(row))))
    lines.push(table.toString())
  }
  if (notes.length > 0) lines.push('', ...notes.map(printable))
  return lines.join('\n')
}

/**
 * Rows as CSV: a header row, then one record per row, each record ending with `delimiter`. Text
 * cells that a spreadsheet would run as a formula start with `'`; numbers are written as numbers.
 */
export const csvText = <Row>(
  columns: ReadonlyArray<CsvColumn<Row>>,
  rows: ReadonlyArray<Row>,
  delimiter: RecordDelimiter = '\r\n',
): string =>
  stringify(
    rows.map((row) => columns.map((c) => c.cell(row))),
    {
      header: true,
      columns: columns.map((c) => c.head),
      record_delimiter: delimiter,
      escape_formulas: true,
      // A line break inside a cell is quoted whatever the record delimiter (with CRLF records,
      // csv-stringify alone leaves a lone LF unquoted).
      quoted_match: /[\r\n]/,
      // A number that is not finite has no CSV form a spreadsheet reads as a number.
      cast: { number: (n) => (Number.isFinite(n) ? String(n) : '') },
    },
  )

/** A value as JSON, two spaces deep. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2)

// -------------------------------------------------------------------------------------
// how values read
// -------------------------------------------------------------------------------------

/** `75%`: a percentage (0 to 100), rounded to a whole number. */
export const formatPercent = (percent: number): string => `${Math.round(percent)}%`

/** `1 day`, `12 days`, `2.5 days`: days, to a tenth. */
export const formatDays = (days: number): string => {
  const tenths = Math.round(days * 10) / 10
  return `${formatNumber(tenths)} ${tenths === 1 ? 'day' : 'days'}`
}

/** `21/30`: done out of needed. */
export const formatOf = (done: number, needed: number): string =>
  `${formatNumber(done)}/${formatNumber(needed)}`

/** The date part of an ISO date-time (`2027-01-22`). */
export const formatDate = (isoDateTime: string): string => isoDateTime.slice(0, 10)
