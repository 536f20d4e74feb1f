/**
 * Model-based test of the enrollment: fast-check runs random sequences of commands against a
 * small, independent model of the rules (plain numbers and lists, written from the rulebook in
 * docs/domain.md) and against the real system (an event log, `decide`, `foldEnrollment`), and
 * after every command checks that both agree: whether the command was accepted or refused (and
 * why), which events it produced, and what `progress` reports.
 *
 * The model reads the program from `catalog.steam` (data) and calls nothing in `src` but the
 * codecs' types to build commands.
 */
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  enrollmentDecider,
  foldEnrollment,
  lausdPolicy,
  progress,
  type Actor,
  type DomainError,
  type EnrollmentCommand,
  type EnrollmentDecider,
  type EnrollmentEvent,
  type EnrollmentEventType,
  type EnrollmentState,
  type Mode,
  type Outcome,
  type Role,
  type Scores,
  type StructuralPolicy,
} from '../../src/index.js'

// -------------------------------------------------------------------------------------
// the program, the cast, the clock
// -------------------------------------------------------------------------------------

const program = catalog.steam
const enrollmentId = 'enr-model'
const educatorId = 'educator-ana'
const modeList: ReadonlyArray<Mode> = ['faceToFace', 'online', 'homework']
const modules = program.courses.flatMap((course) => course.modules)
const courses = program.courses.map((course) => ({
  id: course.id,
  moduleIds: course.modules.map((module) => module.id),
}))
const eolas = program.eolas

const actor = (id: string, role: Role): Actor => ({ id, roles: [role] })
const cast = {
  administrator: actor('admin-1', 'administrator'),
  facilitator: actor('facilitator-1', 'facilitator'),
  lms: actor('lms-1', 'lms'),
  assessor: actor('assessor-1', 'assessor'),
  educator: actor(educatorId, 'educator'),
}

const start = Date.parse('2026-09-01T15:00:00Z')
const minute = (n: number) => new Date(start + n * 60_000).toISOString()

// -------------------------------------------------------------------------------------
// the model: the rules as plain data, read independently of src
// -------------------------------------------------------------------------------------

/** Hours are kept in quarter hours, so the model's arithmetic is on whole numbers. */
const quarters = (hours: number) => Math.round(hours * 4)

type Graded = 'awaiting' | Outcome
type Status = 'active' | 'earned' | 'withdrawn' | 'revoked' | 'incomplete'

interface Model {
  readonly maxAttempts: number
  status: Status
  /** The minute of the latest accepted command: nothing may be dated before it. */
  latest: number
  /** Per module, per mode: quarter hours credited and required. */
  readonly hours: Record<string, Record<Mode, { credited: number; required: number }>>
  /** Per EOLA, the grade of each attempt in order. */
  readonly eolas: Record<string, Graded[]>
  readonly capstone: Graded[]
}

const newModel = (maxAttempts: number): Model => ({
  maxAttempts,
  status: 'active',
  latest: 0,
  hours: Object.fromEntries(
    modules.map((module) => [
      module.id,
      {
        faceToFace: { credited: 0, required: quarters(module.hours.faceToFace) },
        online: { credited: 0, required: quarters(module.hours.online) },
        homework: { credited: 0, required: quarters(module.hours.homework) },
      },
    ]),
  ),
  eolas: Object.fromEntries(eolas.map((eola) => [eola.id, []])),
  capstone: [],
})

const moduleDone = (m: Model, id: string) =>
  modeList.every((mode) => {
    const h = m.hours[id]?.[mode]
    return h !== undefined && h.credited === h.required
  })
const courseDone = (m: Model, course: (typeof courses)[number]) =>
  course.moduleIds.every((id) => moduleDone(m, id))
const meets = (attempts: ReadonlyArray<Graded>) => attempts.includes('meets')
const everythingMet = (m: Model) =>
  modules.every((module) => moduleDone(m, module.id)) &&
  eolas.every((eola) => meets(m.eolas[eola.id] ?? [])) &&
  meets(m.capstone)

