/**
 * `microcred badge issue <enrollmentId>`: the Open Badge of an earned enrollment, built from its
 * stream, signed with the issuer's key file, and recorded once in the log (`IssueBadge`, sent by
 * an administrator through `handleCommand`).
 *
 * The first issue draws the salt of the recipient's email hash (16 random bytes) and records it
 * with the badge's id and format. A later issue reads them back, so it gives the same credential
 * (same id, same recipient hash), signed again, and records nothing. The command id is
 * `issue-badge-<enrollmentId>`, so a retried first issue is not recorded twice either; if another
 * issuer records first, its salt wins and the badge is rebuilt with it. An enrollment whose
 * stream fails the history audit gets no badge.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { randomBytes } from 'node:crypto'
import {
  catalogPrograms,
  enrollment,
  enrollmentStreamId,
  handleCommand,
  isEnrolled,
  type BadgeFormat,
  type Enrollment,
  type EnrollmentCommandOf,
  type EventStore,
  type IssuedBadge,
  type Program,
} from 'microcred'
import {
  badgeUrls,
  buildOpenBadgeCredential,
  signBadgeDataIntegrity,
  signBadgeJwt,
  type Issuer,
  type IssuerKeyPair,
} from 'microcred/badge'
import { loadEnrollment } from '../enrollments.js'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, type CliFailure, type CliResult } from '../failure.js'
import { auditedState } from '../history-audit.js'
import { printable } from '../printable.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { jsonText, outputTo, readKeyFile } from './badge-files.js'

/** Options of `microcred badge issue`. */
export interface IssueOptions extends StoreOptions {
  readonly key: string
  readonly issuerName: string
  readonly format?: BadgeFormat
  readonly out?: string
  readonly baseUrl?: string
  /** The administrator recording the issue. */
  readonly actor: string
  /** When the issue is recorded (ISO-8601); by default, now. */
  readonly at?: string
}

/** The actor the CLI records an issue as, unless `--actor` names another. */
export const defaultIssueActor = 'microcred-cli'

const formatLabel = { jwt: 'a VC-JWT', 'data-integrity': 'a Data Integrity credential' } as const

/** The format asked for, or the one the key signs; a key that cannot sign it is an error. */
const formatFor = (
  key: IssuerKeyPair,
  path: string,
  asked: BadgeFormat | undefined,
): E.Either<CliFailure, BadgeFormat> => {
  const format = asked ?? (key.alg === 'EdDSA' ? 'data-integrity' : 'jwt')
  if (format === 'jwt' && key.alg === 'EdDSA') {
    return E.left(
      dataError(
        `a VC-JWT is signed with an ES256 or RS256 key, and ${path} holds an Ed25519 key: use --format data-integrity, or a key from microcred keys generate --alg ES256`,
      ),
    )
  }
  if (format === 'data-integrity' && key.alg !== 'EdDSA') {
    return E.left(
      dataError(
        `a Data Integrity proof (eddsa-rdfc-2022) is signed with an Ed25519 key, and ${path} holds an ${key.alg} key: use --format jwt, or a key from microcred keys generate --alg Ed25519`,
      ),
    )
  }
  return E.right(format)
}

/** The catalog's program the enrollment pinned (its id and version). */
const programOf = (state: Enrollment): E.Either<CliFailure, Program> => {
  const { enrollmentId, programId, programVersion } = state
  const program = catalogPrograms.find((p) => p.id === programId)
  if (program === undefined) {
    const known = catalogPrograms.map((p) => p.id).join(', ')
    return E.left(
      dataError(
        `enrollment '${enrollmentId}' is in program '${programId}', which the catalog does not hold (it holds ${known}): no badge can be built for it`,
      ),
    )
  }
  if (program.version !== programVersion) {
    return E.left(
      dataError(
        `enrollment '${enrollmentId}' pinned ${programId} version ${programVersion}, and the catalog holds version ${program.version}: no badge can be built for it`,
      ),
    )
  }
  return E.right(program)
}

/** Where the badge was published when it was issued: its id without `/credentials/<id>`. */
const baseUrlOf = (state: Enrollment, recorded: IssuedBadge): string | undefined => {
  const credentialId = state.credential?.credentialId
  if (credentialId === undefined) return undefined
  const suffix = badgeUrls('').credential(credentialId)
  return recorded.badgeId.endsWith(suffix) ? recorded.badgeId.slice(0, -suffix.length) : undefined
}

interface Signing {
  readonly state: Enrollment
  readonly program: Program
  readonly issuer: Issuer
  readonly key: IssuerKeyPair
  readonly at: string
}

interface SignedBadge {
  readonly id: string
  readonly text: string
}

/** The badge built with `salt` and signed (as its key signs: `formatFor` checked the format). */
const signedBadge = async (
  { state, program, issuer, key, at }: Signing,
  salt: string,
  baseUrl: string | undefined,
): Promise<E.Either<CliFailure, SignedBadge>> => {
  const options = baseUrl === undefined ? { salt } : { salt, baseUrl }
  const built = buildOpenBadgeCredential(state, program, issuer, options)
  if (E.isLeft(built)) {
    return E.left(
      dataError(`cannot build the badge of '${state.enrollmentId}': ${built.left.message}`),
    )
  }
  const badge = built.right
  const signed =
    key.alg === 'EdDSA'
      ? E.map(jsonText)(await signBadgeDataIntegrity(badge, { keyPair: key, created: at }))
      : E.map((jwt: string) => `${jwt}\n`)(
          await signBadgeJwt(badge, { privateKey: key.privateKeyJwk, kid: key.id, alg: key.alg }),
        )
  if (E.isLeft(signed)) {
    return E.left(dataError(`cannot sign the badge with ${key.id}: ${signed.left.message}`))
  }
  return E.right({ id: badge.id, text: signed.right })
}

