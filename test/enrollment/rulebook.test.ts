/**
 * The rulebook of an enrollment, as examples: given these events, when this command is decided,
 * then these events (or this refusal). One `describe` per command, and one for who may do what.
 * Every fixture history is made by running real commands through `runSteps`, so the events a
 * rule starts from are events `decide` itself produced.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  enrollment,
  enrollmentDecider,
  lausdPolicy,
  modes,
  requirementsOf,
  type Actor,
  type CommandContext,
  type Educator,
  type EnrollmentCommand,
  type EnrollmentDecider,
  type EnrollmentEvent,
  type Mode,
  type Outcome,
  type Program,
  type Role,
  type Scores,
} from '../../src/index.js'
import { given, runSteps, type Step } from '../../src/testing/index.js'

// -------------------------------------------------------------------------------------
// the cast, the program and the clock
// -------------------------------------------------------------------------------------

const program = catalog.steam
const enrollmentId = 'enr-maria'
const cohortId = 'steam-2026-27'
const maria = { id: 'educator-maria', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }

const actor = (id: string, ...roles: Role[]): Actor => ({ id, roles })
const administrator = actor('admin-1', 'administrator')
const facilitator = actor('facilitator-1', 'facilitator')
const lms = actor('lms-1', 'lms')
const assessor = actor('assessor-1', 'assessor')
const educator = actor(maria.id, 'educator')
const otherEducator = actor('educator-ben', 'educator')
const approver = actor('approver-1', 'approver')

/** Fixture histories start here, one command an hour. */
const start = Date.parse('2026-09-01T15:00:00Z')
const hourOf = (n: number) => new Date(start + n * 3_600_000).toISOString()
/** When the command under test is decided: after every fixture history. */
const now = '2026-10-01T16:00:00Z'

const ctx = (who: Actor, at: string = now): CommandContext => ({
  actor: who,
  at,
  commandId: `rulebook-${who.id}-${at}`,
})

/** The event every earning step ends with under lausdPolicy: 30/45/30 hours, 3 salary points. */
const credentialEarned: EnrollmentEvent = {
  type: 'CredentialEarned',
  data: {
    enrollmentId,
    credentialId: `credential-${enrollmentId}`,
    hours: { faceToFace: 30, online: 45, homework: 30 },
    salaryPoints: 3,
    at: now,
  },
}

const lastAt = (events: ReadonlyArray<EnrollmentEvent>): string => {
  const last = events[events.length - 1]
  if (last === undefined) throw new Error('an empty history has no latest event')
  return last.data.at
}

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

const enroll = (
  programToJoin: Program = program,
  educator: Educator = maria,
): EnrollmentCommand => ({
  type: 'Enroll',
  data: { enrollmentId, educator, cohortId, program: programToJoin },
})

const recordHours = (
  moduleId: string,
  mode: Mode,
  hours: number,
  sessionId?: string,
): EnrollmentCommand => ({
  type: 'RecordHours',
  data: {
    enrollmentId,
    moduleId,
    mode,
    hours,
    ...(sessionId === undefined ? {} : { sessionId }),
  },
})

const evidenceOf = (eolaId: string) => [
  { kind: 'lessonPlan' as const, url: `https://drive.lausd.net/${eolaId}/plan.pdf` },
]

const submitArtifact = (eolaId: string): EnrollmentCommand => ({
  type: 'SubmitArtifact',
  data: {
    enrollmentId,
    eolaId,
    evidence: evidenceOf(eolaId),
    reflection: 'What worked, and what I would change.',
  },
})

const rubricOf = (eolaId: string) => {
  const eola = program.eolas.find((e) => e.id === eolaId)
  if (eola === undefined) throw new Error(`no EOLA ${eolaId} in ${program.id}`)
  return eola.rubric
}

/** Every criterion at its `meetsAt`; for `revise`, the last criterion one below it. */
const scoresFor = (eolaId: string, outcome: Outcome): Scores => {
  const rubric = rubricOf(eolaId)
  return Object.fromEntries(
    rubric.map((c, i) => [
      c.id,
      outcome === 'revise' && i === rubric.length - 1 ? c.meetsAt - 1 : c.meetsAt,
    ]),
  )
}

const gradeArtifact = (eolaId: string, attempt: number, scores: Scores): EnrollmentCommand => ({
  type: 'GradeArtifact',
  data: { enrollmentId, eolaId, attempt, scores, feedback: 'See the rubric notes.' },
})

const submitCapstone = (enactedEolaId = 'steam-eola-3'): EnrollmentCommand => ({
  type: 'SubmitCapstone',
  data: {
    enrollmentId,
    enactedEolaId,
    documentationUrl: 'https://drive.lausd.net/capstone',
    reflection: 'How the unit went for my students.',
    nextSteps: 'Share it with my grade-level team.',
  },
})

const gradeCapstone = (attempt: number, outcome: Outcome): EnrollmentCommand => ({
  type: 'GradeCapstone',
  data: { enrollmentId, attempt, outcome, feedback: 'Capstone feedback.' },
})

const withdraw = (reason = 'Moved to another district'): EnrollmentCommand => ({
  type: 'Withdraw',
  data: { enrollmentId, reason },
})

const revoke = (reason = 'Issued in error'): EnrollmentCommand => ({
  type: 'RevokeCredential',
  data: { enrollmentId, reason },
})

const expire = (closing?: string, reason = 'The cohort closed'): EnrollmentCommand => ({
  type: 'ExpireEnrollment',
  data:
    closing === undefined ? { enrollmentId, reason } : { enrollmentId, reason, cohortId: closing },
})

const badgeId = `https://achieve.lausd.net/credentials/credential-${enrollmentId}`
const issueBadge = (salt = '9f86d081884c7d65'): EnrollmentCommand => ({
  type: 'IssueBadge',
  data: { enrollmentId, badgeId, format: 'jwt', salt },
})

/** Something that is not a command, for the refusals of malformed input. */
const malformed = (value: unknown) => value as EnrollmentCommand

// -------------------------------------------------------------------------------------
// histories: real commands, run through `runSteps`
// -------------------------------------------------------------------------------------

interface Draft {
  readonly command: EnrollmentCommand
  readonly actor: Actor
}

const by = (who: Actor, command: EnrollmentCommand): Draft => ({ command, actor: who })

const recorderOf: Record<Mode, Actor> = { faceToFace: facilitator, online: lms, homework: educator }

const required = (moduleId: string, mode: Mode): number => {
  const module = program.courses.flatMap((c) => c.modules).find((m) => m.id === moduleId)
  if (module === undefined) throw new Error(`no module ${moduleId} in ${program.id}`)
  return module.hours[mode]
}