/** Why a new attempt would be refused, if it would. */
const submissionRefusal = (attempts: ReadonlyArray<Graded>, max: number): Refusal | undefined =>
  attempts[attempts.length - 1] === 'awaiting'
    ? 'AttemptPending'
    : meets(attempts)
      ? 'AlreadyMeets'
      : attempts.length >= max
        ? 'AttemptsExhausted'
        : undefined

/** Why grading attempt `n` would be refused, if it would. */
const gradingRefusal = (attempts: ReadonlyArray<Graded>, n: number): Refusal | undefined =>
  n > attempts.length
    ? 'AttemptNotFound'
    : attempts[n - 1] !== 'awaiting'
      ? 'AlreadyGraded'
      : undefined

const submissionStatus = (attempts: ReadonlyArray<Graded>, max: number) =>
  attempts.length === 0
    ? 'notSubmitted'
    : meets(attempts)
      ? 'meets'
      : attempts[attempts.length - 1] === 'awaiting'
        ? 'awaitingGrade'
        : attempts.length >= max
          ? 'exhausted'
          : 'revise'

// -------------------------------------------------------------------------------------
// the real system: an event log decided and folded by src
// -------------------------------------------------------------------------------------

interface Real {
  readonly decider: EnrollmentDecider
  events: EnrollmentEvent[]
  state: EnrollmentState
  /** The minute of the next command. */
  clock: number
}

type Refusal = DomainError['_tag']
type Decision = E.Either<DomainError, ReadonlyArray<EnrollmentEvent>>

const decideAt = (real: Real, command: EnrollmentCommand, actor: Actor, at: number): Decision => {
  const decision = real.decider.decide(command, real.state, {
    actor,
    at: minute(at),
    commandId: `model-${at}`,
  })
  if (E.isRight(decision)) {
    real.events.push(...decision.right)
    real.state = foldEnrollment(decision.right, real.state)
  }
  return decision
}

const acceptance = (decision: Decision): string =>
  E.isLeft(decision) ? `refused ${decision.left._tag}: ${decision.left.message}` : 'accepted'

/** What `progress` reports, in the model's terms (quarter hours). */
const reported = (state: EnrollmentState) => {
  const p = progress(state)
  return {
    status: p.status,
    credited: Object.fromEntries(modeList.map((mode) => [mode, quarters(p.hours.credited[mode])])),
    modules: p.modules.items.map((item) => ({
      id: item.id,
      credited: Object.fromEntries(modeList.map((mode) => [mode, quarters(item.credited[mode])])),
      complete: item.complete,
    })),
    modulesCompleted: p.modules.completed,
    coursesCompleted: p.courses.completed,
    eolasMeeting: p.eolas.meeting,
    eolas: p.eolas.items.map((item) => ({
      id: item.id,
      status: item.status,
      attempts: item.attempts,
    })),
    capstone: { status: p.capstone.status, attempts: p.capstone.attempts },
  }
}

/** The same, as the model has it. */
const expected = (m: Model): ReturnType<typeof reported> => ({
  status: m.status,
  credited: Object.fromEntries(
    modeList.map((mode) => [
      mode,
      modules.reduce((sum, module) => sum + (m.hours[module.id]?.[mode].credited ?? 0), 0),
    ]),
  ),
  modules: modules.map((module) => ({
    id: module.id,
    credited: Object.fromEntries(
      modeList.map((mode) => [mode, m.hours[module.id]?.[mode].credited ?? 0]),
    ),
    complete: moduleDone(m, module.id),
  })),
  modulesCompleted: modules.filter((module) => moduleDone(m, module.id)).length,
  coursesCompleted: courses.filter((course) => courseDone(m, course)).length,
  eolasMeeting: eolas.filter((eola) => meets(m.eolas[eola.id] ?? [])).length,
  eolas: eolas.map((eola) => ({
    id: eola.id,
    status: submissionStatus(m.eolas[eola.id] ?? [], m.maxAttempts),
    attempts: m.eolas[eola.id]?.length ?? 0,
  })),
  capstone: {
    status: submissionStatus(m.capstone, m.maxAttempts),
    attempts: m.capstone.length,
  },
})

