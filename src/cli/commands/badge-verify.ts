/**
 * `microcred badge verify <file>`: verifies a badge (a VC-JWT or a Data Integrity credential as
 * JSON) with `verifyBadge`, against the keys the user trusts (issuer Profiles, key documents or
 * key files) and, when given, the issuer's revocation list; prints what the badge says and the
 * verdict, or exits 1 with the step that refused it and why.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { formatIssues } from 'microcred'
import {
  IssuerKeyPair,
  PublicKeyDocument,
  RevocationList,
  publicKeyDocumentOf,
  verifyBadge,
  type VerifiedBadge,
} from 'microcred/badge'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, type CliFailure, type CliResult } from '../failure.js'
import { plainTable } from '../tables.js'
import { readJson, readText } from './badge-files.js'

/** Options of `microcred badge verify`. */
export interface VerifyOptions {
  /** Issuer Profile documents (as `keys generate` writes them) whose keys are trusted. */
  readonly profile: ReadonlyArray<string>
  /** Public key documents, or key files (their public half), to trust. */
  readonly key: ReadonlyArray<string>
  readonly revocationList?: string
  /** When validity is judged (ISO-8601); by default, now. */
  readonly now?: string
}

const ProfileKeys = t.type({ verificationMethod: t.array(PublicKeyDocument) })
const KeyDocument = t.union([IssuerKeyPair, PublicKeyDocument])

/** The keys of every `--profile` and `--key` file. */
const trustedKeys = async (
  options: VerifyOptions,
): Promise<E.Either<CliFailure, ReadonlyArray<PublicKeyDocument>>> => {
  const keys: PublicKeyDocument[] = []
  for (const path of options.profile) {
    const profile = readJson(path, ProfileKeys, "an issuer Profile (with the issuer's keys)")
    if (E.isLeft(profile)) return profile
    keys.push(...profile.right.verificationMethod)
  }
  for (const path of options.key) {
    const key = readJson(path, KeyDocument, 'a public key document or an issuer key file')
    if (E.isLeft(key)) return key
    keys.push(IssuerKeyPair.is(key.right) ? await publicKeyDocumentOf(key.right) : key.right)
  }
  return E.right(keys)
}

const revocationText = (
  verified: VerifiedBadge,
  list: RevocationList | undefined,
): ReadonlyArray<string> => {
  switch (verified.revocation) {
    case 'notRevoked':
      return [`not revoked (checked against ${list?.id ?? 'the list given'})`]
    case 'notChecked': {
      const status = verified.credential['credentialStatus']
      const named =
        typeof status === 'object' && status !== null && 'id' in status
          ? [`(the badge's list: ${String(status.id)})`]
          : []
      return ['not checked: no --revocation-list given', ...named]
    }
    case 'noStatus':
      return ['cannot be revoked (the badge names no revocation list)']
  }
}

/** What the badge says, and the verdict, as a two-column table (every value escaped). */
export const verifiedTable = (
  verified: VerifiedBadge,
  list: RevocationList | undefined,
): string => {
  const table = plainTable()
  const recipient = verified.recipient.identifiers.map(
    (i) =>
      `${i.identityType ?? 'identifier'} ${i.identityHash ?? ''}${i.hashed ? ' (salted hash)' : ''}`,
  )
  const recipients = [
    ...recipient,
    ...(verified.recipient.id === undefined ? [] : [verified.recipient.id]),
  ]
  const issuer =
    verified.issuer.name === undefined
      ? verified.issuer.id
      : `${verified.issuer.name} (${verified.issuer.id})`
  const evidence = verified.evidence.map(
    (e) => `${e.name ?? e.id ?? 'evidence'}${e.genre === undefined ? '' : ` [${e.genre}]`}`,
  )
  table.push(
    ['Name', verified.name ?? '(none)'],
    ['Credential', verified.id],
    ['Recipient', recipients.length === 0 ? '(none)' : recipients],
    ['Issuer', issuer],
    ['Valid from', verified.validFrom ?? '(not given)'],
    ['Valid until', verified.validUntil ?? 'no expiry'],
    ['Evidence', evidence.length === 0 ? '(none)' : evidence],
    [
      'Signed',
      `${verified.format === 'jwt' ? 'VC-JWT' : 'Data Integrity proof'} by ${verified.key.id}`,
    ],
    ['Revocation', revocationText(verified, list)],
    ['Verdict', 'valid'],
  )
  return table.toString()
}

const apiAdvice = /: pass the issuer's public keys as .*$/
const trustAdvice = "trust the issuer's keys with --profile <its published Profile> or --key <file>"

/** Verifies the badge in `path`: exit 0 and its summary when valid, exit 1 and why when not. */
export const verifyBadgeFile = async (
  cli: CliEnvironment,
  path: string,
  options: VerifyOptions,
): Promise<CliResult> => {
  const text = readText(path)
  if (E.isLeft(text)) return text
  const keys = await trustedKeys(options)
  if (E.isLeft(keys)) return keys
  let list: RevocationList | undefined
  if (options.revocationList !== undefined) {
    const read = readJson(options.revocationList, RevocationList, 'a revocation list')
    if (E.isLeft(read)) return read
    list = read.right
  }
  const verified = await verifyBadge(text.right, {
    keys: keys.right,
    ...(list === undefined ? {} : { revocationList: list }),
    ...(options.now === undefined ? {} : { now: new Date(options.now) }),
  })
  if (E.isLeft(verified)) {
    const { step, _tag: tag, issues = [] } = verified.left
    // The library's advice names its API (`keys`, `resolveKey`); here the options say it.
    const message =
      tag === 'KeyUnresolved'
        ? `${verified.left.message.replace(apiAdvice, '')}: ${trustAdvice}`
        : verified.left.message
    return E.left(
      dataError(
        `the badge in ${path} is rejected at the ${step} step (${tag}): ${message}`,
        issues.slice(0, 10).map((issue) => formatIssues([issue])),
      ),
    )
  }
  cli.out(verifiedTable(verified.right, list))
  return done
}
