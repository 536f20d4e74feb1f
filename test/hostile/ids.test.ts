/**
 * Issue 12, items 1 and 2: ids that name `Object.prototype` members (`__proto__`, `constructor`,
 * `toString`, ...) are refused wherever an id is taken, with an `InvalidCommand` naming the path
 * (an `InvalidId` program error from `validateProgram`), on every store with nothing written; and
 * a state that holds such ids anyway (folded from events written before the rule) is read safely:
 * `decide` never mutates it, nothing reaches `Object.prototype`, and a rubric criterion named
 * `constructor` needs its score like any other.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  consequencesOf,
  enrollment,
  evolveEnrollment,
  foldEnrollment,
  isEnrolled,
  lausdPolicy,
  progress,
  requirementsOf,
  validateProgram,
  type EnrollmentEvent,
  type EnrollmentState,
  type Program,
} from 'microcred'
import {
  admin,
  assessor,
  contextOf,
  eola,
  enroll,
  enrollmentId,
  facilitator,
  fixtureOn,
  moduleId,
  self,
  submit,
} from './enrolled.js'
import { storeKinds } from './stores.js'

const prototypeNames = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
]

/** A copy of the catalog's STEAM program with `change` applied to it. */
const programWith = (change: (program: Program & Record<string, unknown>) => void): Program => {
  const copy = structuredClone(catalog.steam) as Program & Record<string, unknown>
  change(copy)
  return copy
}

/** Where a program can hold an id, and how to plant one there. */
const programIdPlaces: ReadonlyArray<[string, (id: string) => Program]> = [
  ['id', (id) => programWith((p) => void (p.id = id))],
  ['courses.0.id', (id) => programWith((p) => void ((p.courses[0] as { id: string }).id = id))],
  [
    'courses.0.modules.0.id',
    (id) => programWith((p) => void ((p.courses[0]?.modules[0] as { id: string }).id = id)),
  ],
  ['eolas.0.id', (id) => programWith((p) => void ((p.eolas[0] as { id: string }).id = id))],
  [
    'eolas.1.rubric.0.id',
    (id) => programWith((p) => void ((p.eolas[1]?.rubric[0] as { id: string }).id = id)),
  ],
]

/** Parses JSON, as a request body is: `__proto__` in it becomes an own key. */
const parsed = (json: string): unknown => JSON.parse(json)

describe.each(storeKinds)('ids naming Object.prototype members on $name', (kind) => {
  const fixture = fixtureOn(kind)

  it.skipIf(kind.skip)('in a program: Enroll is InvalidCommand naming the path', async () => {
    for (const name of prototypeNames) {
      for (const [path, plant] of programIdPlaces) {
        const error = await fixture.refused(
          'InvalidCommand',
          enroll({ enrollmentId: 'e2', program: plant(name) }),
          admin(),
        )
        expect(error.message).toContain(`at data.program.${path}:`)
        expect(error.message).toContain('Object.prototype')
      }
    }
  })

  it.skipIf(kind.skip)(
    'as the enrollment, educator, cohort, module, EOLA, actor or command id',
    async () => {
      for (const name of prototypeNames) {
        const cases: ReadonlyArray<[unknown, unknown, string]> = [
          [enroll({ enrollmentId: name }), admin(), 'data.enrollmentId'],
          [
            enroll({ enrollmentId: 'e3', educator: { id: name, name: 'A', email: 'a@b.org' } }),
            admin(),
            'data.educator.id',
          ],
          [enroll({ enrollmentId: 'e3', cohortId: name }), admin(), 'data.cohortId'],
          [
            {
              type: 'RecordHours',
              data: { enrollmentId, moduleId: name, mode: 'homework', hours: 1 },
            },
            facilitator(),
            'data.moduleId',
          ],
          [submit({ eolaId: name }), self(), 'data.eolaId'],
          [
            { type: 'Withdraw', data: { enrollmentId, reason: 'Moved' } },
            contextOf(name, 'administrator'),
            'actor.id',
          ],
          [
            { type: 'Withdraw', data: { enrollmentId, reason: 'Moved' } },
            { ...admin(), commandId: name },
            'commandId',
          ],
        ]
        for (const [command, context, path] of cases) {
          const error = await fixture.refused('InvalidCommand', command, context)
          expect(error.message).toContain(`at ${path}:`)
        }
      }
    },
  )

  it.skipIf(kind.skip)('as a key of scores, even an own __proto__ key from JSON', async () => {
    for (const name of prototypeNames) {
      const grade = parsed(
        `{"type":"GradeArtifact","data":{"enrollmentId":"${enrollmentId}","eolaId":"${eola.id}",` +
          `"attempt":1,"feedback":"","scores":{"${name}":3}}}`,
      )
      const error = await fixture.refused('InvalidCommand', grade, assessor())
      expect(error.message).toContain('at data.scores')
    }
  })
})

describe('validateProgram', () => {
  it('refuses every id naming an Object.prototype member with InvalidId at its path', () => {
    for (const name of prototypeNames) {
      for (const [path, plant] of programIdPlaces) {
        const result = validateProgram(plant(name))
        expect(E.isLeft(result) && result.left).toEqual([
          { _tag: 'InvalidId', path, message: expect.stringContaining(`'${name}'`) },
        ])
      }
    }
  })
})

// -------------------------------------------------------------------------------------
// states that hold such ids anyway: folded from events, not decided
// -------------------------------------------------------------------------------------

const at = '2026-09-01T16:00:00Z'
const later = '2026-09-02T16:00:00Z'

