/**
 * The examples run end to end and say what they claim: the LAUSD cohort (examples/lausd-cohort.ts)
 * and the badge story (examples/issue-badge.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { issueBadgeStory } from '../examples/issue-badge.js'
import { runCohort } from '../examples/lausd-cohort.js'
import { runReadSide } from '../examples/read-side.js'
import { cohortReport } from '../examples/lausd-cohort/report.js'

/** Every TypeScript file under examples/, recursively. */
const exampleFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? exampleFiles(path.join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [path.join(dir, entry.name)]
          : [],
    )

describe('examples/lausd-cohort', () => {
  const { rows, streams, refusals, totals } = runCohort()
  const earned = rows.filter((row) => row.progress.status === 'earned')

  it('enrolls 30, loses one to withdrawal, and 27 earn the credential', () => {
    expect(totals.enrolled).toBe(30)
    expect(totals.withdrawn).toBe(1)
    expect(totals.earned).toBe(27) // 30 - 1 withdrawn - 2 still missing something
    expect(totals.active).toBe(2)
    expect(earned).toHaveLength(27)
    expect(totals.salaryPoints).toBe(27 * 3)
  })

  it('credits every earned educator exactly 30/45/30, 6/6 modules, 5/5 EOLAs and the capstone', () => {
    for (const { progress } of earned) {
      expect(progress.hours.credited).toEqual({ faceToFace: 30, online: 45, homework: 30 })
      expect(progress.modules.completed).toBe(6)
      expect(progress.eolas.meeting).toBe(5)
      expect(progress.capstone.status).toBe('meets')
      expect(progress.missing).toEqual([])
    }
  })

  it('emits CredentialEarned exactly once per earned educator, and never otherwise', () => {
    for (const { enrollmentId, progress } of rows) {
      const events = streams.get(enrollmentId) ?? []
      const credentials = events.filter((event) => event.type === 'CredentialEarned')
      expect(credentials).toHaveLength(progress.status === 'earned' ? 1 : 0)
    }
  })

  it('shows the refusals the rules produce', () => {
    expect(refusals.map((refusal) => refusal.tag)).toEqual(['InvalidHours', 'NotAuthorized'])
  })

  it('prints labels from the progress view, and no one who ended the year as missing anything', () => {
    const text = cohortReport('STEAM', 'steam-2026-27', rows, refusals)
    expect(text).toMatch(
      /steam-2026-27-07 +Grace Park +21\/30 +31\.5\/45 +17\.5\/30 +3\/6 +3\/5 +Not submitted +Withdrawn/,
    )
    expect(text).toMatch(/steam-2026-27-24 +Samuel Okoro .* To revise +In progress/)
    expect(text).toContain(
      'Still missing at the end of the year:\n  Kevin Nguyen: 3 face-to-face hours',
    )
    expect(text).not.toContain('Grace Park:')
    expect(text).not.toMatch(/\b(notSubmitted|awaitingGrade|faceToFace)\b/)
  })

  it('uses the public API only: no example imports src/', () => {
    for (const file of exampleFiles(path.join(import.meta.dirname, '../examples'))) {
      const imports = [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map(
        (m) => m[1],
      )
      expect(
        imports.filter((from) => from?.includes('src/')),
        file,
      ).toEqual([])
    }
  })

  it('totals the credited hours of every enrollment', () => {
    const hours = rows.reduce((sum, row) => sum + row.progress.hours.creditedTotal, 0)
    expect(totals.creditedHours).toBe(hours)
    expect(hours).toBe(27 * 105 + 102 + 105 + 70) // earned, 3 hours short, capstone, withdrawn
  })
})

describe('examples/issue-badge', () => {
  it('issues a badge that verifies in both forms, and is refused as revoked once revoked', async () => {
    const story = await issueBadgeStory()
    expect(story.creditedHours).toBe(105)
    expect(E.isRight(story.before.jwt) && story.before.jwt.right.revocation).toBe('notRevoked')
    expect(E.isRight(story.before.dataIntegrity)).toBe(true)
    expect(story.status).toBe('revoked')
    expect(story.revokedCredentials).toBe(1)
    for (const after of [story.after.jwt, story.after.dataIntegrity]) {
      expect(E.isLeft(after) && [after.left.step, after.left._tag]).toEqual([
        'revocation',
        'Revoked',
      ])
    }
  })
})

describe('examples/read-side', () => {
  it('reads the cohort back from the read model, runs the reaction once, and answers for the past', async () => {
    const { rows, totals, queue, ledger, analytics, withdrawn, welcomeHours, autumn } =
      await runReadSide(12)
    expect(rows).toHaveLength(12)
    expect(totals.byStatus).toEqual({
      active: 1,
      earned: 10,
      withdrawn: 1,
      incomplete: 0,
      revoked: 0,
    })
    expect(withdrawn).toEqual(['steam-2026-27-07'])
    // One award row per credential earned, 3 salary points each under lausdPolicy.
    expect(ledger.map((row) => [row.kind, row.points])).toEqual(
      Array.from({ length: 10 }, () => ['award', 3]),
    )
    expect(analytics[0]?.completionRate).toBeCloseTo(10 / 12)
    expect(queue.every((item) => item.daysWaiting >= 0)).toBe(true)
    // The reaction ran twice over 12 enrollments and recorded the welcome hour 12 times.
    expect(welcomeHours).toBe(12)
    // At the end of 2026 the first educator was still on the way.
    expect(autumn.status).toBe('active')
  })
})
