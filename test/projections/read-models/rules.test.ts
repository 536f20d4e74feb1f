/**
 * The read models' rules, one example each: the at-risk rule at its boundary, the queue's order,
 * days and assessors, the percentile, the ledger's tie order, and hostile ids as keys.
 */
import * as E from 'fp-ts/lib/Either.js'
import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import {
  assessorQueue,
  atRiskReason,
  catalog,
  enrollmentById,
  enrollmentsByCohort,
  enrollmentsByEducator,
  enrollmentsReadModel,
  EnrollmentsReadModelCodec,
  foldEnrollment,
  foldProjection,
  isEnrolled,
  lausdPolicy,
  programAnalytics,
  progress,
  requirementsOf,
  salaryPointsLedger,
  schoolYearElapsed,
  type EnrollmentEvent,
  type RecordedEvent,
} from '../../../src/index.js'
import { nearestRankPercentile, median } from '../../../src/projections/read-model-helpers.js'

const requirements = requirementsOf(catalog.steam, lausdPolicy)
const educator = { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
const enrolled = (enrollmentId: string, at: string, more: object = {}): EnrollmentEvent => ({
  type: 'EducatorEnrolled',
  data: {
    enrollmentId,
    at,
    cohortId: 'steam-2026',
    programId: 'steam',
    programVersion: 1,
    educator,
    requirements,
    enrolledBy: 'admin-1',
    ...more,
  },
})
const evidence = [{ kind: 'lessonPlan' as const, url: 'https://drive.lausd.net/plan.pdf' }]
const submitted = (enrollmentId: string, eolaId: string, attempt: number, at: string) =>
  ({
    type: 'ArtifactSubmitted',
    data: { enrollmentId, at, eolaId, attempt, evidence, reflection: 'Tried.' },
  }) as const
const graded = (enrollmentId: string, eolaId: string, attempt: number, at: string, by: string) =>
  ({
    type: 'ArtifactGraded',
    data: {
      enrollmentId,
      at,
      eolaId,
      attempt,
      assessorId: by,
      scores: {},
      outcome: 'revise',
      feedback: 'Revise.',
    },
  }) as const

let position = 0
const record = (event: EnrollmentEvent): RecordedEvent => {
  position += 1
  return {
    streamId: `enrollment-${event.data.enrollmentId}`,
    version: position,
    position,
    type: event.type,
    data: event.data,
    metadata: {
      eventId: `ev-${position}`,
      commandId: 'c',
      actorId: 'a',
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    },
    recordedAt: event.data.at,
  }
}
const modelOf = (events: ReadonlyArray<EnrollmentEvent>) => {
  const model = foldProjection(enrollmentsReadModel, events.map(record))
  if (E.isLeft(model)) throw new Error(model.left.message)
  return model.right
}

describe('at risk', () => {
  const state = foldEnrollment([enrolled('enr-1', '2026-09-01T16:00:00Z')])
  if (!isEnrolled(state)) throw new Error('not enrolled')

  it('is more than 20 points below the share of the school year elapsed', () => {
    // 1 July to 1 July: 365 days. At 146 days (40%), 0% complete is 40 points behind.
    expect(schoolYearElapsed(state.enrolledAt, '2026-11-24T00:00:00Z')).toBeCloseTo(0.4, 10)
    expect(atRiskReason(state, progress(state), '2026-11-24T00:00:00Z')).toBe(
      '0% complete with 40% of the 2026-27 school year elapsed: more than 20 points behind',
    )
    // At exactly 20% (73 days) 0% is 20 points behind: not more than 20.
    expect(atRiskReason(state, progress(state), '2026-09-12T00:00:00Z')).toBeNull()
    expect(atRiskReason(state, progress(state), '2026-09-12T00:01:00Z')).not.toBeNull()
  })

  it('is never a withdrawn enrollment', () => {
    const withdrawn = foldEnrollment(
      [
        {
          type: 'EnrollmentWithdrawn',
          data: {
            enrollmentId: 'enr-1',
            at: '2026-10-01T00:00:00Z',
            reason: 'Moved',
            withdrawnBy: 'e-1',
          },
        },
      ],
      state,
    )
    if (!isEnrolled(withdrawn)) throw new Error('not enrolled')
    expect(atRiskReason(withdrawn, progress(withdrawn), '2027-06-01T00:00:00Z')).toBeNull()
  })

  it('is never an expired (incomplete) enrollment', () => {
    const expired = foldEnrollment(
      [
        {
          type: 'EnrollmentExpired',
          data: {
            enrollmentId: 'enr-1',
            at: '2027-06-30T00:00:00Z',
            reason: 'The cohort closed',
            expiredBy: 'admin-1',
          },
        },
      ],
      state,
    )
    if (!isEnrolled(expired)) throw new Error('not enrolled')
    expect(expired.status).toBe('incomplete')
    expect(atRiskReason(expired, progress(expired), '2027-06-30T00:00:00Z')).toBeNull()
  })

  it('is an EOLA that used every attempt, whatever the pace', () => {
    const events = [1, 2, 3].flatMap((n) => [
      submitted('enr-1', 'steam-eola-1', n, `2026-09-0${n + 1}T16:00:00Z`),
      graded('enr-1', 'steam-eola-1', n, `2026-09-0${n + 1}T18:00:00Z`, 'assessor-1'),
    ])
    const exhausted = foldEnrollment(events, state)
    if (!isEnrolled(exhausted)) throw new Error('not enrolled')
    expect(atRiskReason(exhausted, progress(exhausted), '2026-09-05T00:00:00Z')).toMatch(
      /^EOLA '.+' has used every attempt without meeting$/,
    )
  })

  it('takes an instant that does not parse as no pace at all', () => {
    expect(atRiskReason(state, progress(state), 'soon')).toBeNull()
  })
})

describe('the assessor queue', () => {
  const model = modelOf([
    enrolled('enr-b', '2026-09-01T16:00:00Z'),
    enrolled('enr-a', '2026-09-01T16:00:00Z', { educator: { ...educator, id: 'e-2' } }),
    submitted('enr-b', 'steam-eola-2', 1, '2026-10-01T16:00:00Z'),
    submitted('enr-a', 'steam-eola-1', 1, '2026-10-01T16:00:00.000Z'), // the same instant
    submitted('enr-b', 'steam-eola-1', 1, '2026-10-01T16:00:00Z'),
    submitted('enr-a', 'steam-eola-3', 1, '2026-09-30T08:00:00Z'),
    graded('enr-a', 'steam-eola-3', 1, '2026-10-02T08:00:00Z', 'assessor-9'),
    submitted('enr-a', 'steam-eola-3', 2, '2026-10-03T08:00:00Z'),
  ])

  it('is oldest first, then by enrollment id, then by EOLA id', () => {
    const queue = assessorQueue(model, { now: '2026-10-04T08:00:00Z' })
    expect(queue.map((item) => [item.enrollmentId, item.eolaId, item.attempt])).toEqual([
      ['enr-a', 'steam-eola-1', 1],
      ['enr-b', 'steam-eola-1', 1],
      ['enr-b', 'steam-eola-2', 1],
      ['enr-a', 'steam-eola-3', 2],
    ])
    // 2 days 16 hours: 2 whole days; 1 day exactly: 1.
    expect(queue.map((item) => item.daysWaiting)).toEqual([2, 2, 2, 1])
    expect(queue.map((item) => item.assessorId)).toEqual([null, null, null, 'assessor-9'])
  })

  it('counts no negative days when now is before the submission', () => {
    const queue = assessorQueue(model, { now: '2026-01-01T00:00:00Z' })
    expect(queue.every((item) => item.daysWaiting === 0)).toBe(true)
  })

  it('filters by assessor', () => {
    const mine = assessorQueue(model, { now: '2026-10-04T08:00:00Z', assessorId: 'assessor-9' })
    expect(mine.map((item) => item.eolaId)).toEqual(['steam-eola-3'])
  })
})

describe('statistics', () => {
  it('takes the 90th percentile by nearest rank', () => {
    expect(nearestRankPercentile([], 90)).toBeNull()
    expect(nearestRankPercentile([5], 90)).toBe(5)
    // ceil(0.9 * 10) = 9: the 9th smallest.
    expect(nearestRankPercentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 90)).toBe(9)
    // ceil(0.9 * 11) = 10.
    expect(nearestRankPercentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10)
    expect(median([3, 1, 2, 4])).toBe(2.5)
    expect(median([3, 1, 2])).toBe(2)
  })

  it('reports grading turnaround in days over EOLAs and the capstone', () => {
    const model = modelOf([
      enrolled('enr-1', '2026-09-01T16:00:00Z'),
      submitted('enr-1', 'steam-eola-1', 1, '2026-10-01T00:00:00Z'),
      graded('enr-1', 'steam-eola-1', 1, '2026-10-01T12:00:00Z', 'assessor-1'),
      submitted('enr-1', 'steam-eola-1', 2, '2026-10-02T00:00:00Z'),
      graded('enr-1', 'steam-eola-1', 2, '2026-10-05T00:00:00Z', 'assessor-1'),
    ])
    expect(programAnalytics(model)[0]?.gradingTurnaround).toEqual({ medianDays: 1.75, p90Days: 3 })
  })
})

