/**
 * `microcred report ...` run in process on a store holding the demo cohort and a hostile one:
 * each report in each format against the library's read models folded here from the log, `--as-of`
 * against the log truncated at that date, CSV injection, and usage errors.
 */
import fs from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { parse } from 'csv-parse/sync'
import {
  assessorQueue,
  catalogPrograms,
  cohortProgress,
  cohortTotals,
  educatorTranscript,
  enrollmentsReadModel,
  foldProjection,
  programAnalytics,
  salaryPointsLedger,
  type EnrollmentsReadModel,
  type EventStore,
} from 'microcred'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FakeCli } from './fake-environment.js'
import {
  allEvents,
  demoCohort,
  hostileCohort,
  reportStore,
  revoked,
  truncatedCopy,
} from './report-fixture.js'
import { scratchDirectory } from './store-cli.js'

/** "Now" for the reports run without --as-of: after the demo's school year. */
const now = '2027-07-01T12:00:00.000Z'
const file = scratchDirectory('microcred-report-')

let cli: FakeCli
let store: EventStore
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(now) })
  cli = await reportStore()
  store = cli.stores.get('reports') as EventStore
})
afterAll(() => vi.useRealTimers())

/** The read model folded here from every event of a store (not through the CLI's path). */
const modelOf = async (from: EventStore): Promise<EnrollmentsReadModel> => {
  const model = foldProjection(enrollmentsReadModel, await allEvents(from))
  if (E.isLeft(model)) throw new Error(model.left.message)
  return model.right
}

const report = async (...args: string[]) => {
  const ran = await cli.run('report', ...args, '--store', 'reports')
  expect({ code: ran.code, err: ran.err }).toEqual({ code: 0, err: '' })
  return ran.out
}
const json = async (...args: string[]): Promise<unknown> =>
  JSON.parse(await report(...args, '--format', 'json'))
const csv = async (...args: string[]): Promise<string[][]> =>
  parse(await report(...args, '--format', 'csv'))

const programTitle = (id: string, version: number) =>
  catalogPrograms.find((p) => p.id === id && p.version === version)?.title

/** Codes a table must show by their labels. */
const rawCodes = /\b(notSubmitted|awaitingGrade|notEnrolled|faceToFace|exhausted|reversal)\b/

describe('microcred report cohort', () => {
  it('as JSON is every cohort as the library computes it: rows and totals', async () => {
    const model = await modelOf(store)
    const expected = [hostileCohort, demoCohort.id].map((cohortId) => {
      const rows = cohortProgress(model, { cohortId, asOf: now })
      return { cohortId, rows, totals: cohortTotals(rows) }
    })
    expect(await json('cohort')).toEqual(JSON.parse(JSON.stringify(expected)))
    expect(await json('cohort', '--cohort', demoCohort.id)).toEqual(
      JSON.parse(JSON.stringify(expected.slice(1))),
    )
  })

  it('as a table shows labels, percents and the at-risk reasons, every value escaped', async () => {
    const out = await report('cohort')
    expect(out).toContain(`Cohort ${demoCohort.id}, as of 2027-07-01T12:00:00Z (now)`)
    expect(out).toMatch(
      /│ Maria Lopez +│ steam-2026-27-01 +│ 30\/30 +│ 45\/45 +│ 30\/30 .*│ 100% +│ Earned /,
    )
    expect(out).toMatch(/│ Grace Park +│ steam-2026-27-07 +│ 21\/30 .*│ Withdrawn +│ No /)
    expect(out).toMatch(/│ Aisha Johnson .*│ Revoked /)
    expect(out).toMatch(/Not submitted +│ 1% +│ In progress +│ Yes/)
    expect(out).toContain(
      '8 enrollments: 6 earned, 0 in progress, 1 withdrawn, 0 incomplete, 1 revoked; 0 at risk.',
    )
    expect(out).toMatch(/At risk: .* \(hostile-2026-1\): 0% complete with 100% of the 2026-27/)
    expect(out).not.toMatch(rawCodes)
    expect(out).toContain('-2+3 \\u001b[2J')
    expect(out).not.toContain('\u001b')
    expect(out).not.toContain('\u2028')
  })

  it('as CSV has one record per enrollment, the numbers apart and the labels', async () => {
    const model = await modelOf(store)
    const rows = cohortProgress(model, { cohortId: demoCohort.id, asOf: now })
    const [header, ...records] = await csv('cohort', '--cohort', demoCohort.id)
    const at = (record: string[] | undefined, head: string) => record?.[header?.indexOf(head) ?? -1]
    expect(records).toHaveLength(demoCohort.educators)
    for (const [i, row] of rows.entries()) {
      expect(at(records[i], 'enrollment')).toBe(row.enrollmentId)
      expect(Number(at(records[i], 'online hours credited'))).toBe(row.hours.credited.online)
      expect(Number(at(records[i], 'percent complete'))).toBe(row.percentComplete)
      expect(at(records[i], 'status')).toMatch(/^(Earned|In progress|Withdrawn|Revoked)$/)
    }
  })

  it("as CSV neutralises the hostile cohort's formulas in text cells, and keeps numbers", async () => {
    const [header, ...records] = await csv('cohort', '--cohort', hostileCohort)
    const column = (head: string) => records.map((r) => r[header?.indexOf(head) ?? -1] ?? '')
    expect(column('educator id').every((id) => id.startsWith("'=cmd|"))).toBe(true)
    expect(column('educator')).toContain(`'=HYPERLINK("https://evil.example/","click")`)
    expect(column('educator')).toContain("'-2+3 \\u001b[2J") // and the escape shown, on stdout
    expect(column('face-to-face hours credited').map(Number).sort()).toEqual([1, 2, 3, 4, 5])
  })
})

