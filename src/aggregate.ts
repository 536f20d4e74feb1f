/**
 * An aggregate: a decider that can be stored. Beside `decide`, `evolve` and the folds, it says how
 * its commands are decoded from outside, which stream a command acts on, and how its events are
 * stored. The store's command handler (`handleCommand`) needs nothing else, so a district's own
 * aggregate runs through the same handler as the enrollment.
 *
 * @packageDocumentation
 */
import type * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { CommandContext } from './context.js'
import type { Decider, TaggedError } from './decider.js'
import type { EventSchema } from './event-schema.js'
import type { StreamCheck } from './stream-check.js'

/**
 * A decider that can be stored: `handleCommand` needs nothing else. `CheckErr` is what its checks
 * across other streams refuse with (`never`: it has none).
 */
export interface Aggregate<
  C,
  Ev,
  S,
  Err extends TaggedError,
  CheckErr extends TaggedError = never,
> extends Decider<C, Ev, S, Err> {
  /**
   * Decodes a command from outside: the boundary for untrusted input. A decoded command is
   * trusted from then on, so `decide` does not decode it again.
   */
  readonly commands: t.Type<C, unknown, unknown>
  /** The codec, schema versions and upcasters of the events. */
  readonly events: EventSchema<Ev>
  /** The stream a (decoded) command acts on, such as `enrollment-<enrollmentId>`. */
  readonly streamIdOf: (command: C) => string
  /**
   * When an event happened (ISO-8601), for reading a stream as of a date. Without it, the
   * store's `recordedAt` is taken.
   */
  readonly occurredAt?: (event: Ev) => string
  /**
   * Whether the context's actor may send the command on a stream in this state: the check
   * `decide` makes first, on its own. `handleCommand` asks it before it answers a repeated
   * `commandId`, which `decide` never sees, so a repeat never shows a stream's state to an actor
   * who could not have sent the command. An aggregate without it answers repeats to anyone who
   * knows the `commandId`.
   */
  readonly authorize?: (command: C, state: S, context: CommandContext) => E.Either<Err, void>
  /**
   * What a command must meet in other streams (see `StreamCheck`): `handleCommand` runs it once
   * `decide` has accepted the command and before it appends, reading the streams it names, so a
   * rule across streams holds on every path through the handler. `decide` alone does not run it.
   */
  readonly checkAcrossStreams?: (
    command: C,
    state: S,
    context: CommandContext,
  ) => StreamCheck<CheckErr>
}
