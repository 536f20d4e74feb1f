/**
 * The history audit (issue 12, item 5). Two properties and a rulebook of forgeries:
 *
 * 1. Every history the rules write passes: the events `decide` accepted from journeys with random
 *    commands by random actors mixed in (refused ones leave nothing), each by the actor that sent
 *    it, audit to the same state the fold gives.
 * 2. No forgery passes: one event of an earned history changed in a way the rules never write
 *    (credited hours, an outcome the rubric does not give, salary points, a grade by the educator,
 *    a time before the last event, a consequence dropped or repeated, the history cut short of
 *    its consequences) is found, at that event's version or right after it.
 *
 * Then the forgeries the issue names, each with its finding and what the message says.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  auditEnrollmentHistory,
  auditEnrollmentLog,
  catalog,
  catalogPrograms,
  enrollment,
  enrollmentStreamId,
  foldEnrollment,
  lausdPolicy,
  type AuditedEvent,
  type EnrollmentEvent,
  type HistoryRejected,
  type Program,
} from '../../src/index.js'
import {
  journeyArbitrary,
  noisyJourneyArbitrary,
  runSteps,
  type Journey,
} from '../../src/testing/index.js'

/** The events `decide` accepted for a journey's steps, each by the actor of its step. */
const historyOf = (journey: Journey): AuditedEvent[] => {
  const { decisions } = runSteps(journey.steps)
  return decisions
    .flatMap((decision, i) =>
      E.isRight(decision)
        ? decision.right.map((event) => ({
            event,
            actorId: journey.steps[i]?.context.actor.id ?? 'nobody',
          }))
        : [],
    )
    .map((item, i) => ({ ...item, version: i + 1 }))
}

const auditWith = (program: Program) =>
  auditEnrollmentHistory({ policy: lausdPolicy, programs: [program] })

const renumbered = (history: ReadonlyArray<Omit<AuditedEvent, 'version'>>): AuditedEvent[] =>
  history.map((item, i) => ({ ...item, version: i + 1 }))