describe('microcred report queue', () => {
  const asOf = '2027-01-12'
  const moment = '2027-01-12T23:59:59.999Z'

  it('lists, oldest first, what awaits a grade as of the date, in every format', async () => {
    const model = await modelOf(await truncatedCopy(store, asOf))
    const items = assessorQueue(model, { now: moment })
    expect(items.length).toBeGreaterThan(0)
    expect(await json('queue', '--as-of', asOf)).toEqual(JSON.parse(JSON.stringify(items)))
    const [header, ...records] = await csv('queue', '--as-of', asOf)
    expect(header?.slice(0, 5)).toEqual([
      'days waiting',
      'submitted at',
      'educator id',
      'educator',
      'enrollment',
    ])
    expect(records.map((r) => [Number(r[0]), r[4]])).toEqual(
      items.map((i) => [i.daysWaiting, i.enrollmentId]),
    )
    const table = await report('queue', '--as-of', asOf)
    expect(table).toContain(`Submissions awaiting a grade, oldest first, as of ${asOf}`)
    expect(table).toMatch(/│ 3 days +│ 2027-01-09 +│ Maria Lopez +│ steam-2026-27-01 +│ EOLA: /)
    expect(table).toContain('Any assessor (first attempt)')
  })

  it("--assessor keeps that assessor's resubmissions; an empty queue says so", async () => {
    const none = await report('queue', '--assessor', 'assessor-nobody')
    expect(none).toContain('Nothing awaits a grade.')
    expect(await json('queue', '--assessor', 'assessor-nobody')).toEqual([])
  })
})

describe('microcred report transcript', () => {
  it('shows every enrollment of an educator, a revoked credential with its reason', async () => {
    const model = await modelOf(store)
    const educatorId = 'educator-03'
    const entries = educatorTranscript(model, educatorId, { programTitle })
    expect(await json('transcript', educatorId)).toEqual(JSON.parse(JSON.stringify(entries)))
    const table = await report('transcript', educatorId)
    expect(table).toContain('Transcript of Aisha Johnson (educator-03)')
    expect(table).toMatch(/│ STEAM +│ steam-2026-27-03 +│ steam-2026-27 +│ Revoked +│ 2026-09-08 /)
    expect(table).toContain(
      `steam-2026-27-03: revoked on 2027-06-15 (3 salary points reversed): ${revoked.reason}`,
    )
    const [header, record] = await csv('transcript', educatorId)
    expect(record?.[header?.indexOf('revocation reason') ?? -1]).toBe(`'${revoked.reason}`)
  })

  it('an educator no enrollment names is an error (exit 1)', async () => {
    const ran = await cli.run('report', 'transcript', 'educator-99', '--store', 'reports')
    expect(ran.code).toBe(1)
    expect(ran.err).toContain("no enrollment names educator 'educator-99'")
  })
})