/** `hours` of `mode` for a module, reported by whoever reports that mode. */
const logged = (moduleId: string, mode: Mode, hours: number): Draft =>
  by(recorderOf[mode], recordHours(moduleId, mode, hours))

/** Every hour a module requires, in every mode, less `short` hours of `shortMode`. */
const moduleHours = (moduleId: string, short = 0, shortMode: Mode = 'homework'): Draft[] =>
  modes
    .map((mode) => ({ mode, hours: required(moduleId, mode) - (mode === shortMode ? short : 0) }))
    .filter(({ hours }) => hours > 0)
    .map(({ mode, hours }) => logged(moduleId, mode, hours))

const moduleIds = program.courses.flatMap((c) => c.modules.map((m) => m.id))
const eolaIds = program.eolas.map((e) => e.id)

/** Every hour of every module (STEAM's largest need in one mode is 9, under the 12 cap). */
const allHours = (): Draft[] => moduleIds.flatMap((id) => moduleHours(id))

const attempt = (eolaId: string, n: number, outcome: Outcome): Draft[] => [
  by(educator, submitArtifact(eolaId)),
  by(assessor, gradeArtifact(eolaId, n, scoresFor(eolaId, outcome))),
]

const meets = (eolaId: string): Draft[] => attempt(eolaId, 1, 'meets')

const capstone = (n: number, outcome: Outcome, enacted = 'steam-eola-3'): Draft[] => [
  by(educator, submitCapstone(enacted)),
  by(assessor, gradeCapstone(n, outcome)),
]

/** The events of enrolling Maria and then `drafts`, every one of which must be accepted. */
const historyUnder =
  (decider: EnrollmentDecider) =>
  (...drafts: ReadonlyArray<Draft | ReadonlyArray<Draft>>): EnrollmentEvent[] => {
    const steps: Step[] = [by(administrator, enroll()), ...drafts.flat()].map((draft, i) => ({
      command: draft.command,
      context: { actor: draft.actor, at: hourOf(i), commandId: `history-${i + 1}` },
    }))
    const run = runSteps(steps, decider)
    run.decisions.forEach((decision, i) => {
      if (E.isLeft(decision)) {
        throw new Error(
          `fixture step ${i + 1} (${steps[i]?.command.type}) was refused: ${decision.left.message}`,
        )
      }
    })
    return [...run.events]
  }

const history = historyUnder(enrollment)

const enrolled = history()
const everythingButTheCapstoneGrade = history(
  allHours(),
  eolaIds.flatMap(meets),
  by(educator, submitCapstone()),
)
const earned = history(allHours(), eolaIds.flatMap(meets), capstone(1, 'meets'))
const revoked = history(
  allHours(),
  eolaIds.flatMap(meets),
  capstone(1, 'meets'),
  by(administrator, revoke()),
)
const withdrawn = history(moduleHours('steam-fa-1'), by(educator, withdraw()))
const expired = history(
  moduleHours('steam-fa-1'),
  by(educator, submitArtifact('steam-eola-1')),
  by(administrator, expire()),
)

const twoAttemptDistrict = enrollmentDecider({ ...lausdPolicy, maxAttempts: 2 })
const noCapstoneDistrict = enrollmentDecider({ ...lausdPolicy, capstoneRequired: false })

// -------------------------------------------------------------------------------------
// the rulebook
// -------------------------------------------------------------------------------------

describe('Enroll', () => {
  it('an administrator enrolls an educator; the event pins the program version and its requirements', () => {
    given([])
      .when(enroll(), ctx(administrator))
      .then([
        {
          type: 'EducatorEnrolled',
          data: {
            enrollmentId,
            educator: maria,
            cohortId,
            programId: 'steam',
            programVersion: 1,
            requirements: requirementsOf(program, lausdPolicy),
            enrolledBy: administrator.id,
            at: now,
          },
        },
      ])
  })

  it('the pinned requirements are 30/45/30 hours over 6 modules, 5 EOLAs, a capstone, 3 attempts and 3 salary points', () => {
    const decision = given([]).when(enroll(), ctx(administrator)).decision
    const event = E.isRight(decision) ? decision.right[0] : undefined
    if (event?.type !== 'EducatorEnrolled') throw new Error('expected EducatorEnrolled')
    const { requirements } = event.data
    const sum = (mode: Mode) => requirements.modules.reduce((n, m) => n + m.hours[mode], 0)
    expect(modes.map(sum)).toEqual([30, 45, 30])
    expect(requirements.modules).toHaveLength(6)
    expect(requirements.courses.map((c) => c.moduleIds.length)).toEqual([2, 2, 2])
    expect(requirements.eolas).toHaveLength(5)
    expect(requirements.capstoneRequired).toBe(true)
    expect(requirements.maxAttempts).toBe(3)
    expect(requirements.salaryPoints).toBe(3)
  })

  it('an enrollment that exists is not enrolled again', () => {
    given(enrolled).when(enroll(), ctx(administrator)).thenFails('AlreadyEnrolled', enrollmentId)
  })

  it('an Enroll sent to another enrollment’s stream is refused as the wrong enrollment', () => {
    const other = { type: 'Enroll', data: { ...enroll().data, enrollmentId: 'enr-other' } }
    given(enrolled)
      .when(other as EnrollmentCommand, ctx(administrator))
      .thenFails('WrongEnrollment', 'enr-other')
  })

  it('whether an enrollment exists is not told to an actor who may not enroll', () => {
    given(enrolled).when(enroll(), ctx(otherEducator)).thenFails('NotAuthorized')
  })

  it('deciding never freezes or shares the objects of the caller’s command', () => {
    const command = submitArtifact('steam-eola-1')
    const decision = given(enrolled).when(command, ctx(educator)).decision
    expect(E.isRight(decision)).toBe(true)
    const data = command.data as { evidence: object[] }
    expect(Object.isFrozen(data.evidence)).toBe(false)
    expect(Object.isFrozen(data.evidence[0])).toBe(false)
  })

  it('an invalid program is refused with every violation', () => {
    const [foundations, ...otherCourses] = program.courses
    if (foundations === undefined) throw new Error('STEAM has courses')
    const broken: Program = {
      ...program,
      courses: [
        {
          ...foundations,
          modules: foundations.modules.map((m, i) =>
            i === 0 ? { ...m, hours: { ...m.hours, faceToFace: m.hours.faceToFace + 1 } } : m,
          ),
        },
        ...otherCourses,
      ],
      eolas: program.eolas.slice(1),
      salaryPoints: 2,
    }
    const error = given([]).when(enroll(broken), ctx(administrator)).thenFails('InvalidProgram')
    if (error._tag !== 'InvalidProgram') throw new Error('narrowing')
    expect(error.errors.map((e) => e._tag)).toEqual(['CourseHours', 'EolaCount', 'SalaryPoints'])
    expect(error.message).toContain('13 face-to-face hours in its modules; the policy requires 12')
    expect(error.message).toContain('the program has 4 EOLAs; the policy requires 5')
    expect(error.message).toContain('grants 2 salary points; the policy grants 3')
  })

  it("a program valid for Los Angeles Unified is refused under another district's policy", () => {
    const fourEolaDistrict = enrollmentDecider({
      ...lausdPolicy,
      eolas: { count: 4, minPerCourse: 1 },
    })
    given([], fourEolaDistrict)
      .when(enroll(), ctx(administrator))
      .thenFails('InvalidProgram', 'the program has 5 EOLAs; the policy requires 4')
  })

  it('a program that does not even have the shape of a program is a malformed command', () => {
    const error = given([])
      .when(enroll({ ...program, title: '' }), ctx(administrator))
      .thenFails('InvalidCommand', 'data.program.title')
    if (error._tag !== 'InvalidCommand') throw new Error('narrowing')
    expect(error.issues.map((i) => i.path)).toEqual(['data.program.title'])
  })
})

