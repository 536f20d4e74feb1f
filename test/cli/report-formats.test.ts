/**
 * How reports are written: CSV as RFC 4180 with formula injection neutralised in text cells only,
 * and the way numbers read in tables.
 */
import fc from 'fast-check'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import {
  csvText,
  formatDays,
  formatPercent,
  tableText,
  type CsvColumn,
} from '../../src/cli/report-formats.js'

interface Row {
  readonly name: string
  readonly points: number
}

const columns: ReadonlyArray<CsvColumn<Row>> = [
  { head: 'name', cell: (row) => row.name },
  { head: 'points', cell: (row) => row.points },
]

/** Text with what CSV must quote or neutralise, often at the start. */
const cellText = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '=', '-', '+', '@', '\t', "'"),
  }),
  fc.string({ unit: 'binary' }),
)

describe('csvText', () => {
  it('writes a header row, CRLF line ends, and quotes what needs quoting (RFC 4180)', () => {
    const text = csvText(columns, [
      { name: 'Lopez, Maria', points: 3 },
      { name: 'say "hi"', points: 0 },
      { name: 'two\nlines', points: 1.5 },
    ])
    expect(text).toBe('name,points\r\n"Lopez, Maria",3\r\n"say ""hi""",0\r\n"two\nlines",1.5\r\n')
  })

  it('prefixes a text cell that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '＝1']
    const text = csvText(columns, [...hostile.map((name) => ({ name, points: -3 }))], '\n')
    const [header, ...records] = text.trimEnd().split(/\n(?=[^\t\r])/)
    expect(header).toBe('name,points')
    for (const record of records) {
      expect(record).toMatch(/^"?'/) // the cell starts with ', quoted or not
      expect(record.endsWith(',-3')).toBe(true) // the reversal's -3 stays a number
    }
  })

  it("reads back, through an RFC 4180 parser, as the cells written (neutralised text prefixed with ')", () => {
    const dangerous = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: cellText, points: fc.integer() })),
        fc.constantFrom('\r\n' as const, '\n' as const),
        (rows, delimiter) => {
          const text = csvText(columns, rows, delimiter)
          const records: string[][] = parse(text, { record_delimiter: delimiter })
          expect(records[0]).toEqual(['name', 'points'])
          expect(records.slice(1)).toEqual(
            rows.map(({ name, points }) => [
              dangerous.test(name) ? `'${name}` : name,
              String(points),
            ]),
          )
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('how values read', () => {
  it('percents are whole, days are to a tenth and say day or days', () => {
    expect([formatPercent(66.666), formatPercent(100), formatPercent(0)]).toEqual([
      '67%',
      '100%',
      '0%',
    ])
    expect([formatDays(1), formatDays(0), formatDays(12.9), formatDays(1500)]).toEqual([
      '1 day',
      '0 days',
      '12.9 days',
      '1,500 days',
    ])
  })

  it('a table escapes what a terminal would obey, and says when it is empty', () => {
    const shown = tableText({
      title: 'T',
      columns: [{ head: 'Name', cell: (row: Row) => row.name }],
      rows: [{ name: 'a\u001b[2Jb\u202e', points: 0 }],
      empty: 'none',
    })
    expect(shown).toContain('a\\u001b[2Jb\\u202e')
    expect(shown).not.toContain('\u001b')
    const empty = tableText({ title: 'T', columns: [], rows: [], empty: 'nothing yet' })
    expect(empty).toBe('T\n\nnothing yet')
  })
})
