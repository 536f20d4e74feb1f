/**
 * From an earned micro-credential to a verified Open Badge, and back out through a revocation, as a
 * district app would do it with the public API (`microcred` and `microcred/badge`).
 *
 * 1. The district generates its issuer keys (ES256 for VC-JWT, Ed25519 for Data Integrity) and the
 *    issuer Profile it publishes with the public keys.
 * 2. An educator goes through the STEAM program (hours module by module, five EOLAs, one of them
 *    revised, the capstone) through `handleCommand` on the in-memory store, to `CredentialEarned`.
 * 3. The badge is built from the enrollment's state, recorded (`IssueBadge`: its id and salt, so a
 *    re-issue is the same credential), signed as a VC-JWT and with a Data Integrity proof, and
 *    both copies are verified against the Profile's keys and the revocation list.
 * 4. An administrator revokes the credential; the revocation list, projected from the log, now
 *    names the badge, and `verifyBadge` refuses both copies at its `revocation` step.
 *
 * Run it with `npx tsx examples/issue-badge.ts`.
 */
import { randomBytes } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import {
  catalog,
  createInMemoryEventStore,
  enrollment,
  handleCommand,
  modes,
  progress,
  type Actor,
  type EnrollmentCommand,
  type EnrollmentState,
  type EventStore,
  type Mode,
  type RecordedEvent,
} from 'microcred'
import {
  buildOpenBadgeCredential,
  buildRevocationList,
  generateIssuerKey,
  issuerProfileDocument,
  signBadgeDataIntegrity,
  signBadgeJwt,
  verifyBadge,
  type VerificationError,
  type VerifiedBadge,
} from 'microcred/badge'

const program = catalog.steam
const issuer = {
  id: 'https://achieve.lausd.net/microcred/issuer',
  name: 'Los Angeles Unified School District',
}
const educator = { id: 'educator-1042', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
const enrollmentId = 'steam-2026-27-1042'

const cast = {
  administrator: { id: 'admin-1', roles: ['administrator'] },
  facilitator: { id: 'facilitator-1', roles: ['facilitator'] },
  lms: { id: 'lms-1', roles: ['lms'] },
  assessor: { id: 'assessor-1', roles: ['assessor'] },
  educator: { id: educator.id, roles: ['educator'] },
} as const satisfies Record<string, Actor>

/** Who records hours of each mode: a facilitator attests face-to-face, the LMS reports online. */
const recorderOf: Record<Mode, Actor> = {
  faceToFace: cast.facilitator,
  online: cast.lms,
  homework: cast.educator,
}

/** The story's clock: each command two days after the one before (the core reads no clock). */
const clock = (start: string) => {
  let at = Date.parse(start)
  return () => {
    const now = new Date(at).toISOString().replace(/\.000Z$/, 'Z')
    at += 2 * 24 * 60 * 60 * 1000
    return now
  }
}

/** What the example did, for the printout (and for a test to check). */
export interface IssueBadgeStory {
  readonly commands: number
  readonly status: EnrollmentState['status']
  readonly creditedHours: number
  readonly badgeId: string
  readonly jwtLength: number
  readonly before: Readonly<
    Record<'jwt' | 'dataIntegrity', E.Either<VerificationError, VerifiedBadge>>
  >
  readonly after: Readonly<
    Record<'jwt' | 'dataIntegrity', E.Either<VerificationError, VerifiedBadge>>
  >
  readonly revokedCredentials: number
}

const mustBeRight = <L extends { readonly _tag: string; readonly message: string }, R>(
  what: string,
  result: E.Either<L, R>,
): R => {
  if (E.isLeft(result)) throw new Error(`${what}: ${result.left._tag}: ${result.left.message}`)
  return result.right
}

/** Every event of the store, in log order (what a district's projection would read). */
const wholeLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = []
  for await (const event of store.readAll()) events.push(event)
  return events
}

