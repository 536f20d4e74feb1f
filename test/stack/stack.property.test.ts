/**
 * The invariants of stacks, over generated scenarios (member enrollments of up to 4 educators in
 * up to 4 member programs, earned or not, revoked or not, recorded in any order that keeps each
 * enrollment's own order, educators named in either case): `StackEarned` once per educator,
 * exactly when every member is held and never before; the revocation of a credential it was
 * earned with revokes the stack; the award does not depend on the order of the member earn
 * events; a command recorded twice changes nothing the second time.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  identityKey,
  stack,
  type StackCommand,
  type StackEvent,
  type StackState,
} from '../../src/index.js'
import {
  stackScenarioArbitrary,
  stackScenarioContext,
  type StackScenario,
} from '../../src/testing/index.js'

/** Decides each command in turn; every one must be accepted. */
const run = (commands: ReadonlyArray<StackCommand>, repeat = false) => {
  let state: StackState = stack.initialState
  const decided: Array<ReadonlyArray<StackEvent>> = []
  commands.forEach((command, i) => {
    for (const _ of repeat ? [0, 1] : [0]) {
      const decision = stack.decide(command, state, stackScenarioContext(i))
      if (E.isLeft(decision)) throw new Error(decision.left.message)
      if (_ === 0) decided.push(decision.right)
      else expect(decision.right).toEqual([]) // recorded already: nothing new
      state = stack.fold(decision.right, state)
    }
  })
  return { state, decided }
}

const withDefinition = (scenario: StackScenario, commands = scenario.commands) => [
  scenario.define,
  ...commands,
]

/** The model: per educator, the index of the command that earns the stack and that revokes it. */
const model = (scenario: StackScenario, commands: ReadonlyArray<StackCommand>) => {
  const members = scenario.define.data.memberProgramIds
  const planOf = new Map(scenario.plans.map((p) => [p.enrollmentId, p]))
  const held = new Map<string, Set<string>>() // educator -> enrollment ids held
  const earned = new Map<string, { index: number; with: Set<string> }>()
  const revoked = new Map<string, number>()
  commands.forEach((command, index) => {
    if (command.type === 'DefineStack' || command.type === 'RecordMemberEnrollment') return
    const plan = planOf.get(command.data.enrollmentId)
    if (plan === undefined) return
    const educator = identityKey(plan.educatorId)
    const mine = held.get(educator) ?? new Set<string>()
    held.set(educator, mine)
    if (command.type === 'RecordMemberCredential') {
      mine.add(plan.enrollmentId)
      const programs = new Set([...mine].map((id) => planOf.get(id)?.programId))
      if (!earned.has(educator) && members.every((m) => programs.has(m))) {
        earned.set(educator, { index, with: new Set(mine) })
      }
    } else {
      mine.delete(plan.enrollmentId)
      const earning = earned.get(educator)
      if (earning?.with.has(plan.enrollmentId) === true && !revoked.has(educator)) {
        revoked.set(educator, index)
      }
    }
  })
  return { earned, revoked }
}

const eventsOf = (decided: ReadonlyArray<ReadonlyArray<StackEvent>>, type: StackEvent['type']) =>
  decided.flatMap((events, index) =>
    events.filter((e) => e.type === type).map((event) => ({ index, event })),
  )

