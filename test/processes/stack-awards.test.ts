/**
 * The stackAwards process on the stores: generated journeys of member programs earn their
 * credentials (written to the log as an import would), the reaction records them into the
 * stack's stream, and the stack is earned once per educator (known by the identity rule), revoked
 * when a credential it was earned with is revoked, and untouched by other programs. A runner that
 * crashed before saving its checkpoint, run again, and a rebuild, dispatch nothing new.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import {
  aggregateStream,
  catalog,
  createInMemoryEventStore,
  createReactionRunner,
  educatorInStack,
  enrollment,
  handleCommand,
  stack,
  stackAwards,
  stackStreamId,
  type EnrollmentEvent,
  type EventStore,
  type Program,
} from '../../src/index.js'
import { journeyArbitrary, runSteps } from '../../src/testing/index.js'
import { databaseUrl, sharedPGlite, sharedPool, storeIn } from '../postgres/support.js'

const admin = { id: 'admin-1', roles: ['administrator' as const] }
const leader = {
  stackId: 'leader',
  memberProgramIds: [catalog.steam.id, catalog.dualLanguage.id],
}

/** The events of an earned journey of `program`, for `educator`, as enrollment `enrollmentId`. */
const earnedEvents = (
  program: Program,
  enrollmentId: string,
  educatorId: string,
  seed: number,
): EnrollmentEvent[] => {
  const [journey] = fc.sample(journeyArbitrary({ program, enrollmentId }), { numRuns: 1, seed })
  if (journey === undefined) throw new Error('no journey')
  const { events, state } = runSteps(journey.steps)
  expect(state.status).toBe('earned')
  return events.map((event) =>
    event.type === 'EducatorEnrolled'
      ? {
          ...event,
          data: {
            ...event.data,
            educator: { id: educatorId, name: 'Ana Ruiz', email: 'ana.ruiz@lausd.net' },
          },
        }
      : event,
  )
}

/** Writes an enrollment's events to its stream, as `microcred import` would. */
const importEnrollment = async (store: EventStore, events: ReadonlyArray<EnrollmentEvent>) => {
  const first = events[0]
  if (first === undefined) return
  const appended = await store.appendToStream(
    `enrollment-${first.data.enrollmentId}`,
    events.map((event, i) => {
      const eventId = `${first.data.enrollmentId}-${i + 1}`
      return {
        type: event.type,
        data: event.data,
        metadata: {
          eventId,
          commandId: eventId,
          actorId: 'importer',
          correlationId: eventId,
          causationId: eventId,
          schemaVersion: 1,
        },
      }
    }),
    { expectedVersion: 'noStream' },
  )
  expect(E.isRight(appended)).toBe(true)
}

const logLength = async (store: EventStore) => {
  let n = 0
  for await (const event of store.readAll()) n = Math.max(n, event.position)
  return n
}

const scenario = async (store: EventStore) => {
  const defined = await handleCommand(
    store,
    stack,
    {
      type: 'DefineStack',
      data: {
        ...leader,
        title: 'Instructional Leader',
        description: 'STEAM and Dual Language Education together.',
        badge: {
          name: 'LAUSD Instructional Leader',
          description: 'Both micro-credentials of the progression.',
          criteria: 'Earn the STEAM and the Dual Language Education micro-credentials.',
          imageUrl: 'https://achieve.lausd.net/microcred/badges/leader.png',
        },
      },
    },
    { actor: admin, at: '2026-08-01T16:00:00Z', commandId: 'define-leader' },
  )
  expect(E.isRight(defined)).toBe(true)
  // Ana earns both members, named `ANA-1` by one enrollment and `ana-1` by the other; Ben earns
  // one member and a program outside the stack.
  await importEnrollment(store, earnedEvents(catalog.steam, 'ana-steam', 'ANA-1', 1))
  await importEnrollment(store, earnedEvents(catalog.dualLanguage, 'ana-dual', 'ana-1', 2))
  await importEnrollment(store, earnedEvents(catalog.steam, 'ben-steam', 'ben-1', 3))
  await importEnrollment(store, earnedEvents(catalog.englishLearner, 'ben-el', 'ben-1', 4))
}

