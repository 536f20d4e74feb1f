/**
 * `microcred report analytics` under the assessment process: the share graded within target,
 * agreement per assessor pair with Cohen's kappa, and the assessors below the agreement threshold
 * flagged for calibration; `--agreement-threshold` sets the threshold (80% unless given).
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  enrollmentDecider,
  handleCommand,
  lausdPolicy,
  type Actor,
  type EnrollmentCommand,
  type EventStore,
} from 'microcred'
import { fakeCli } from './fake-environment.js'

const decider = enrollmentDecider({
  ...lausdPolicy,
  assessment: { blind: true, secondScoring: 'all', gradingTargetDays: 2, holidays: [] },
})
const eola = catalog.steam.eolas[0]!
const scores = (meets: boolean) =>
  Object.fromEntries(eola.rubric.map((c, i) => [c.id, meets || i > 0 ? c.meetsAt : 0]))

const send = async (store: EventStore, at: string, actor: Actor, command: EnrollmentCommand) => {
  const sent = await handleCommand(store, decider, command, {
    actor,
    at,
    commandId: `${command.data.enrollmentId}-${at}`,
  })
  if (E.isLeft(sent)) throw new Error(sent.left.message)
}

/** One EOLA submitted, then scored by each assessor in turn: [assessor, meets]. */
const scored = async (
  store: EventStore,
  enrollmentId: string,
  grades: ReadonlyArray<readonly [string, boolean]>,
) => {
  const educator = { id: `edu-${enrollmentId}`, name: 'Ana Ruiz', email: 'ana@lausd.net' }
  const admin = { id: 'admin-1', roles: ['administrator' as const] }
  const data = { enrollmentId, cohortId: 'steam-2026', program: catalog.steam, educator }
  await send(store, '2026-11-30T16:00:00Z', admin, { type: 'Enroll', data })
  await send(
    store,
    '2026-12-01T16:00:00Z',
    { id: educator.id, roles: ['educator'] },
    {
      type: 'SubmitArtifact',
      data: {
        enrollmentId,
        eolaId: eola.id,
        evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }],
        reflection: 'First try.',
      },
    },
  )
  for (const [i, [assessorId, meets]] of grades.entries()) {
    await send(
      store,
      `2026-12-02T1${i}:00:00Z`,
      { id: assessorId, roles: ['assessor'] },
      {
        type: 'GradeArtifact',
        data: { enrollmentId, eolaId: eola.id, attempt: 1, scores: scores(meets), feedback: '' },
      },
    )
  }
}

const setUp = async () => {
  const cli = fakeCli()
  const store = createInMemoryEventStore()
  // a-1 and a-2 agree on three of four; a-3 adjudicates the one they disagree on.
  await scored(store, 'enr-1', [
    ['a-1', true],
    ['a-2', true],
  ])
  await scored(store, 'enr-2', [
    ['a-1', false],
    ['a-2', false],
  ])
  await scored(store, 'enr-3', [
    ['a-1', true],
    ['a-2', true],
  ])
  await scored(store, 'enr-4', [
    ['a-1', true],
    ['a-2', false],
    ['a-3', false],
  ])
  cli.stores.set('agree', store)
  return cli
}

describe('microcred report analytics: assessor agreement', () => {
  it('shows the share within target, each pair with kappa, and flags those under 80%', async () => {
    const cli = await setUp()
    const ran = await cli.run('report', 'analytics', '--store', 'agree', '--as-of', '2026-12-31')
    expect({ code: ran.code, err: ran.err }).toEqual({ code: 0, err: '' })
    expect(ran.out).toMatch(/Graded within target +│ 100% \(4 of 4\)/)
    expect(ran.out).toMatch(/Agreement, a-1 and a-2 +│ 75% of 4, kappa 0\.5/)
    expect(ran.out).toMatch(/Calibration: a-1 +│ agrees 60%, below 80%/)
    expect(ran.out).toMatch(/Calibration: a-3 +│ agrees 50%, below 80%/)
    expect(ran.out).not.toMatch(/Calibration: a-2/) // 4 of 5: 80% is not below 80%
  })

  it('--agreement-threshold 60 flags only those below 60%; a bad value is a usage error', async () => {
    const cli = await setUp()
    const ran = await cli.run(
      'report',
      'analytics',
      '--store',
      'agree',
      '--agreement-threshold',
      '60',
    )
    expect(ran.code).toBe(0)
    expect(ran.out).toMatch(/Calibration: a-3 +│ agrees 50%, below 60%/)
    expect(ran.out).not.toMatch(/Calibration: a-[12]/)
    const json = await cli.run(
      'report',
      'analytics',
      '--store',
      'agree',
      '--agreement-threshold',
      '90',
      '--format',
      'json',
    )
    const [steam] = JSON.parse(json.out) as Array<{
      assessorAgreement: { threshold: number; assessors: Array<{ flagged: boolean }> }
    }>
    expect(steam?.assessorAgreement.threshold).toBe(0.9)
    expect(steam?.assessorAgreement.assessors.map((a) => a.flagged)).toEqual([true, true, true])
    for (const bad of ['0', '101', '80%', 'high']) {
      const refused = await cli.run(
        'report',
        'analytics',
        '--store',
        'agree',
        '--agreement-threshold',
        bad,
      )
      expect(refused.code).toBe(2)
      expect(refused.err).toMatch(/--agreement-threshold.*a percent from 1 to 100/)
    }
  })
})

describe('microcred report queue under the assessment process', () => {
  it('names who may score a round and shows when each grade is due, in the table and the CSV', async () => {
    const cli = await setUp()
    const store = cli.stores.get('agree')!
    await scored(store, 'enr-5', [['a-1', true]]) // awaits a second scorer
    await scored(store, 'enr-6', [
      ['a-1', true],
      ['a-2', false],
    ]) // disputed: awaits an adjudicator
    const ran = await cli.run('report', 'queue', '--store', 'agree', '--as-of', '2026-12-02')
    expect({ code: ran.code, err: ran.err }).toEqual({ code: 0, err: '' })
    // Submitted Tuesday the 1st with a target of 2 business days: due Thursday the 3rd.
    expect(ran.out).toMatch(/A second assessor \(not a-1\) +│ 2026-12-03 +│/)
    expect(ran.out).toMatch(/An adjudicator \(not a-1, a-2\) +│ 2026-12-03 +│/)
    expect(ran.out).not.toMatch(/Any assessor/)
    const late = await cli.run('report', 'queue', '--store', 'agree', '--as-of', '2026-12-04')
    expect(late.out).toMatch(/2026-12-03 \(overdue\)/)
    const csv = await cli.run(
      'report',
      'queue',
      '--store',
      'agree',
      '--as-of',
      '2026-12-04',
      '--format',
      'csv',
    )
    const [head, ...rows] = csv.out.trim().split('\n')
    expect(head).toMatch(/,assessor,round,scored by,due date,overdue$/)
    expect(rows.map((row) => row.split(',').slice(-4))).toEqual([
      ['2', 'a-1', '2026-12-03', 'yes'],
      ['3', 'a-1 a-2', '2026-12-03', 'yes'],
    ])
  })
})
