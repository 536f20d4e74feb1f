/**
 * The cohort closing process: closing a cohort expires each enrollment on its roster; an
 * enrollment already ended refuses, the refusal is reported, and the process goes on; a re-run
 * adds nothing.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  aggregateStream,
  catalog,
  cohort,
  cohortClosing,
  createInMemoryEventStore,
  createReactionRunner,
  enrollment,
  enrollmentStreamId,
  handleCommand,
  type EventStore,
} from '../../src/index.js'
import { scheduleSteamCohort } from './steam-fixtures.js'

const admin = { id: 'admin-1', roles: ['administrator' as const] }
const ctx = (at: string, commandId: string) => ({ actor: admin, at, commandId })
const ok = async (result: Promise<E.Either<{ message: string }, unknown>>) => {
  const r = await result
  if (E.isLeft(r)) throw new Error(r.left.message)
}

const scenario = async (store: EventStore) => {
  await ok(
    handleCommand(
      store,
      cohort,
      { ...scheduleSteamCohort, data: { ...scheduleSteamCohort.data, capacity: 3 } },
      ctx('2026-08-01T16:00:00Z', 'schedule'),
    ),
  )
  for (const i of [1, 2, 3, 4]) {
    const educator = { id: `e-${i}`, name: `Educator ${i}`, email: `e${i}@lausd.net` }
    await ok(
      handleCommand(
        store,
        enrollment,
        {
          type: 'Enroll',
          data: {
            enrollmentId: `enr-${i}`,
            cohortId: 'steam-2026',
            program: catalog.steam,
            educator,
          },
        },
        ctx('2026-08-01T16:00:00Z', `enroll-${i}`),
      ),
    )
    await ok(
      handleCommand(
        store,
        cohort,
        {
          type: 'AdmitEducator',
          data: { cohortId: 'steam-2026', enrollmentId: `enr-${i}`, educator },
        },
        ctx('2026-08-02T16:00:00Z', `admit-${i}`),
      ),
    )
  }
  // enr-4 waits; enr-2 withdraws from the program (the cohort keeps the seat until released).
  await ok(
    handleCommand(
      store,
      enrollment,
      { type: 'Withdraw', data: { enrollmentId: 'enr-2', reason: 'Moved schools' } },
      ctx('2026-10-01T16:00:00Z', 'withdraw-2'),
    ),
  )
  await ok(
    handleCommand(
      store,
      cohort,
      { type: 'CloseCohort', data: { cohortId: 'steam-2026' } },
      ctx('2027-06-12T16:00:00Z', 'close'),
    ),
  )
}

const statusOf = async (store: EventStore, enrollmentId: string) => {
  const read = await aggregateStream(store, enrollment, enrollmentStreamId(enrollmentId))
  if (E.isLeft(read)) throw new Error(read.left.message)
  return read.right.state.status
}

describe('cohortClosing', () => {
  it('expires each roster enrollment; a withdrawn one refuses and the process goes on; the waitlist is left alone', async () => {
    const store = createInMemoryEventStore()
    await scenario(store)
    const refused: string[] = []
    const runner = createReactionRunner(store, cohortClosing, {
      onRefused: (r) => refused.push(r.command.data.enrollmentId),
    })
    expect(E.isRight(await runner.catchUp())).toBe(true)
    expect(await statusOf(store, 'enr-1')).toBe('incomplete')
    expect(await statusOf(store, 'enr-2')).toBe('withdrawn')
    expect(await statusOf(store, 'enr-3')).toBe('incomplete')
    expect(await statusOf(store, 'enr-4')).toBe('active') // waitlisted, never seated
    expect(refused).toEqual(['enr-2'])
    expect(runner.refusals()[0]?.error._tag).toBe('EnrollmentClosed')
    const [expired] = await store.readStream(enrollmentStreamId('enr-1'), { fromVersion: 2 })
    expect(expired?.type).toBe('EnrollmentExpired')
    expect(expired?.data).toMatchObject({
      reason: "cohort 'steam-2026' closed on 2027-06-12T16:00:00Z",
    })
    expect(expired?.metadata.actorId).toBe('cohort-closing')

    // A crash before the checkpoint, or a rebuild: the same ids, nothing twice.
    const version = await store.streamVersion(enrollmentStreamId('enr-1'))
    const again = createReactionRunner(store, cohortClosing)
    expect(E.isRight(await again.catchUp())).toBe(true)
    expect(await store.streamVersion(enrollmentStreamId('enr-1'))).toBe(version)
  })
})
