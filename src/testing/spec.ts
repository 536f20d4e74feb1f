/**
 * Running steps through a decider, and specifications that read as the program's rulebook:
 * `given(events).when(command, context).then(events)`.
 *
 * @packageDocumentation
 */
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import type { CommandContext } from '../context.js'
import type { Decider } from '../decider.js'
import type { EnrollmentCommand } from '../enrollment/commands.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { enrollment } from '../enrollment/index.js'
import type { EnrollmentState } from '../enrollment/state.js'
import type { DomainError } from '../errors.js'
import type { Step } from './journey.js'

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
 * import fc from 'fast-check'
 * import { journeyArbitrary, runSteps } from 'microcred/testing'
 * const [journey] = fc.sample(journeyArbitrary(), 1)
 * if (journey) runSteps(journey.steps).state.status // 'earned'
 */
export const runSteps = (
  steps: ReadonlyArray<Step>,
  decider: Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState> = enrollment,
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

/** The outcome of `given(...).when(...)`, to check with `then` or `thenFails`. */
export interface When {
  /** The decision itself. */
  readonly decision: E.Either<DomainError, ReadonlyArray<EnrollmentEvent>>
  /** Asserts the command was accepted with exactly these events (throws an AssertionError). */
  readonly then: (expected: ReadonlyArray<EnrollmentEvent>) => void
  /** Asserts the command was refused with this tag (and a message containing `text`). */
  readonly thenFails: (tag: DomainError['_tag'], text?: string | RegExp) => DomainError
}

/**
 * A specification: given past events, when a command is decided, then these events (or this
 * refusal).
 *
 * @example
 * import { given } from 'microcred/testing'
 * given([])
 *   .when(
 *     { type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: 'Moved' } },
 *     { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' },
 *   )
 *   .thenFails('NotEnrolled')
 */
export const given = (
  events: ReadonlyArray<EnrollmentEvent>,
  decider: Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState> = enrollment,
) => ({
  when: (command: EnrollmentCommand, context: CommandContext): When => {
    const decision = decider.decide(command, decider.fold(events), context)
    return {
      decision,
      then: (expected) => {
        if (E.isLeft(decision))
          assert.fail(`expected events, got ${decision.left._tag}: ${decision.left.message}`)
        assert.deepStrictEqual(decision.right, expected)
      },
      thenFails: (tag, text) => {
        if (E.isRight(decision)) {
          assert.fail(`expected ${tag}, got events ${decision.right.map((e) => e.type).join(', ')}`)
        }
        assert.equal(decision.left._tag, tag, decision.left.message)
        if (text !== undefined)
          assert.match(
            decision.left.message,
            typeof text === 'string' ? new RegExp(escape(text)) : text,
          )
        return decision.left
      },
    }
  },
})

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
