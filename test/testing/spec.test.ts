/**
 * given/when/then works for any decider, passes when the decision is the one expected, and
 * otherwise throws an AssertionError that shows the difference.
 */
import { AssertionError } from 'node:assert'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { defineDecider, type CommandContext } from '../../src/index.js'
import { given, specFor } from '../../src/testing/index.js'

type Command = { type: 'TakeSeat'; educatorId: string } | { type: 'Look' }
type Seat = { type: 'SeatTaken'; data: { educatorId: string } }
type Full = { _tag: 'RoomFull'; message: string }

const room = defineDecider<Command, Seat, { taken: string[] }, Full>({
  initialState: { taken: [] },
  decide: (command, state, context) => {
    if (command.type === 'Look') return E.right([])
    if (state.taken.length >= 2) {
      return E.left({ _tag: 'RoomFull', message: `${context.actor.id}: the room seats 2` })
    }
    return E.right([{ type: 'SeatTaken', data: { educatorId: command.educatorId } }])
  },
  evolve: (draft, event) => {
    draft.taken.push(event.data.educatorId)
  },
})
const seat = (educatorId: string): Seat => ({ type: 'SeatTaken', data: { educatorId } })
const take = (educatorId: string): Command => ({ type: 'TakeSeat', educatorId })

/** The AssertionError `check` throws. */
const failure = (check: () => unknown): AssertionError => {
  try {
    check()
  } catch (error) {
    if (error instanceof AssertionError) return error
    throw error
  }
  throw new Error('expected an AssertionError')
}

describe('specFor: any decider', () => {
  const { given: givenRoom } = specFor(room)

  it('passes when the events, the error or the nothing are the ones expected', () => {
    givenRoom([seat('e-1')])
      .when(take('e-2'))
      .then([seat('e-2')])
    givenRoom([seat('e-1'), seat('e-2')])
      .when(take('e-3'))
      .then({ _tag: 'RoomFull', message: 'spec-actor: the room seats 2' })
    givenRoom([]).when({ type: 'Look' }).thenNothingHappened()
    const error = givenRoom([seat('e-1'), seat('e-2')])
      .when(take('e-3'))
      .thenFails('RoomFull')
    expect(error.message).toContain('seats 2')
  })

  it('uses the context passed to when, else the spec default', () => {
    const context: CommandContext = {
      actor: { id: 'coordinator-7', roles: [] },
      at: '2026-10-01T00:00:00Z',
      commandId: 'c-1',
    }
    givenRoom([seat('a'), seat('b')])
      .when(take('c'), context)
      .thenFails('RoomFull', 'coordinator-7')
    specFor(room, { context })
      .given([seat('a'), seat('b')])
      .when(take('c'))
      .thenFails('RoomFull', /^coordinator-7:/)
  })

  it('shows the difference between the events expected and those decided', () => {
    const error = failure(() =>
      givenRoom([])
        .when(take('e-2'))
        .then([seat('e-9')]),
    )
    expect(error.message).toContain("educatorId: 'e-2'")
    expect(error.message).toContain("educatorId: 'e-9'")
    expect(error.message).toMatch(/^\+ .*e-2/m)
    expect(error.message).toMatch(/^- .*e-9/m)
  })

  it('shows an error where events were expected, and events where an error was', () => {
    const refused = failure(() =>
      givenRoom([seat('a'), seat('b')])
        .when(take('c'))
        .then([]),
    )
    expect(refused.message).toContain('RoomFull')
    expect(refused.message).toMatch(/^\+ +error:/m)
    expect(refused.message).toMatch(/^- +events:/m)
    const accepted = failure(() =>
      givenRoom([]).when(take('c')).then({ _tag: 'RoomFull', message: 'x' }),
    )
    expect(accepted.message).toMatch(/^\+ +events:/m)
    const nothing = failure(() => givenRoom([]).when(take('c')).thenNothingHappened())
    expect(nothing.message).toContain("educatorId: 'c'")
    const fails = failure(() => givenRoom([]).when(take('c')).thenFails('RoomFull'))
    expect(fails.message).toBe(
      'expected the command to fail with RoomFull, but it produced [SeatTaken]',
    )
  })

  it('names the tag decided when another was expected', () => {
    const error = failure(() =>
      givenRoom([seat('a'), seat('b')])
        .when(take('c'))
        .thenFails('Other' as 'RoomFull'),
    )
    expect(error.message).toContain('the room seats 2')
  })
})

describe('given: the enrollment', () => {
  it('decides against the folded events, with the context passed', () => {
    given([])
      .when(
        { type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: 'Moved' } },
        {
          actor: { id: 'admin-1', roles: ['administrator'] },
          at: '2026-09-01T16:00:00Z',
          commandId: 'c-1',
        },
      )
      .thenFails('NotEnrolled', "enrollment 'enr-1' does not exist")
  })
})
