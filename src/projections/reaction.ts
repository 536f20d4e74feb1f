/**
 * Reactions (process managers): react to events of the log by sending commands through
 * `handleCommand`. Each command's id is derived from the reaction, the triggering event and the
 * command's place, so a reaction that runs twice over the same event (after a crash, or a
 * rebuild) has no second effect: the handler answers the repeat with `duplicate: true`.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Aggregate } from '../aggregate.js'
import { Actor } from '../context.js'
import type { TaggedError } from '../decider.js'
import type { InvalidCommand } from '../errors.js'
import { commandDigest } from '../store/command-digest.js'
import type { CommandIdReused, InvalidEvent, VersionConflict } from '../store/errors.js'
import type { EventStore } from '../store/event-store.js'
import { handleCommand } from '../store/handler.js'
import type { RecordedEvent } from '../store/recorded-event.js'
import { projectionThrew, type ProjectionError } from './errors.js'
import { createLogReader, type LogReader, type RunnerOptions } from './log-reader.js'
import { businessTimeOf } from './temporal.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What `defineReaction` takes. */
export interface ReactionDefinition<
  C,
  Ev,
  S,
  Err extends TaggedError,
  CheckErr extends TaggedError = never,
> {
  /** The reaction's name: its checkpoint's key and the prefix of its command ids. */
  readonly name: string
  /** The event types it reacts to; it reads past every other event. */
  readonly on: ReadonlyArray<string>
  /** The aggregate its commands go to (`enrollment`, or a district's own). */
  readonly aggregate: Aggregate<C, Ev, S, Err, CheckErr>
  /** Who the reaction acts as: its commands are decided, and authorized, as this actor's. */
  readonly actor: Actor
  /**
   * The commands to send for one event (often none). It must be pure: the same event gives the
   * same commands, or a re-run is refused as `CommandIdReused` instead of being a repeat.
   */
  readonly react: (event: RecordedEvent) => ReadonlyArray<C>
}

/** A reaction, as `defineReaction` returns it. */
export type Reaction<
  C,
  Ev,
  S,
  Err extends TaggedError,
  CheckErr extends TaggedError = never,
> = ReactionDefinition<C, Ev, S, Err, CheckErr>

/** Why the aggregate refused a reaction's command: it is reported, and the reaction goes on. */
export type RefusalError<Err> = Err | InvalidCommand | CommandIdReused

/** A command of a reaction that was refused, with the event that triggered it. */
export interface Refusal<C, Err> {
  readonly reaction: string
  /** The triggering event: where it is, and its id. */
  readonly event: {
    readonly streamId: string
    readonly version: number
    readonly position: number
    readonly type: string
    readonly eventId: string
  }
  /** The command's place among those `react` returned for the event. */
  readonly commandIndex: number
  readonly commandId: string
  readonly command: C
  readonly error: RefusalError<Err>
}

/** Options of `createReactionRunner`: those of every runner, and what to do with refusals. */
export interface ReactionRunnerOptions<C, Err> extends RunnerOptions {
  /** Called with each refused command, as it is refused. */
  readonly onRefused?: (refusal: Refusal<C, Err>) => void
  /** How many of the latest refusals `refusals()` keeps (default 1000). */
  readonly keepRefusals?: number
}

/** What stops a reaction runner: a projection runner's errors, or a store that cannot append. */
export type ReactionError = ProjectionError | VersionConflict | InvalidEvent