describe('any command on an enrollment', () => {
  it('no command but Enroll is taken before the enrollment exists', () => {
    given([])
      .when(recordHours('steam-fa-1', 'homework', 1), ctx(educator))
      .thenFails('NotEnrolled', 'enroll first')
  })

  it('a command for another enrollment is refused', () => {
    given(enrolled)
      .when(
        { type: 'Withdraw', data: { enrollmentId: 'enr-ben', reason: 'Moved' } },
        ctx(administrator),
      )
      .thenFails('WrongEnrollment', "for enrollment 'enr-ben'")
  })

  it('a command dated before the latest event is refused', () => {
    const events = history(moduleHours('steam-fa-1'))
    const before = new Date(Date.parse(lastAt(events)) - 60_000).toISOString()
    given(events)
      .when(recordHours('steam-fa-2', 'homework', 1), ctx(educator, before))
      .thenFails('TimeWentBackwards', `before the enrollment's latest event (${lastAt(events)})`)
  })

  it('a command dated at the very instant of the latest event is taken', () => {
    const decision = given(enrolled).when(
      recordHours('steam-fa-1', 'homework', 1),
      ctx(educator, lastAt(enrolled)),
    ).decision
    expect(E.isRight(decision)).toBe(true)
  })

  it('a malformed command is refused naming its path', () => {
    const error = given(enrolled)
      .when(
        malformed({
          type: 'RecordHours',
          data: { enrollmentId, moduleId: 'steam-fa-1', mode: 'homework', hours: -1 },
        }),
        ctx(educator),
      )
      .thenFails('InvalidCommand', 'at data.hours: expected a number > 0, got -1')
    if (error._tag !== 'InvalidCommand') throw new Error('narrowing')
    expect(error.issues).toEqual([{ path: 'data.hours', message: 'expected a number > 0, got -1' }])
    const pathsOf = (value: unknown) => {
      const refusal = given(enrolled)
        .when(malformed(value), ctx(educator))
        .thenFails('InvalidCommand')
      return refusal._tag === 'InvalidCommand' ? refusal.issues.map((i) => i.path) : []
    }
    const homework = { enrollmentId, moduleId: 'steam-fa-1', mode: 'homework', hours: 1 }
    expect(pathsOf({ type: 'RecordHours', data: { ...homework, mode: 'lab' } })).toEqual([
      'data.mode',
    ])
    expect(pathsOf({ type: 'RecordHours', data: { ...homework, moduleId: undefined } })).toEqual([
      'data.moduleId',
    ])
    expect(pathsOf({ type: 'LogHours', data: homework })).toEqual(['type'])
  })

  it('a context without a time zone is refused naming its path', () => {
    given(enrolled)
      .when(recordHours('steam-fa-1', 'homework', 1), {
        actor: educator,
        at: '2026-10-01',
        commandId: 'c-1',
      })
      .thenFails('InvalidCommand', 'invalid command context: at at:')
  })
})