/**
 * What `progress` reports agrees with the model, and the invariants hold: credited never exceeds
 * required, and `CredentialEarned` is in the log (once) exactly when the model has everything met.
 * (node:assert rather than vitest's `expect` here: thousands of checks per run.)
 */
const compare = (m: Model, real: Real) => {
  assert.deepStrictEqual(reported(real.state), expected(m), 'progress agrees with the model')
  for (const item of progress(real.state).modules.items) {
    for (const mode of modeList) {
      assert.ok(item.credited[mode] <= item.required[mode], `${item.id} ${mode} over-credited`)
    }
  }
  const earned = real.events.filter((event) => event.type === 'CredentialEarned').length
  assert.equal(earned, m.status === 'earned' || m.status === 'revoked' ? 1 : 0, 'earned once')
  assert.equal(earned === 1, everythingMet(m), 'earned exactly when everything is met')
}

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

/** The model's verdict on a command: refused with a tag, or accepted with its own events. */
type Verdict =
  | { readonly ok: false; readonly tag: Refusal }
  | { readonly ok: true; readonly events: ReadonlyArray<EnrollmentEventType> }

const refused = (tag: Refusal): Verdict => ({ ok: false, tag })
const accepted = (...events: EnrollmentEventType[]): Verdict => ({ ok: true, events })
const closed = (m: Readonly<Model>): Verdict | undefined =>
  m.status === 'active' ? undefined : refused('EnrollmentClosed')

/** A command as it meets one state of the model: who sends what, and what the model expects. */
interface Plan {
  readonly actor: Actor
  readonly command: EnrollmentCommand
  /** The model's own reading of the rules. */
  readonly verdict: Verdict
  /** How the model changes when the command is accepted. */
  readonly apply: (m: Model) => void
  /** Further checks of the events of an accepted command. */
  readonly checkEvents?: (events: ReadonlyArray<EnrollmentEvent>) => void
  /** Dated a minute before the latest event rather than after it. */
  readonly backdated?: boolean
}

class Step implements fc.Command<Model, Real> {
  constructor(
    readonly label: string,
    /**
     * A probe runs even when the model expects a refusal, so refusals are checked too; other
     * commands run only when the model accepts them, so most runs make progress.
     */
    readonly probe: boolean,
    readonly plan: (m: Readonly<Model>) => Plan,
  ) {}

  check(m: Readonly<Model>): boolean {
    return this.probe || this.plan(m).verdict.ok
  }

  run(m: Model, real: Real): void {
    const plan = this.plan(m)
    const at = plan.backdated === true ? m.latest - 1 : (real.clock += 1)
    const decision = decideAt(real, plan.command, plan.actor, at)
    const what = `${plan.command.type} ${JSON.stringify(plan.command.data)} by ${plan.actor.id}`
    if (!plan.verdict.ok) {
      const tag = E.isLeft(decision) ? decision.left._tag : 'accepted'
      assert.equal(tag, plan.verdict.tag, `${what}: the model expects ${plan.verdict.tag}`)
    } else {
      assert.equal(acceptance(decision), 'accepted', `${what}: the model expects it accepted`)
      const modulesBefore = modules.filter((x) => moduleDone(m, x.id)).map((x) => x.id)
      const coursesBefore = courses.filter((x) => courseDone(m, x)).map((x) => x.id)
      plan.apply(m)
      m.latest = at
      // the consequences, as the model reads them: what became complete, and the credential
      const events: EnrollmentEventType[] = [
        ...plan.verdict.events,
        ...modules
          .filter((x) => moduleDone(m, x.id) && !modulesBefore.includes(x.id))
          .map((): EnrollmentEventType => 'ModuleCompleted'),
        ...courses
          .filter((x) => courseDone(m, x) && !coursesBefore.includes(x.id))
          .map((): EnrollmentEventType => 'CourseCompleted'),
      ]
      if (m.status === 'active' && everythingMet(m)) {
        events.push('CredentialEarned')
        m.status = 'earned'
      }
      const produced = E.isRight(decision) ? decision.right : []
      assert.deepStrictEqual(
        produced.map((e) => e.type),
        events,
        `${what}: the events the model expects`,
      )
      plan.checkEvents?.(produced)
    }
    compare(m, real)
  }

