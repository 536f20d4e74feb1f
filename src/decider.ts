/**
 * The decider: the shape every aggregate has (`decide`, `evolve`, `initialState`) and the folds
 * built from one immer recipe.
 *
 * `evolve` runs the recipe through immer's `produce`, so a state others may hold is never
 * touched. A fold that starts from the initial state owns every object it creates, so it runs
 * the same recipe on its private copy and freezes once at the end: same result, without a
 * `produce` per event. States handed out are always deeply frozen.
 *
 * @packageDocumentation
 */
import type * as E from 'fp-ts/lib/Either.js'
import { produce, type Draft } from 'immer'
import type { CommandContext } from './context.js'
import type { DomainError } from './errors.js'
import { deepFreeze } from './freeze.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An immer recipe for one event: it mutates the draft, or returns a whole new state (used when
 * the event starts the aggregate's life). It must not mutate anything that came from the event.
 */
export type Recipe<S, Ev> = (draft: Draft<S>, event: Ev) => S | void

/**
 * An aggregate: `decide` turns a command into events or an error, `evolve` applies one event,
 * `fold` applies many, all from `initialState`.
 */
export interface Decider<C, Ev, S> {
  /** The state before any event: frozen. */
  readonly initialState: S
  /** Decides a command against a state: the events to append, or why not. Never throws. */
  readonly decide: (
    command: C,
    state: S,
    context: CommandContext,
  ) => E.Either<DomainError, ReadonlyArray<Ev>>
  /** Applies one event; never mutates `state`. An event that does not apply leaves it as is. */
  readonly evolve: (state: S, event: Ev) => S
  /** Applies events in order, from `state` (the initial state by default). */
  readonly fold: (events: Iterable<Ev>, state?: S) => S
}

// -------------------------------------------------------------------------------------
// folds
// -------------------------------------------------------------------------------------

const applyPrivately = <S, Ev>(recipe: Recipe<S, Ev>, state: S, event: Ev): S =>
  (recipe(state as Draft<S>, event) ?? state) as S

/**
 * Builds `evolve` from a recipe: one `produce` per event.
 *
 * @example
 * import { evolveWith } from 'microcred'
 * const evolve = evolveWith<{ n: number }, number>((draft, by) => {
 *   draft.n += by
 * })
 * evolve({ n: 1 }, 2) // { n: 3 }, frozen
 */
export const evolveWith =
  <S, Ev>(recipe: Recipe<S, Ev>) =>
  (state: S, event: Ev): S =>
    produce(state, (draft: Draft<S>) => recipe(draft, event) as Draft<S> | void) as S

/**
 * Builds `fold` from a recipe and a factory of fresh initial states. From the initial state the
 * fold runs the recipe on its own copy and freezes once, with `freeze` (`deepFreeze` unless the
 * aggregate knows a faster way to freeze its states deeply); from any other state it runs the
 * recipe inside one `produce`, leaving the given state untouched.
 *
 * @example
 * import { foldWith } from 'microcred'
 * const fold = foldWith((draft: { n: number }, by: number) => { draft.n += by }, () => ({ n: 0 }))
 * fold([1, 2, 3]) // { n: 6 }, frozen
 */
export const foldWith =
  <S, Ev>(recipe: Recipe<S, Ev>, initial: () => S, freeze: (state: S) => S = deepFreeze) =>
  (events: Iterable<Ev>, from?: S): S => {
    if (from === undefined) {
      let state = initial()
      for (const event of events) state = applyPrivately(recipe, state, event)
      return freeze(state)
    }
    return produce(from, (draft: Draft<S>) => {
      let state = draft as S
      for (const event of events) state = applyPrivately(recipe, state, event)
      return state === (draft as S) ? undefined : (state as Draft<S>)
    }) as S
  }

/**
 * Folds an interleaved log of many streams into one state per key (the stream's id), in one
 * pass, each from a fresh initial state, and freezes them once at the end (with `freeze`, as in
 * `foldWith`). The recipe only ever sees the events of its state's key.
 *
 * @example
 * import { foldByKey } from 'microcred'
 * const foldAll = foldByKey(
 *   (draft: { n: number }, event: { key: string; by: number }) => { draft.n += event.by },
 *   () => ({ n: 0 }),
 *   (event) => event.key,
 * )
 * foldAll([{ key: 'a', by: 1 }, { key: 'b', by: 5 }, { key: 'a', by: 2 }]).get('a') // { n: 3 }
 */
export const foldByKey =
  <S, Ev>(
    recipe: Recipe<S, Ev>,
    initial: () => S,
    keyOf: (event: Ev) => string,
    freeze: (state: S) => S = deepFreeze,
  ) =>
  (events: Iterable<Ev>): ReadonlyMap<string, S> => {
    const states = new Map<string, S>()
    for (const event of events) {
      const key = keyOf(event)
      const state = states.get(key)
      const next = applyPrivately(recipe, state ?? initial(), event)
      if (next !== state) states.set(key, next)
    }
    for (const state of states.values()) freeze(state)
    return states
  }