describe('RecordHours', () => {
  it('face-to-face hours are attested by a facilitator', () => {
    given(enrolled)
      .when(recordHours('steam-fa-1', 'faceToFace', 3, 'session-2026-09-12'), ctx(facilitator))
      .then([
        {
          type: 'HoursRecorded',
          data: {
            enrollmentId,
            moduleId: 'steam-fa-1',
            mode: 'faceToFace',
            hours: 3,
            creditedHours: 3,
            recordedBy: facilitator.id,
            sessionId: 'session-2026-09-12',
            at: now,
          },
        },
      ])
  })

  it('online hours are reported by the LMS, in quarter hours', () => {
    given(enrolled)
      .when(recordHours('steam-lc-1', 'online', 4.5), ctx(lms))
      .then([
        {
          type: 'HoursRecorded',
          data: {
            enrollmentId,
            moduleId: 'steam-lc-1',
            mode: 'online',
            hours: 4.5,
            creditedHours: 4.5,
            recordedBy: lms.id,
            at: now,
          },
        },
      ])
  })

  it('credit is capped at what the module still needs; the surplus is recorded with 0 credited', () => {
    const events = history(logged('steam-fa-1', 'homework', 4))
    given(events)
      .when(recordHours('steam-fa-1', 'homework', 3), ctx(educator))
      .then([
        {
          type: 'HoursRecorded',
          data: {
            enrollmentId,
            moduleId: 'steam-fa-1',
            mode: 'homework',
            hours: 3,
            creditedHours: 1,
            recordedBy: educator.id,
            at: now,
          },
        },
      ])
    given(history(logged('steam-fa-1', 'homework', 5)))
      .when(recordHours('steam-fa-1', 'homework', 2), ctx(facilitator))
      .then([
        {
          type: 'HoursRecorded',
          data: {
            enrollmentId,
            moduleId: 'steam-fa-1',
            mode: 'homework',
            hours: 2,
            creditedHours: 0,
            recordedBy: facilitator.id,
            at: now,
          },
        },
      ])
  })

  it('the hours that fill a module’s last need complete the module, not yet its course', () => {
    given(history(moduleHours('steam-fa-1', 5)))
      .when(recordHours('steam-fa-1', 'homework', 5), ctx(educator))
      .then([
        {
          type: 'HoursRecorded',
          data: {
            enrollmentId,
            moduleId: 'steam-fa-1',
            mode: 'homework',
            hours: 5,
            creditedHours: 5,
            recordedBy: educator.id,
            at: now,
          },
        },
        { type: 'ModuleCompleted', data: { enrollmentId, moduleId: 'steam-fa-1', at: now } },
      ])
  })

  it("the hours that fill a module's last need also complete the module and, with it, the course", () => {
    given(history(moduleHours('steam-fa-1'), moduleHours('steam-fa-2', 1)))
      .when(recordHours('steam-fa-2', 'homework', 2), ctx(educator))
      .then([
        {
          type: 'HoursRecorded',
          data: {
            enrollmentId,
            moduleId: 'steam-fa-2',
            mode: 'homework',
            hours: 2,
            creditedHours: 1,
            recordedBy: educator.id,
            at: now,
          },
        },
        { type: 'ModuleCompleted', data: { enrollmentId, moduleId: 'steam-fa-2', at: now } },
        {
          type: 'CourseCompleted',
          data: { enrollmentId, courseId: 'foundations-access', at: now },
        },
      ])
  })

  it('a module completes once: hours recorded after it is complete complete nothing again', () => {
    given(history(moduleHours('steam-fa-1')))
      .when(recordHours('steam-fa-1', 'online', 1), ctx(lms))
      .then([
        {
          type: 'HoursRecorded',
          data: {
            enrollmentId,
            moduleId: 'steam-fa-1',
            mode: 'online',
            hours: 1,
            creditedHours: 0,
            recordedBy: lms.id,
            at: now,
          },
        },
      ])
  })

  it('the hours that meet the last requirement also earn the credential', () => {
    const events = history(
      moduleIds.flatMap((id) => moduleHours(id, id === 'steam-lc-2' ? 0.25 : 0)),
      eolaIds.flatMap(meets),
      capstone(1, 'meets'),
    )
    given(events)
      .when(recordHours('steam-lc-2', 'homework', 0.25), ctx(educator))
      .then([
        {
          type: 'HoursRecorded',
          data: {
            enrollmentId,
            moduleId: 'steam-lc-2',
            mode: 'homework',
            hours: 0.25,
            creditedHours: 0.25,
            recordedBy: educator.id,
            at: now,
          },
        },
        { type: 'ModuleCompleted', data: { enrollmentId, moduleId: 'steam-lc-2', at: now } },
        {
          type: 'CourseCompleted',
          data: { enrollmentId, courseId: 'leadership-capstone', at: now },
        },
        credentialEarned,
      ])
  })

  it('hours are whole multiples of a quarter hour', () => {
    given(enrolled)
      .when(recordHours('steam-fa-1', 'homework', 0.3), ctx(educator))
      .thenFails('InvalidHours', 'whole multiples of 0.25')
  })

  it('at most 12 hours go in one record', () => {
    given(enrolled)
      .when(recordHours('steam-fa-1', 'online', 12.25), ctx(lms))
      .thenFails('InvalidHours', 'at most 12 in one record')
    const twelve = given(enrolled).when(recordHours('steam-fa-1', 'online', 12), ctx(lms)).decision
    expect(E.isRight(twelve)).toBe(true)
  })

  it('hours go to a module of the program', () => {
    given(enrolled)
      .when(recordHours('steam-fa-9', 'homework', 1), ctx(educator))
      .thenFails('UnknownModule', "module 'steam-fa-9' is not part of program 'steam'")
  })
})

describe('SubmitArtifact', () => {
  it('the enrolled educator submits attempt 1 with evidence and a reflection', () => {
    given(enrolled)
      .when(submitArtifact('steam-eola-2'), ctx(educator))
      .then([
        {
          type: 'ArtifactSubmitted',
          data: {
            enrollmentId,
            eolaId: 'steam-eola-2',
            attempt: 1,
            evidence: evidenceOf('steam-eola-2'),
            reflection: 'What worked, and what I would change.',
            at: now,
          },
        },
      ])
  })

  it('after a revise the educator submits the next attempt', () => {
    const decision = given(history(attempt('steam-eola-1', 1, 'revise'))).when(
      submitArtifact('steam-eola-1'),
      ctx(educator),
    ).decision
    const [event] = E.isRight(decision) ? decision.right : []
    expect(event?.type === 'ArtifactSubmitted' && event.data.attempt).toBe(2)
  })

  it('an educator may not resubmit while an attempt awaits a grade', () => {
    given(history(by(educator, submitArtifact('steam-eola-1'))))
      .when(submitArtifact('steam-eola-1'), ctx(educator))
      .thenFails('AttemptPending', 'attempt 1 is still awaiting its grade')
  })

  it('an EOLA that meets is not submitted again', () => {
    given(history(meets('steam-eola-1')))
      .when(submitArtifact('steam-eola-1'), ctx(educator))
      .thenFails('AlreadyMeets', "EOLA 'steam-eola-1' already meets")
  })

  it('the fourth attempt is refused under a 3-attempt policy', () => {
    const events = history(
      attempt('steam-eola-1', 1, 'revise'),
      attempt('steam-eola-1', 2, 'revise'),
      attempt('steam-eola-1', 3, 'revise'),
    )
    given(events)
      .when(submitArtifact('steam-eola-1'), ctx(educator))
      .thenFails('AttemptsExhausted', 'has had 3 of 3 attempts allowed')
  })

  it("another district's policy changes the attempt cap: the third attempt is refused under a 2-attempt policy", () => {
    const events = historyUnder(twoAttemptDistrict)(
      attempt('steam-eola-1', 1, 'revise'),
      attempt('steam-eola-1', 2, 'revise'),
    )
    given(events, twoAttemptDistrict)
      .when(submitArtifact('steam-eola-1'), ctx(educator))
      .thenFails('AttemptsExhausted', 'has had 2 of 2 attempts allowed')
  })

  it('the attempt cap is the one pinned at enrollment, whatever policy decides later', () => {
    const events = history(
      attempt('steam-eola-1', 1, 'revise'),
      attempt('steam-eola-1', 2, 'revise'),
    )
    const decision = given(events, twoAttemptDistrict).when(
      submitArtifact('steam-eola-1'),
      ctx(educator),
    ).decision
    expect(E.isRight(decision)).toBe(true)
  })

  it('the EOLA is one of the program', () => {
    given(enrolled)
      .when(submitArtifact('steam-eola-6'), ctx(educator))
      .thenFails('UnknownEola', "EOLA 'steam-eola-6' is not part of program 'steam'")
  })

  it('evidence links are https:, or http: where the policy the educator joined under opts in', () => {
    const linkedTo = (url: string): EnrollmentCommand => ({
      type: 'SubmitArtifact',
      data: {
        enrollmentId,
        eolaId: 'steam-eola-1',
        evidence: [...evidenceOf('steam-eola-1'), { kind: 'link', url }],
        reflection: 'r',
      },
    })
    given(enrolled)
      .when(linkedTo('http://drive.lausd.net/plan.pdf'), ctx(educator))
      .thenFails('InsecureUrl', 'evidence 2 is "http://drive.lausd.net/plan.pdf"')
    given(enrolled)
      .when(malformed(linkedTo('data:text/html,<script>alert(1)</script>')), ctx(educator))
      .thenFails('InvalidCommand', 'at data.evidence.1.url: a link must be https:')
    const httpDistrict = enrollmentDecider({ ...lausdPolicy, allowHttpUrls: true })
    const underHttp = historyUnder(httpDistrict)()
    const decision = given(underHttp, enrollment).when(
      linkedTo('http://drive.lausd.net/plan.pdf'),
      ctx(educator),
    ).decision
    expect(E.isRight(decision)).toBe(true) // pinned at enrollment: any decider takes it
  })

  it('a submission carries at least one piece of evidence', () => {
    const error = given(enrolled)
      .when(
        malformed({
          type: 'SubmitArtifact',
          data: { enrollmentId, eolaId: 'steam-eola-1', evidence: [], reflection: 'r' },
        }),
        ctx(educator),
      )
      .thenFails('InvalidCommand', 'at data.evidence')
    if (error._tag !== 'InvalidCommand') throw new Error('narrowing')
    expect(error.issues.map((i) => i.path)).toEqual(['data.evidence'])
  })
})