  toString(): string {
    return `${this.label}${this.probe ? ' (probe)' : ''}`
  }
}

const recorders: Record<Mode, ReadonlyArray<Actor>> = {
  faceToFace: [cast.facilitator],
  online: [cast.lms, cast.administrator],
  homework: [cast.educator, cast.facilitator],
}

/** Where hours go: a given module and mode, or the `pick`-th slot the model says still needs some. */
type Slot = { readonly moduleId: string; readonly mode: Mode }
type SlotTarget =
  ({ readonly needed: false } & Slot) | { readonly needed: true; readonly pick: number }

const slotFor = (target: SlotTarget, m: Readonly<Model>): Slot => {
  if (!target.needed) return target
  const open = modules.flatMap((module) =>
    modeList
      .filter((mode) => {
        const h = m.hours[module.id]?.[mode]
        return h !== undefined && h.credited < h.required
      })
      .map((mode) => ({ moduleId: module.id, mode })),
  )
  return open[target.pick % Math.max(1, open.length)] ?? { moduleId: 'steam-fa-1', mode: 'online' }
}

/** Which EOLA: any, or one the model says the command is due for (when there is one). */
interface EolaTarget {
  readonly needed: boolean
  readonly pick: number
}

const eolaFor = (
  target: EolaTarget,
  m: Readonly<Model>,
  due: (attempts: ReadonlyArray<Graded>) => boolean,
): (typeof eolas)[number] => {
  const pool = target.needed ? eolas.filter((e) => due(m.eolas[e.id] ?? [])) : eolas
  const from = pool.length > 0 ? pool : eolas
  const eola = from[target.pick % from.length]
  if (eola === undefined) throw new Error('STEAM has EOLAs')
  return eola
}

/** Which attempt a grade is for: the latest one, or a fixed number (maybe not submitted). */
type AttemptChoice = { readonly latest: true } | { readonly latest: false; readonly n: number }
const attemptNumber = (choice: AttemptChoice, attempts: ReadonlyArray<Graded>) =>
  choice.latest ? Math.max(1, attempts.length) : choice.n

/** Scores from the rubric: aiming to meet (every criterion at or above meetsAt), or anywhere. */
const scoresFrom = (
  rubric: (typeof eolas)[number]['rubric'],
  aim: 'meets' | 'any',
  seeds: ReadonlyArray<number>,
): Scores =>
  Object.fromEntries(
    rubric.map((c, i) => {
      const seed = seeds[i % seeds.length] ?? 0
      const low = aim === 'meets' ? c.meetsAt : 0
      return [c.id, low + (seed % (c.maxScore - low + 1))]
    }),
  )

/** The model's reading of a rubric: meets when no criterion is below its meetsAt. */
const rubricOutcome = (rubric: (typeof eolas)[number]['rubric'], scores: Scores): Outcome =>
  rubric.every((c) => (scores[c.id] ?? -1) >= c.meetsAt) ? 'meets' : 'revise'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/** A probe one time in five. */
const probe = fc.nat({ max: 4 }).map((n) => n === 0)

