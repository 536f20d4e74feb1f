/**
 * buildOpenBadgeCredential: the badges of the seven catalog programs, what they say, and the
 * enrollments that get no badge.
 */
import * as E from 'fp-ts/lib/Either.js'
import { catalog, catalogPrograms, enrollment, type EnrollmentState } from 'microcred'
import {
  buildOpenBadgeCredential,
  contextUrls,
  isRecipient,
  OpenBadgeCredential,
  validateBadgeStructure,
  type BadgeError,
} from 'microcred/badge'
import { runSteps } from 'microcred/testing'
import { describe, expect, it } from 'vitest'
import { badgeOf, byAdministrator, earnedJourney, earnedState, issuer } from './helpers.js'

const refusal = (result: E.Either<BadgeError, unknown>): BadgeError => {
  if (E.isRight(result)) throw new Error('expected a refusal')
  return result.left
}

describe('the badges of the catalog programs', () => {
  it.each(catalogPrograms.map((program) => [program.title, program] as const))(
    '%s: an OpenBadgeCredential that validates against the official schema',
    (_, program) => {
      const journey = earnedJourney(program)
      const state = earnedState(journey)
      const badge = badgeOf(journey)
      expect(validateBadgeStructure(badge)).toEqual(E.right(badge))
      expect(OpenBadgeCredential.is(badge)).toBe(true)
      expect(badge['@context']).toEqual([
        contextUrls.credentials,
        contextUrls.openBadges,
        contextUrls.extensions,
      ])
      expect(badge.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential'])
      expect(badge.id).toBe(`${issuer.id}/credentials/${state.credential?.credentialId}`)
      expect(Date.parse(badge.validFrom)).toBe(Date.parse(state.credential?.earnedAt ?? ''))
      expect(badge.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(badge.issuer).toMatchObject({ id: issuer.id, type: ['Profile'], name: issuer.name })
      expect(badge.credentialStatus).toEqual({
        id: `${issuer.id}/revocations`,
        type: '1EdTechRevocationList',
      })
    },
  )

  it('names the educator by a salted SHA-256 hash of the email, never the address', () => {
    const journey = earnedJourney(catalog.steam)
    const badge = badgeOf(journey, { salt: 'pepper-1' })
    const [identifier] = badge.credentialSubject.identifier
    expect(identifier).toMatchObject({
      identityType: 'emailAddress',
      hashed: true,
      salt: 'pepper-1',
    })
    expect(identifier?.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/)
    expect(JSON.stringify(badge)).not.toContain(journey.educator.email)
    expect(isRecipient(badge, journey.educator.email.toUpperCase())).toBe(true)
    expect(isRecipient(badge, 'someone.else@district.example.org')).toBe(false)
    expect(badge.credentialSubject.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab]/,
    )
  })

  it('states the requirements in the criteria: hours by mode and course, the EOLAs, the capstone', () => {
    const { achievement } = badgeOf(earnedJourney(catalog.steam)).credentialSubject
    const { narrative } = achievement.criteria
    expect(narrative).toContain(
      '105 hours of professional learning: 30 hours face-to-face, 45 hours online (self-paced) ' +
        'and 30 hours of homework and fieldwork, in 3 courses',
    )
    expect(narrative).toContain('Foundations and Access: 2 modules, 40 hours')
    expect(narrative).toContain('Leadership and Capstone: 2 modules, 25 hours')
    expect(narrative).toContain('Submitted 5 Evidence of Learning Artifacts')
    for (const eola of catalog.steam.eolas) expect(narrative).toContain(eola.title)
    expect(narrative).toContain(`Completed a capstone: ${catalog.steam.capstone?.description}`)
  })

  it('carries the standards as alignments, the image, the credit hours and the salary points', () => {
    const badge = badgeOf(earnedJourney(catalog.englishLearner))
    const { achievement } = badge.credentialSubject
    expect(achievement.achievementType).toBe('MicroCredential')
    expect(achievement.alignment).toEqual(
      catalog.englishLearner.standards.map((standard) => ({ type: ['Alignment'], ...standard })),
    )
    expect(achievement.image).toEqual({
      id: catalog.englishLearner.badge.imageUrl,
      type: 'Image',
      caption: catalog.englishLearner.badge.name,
    })
    expect(achievement.creditsAvailable).toBe(105)
    expect(badge.credentialSubject.creditsEarned).toBe(105)
    expect(achievement.resultDescription).toEqual([
      {
        id: `${achievement.id}#salary-points`,
        type: ['ResultDescription'],
        name: 'Salary points',
        resultType: 'ext:SalaryPoints',
      },
    ])
    expect(badge.credentialSubject.result).toEqual([
      { type: ['Result'], resultDescription: `${achievement.id}#salary-points`, value: '3' },
    ])
  })

  it("links each EOLA's accepted work and the capstone as evidence", () => {
    const journey = earnedJourney(catalog.steam, 7)
    const state = earnedState(journey)
    const { evidence } = badgeOf(journey)
    const accepted = state.requirements.eolas.map((eola) =>
      state.artifacts[eola.id]?.find((attempt) => attempt.grade?.outcome === 'meets'),
    )
    const pieces = accepted.flatMap((attempt) => attempt?.evidence ?? [])
    expect(evidence.map((e) => e.id)).toEqual([
      ...pieces.map((piece) => piece.url),
      state.capstone.find((attempt) => attempt.grade?.outcome === 'meets')?.documentationUrl,
    ])
    expect(evidence[0]).toMatchObject({
      type: ['Evidence'],
      name: `EOLA 1: ${state.requirements.eolas[0]?.title}`,
      genre: 'Lesson plan',
      narrative: accepted[0]?.reflection,
    })
    expect(evidence.at(-1)).toMatchObject({ genre: 'Capstone' })
    expect(evidence.at(-1)?.narrative).toContain('Next steps: ')
  })

  it('is a pure function: the same input gives the same badge; the salt changes the hash and the subject id', () => {
    const journey = earnedJourney(catalog.dualLanguage)
    expect(badgeOf(journey)).toEqual(badgeOf(journey))
    const a = badgeOf(journey, { salt: 'salt-a' }).credentialSubject
    const b = badgeOf(journey, { salt: 'salt-b' }).credentialSubject
    expect(a.identifier[0]?.identityHash).not.toBe(b.identifier[0]?.identityHash)
    expect(a.id).not.toBe(b.id)
  })

  it('takes a base URL, an expiry and a subject id from the options', () => {
    const badge = badgeOf(earnedJourney(catalog.steam), {
      salt: 's',
      baseUrl: 'https://badges.lausd.net/',
      validUntil: '2031-06-30T23:59:59-07:00',
      subjectId: 'did:example:educator-1',
    })
    expect(badge.id.startsWith('https://badges.lausd.net/credentials/')).toBe(true)
    expect(badge.credentialStatus.id).toBe('https://badges.lausd.net/revocations')
    expect(badge.validUntil).toBe('2031-07-01T06:59:59Z')
    expect(badge.credentialSubject.id).toBe('did:example:educator-1')
  })
})

describe('enrollments that get no badge', () => {
  const journey = earnedJourney(catalog.steam)
  const { events, state } = runSteps(journey.steps)
  const build = (s: EnrollmentState, options = { salt: 's' }) =>
    buildOpenBadgeCredential(s, journey.program, issuer, options)

  it('refuses an enrollment that has not started, or is still active', () => {
    expect(refusal(build(enrollment.initialState))._tag).toBe('NotEarned')
    const active = enrollment.fold(events.slice(0, -1))
    expect(active.status).toBe('active')
    expect(refusal(build(active))).toMatchObject({
      _tag: 'NotEarned',
      message: expect.stringContaining('is active'),
    })
  })

  it('refuses a withdrawn enrollment', () => {
    const withdrawn = runSteps([
      ...journey.steps.slice(0, 3),
      byAdministrator(
        { type: 'Withdraw', data: { enrollmentId: journey.enrollmentId, reason: 'Moved away' } },
        '2026-12-01T00:00:00Z',
      ),
    ]).state
    expect(withdrawn.status).toBe('withdrawn')
    expect(refusal(build(withdrawn))._tag).toBe('NotEarned')
  })

  it('refuses a revoked credential', () => {
    const revoked = runSteps([
      ...journey.steps,
      byAdministrator(
        {
          type: 'RevokeCredential',
          data: { enrollmentId: journey.enrollmentId, reason: 'Issued in error' },
        },
        '2027-01-01T00:00:00Z',
      ),
    ]).state
    expect(revoked.status).toBe('revoked')
    expect(refusal(build(revoked))._tag).toBe('EnrollmentRevoked')
  })

  it('refuses another program, or another version, than the one the enrollment pinned', () => {
    const other = buildOpenBadgeCredential(state, catalog.antiRacist, issuer, { salt: 's' })
    expect(refusal(other)._tag).toBe('ProgramMismatch')
    const v2 = buildOpenBadgeCredential(state, { ...journey.program, version: 2 }, issuer, {
      salt: 's',
    })
    expect(refusal(v2).message).toContain('version 1')
  })

  it('refuses invalid options and issuers, naming the path', () => {
    expect(refusal(build(state, { salt: ' ' }))).toMatchObject({
      _tag: 'InvalidBadgeInput',
      issues: [{ path: 'salt', message: expect.any(String) }],
    })
    const noName = buildOpenBadgeCredential(
      state,
      journey.program,
      { id: issuer.id, name: '' },
      { salt: 's' },
    )
    expect(refusal(noName).message).toContain('at name')
    const didIssuer = buildOpenBadgeCredential(
      state,
      journey.program,
      { id: 'did:web:lausd.net', name: 'LAUSD' },
      { salt: 's' },
    )
    expect(refusal(didIssuer).message).toContain('options.baseUrl')
    const expiredAtOnce = build(state, { salt: 's', validUntil: '2026-09-01T00:00:00Z' } as never)
    expect(refusal(expiredAtOnce).message).toContain('must come after')
  })
})
