/**
 * The stack's badge: built from a stack an educator earned (its state folded from decided
 * commands) and the member enrollments of generated journeys; valid against 1EdTech's official
 * AchievementCredential schema; signed as a VC-JWT and with Data Integrity and verified like any
 * badge; its evidence the member badges' own ids. Refused when not earned, revoked, missing a
 * member or given another program version; a hostile stack (a javascript: image, a <script> in
 * its name) is refused or carried as inert text, like a program's.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  catalog,
  foldEnrollment,
  stack,
  type EnrollmentEvent,
  type Program,
  type StackCommand,
  type StackState,
} from 'microcred'
import {
  buildOpenBadgeCredential,
  buildStackCredential,
  OpenBadgeCredential,
  signBadgeDataIntegrity,
  signBadgeJwt,
  validateBadgeStructure,
  verifyBadge,
} from 'microcred/badge'
import { journeyArbitrary, runSteps } from 'microcred/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { issuer, issuerKeys, now } from './helpers.js'

const educatorId = 'educator-7'

/** An earned enrollment of `program`, for educator-7 (named as `named`). */
const earnedEnrollment = (program: Program, enrollmentId: string, seed: number, named: string) => {
  const [journey] = fc.sample(journeyArbitrary({ program, enrollmentId }), { numRuns: 1, seed })
  if (journey === undefined) throw new Error('no journey')
  const events = runSteps(journey.steps).events.map((event): EnrollmentEvent =>
    event.type === 'EducatorEnrolled'
      ? {
          ...event,
          data: {
            ...event.data,
            educator: { id: named, name: 'Ana Ruiz', email: 'Ana.Ruiz@lausd.net' },
          },
        }
      : event,
  )
  const state = foldEnrollment(events)
  expect(state.status).toBe('earned')
  return state
}

const steam = earnedEnrollment(catalog.steam, 'enr-steam', 1, 'EDUCATOR-7')
const dual = earnedEnrollment(catalog.dualLanguage, 'enr-dual', 2, educatorId)
const members = [
  { enrollment: steam, program: catalog.steam },
  { enrollment: dual, program: catalog.dualLanguage },
]

const admin = { actor: { id: 'admin-1', roles: ['administrator' as const] } }
const badgeText = {
  name: 'LAUSD Instructional Leader',
  description: 'The STEAM and Dual Language Education micro-credentials together.',
  criteria: 'Earn both member micro-credentials.',
  imageUrl: 'https://achieve.lausd.net/microcred/badges/leader.png',
}

/** The stack's state after these commands, each decided in turn (all must be accepted). */
const decideAll = (commands: ReadonlyArray<StackCommand>): StackState =>
  commands.reduce((state, command, i) => {
    const decided = stack.decide(command, state, {
      ...admin,
      at: new Date(Date.parse('2027-06-01T00:00:00Z') + i * 60_000).toISOString(),
      commandId: `c-${i}`,
    })
    if (E.isLeft(decided)) throw new Error(decided.left.message)
    return stack.fold(decided.right, state)
  }, stack.initialState)

const commandsFor = (badge = badgeText, revoke = false): StackCommand[] => [
  {
    type: 'DefineStack',
    data: {
      stackId: 'leader',
      title: 'Instructional Leader',
      description: 'STEAM and Dual Language together.',
      memberProgramIds: [catalog.steam.id, catalog.dualLanguage.id],
      badge,
    },
  },
  ...members.flatMap(({ enrollment }): StackCommand[] =>
    enrollment.status === 'notEnrolled'
      ? []
      : [
          {
            type: 'RecordMemberEnrollment',
            data: {
              stackId: 'leader',
              enrollmentId: enrollment.enrollmentId,
              educatorId: enrollment.educator.id,
              programId: enrollment.programId,
            },
          },
          {
            type: 'RecordMemberCredential',
            data: {
              stackId: 'leader',
              enrollmentId: enrollment.enrollmentId,
              credentialId: enrollment.credential?.credentialId ?? '',
            },
          },
        ],
  ),
  ...(revoke
    ? [
        {
          type: 'RecordMemberRevocation' as const,
          data: {
            stackId: 'leader',
            enrollmentId: 'enr-dual',
            credentialId:
              dual.status === 'notEnrolled' ? '' : (dual.credential?.credentialId ?? ''),
            reason: 'Issued in error',
          },
        },
      ]
    : []),
]

const earnedStack = decideAll(commandsFor())
const options = { salt: 'a1b2c3d4e5f60718' }