describe('GradeArtifact', () => {
  const submitted = history(by(educator, submitArtifact('steam-eola-1')))

  it('every criterion at or above meetsAt is meets', () => {
    const scores = { audit: 3, access: 4, action: 3 }
    given(submitted)
      .when(gradeArtifact('steam-eola-1', 1, scores), ctx(assessor))
      .then([
        {
          type: 'ArtifactGraded',
          data: {
            enrollmentId,
            eolaId: 'steam-eola-1',
            attempt: 1,
            assessorId: assessor.id,
            scores,
            outcome: 'meets',
            feedback: 'See the rubric notes.',
            at: now,
          },
        },
      ])
  })

  it('a grade below meetsAt on any criterion is revise', () => {
    const scores = { audit: 4, access: 4, action: 2 }
    given(submitted)
      .when(gradeArtifact('steam-eola-1', 1, scores), ctx(assessor))
      .then([
        {
          type: 'ArtifactGraded',
          data: {
            enrollmentId,
            eolaId: 'steam-eola-1',
            attempt: 1,
            assessorId: assessor.id,
            scores,
            outcome: 'revise',
            feedback: 'See the rubric notes.',
            at: now,
          },
        },
      ])
  })

  it('an attempt is graded once', () => {
    given(history(attempt('steam-eola-1', 1, 'revise')))
      .when(gradeArtifact('steam-eola-1', 1, scoresFor('steam-eola-1', 'meets')), ctx(assessor))
      .thenFails('AlreadyGraded', "attempt 1 was already graded 'revise'")
  })

  it('only a submitted attempt is graded', () => {
    given(submitted)
      .when(gradeArtifact('steam-eola-1', 2, scoresFor('steam-eola-1', 'meets')), ctx(assessor))
      .thenFails('AttemptNotFound', 'has no attempt 2 (it has 1)')
    given(enrolled)
      .when(gradeArtifact('steam-eola-4', 1, scoresFor('steam-eola-4', 'meets')), ctx(assessor))
      .thenFails('AttemptNotFound', 'has no attempt 1 (it has 0)')
  })

  it('every criterion of the rubric is scored, and only those', () => {
    given(submitted)
      .when(gradeArtifact('steam-eola-1', 1, { audit: 3, access: 3 }), ctx(assessor))
      .thenFails('InvalidScores', "criterion 'action' has no score")
    given(submitted)
      .when(
        gradeArtifact('steam-eola-1', 1, { audit: 3, access: 3, action: 3, polish: 4 }),
        ctx(assessor),
      )
      .thenFails('InvalidScores', "'polish' is not a criterion of the rubric")
  })

  it('no criterion scores above its maxScore', () => {
    given(submitted)
      .when(gradeArtifact('steam-eola-1', 1, { audit: 5, access: 3, action: 3 }), ctx(assessor))
      .thenFails('InvalidScores', "criterion 'audit' scored 5, above its maximum 4")
  })

  it('scores are whole numbers of at least 0', () => {
    const error = given(submitted)
      .when(gradeArtifact('steam-eola-1', 1, { audit: -1, access: 3, action: 3 }), ctx(assessor))
      .thenFails('InvalidCommand')
    if (error._tag !== 'InvalidCommand') throw new Error('narrowing')
    expect(error.issues.map((i) => i.path)).toEqual(['data.scores.audit'])
  })

  it('the EOLA graded is one of the program', () => {
    given(submitted)
      .when(gradeArtifact('steam-eola-0', 1, {}), ctx(assessor))
      .thenFails('UnknownEola', "EOLA 'steam-eola-0'")
  })

  it('the last EOLA to meet earns the credential when the capstone already meets', () => {
    const events = history(
      allHours(),
      ['steam-eola-1', 'steam-eola-2', 'steam-eola-3', 'steam-eola-4'].flatMap(meets),
      capstone(1, 'meets'),
      by(educator, submitArtifact('steam-eola-5')),
    )
    const scores = scoresFor('steam-eola-5', 'meets')
    given(events)
      .when(gradeArtifact('steam-eola-5', 1, scores), ctx(assessor))
      .then([
        {
          type: 'ArtifactGraded',
          data: {
            enrollmentId,
            eolaId: 'steam-eola-5',
            attempt: 1,
            assessorId: assessor.id,
            scores,
            outcome: 'meets',
            feedback: 'See the rubric notes.',
            at: now,
          },
        },
        credentialEarned,
      ])
  })

  it('under a district without a capstone, the last EOLA to meet earns the credential', () => {
    const events = historyUnder(noCapstoneDistrict)(
      allHours(),
      ['steam-eola-1', 'steam-eola-2', 'steam-eola-3', 'steam-eola-4'].flatMap(meets),
      by(educator, submitArtifact('steam-eola-5')),
    )
    const decision = given(events, noCapstoneDistrict).when(
      gradeArtifact('steam-eola-5', 1, scoresFor('steam-eola-5', 'meets')),
      ctx(assessor),
    ).decision
    expect(E.isRight(decision) && decision.right.map((e) => e.type)).toEqual([
      'ArtifactGraded',
      'CredentialEarned',
    ])
  })
})