describe('microcred report salary-points', () => {
  it('is the ledger: JSON as the library returns it, CSV as HR imports it', async () => {
    const ledger = salaryPointsLedger(await modelOf(store))
    expect(await json('salary-points')).toEqual(JSON.parse(JSON.stringify(ledger)))
    const [header, ...records] = await csv('salary-points')
    expect(header).toEqual([
      'employee id',
      'program',
      'points',
      'date',
      'kind',
      'reason',
      'enrollment',
      'credential',
    ])
    expect(records).toEqual(
      ledger.map((row) => [
        row.employeeId,
        row.programId,
        String(row.points),
        row.date.slice(0, 10),
        row.kind,
        row.reason === null ? '' : `'${row.reason}`, // the only reason here is a formula
        row.enrollmentId,
        row.credentialId,
      ]),
    )
    expect(records).toContainEqual([
      'educator-03',
      'steam',
      '-3', // a number stays a number
      '2027-06-15',
      'reversal',
      `'${revoked.reason}`,
      revoked.enrollmentId,
      `credential-${revoked.enrollmentId}`,
    ])
    const table = await report('salary-points')
    expect(table).toMatch(
      /│ 2027-06-15 +│ educator-03 +│ Aisha Johnson +│ steam +│ Reversal +│ -3 /,
    )
    expect(table).toContain('21 points awarded, 3 reversed: 18 in all.')
  })
})

describe('microcred report analytics', () => {
  it("is each program's figures, as the library computes them", async () => {
    const analytics = programAnalytics(await modelOf(store))
    expect(await json('analytics')).toEqual(JSON.parse(JSON.stringify(analytics)))
    const table = await report('analytics', '--program', 'steam')
    expect(table).toMatch(/│ Enrolled +│ 13 +│/)
    expect(table).toMatch(/│ Completion rate +│ \d+% +│/)
    expect(table).toMatch(/│ Grading turnaround, median +│ [\d.]+ days +│/)
    expect(table).toMatch(/│ Incomplete +│ 0 +│/)
    const [header, record] = await csv('analytics')
    expect(header?.slice(3, 8)).toEqual([
      'in progress',
      'withdrawn',
      'incomplete',
      'revoked',
      'completion rate',
    ])
    expect(Number(record?.[7])).toBe(analytics[0]?.completionRate)
  })

  it('a program no enrollment is in is an error (exit 1)', async () => {
    const ran = await cli.run('report', 'analytics', '--program', 'ghost', '--store', 'reports')
    expect(ran.code).toBe(1)
    expect(ran.err).toContain("no enrollment is in program 'ghost'")
  })
})

describe('--as-of', () => {
  const reports = [
    ['cohort'],
    ['queue'],
    ['transcript', 'educator-07'],
    ['salary-points'],
    ['analytics'],
  ] as const

  /** The same report from the log truncated at `day`, read with the clock at the day's end. */
  const onTruncated = async (day: string, args: ReadonlyArray<string>) => {
    cli.stores.set('truncated', await truncatedCopy(store, day))
    vi.setSystemTime(Date.parse(`${day}T23:59:59.999Z`))
    try {
      const ran = await cli.run('report', ...args, '--store', 'truncated')
      expect(ran.err).toBe('')
      return ran.out
    } finally {
      vi.setSystemTime(Date.parse(now))
    }
  }

  it('a past date gives the report of the log truncated at that date, in every format', async () => {
    for (const day of ['2026-10-31', '2027-01-22', '2027-06-01']) {
      for (const args of reports) {
        for (const format of ['json', 'csv', 'table']) {
          const asOf = await report(...args, '--format', format, '--as-of', day)
          const truncated = await onTruncated(day, [...args, '--format', format])
          expect(asOf).toBe(truncated.replaceAll(`${day}T23:59:59Z (now)`, day))
        }
      }
    }
  })

  it('any date of the year: the cohort and queue reports equal those of the truncated log', async () => {
    const day = fc
      .integer({ min: Date.parse('2026-09-01'), max: Date.parse('2027-07-01') })
      .map((ms) => new Date(ms).toISOString().slice(0, 10))
    await fc.assert(
      fc.asyncProperty(day, fc.constantFrom('cohort', 'queue'), async (date, name) => {
        const asOf = await report(name, '--format', 'json', '--as-of', date)
        expect(asOf).toBe(await onTruncated(date, [name, '--format', 'json']))
      }),
      { numRuns: 8 },
    )
  })

  it('a date-time is inclusive, to the millisecond', async () => {
    const [first] = (await json('queue', '--as-of', '2026-10-24T05:00:00Z')) as {
      enrollmentId: string
    }[]
    expect(first?.enrollmentId).toBe('steam-2026-27-01')
    expect(await json('queue', '--as-of', '2026-10-24T04:59:59.999Z')).toEqual([])
  })
})

