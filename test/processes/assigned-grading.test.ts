/**
 * Grading by assigned assessors: an assessor grades an enrollment's work only when assigned to
 * its cohort or its program; otherwise `AssessorNotAssigned`, naming the assessor and the
 * program, and nothing is written.
 */
import * as E from 'fp-ts/lib/Either.js'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  catalog,
  cohort,
  createInMemoryEventStore,
  enrollment,
  enrollmentStreamId,
  gradeAsAssignedAssessor,
  handleCommand,
  programStaff,
  type Actor,
  type EventStore,
} from '../../src/index.js'
import { gradeFirstEola, scheduleSteamCohort, submitFirstEola } from './steam-fixtures.js'

const admin = { id: 'admin-1', roles: ['administrator' as const] }
const ctx = (actor: Actor, at: string, commandId: string) => ({ actor, at, commandId })
const ok = async (result: Promise<E.Either<{ message: string }, unknown>>) => {
  const r = await result
  if (E.isLeft(r)) throw new Error(r.left.message)
}
const grade = gradeFirstEola('enr-1')
const assessor = (id: string): Actor => ({ id, roles: ['assessor'] })

let store: EventStore
beforeEach(async () => {
  store = createInMemoryEventStore()
  const educator = { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
  await ok(
    handleCommand(
      store,
      enrollment,
      {
        type: 'Enroll',
        data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam, educator },
      },
      ctx(admin, '2026-08-01T16:00:00Z', 'enroll'),
    ),
  )
  await ok(
    handleCommand(
      store,
      cohort,
      scheduleSteamCohort,
      ctx(admin, '2026-08-01T16:00:00Z', 'schedule'),
    ),
  )
  await ok(
    handleCommand(
      store,
      enrollment,
      submitFirstEola('enr-1'),
      ctx({ id: 'e-1', roles: ['educator'] }, '2026-10-01T16:00:00Z', 'submit'),
    ),
  )
})

describe('gradeAsAssignedAssessor', () => {
  it('refuses an assessor assigned to neither the cohort nor the program, naming both, writing nothing', async () => {
    const before = await store.streamVersion(enrollmentStreamId('enr-1'))
    const refused = await gradeAsAssignedAssessor(
      store,
      grade,
      ctx(assessor('as-9'), '2026-10-02T16:00:00Z', 'g-1'),
    )
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      _tag: 'AssessorNotAssigned',
      assessorId: 'as-9',
      programId: 'steam',
      cohortId: 'steam-2026',
    })
    expect(E.isLeft(refused) && refused.left.message).toMatch(
      /as-9 .*cohort 'steam-2026'.*program 'steam'.*AssignStaff/,
    )
    expect(await store.streamVersion(enrollmentStreamId('enr-1'))).toBe(before)
  })

  it('grades as an assessor assigned to the cohort (by the identity rule)', async () => {
    await ok(
      handleCommand(
        store,
        cohort,
        {
          type: 'AssignStaff',
          data: { scope: { cohortId: 'steam-2026' }, staffId: 'AS-1', role: 'assessor' },
        },
        ctx(admin, '2026-10-02T16:00:00Z', 'assign'),
      ),
    )
    const graded = await gradeAsAssignedAssessor(
      store,
      grade,
      ctx(assessor('as-1'), '2026-10-03T16:00:00Z', 'g-1'),
    )
    expect(E.isRight(graded) && graded.right.events.map((e) => e.type)).toEqual(['ArtifactGraded'])
  })

  it('grades as an assessor assigned to the program; not once unassigned; a facilitator assignment is not an assessor one', async () => {
    await ok(
      handleCommand(
        store,
        programStaff,
        {
          type: 'AssignStaff',
          data: { scope: { programId: 'steam' }, staffId: 'as-2', role: 'facilitator' },
        },
        ctx(admin, '2026-10-02T16:00:00Z', 'a-0'),
      ),
    )
    const notAssessor = await gradeAsAssignedAssessor(
      store,
      grade,
      ctx(assessor('as-2'), '2026-10-02T17:00:00Z', 'g-0'),
    )
    expect(E.isLeft(notAssessor) && notAssessor.left._tag).toBe('AssessorNotAssigned')
    await ok(
      handleCommand(
        store,
        programStaff,
        {
          type: 'AssignStaff',
          data: { scope: { programId: 'steam' }, staffId: 'as-2', role: 'assessor' },
        },
        ctx(admin, '2026-10-02T18:00:00Z', 'a-1'),
      ),
    )
    await ok(
      handleCommand(
        store,
        programStaff,
        {
          type: 'UnassignStaff',
          data: { scope: { programId: 'steam' }, staffId: 'as-2', role: 'assessor' },
        },
        ctx(admin, '2026-10-02T19:00:00Z', 'a-2'),
      ),
    )
    const unassigned = await gradeAsAssignedAssessor(
      store,
      grade,
      ctx(assessor('as-2'), '2026-10-03T16:00:00Z', 'g-1'),
    )
    expect(E.isLeft(unassigned) && unassigned.left._tag).toBe('AssessorNotAssigned')
    await ok(
      handleCommand(
        store,
        programStaff,
        {
          type: 'AssignStaff',
          data: { scope: { programId: 'steam' }, staffId: 'as-2', role: 'assessor' },
        },
        ctx(admin, '2026-10-03T17:00:00Z', 'a-3'),
      ),
    )
    const graded = await gradeAsAssignedAssessor(
      store,
      grade,
      ctx(assessor('as-2'), '2026-10-04T16:00:00Z', 'g-2'),
    )
    expect(E.isRight(graded)).toBe(true)
  })

  it("keeps the enrollment's own rules, and refuses what is not a grade or does not decode", async () => {
    await ok(
      handleCommand(
        store,
        programStaff,
        {
          type: 'AssignStaff',
          data: { scope: { programId: 'steam' }, staffId: 'e-1', role: 'assessor' },
        },
        ctx(admin, '2026-10-02T16:00:00Z', 'a-1'),
      ),
    )
    const own = await gradeAsAssignedAssessor(
      store,
      grade,
      ctx({ id: 'e-1', roles: ['assessor'] }, '2026-10-03T16:00:00Z', 'g-1'),
    )
    expect(E.isLeft(own) && own.left._tag).toBe('NotAuthorized') // never one's own work
    const notGrade = await gradeAsAssignedAssessor(
      store,
      { type: 'Withdraw', data: { enrollmentId: 'enr-1', reason: 'x' } } as never,
      ctx(assessor('as-1'), '2026-10-03T16:00:00Z', 'g-2'),
    )
    expect(E.isLeft(notGrade) && notGrade.left._tag).toBe('InvalidCommand')
    const hostile = await gradeAsAssignedAssessor(
      store,
      gradeFirstEola('__proto__'),
      ctx(assessor('as-1'), '2026-10-03T16:00:00Z', 'g-3'),
    )
    expect(E.isLeft(hostile) && hostile.left._tag).toBe('InvalidCommand')
    const badContext = await gradeAsAssignedAssessor(store, grade, {
      ...ctx(assessor('as-1'), '2026-10-03T16:00:00Z', 'g-4'),
      at: 'now',
    })
    expect(E.isLeft(badContext) && badContext.left._tag).toBe('InvalidCommand')
    const missing = await gradeAsAssignedAssessor(
      store,
      gradeFirstEola('enr-9'),
      ctx(assessor('as-1'), '2026-10-03T16:00:00Z', 'g-5'),
    )
    expect(E.isLeft(missing) && missing.left._tag).toBe('NotEnrolled')
  })
})