const stackEvents = async (store: EventStore) =>
  (await store.readStream(stackStreamId('leader'))).map((e) => e.type)

const stores: Array<[string, () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>]> =
  [
    ['in memory', async () => ({ store: createInMemoryEventStore(), cleanup: async () => {} })],
    ['PGlite', async () => storeIn(await sharedPGlite(), 'stack')],
    ...(databaseUrl === undefined
      ? []
      : [
          ['server', async () => storeIn(sharedPool(), 'stack')] as [
            string,
            () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>,
          ],
        ]),
  ]

describe.each(stores)('stackAwards (%s)', (_, open) => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => Promise.all(cleanups.map((cleanup) => cleanup())))

  it('earns the stack once per educator who holds every member, by the identity rule; a crashed runner run again dispatches nothing new', async () => {
    const { store, cleanup } = await open()
    cleanups.push(cleanup)
    await scenario(store)
    const runner = createReactionRunner(store, stackAwards({ stacks: [leader] }))
    expect(E.isRight(await runner.catchUp())).toBe(true)
    expect(runner.refusals()).toEqual([])
    expect(await stackEvents(store)).toEqual([
      'StackDefined',
      'MemberEnrollmentRecorded', // ana-steam
      'MemberCredentialRecorded',
      'MemberEnrollmentRecorded', // ana-dual
      'MemberCredentialRecorded',
      'StackEarned',
      'MemberEnrollmentRecorded', // ben-steam
      'MemberCredentialRecorded',
    ])
    const read = await aggregateStream(store, stack, stackStreamId('leader'))
    if (E.isLeft(read)) throw new Error(read.left.message)
    const ana = educatorInStack(read.right.state, 'Ana-1')
    expect(ana?.status).toBe('earned')
    expect(ana?.earned?.memberCredentials.map((c) => c.enrollmentId)).toEqual([
      'ana-steam',
      'ana-dual',
    ])
    expect(educatorInStack(read.right.state, 'ben-1')?.status).toBe('inProgress')

    // The runner crashed before it saved its checkpoint: a new one reads the log from the start.
    const before = await logLength(store)
    const restarted = createReactionRunner(store, stackAwards({ stacks: [leader] }))
    expect(E.isRight(await restarted.catchUp())).toBe(true)
    expect(restarted.refusals()).toEqual([])
    expect(await logLength(store)).toBe(before)
    expect(E.isRight(await runner.rebuild())).toBe(true)
    expect(await logLength(store)).toBe(before)
  })

  it('revoking a member credential after the stack was earned revokes it', async () => {
    const { store, cleanup } = await open()
    cleanups.push(cleanup)
    await scenario(store)
    const runner = createReactionRunner(store, stackAwards({ stacks: [leader] }))
    expect(E.isRight(await runner.catchUp())).toBe(true)
    const revoked = await handleCommand(
      store,
      enrollment,
      { type: 'RevokeCredential', data: { enrollmentId: 'ana-dual', reason: 'Issued in error' } },
      { actor: admin, at: '2027-09-01T16:00:00Z', commandId: 'revoke-ana-dual' },
    )
    expect(E.isRight(revoked)).toBe(true)
    expect(E.isRight(await runner.catchUp())).toBe(true)
    expect((await stackEvents(store)).slice(-2)).toEqual([
      'MemberRevocationRecorded',
      'StackRevoked',
    ])
    const read = await aggregateStream(store, stack, stackStreamId('leader'))
    if (E.isLeft(read)) throw new Error(read.left.message)
    expect(educatorInStack(read.right.state, 'ana-1')?.revocation?.credentialId).toMatch(/ana-dual/)
  })

  it('an educator who is the administrator the process runs as is refused, and reported', async () => {
    const { store, cleanup } = await open()
    cleanups.push(cleanup)
    await scenario(store)
    const runner = createReactionRunner(
      store,
      stackAwards({ stacks: [leader], actor: { id: 'ben-1', roles: ['administrator'] } }),
    )
    expect(E.isRight(await runner.catchUp())).toBe(true)
    expect(runner.refusals().map((r) => r.error._tag)).toContain('NotAuthorized')
    expect(runner.refusals().every((r) => r.error.message.includes('ben-1'))).toBe(true)
  })
})
