/**
 * The examples run end to end and say what they claim: the LAUSD cohort (examples/lausd-cohort.ts)
 * and the badge story (examples/issue-badge.ts).
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { issueBadgeStory } from '../examples/issue-badge.js'
import { runCohort } from '../examples/lausd-cohort.js'

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