/** The events that enroll in `program` under lausdPolicy, written without any check. */
const enrolledIn = (program: Program): EnrollmentEvent => ({
  type: 'EducatorEnrolled',
  data: {
    enrollmentId,
    at,
    educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' },
    cohortId: 'steam-2026',
    programId: program.id,
    programVersion: program.version,
    requirements: requirementsOf(program, lausdPolicy),
    enrolledBy: 'admin-1',
  },
})

const hoursOn = (moduleId: string, hours: number): EnrollmentEvent => ({
  type: 'HoursRecorded',
  data: {
    enrollmentId,
    at,
    moduleId,
    mode: 'faceToFace',
    hours,
    creditedHours: hours,
    recordedBy: 'facilitator-1',
  },
})

const submittedTo = (eolaId: string): EnrollmentEvent => ({
  type: 'ArtifactSubmitted',
  data: {
    enrollmentId,
    at,
    eolaId,
    attempt: 1,
    evidence: [{ kind: 'link', url: 'https://drive.example.org/a' }],
    reflection: 'A reflection.',
  },
})

/** Nothing was added to Object.prototype or to Object itself. */
const expectNoPollution = () => {
  for (const key of ['faceToFace', 'online', 'homework', 'attempt', 'grade', 'push', '0']) {
    expect(Object.hasOwn(Object.prototype, key), key).toBe(false)
    expect(Object.hasOwn(Object, key), key).toBe(false)
  }
}

/** A deep copy that keeps what JSON loses here: each record's prototype. */
const snapshot = (state: EnrollmentState) => ({
  json: JSON.stringify(state),
  prototypes: isEnrolled(state)
    ? [state.credited, state.artifacts].map((record) => Object.getPrototypeOf(record))
    : [],
  inherited: isEnrolled(state)
    ? JSON.stringify(Object.getPrototypeOf(state.credited)) +
      JSON.stringify(Object.getPrototypeOf(state.artifacts))
    : '',
})

describe.each(prototypeNames)('a state whose program has the id %s', (name) => {
  const protoProgram = programWith((p) => {
    const module = p.courses[0]?.modules[0] as { id: string }
    module.id = name
    ;(p.eolas[0] as { id: string }).id = name
    ;(p.eolas[1]?.rubric[0] as { id: string }).id = name
  })
  const fresh = () => evolveEnrollment(enrollment.initialState, enrolledIn(protoProgram))

  it('holds the id as an own key of its records, with Object.prototype as their prototype', () => {
    const state = fresh()
    if (!isEnrolled(state)) throw new Error('not enrolled')
    expect(Object.hasOwn(state.credited, name)).toBe(true)
    expect(Object.hasOwn(state.artifacts, name)).toBe(true)
    expect(Object.getPrototypeOf(state.credited)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(state.artifacts)).toBe(Object.prototype)
  })

  it('a 6-hour module is not complete after 3 hours, and evolving leaves the state before as it was', () => {
    const before = fresh()
    const seen = snapshot(before)
    const after = evolveEnrollment(before, hoursOn(name, 3))
    expect(snapshot(before)).toEqual(seen)
    if (!isEnrolled(after)) throw new Error('not enrolled')
    expect(Object.getOwnPropertyDescriptor(after.credited, name)?.value).toEqual({
      faceToFace: 3,
      online: 0,
      homework: 0,
    })
    expect(consequencesOf(after, later)).toEqual([])
    expect(progress(after).missing[0]).toContain('3 face-to-face hours')
    expectNoPollution()
  })

  it('one submission is one attempt', () => {
    const before = fresh()
    const seen = snapshot(before)
    const after = foldEnrollment([submittedTo(name)], before)
    expect(snapshot(before)).toEqual(seen)
    if (!isEnrolled(after)) throw new Error('not enrolled')
    expect(Object.getOwnPropertyDescriptor(after.artifacts, name)?.value).toHaveLength(1)
    expectNoPollution()
  })

  it('decide never mutates it, whatever it is sent', () => {
    const state = foldEnrollment([hoursOn(moduleId, 1)], fresh())
    const seen = snapshot(state)
    const commands = [
      { type: 'RecordHours', data: { enrollmentId, moduleId, mode: 'faceToFace', hours: 3 } },
      { type: 'RecordHours', data: { enrollmentId, moduleId: name, mode: 'faceToFace', hours: 3 } },
      submit({ eolaId: name }),
      submit({ eolaId: protoProgram.eolas[1]?.id }),
    ]
    for (const command of commands) {
      for (const context of [facilitator(), self()]) {
        const result = enrollment.decide(command as never, state, {
          ...context,
          at: later,
        } as never)
        expect(result._tag).toMatch(/Left|Right/)
        expect(snapshot(state)).toEqual(seen)
      }
    }
    expectNoPollution()
  })

  it('a criterion named like it needs a score: scores {} is InvalidScores', () => {
    const other = protoProgram.eolas[1] ?? (undefined as never)
    const state = foldEnrollment([submittedTo(other.id)], fresh())
    const grade = {
      type: 'GradeArtifact' as const,
      data: { enrollmentId, eolaId: other.id, attempt: 1, scores: {}, feedback: '' },
    }
    const result = enrollment.decide(grade, state, { ...assessor(), at: later } as never)
    expect(E.isLeft(result) && result.left._tag).toBe('InvalidScores')
    expect(E.isLeft(result) && result.left.message).toContain(`criterion '${name}' has no score`)
  })

  it('an event naming a module the program lacks changes nothing, Object included', () => {
    const plain = evolveEnrollment(enrollment.initialState, enrolledIn(catalog.steam))
    const seen = snapshot(plain)
    const after = foldEnrollment([hoursOn(name, 3), submittedTo(name)], plain)
    expect(snapshot(plain)).toEqual(seen)
    expect(JSON.stringify(after)).toEqual(JSON.stringify(plain))
    expectNoPollution()
  })
})
