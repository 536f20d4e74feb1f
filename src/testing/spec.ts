/**
 * Specifications that read as a rulebook, for any decider: `given(events).when(command).then(...)`.
 * They throw Node's `AssertionError`, so they work in vitest, jest, `node:test` or any runner,
 * and a failure shows the difference between what was expected and what was decided. Also:
 * running steps through a decider.
 *
 * @packageDocumentation
 */
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import type { CommandContext } from '../context.js'
import type { Decider, TaggedError } from '../decider.js'
import type { EnrollmentCommand } from '../enrollment/commands.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { enrollment } from '../enrollment/index.js'
import type { EnrollmentState } from '../enrollment/state.js'
import type { DomainError } from '../errors.js'
import type { Step } from './journey.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The outcome of `given(...).when(...)`, to check with one of the `then`s. */
export interface Then<Ev, Err extends TaggedError> {
  /** The decision itself. */
  readonly decision: E.Either<Err, ReadonlyArray<Ev>>
  /**
   * Asserts the decision: exactly these events (an array), or exactly this error (an object
   * with a `_tag`). On a mismatch the `AssertionError` shows the difference.
   */
  readonly then: (expected: ReadonlyArray<Ev> | Err) => void
  /** Asserts the command was accepted and produced no event. */
  readonly thenNothingHappened: () => void
  /** Asserts the command was refused with this tag (and a message matching `text`). */
  readonly thenFails: (tag: Err['_tag'], text?: string | RegExp) => Err
}

/** Past events, waiting for the command to decide. */
export interface Given<C, Ev, Err extends TaggedError> {
  /** Decides `command` against the state folded from the given events. */
  readonly when: (command: C, context?: CommandContext) => Then<Ev, Err>
}

/** Given/when/then for one decider. */
export interface DeciderSpecification<C, Ev, Err extends TaggedError> {
  readonly given: (events: ReadonlyArray<Ev>) => Given<C, Ev, Err>
}

/** Options of `specFor`. */
export interface SpecificationOptions {
  /** The context of a `when` that passes none (default: an actor without roles, at 2026-01-01). */
  readonly context?: CommandContext
}

// -------------------------------------------------------------------------------------
// specifications
// -------------------------------------------------------------------------------------

const defaultContext: CommandContext = {
  actor: { id: 'spec-actor', roles: [] },
  at: '2026-01-01T00:00:00Z',
  commandId: 'spec-command',
}

/** A decision as one plain value, so a failed comparison shows which side it came out on. */
const outcome = <Ev, Err>(decision: E.Either<Err, ReadonlyArray<Ev>>) =>
  E.isLeft(decision) ? { error: decision.left } : { events: decision.right }

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Given/when/then for any decider. `when` decides the command against the state folded from the
 * given events (with the spec's default context unless one is passed); the `then`s assert.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { defineDecider } from 'microcred'
 * import { specFor } from 'microcred/testing'
 * type Seat = { type: 'SeatTaken'; data: { educatorId: string } }
 * type Full = { _tag: 'RoomFull'; message: string }
 * const room = defineDecider<{ type: 'TakeSeat'; educatorId: string }, Seat, { taken: number }, Full>({
 *   initialState: { taken: 0 },
 *   decide: (command, state) =>
 *     state.taken >= 2
 *       ? E.left({ _tag: 'RoomFull', message: 'the room seats 2' })
 *       : E.right([{ type: 'SeatTaken', data: { educatorId: command.educatorId } }]),
 *   evolve: (draft) => {
 *     draft.taken += 1
 *   },
 * })
 * const { given } = specFor(room)
 * const seat = (educatorId: string): Seat => ({ type: 'SeatTaken', data: { educatorId } })
 * given([seat('e-1')]).when({ type: 'TakeSeat', educatorId: 'e-2' }).then([seat('e-2')])
 * given([seat('e-1'), seat('e-2')]).when({ type: 'TakeSeat', educatorId: 'e-3' }).thenFails('RoomFull')
 * assert.throws(() => given([]).when({ type: 'TakeSeat', educatorId: 'e-1' }).thenNothingHappened())
 */
export const specFor = <C, Ev, S, Err extends TaggedError>(
  decider: Decider<C, Ev, S, Err>,
  options: SpecificationOptions = {},
): DeciderSpecification<C, Ev, Err> => ({
  given: (events) => ({
    when: (command, context = options.context ?? defaultContext): Then<Ev, Err> => {
      const decision = decider.decide(command, decider.fold(events), context)
      return {
        decision,
        then: (expected) => {
          const wanted = Array.isArray(expected) ? { events: expected } : { error: expected }
          assert.deepStrictEqual(outcome(decision), wanted)
        },
        thenNothingHappened: () => assert.deepStrictEqual(outcome(decision), { events: [] }),
        thenFails: (tag, text) => {
          if (E.isRight(decision)) {
            const types = decision.right.map((e) => (e as { type?: unknown }).type).join(', ')
            assert.fail(`expected the command to fail with ${tag}, but it produced [${types}]`)
          }
          assert.equal(decision.left._tag, tag, decision.left.message)
          if (text !== undefined) {
            assert.match(
              decision.left.message,
              typeof text === 'string' ? new RegExp(escape(text)) : text,
            )
          }
          return decision.left
        },
      }
    },
  }),
})

/**
 * Given/when/then for the enrollment (under Los Angeles Unified's policy, or the decider passed).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { given } from 'microcred/testing'
 * given([])
 *   .when(
 *     { type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: 'Moved' } },
 *     { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' },
 *   )
 *   .thenFails('NotEnrolled', "enrollment 'enr-1' does not exist")
 * assert.throws(() =>
 *   given([]).when(
 *     { type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: 'Moved' } },
 *     { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' },
 *   ).thenNothingHappened(),
 * )
 */
export const given = (
  events: ReadonlyArray<EnrollmentEvent>,
  decider: Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState, DomainError> = enrollment,
): Given<EnrollmentCommand, EnrollmentEvent, DomainError> => specFor(decider).given(events)

// -------------------------------------------------------------------------------------
// running steps
// -------------------------------------------------------------------------------------

/** What running steps produced: every event appended, the final state, and each decision. */
export interface Run {
  readonly events: ReadonlyArray<EnrollmentEvent>
  readonly state: EnrollmentState
  readonly decisions: ReadonlyArray<E.Either<DomainError, ReadonlyArray<EnrollmentEvent>>>
}

/**
 * Decides each step against the state so far, appending the events of those accepted; refused
 * steps append nothing.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { journeyArbitrary, runSteps } from 'microcred/testing'
 * const [journey] = fc.sample(journeyArbitrary(), 1)
 * assert.equal(journey && runSteps(journey.steps).state.status, 'earned')
 */
export const runSteps = (
  steps: ReadonlyArray<Step>,
  decider: Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState, DomainError> = enrollment,
): Run => {
  const events: EnrollmentEvent[] = []
  const decisions: Array<E.Either<DomainError, ReadonlyArray<EnrollmentEvent>>> = []
  let state = decider.initialState
  for (const { command, context } of steps) {
    const decision = decider.decide(command, state, context)
    decisions.push(decision)
    if (E.isRight(decision)) {
      events.push(...decision.right)
      state = decider.fold(decision.right, state)
    }
  }
  return { events, state, decisions }
}