describe('SubmitCapstone', () => {
  const eola3Meets = history(meets('steam-eola-3'))

  it('the capstone enacts an EOLA that already meets', () => {
    given(eola3Meets)
      .when(submitCapstone('steam-eola-3'), ctx(educator))
      .then([
        {
          type: 'CapstoneSubmitted',
          data: {
            enrollmentId,
            attempt: 1,
            enactedEolaId: 'steam-eola-3',
            documentationUrl: 'https://drive.lausd.net/capstone',
            reflection: 'How the unit went for my students.',
            nextSteps: 'Share it with my grade-level team.',
            at: now,
          },
        },
      ])
  })

  it('the capstone does not enact an EOLA that does not meet yet', () => {
    given(history(meets('steam-eola-3'), attempt('steam-eola-2', 1, 'revise')))
      .when(submitCapstone('steam-eola-2'), ctx(educator))
      .thenFails('EnactedEolaNotMet', "enacts EOLA 'steam-eola-2', which does not meet yet")
  })

  it('the enacted EOLA is one of the program', () => {
    given(eola3Meets)
      .when(submitCapstone('steam-eola-7'), ctx(educator))
      .thenFails('UnknownEola', "EOLA 'steam-eola-7'")
  })

  it('the educator may not resubmit the capstone while an attempt awaits a grade', () => {
    given(history(meets('steam-eola-3'), by(educator, submitCapstone())))
      .when(submitCapstone(), ctx(educator))
      .thenFails('AttemptPending', 'the capstone attempt 1 is still awaiting its grade')
  })

  it('a capstone that meets is not submitted again', () => {
    given(history(meets('steam-eola-3'), capstone(1, 'meets')))
      .when(submitCapstone(), ctx(educator))
      .thenFails('AlreadyMeets', 'the capstone already meets')
  })

  it('the capstone has the same attempt cap as the artifacts', () => {
    const events = history(
      meets('steam-eola-3'),
      capstone(1, 'revise'),
      capstone(2, 'revise'),
      capstone(3, 'revise'),
    )
    given(events)
      .when(submitCapstone(), ctx(educator))
      .thenFails('AttemptsExhausted', 'the capstone has had 3 of 3 attempts allowed')
  })

  it('a district that requires no capstone takes none', () => {
    given(historyUnder(noCapstoneDistrict)(meets('steam-eola-3')), noCapstoneDistrict)
      .when(submitCapstone(), ctx(educator))
      .thenFails('CapstoneNotRequired', 'requires no capstone')
  })

  it('the documentation is at an absolute https: URL', () => {
    const at = (documentationUrl: string) =>
      malformed({
        type: 'SubmitCapstone',
        data: {
          enrollmentId,
          enactedEolaId: 'steam-eola-3',
          documentationUrl,
          reflection: 'r',
          nextSteps: 'n',
        },
      })
    const error = given(eola3Meets)
      .when(at('drive.lausd.net/capstone'), ctx(educator))
      .thenFails('InvalidCommand', 'a link must be an absolute URL')
    if (error._tag !== 'InvalidCommand') throw new Error('narrowing')
    expect(error.issues.map((i) => i.path)).toEqual(['data.documentationUrl'])
    given(eola3Meets)
      .when(at('javascript:alert(1)'), ctx(educator))
      .thenFails('InvalidCommand', 'this one is javascript:')
    given(eola3Meets)
      .when(at('http://drive.lausd.net/capstone'), ctx(educator))
      .thenFails('InsecureUrl', 'the documentation is "http://drive.lausd.net/capstone"')
  })
})

describe('GradeCapstone', () => {
  it('an assessor grades the capstone attempt revise, and the educator may try again', () => {
    const events = history(meets('steam-eola-3'), by(educator, submitCapstone()))
    given(events)
      .when(gradeCapstone(1, 'revise'), ctx(assessor))
      .then([
        {
          type: 'CapstoneGraded',
          data: {
            enrollmentId,
            attempt: 1,
            assessorId: assessor.id,
            outcome: 'revise',
            feedback: 'Capstone feedback.',
            at: now,
          },
        },
      ])
    const again = given(history(meets('steam-eola-3'), capstone(1, 'revise'))).when(
      submitCapstone(),
      ctx(educator),
    ).decision
    const [event] = E.isRight(again) ? again.right : []
    expect(event?.type === 'CapstoneSubmitted' && event.data.attempt).toBe(2)
  })

  it('the grade that meets the last requirement also emits CredentialEarned with 30/45/30 hours and 3 salary points', () => {
    given(everythingButTheCapstoneGrade)
      .when(gradeCapstone(1, 'meets'), ctx(assessor))
      .then([
        {
          type: 'CapstoneGraded',
          data: {
            enrollmentId,
            attempt: 1,
            assessorId: assessor.id,
            outcome: 'meets',
            feedback: 'Capstone feedback.',
            at: now,
          },
        },
        credentialEarned,
      ])
  })

  it('a capstone that meets while hours are still owed earns nothing yet', () => {
    const events = history(eolaIds.flatMap(meets), by(educator, submitCapstone()))
    const decision = given(events).when(gradeCapstone(1, 'meets'), ctx(assessor)).decision
    expect(E.isRight(decision) && decision.right.map((e) => e.type)).toEqual(['CapstoneGraded'])
  })

  it('a capstone attempt is graded once, and only once submitted', () => {
    given(history(meets('steam-eola-3'), capstone(1, 'revise')))
      .when(gradeCapstone(1, 'meets'), ctx(assessor))
      .thenFails('AlreadyGraded', "the capstone attempt 1 was already graded 'revise'")
    given(history(meets('steam-eola-3')))
      .when(gradeCapstone(1, 'meets'), ctx(assessor))
      .thenFails('AttemptNotFound', 'the capstone has no attempt 1 (it has 0)')
  })
})