/** Runs the story: the journey, the badge in both forms, the revocation. */
export const issueBadgeStory = async (): Promise<IssueBadgeStory> => {
  // 1. The issuer's keys and the Profile it publishes at issuer.id (public keys only).
  const jwtKey = await generateIssuerKey('ES256', { controller: issuer.id })
  const diKey = await generateIssuerKey('EdDSA', { controller: issuer.id })
  const profile = await issuerProfileDocument(issuer, [jwtKey, diKey])

  // 2. The journey, each command through handleCommand on the store.
  const store = createInMemoryEventStore()
  const next = clock('2026-09-01T16:00:00Z')
  let commands = 0
  let state: EnrollmentState = enrollment.initialState
  const send = async (command: EnrollmentCommand, actor: Actor): Promise<string> => {
    const at = next()
    commands++
    const context = { actor, at, commandId: `${enrollmentId}-${commands}` }
    state = mustBeRight(
      command.type,
      await handleCommand(store, enrollment, command, context),
    ).state
    return at
  }

  await send(
    { type: 'Enroll', data: { enrollmentId, educator, cohortId: 'steam-2026-27', program } },
    cast.administrator,
  )
  for (const course of program.courses) {
    for (const module of course.modules) {
      for (const mode of modes) {
        // At most 12 hours in one record.
        for (let left = module.hours[mode]; left > 0; left -= 12) {
          const hours = Math.min(12, left)
          const data = { enrollmentId, moduleId: module.id, mode, hours }
          await send({ type: 'RecordHours', data }, recorderOf[mode])
        }
      }
    }
  }
  for (const [i, eola] of program.eolas.entries()) {
    const submit = (attempt: number): EnrollmentCommand => ({
      type: 'SubmitArtifact',
      data: {
        enrollmentId,
        eolaId: eola.id,
        evidence: [
          {
            kind: 'lessonPlan',
            url: `https://evidence.lausd.net/${enrollmentId}/${eola.id}/${attempt}`,
          },
        ],
        reflection: `${eola.title}: what my students did, and what I would change.`,
      },
    })
    const grade = (attempt: number, meets: boolean): EnrollmentCommand => ({
      type: 'GradeArtifact',
      data: {
        enrollmentId,
        eolaId: eola.id,
        attempt,
        // Every criterion at its threshold meets; one point short of it asks for a revision.
        scores: Object.fromEntries(
          eola.rubric.map((c, k) => [c.id, meets || k > 0 ? c.meetsAt : c.meetsAt - 1]),
        ),
        feedback: meets ? 'Meets every criterion.' : 'Revise: see the first criterion.',
      },
    })
    // The first EOLA is revised once, the others meet at the first attempt.
    const attempts = i === 0 ? 2 : 1
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await send(submit(attempt), cast.educator)
      await send(grade(attempt, attempt === attempts), cast.assessor)
    }
  }
  const enacted = program.eolas[0]?.id ?? ''
  await send(
    {
      type: 'SubmitCapstone',
      data: {
        enrollmentId,
        enactedEolaId: enacted,
        documentationUrl: `https://evidence.lausd.net/${enrollmentId}/capstone`,
        reflection: 'How the enactment went for my students.',
        nextSteps: 'Share the unit with my grade-level team.',
      },
    },
    cast.educator,
  )
  const earnedAt = await send(
    { type: 'GradeCapstone', data: { enrollmentId, attempt: 1, outcome: 'meets', feedback: '' } },
    cast.assessor,
  )
  const earned = progress(state)
  if (earned.status !== 'earned') throw new Error(`the journey ended ${earned.status}`)

  // 3. The badge: built (a pure function: the salt is drawn here, outside it), recorded once
  // (its id and salt, so a re-issue rebuilds the same credential), then signed in both forms.
  const salt = randomBytes(16).toString('hex')
  const badge = mustBeRight('build', buildOpenBadgeCredential(state, program, issuer, { salt }))
  await send(
    { type: 'IssueBadge', data: { enrollmentId, badgeId: badge.id, format: 'jwt', salt } },
    cast.administrator,
  )
  const jwt = mustBeRight(
    'sign VC-JWT',
    await signBadgeJwt(badge, { privateKey: jwtKey.privateKeyJwk, kid: jwtKey.id, alg: 'ES256' }),
  )
  const signed = mustBeRight(
    'sign Data Integrity',
    await signBadgeDataIntegrity(badge, { keyPair: diKey, created: earnedAt }),
  )

  // A verifier fetched the issuer's Profile and the revocation list the badge names. `now` is
  // the story's clock; leave it out to verify at the current time.
  const verifyBoth = async (now: string) => {
    const revocationList = buildRevocationList(await wholeLog(store), { issuer })
    const options = { keys: profile.verificationMethod, revocationList, now: new Date(now) }
    return {
      jwt: await verifyBadge(jwt, options),
      dataIntegrity: await verifyBadge(signed, options),
    }
  }
  const before = await verifyBoth(next())

  // 4. Revoked: a fact in the log, so the revocation list (a projection of the log) names it.
  await send(
    { type: 'RevokeCredential', data: { enrollmentId, reason: 'Evidence was not her own work' } },
    cast.administrator,
  )
  const after = await verifyBoth(next())
  const revocationList = buildRevocationList(await wholeLog(store), { issuer })

  return {
    commands,
    status: state.status,
    creditedHours: earned.hours.creditedTotal,
    badgeId: badge.id,
    jwtLength: jwt.length,
    before,
    after,
    revokedCredentials: revocationList.revokedCredentials.length,
  }
}

const describeResult = (result: E.Either<VerificationError, VerifiedBadge>): string =>
  E.isRight(result)
    ? `verified: "${result.right.name}" from ${result.right.issuer.name}, valid from ` +
      `${result.right.validFrom}, revocation ${result.right.revocation}, key #${result.right.key.id.split('#')[1]}`
    : `refused at step "${result.left.step}" (${result.left._tag}): ${result.left.message}`

const main = async () => {
  const story = await issueBadgeStory()
  console.log(`${educator.name}: ${story.commands} commands through handleCommand`)
  console.log(`  credential earned: ${story.creditedHours} hours, badge ${story.badgeId}`)
  console.log(`  VC-JWT (ES256), ${story.jwtLength} characters`)
  console.log(`    ${describeResult(story.before.jwt)}`)
  console.log('  Data Integrity (eddsa-rdfc-2022)')
  console.log(`    ${describeResult(story.before.dataIntegrity)}`)
  console.log(
    `after RevokeCredential: enrollment ${story.status}, ` +
      `${story.revokedCredentials} credential in the revocation list`,
  )
  console.log(`  VC-JWT: ${describeResult(story.after.jwt)}`)
  console.log(`  Data Integrity: ${describeResult(story.after.dataIntegrity)}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
