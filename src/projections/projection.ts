/**
 * A projection: a read model folded from the global log. It names itself, starts from an initial
 * state, reads the recorded events it cares about (decoded), and evolves its state with an immer
 * recipe, as the core's deciders do.
 *
 * A batch of events is applied in one `produce` (or, from the initial state, privately and frozen
 * once at the end), so a read model of many rows does not pay for a walk of its root on every
 * event. See docs/projections.md.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { enableMapSet, produce, type Draft } from 'immer'
import { deepFreeze } from '../freeze.js'
import type { CorruptEvent } from '../store/errors.js'
import type { RecordedEvent } from '../store/recorded-event.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How a projection reads a recorded event: `E.right(undefined)` skips an event it does not
 * read (another aggregate's), `E.left` stops the runner: a corrupt event is never skipped.
 */
export type ProjectionDecoder<Ev> = (
  recorded: RecordedEvent,
) => E.Either<CorruptEvent, Ev | undefined>

/** What `defineProjection` takes. */
export interface ProjectionDefinition<S, Ev> {
  /**
   * The projection's name: its checkpoint's key (1 to 100 letters, digits, `.`, `_`, `-`). A
   * runner refuses any other name (`InvalidRunner`) before it reads or saves anything.
   */
  readonly name: string
  /** The state before any event. */
  readonly initialState: S
  /** Reads a recorded event (default: every event as recorded). */
  readonly decode?: ProjectionDecoder<Ev>
  /** An immer recipe: change the draft for one event (or return a new state). */
  readonly evolve: (draft: Draft<S>, event: Ev, recorded: RecordedEvent) => S | void
  /**
   * How the state is written to and read from a checkpoint (JSON). Without it, a runner keeps
   * only the position in its checkpoint and folds from the first event when it starts again.
   */
  readonly codec?: t.Type<S, unknown, unknown>
}

/** A projection, as `defineProjection` returns it. */
export interface Projection<S, Ev = RecordedEvent> {
  readonly name: string
  /** The state before any event, deeply frozen. */
  readonly initialState: S
  readonly decode: ProjectionDecoder<Ev>
  readonly evolve: ProjectionDefinition<S, Ev>['evolve']
  readonly codec: t.Type<S, unknown, unknown> | undefined
  /**
   * Applies a batch of recorded events to a state and returns the new, deeply frozen state
   * (the same state when nothing changed); stops at the first event that does not decode.
   */
  readonly apply: (state: S, events: ReadonlyArray<RecordedEvent>) => E.Either<CorruptEvent, S>
  /**
   * For runners: a new, unfrozen initial state that the caller alone holds, to fold into with
   * `applyInPlace` and freeze (`deepFreeze`) before anyone else sees it.
   */
  readonly fresh: () => S
  /**
   * For runners: applies a batch to a state that the caller alone holds (from `fresh`, or decoded
   * from a checkpoint), changing it in place: no copy, no freeze. A batch with an event that does
   * not decode (`Left`) changes nothing; if `evolve` throws, the state holds part of the batch
   * and must be thrown away.
   */
  readonly applyInPlace: (
    working: S,
    events: ReadonlyArray<RecordedEvent>,
  ) => E.Either<CorruptEvent, S>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

/**
 * Why a projection or reaction name is refused, or `undefined` when it is fine: a name is 1 to
 * 100 letters, digits, `.`, `_` or `-`, starting with a letter or digit (it keys a checkpoint).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { projectionNameProblem } from 'microcred'
 * assert.equal(projectionNameProblem('cohort-progress.v2'), undefined)
 * assert.match(projectionNameProblem('__proto__ ') ?? '', /letters, digits/)
 */
export const projectionNameProblem = (name: unknown): string | undefined =>
  typeof name === 'string' && namePattern.test(name)
    ? undefined
    : 'a projection name is 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit'

const asRecorded: ProjectionDecoder<never> = (recorded) => E.right(recorded as never)

/**
 * Defines a projection.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { defineProjection, foldProjection } from 'microcred'
 *
 * const eventCount = defineProjection({
 *   name: 'event-count',
 *   initialState: { events: 0 },
 *   evolve: (draft) => {
 *     draft.events += 1
 *   },
 * })
 * const metadata = { eventId: 'e', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const recorded = { streamId: 's', version: 1, position: 1, type: 'Noted', data: {}, metadata, recordedAt: '2026-09-01T00:00:00.000Z' }
 * const state = foldProjection(eventCount, [recorded, { ...recorded, version: 2, position: 2 }])
 * assert.deepEqual(state, E.right({ events: 2 }))
 */
export const defineProjection = <S, Ev = RecordedEvent>(
  definition: ProjectionDefinition<S, Ev>,
): Projection<S, Ev> => {
  // A read model of many rows keeps them in a Map (ids such as `__proto__` are safe keys there);
  // immer drafts Maps and Sets only with this plugin. Enabling it twice is harmless.
  enableMapSet()
  const decode = definition.decode ?? (asRecorded as ProjectionDecoder<Ev>)
  const { evolve } = definition
  const initialState = deepFreeze(structuredClone(definition.initialState))
  const fresh = () => structuredClone(definition.initialState)

  // Every event of the batch is decoded before any is applied: a batch that does not decode
  // changes nothing, even in place.
  const applyAll = (draft: S, events: ReadonlyArray<RecordedEvent>): E.Either<CorruptEvent, S> => {
    const decoded: (Ev | undefined)[] = new Array<Ev | undefined>(events.length)
    for (let i = 0; i < events.length; i++) {
      const event = decode(events[i] as RecordedEvent)
      if (E.isLeft(event)) return event
      decoded[i] = event.right
    }
    let state = draft
    for (let i = 0; i < events.length; i++) {
      const event = decoded[i]
      if (event === undefined) continue
      state = (evolve(state as Draft<S>, event, events[i] as RecordedEvent) ?? state) as S
    }
    return E.right(state)
  }

  const apply = (state: S, events: ReadonlyArray<RecordedEvent>): E.Either<CorruptEvent, S> => {
    if (events.length === 0) return E.right(state)
    if (state === initialState) {
      // Nothing else holds a fresh state: change it in place and freeze it once.
      const result = applyAll(fresh(), events)
      return E.isLeft(result) ? result : E.right(deepFreeze(result.right))
    }
    let failure: CorruptEvent | undefined
    const next = produce(state, (draft: Draft<S>) => {
      const result = applyAll(draft as S, events)
      if (E.isLeft(result)) {
        failure = result.left
        return undefined
      }
      return result.right === (draft as S) ? undefined : (result.right as Draft<S>)
    }) as S
    return failure === undefined ? E.right(next) : E.left(failure)
  }

  return {
    name: definition.name,
    initialState,
    decode,
    evolve,
    codec: definition.codec,
    apply,
    fresh,
    applyInPlace: applyAll,
  }
}

/**
 * Folds recorded events into a projection's state from its initial state.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { defineProjection, foldProjection } from 'microcred'
 *
 * const types = defineProjection({
 *   name: 'types',
 *   initialState: [] as string[],
 *   evolve: (draft, event) => {
 *     draft.push(event.type)
 *   },
 * })
 * assert.deepEqual(foldProjection(types, []), E.right([]))
 */
export const foldProjection = <S, Ev>(
  projection: Projection<S, Ev>,
  events: Iterable<RecordedEvent>,
  from: S = projection.initialState,
): E.Either<CorruptEvent, S> => projection.apply(from, Array.from(events))