describe('the history audit (properties)', () => {
  it('passes every history the rules write, to the state the fold gives', () => {
    fc.assert(
      fc.property(noisyJourneyArbitrary(), (journey) => {
        const history = historyOf(journey)
        const streamId = enrollmentStreamId(journey.enrollmentId)
        const audited = auditWith(journey.program)(streamId, history)
        if (E.isLeft(audited)) throw new Error(audited.left.message)
        expect(audited.right).toEqual(foldEnrollment(history.map(({ event }) => event)))
      }),
      { numRuns: 60 },
    )
  })

  type Forgery = (
    history: ReadonlyArray<AuditedEvent>,
    at: number,
  ) => { history: AuditedEvent[]; version: number } | undefined

  /** The index of the first event at or after `at` that `pick` takes, if any. */
  const find = (
    history: ReadonlyArray<AuditedEvent>,
    at: number,
    pick: (event: EnrollmentEvent, i: number) => boolean,
  ): number | undefined => {
    for (let k = 0; k < history.length; k++) {
      const i = (at + k) % history.length
      const item = history[i]
      if (item !== undefined && pick(item.event, i)) return i
    }
    return undefined
  }

  const changed = (
    history: ReadonlyArray<AuditedEvent>,
    i: number | undefined,
    change: (item: AuditedEvent) => AuditedEvent,
  ) =>
    i === undefined
      ? undefined
      : {
          history: history.map((item, k) => (k === i ? change(item) : item)),
          version: i + 1,
        }

  const withData = (item: AuditedEvent, data: Record<string, unknown>): AuditedEvent =>
    ({ ...item, event: { ...item.event, data: { ...item.event.data, ...data } } }) as AuditedEvent

  const forgeries: Record<string, Forgery> = {
    'more hours credited': (history, at) => {
      const i = find(history, at, (e) => e.type === 'HoursRecorded')
      return changed(history, i, (item) =>
        item.event.type === 'HoursRecorded'
          ? withData(item, { creditedHours: item.event.data.creditedHours + 0.25 })
          : item,
      )
    },
    'an outcome the rubric does not give': (history, at) => {
      const i = find(history, at, (e) => e.type === 'ArtifactGraded')
      return changed(history, i, (item) =>
        item.event.type === 'ArtifactGraded'
          ? withData(item, { outcome: item.event.data.outcome === 'meets' ? 'revise' : 'meets' })
          : item,
      )
    },
    'other salary points': (history, at) => {
      const i = find(history, at, (e) => e.type === 'CredentialEarned')
      return changed(history, i, (item) =>
        item.event.type === 'CredentialEarned'
          ? withData(item, { salaryPoints: item.event.data.salaryPoints + 1 + (at % 5) })
          : item,
      )
    },
    'a grade by the educator': (history, at) => {
      const first = history[0]?.event
      const educatorId = first?.type === 'EducatorEnrolled' ? first.data.educator.id : 'x'
      const i = find(history, at, (e) => e.type === 'ArtifactGraded' || e.type === 'CapstoneGraded')
      return changed(history, i, (item) => ({
        ...withData(item, { assessorId: educatorId }),
        actorId: educatorId,
      }))
    },
    'a time before the last event': (history, at) => {
      const i = find(history, at, (e, k) => k > 0 && e.type !== 'EducatorEnrolled')
      return changed(history, i, (item) => withData(item, { at: '2000-01-01T00:00:00Z' }))
    },
    'a consequence dropped': (history, at) => {
      const i = find(
        history,
        at,
        (e) => e.type === 'ModuleCompleted' || e.type === 'CourseCompleted',
      )
      if (i === undefined) return undefined
      return { history: renumbered(history.filter((_, k) => k !== i)), version: i + 1 }
    },
    'a consequence repeated': (history, at) => {
      const i = find(history, at, (e) => e.type === 'ModuleCompleted')
      const item = i === undefined ? undefined : history[i]
      if (i === undefined || item === undefined) return undefined
      const twice = [...history.slice(0, i + 1), item, ...history.slice(i + 1)]
      return { history: renumbered(twice), version: i + 2 }
    },
    'cut short of its consequences': (history) => {
      const i = history.findIndex((item) => item.event.type === 'CredentialEarned')
      if (i < 0) return undefined
      return { history: history.slice(0, i), version: i + 1 }
    },
  }

  it('finds every forgery, at the forged event or right after it', () => {
    const earned = journeyArbitrary().map((journey) => ({ journey, history: historyOf(journey) }))
    fc.assert(
      fc.property(
        earned,
        fc.constantFrom(...Object.keys(forgeries)),
        fc.nat(),
        ({ journey, history }, name, at) => {
          const forged = forgeries[name]?.(history, at % history.length)
          fc.pre(forged !== undefined)
          if (forged === undefined) return
          const audited = auditWith(journey.program)(
            enrollmentStreamId(journey.enrollmentId),
            forged.history,
          )
          expect(E.isLeft(audited), name).toBe(true)
          if (E.isLeft(audited)) expect(audited.left.version).toBe(forged.version)
        },
      ),
      { numRuns: 200 },
    )
  })
})

// -------------------------------------------------------------------------------------
// the forgeries of the issue
// -------------------------------------------------------------------------------------

const at = (day: number, hour = 16) =>
  `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`