describe('Withdraw', () => {
  it('the educator withdraws their own enrollment', () => {
    given(enrolled)
      .when(withdraw('Moved schools'), ctx(educator))
      .then([
        {
          type: 'EnrollmentWithdrawn',
          data: { enrollmentId, reason: 'Moved schools', withdrawnBy: educator.id, at: now },
        },
      ])
  })

  it('an administrator withdraws an educator', () => {
    const decision = given(enrolled).when(withdraw(), ctx(administrator)).decision
    expect(E.isRight(decision) && decision.right.map((e) => e.type)).toEqual([
      'EnrollmentWithdrawn',
    ])
  })

  it('an earned credential cannot be withdrawn', () => {
    given(earned)
      .when(withdraw(), ctx(educator))
      .thenFails('AlreadyEarned', 'earned its credential; an earned enrollment cannot be withdrawn')
    given(revoked).when(withdraw(), ctx(administrator)).thenFails('AlreadyEarned')
  })

  it('a withdrawn enrollment is not withdrawn again', () => {
    given(withdrawn)
      .when(withdraw(), ctx(administrator))
      .thenFails('EnrollmentClosed', 'is withdrawn')
  })

  it('a withdrawn enrollment takes no more hours, submissions or grades', () => {
    given(withdrawn)
      .when(recordHours('steam-fa-2', 'faceToFace', 1), ctx(facilitator))
      .thenFails('EnrollmentClosed', 'only an active enrollment takes this command')
    given(withdrawn)
      .when(submitArtifact('steam-eola-1'), ctx(educator))
      .thenFails('EnrollmentClosed')
  })
})

describe('ExpireEnrollment', () => {
  it('an administrator expires an unfinished enrollment as its cohort closes: it ends incomplete', () => {
    given(enrolled)
      .when(expire(undefined, 'The 2026-27 cohort closed'), ctx(administrator))
      .then([
        {
          type: 'EnrollmentExpired',
          data: {
            enrollmentId,
            reason: 'The 2026-27 cohort closed',
            expiredBy: administrator.id,
            at: now,
          },
        },
      ])
    const state = enrollment.fold(expired)
    expect(state.status).toBe('incomplete')
    expect(state.status !== 'notEnrolled' && state.expiry).toEqual({
      reason: 'The cohort closed',
      by: administrator.id,
      at: expired.at(-1)?.data.at,
    })
    expect(state.status !== 'notEnrolled' && state.withdrawal).toBeNull()
  })

  it('names the closing cohort: the enrollment must be in it', () => {
    const decision = given(enrolled).when(expire(cohortId), ctx(administrator)).decision
    expect(E.isRight(decision) && decision.right.map((e) => e.type)).toEqual(['EnrollmentExpired'])
    given(enrolled)
      .when(expire('tk12-el-2026'), ctx(administrator))
      .thenFails(
        'WrongEnrollment',
        `is in cohort '${cohortId}', not 'tk12-el-2026'; only the closing cohort's enrollments expire with it`,
      )
  })

  it('an earned or revoked enrollment does not expire', () => {
    given(earned)
      .when(expire(), ctx(administrator))
      .thenFails('AlreadyEarned', 'earned its credential; an earned enrollment does not expire')
    given(revoked)
      .when(expire(), ctx(administrator))
      .thenFails('AlreadyEarned', 'earned its credential (since revoked)')
  })

  it('a withdrawn or expired enrollment does not expire (again)', () => {
    given(withdrawn)
      .when(expire(), ctx(administrator))
      .thenFails('EnrollmentClosed', 'is withdrawn; only an active enrollment expires')
    given(expired)
      .when(expire(), ctx(administrator))
      .thenFails('EnrollmentClosed', 'is already expired (incomplete)')
  })

  it('an enrollment that does not exist does not expire', () => {
    given([])
      .when(expire(), ctx(administrator))
      .thenFails('NotEnrolled', `enrollment '${enrollmentId}' does not exist`)
  })

  it('an expired enrollment takes no more hours, submissions, grades, withdrawals, revocations or badges', () => {
    given(expired)
      .when(recordHours('steam-fa-2', 'faceToFace', 1), ctx(facilitator))
      .thenFails('EnrollmentClosed', 'is incomplete; only an active enrollment takes this command')
    given(expired)
      .when(submitArtifact('steam-eola-2'), ctx(educator))
      .thenFails('EnrollmentClosed', 'is incomplete')
    given(expired)
      .when(gradeArtifact('steam-eola-1', 1, scoresFor('steam-eola-1', 'meets')), ctx(assessor))
      .thenFails('EnrollmentClosed', 'is incomplete')
    given(expired).when(withdraw(), ctx(educator)).thenFails('EnrollmentClosed', 'is incomplete')
    given(expired).when(revoke(), ctx(administrator)).thenFails('NotEarned', 'is incomplete')
    given(expired).when(issueBadge(), ctx(administrator)).thenFails('NotEarned', 'is incomplete')
  })

  it('only an administrator other than the educator expires an enrollment', () => {
    given(enrolled).when(expire(), ctx(educator)).thenFails('NotAuthorized')
    given(enrolled).when(expire(), ctx(facilitator)).thenFails('NotAuthorized')
    given(enrolled).when(expire(), ctx(assessor)).thenFails('NotAuthorized')
    given(enrolled)
      .when(expire(), ctx(actor(maria.id, 'educator', 'administrator')))
      .thenFails('NotAuthorized', 'ExpireEnrollment')
  })
})

describe('RevokeCredential', () => {
  it('an administrator revokes an earned credential', () => {
    given(earned)
      .when(revoke('Hours were misreported'), ctx(administrator))
      .then([
        {
          type: 'CredentialRevoked',
          data: {
            enrollmentId,
            credentialId: `credential-${enrollmentId}`,
            reason: 'Hours were misreported',
            revokedBy: administrator.id,
            at: now,
          },
        },
      ])
  })

  it('only an earned credential is revoked', () => {
    given(enrolled)
      .when(revoke(), ctx(administrator))
      .thenFails('NotEarned', 'is active; only an earned credential can be revoked')
    given(withdrawn).when(revoke(), ctx(administrator)).thenFails('NotEarned', 'is withdrawn')
  })

  it('a credential is revoked once', () => {
    given(revoked)
      .when(revoke(), ctx(administrator))
      .thenFails('EnrollmentClosed', 'already revoked')
  })

  it('an earned or revoked enrollment takes no more hours or submissions', () => {
    given(earned)
      .when(recordHours('steam-fa-1', 'homework', 1), ctx(educator))
      .thenFails('EnrollmentClosed', 'is earned')
    given(revoked)
      .when(submitArtifact('steam-eola-1'), ctx(educator))
      .thenFails('EnrollmentClosed', 'is revoked')
  })
})

