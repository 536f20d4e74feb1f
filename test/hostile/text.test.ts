/**
 * Issue 12, item 7: ids are bounded (at most 200 characters, no control characters) and text is
 * well-formed (at most 20,000 characters, no NUL, no lone surrogate), object keys included, so a
 * 10 MB id, a NUL or a lone surrogate is the same `InvalidCommand` naming the field on every
 * store, with nothing written; and the message is short and shows the value escaped.
 */
import { describe, expect, it } from 'vitest'
import {
  admin,
  assessor,
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

const megabytes = (n: number) => 'x'.repeat(n * 1_048_576)

const withdraw = (data: Record<string, unknown> = {}) => ({
  type: 'Withdraw',
  data: { enrollmentId, reason: 'Moved schools', ...data },
})
const grade = (data: Record<string, unknown> = {}) => ({
  type: 'GradeArtifact',
  data: {
    enrollmentId,
    eolaId: eola.id,
    attempt: 1,
    scores: Object.fromEntries(eola.rubric.map((c) => [c.id, c.maxScore])),
    feedback: '',
    ...data,
  },
})
const educatorWith = (data: Record<string, unknown>) =>
  enroll({
    enrollmentId: 'e2',
    educator: { id: 'edu-2', name: 'Ben Okafor', email: 'ben@example.org', ...data },
  })

/** A message a person can read: short, one line, no raw control character or lone surrogate. */
const expectReadable = (message: string) => {
  expect(message.length).toBeLessThanOrEqual(1_000)
  expect([...message].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toBe(false)
  expect(message.isWellFormed()).toBe(true)
  expect(message).not.toContain('x'.repeat(200))
}

describe.each(storeKinds)('bounded, well-formed text on $name', (kind) => {
  const fixture = fixtureOn(kind)

  it.skipIf(kind.skip)('a 10 MB or 12 KB id is InvalidCommand naming the field', async () => {
    const cases: ReadonlyArray<[unknown, unknown, string]> = [
      [withdraw({ enrollmentId: megabytes(10) }), admin(), 'data.enrollmentId'],
      [withdraw({ enrollmentId: 'e'.repeat(12_288) }), admin(), 'data.enrollmentId'],
      [withdraw({ enrollmentId: 'e'.repeat(201) }), admin(), 'data.enrollmentId'],
      [educatorWith({ id: 'e'.repeat(12_288) }), admin(), 'data.educator.id'],
      [withdraw(), { ...admin(), commandId: megabytes(1) }, 'commandId'],
      [withdraw(), { ...admin(), actor: { id: megabytes(1), roles: [] } }, 'actor.id'],
    ]
    for (const [command, context, path] of cases) {
      const error = await fixture.refused('InvalidCommand', command, context)
      expect(error.message).toContain(`at ${path}: `)
      expect(error.message).toContain('at most 200 characters')
      expectReadable(error.message)
    }
  })

  it.skipIf(kind.skip)('text over 20,000 characters is InvalidCommand', async () => {
    for (const [command, context, path] of [
      [withdraw({ reason: megabytes(10) }), admin(), 'data.reason'],
      [grade({ feedback: 'f'.repeat(20_001) }), assessor(), 'data.feedback'],
      [submit({ reflection: megabytes(1) }), self(), 'data.reflection'],
      [educatorWith({ name: megabytes(1) }), admin(), 'data.educator.name'],
    ] as const) {
      const error = await fixture.refused('InvalidCommand', command, context)
      expect(error.message).toContain(`at ${path}: `)
      expect(error.message).toContain('at most 20,000 characters')
      expectReadable(error.message)
    }
  })

  it.skipIf(kind.skip)('a NUL anywhere is InvalidCommand naming the field', async () => {
    const cases: ReadonlyArray<[unknown, unknown, string]> = [
      [withdraw({ enrollmentId: 'e1\u0000' }), admin(), 'data.enrollmentId'],
      [withdraw({ reason: 'Moved\u0000 schools' }), admin(), 'data.reason'],
      [submit({ reflection: '\u0000' }), self(), 'data.reflection'],
      [grade({ feedback: 'ok\u0000' }), assessor(), 'data.feedback'],
      [educatorWith({ name: 'Ben\u0000' }), admin(), 'data.educator.name'],
      [educatorWith({ email: 'ben\u0000@example.org' }), admin(), 'data.educator.email'],
      [
        {
          type: 'RecordHours',
          data: { enrollmentId, moduleId: `${moduleId}\u0000`, mode: 'homework', hours: 1 },
        },
        facilitator(),
        'data.moduleId',
      ],
      [withdraw(), { ...admin(), commandId: 'c\u0000' }, 'commandId'],
    ]
    for (const [command, context, path] of cases) {
      const error = await fixture.refused('InvalidCommand', command, context)
      expect(error.message).toContain(`at ${path}: `)
      expect(error.message).toMatch(/NUL|control character/)
      expectReadable(error.message)
    }
  })

  it.skipIf(kind.skip)('a lone surrogate anywhere is InvalidCommand naming the field', async () => {
    const cases: ReadonlyArray<[unknown, unknown, string]> = [
      [withdraw({ enrollmentId: 'e1\ud800' }), admin(), 'data.enrollmentId'],
      [withdraw({ reason: '\ud800' }), admin(), 'data.reason'],
      [submit({ reflection: 'a\udc00b' }), self(), 'data.reflection'],
      [grade({ feedback: '\udfff' }), assessor(), 'data.feedback'],
      [educatorWith({ name: 'Ben \ud83d' }), admin(), 'data.educator.name'],
    ]
    for (const [command, context, path] of cases) {
      const error = await fixture.refused('InvalidCommand', command, context)
      expect(error.message).toContain(`at ${path}: `)
      expect(error.message).toContain('lone surrogate')
      expectReadable(error.message)
    }
  })

  it.skipIf(kind.skip)(
    'a NUL or a lone surrogate in a key of scores is InvalidCommand',
    async () => {
      for (const key of ['a\u0000', '\u0000', 'q\ud800', 'x'.repeat(300), megabytes(1)]) {
        const scores = { ...grade().data.scores, [key]: 1 }
        const error = await fixture.refused('InvalidCommand', grade({ scores }), assessor())
        expect(error.message).toContain('at data.scores.')
        expectReadable(error.message)
      }
    },
  )

  it.skipIf(kind.skip)('control characters in an id are InvalidCommand', async () => {
    for (const id of ['e1\n', 'e\u001b[2J1', 'e1\u007f', 'e1\u0085', '\u202eenil', ' e1', '']) {
      const error = await fixture.refused('InvalidCommand', withdraw({ enrollmentId: id }), admin())
      expect(error.message).toContain('at data.enrollmentId: ')
      expectReadable(error.message)
    }
  })

  it.skipIf(kind.skip)('many bad fields give a short message that says how many more', async () => {
    const scores = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}\u0000`, -1]))
    const error = await fixture.refused('InvalidCommand', grade({ scores }), assessor())
    expectReadable(error.message)
    expect(error.message).toMatch(/and \d+ more/)
    expect((error as unknown as { issues: unknown[] }).issues.length).toBeLessThanOrEqual(50)
  })
})
