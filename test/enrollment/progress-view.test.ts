/**
 * The progress view (src/enrollment/progress-view.ts): labels beside every code, what is next in
 * order, the dates of an enrollment's life, and nothing missing or next once it ended. Unit cases
 * on a STEAM enrollment driven through `decide`, then properties over random histories.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  ProgressView,
  catalog,
  enrollment,
  progressView,
  requirementStateLabels,
  statusLabels,
  type Actor,
  type EnrollmentCommand,
  type EnrollmentState,
} from '../../src/index.js'
import { historyArbitrary } from '../../src/testing/index.js'

const program = catalog.steam
const enrollmentId = 'enr-1'
const admin: Actor = { id: 'admin-1', roles: ['administrator'] }
const educator: Actor = { id: 'e-1', roles: ['educator'] }
const assessor: Actor = { id: 'a-1', roles: ['assessor'] }
const facilitator: Actor = { id: 'f-1', roles: ['facilitator'] }
const lms: Actor = { id: 'lms-1', roles: ['lms'] }

/** Sends commands in order (a minute apart) and returns the state; a refusal fails the test. */
const play = (
  sends: ReadonlyArray<readonly [EnrollmentCommand, Actor]>,
  from: EnrollmentState = enrollment.initialState,
  start = Date.parse('2026-09-01T16:00:00Z'),
): EnrollmentState => {
  let state = from
  sends.forEach(([command, actor], i) => {
    const at = new Date(start + i * 60_000).toISOString().replace('.000', '')
    const decided = enrollment.decide(command, state, { actor, at, commandId: `c-${start}-${i}` })
    if (E.isLeft(decided)) throw new Error(`${command.type}: ${decided.left.message}`)
    state = enrollment.fold(decided.right, state)
  })
  return state
}

const enroll: readonly [EnrollmentCommand, Actor] = [
  {
    type: 'Enroll',
    data: {
      enrollmentId,
      cohortId: 'steam-2026',
      program,
      educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
    },
  },
  admin,
]

const modules = program.courses.flatMap((course) => course.modules)
const allHours = modules.flatMap(({ id: moduleId, hours }) =>
  (
    [
      ['faceToFace', facilitator],
      ['online', lms],
      ['homework', educator],
    ] as const
  ).flatMap(([mode, actor]) =>
    hours[mode] === 0
      ? []
      : [
          [
            { type: 'RecordHours', data: { enrollmentId, moduleId, mode, hours: hours[mode] } },
            actor,
          ] as const,
        ],
  ),
)
const submit = (eolaId: string): readonly [EnrollmentCommand, Actor] => [
  {
    type: 'SubmitArtifact',
    data: {
      enrollmentId,
      eolaId,
      evidence: [{ kind: 'document', url: `https://drive.lausd.net/${eolaId}` }],
      reflection: 'What my students did.',
    },
  },
  educator,
]
const grade = (
  eolaId: string,
  attempt: number,
  meets: boolean,
): readonly [EnrollmentCommand, Actor] => {
  const eola = program.eolas.find((e) => e.id === eolaId)
  const scores = Object.fromEntries(
    (eola?.rubric ?? []).map((c, i) => [c.id, meets || i > 0 ? c.meetsAt : c.meetsAt - 1]),
  )
  return [
    {
      type: 'GradeArtifact',
      data: { enrollmentId, eolaId, attempt, scores, feedback: meets ? 'Meets.' : 'Revise.' },
    },
    assessor,
  ]
}
const everyEola = program.eolas.flatMap((e) => [submit(e.id), grade(e.id, 1, true)])
const capstone: ReadonlyArray<readonly [EnrollmentCommand, Actor]> = [
  [
    {
      type: 'SubmitCapstone',
      data: {
        enrollmentId,
        enactedEolaId: program.eolas[0]?.id ?? '',
        documentationUrl: 'https://drive.lausd.net/capstone',
        reflection: 'How it went.',
        nextSteps: 'Share it.',
      },
    },
    educator,
  ],
  [
    {
      type: 'GradeCapstone',
      data: { enrollmentId, attempt: 1, outcome: 'meets', feedback: 'Good.' },
    },
    assessor,
  ],
]
const earned = play([enroll, ...allHours, ...everyEola, ...capstone])

/** Every state a view holds, wherever it is. */
const statesOf = (view: ProgressView) => [
  view.hours.state,
  ...view.hours.byMode.map((h) => h.state),
  ...view.modules.items.flatMap((m) => [m.state, ...m.hours.map((h) => h.state)]),
  ...view.courses.items.map((c) => c.state),
  ...view.eolas.items.map((e) => e.state),
  ...(view.capstone === null ? [] : [view.capstone.state]),
]