describe('IssueBadge', () => {
  const badgeIssued: EnrollmentEvent = {
    type: 'BadgeIssued',
    data: {
      enrollmentId,
      badgeId,
      format: 'jwt',
      salt: '9f86d081884c7d65',
      issuedBy: administrator.id,
      at: now,
    },
  }

  it('an administrator records the badge issued for an earned credential', () => {
    given(earned).when(issueBadge(), ctx(administrator)).then([badgeIssued])
    const state = enrollment.fold([...earned, badgeIssued])
    expect(state.status === 'earned' && state.badge).toEqual({
      badgeId,
      format: 'jwt',
      salt: '9f86d081884c7d65',
      issuedBy: administrator.id,
      issuedAt: now,
    })
  })

  it('a badge is issued once: issuing again records nothing, and the first id and salt stand', () => {
    given([...earned, badgeIssued])
      .when(issueBadge('another-salt'), ctx(administrator))
      .then([])
  })

  it('no badge for a credential not earned, or revoked', () => {
    given(enrolled)
      .when(issueBadge(), ctx(administrator))
      .thenFails('NotEarned', 'a badge is issued only for an earned credential')
    given(withdrawn).when(issueBadge(), ctx(administrator)).thenFails('NotEarned', 'is withdrawn')
    given(revoked)
      .when(issueBadge(), ctx(administrator))
      .thenFails('EnrollmentClosed', 'is revoked; no badge is issued')
  })

  it('only an administrator other than the educator records it', () => {
    given(earned).when(issueBadge(), ctx(educator)).thenFails('NotAuthorized')
    given(earned)
      .when(issueBadge(), ctx(actor('assessor-1', 'assessor')))
      .thenFails('NotAuthorized')
  })
})

describe('who may do what', () => {
  const submitted = history(
    by(educator, submitArtifact('steam-eola-1')),
    meets('steam-eola-3'),
    by(educator, submitCapstone()),
  )
  const gradeEola1 = gradeArtifact('steam-eola-1', 1, scoresFor('steam-eola-1', 'meets'))
  const homework = recordHours('steam-fa-1', 'homework', 1)

  /** The action the authorization table governs for a command. */
  const actionOf = (command: EnrollmentCommand): string =>
    command.type === 'RecordHours'
      ? {
          faceToFace: 'RecordFaceToFaceHours',
          online: 'RecordOnlineHours',
          homework: 'RecordHomeworkHours',
        }[command.data.mode]
      : command.type

  const refused = (who: Actor, command: EnrollmentCommand, events = enrolled) => {
    const error = given(events).when(command, ctx(who)).thenFails('NotAuthorized', `${who.id} (`)
    expect(error._tag === 'NotAuthorized' && [error.actorId, error.action]).toEqual([
      who.id,
      actionOf(command),
    ])
    const subject = command.type === 'Enroll' ? command.data.educator.id : maria.id
    expect(error.message).toContain(`may not ${actionOf(command)} on ${subject}'s enrollment`)
  }

  const allowed = (who: Actor, command: EnrollmentCommand, events = enrolled) => {
    const decision = given(events).when(command, ctx(who)).decision
    expect(E.isLeft(decision) ? decision.left.message : 'accepted').toBe('accepted')
  }

  it('an administrator enrolls anyone; an educator enrolls only themself', () => {
    allowed(administrator, enroll(), [])
    allowed(educator, enroll(), [])
    refused(educator, enroll(program, { ...maria, id: 'educator-ben' }), [])
    refused(facilitator, enroll(), [])
  })

  it('face-to-face hours come from a facilitator only', () => {
    const faceToFace = recordHours('steam-fa-1', 'faceToFace', 1)
    allowed(facilitator, faceToFace)
    refused(educator, faceToFace)
    refused(administrator, faceToFace)
    refused(lms, faceToFace)
  })

  it('online hours come from the LMS or an administrator', () => {
    const online = recordHours('steam-fa-1', 'online', 1)
    allowed(lms, online)
    allowed(administrator, online)
    refused(educator, online)
    refused(facilitator, online)
  })

  it('homework hours come from the educator or a facilitator', () => {
    allowed(educator, homework)
    allowed(facilitator, homework)
    refused(lms, homework)
    refused(administrator, homework)
  })

  it('an educator acts only on their own enrollment', () => {
    refused(otherEducator, homework)
    refused(otherEducator, submitArtifact('steam-eola-1'))
    refused(otherEducator, withdraw())
  })

  it('only the enrolled educator submits their work', () => {
    refused(administrator, submitArtifact('steam-eola-1'))
    refused(facilitator, submitArtifact('steam-eola-1'))
    refused(assessor, submitCapstone(), history(meets('steam-eola-3')))
  })

  it('an assessor never grades their own work', () => {
    const ownAssessor = actor(maria.id, 'educator', 'assessor')
    refused(ownAssessor, gradeEola1, submitted)
    refused(ownAssessor, gradeCapstone(1, 'meets'), submitted)
    allowed(assessor, gradeCapstone(1, 'meets'), submitted)
  })

  it('ids are one person whatever their case or width (sameIdentity)', () => {
    for (const id of [maria.id.toUpperCase(), 'Educator-Maria', 'ｅｄｕｃａｔｏｒ－ｍａｒｉａ']) {
      refused(actor(id, 'assessor'), gradeEola1, submitted)
      refused(actor(id, 'facilitator'), recordHours('steam-fa-1', 'faceToFace', 1))
      allowed(actor(id, 'educator'), homework)
    }
  })

  it('only an assessor grades', () => {
    refused(facilitator, gradeEola1, submitted)
    refused(administrator, gradeEola1, submitted)
    refused(educator, gradeCapstone(1, 'meets'), submitted)
  })

  it('the educator or an administrator withdraws; no one else', () => {
    refused(facilitator, withdraw())
    refused(assessor, withdraw())
  })

  it('only an administrator revokes', () => {
    refused(assessor, revoke(), earned)
    refused(educator, revoke(), earned)
    refused(facilitator, revoke(), earned)
  })

  it('an approver, or an actor with no roles, has no part in an enrollment', () => {
    refused(approver, homework)
    refused(actor(maria.id), withdraw())
  })

  it('the refusal says who may take the action instead', () => {
    given(enrolled)
      .when(recordHours('steam-fa-1', 'online', 1), ctx(educator))
      .thenFails(
        'NotAuthorized',
        'it takes an lms other than the educator or an administrator other than the educator',
      )
  })

  it('who acts is checked before when: a refused actor is refused whatever the date', () => {
    given(history(moduleHours('steam-fa-1')))
      .when(recordHours('steam-fa-1', 'faceToFace', 1), ctx(educator, hourOf(0)))
      .thenFails('NotAuthorized')
  })
})