/** A running reaction. */
export interface ReactionRunner<C, Err> extends LogReader<ReactionError> {
  readonly name: string
  /** The latest refused commands (at most `keepRefusals`), oldest first. */
  readonly refusals: () => ReadonlyArray<Refusal<C, Err>>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Defines a reaction. Its runner refuses (`InvalidRunner`, before reading anything) a name that
 * is not 1 to 100 letters, digits, `.`, `_` or `-`, an empty `on`, or an actor that is not an
 * `Actor`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { defineReaction, enrollment } from 'microcred'
 * const withdrawDuplicates = defineReaction({
 *   name: 'withdraw-duplicate-enrollments',
 *   on: ['EducatorEnrolled'],
 *   aggregate: enrollment,
 *   actor: { id: 'registrar-bot', roles: ['administrator'] },
 *   react: () => [],
 * })
 * assert.deepEqual(withdrawDuplicates.on, ['EducatorEnrolled'])
 */
export const defineReaction = <
  C,
  Ev,
  S,
  Err extends TaggedError,
  CheckErr extends TaggedError = never,
>(
  definition: ReactionDefinition<C, Ev, S, Err, CheckErr>,
): Reaction<C, Ev, S, Err, CheckErr> => ({ ...definition, on: [...definition.on] })

/** What is wrong with a reaction beside its name (which the log reader checks). */
const reactionProblems = (
  reaction: Reaction<unknown, unknown, unknown, TaggedError, TaggedError>,
): string[] => [
  ...(Array.isArray(reaction.on) &&
  reaction.on.length > 0 &&
  reaction.on.every((type) => typeof type === 'string' && type.length > 0)
    ? []
    : ['a reaction reacts to at least one event type (on)']),
  ...(Actor.is(reaction.actor) ? [] : ['a reaction acts as an Actor ({ id, roles }) (actor)']),
]

const plainEventId = /^[A-Za-z0-9._:-]+$/

/**
 * The id of a reaction's command: `<reaction>/<eventId>/<index>`, or, when that would not be a
 * short, plain id (an event id of other characters, or over 200 characters in all),
 * `<reaction>/<SHA-256 of the three, in hex>`. The same inputs always give the same id, and
 * different inputs different ids.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { reactionCommandId } from 'microcred'
 * assert.equal(reactionCommandId('notify', '5f0c6a1e-9a7b-4c1e-8f00-1d2b3c4d5e6f', 0), 'notify/5f0c6a1e-9a7b-4c1e-8f00-1d2b3c4d5e6f/0')
 * assert.match(reactionCommandId('notify', 'x'.repeat(300), 1), /^notify\/[0-9a-f]{64}$/)
 * assert.notEqual(reactionCommandId('notify', 'e/1', 0), reactionCommandId('notify', 'e', 0))
 */
export const reactionCommandId = (reaction: string, eventId: string, index: number): string => {
  const plain = `${reaction}/${eventId}/${index}`
  if (plain.length <= 200 && plainEventId.test(eventId)) return plain
  const digest = commandDigest({ reaction, eventId, index }, reaction)
  return `${reaction}/${digest.slice(digest.indexOf(':') + 1)}`
}

/** Errors after which a reaction stops: the store's, not the aggregate's. */
const stopping = new Set(['StoreFailed', 'CorruptEvent', 'VersionConflict', 'InvalidEvent'])

/**
 * A runner for a reaction over a store. It reads the log after its checkpoint (a position only)
 * and, for each event of a type in `on`, sends each command `react` returns through
 * `handleCommand` as the reaction's actor, at the event's business time (`data.at`, else
 * `recordedAt`), with the id `reactionCommandId(name, eventId, index)`, the event's
 * `correlationId` and, as causation, the event's id. Then it moves its checkpoint on.
 *
 * A runner that crashes after sending and before saving sends the same commands again when it
 * restarts: the handler recognizes each id and appends nothing. A command the aggregate refuses
 * (a rule, a role, a command that does not decode) is not retried: it goes to `onRefused` and
 * `refusals()`, and the reaction goes on. A failing store, a corrupt event, or a stream that
 * other writers keep beating (`VersionConflict` after the handler's retries) stops it, at the
 * last checkpoint: restart it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, createInMemoryEventStore, createReactionRunner, defineReaction, enrollment, handleCommand } from 'microcred'
 * // When a credential is revoked, withdraw the educator's follow-up enrollment.
 * const withdrawFollowUp = defineReaction({
 *   name: 'withdraw-follow-up',
 *   on: ['CredentialRevoked'],
 *   aggregate: enrollment,
 *   actor: { id: 'registrar-bot', roles: ['administrator'] },
 *   react: (event) => [
 *     { type: 'Withdraw' as const, data: { enrollmentId: `${(event.data as { enrollmentId: string }).enrollmentId}-next`, reason: 'Prerequisite revoked' } },
 *   ],
 * })
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * await handleCommand(store, enrollment,
 *   { type: 'Enroll', data: { enrollmentId: 'e1-next', cohortId: 'steam-2027', program: catalog.steam,
 *     educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' } } },
 *   { actor: admin, at: '2026-09-01T16:00:00Z', commandId: 'enroll-1' })
 * // A revocation of an enrollment that was never earned is refused, so write the event as an import would.
 * const metadata = { eventId: 'revoked-1', commandId: 'revoke-1', actorId: 'admin-1', correlationId: 'case-9', causationId: 'revoke-1', schemaVersion: 1 }
 * await store.appendToStream('enrollment-e1', [{ type: 'CredentialRevoked', data: { enrollmentId: 'e1', at: '2026-10-01T16:00:00Z', credentialId: 'credential-e1', reason: 'Issued in error', revokedBy: 'admin-1' }, metadata }], { expectedVersion: 'noStream' })
 *
 * const runner = createReactionRunner(store, withdrawFollowUp)
 * assert.deepEqual(await runner.catchUp(), E.right(2))
 * const [withdrawn] = await store.readStream('enrollment-e1-next', { fromVersion: 2 })
 * assert.equal(withdrawn?.type, 'EnrollmentWithdrawn')
 * assert.equal(withdrawn?.metadata.commandId, 'withdraw-follow-up/revoked-1/0')
 * assert.equal(withdrawn?.metadata.correlationId, 'case-9')
 * // Run again from the first event: the same command ids, nothing appended twice.
 * assert.deepEqual(await runner.rebuild(), E.right(3)) // its own EnrollmentWithdrawn is in the log too
 * assert.equal(await store.streamVersion('enrollment-e1-next'), 2)
 * assert.deepEqual(runner.refusals(), [])
 */
export const createReactionRunner = <
  C,
  Ev,
  S,
  Err extends TaggedError,
  CheckErr extends TaggedError = never,
>(
  store: EventStore,
  reaction: Reaction<C, Ev, S, Err, CheckErr>,
  options: ReactionRunnerOptions<C, Err | CheckErr> = {},
): ReactionRunner<C, Err | CheckErr> => {
  const { name, aggregate, actor, react } = reaction
  const on = new Set(reaction.on)
  const keep = Math.max(0, Math.floor(options.keepRefusals ?? 1000))
  const refused: Refusal<C, Err | CheckErr>[] = []

  const refuse = (refusal: Refusal<C, Err | CheckErr>) => {
    if (keep > 0) {
      refused.push(refusal)
      if (refused.length > keep) refused.splice(0, refused.length - keep)
    }
    options.onRefused?.(refusal)
  }

  const reactTo = async (event: RecordedEvent): Promise<E.Either<ReactionError, void>> => {
    let commands: ReadonlyArray<C>
    try {
      commands = react(event)
    } catch (error) {
      return E.left(projectionThrew(name, event.position, error))
    }
    const { eventId, correlationId } = event.metadata
    for (const [index, command] of commands.entries()) {
      const commandId = reactionCommandId(name, eventId, index)
      const result = await handleCommand(
        store,
        aggregate,
        command,
        { actor, at: businessTimeOf(event), commandId },
        { correlationId, causationId: eventId },
      )
      if (E.isRight(result)) continue
      if (stopping.has(result.left._tag)) return E.left(result.left as ReactionError)
      refuse({
        reaction: name,
        event: {
          streamId: event.streamId,
          version: event.version,
          position: event.position,
          type: event.type,
          eventId,
        },
        commandIndex: index,
        commandId,
        command,
        error: result.left as RefusalError<Err | CheckErr>,
      })
    }
    return E.right(undefined)
  }

  const reader = createLogReader<ReactionError>(
    store,
    {
      name,
      problems: reactionProblems(
        reaction as Reaction<unknown, unknown, unknown, TaggedError, TaggedError>,
      ),
      // A reaction has no state: its checkpoint is how far it has sent commands.
      restore: (checkpoint) => E.right(checkpoint?.position ?? 0),
      reset: () => undefined,
      handle: async (events) => {
        for (const event of events) {
          if (!on.has(event.type)) continue
          const reacted = await reactTo(event)
          if (E.isLeft(reacted)) return reacted
        }
        return E.right(undefined)
      },
      checkpointAt: (position) => ({ position }),
    },
    options,
  )
  return { name, refusals: () => [...refused], ...reader }
}