describe('progressView', () => {
  it('shows an enrollment that has not started as not enrolled, with enrolling next', () => {
    const view = progressView(enrollment.initialState)
    expect(view.status).toEqual({ code: 'notEnrolled', label: 'Not enrolled' })
    expect(view.next.map((n) => n.code)).toEqual(['enroll'])
    expect([view.educator, view.program, view.cohortId, view.dates.enrolledAt]).toEqual([
      null,
      null,
      null,
      null,
    ])
    expect(ProgressView.is(view)).toBe(true)
  })

  it('labels every state of a new enrollment and lists what is next in order', () => {
    const view = progressView(play([enroll]))
    expect(view.status).toEqual({ code: 'active', label: 'In progress' })
    expect(view.educator?.name).toBe('Maria Lopez')
    expect(view.program).toEqual({ id: 'steam', version: program.version })
    expect(view.dates.enrolledAt).toBe('2026-09-01T16:00:00Z')
    expect(view.eolas.items.map((e) => e.state)).toEqual(
      program.eolas.map(() => ({ code: 'notSubmitted', label: 'Not submitted' })),
    )
    expect(view.modules.items[0]?.hours.map((h) => [h.mode.label, h.state.label])).toEqual([
      ['Face-to-face', 'Not started'],
      ['Online', 'Not started'],
      ['Homework', 'Not started'],
    ])
    expect(view.next.map((n) => n.code)).toEqual([
      ...program.eolas.map(() => 'submitEola'),
      ...modules.map(() => 'recordHours'),
      'submitCapstone',
    ])
    expect(view.next.at(-1)?.label).toBe(
      'Submit the capstone once an EOLA meets: the documented enactment of that EOLA',
    )
    expect(view.next[program.eolas.length]?.label).toBe(
      `Complete 6 face-to-face, 9 online and 5 homework hours in module '${modules[0]?.title}'`,
    )
    expect(view.missing.length).toBeGreaterThan(0)
  })

  it('puts a revision first and a grade awaited last, and a started module in progress', () => {
    const [first, second] = program.eolas
    const state = play([
      enroll,
      [
        {
          type: 'RecordHours',
          data: { enrollmentId, moduleId: modules[0]?.id ?? '', mode: 'online', hours: 2 },
        },
        lms,
      ],
      submit(first?.id ?? ''),
      grade(first?.id ?? '', 1, false),
      submit(second?.id ?? ''),
    ])
    const view = progressView(state)
    expect(view.next[0]).toEqual({
      code: 'resubmitEola',
      label: `Revise and resubmit EOLA '${first?.title}' (attempt 2 of 3)`,
      requirementId: first?.id,
    })
    expect(view.next.at(-1)).toEqual({
      code: 'awaitGrade',
      label: `Wait for the grade of EOLA '${second?.title}' (attempt 1)`,
      requirementId: second?.id,
    })
    expect(view.eolas.items.slice(0, 2).map((e) => e.state.label)).toEqual([
      'To revise',
      'Awaiting a grade',
    ])
    expect(view.modules.items[0]?.state).toEqual({ code: 'inProgress', label: 'In progress' })
    expect(view.courses.items[0]?.state.code).toBe('inProgress')
    expect(view.courses.items[2]?.state.code).toBe('notStarted')
  })

  it('asks for the coordinator first when an EOLA used every attempt', () => {
    const id = program.eolas[0]?.id ?? ''
    const tries = [1, 2, 3].flatMap((n) => [submit(id), grade(id, n, false)])
    const view = progressView(play([enroll, ...tries]))
    expect(view.eolas.items[0]?.state).toEqual({ code: 'exhausted', label: 'Every attempt used' })
    expect(view.next[0]?.code).toBe('askCoordinator')
  })

  it('shows an earned enrollment complete, with its date and salary points, and nothing next', () => {
    const view = progressView(earned)
    expect(view.status).toEqual({ code: 'earned', label: 'Earned' })
    expect(view.next).toEqual([])
    expect(view.missing).toEqual([])
    expect(view.dates.earned).toMatchObject({ salaryPoints: 3 })
    expect(view.dates.earned?.at).toMatch(/^2026-09-01T/)
    expect(new Set(statesOf(view).map((s) => s.label))).toEqual(new Set(['Complete', 'Meets']))
  })

  it('shows a withdrawn enrollment with its date and reason, nothing missing, nothing next', () => {
    const state = play([
      enroll,
      submit(program.eolas[0]?.id ?? ''),
      [
        {
          type: 'RecordHours',
          data: { enrollmentId, moduleId: modules[0]?.id ?? '', mode: 'online', hours: 2 },
        },
        lms,
      ],
      [{ type: 'Withdraw', data: { enrollmentId, reason: 'Moved schools' } }, admin],
    ])
    const view = progressView(state)
    expect(view.status).toEqual({ code: 'withdrawn', label: 'Withdrawn' })
    expect(view.missing).toEqual([])
    expect(view.next).toEqual([])
    expect(view.dates.withdrawn).toEqual({
      at: '2026-09-01T16:03:00Z',
      reason: 'Moved schools',
      by: 'admin-1',
    })
    // What was started and left is incomplete, not "in progress" nor "awaiting a grade".
    expect(view.eolas.items[0]?.state).toEqual({ code: 'incomplete', label: 'Incomplete' })
    expect(view.modules.items[0]?.state.code).toBe('incomplete')
    expect(view.eolas.items[1]?.state.code).toBe('notSubmitted')
    expect(statesOf(view).map((s) => s.code)).not.toContain('inProgress')
  })

  it('shows a revoked credential with both dates, the reason, and the badge issued', () => {
    const later = Date.parse('2026-10-01T16:00:00Z')
    const state = play(
      [
        [
          {
            type: 'IssueBadge',
            data: {
              enrollmentId,
              badgeId: 'https://achieve.lausd.net/credentials/c-1',
              format: 'jwt',
              salt: 's-1',
            },
          },
          admin,
        ],
        [{ type: 'RevokeCredential', data: { enrollmentId, reason: 'Issued in error' } }, admin],
      ],
      earned,
      later,
    )
    const view = progressView(state)
    expect(view.status).toEqual({ code: 'revoked', label: 'Revoked' })
    expect(view.dates.badgeIssued).toEqual({
      at: '2026-10-01T16:00:00Z',
      badgeId: 'https://achieve.lausd.net/credentials/c-1',
      by: 'admin-1',
    })
    expect(view.dates.revoked).toEqual({
      at: '2026-10-01T16:01:00Z',
      reason: 'Issued in error',
      by: 'admin-1',
    })
    expect(view.dates.earned).not.toBeNull()
    expect([view.missing, view.next]).toEqual([[], []])
  })

  it('is frozen, and its JSON decodes back to an equal view', () => {
    const view = progressView(earned)
    expect(Object.isFrozen(view) && Object.isFrozen(view.eolas.items[0]?.state)).toBe(true)
    const decoded = ProgressView.decode(JSON.parse(JSON.stringify(ProgressView.encode(view))))
    expect(E.isRight(decoded) && decoded.right).toEqual(view)
  })
})

