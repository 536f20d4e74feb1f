/**
 * `microcred status <enrollmentId> [--format table|json]` prints the progress view of the demo's
 * enrollments (in memory): labels in every table and never a raw code, the dates of the
 * enrollment's life, next steps and what is missing while it is active, and nothing missing once
 * withdrawn or revoked; `--format json` prints the view itself.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  NextActionCode,
  ProgressView,
  RequirementStateCode,
  aggregateStream,
  enrollment,
  enrollmentStreamId,
  progressView,
} from 'microcred'
import { fakeCli } from './fake-environment.js'

const { run, stores } = fakeCli()
const id = (n: string) => `steam-2026-27-${n}`
const status = (n: string, ...more: string[]) => run('status', id(n), '--store', 'a', ...more)

/** Every code a view holds, which no table may show as it is. */
const codes = new Set([
  ...Object.keys(RequirementStateCode.keys),
  ...Object.keys(NextActionCode.keys),
  'notEnrolled',
  'active',
  'earned',
  'withdrawn',
  'revoked',
  'faceToFace',
  'online',
  'homework',
])
const tableCells = (out: string) =>
  out
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .flatMap((line) => line.split('│').map((cell) => cell.trim()))
    .filter((cell) => cell !== '')

beforeAll(async () => {
  // 07 withdraws in January, 12 misses a session, 24 has a capstone to revise, the rest earn.
  expect((await run('demo', '--educators', '24', '--store', 'a')).code).toBe(0)
}, 60_000)

describe('microcred status', () => {
  it('shows a withdrawn enrollment with its date and reason, and no missing items', async () => {
    const { code, out, err } = await status('07')
    expect({ code, err }).toEqual({ code: 0, err: '' })
    expect(out).toContain('Program steam version 1, cohort steam-2026-27: withdrawn')
    expect(out).toMatch(
      /│ Withdrawn +│ 2027-01-22 17:06 UTC by admin-rivera: Accepted a position outside the District +│/,
    )
    expect(out).toMatch(/│ Assessing STEAM Learning +│ 3\/6 +│ 4\.5\/9 +│ 2\.5\/5 +│ Incomplete +│/)
    expect(out).toMatch(/│ Total +│ 21\/30 +│ 31\.5\/45 +│ 17\.5\/30 +│ Incomplete +│/)
    expect(out).not.toContain('Still missing')
    expect(out).not.toContain('Next steps')
    expect(tableCells(out).filter((cell) => codes.has(cell))).toEqual([])
  })

  it('shows an active enrollment with its next steps in order and what is missing', async () => {
    const { out } = await status('24')
    expect(out).toContain('cohort steam-2026-27: in progress')
    expect(out).toMatch(/│ Capstone +│ To revise +│ 1\/3 +│/)
    expect(out).toContain('Next steps:\n  1. Revise and resubmit the capstone (attempt 2 of 3)\n')
    expect(out).toContain('Still missing:\n  the capstone: to revise and resubmit')
    const short = await status('12')
    expect(short.out).toContain(
      "Next steps:\n  1. Complete 3 face-to-face hours in module 'Assessing STEAM Learning'",
    )
    for (const { out: text } of [short, { out }]) {
      expect(tableCells(text).filter((cell) => codes.has(cell))).toEqual([])
    }
  })

  it('shows an earned credential with its date and salary points', async () => {
    const { out } = await status('01')
    expect(out).toContain('Program steam version 1, cohort steam-2026-27: earned')
    expect(out).toMatch(
      /│ Earned +│ 2027-05-22 20:00 UTC: 3 salary points \(credential credential-steam-2026-27-01\) +│/,
    )
    expect(out).toMatch(/│ EOLA: STEAM Learning Environment Audit +│ Meets +│ 1\/3 +│/)
    expect(out).not.toContain('Next steps')
    expect(tableCells(out).filter((cell) => codes.has(cell))).toEqual([])
  })

  it('shows a revoked credential with the reason, and no missing items', async () => {
    const revoked = await run(
      'revoke',
      id('02'),
      '--reason',
      'Issued in error',
      '--actor',
      'admin-rivera',
      '--at',
      '2027-07-01T16:00:00Z',
      '--store',
      'a',
    )
    expect(revoked.code).toBe(0)
    const { out } = await status('02')
    expect(out).toContain('cohort steam-2026-27: revoked')
    expect(out).toMatch(/│ Revoked +│ 2027-07-01 16:00 UTC by admin-rivera: Issued in error +│/)
    expect(out).toMatch(/│ Earned +│ 2027-05-22/)
    expect(out).not.toContain('Still missing')
  })

  it('--format json prints the progress view the library computes', async () => {
    const { code, out } = await status('07', '--format', 'json')
    expect(code).toBe(0)
    const printed: unknown = JSON.parse(out)
    expect(ProgressView.is(printed)).toBe(true)
    const store = stores.get('a')
    if (store === undefined) throw new Error('no store a')
    const read = await aggregateStream(store, enrollment, enrollmentStreamId(id('07')))
    expect(read._tag === 'Right' && progressView(read.right.state)).toEqual(printed)
    expect(printed).toMatchObject({
      status: { code: 'withdrawn', label: 'Withdrawn' },
      missing: [],
      next: [],
    })
  })

  it('refuses another format as a usage error', async () => {
    const { code, err } = await status('07', '--format', 'xml')
    expect(code).toBe(2)
    expect(err).toContain("argument 'xml' is invalid")
  })
})
