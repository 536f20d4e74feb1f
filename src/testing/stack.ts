/**
 * Generators for stacks: definitions, and the member enrollments, credentials and revocations
 * the `stackAwards` process records, in any order that keeps each enrollment's own order, so a
 * district can property-test what it builds on stacks against the same scenarios microcred is
 * tested with.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import type { CommandContext } from '../context.js'
import type { StackCommand, StackCommandOf } from '../stack/commands.js'

/** One member enrollment of a scenario: whose, of which program, and what becomes of it. */
export interface MemberPlan {
  /** The educator's id as this enrollment names it (the same person may be named `E-1` and `e-1`). */
  readonly educatorId: string
  /** The educator's id as the scenario knows them (lower case). */
  readonly educator: string
  readonly programId: string
  readonly enrollmentId: string
  readonly credentialId: string
  /** Whether the enrollment earns its credential. */
  readonly earned: boolean
  /** Whether that credential is then revoked (only when earned). */
  readonly revoked: boolean
}

/** A stack and what is recorded into it, in one generated order. */
export interface StackScenario {
  readonly define: StackCommandOf<'DefineStack'>
  readonly plans: ReadonlyArray<MemberPlan>
  /** The commands in the generated order: each enrollment is recorded, then earned, then revoked. */
  readonly commands: ReadonlyArray<StackCommand>
}

/** Options of `stackScenarioArbitrary`. */
export interface StackScenarioOptions {
  /** At most this many member programs (2 at least; default 4). */
  readonly maxMembers?: number
  /** At most this many educators (default 4). */
  readonly maxEducators?: number
  /** Whether earned credentials may be revoked (default `true`). */
  readonly revocations?: boolean
}

const badge = {
  name: 'Instructional Leader',
  description: 'Every micro-credential of the progression.',
  criteria: 'Earn each member micro-credential.',
  imageUrl: 'https://achieve.lausd.net/microcred/badges/leader.png',
}

/**
 * `DefineStack` commands: 2 to `maxMembers` distinct member programs (`program-1`, ...), a title
 * and the badge.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { DefineStack } from 'microcred'
 * import { stackDefinitionArbitrary } from 'microcred/testing'
 * const defines = fc.sample(stackDefinitionArbitrary(), 20)
 * assert.ok(defines.every((define) => DefineStack.is(define)))
 * assert.ok(defines.every((define) => define.data.memberProgramIds.length >= 2))
 */
export const stackDefinitionArbitrary = (
  maxMembers = 4,
): fc.Arbitrary<StackCommandOf<'DefineStack'>> =>
  fc
    .record({
      members: fc.integer({ min: 2, max: Math.max(2, maxMembers) }),
      n: fc.integer({ min: 1, max: 999 }),
    })
    .map(({ members, n }) => ({
      type: 'DefineStack' as const,
      data: {
        stackId: `stack-${n}`,
        title: `Progression ${n}`,
        description: 'Member micro-credentials that together make a larger one.',
        memberProgramIds: Array.from({ length: members }, (_, i) => `program-${i + 1}`),
        badge,
      },
    }))

/** Each thread's commands in the order of `order` (a shuffle of thread indexes, one per command). */
const interleave = <A>(threads: ReadonlyArray<ReadonlyArray<A>>, order: ReadonlyArray<number>) => {
  const next = threads.map(() => 0)
  return order.flatMap((t) => {
    const thread = threads[t] ?? []
    const i = next[t] ?? 0
    next[t] = i + 1
    const item = thread[i]
    return item === undefined ? [] : [item]
  })
}

/**
 * A stack and its member records: up to `maxEducators` educators, each with at most one
 * enrollment per member program, earned or not, revoked or not, each educator's id written in
 * upper or lower case at random (the same person, by the identity rule), the records of all
 * enrollments interleaved at random.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { StackCommand } from 'microcred'
 * import { stackScenarioArbitrary } from 'microcred/testing'
 * const [scenario] = fc.sample(stackScenarioArbitrary(), 1)
 * assert.ok(scenario !== undefined && scenario.commands.every((command) => StackCommand.is(command)))
 */
export const stackScenarioArbitrary = (
  options: StackScenarioOptions = {},
): fc.Arbitrary<StackScenario> =>
  stackDefinitionArbitrary(options.maxMembers ?? 4).chain((define) => {
    const members = define.data.memberProgramIds
    const enrollment = (educator: number, programId: string) =>
      fc
        .record({
          upper: fc.boolean(),
          earned: fc.boolean(),
          revoked: options.revocations === false ? fc.constant(false) : fc.boolean(),
        })
        .map(({ upper, earned, revoked }): MemberPlan => {
          const id = `educator-${educator}`
          const enrollmentId = `enr-${educator}-${programId}`
          return {
            educatorId: upper ? id.toUpperCase() : id,
            educator: id,
            programId,
            enrollmentId,
            credentialId: `credential-${enrollmentId}`,
            earned,
            revoked: earned && revoked,
          }
        })
    const educatorPlans = (educator: number) =>
      fc
        .subarray([...members])
        .chain((programs) => fc.tuple(...programs.map((p) => enrollment(educator, p))))
    return fc
      .integer({ min: 1, max: options.maxEducators ?? 4 })
      .chain((educators) =>
        fc.tuple(...Array.from({ length: educators }, (_, i) => educatorPlans(i + 1))),
      )
      .map((byEducator) => byEducator.flat())
      .chain((plans) => {
        const stackId = define.data.stackId
        const threads = plans.map((plan): StackCommand[] => [
          {
            type: 'RecordMemberEnrollment',
            data: {
              stackId,
              enrollmentId: plan.enrollmentId,
              educatorId: plan.educatorId,
              programId: plan.programId,
            },
          },
          ...(plan.earned
            ? [
                {
                  type: 'RecordMemberCredential' as const,
                  data: {
                    stackId,
                    enrollmentId: plan.enrollmentId,
                    credentialId: plan.credentialId,
                  },
                },
              ]
            : []),
          ...(plan.revoked
            ? [
                {
                  type: 'RecordMemberRevocation' as const,
                  data: {
                    stackId,
                    enrollmentId: plan.enrollmentId,
                    credentialId: plan.credentialId,
                    reason: 'Issued in error',
                  },
                },
              ]
            : []),
        ])
        const tokens = threads.flatMap((thread, t) => thread.map(() => t))
        return fc
          .shuffledSubarray(tokens, { minLength: tokens.length, maxLength: tokens.length })
          .map((order) => ({ define, plans, commands: interleave(threads, order) }))
      })
  })

/**
 * The context of the `i`th command of a scenario: the process's administrator, an hour after
 * the previous command, with its own id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { stackScenarioContext } from 'microcred/testing'
 * assert.deepEqual(stackScenarioContext(2), {
 *   actor: { id: 'stack-awards', roles: ['administrator'] },
 *   at: '2026-09-01T02:00:00.000Z',
 *   commandId: 'stack-command-2',
 * })
 */
export const stackScenarioContext = (i: number): CommandContext => ({
  actor: { id: 'stack-awards', roles: ['administrator'] },
  at: new Date(Date.parse('2026-09-01T00:00:00Z') + i * 3_600_000).toISOString(),
  commandId: `stack-command-${i}`,
})