const slotTarget: fc.Arbitrary<SlotTarget> = fc.oneof(
  fc.record({
    needed: fc.constant(false as const),
    moduleId: fc.constantFrom(...modules.map((module) => module.id)),
    mode: fc.constantFrom(...modeList),
  }),
  fc.record({ needed: fc.constant(true as const), pick: fc.nat({ max: 17 }) }),
)

const eolaTarget: fc.Arbitrary<EolaTarget> = fc.record({
  needed: fc.boolean(),
  pick: fc.nat({ max: 19 }),
})

const attemptChoice: fc.Arbitrary<AttemptChoice> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ latest: true } as const) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => ({ latest: false, n }) as const),
  },
)

const recordHours = fc
  .record({
    target: slotTarget,
    quarterHours: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 12, max: 48 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) },
    ),
    recorder: fc.nat({ max: 1 }),
    probe,
    backdated: fc.nat({ max: 19 }).map((n) => n === 0),
  })
  .map(({ target, quarterHours, recorder, probe, backdated }) => {
    const where = target.needed
      ? `needed slot #${target.pick}`
      : `${target.moduleId} ${target.mode}`
    const label = `RecordHours(${where}, ${quarterHours / 4} h${backdated ? ', backdated' : ''})`
    return new Step(label, probe || backdated, (m) => {
      const slot = slotFor(target, m)
      const recordersOfMode = recorders[slot.mode]
      let credit = 0
      return {
        actor: recordersOfMode[recorder % recordersOfMode.length] ?? cast.facilitator,
        command: {
          type: 'RecordHours',
          data: { enrollmentId, moduleId: slot.moduleId, mode: slot.mode, hours: quarterHours / 4 },
        },
        verdict: backdated
          ? refused('TimeWentBackwards')
          : (closed(m) ?? accepted('HoursRecorded')),
        backdated,
        apply: (model) => {
          const h = model.hours[slot.moduleId]?.[slot.mode]
          if (h === undefined) throw new Error(`the model has no module ${slot.moduleId}`)
          credit = Math.min(quarterHours, h.required - h.credited)
          h.credited += credit
        },
        checkEvents: ([recorded]) => {
          const creditedHours = recorded?.type === 'HoursRecorded' && recorded.data.creditedHours
          assert.equal(creditedHours, credit / 4, 'credit is what the module still needed')
        },
      }
    })
  })

const submitArtifact = fc.tuple(eolaTarget, probe).map(
  ([target, p]) =>
    new Step(`SubmitArtifact(${target.needed ? 'due' : 'any'} #${target.pick})`, p, (m) => {
      const eola = eolaFor(
        target,
        m,
        (attempts) => submissionRefusal(attempts, m.maxAttempts) === undefined,
      )
      const refusal = submissionRefusal(m.eolas[eola.id] ?? [], m.maxAttempts)
      return {
        actor: cast.educator,
        command: {
          type: 'SubmitArtifact',
          data: {
            enrollmentId,
            eolaId: eola.id,
            evidence: [{ kind: 'video', url: `https://evidence.example.org/${eola.id}` }],
            reflection: 'What my students did, and what I will change.',
          },
        },
        verdict:
          closed(m) ?? (refusal === undefined ? accepted('ArtifactSubmitted') : refused(refusal)),
        apply: (model) => {
          model.eolas[eola.id]?.push('awaiting')
        },
      }
    }),
)

