// The coaching rules as a specification, a property over random commands from random actors, and
// one command through the store: runnable with `npx vitest run examples/testing`.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { createInMemoryEventStore, handleCommand, type CommandContext } from 'microcred'
import { actorArbitrary, specFor } from 'microcred/testing'
import { describe, expect, it } from 'vitest'
import { coaching, type CoachingCommand, type CoachingEvent } from './coaching.js'

const at = '2026-10-05T16:00:00Z'
const as = (id: string, ...roles: Array<'facilitator' | 'educator'>): CommandContext => ({
  actor: { id, roles },
  at,
  commandId: `${id}-1`,
})
const requested: CoachingEvent = {
  type: 'CoachingRequested',
  data: { requestId: 'r-1', educatorId: 'e-1', eolaId: 'steam-eola-2', at },
}
const hold: CoachingCommand = { type: 'HoldCoaching', data: { requestId: 'r-1', notes: 'Plan B' } }
const { given } = specFor(coaching)

describe('coaching conversations', () => {
  it('a facilitator holds a requested conversation', () => {
    given([requested])
      .when(hold, as('fac-1', 'facilitator'))
      .then([
        { type: 'CoachingHeld', data: { requestId: 'r-1', coachId: 'fac-1', notes: 'Plan B', at } },
      ])
  })

  it('is held once, by a facilitator other than the educator, after a request', () => {
    given([]).when(hold, as('fac-1', 'facilitator')).thenFails('NotRequested')
    given([requested]).when(hold, as('e-1', 'educator')).thenFails('NotAFacilitator')
    given([requested]).when(hold, as('e-1', 'facilitator')).thenFails('OwnCoaching')
    const held = coaching.decide(hold, coaching.fold([requested]), as('fac-1', 'facilitator'))
    if (E.isLeft(held)) throw new Error(held.left.message)
    given([requested, ...held.right])
      .when(hold, as('fac-2', 'facilitator'))
      .thenFails('AlreadyHeld', 'held by fac-1')
  })

  it('whatever is sent by whoever, is held at most once and never by the educator', () => {
    const command = fc.constantFrom<CoachingCommand>(
      { type: 'RequestCoaching', data: { requestId: 'r-1', educatorId: 'e-1', eolaId: 'eola-1' } },
      hold,
    )
    const sent = fc.array(fc.tuple(command, actorArbitrary(['e-1', 'fac-1'])), { maxLength: 12 })
    fc.assert(
      fc.property(sent, (steps) => {
        const events: CoachingEvent[] = []
        steps.forEach(([cmd, actor], i) => {
          const context = { actor, at, commandId: `c-${i}` }
          const decision = coaching.decide(cmd, coaching.fold(events), context)
          if (E.isRight(decision)) events.push(...decision.right)
        })
        const held = events.filter((event) => event.type === 'CoachingHeld')
        expect(held.length).toBeLessThanOrEqual(1)
        for (const event of held) expect(event.data.coachId).not.toBe('e-1')
      }),
    )
  })

  it('runs through handleCommand like any aggregate', async () => {
    const store = createInMemoryEventStore()
    const request: CoachingCommand = {
      type: 'RequestCoaching',
      data: { requestId: 'r-1', educatorId: 'e-1', eolaId: 'steam-eola-2' },
    }
    await handleCommand(store, coaching, request, as('e-1', 'educator'))
    const done = await handleCommand(store, coaching, hold, as('fac-1', 'facilitator'))
    expect(E.isRight(done) && done.right.state).toEqual({
      status: 'held',
      educatorId: 'e-1',
      coachId: 'fac-1',
    })
    expect(await store.streamVersion('coaching-r-1')).toBe(2)
  })
})