/** A badge issued before, signed again: its recorded salt and (unless told otherwise) base URL. */
const signedAgain = async (
  signing: Signing,
  recorded: IssuedBadge,
  baseUrl: string | undefined,
): Promise<E.Either<CliFailure, SignedBadge>> => {
  const signed = await signedBadge(
    signing,
    recorded.salt,
    baseUrl ?? baseUrlOf(signing.state, recorded),
  )
  if (E.isLeft(signed) || signed.right.id === recorded.badgeId) return signed
  return E.left(
    dataError(
      `the badge of '${signing.state.enrollmentId}' was issued as ${recorded.badgeId}, and these options make it ${signed.right.id}: issue it under the base URL it was issued with (--base-url)`,
    ),
  )
}

/** Records the first issue (`IssueBadge`); the badge the log then holds, ours or an earlier one. */
const record = async (
  store: EventStore,
  data: EnrollmentCommandOf<'IssueBadge'>['data'],
  actorId: string,
  at: string,
): Promise<E.Either<CliFailure, IssuedBadge>> => {
  const handled = await handleCommand(
    store,
    enrollment,
    { type: 'IssueBadge', data },
    {
      actor: { id: actorId, roles: ['administrator'] },
      at,
      commandId: `issue-badge-${data.enrollmentId}`, // a retried issue is recorded once
    },
  )
  if (E.isLeft(handled)) {
    const { _tag: tag, message } = handled.left
    const hint = tag === 'TimeWentBackwards' ? '; give the time of the issue with --at' : ''
    return E.left(dataError(`cannot record the issue of the badge: ${message}${hint}`))
  }
  const after = handled.right.state
  return isEnrolled(after) && after.badge !== null
    ? E.right(after.badge)
    : E.left(dataError(`the issue of the badge of '${data.enrollmentId}' was not recorded`))
}

/** Issues (or issues again) the badge of one earned enrollment. */
export const issueBadge = async (
  cli: CliEnvironment,
  enrollmentId: string,
  options: IssueOptions,
): Promise<CliResult> => {
  const key = readKeyFile(options.key)
  if (E.isLeft(key)) return key
  const format = formatFor(key.right, options.key, options.format)
  if (E.isLeft(format)) return format
  const at = options.at ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  const issuer = { id: key.right.controller, name: options.issuerName }
  return withStore(cli, options, 'read', async ({ store, description }) => {
    const loaded = await loadEnrollment(store, enrollmentId)
    if (E.isLeft(loaded)) return loaded
    const state = loaded.right
    if (!isEnrolled(state)) {
      return E.left(dataError(`there is no enrollment '${enrollmentId}' in the ${description}`))
    }
    if (state.status !== 'earned') {
      const why =
        state.status === 'revoked' ? 'its credential was revoked' : `it is ${state.status}`
      return E.left(
        dataError(
          `cannot issue a badge for enrollment '${enrollmentId}': ${why}; a badge is issued only for an earned credential`,
        ),
      )
    }
    // A badge vouches for the history: one the rules could not have written is not signed.
    const audited = await auditedState(store, enrollmentStreamId(enrollmentId))
    if (E.isLeft(audited)) return audited
    if (E.isLeft(audited.right)) {
      return E.left(
        dataError(
          `cannot issue a badge for enrollment '${enrollmentId}': its history fails the history audit (${audited.right.left.message}); no badge is signed for a history the rules could not have written`,
        ),
      )
    }
    const program = programOf(state)
    if (E.isLeft(program)) return program
    const signing: Signing = { state, program: program.right, issuer, key: key.right, at }
    const output = outputTo(cli, options.out)
    const as = formatLabel[format.right]
    const written = options.out === undefined ? '' : `; written to ${options.out}`

    let recorded = state.badge
    if (recorded === null) {
      // Signed before it is recorded, so that a key that cannot sign records nothing.
      const salt = randomBytes(16).toString('hex')
      const signed = await signedBadge(signing, salt, options.baseUrl)
      if (E.isLeft(signed)) return signed
      const data = { enrollmentId, badgeId: signed.right.id, format: format.right, salt }
      const issued = await record(store, data, options.actor, at)
      if (E.isLeft(issued)) return issued
      if (issued.right.salt === salt) {
        const result = output.write(signed.right.text)
        if (E.isLeft(result)) return result
        output.say(
          `Issued the badge of enrollment '${enrollmentId}' (${printable(state.educator.name)}) as ${as} signed by ${key.right.id}: ${signed.right.id}${written}.`,
        )
        return done
      }
      recorded = issued.right // another issuer recorded it first: its salt and id stand
    }
    const signed = await signedAgain(signing, recorded, options.baseUrl)
    if (E.isLeft(signed)) return signed
    const result = output.write(signed.right.text)
    if (E.isLeft(result)) return result
    const { issuedAt, issuedBy, badgeId } = recorded
    output.say(
      `The badge of enrollment '${enrollmentId}' was already issued on ${issuedAt} by ${issuedBy} (${recorded.format}): the same credential ${badgeId}, signed again as ${as}${written}.`,
    )
    return done
  })
}
