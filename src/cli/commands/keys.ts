/**
 * `microcred keys generate`: a new issuer key. The key file (the `IssuerKeyPair` JSON, private
 * key included) is written with mode 0600 and never over an existing file; the issuer's Profile,
 * the public document verifiers trust, goes to `--profile-out` or to standard output. The private
 * key reaches standard output only when asked for with `--out -`.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { Url } from 'microcred'
import {
  generateIssuerKey,
  issuerProfileDocument,
  type Issuer,
  type SigningAlgorithm,
} from 'microcred/badge'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, reasonOf, usageError, type CliResult } from '../failure.js'
import { jsonText, mustNotExist, outputTo, writeNewFile } from './badge-files.js'

/** The algorithms `--alg` takes: Ed25519 is the library's `EdDSA`. */
export const keyAlgorithms = ['ES256', 'RS256', 'Ed25519', 'EdDSA'] as const
/** What `--alg` takes. */
export type KeyAlgorithmOption = (typeof keyAlgorithms)[number]

/** Options of `microcred keys generate`. */
export interface KeysGenerateOptions {
  readonly alg: KeyAlgorithmOption
  readonly issuer: string
  readonly issuerName: string
  /** The key file; `-` for standard output. */
  readonly out: string
  /** The Profile; standard output by default. */
  readonly profileOut?: string
}

/** The key file written unless `--out` names another. */
export const defaultKeyFile = 'issuer-key.json'

const algorithmOf = (alg: KeyAlgorithmOption): SigningAlgorithm =>
  alg === 'Ed25519' ? 'EdDSA' : alg

const whatFormat = (alg: SigningAlgorithm) =>
  alg === 'EdDSA' ? 'Data Integrity badges (eddsa-rdfc-2022)' : 'VC-JWT badges'

const generate = async (alg: SigningAlgorithm, issuer: Issuer) => {
  try {
    const key = await generateIssuerKey(alg, { controller: issuer.id })
    return E.right({ key, profile: await issuerProfileDocument(issuer, [key]) })
  } catch (error) {
    return E.left(dataError(`cannot generate the key: ${reasonOf(error)}`))
  }
}

/** Generates an issuer key, writes its file and publishes its Profile. */
export const generateKeys = async (
  cli: CliEnvironment,
  options: KeysGenerateOptions,
): Promise<CliResult> => {
  const { issuer, issuerName, out, profileOut } = options
  if (!Url.is(issuer) || issuer.includes('#')) {
    return E.left(
      usageError(
        `--issuer must be the issuer's URL without a #fragment (where its Profile is published), got '${issuer}'`,
      ),
    )
  }
  const keyToStdout = out === '-'
  if (keyToStdout && profileOut === undefined) {
    return E.left(
      usageError('with --out - the key goes to standard output: name a --profile-out file'),
    )
  }
  for (const [path, option] of [
    [keyToStdout ? undefined : out, '--out'],
    [profileOut, '--profile-out'],
  ] as const) {
    if (path === undefined) continue
    const free = mustNotExist(path, option)
    if (E.isLeft(free)) return free
  }
  const alg = algorithmOf(options.alg)
  const generated = await generate(alg, { id: issuer, name: issuerName })
  if (E.isLeft(generated)) return generated
  const { key, profile } = generated.right
  const profileOutput = outputTo(cli, profileOut)
  const say = keyToStdout ? (text: string) => cli.err(`${text}\n`) : profileOutput.say
  if (keyToStdout) {
    cli.out(jsonText(key).trimEnd())
  } else {
    const written = writeNewFile(out, jsonText(key), 0o600, '--out')
    if (E.isLeft(written)) return written
  }
  const where = keyToStdout ? 'standard output' : `${out} (mode 600)`
  say(
    `Wrote the ${options.alg} key ${key.id} to ${where}: keep it secret; it signs ${whatFormat(alg)}.`,
  )
  const published =
    profileOut === undefined
      ? profileOutput.write(jsonText(profile))
      : writeNewFile(profileOut, jsonText(profile), 0o644, '--profile-out')
  if (E.isLeft(published)) return published
  const profileWhere =
    profileOut === undefined ? ', printed on standard output,' : ` in ${profileOut}`
  say(`Publish the issuer Profile${profileWhere} at ${issuer}: verifiers trust the keys it lists.`)
  return done
}
