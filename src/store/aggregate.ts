/**
 * An aggregate as the command handler sees it: a decider, plus how its commands are decoded,
 * which stream a command belongs to, and how its events are stored.
 *
 * @packageDocumentation
 */
import type * as t from 'io-ts'
import type { Decider } from '../decider.js'
import type { EventSchema } from './upcasting.js'

/** A decider that can be stored: `handleCommand` needs nothing else. */
export interface Aggregate<C, Ev, S> extends Decider<C, Ev, S> {
  /** Decodes a command from outside. */
  readonly commands: t.Decoder<unknown, C>
  /** The codec, schema versions and upcasters of the events. */
  readonly events: EventSchema<Ev>
  /** The stream a command acts on, such as `enrollment-<enrollmentId>`. */
  readonly streamIdOf: (command: C) => string
}
