/**
 * What the badge tests share: an issuer, earned enrollments from the core's journey generator,
 * built badges, issuer keys, a fixed "now", and reading the official fixtures.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { Enrollment, EnrollmentCommand, Program } from 'microcred'
import {
  buildOpenBadgeCredential,
  generateIssuerKey,
  issuerProfileDocument,
  type BadgeOptions,
  type OpenBadgeCredential,
} from 'microcred/badge'
import { journeyArbitrary, runSteps, type Journey, type Step } from 'microcred/testing'
import { expect } from 'vitest'

export const issuer = {
  id: 'https://achieve.lausd.net/microcred/issuer',
  name: 'Los Angeles Unified School District',
  url: 'https://achieve.lausd.net',
  email: 'microcredentials@lausd.net',
}

/** After every generated journey has earned its credential (journeys start 2026-09-01). */
export const now = new Date('2027-06-01T00:00:00Z')

/** The earned state at the end of a journey (fails the test if it did not earn). */
export const earnedState = (journey: Journey): Enrollment => {
  const { state } = runSteps(journey.steps)
  expect(state.status).toBe('earned')
  return state as Enrollment
}

/** One earned journey of `program` (for enrollment `enrollmentId`), the same for the same seed. */
export const earnedJourney = (
  program: Program,
  seed = 1,
  enrollmentId = 'enrollment-1',
): Journey => {
  const [journey] = fc.sample(journeyArbitrary({ program, enrollmentId }), { numRuns: 1, seed })
  if (journey === undefined) throw new Error('no journey')
  return journey
}

/** A command an administrator sends at `at` (a withdrawal, a revocation). */
export const byAdministrator = (command: EnrollmentCommand, at: string): Step => ({
  command,
  context: {
    actor: { id: 'admin-1', roles: ['administrator'] },
    at,
    commandId: `${command.type}-${command.data.enrollmentId}`,
  },
})

/** The badge of an earned journey (fails the test if it is refused). */
export const badgeOf = (
  journey: Journey,
  options: BadgeOptions = { salt: 'a1b2c3d4e5f60718' },
): OpenBadgeCredential => {
  const built = buildOpenBadgeCredential(earnedState(journey), journey.program, issuer, options)
  if (E.isLeft(built)) throw new Error(built.left.message)
  return built.right
}

/** The issuer's three keys, and its published Profile. */
export const issuerKeys = async () => {
  const [ed25519, es256, rs256] = await Promise.all([
    generateIssuerKey('EdDSA', { controller: issuer.id }),
    generateIssuerKey('ES256', { controller: issuer.id }),
    generateIssuerKey('RS256', { controller: issuer.id }),
  ])
  const profile = await issuerProfileDocument(issuer, [ed25519, es256, rs256])
  return { ed25519, es256, rs256, profile, keys: profile.verificationMethod }
}

/** An official example from test/badge/fixtures (see its SOURCES.md). */
export const fixture = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', path), 'utf8')) as Record<
    string,
    unknown
  >

/** A deep copy to change. */
export const copy = <A>(value: A): A => structuredClone(value)