const gradeArtifact = fc
  .record({
    target: eolaTarget,
    choice: attemptChoice,
    aim: fc.constantFrom<'meets' | 'any'>('meets', 'meets', 'meets', 'any'),
    seeds: fc.array(fc.nat({ max: 60 }), { minLength: 4, maxLength: 4 }),
    probe,
  })
  .map(
    ({ target, choice, aim, seeds, probe }) =>
      new Step(
        `GradeArtifact(${target.needed ? 'due' : 'any'} #${target.pick}, ${aim})`,
        probe,
        (m) => {
          const eola = eolaFor(target, m, (attempts) => attempts.at(-1) === 'awaiting')
          const attempts = m.eolas[eola.id] ?? []
          const attempt = attemptNumber(choice, attempts)
          const scores = scoresFrom(eola.rubric, aim, seeds)
          const outcome = rubricOutcome(eola.rubric, scores)
          const refusal = gradingRefusal(attempts, attempt)
          return {
            actor: cast.assessor,
            command: {
              type: 'GradeArtifact',
              data: { enrollmentId, eolaId: eola.id, attempt, scores, feedback: '' },
            },
            verdict:
              closed(m) ?? (refusal === undefined ? accepted('ArtifactGraded') : refused(refusal)),
            apply: (model) => {
              const graded = model.eolas[eola.id]
              if (graded !== undefined) graded[attempt - 1] = outcome
            },
            checkEvents: ([graded]) => {
              const reported = graded?.type === 'ArtifactGraded' && graded.data.outcome
              assert.equal(reported, outcome, 'the outcome follows from the rubric')
            },
          }
        },
      ),
  )

const submitCapstone = fc.tuple(eolaTarget, probe).map(
  ([target, p]) =>
    new Step(
      `SubmitCapstone(enacting ${target.needed ? 'a met' : 'any'} #${target.pick})`,
      p,
      (m) => {
        const eola = eolaFor(target, m, meets)
        const refusal =
          submissionRefusal(m.capstone, m.maxAttempts) ??
          (meets(m.eolas[eola.id] ?? []) ? undefined : 'EnactedEolaNotMet')
        return {
          actor: cast.educator,
          command: {
            type: 'SubmitCapstone',
            data: {
              enrollmentId,
              enactedEolaId: eola.id,
              documentationUrl: 'https://evidence.example.org/capstone',
              reflection: 'How the enactment went.',
              nextSteps: 'Share it with my team.',
            },
          },
          verdict:
            closed(m) ?? (refusal === undefined ? accepted('CapstoneSubmitted') : refused(refusal)),
          apply: (model) => {
            model.capstone.push('awaiting')
          },
        }
      },
    ),
)

const gradeCapstone = fc
  .tuple(attemptChoice, fc.constantFrom<Outcome>('meets', 'meets', 'revise'), probe)
  .map(
    ([choice, outcome, p]) =>
      new Step(`GradeCapstone(${choice.latest ? 'latest' : choice.n}, ${outcome})`, p, (m) => {
        const attempt = attemptNumber(choice, m.capstone)
        const refusal = gradingRefusal(m.capstone, attempt)
        return {
          actor: cast.assessor,
          command: {
            type: 'GradeCapstone',
            data: { enrollmentId, attempt, outcome, feedback: '' },
          },
          verdict:
            closed(m) ?? (refusal === undefined ? accepted('CapstoneGraded') : refused(refusal)),
          apply: (model) => {
            model.capstone[attempt - 1] = outcome
          },
        }
      }),
  )

const withdraw = fc.tuple(fc.boolean(), probe).map(
  ([byAdministrator, p]) =>
    new Step(`Withdraw(by ${byAdministrator ? 'administrator' : 'educator'})`, p, (m) => ({
      actor: byAdministrator ? cast.administrator : cast.educator,
      command: { type: 'Withdraw', data: { enrollmentId, reason: 'Moved schools' } },
      verdict:
        m.status === 'earned' || m.status === 'revoked'
          ? refused('AlreadyEarned')
          : (closed(m) ?? accepted('EnrollmentWithdrawn')),
      apply: (model) => {
        model.status = 'withdrawn'
      },
    })),
)

