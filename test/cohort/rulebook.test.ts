/**
 * The cohort rulebook, as given/when/then: scheduling, seats and the waitlist, sessions,
 * attendance by the cohort's facilitators, closing, and staff assignments.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  cohort,
  CohortCommand,
  programStaff,
  type CohortCommand as Command,
  type CohortEvent,
  type CommandContext,
  type Role,
} from '../../src/index.js'
import { specFor } from '../../src/testing/index.js'

const { given } = specFor(cohort)
const as = (id: string, role: Role, at = '2026-09-14T20:00:00Z'): CommandContext => ({
  actor: { id, roles: [role] },
  at,
  commandId: `cmd-${id}-${at}`,
})
const admin = (at?: string) => as('admin-1', 'administrator', at)
const facilitator = (at?: string) => as('fac-1', 'facilitator', at)

const scheduled = (capacity = 2): CohortEvent => ({
  type: 'CohortScheduled',
  data: {
    cohortId: 'steam-2026',
    at: '2026-08-01T16:00:00Z',
    programId: 'steam',
    programVersion: catalog.steam.version,
    schoolYear: '2026-2027',
    startsOn: '2026-09-01',
    endsOn: '2027-06-11',
    capacity,
    facilitators: ['fac-1'],
    modules: catalog.steam.courses.flatMap((c) =>
      c.modules.map((m) => ({ moduleId: m.id, faceToFace: m.hours.faceToFace })),
    ),
    scheduledBy: 'admin-1',
  },
})
const admitted = (n: number): CohortEvent => ({
  type: 'EducatorAdmitted',
  data: {
    cohortId: 'steam-2026',
    at: '2026-08-02T16:00:00Z',
    educatorId: `e-${n}`,
    enrollmentId: `enr-${n}`,
    admittedBy: 'admin-1',
  },
})
const waitlisted = (n: number): CohortEvent => ({
  type: 'EducatorWaitlisted',
  data: {
    cohortId: 'steam-2026',
    at: '2026-08-02T16:00:00Z',
    educatorId: `e-${n}`,
    enrollmentId: `enr-${n}`,
    waitlistedBy: 'admin-1',
  },
})
const session: CohortEvent = {
  type: 'SessionScheduled',
  data: {
    cohortId: 'steam-2026',
    at: '2026-08-03T16:00:00Z',
    sessionId: 's-1',
    moduleId: 'steam-fa-1',
    date: '2026-09-14',
    hours: 3,
    scheduledBy: 'fac-1',
  },
}
const admit = (n: number, id = `e-${n}`): Command => ({
  type: 'AdmitEducator',
  data: {
    cohortId: 'steam-2026',
    enrollmentId: `enr-${n}`,
    educator: { id, name: 'Ana Ruiz', email: 'ana@example.org' },
  },
})
const attend = (...attendees: string[]): Command => ({
  type: 'RecordAttendance',
  data: { cohortId: 'steam-2026', sessionId: 's-1', attendees },
})
const schedule: Command = {
  type: 'ScheduleCohort',
  data: {
    cohortId: 'steam-2026',
    programId: 'steam',
    programVersion: catalog.steam.version,
    schoolYear: '2026-2027',
    startsOn: '2026-09-01',
    endsOn: '2027-06-11',
    capacity: 2,
    facilitators: ['fac-1', 'FAC-1'],
  },
}

describe('scheduling', () => {
  it('pins the program modules, lists each facilitator once', () => {
    given([]).when(schedule, admin('2026-08-01T16:00:00Z')).then([scheduled()])
  })
  it('refuses an unknown program, dates backwards or outside the school year, a second schedule, anyone but an administrator', () => {
    given([])
      .when({ ...schedule, data: { ...schedule.data, programId: 'chess' } }, admin())
      .thenFails('UnknownProgram', "program 'chess'")
    given([])
      .when({ ...schedule, data: { ...schedule.data, endsOn: '2026-08-01' } }, admin())
      .thenFails('InvalidCohortDates')
    given([])
      .when({ ...schedule, data: { ...schedule.data, endsOn: '2028-06-11' } }, admin())
      .thenFails('InvalidCohortDates', '2026-2027')
    given([scheduled()]).when(schedule, admin()).thenFails('CohortAlreadyScheduled')
    given([]).when(schedule, facilitator()).thenFails('NotAuthorized')
  })
  it('refuses hostile input without deciding', () => {
    given([])
      .when({ ...schedule, data: { ...schedule.data, cohortId: '__proto__' } }, admin())
      .thenFails('InvalidCommand')
    given([])
      .when({ ...schedule, data: { ...schedule.data, isAdmin: true } } as never, admin())
      .thenFails('InvalidCommand', 'isAdmin')
    given([])
      .when(schedule, { ...admin(), at: 'yesterday' })
      .thenFails('InvalidCommand', 'context')
    expect(
      E.isLeft(
        CohortCommand.decode({ type: 'AdmitEducator', data: { cohortId: 'x'.repeat(1_000_000) } }),
      ),
    ).toBe(true)
  })
  it('takes no command before it is scheduled', () => {
    given([]).when(admit(1), admin()).thenFails('CohortNotScheduled')
  })
})

describe('seats', () => {
  it('admits while seats remain, then waitlists', () => {
    given([scheduled()])
      .when(admit(1), admin('2026-08-02T16:00:00Z'))
      .then([admitted(1)])
    given([scheduled(), admitted(1), admitted(2)])
      .when(admit(3), admin('2026-08-02T16:00:00Z'))
      .then([waitlisted(3)])
  })
  it('an educator admits themself, not someone else', () => {
    const context = as('e-1', 'educator', '2026-08-02T16:00:00Z')
    expect(E.isRight(given([scheduled()]).when(admit(1), context).decision)).toBe(true)
    given([scheduled()]).when(admit(2), context).thenFails('NotAuthorized')
  })
  it('one place per educator (by sameIdentity) and per enrollment', () => {
    given([scheduled(), admitted(1)])
      .when(admit(9, 'E-1'), admin())
      .thenFails('AlreadyInCohort', 'roster')
    given([scheduled(1), admitted(1), waitlisted(2)])
      .when(admit(9, 'ｅ-2'), admin())
      .thenFails('AlreadyInCohort', 'waitlist')
    given([scheduled(), admitted(1)])
      .when(admit(1, 'e-7'), admin())
      .thenFails('AlreadyInCohort', "enrollment 'enr-1'")
  })
  it('a released seat goes to the first of the waitlist, in the same decision', () => {
    const at = '2026-10-01T16:00:00Z'
    given([scheduled(1), admitted(1), waitlisted(2), waitlisted(3)])
      .when(
        { type: 'ReleaseSeat', data: { cohortId: 'steam-2026', educatorId: 'E-1' } },
        as('e-1', 'educator', at),
      )
      .then([
        {
          type: 'SeatReleased',
          data: {
            cohortId: 'steam-2026',
            at,
            educatorId: 'e-1',
            enrollmentId: 'enr-1',
            from: 'roster',
            releasedBy: 'e-1',
          },
        },
        {
          type: 'AdmittedFromWaitlist',
          data: { cohortId: 'steam-2026', at, educatorId: 'e-2', enrollmentId: 'enr-2' },
        },
      ])
    const state = cohort.fold([scheduled(1), admitted(1), waitlisted(2), waitlisted(3)])
    const released = cohort.decide(
      { type: 'ReleaseSeat', data: { cohortId: 'steam-2026', educatorId: 'e-1' } },
      state,
      admin(at),
    )
    expect(E.isRight(released)).toBe(true)
    const after = E.isRight(released) ? cohort.fold(released.right, state) : state
    expect(
      after.status === 'scheduled' && [
        after.roster.map((s) => s.educatorId),
        after.waitlist.map((s) => s.educatorId),
      ],
    ).toEqual([['e-2'], ['e-3']])
  })
  it('leaving the waitlist admits no one; a stranger holds nothing to release', () => {
    const at = '2026-10-01T16:00:00Z'
    given([scheduled(1), admitted(1), waitlisted(2)])
      .when({ type: 'ReleaseSeat', data: { cohortId: 'steam-2026', educatorId: 'e-2' } }, admin(at))
      .then([
        {
          type: 'SeatReleased',
          data: {
            cohortId: 'steam-2026',
            at,
            educatorId: 'e-2',
            enrollmentId: 'enr-2',
            from: 'waitlist',
            releasedBy: 'admin-1',
          },
        },
      ])
    given([scheduled()])
      .when({ type: 'ReleaseSeat', data: { cohortId: 'steam-2026', educatorId: 'e-9' } }, admin(at))
      .thenFails('NotInCohort')
    given([scheduled(), admitted(1)])
      .when(
        { type: 'ReleaseSeat', data: { cohortId: 'steam-2026', educatorId: 'e-1' } },
        as('e-2', 'educator', at),
      )
      .thenFails('NotAuthorized')
  })
})

describe('sessions', () => {
  const scheduleSession = (
    data: Partial<{ moduleId: string; date: string; hours: number; sessionId: string }>,
  ): Command => ({
    type: 'ScheduleSession',
    data: {
      cohortId: 'steam-2026',
      sessionId: 's-1',
      moduleId: 'steam-fa-1',
      date: '2026-09-14',
      hours: 3,
      ...data,
    },
  })
  it('a facilitator of the cohort or an administrator schedules one', () => {
    given([scheduled()])
      .when(scheduleSession({}), facilitator('2026-08-03T16:00:00Z'))
      .then([session])
    expect(E.isRight(given([scheduled()]).when(scheduleSession({}), admin()).decision)).toBe(true)
    given([scheduled()])
      .when(scheduleSession({}), as('fac-2', 'facilitator'))
      .thenFails('NotCohortFacilitator', 'fac-2')
  })
  it('refuses a module outside the program, hours off the policy, a day outside the cohort, a second session of the same id', () => {
    given([scheduled()])
      .when(scheduleSession({ moduleId: 'chess-1' }), admin())
      .thenFails('UnknownModule')
    given([scheduled()])
      .when(scheduleSession({ hours: 1.1 }), admin())
      .thenFails('InvalidHours', '0.25')
    given([scheduled()])
      .when(scheduleSession({ hours: 12.25 }), admin())
      .thenFails('InvalidHours', 'at most 12')
    given([scheduled()])
      .when(scheduleSession({ date: '2027-06-12' }), admin())
      .thenFails('SessionOutsideCohort', '2027-06-11')
    given([scheduled()])
      .when(scheduleSession({ date: '2026-08-31' }), admin())
      .thenFails('SessionOutsideCohort')
    given([scheduled(), session])
      .when(scheduleSession({}), admin())
      .thenFails('SessionAlreadyScheduled')
  })
})

describe('attendance', () => {
  const base = [scheduled(), admitted(1), admitted(2), session]
  const recorded = (at: string, ...n: number[]): CohortEvent => ({
    type: 'AttendanceRecorded',
    data: {
      cohortId: 'steam-2026',
      at,
      sessionId: 's-1',
      moduleId: 'steam-fa-1',
      date: '2026-09-14',
      hours: 3,
      attendees: n.map((i) => ({ educatorId: `e-${i}`, enrollmentId: `enr-${i}` })),
      recordedBy: 'fac-1',
    },
  })
  it('a facilitator of the cohort records who attended, with their enrollments', () => {
    const at = '2026-09-14T20:00:00Z'
    given(base)
      .when(attend('e-1', 'E-2'), facilitator(at))
      .then([recorded(at, 1, 2)])
  })
  it('refuses anyone but a facilitator of that cohort, clearly', () => {
    given(base)
      .when(attend('e-1'), as('fac-2', 'facilitator'))
      .thenFails('NotCohortFacilitator', "fac-2 is not a facilitator of cohort 'steam-2026'")
    given(base).when(attend('e-1'), admin()).thenFails('NotAuthorized', 'RecordAttendance')
    given(base).when(attend('e-1'), as('e-2', 'educator')).thenFails('NotAuthorized')
    given(base)
      .when(attend('e-1', 'FAC-1'), facilitator('2026-09-14T20:00:00Z'))
      .thenFails('NotAuthorized', 'it takes a facilitator other than the attendee')
  })
  it('a facilitator assigned later counts; one unassigned no longer does', () => {
    const assigned: CohortEvent = {
      type: 'StaffAssigned',
      data: {
        scope: { cohortId: 'steam-2026' },
        staffId: 'fac-2',
        role: 'facilitator',
        at: '2026-08-05T16:00:00Z',
        assignedBy: 'admin-1',
      },
    }
    expect(
      E.isRight(
        given([...base, assigned]).when(attend('e-1'), as('FAC-2', 'facilitator')).decision,
      ),
    ).toBe(true)
    const unassigned: CohortEvent = {
      type: 'StaffUnassigned',
      data: {
        scope: { cohortId: 'steam-2026' },
        staffId: 'fac-1',
        role: 'facilitator',
        at: '2026-08-05T16:00:00Z',
        unassignedBy: 'admin-1',
      },
    }
    given([...base, unassigned])
      .when(attend('e-1'), facilitator())
      .thenFails('NotCohortFacilitator')
  })
  it('each attendee is on the roster and credited once per session: a repeat adds nothing', () => {
    given(base).when(attend('e-1', 'e-9'), facilitator()).thenFails('NotOnRoster', 'e-9')
    const at = '2026-09-15T20:00:00Z'
    given([...base, recorded('2026-09-14T20:00:00Z', 1)])
      .when(attend('e-1', 'E-1'), facilitator(at))
      .thenNothingHappened()
    given([...base, recorded('2026-09-14T20:00:00Z', 1)])
      .when(attend('e-1', 'e-2', 'e-2'), facilitator(at))
      .then([recorded(at, 2)])
  })
  it('is recorded on or after the session day and by the end of the cohort', () => {
    given(base)
      .when(attend('e-1'), facilitator('2026-09-13T23:59:59Z'))
      .thenFails('SessionNotHeldYet', '2026-09-14')
    given(base)
      .when(attend('e-1'), facilitator('2027-06-12T00:00:00Z'))
      .thenFails('CohortEnded', '2027-06-11')
    expect(
      E.isRight(given(base).when(attend('e-1'), facilitator('2027-06-11T23:59:59Z')).decision),
    ).toBe(true)
    given(base)
      .when(
        {
          type: 'RecordAttendance',
          data: { cohortId: 'steam-2026', sessionId: 's-9', attendees: ['e-1'] },
        },
        facilitator(),
      )
      .thenFails('UnknownSession')
  })
  it('never goes back in time', () => {
    given([...base, recorded('2026-09-20T20:00:00Z', 1)])
      .when(attend('e-2'), facilitator('2026-09-19T20:00:00Z'))
      .thenFails('TimeWentBackwards')
  })
})

describe('closing', () => {
  const closed: CohortEvent = {
    type: 'CohortClosed',
    data: {
      cohortId: 'steam-2026',
      at: '2027-06-12T16:00:00Z',
      roster: [{ educatorId: 'e-1', enrollmentId: 'enr-1' }],
      closedBy: 'admin-1',
    },
  }
  it('an administrator closes it, naming its roster', () => {
    given([scheduled(1), admitted(1), waitlisted(2)])
      .when(
        { type: 'CloseCohort', data: { cohortId: 'steam-2026' } },
        admin('2027-06-12T16:00:00Z'),
      )
      .then([closed])
    given([scheduled()])
      .when({ type: 'CloseCohort', data: { cohortId: 'steam-2026' } }, facilitator())
      .thenFails('NotAuthorized')
  })
  it('no admission, session, attendance or second closing after it', () => {
    const later = '2027-06-13T16:00:00Z'
    const after = [scheduled(), admitted(1), session, closed]
    given(after).when(admit(2), admin(later)).thenFails('CohortClosed')
    given(after)
      .when(
        {
          type: 'ScheduleSession',
          data: {
            cohortId: 'steam-2026',
            sessionId: 's-2',
            moduleId: 'steam-fa-1',
            date: '2027-06-01',
            hours: 3,
          },
        },
        admin(later),
      )
      .thenFails('CohortClosed')
    given(after).when(attend('e-1'), facilitator(later)).thenFails('CohortClosed')
    given(after)
      .when({ type: 'CloseCohort', data: { cohortId: 'steam-2026' } }, admin(later))
      .thenFails('CohortClosed')
  })
})

describe('staff', () => {
  const assign = (
    scope: { cohortId: string } | { programId: string },
    staffId = 'as-1',
  ): Command => ({
    type: 'AssignStaff',
    data: { scope, staffId, role: 'assessor' },
  })
  it('an administrator assigns to a cohort; a repeat adds nothing; removing the unassigned is refused', () => {
    const at = '2026-08-05T16:00:00Z'
    const assigned: CohortEvent = {
      type: 'StaffAssigned',
      data: {
        scope: { cohortId: 'steam-2026' },
        staffId: 'as-1',
        role: 'assessor',
        at,
        assignedBy: 'admin-1',
      },
    }
    given([scheduled()])
      .when(assign({ cohortId: 'steam-2026' }), admin(at))
      .then([assigned])
    given([scheduled(), assigned])
      .when(assign({ cohortId: 'steam-2026' }, 'AS-1'), admin(at))
      .thenNothingHappened()
    given([scheduled()])
      .when(
        {
          type: 'UnassignStaff',
          data: { scope: { cohortId: 'steam-2026' }, staffId: 'as-1', role: 'assessor' },
        },
        admin(at),
      )
      .thenFails('NotAssigned')
    given([scheduled()])
      .when(assign({ cohortId: 'steam-2026' }), facilitator(at))
      .thenFails('NotAuthorized')
  })
  it('a program-wide assignment goes to the program staff, and the cohort says so', () => {
    given([scheduled()])
      .when(assign({ programId: 'steam' }), admin())
      .thenFails('WrongScope', 'programStaff')
    const staff = specFor(programStaff)
    staff
      .given([])
      .when(assign({ cohortId: 'steam-2026' }) as never, admin())
      .thenFails('WrongScope')
    expect(
      E.isRight(staff.given([]).when(assign({ programId: 'steam' }) as never, admin()).decision),
    ).toBe(true)
    staff
      .given([])
      .when(assign({ programId: 'chess' }) as never, admin())
      .thenFails('UnknownProgram')
    expect(cohort.streamIdOf(assign({ programId: 'steam' }))).toBe('program-staff-steam')
  })
})
