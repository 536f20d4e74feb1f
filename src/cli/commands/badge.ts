/**
 * The `keys` and `badge` commands, as commander sees them: `keys generate`, `badge issue`,
 * `badge verify` and `badge revocation-list`. Each loads its module (and with it
 * `microcred/badge`: jose, the JSON-LD and Data Integrity libraries) only when it runs, so the
 * other commands start as fast as before.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import { IsoDateTime, Url } from 'microcred'
import type { CliEnvironment } from '../environment.js'
import type { CliResult } from '../failure.js'
import type { IssueOptions } from './badge-issue.js'
import type { RevocationListOptions } from './badge-revocation-list.js'
import type { VerifyOptions } from './badge-verify.js'
import type { KeysGenerateOptions } from './keys.js'

const time = (value: string) => {
  if (!IsoDateTime.is(value)) {
    throw new InvalidArgumentError('expected an ISO-8601 time with a zone (2027-07-01T16:00:00Z).')
  }
  return value
}

const url = (value: string) => {
  if (!Url.is(value)) throw new InvalidArgumentError('expected an absolute URL (https://...).')
  return value
}

const text = (value: string) => {
  if (value.trim() === '') throw new InvalidArgumentError('expected a non-empty value.')
  return value
}

const collect = (value: string, previous: ReadonlyArray<string>) => [...previous, value]

/** Adds `keys generate` and the `badge` commands; `withStoreOptions` adds the store options. */
export const addBadgeCommands = (
  program: Command,
  cli: CliEnvironment,
  finish: (result: CliResult) => void,
  withStoreOptions: (command: Command) => Command,
): void => {
  const keys = program.command('keys').description("the issuer's signing keys")
  keys
    .command('generate')
    .description("generate an issuer key: a key file (secret) and the issuer's Profile (public)")
    .requiredOption('--issuer <url>', "the issuer's id: where its Profile is published", url)
    .requiredOption('--issuer-name <name>', "the issuer's name, as badges show it", text)
    .addOption(
      new Option('--alg <alg>', 'ES256 or RS256 signs VC-JWTs, Ed25519 Data Integrity proofs')
        .choices(['ES256', 'RS256', 'Ed25519', 'EdDSA'])
        .default('ES256'),
    )
    .option(
      '--out <file>',
      'the key file, written with mode 0600 (- for stdout)',
      'issuer-key.json',
    )
    .option('--profile-out <file>', "the issuer's Profile to publish (default: stdout)")
    .action(async (options: KeysGenerateOptions) => {
      const { generateKeys } = await import('./keys.js')
      finish(await generateKeys(cli, options))
    })

  const badge = program
    .command('badge')
    .description('Open Badges 3.0: issue, verify, and the revocation list')
  withStoreOptions(
    badge
      .command('issue')
      .description('sign the Open Badge of an earned enrollment, and record that it was issued')
      .argument('<enrollmentId>', 'the enrollment, such as steam-2026-27-01')
      .requiredOption('--key <file>', 'the issuer key file (microcred keys generate)')
      .requiredOption('--issuer-name <name>', "the issuer's name, as the badge shows it", text)
      .addOption(
        new Option(
          '--format <format>',
          'default: jwt for an ES256 or RS256 key, else data-integrity',
        ).choices(['jwt', 'data-integrity']),
      )
      .option('--out <file>', 'write the badge to <file> (default: stdout)')
      .option('--base-url <url>', "where badges are published (default: the issuer's id)", url)
      .option('--actor <id>', 'the administrator recording the issue', text, 'microcred-cli')
      .option('--at <time>', 'when the issue is recorded (default: now)', time),
  ).action(async (enrollmentId: string, options: IssueOptions) => {
    const { issueBadge } = await import('./badge-issue.js')
    finish(await issueBadge(cli, enrollmentId, options))
  })

  badge
    .command('verify')
    .description('verify a badge (a VC-JWT or a JSON credential) and summarise it')
    .argument('<file>', 'the badge')
    .option('--profile <file>', "trust the keys of an issuer's Profile (repeatable)", collect, [])
    .option('--key <file>', 'trust a public key document or a key file (repeatable)', collect, [])
    .option('--revocation-list <file>', "the issuer's revocation list, to check the badge against")
    .option('--now <time>', 'judge validity at <time> (default: now)', time)
    .action(async (file: string, options: VerifyOptions) => {
      const { verifyBadgeFile } = await import('./badge-verify.js')
      finish(await verifyBadgeFile(cli, file, options))
    })

  withStoreOptions(
    badge
      .command('revocation-list')
      .description("write the issuer's revocation list, from the store's log, to publish")
      .requiredOption('--issuer <url>', "the issuer's id (its key's controller)", url)
      .option('--base-url <url>', 'where badges are published, as given to badge issue', url)
      .option('--reasons', 'publish the reason of each revocation')
      .option('--out <file>', 'write the list to <file> (default: stdout)'),
  ).action(async (options: RevocationListOptions) => {
    const { revocationList } = await import('./badge-revocation-list.js')
    finish(await revocationList(cli, options))
  })
}
