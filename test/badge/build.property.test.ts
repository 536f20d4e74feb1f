/**
 * Properties of buildOpenBadgeCredential over the core's generated histories: every earned
 * enrollment's badge validates against the official schema and says what the enrollment earned;
 * nothing else gets a badge.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { enrollment, totalHours, type Enrollment } from 'microcred'
import {
  buildOpenBadgeCredential,
  isRecipient,
  OpenBadgeCredential,
  validateBadgeStructure,
} from 'microcred/badge'
import { journeyArbitrary, noisyJourneyArbitrary, runSteps } from 'microcred/testing'
import { describe, expect, it } from 'vitest'
import { byAdministrator, issuer } from './helpers.js'

const salt = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim().length > 0)

describe('badges of random earned histories', () => {
  it('validate against the official achievementcredential schema and say what was earned', () => {
    fc.assert(
      fc.property(journeyArbitrary(), salt, (journey, salt) => {
        const state = runSteps(journey.steps).state as Enrollment
        const built = buildOpenBadgeCredential(state, journey.program, issuer, { salt })
        if (E.isLeft(built)) throw new Error(built.left.message)
        const badge = built.right
        expect(validateBadgeStructure(badge)).toEqual(E.right(badge))
        expect(OpenBadgeCredential.is(badge)).toBe(true)
        expect(isRecipient(badge, journey.educator.email)).toBe(true)
        expect(JSON.stringify(badge)).not.toContain(journey.educator.email)
        const required = state.requirements.modules.reduce((sum, m) => sum + totalHours(m.hours), 0)
        expect(badge.credentialSubject.achievement.creditsAvailable).toBe(required)
        expect(badge.credentialSubject.creditsEarned).toBe(required)
        expect(badge.credentialSubject.result[0]?.value).toBe(String(journey.program.salaryPoints))
        const pieces = Object.values(state.artifacts)
          .flatMap((attempts) => attempts.filter((a) => a.grade?.outcome === 'meets'))
          .reduce((n, attempt) => n + attempt.evidence.length, 0)
        expect(badge.evidence).toHaveLength(pieces + (state.capstone.length > 0 ? 1 : 0))
        for (const eola of journey.program.eolas)
          expect(badge.credentialSubject.achievement.criteria.narrative).toContain(eola.title)
      }),
      { numRuns: 40 },
    )
  })
})

describe('no badge but for an earned, unrevoked enrollment', () => {
  it('every prefix of an earned history before CredentialEarned is refused; from it on, built', () => {
    fc.assert(
      fc.property(journeyArbitrary(), fc.double({ min: 0, max: 1, noNaN: true }), (journey, at) => {
        const { events } = runSteps(journey.steps)
        const length = Math.floor(at * events.length)
        const prefix = events.slice(0, length)
        const built = buildOpenBadgeCredential(enrollment.fold(prefix), journey.program, issuer, {
          salt: 's',
        })
        const earned = prefix.some((event) => event.type === 'CredentialEarned')
        expect(E.isRight(built)).toBe(earned)
        if (E.isLeft(built)) expect(built.left._tag).toBe('NotEarned')
      }),
      { numRuns: 40 },
    )
  })

  it('histories with random commands from random actors get a badge exactly when earned', () => {
    fc.assert(
      fc.property(noisyJourneyArbitrary(), (journey) => {
        const { state } = runSteps(journey.steps)
        const built = buildOpenBadgeCredential(state, journey.program, issuer, { salt: 's' })
        expect(E.isRight(built)).toBe(state.status === 'earned')
        if (state.status === 'revoked')
          expect(built).toMatchObject({ left: { _tag: 'EnrollmentRevoked' } })
      }),
      { numRuns: 30 },
    )
  })

  it('a revoked credential is refused', () => {
    fc.assert(
      fc.property(journeyArbitrary(), (journey) => {
        const revoke = byAdministrator(
          {
            type: 'RevokeCredential',
            data: { enrollmentId: journey.enrollmentId, reason: 'Issued in error' },
          },
          '2030-01-01T00:00:00Z',
        )
        const { state } = runSteps([...journey.steps, revoke])
        expect(state.status).toBe('revoked')
        const built = buildOpenBadgeCredential(state, journey.program, issuer, { salt: 's' })
        expect(built).toMatchObject({ left: { _tag: 'EnrollmentRevoked' } })
      }),
      { numRuns: 20 },
    )
  })
})