describe('progressView over random histories', () => {
  const labels = new Map<string, string>(Object.entries(requirementStateLabels))

  it('labels every requirement, and never with its raw code', () => {
    fc.assert(
      fc.property(historyArbitrary(), ({ state }) => {
        const view = progressView(state)
        expect(ProgressView.is(view)).toBe(true)
        expect(view.status.label).toBe(statusLabels[state.status])
        for (const { code, label } of statesOf(view)) {
          expect(label).toBe(labels.get(code))
          expect(label).not.toBe(code)
        }
        for (const h of [...view.hours.byMode, ...view.modules.items.flatMap((m) => m.hours)]) {
          expect(h.mode.label).not.toBe(h.mode.code)
        }
      }),
      { numRuns: 60 },
    )
  })

  it('lists nothing missing and nothing next once withdrawn, expired or revoked, and nothing next once earned', () => {
    fc.assert(
      fc.property(
        historyArbitrary({ statuses: ['withdrawn', 'incomplete', 'revoked', 'earned'] }),
        ({ state }) => {
          const view = progressView(state)
          expect(view.next).toEqual([])
          expect(view.missing).toEqual([])
          const ended = state.status === 'withdrawn' || state.status === 'incomplete'
          if (state.status === 'withdrawn') expect(view.dates.withdrawn).not.toBeNull()
          if (state.status === 'incomplete') {
            expect(view.dates.expired?.reason).toBeTruthy()
            expect(view.dates.earned).toBeNull()
            // What was started and not finished is incomplete, never in progress or awaiting.
            const states = [
              view.hours.state,
              ...view.modules.items.map((m) => m.state),
              ...view.eolas.items.map((e) => e.state),
            ].map((x) => x.code)
            expect(states).not.toContain('inProgress')
            expect(states).not.toContain('awaitingGrade')
            expect(states).not.toContain('revise')
          }
          if (!ended) expect(view.dates.earned).not.toBeNull()
          if (state.status === 'revoked') expect(view.dates.revoked?.reason).toBeTruthy()
        },
      ),
      { numRuns: 60 },
    )
  })

  it('always has something next while active, as long as something is missing', () => {
    fc.assert(
      fc.property(historyArbitrary({ statuses: ['active'] }), ({ state }) => {
        const view = progressView(state)
        expect(view.missing.length).toBeGreaterThan(0)
        expect(view.next.length).toBeGreaterThan(0)
      }),
      { numRuns: 60 },
    )
  })
})