describe('usage and data errors', () => {
  const fails = async (code: number, message: string | RegExp, ...args: string[]) => {
    const ran = await cli.run('report', ...args)
    expect({ code: ran.code, out: ran.out }).toEqual({ code, out: '' })
    expect(ran.err).toMatch(message)
  }

  it('a bad --format or --as-of is a usage error (exit 2) that says what is expected', async () => {
    await fails(
      2,
      /'--format <format>' argument 'xml' is invalid\. Allowed choices are table, csv, json/,
      'cohort',
      '--format',
      'xml',
    )
    for (const asOf of ['tuesday', '2027-02-30', '2027-01-31T12:00:00', '31/01/2027']) {
      await fails(
        2,
        /argument '.*' is invalid\. expected a day \(2027-01-31\) or an ISO-8601 date-time with a zone/,
        'queue',
        '--as-of',
        asOf,
      )
    }
    await fails(
      2,
      /cannot be used with option '--format/,
      'cohort',
      '--html',
      'x.html',
      '--format',
      'csv',
    )
    await fails(2, /missing required argument 'educatorId'/, 'transcript')
    await fails(2, /expected letters, digits/, 'cohort', '--cohort', '../etc')
  })

  it('an unknown cohort or a missing store is a data error (exit 1)', async () => {
    await fails(
      1,
      /there is no cohort 'nope' in the memory store 'reports': it holds 'hostile-2026', 'steam-2026-27'/,
      'cohort',
      '--cohort',
      'nope',
      '--store',
      'reports',
    )
    await fails(1, /there is no store in nowhere/, 'salary-points', '--store', 'nowhere')
  })
})

describe('--out', () => {
  it('writes CSV with CRLF line ends (RFC 4180), and JSON, to a file', async () => {
    const ran = await cli.run(
      'report',
      'salary-points',
      '--format',
      'csv',
      '--out',
      file('points.csv'),
      '--store',
      'reports',
    )
    expect({ code: ran.code, out: ran.out }).toEqual({ code: 0, out: '' })
    expect(ran.err).toContain(`wrote the report to ${file('points.csv')}`)
    const text = fs.readFileSync(file('points.csv'), 'utf8')
    expect(
      text.startsWith('employee id,program,points,date,kind,reason,enrollment,credential\r\n'),
    ).toBe(true)
    expect(text.split('\r\n')).toHaveLength(1 + 8 + 1) // header, seven awards and a reversal, ''
    await cli.run(
      'report',
      'analytics',
      '--format',
      'json',
      '--out',
      file('a.json'),
      '--store',
      'reports',
    )
    expect(JSON.parse(fs.readFileSync(file('a.json'), 'utf8'))).toEqual(await json('analytics'))
    expect(fs.readdirSync(file('.')).filter((name) => name.endsWith('.partial'))).toEqual([])
  })

  it('a file that cannot be written is a data error (exit 1), and leaves nothing behind', async () => {
    const target = file('missing-directory/points.csv')
    const ran = await cli.run('report', 'salary-points', '--out', target, '--store', 'reports')
    expect({ code: ran.code, out: ran.out }).toEqual({ code: 1, out: '' })
    expect(ran.err).toContain(`microcred: cannot write ${target}: ENOENT`)
    const page = await cli.run('report', 'cohort', '--html', target, '--store', 'reports')
    expect(page.code).toBe(1)
  })
})