describe('the salary-points ledger', () => {
  it('puts an award before its reversal on the same date', () => {
    const at = '2027-04-10T16:00:00Z'
    const model = modelOf([
      enrolled('enr-1', '2026-09-01T16:00:00Z'),
      {
        type: 'CredentialEarned',
        data: {
          enrollmentId: 'enr-1',
          at,
          credentialId: 'credential-enr-1',
          hours: { faceToFace: 30, online: 45, homework: 30 },
          salaryPoints: 3,
        },
      },
      {
        type: 'CredentialRevoked',
        data: {
          enrollmentId: 'enr-1',
          at,
          credentialId: 'credential-enr-1',
          reason: 'Error',
          revokedBy: 'admin-1',
        },
      },
    ])
    expect(salaryPointsLedger(model).map((row) => [row.kind, row.points])).toEqual([
      ['award', 3],
      ['reversal', -3],
    ])
  })
})

describe('hostile ids', () => {
  it('are keys like any other: no lookup reaches Object.prototype', () => {
    const model = modelOf([enrolled('enr-1', '2026-09-01T16:00:00Z')])
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(enrollmentById(model, id)).toBeUndefined()
      expect(enrollmentsByEducator(model, id)).toEqual([])
      expect(enrollmentsByCohort(model, id)).toEqual([])
      expect(assessorQueue(model, { now: '2027-01-01T00:00:00Z', assessorId: id })).toEqual([])
      expect(programAnalytics(model, { programId: id })).toEqual([])
    }
  })

  it('index events whose ids name Object.prototype members (written before ids were checked)', () => {
    // Such events no longer decode; the recipe itself still keys them safely.
    const hostile = enrolled('__proto__', '2026-09-01T16:00:00Z', {
      cohortId: 'constructor',
      programId: '__proto__',
      educator: { ...educator, id: 'toString' },
    })
    const model = produce(enrollmentsReadModel.initialState, (draft) => {
      enrollmentsReadModel.evolve(draft, hostile, record(hostile))
    })
    expect(enrollmentById(model, '__proto__')?.status).toBe('active')
    expect(enrollmentsByCohort(model, 'constructor').map((e) => e.enrollmentId)).toEqual([
      '__proto__',
    ])
    expect(enrollmentsByEducator(model, 'toString')).toHaveLength(1)
    expect(programAnalytics(model)[0]?.programId).toBe('__proto__')
  })
})

