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
 * What every error of a decider has: a `_tag` to match on and a `message` a person can act on.
 */
export interface TaggedError {
  readonly _tag: string
  readonly message: string
}

/**
 * A decider: `decide` turns a command into events or an error of its own type `Err`, `evolve`
 * applies one event, `fold` applies many, all from `initialState`. It knows no store and no
 * domain: the enrollment is one (`Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState,
 * DomainError>`), and a district's own aggregate is another.
 */
export interface Decider<C, Ev, S, Err extends TaggedError> {
  /** The state before any event: frozen. */
  readonly initialState: S
  /**
   * Decides a command in its context (who acts, when, the command's id) against a state: the
   * events to append, or why not. Pure, and never throws.
   */
  readonly decide: (
    command: C,
    state: S,
    context: CommandContext,
  ) => E.Either<Err, ReadonlyArray<Ev>>
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
 * import assert from 'node:assert/strict'
 * import { evolveWith } from 'microcred'
 * const evolve = evolveWith<{ n: number }, number>((draft, by) => {
 *   draft.n += by
 * })
 * const state = { n: 1 }
 * const next = evolve(state, 2)
 * assert.deepEqual(next, { n: 3 })
 * assert.ok(Object.isFrozen(next))
 * assert.deepEqual(state, { n: 1 }) // untouched
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
 * import assert from 'node:assert/strict'
 * import { foldWith } from 'microcred'
 * const fold = foldWith((draft: { n: number }, by: number) => { draft.n += by }, () => ({ n: 0 }))
 * const state = fold([1, 2, 3])
 * assert.deepEqual(state, { n: 6 })
 * assert.ok(Object.isFrozen(state))
 * assert.deepEqual(fold([4], state), { n: 10 })
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
 * import assert from 'node:assert/strict'
 * import { foldByKey } from 'microcred'
 * const foldAll = foldByKey(
 *   (draft: { n: number }, event: { key: string; by: number }) => { draft.n += event.by },
 *   () => ({ n: 0 }),
 *   (event) => event.key,
 * )
 * const states = foldAll([{ key: 'a', by: 1 }, { key: 'b', by: 5 }, { key: 'a', by: 2 }])
 * assert.deepEqual(states.get('a'), { n: 3 })
 * assert.deepEqual(states.get('b'), { n: 5 })
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

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** What `defineDecider` builds a decider from: its initial state, `decide`, and one recipe. */
export interface DeciderDefinition<C, Ev, S, Err extends TaggedError> {
  /** The state before any event (plain data: the folds start from a copy of it). */
  readonly initialState: S
  /** Decides a command against a state. Pure: it must not throw. */
  readonly decide: Decider<C, Ev, S, Err>['decide']
  /** The immer recipe of one event, from which `evolve` and `fold` are built. */
  readonly evolve: Recipe<S, Ev>
}

/**
 * A decider from its initial state, `decide` and one immer recipe: `evolve` runs the recipe
 * through `produce`, `fold` on a private copy frozen once (see `evolveWith` and `foldWith`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { defineDecider } from 'microcred'
 * type Tally = { readonly hours: number }
 * type Logged = { type: 'HoursLogged'; data: { hours: number } }
 * type TooMany = { _tag: 'TooMany'; message: string }
 * const tally = defineDecider<{ type: 'LogHours'; hours: number }, Logged, Tally, TooMany>({
 *   initialState: { hours: 0 },
 *   decide: (command, state) =>
 *     state.hours + command.hours > 10
 *       ? E.left({ _tag: 'TooMany', message: `at most 10 hours; ${state.hours} are logged` })
 *       : E.right([{ type: 'HoursLogged', data: { hours: command.hours } }]),
 *   evolve: (draft, event) => {
 *     draft.hours += event.data.hours
 *   },
 * })
 * const context = { actor: { id: 'a', roles: [] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' }
 * const state = tally.fold([{ type: 'HoursLogged', data: { hours: 8 } }])
 * assert.deepEqual(state, { hours: 8 })
 * assert.ok(E.isLeft(tally.decide({ type: 'LogHours', hours: 3 }, state, context)))
 */
export const defineDecider = <C, Ev, S, Err extends TaggedError>(
  definition: DeciderDefinition<C, Ev, S, Err>,
): Decider<C, Ev, S, Err> => {
  const fresh = () => structuredClone(definition.initialState)
  return {
    initialState: deepFreeze(fresh()),
    decide: definition.decide,
    evolve: evolveWith(definition.evolve),
    fold: foldWith(definition.evolve, fresh),
  }
}