describe('stack invariants', () => {
  it('StackEarned exactly once per educator, exactly when every member is held, never before', () => {
    fc.assert(
      fc.property(stackScenarioArbitrary(), (scenario) => {
        const commands = withDefinition(scenario)
        const { decided, state } = run(commands)
        const expected = model(scenario, commands)
        const earned = eventsOf(decided, 'StackEarned')
        expect(earned.length).toBe(expected.earned.size)
        for (const { index, event } of earned) {
          if (event.type !== 'StackEarned') continue
          const key = identityKey(event.data.educatorId)
          expect(expected.earned.get(key)?.index).toBe(index)
          // One credential per member, in the stack's order, each one the educator's.
          expect(event.data.memberCredentials.map((c) => c.programId)).toEqual(
            scenario.define.data.memberProgramIds,
          )
          const mine = scenario.plans.filter((p) => p.educator === key).map((p) => p.enrollmentId)
          for (const c of event.data.memberCredentials) expect(mine).toContain(c.enrollmentId)
        }
        if (state.status !== 'defined') throw new Error('not defined')
        for (const educator of Object.values(state.educators)) {
          const key = identityKey(educator.educatorId)
          const status = expected.revoked.has(key)
            ? 'revoked'
            : expected.earned.has(key)
              ? 'earned'
              : 'inProgress'
          expect(educator.status).toBe(status)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('revoking a credential the stack was earned with revokes the stack, once', () => {
    let seen = 0
    fc.assert(
      fc.property(stackScenarioArbitrary(), (scenario) => {
        const commands = withDefinition(scenario)
        const { decided } = run(commands)
        const expected = model(scenario, commands)
        const revoked = eventsOf(decided, 'StackRevoked')
        expect(revoked.length).toBe(expected.revoked.size)
        for (const { index, event } of revoked) {
          if (event.type !== 'StackRevoked') continue
          seen++
          expect(expected.revoked.get(identityKey(event.data.educatorId))).toBe(index)
          // Never a revocation of a stack not earned before it.
          const earnedAt = expected.earned.get(identityKey(event.data.educatorId))?.index
          expect(earnedAt).toBeLessThan(index)
        }
      }),
      { numRuns: 150 },
    )
    expect(seen).toBeGreaterThan(0)
  })

  it('the award does not depend on the order of the member earn events', () => {
    fc.assert(
      fc.property(
        stackScenarioArbitrary({ revocations: false }),
        fc.infiniteStream(fc.nat()),
        (scenario, keys) => {
          const enrollments = scenario.commands.filter((c) => c.type === 'RecordMemberEnrollment')
          const credentials = scenario.commands.filter((c) => c.type === 'RecordMemberCredential')
          const shuffled = credentials
            .map((command) => ({ command, key: keys.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ command }) => command)
          const awards = (commands: ReadonlyArray<StackCommand>) => {
            const { decided } = run(withDefinition(scenario, commands))
            return eventsOf(decided, 'StackEarned')
              .map(({ event }) =>
                event.type === 'StackEarned'
                  ? {
                      educator: identityKey(event.data.educatorId),
                      members: event.data.memberCredentials.map((c) => c.credentialId),
                    }
                  : undefined,
              )
              .sort((a, b) => ((a?.educator ?? '') < (b?.educator ?? '') ? -1 : 1))
          }
          const interleaved = awards(scenario.commands)
          expect(awards([...enrollments, ...credentials])).toEqual(interleaved)
          expect(awards([...enrollments, ...shuffled])).toEqual(interleaved)
          expect(awards([...enrollments, ...[...credentials].reverse()])).toEqual(interleaved)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('a command recorded twice changes nothing the second time (the process may resend)', () => {
    fc.assert(
      fc.property(stackScenarioArbitrary(), (scenario) => {
        const commands = scenario.commands
        const once = run([scenario.define, ...commands])
        const twice = (() => {
          const defined = stack.fold(
            E.getOrElseW(() => [])(
              stack.decide(scenario.define, stack.initialState, stackScenarioContext(0)),
            ),
          )
          let state = defined
          const decided: Array<ReadonlyArray<StackEvent>> = [[]]
          commands.forEach((command, i) => {
            const first = stack.decide(command, state, stackScenarioContext(i + 1))
            if (E.isLeft(first)) throw new Error(first.left.message)
            state = stack.fold(first.right, state)
            decided.push(first.right)
            expect(stack.decide(command, state, stackScenarioContext(i + 1))).toEqual(E.right([]))
          })
          return { state, decided }
        })()
        expect(twice.decided.slice(1)).toEqual(once.decided.slice(1))
        expect(twice.state).toEqual(once.state)
      }),
      { numRuns: 100 },
    )
  })
})