const educator = { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' }
const program = catalog.steam
const [firstModule] = program.courses[0]?.modules ?? []
const [eola] = program.eolas
if (firstModule === undefined || eola === undefined) throw new Error('the catalog changed')

/** What `decide` writes for a command by an actor with roles, folded on from `events`. */
const decided = (
  events: ReadonlyArray<EnrollmentEvent>,
  command: Parameters<typeof enrollment.decide>[0],
  actorId: string,
  roles: ReadonlyArray<string>,
  when: string,
): EnrollmentEvent[] => {
  const result = enrollment.decide(command, foldEnrollment(events), {
    actor: { id: actorId, roles: roles as never },
    at: when,
    commandId: `c-${events.length}`,
  })
  if (E.isLeft(result)) throw new Error(result.left.message)
  return [...result.right]
}

const enrolled = decided(
  [],
  { type: 'Enroll', data: { enrollmentId: 'e1', cohortId: 'steam-2026', program, educator } },
  'admin-1',
  ['administrator'],
  at(1),
)
const submitted = decided(
  enrolled,
  {
    type: 'SubmitArtifact',
    data: {
      enrollmentId: 'e1',
      eolaId: eola.id,
      evidence: [{ kind: 'lessonPlan', url: 'https://drive.example.org/plan.pdf' }],
      reflection: 'What worked.',
    },
  },
  educator.id,
  ['educator'],
  at(2),
)

const audit = auditEnrollmentHistory({ policy: lausdPolicy, programs: catalogPrograms })
const by = (actorId: string, ...events: EnrollmentEvent[]) =>
  events.map((event) => ({ event, actorId }))
const forged = (...items: Array<Omit<AuditedEvent, 'version'>>): HistoryRejected => {
  const result = audit('enrollment-e1', renumbered(items))
  if (E.isRight(result)) throw new Error('the forgery passed the audit')
  return result.left
}

describe('the forgeries of issue 12', () => {
  it('passes the honest start', () => {
    const result = audit(
      'enrollment-e1',
      renumbered([...by('admin-1', ...enrolled), ...by(educator.id, ...submitted)]),
    )
    expect(E.isRight(result) && result.right.status).toBe('active')
  })

  it('a credential earned with no hours and 999 salary points', () => {
    const found = forged(...by('admin-1', ...enrolled), {
      actorId: 'admin-1',
      event: {
        type: 'CredentialEarned',
        data: {
          enrollmentId: 'e1',
          at: at(3),
          credentialId: 'credential-e1',
          hours: { faceToFace: 0, online: 0, homework: 0 },
          salaryPoints: 999,
        },
      },
    })
    expect(found).toMatchObject({
      _tag: 'HistoryRejected',
      streamId: 'enrollment-e1',
      version: 2,
      eventType: 'CredentialEarned',
      finding: 'NothingDue',
    })
    expect(found.message).toMatch(
      /^stream 'enrollment-e1' version 2 \(CredentialEarned\): the rules write CredentialEarned only right after the event that meets the last requirement, and nothing here made it due \(still missing: 6 face-to-face hours in module /,
    )
  })

  it('hours beyond what one record takes', () => {
    const found = forged(...by('admin-1', ...enrolled), {
      actorId: 'facilitator-1',
      event: {
        type: 'HoursRecorded',
        data: {
          enrollmentId: 'e1',
          at: at(3),
          moduleId: firstModule.id,
          mode: 'faceToFace',
          hours: 40,
          creditedHours: 40,
          recordedBy: 'facilitator-1',
        },
      },
    })
    expect(found).toMatchObject({ version: 2, finding: 'RefusedByRules', rule: 'InvalidHours' })
  })

  it('more credited than the module needs', () => {
    const [hours] = decided(
      enrolled,
      {
        type: 'RecordHours',
        data: { enrollmentId: 'e1', moduleId: firstModule.id, mode: 'online', hours: 12 },
      },
      'lms-1',
      ['lms'],
      at(3),
    )
    if (hours?.type !== 'HoursRecorded') throw new Error('no hours')
    const found = forged(...by('admin-1', ...enrolled), {
      actorId: 'lms-1',
      event: { ...hours, data: { ...hours.data, creditedHours: 12 } },
    })
    expect(found.finding).toBe('NotWhatTheRulesWrite')
    expect(found.message).toContain(
      `data.creditedHours is 12; the rules write ${firstModule.hours.online}`,
    )
  })

  it('a module completed before its hours are in', () => {
    const found = forged(...by('admin-1', ...enrolled), {
      actorId: 'admin-1',
      event: {
        type: 'ModuleCompleted',
        data: { enrollmentId: 'e1', at: at(3), moduleId: firstModule.id },
      },
    })
    expect(found).toMatchObject({ version: 2, finding: 'NothingDue' })
  })

  it('a grade by the educator, and one by an assessor that gives meets against the rubric', () => {
    const zeros = Object.fromEntries(eola.rubric.map((criterion) => [criterion.id, 0]))
    const grade = (assessorId: string, outcome: 'meets' | 'revise') => ({
      actorId: assessorId,
      event: {
        type: 'ArtifactGraded' as const,
        data: {
          enrollmentId: 'e1',
          at: at(4),
          eolaId: eola.id,
          attempt: 1,
          assessorId,
          scores: zeros,
          outcome,
          feedback: '',
        },
      },
    })
    const history = [...by('admin-1', ...enrolled), ...by(educator.id, ...submitted)]
    const selfGraded = forged(...history, grade(educator.id, 'revise'))
    expect(selfGraded).toMatchObject({
      version: 3,
      finding: 'RefusedByRules',
      rule: 'NotAuthorized',
    })
    expect(selfGraded.message).toContain(
      "'edu-1' could not have sent GradeArtifact in any role: it takes an assessor other than the educator",
    )
    const lenient = forged(...history, grade('assessor-1', 'meets'))
    expect(lenient.message).toContain('data.outcome is "meets"; the rules write "revise"')
  })

  it('an attempt beyond the cap', () => {
    const history: EnrollmentEvent[] = [...enrolled]
    const items = [...by('admin-1', ...enrolled)]
    for (let attempt = 1; attempt <= lausdPolicy.maxAttempts; attempt++) {
      const submit = decided(
        history,
        {
          type: 'SubmitArtifact',
          data: {
            enrollmentId: 'e1',
            eolaId: eola.id,
            evidence: [{ kind: 'lessonPlan', url: 'https://drive.example.org/plan.pdf' }],
            reflection: `Attempt ${attempt}.`,
          },
        },
        educator.id,
        ['educator'],
        at(3 + attempt, 10),
      )
      const grade = decided(
        [...history, ...submit],
        {
          type: 'GradeArtifact',
          data: {
            enrollmentId: 'e1',
            eolaId: eola.id,
            attempt,
            scores: Object.fromEntries(eola.rubric.map((criterion) => [criterion.id, 0])),
            feedback: 'Revise.',
          },
        },
        'assessor-1',
        ['assessor'],
        at(3 + attempt, 12),
      )
      history.push(...submit, ...grade)
      items.push(...by(educator.id, ...submit), ...by('assessor-1', ...grade))
    }
    const last = submitted[0]
    if (last?.type !== 'ArtifactSubmitted') throw new Error('no submission')
    const found = forged(...items, {
      actorId: educator.id,
      event: { ...last, data: { ...last.data, attempt: lausdPolicy.maxAttempts + 1, at: at(20) } },
    })
    expect(found).toMatchObject({ finding: 'RefusedByRules', rule: 'AttemptsExhausted' })
  })

  it('anything after a withdrawal', () => {
    const withdrawn = decided(
      enrolled,
      { type: 'Withdraw', data: { enrollmentId: 'e1', reason: 'Moved schools' } },
      educator.id,
      ['educator'],
      at(3),
    )
    const [late] = submitted
    if (late?.type !== 'ArtifactSubmitted') throw new Error('no submission')
    const found = forged(...by('admin-1', ...enrolled), ...by(educator.id, ...withdrawn), {
      actorId: educator.id,
      event: { ...late, data: { ...late.data, at: at(4) } },
    })
    expect(found).toMatchObject({ version: 3, finding: 'RefusedByRules', rule: 'EnrollmentClosed' })
  })

  it('an expiry passes by an administrator; not by the educator, and nothing after it', () => {
    const expired = decided(
      [...enrolled, ...submitted],
      { type: 'ExpireEnrollment', data: { enrollmentId: 'e1', reason: 'The cohort closed' } },
      'admin-1',
      ['administrator'],
      at(3),
    )
    const honest = audit(
      'enrollment-e1',
      renumbered([
        ...by('admin-1', ...enrolled),
        ...by(educator.id, ...submitted),
        ...by('admin-1', ...expired),
      ]),
    )
    expect(E.isRight(honest) && honest.right.status).toBe('incomplete')
    const selfExpired = forged(
      ...by('admin-1', ...enrolled),
      ...by(educator.id, ...submitted),
      ...by(educator.id, ...expired),
    )
    expect(selfExpired).toMatchObject({
      version: 3,
      finding: 'RefusedByRules',
      rule: 'NotAuthorized',
    })
    const [late] = submitted
    if (late?.type !== 'ArtifactSubmitted') throw new Error('no submission')
    const after = forged(...by('admin-1', ...enrolled), ...by('admin-1', ...expired), {
      actorId: educator.id,
      event: { ...late, data: { ...late.data, at: at(4) } },
    })
    expect(after).toMatchObject({ version: 3, finding: 'RefusedByRules', rule: 'EnrollmentClosed' })
  })

  it('salary points or requirements other than the program grants', () => {
    const [first] = enrolled
    if (first?.type !== 'EducatorEnrolled') throw new Error('no enrollment')
    const requirements = { ...first.data.requirements, salaryPoints: 999 }
    const found = forged({
      actorId: 'admin-1',
      event: { ...first, data: { ...first.data, requirements } },
    })
    expect(found.message).toBe(
      "stream 'enrollment-e1' version 1 (EducatorEnrolled): data.requirements.salaryPoints is 999; the rules write 3",
    )
  })

  it('a program the audit does not know', () => {
    const [first] = enrolled
    if (first?.type !== 'EducatorEnrolled') throw new Error('no enrollment')
    const found = forged({
      actorId: 'admin-1',
      event: { ...first, data: { ...first.data, programVersion: 7 } },
    })
    expect(found).toMatchObject({ finding: 'UnknownProgram', version: 1 })
    expect(found.message).toContain(
      "it pins program 'steam' version 7, which the audit does not know",
    )
  })

  it('versions that do not follow, and an event of another enrollment', () => {
    const items = [...by('admin-1', ...enrolled), ...by(educator.id, ...submitted)]
    const gap = audit('enrollment-e1', [
      { ...items[0]!, version: 1 },
      { ...items[1]!, version: 3 },
    ])
    expect(E.isLeft(gap) && gap.left).toMatchObject({ finding: 'VersionOutOfOrder', version: 3 })
    const late = audit('enrollment-e1', [{ ...items[1]!, version: 2 }])
    expect(E.isLeft(late) && late.left.message).toContain(
      'the stream starts at version 2; a history is audited from version 1',
    )
    const other = audit('enrollment-e2', renumbered(items))
    expect(E.isLeft(other) && other.left).toMatchObject({ finding: 'WrongStream', version: 1 })
  })

  it('a second badge', () => {
    const [journey] = fc.sample(journeyArbitrary({ program, enrollmentId: 'e1' }), {
      numRuns: 1,
      seed: 12,
    })
    if (journey === undefined) throw new Error('no journey')
    const history = historyOf(journey)
    const events = history.map(({ event }) => event)
    const last = events[events.length - 1]?.data.at ?? at(1)
    const issue = {
      type: 'IssueBadge' as const,
      data: {
        enrollmentId: 'e1',
        badgeId: 'https://achieve.example.org/credentials/credential-e1',
        format: 'jwt' as const,
        salt: '5f2b9c0e',
      },
    }
    const issued = decided(events, issue, 'admin-1', ['administrator'], last)
    expect(issued.map((event) => event.type)).toEqual(['BadgeIssued'])
    const once = renumbered([...history, ...by('admin-1', ...issued)])
    expect(E.isRight(audit('enrollment-e1', once))).toBe(true)
    const found = forged(...once, ...by('admin-1', ...issued))
    expect(found).toMatchObject({ version: once.length + 1, finding: 'NotWhatTheRulesWrite' })
    expect(found.message).toContain('the rules write nothing for the IssueBadge it implies')
  })

  it('a log of many streams: one finding per stream that has one', () => {
    const items = renumbered([...by('admin-1', ...enrolled), ...by(educator.id, ...submitted)])
    const honest = items.map((item) => ({ ...item, streamId: 'enrollment-e1' }))
    const report = auditEnrollmentLog({ policy: lausdPolicy, programs: catalogPrograms })([
      honest[0]!,
      { ...honest[1]!, streamId: 'enrollment-e9', version: 1 },
      honest[1]!,
      { ...honest[1]!, streamId: 'enrollment-e9', version: 2 },
    ])
    expect(report.streams).toBe(2)
    expect(report.events).toBe(4)
    expect(report.rejected.map((found) => [found.streamId, found.version, found.finding])).toEqual([
      ['enrollment-e9', 1, 'WrongStream'],
    ])
  })
})