/** The cohort closes: an administrator expires the enrollment, naming its cohort or not. */
const expire = fc.tuple(fc.constantFrom(undefined, 'steam-2026-27', 'tk12-el-2026-27'), probe).map(
  ([cohortId, p]) =>
    new Step(`ExpireEnrollment(${cohortId ?? 'no cohort named'})`, p, (m) => ({
      actor: cast.administrator,
      command: {
        type: 'ExpireEnrollment',
        data:
          cohortId === undefined
            ? { enrollmentId, reason: 'The cohort closed' }
            : { enrollmentId, reason: 'The cohort closed', cohortId },
      },
      verdict:
        cohortId === 'tk12-el-2026-27'
          ? refused('WrongEnrollment')
          : m.status === 'earned' || m.status === 'revoked'
            ? refused('AlreadyEarned')
            : (closed(m) ?? accepted('EnrollmentExpired')),
      apply: (model) => {
        model.status = 'incomplete'
      },
    })),
)

const revoke = probe.map(
  (p) =>
    new Step('RevokeCredential', p, (m) => ({
      actor: cast.administrator,
      command: { type: 'RevokeCredential', data: { enrollmentId, reason: 'Issued in error' } },
      verdict:
        m.status === 'revoked'
          ? refused('EnrollmentClosed')
          : m.status === 'earned'
            ? accepted('CredentialRevoked')
            : refused('NotEarned'),
      apply: (model) => {
        model.status = 'revoked'
      },
    })),
)

/** Mostly hours (a 105-hour program needs many records); withdrawals rarely, as they end it. */
const commands = fc.commands(
  [
    fc.oneof(
      { weight: 200, arbitrary: recordHours },
      { weight: 100, arbitrary: submitArtifact },
      { weight: 100, arbitrary: gradeArtifact },
      { weight: 40, arbitrary: submitCapstone },
      { weight: 40, arbitrary: gradeCapstone },
      { weight: 1, arbitrary: withdraw },
      { weight: 1, arbitrary: expire },
      { weight: 12, arbitrary: revoke },
    ),
  ],
  { maxCommands: 250, size: 'max' },
)

// -------------------------------------------------------------------------------------
// the runs
// -------------------------------------------------------------------------------------

const setup = (policy: StructuralPolicy) => {
  const decider = enrollmentDecider(policy)
  const real: Real = { decider, events: [], state: decider.initialState, clock: 0 }
  const enrolled = decideAt(
    real,
    {
      type: 'Enroll',
      data: {
        enrollmentId,
        educator: { id: educatorId, name: 'Ana Ruiz', email: 'ana.ruiz@lausd.net' },
        cohortId: 'steam-2026-27',
        program,
      },
    },
    cast.administrator,
    0,
  )
  assert.equal(acceptance(enrolled), 'accepted')
  return { model: newModel(policy.maxAttempts), real }
}

describe.each([
  ['Los Angeles Unified', lausdPolicy],
  ['a district allowing 2 attempts', { ...lausdPolicy, maxAttempts: 2 }],
])('the enrollment under %s behaves as its model says', (_name, policy) => {
  it('after every command: the same verdict, the same events, the same progress', () => {
    const endings: Record<Status, number> = {
      active: 0,
      earned: 0,
      withdrawn: 0,
      revoked: 0,
      incomplete: 0,
    }
    fc.assert(
      fc.property(commands, (cmds) => {
        let model: Model | undefined
        let real: Real | undefined
        fc.modelRun(() => {
          const initial = setup(policy)
          model = initial.model
          real = initial.real
          return initial
        }, cmds)
        if (model !== undefined) endings[model.status] += 1
        // the state kept command by command is the state the whole log folds to
        if (real !== undefined) assert.deepStrictEqual(foldEnrollment(real.events), real.state)
      }),
      { numRuns: 60 },
    )
    // the runs reach the credential (and its revocation), withdrawals and expiries, not only
    // the start
    expect(endings.earned + endings.revoked).toBeGreaterThan(0)
    expect(endings.revoked).toBeGreaterThan(0)
    expect(endings.withdrawn).toBeGreaterThan(0)
    expect(endings.incomplete).toBeGreaterThan(0)
  })
})