describe('the model in a checkpoint', () => {
  it('reads a checkpoint written before expiries: a state without expiry has none', () => {
    const model = modelOf([enrolled('enr-1', '2026-09-01T16:00:00Z')])
    const encoded = JSON.parse(JSON.stringify(EnrollmentsReadModelCodec.encode(model))) as {
      enrollments: Array<Record<string, unknown>>
    }
    const old = {
      enrollments: encoded.enrollments.map(({ expiry, ...rest }) => (void expiry, rest)),
    }
    expect(old.enrollments[0]).not.toHaveProperty('expiry')
    const decoded = EnrollmentsReadModelCodec.decode(old)
    expect(E.isRight(decoded) && decoded.right).toEqual(model)
    // A state with an expiry that is not one is still refused.
    const wrong = { enrollments: [{ ...encoded.enrollments[0], expiry: 'soon' }] }
    expect(E.isLeft(EnrollmentsReadModelCodec.decode(wrong))).toBe(true)
  })
})

describe('the model as handed out', () => {
  it('is frozen, Maps and Sets included, and shares its states with no copy', () => {
    const model = modelOf([enrolled('enr-1', '2026-09-01T16:00:00Z')])
    const next = enrollmentsReadModel.apply(model, [
      record(enrolled('enr-2', '2026-09-02T16:00:00Z')),
    ])
    if (E.isLeft(next)) throw new Error(next.left.message)
    for (const state of [model, next.right]) {
      expect(() => (state.enrollments as Map<string, unknown>).set('x', 1)).toThrow()
      expect(() => (state.byStatus.get('active') as Set<string>).add('x')).toThrow()
      expect(Object.isFrozen(state.enrollments.get('enr-1'))).toBe(true)
      expect(Object.isFrozen(state.byCohort.get('steam-2026'))).toBe(true)
    }
    // The untouched enrollment is the same object in both models.
    expect(next.right.enrollments.get('enr-1')).toBe(model.enrollments.get('enr-1'))
    expect(enrollmentsReadModel.initialState.enrollments.size).toBe(0)
  })
})
