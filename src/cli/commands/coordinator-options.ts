/**
 * The options every coordinator command shares (who acts, in which role, when, under which
 * command id) and the parsers of their values. Commander refuses a value that is plainly not what
 * an option takes (`--hours abc`, `--role principal`) as a usage error; what only the rules can
 * judge (hours in quarters, an id's characters, a reflection's length) is left to the command's
 * codec and `decide`, so the CLI fails with the same error as the API.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { randomUUID } from 'node:crypto'
import {
  EvidenceKind,
  IsoDateTime,
  Role,
  type CommandContext,
  type Evidence,
  type Mode,
} from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { usageError, type CliFailure } from '../failure.js'
import type { StoreOptions } from '../store-options.js'

/** The environment variable naming the actor when `--actor` does not. */
export const actorVariable = 'MICROCRED_ACTOR'

/** The role the CLI acts in unless `--role` names others. */
export const defaultRole: Role = 'administrator'

/** The options every coordinator command takes, as commander parses them. */
export interface ActingOptions extends StoreOptions {
  readonly actor?: string
  readonly role?: ReadonlyArray<Role>
  readonly at?: string
  readonly commandId?: string
}

const roles = Object.keys(Role.keys) as Role[]

const collectRole = (value: string, previous: ReadonlyArray<Role> | undefined): Role[] => {
  if (!Role.is(value)) {
    throw new InvalidArgumentError(`expected one of ${roles.join(', ')}.`)
  }
  return [...(previous ?? []), value]
}

const time = (value: string) => {
  if (!IsoDateTime.is(value)) {
    throw new InvalidArgumentError(
      'expected an ISO-8601 date-time with a zone (2026-09-14T16:00:00Z).',
    )
  }
  return value
}

/** Adds `--actor`, `--role`, `--at` and `--command-id`. */
export const withActingOptions = (command: Command): Command =>
  command
    .option('--actor <id>', `who acts: a person's or an integration's id (or env ${actorVariable})`)
    .option(
      '--role <role>',
      `a role of the actor, repeatable: ${roles.join(', ')} (default: ${defaultRole})`,
      collectRole,
    )
    .option('--at <time>', 'when it happened, ISO-8601 with a zone (default: now)', time)
    .option(
      '--command-id <id>',
      'the command id (default: a random UUID); send a retry with the same id to make it idempotent',
    )

/**
 * The context of the command: the actor from `--actor` or the environment (one of them is
 * required: the rules decide by who acts), the roles (default administrator), the time (default
 * now, to the second) and the command id (default a random UUID). The codec checks the values.
 */
export const contextOf = (
  options: ActingOptions,
  env: CliEnvironment['env'],
): E.Either<CliFailure, CommandContext> => {
  const actor = options.actor ?? env[actorVariable]
  if (actor === undefined || actor === '') {
    return E.left(
      usageError(`name who acts: --actor <id>, or the environment variable ${actorVariable}`),
    )
  }
  return E.right({
    actor: { id: actor, roles: [...(options.role ?? [defaultRole])] },
    at: options.at ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commandId: options.commandId ?? randomUUID(),
  })
}

// -------------------------------------------------------------------------------------
// values
// -------------------------------------------------------------------------------------

/** The modes as people type them, and as the core names them. */
const modeNames = new Map<string, Mode>([
  ['face-to-face', 'faceToFace'],
  ['faceToFace', 'faceToFace'],
  ['online', 'online'],
  ['homework', 'homework'],
])

/** `--mode`: face-to-face, online or homework (or the core's `faceToFace`). */
export const modeOption = (): Option =>
  new Option(
    '--mode <mode>',
    'face-to-face, online or homework (faceToFace is taken too)',
  ).argParser((value) => {
    const mode = modeNames.get(value)
    if (mode === undefined) {
      throw new InvalidArgumentError('expected face-to-face, online or homework.')
    }
    return mode
  })

/** `--hours`: a decimal number; whether it is a whole number of quarters is the rules' call. */
export const hours = (value: string): number => {
  if (!/^\d{1,6}(\.\d{1,6})?$/.test(value)) {
    throw new InvalidArgumentError('expected a number of hours, such as 3 or 1.5.')
  }
  return Number(value)
}

/** `--attempt`: a whole number from 1. */
export const attempt = (value: string): number => {
  if (!/^[1-9]\d{0,5}$/.test(value)) {
    throw new InvalidArgumentError('expected an attempt number: 1, 2, ...')
  }
  return Number(value)
}

const evidenceKinds = Object.keys(EvidenceKind.keys)

/**
 * `--evidence [kind=]url`, repeatable: a link by default, or one of the evidence kinds before an
 * `=` (`video=https://...`). The URL itself is the codec's to judge.
 */
export const collectEvidence = (
  value: string,
  previous: ReadonlyArray<Evidence> | undefined,
): Evidence[] => {
  const kind = /^([A-Za-z]+)=(.*)$/s.exec(value)
  const piece: Evidence =
    kind !== null && EvidenceKind.is(kind[1])
      ? { kind: kind[1], url: kind[2] ?? '' }
      : { kind: 'link', url: value }
  return [...(previous ?? []), piece]
}

/** The evidence kinds, for help text. */
export const evidenceKindList = evidenceKinds.join(', ')

/**
 * `--score criterion=n`, repeatable: the scores as entries, in order. A criterion scored twice is
 * a usage error; which criteria a rubric has is the rules' call.
 */
export const collectScore = (
  value: string,
  previous: ReadonlyArray<readonly [string, number]> | undefined,
): Array<readonly [string, number]> => {
  const pair = /^(.+)=(\d{1,6})$/s.exec(value)
  if (pair === null) {
    throw new InvalidArgumentError('expected <criterion>=<score>, such as planning=3.')
  }
  const criterion = pair[1] ?? ''
  if ((previous ?? []).some(([id]) => id === criterion)) {
    throw new InvalidArgumentError(`criterion '${criterion}' is scored twice.`)
  }
  return [...(previous ?? []), [criterion, Number(pair[2])]]
}

/**
 * Scores as a record whose every key is its own entry (`Object.fromEntries` defines `__proto__`
 * as a key, where assignment would set the prototype), for the codec to judge.
 */
export const scoresOf = (
  entries: ReadonlyArray<readonly [string, number]>,
): Record<string, number> => Object.fromEntries(entries)