describe('the stack badge', () => {
  let keys: Awaited<ReturnType<typeof issuerKeys>>
  beforeAll(async () => {
    keys = await issuerKeys()
  })

  it('is an OpenBadgeCredential valid against the official schema, the stack as achievement, the members as evidence', () => {
    const built = buildStackCredential(earnedStack, 'Educator-7', members, issuer, options)
    if (E.isLeft(built)) throw new Error(built.left.message)
    const badge = built.right
    expect(OpenBadgeCredential.is(badge)).toBe(true)
    expect(validateBadgeStructure(JSON.parse(JSON.stringify(badge)))).toSatisfy(E.isRight)
    expect(badge.credentialSubject.achievement.name).toBe(badgeText.name)
    expect(badge.credentialSubject.achievement.image.id).toBe(badgeText.imageUrl)
    expect(badge.credentialSubject.achievement.criteria.narrative).toContain(
      `- ${catalog.steam.badge.name}\n- ${catalog.dualLanguage.badge.name}`,
    )
    expect(badge.credentialSubject.creditsEarned).toBe(210)
    // The evidence is each member's own badge, as the district publishes it.
    const memberBadges = members.map(({ enrollment, program }) => {
      const own = buildOpenBadgeCredential(enrollment, program, issuer, options)
      if (E.isLeft(own)) throw new Error(own.left.message)
      return own.right
    })
    expect(badge.evidence.map((e) => e.id)).toEqual(memberBadges.map((b) => b.id))
    // The same person, the same recipient: the hash and subject match the member badges'.
    expect(badge.credentialSubject.identifier).toEqual(
      memberBadges[0]?.credentialSubject.identifier,
    )
    expect(badge.validFrom).toBe('2027-06-01T00:04:00Z') // when the last member was recorded
  })

  it('signed as a VC-JWT and with Data Integrity, it verifies like any badge', async () => {
    const built = buildStackCredential(earnedStack, educatorId, members, issuer, options)
    if (E.isLeft(built)) throw new Error(built.left.message)
    const later = new Date(now.getTime() + 30 * 86_400_000)
    const jwt = await signBadgeJwt(built.right, {
      privateKey: keys.es256.privateKeyJwk,
      kid: keys.es256.id,
      alg: 'ES256',
    })
    if (E.isLeft(jwt)) throw new Error(jwt.left.message)
    const viaJwt = await verifyBadge(jwt.right, { keys: keys.keys, now: later })
    expect(E.isRight(viaJwt) && viaJwt.right.name).toBe(badgeText.name)
    const signed = await signBadgeDataIntegrity(built.right, { keyPair: keys.ed25519 })
    if (E.isLeft(signed)) throw new Error(signed.left.message)
    const viaProof = await verifyBadge(signed.right, { keys: keys.keys, now: later })
    if (E.isLeft(viaProof)) throw new Error(viaProof.left.message)
    expect(viaProof.right.evidence.map((e) => e.genre)).toEqual([
      'Micro-credential',
      'Micro-credential',
    ])
  })

  it('is refused when not earned, revoked, missing a member, or given another program version', () => {
    const tagOf = (result: E.Either<{ _tag: string }, unknown>) =>
      E.isLeft(result) ? result.left._tag : 'built'
    expect(
      tagOf(buildStackCredential(stack.initialState, educatorId, members, issuer, options)),
    ).toBe('NotEarned')
    expect(tagOf(buildStackCredential(earnedStack, 'educator-8', members, issuer, options))).toBe(
      'NotEarned',
    )
    const inProgress = decideAll(commandsFor().slice(0, 3))
    expect(tagOf(buildStackCredential(inProgress, educatorId, members, issuer, options))).toBe(
      'NotEarned',
    )
    const revoked = decideAll(commandsFor(badgeText, true))
    expect(tagOf(buildStackCredential(revoked, educatorId, members, issuer, options))).toBe(
      'EnrollmentRevoked',
    )
    const missing = buildStackCredential(
      earnedStack,
      educatorId,
      members.slice(0, 1),
      issuer,
      options,
    )
    expect(tagOf(missing)).toBe('InvalidBadgeInput')
    expect(E.isLeft(missing) && missing.left.message).toMatch(/enrollment enr-dual/)
    const wrongVersion = [
      members[0],
      { enrollment: dual, program: { ...catalog.dualLanguage, version: 2 } },
    ]
    expect(
      tagOf(
        buildStackCredential(
          earnedStack,
          educatorId,
          wrongVersion as typeof members,
          issuer,
          options,
        ),
      ),
    ).toBe('ProgramMismatch')
  })

  it('a hostile stack: a javascript: image is refused (UnsafeLink, naming the stack badge), a <script> name is inert text', async () => {
    // DefineStack refuses the link; a state forged past it is refused by the builder too.
    const forged =
      earnedStack.status === 'defined'
        ? { ...earnedStack, badge: { ...earnedStack.badge, imageUrl: 'javascript:alert(1)' } }
        : earnedStack
    const refused = buildStackCredential(forged, educatorId, members, issuer, options)
    expect(E.isLeft(refused) && refused.left._tag).toBe('UnsafeLink')
    expect(E.isLeft(refused) && refused.left.message).toMatch(
      /credentialSubject\.achievement\.image\.id \(the stack's badge\.imageUrl\)/,
    )
    const script = '<script>alert(1)</script> Leader'
    const scripted = decideAll(commandsFor({ ...badgeText, name: script }))
    const built = buildStackCredential(scripted, educatorId, members, issuer, options)
    if (E.isLeft(built)) throw new Error(built.left.message)
    expect(built.right.name).toBe(script) // data, as given: JSON carries it as a string
    expect(JSON.parse(JSON.stringify(built.right)).name).toBe(script)
    expect(validateBadgeStructure(JSON.parse(JSON.stringify(built.right)))).toSatisfy(E.isRight)
  })
})
