/**
 * Issue 12, item 8: commands, their nested objects and the command context are exact. An unknown
 * field is an `InvalidCommand` naming the field and where it is (`unknown field 'isAdmin'` at
 * `data.educator`), so nothing unknown reaches an event; a function, a symbol, a BigInt, a cycle,
 * a getter that throws or a proxy is refused the same way, and nothing throws. On every store,
 * with nothing written. Then a property: random junk sent through `handleUnknownCommand` never
 * throws and never writes anything unless it decodes.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CommandContext,
  createInMemoryEventStore,
  enrollment,
  EnrollmentCommand,
  handleUnknownCommand,
  type EventStore,
  type RecordedEvent,
} from 'microcred'
import {
  admin,
  assessor,
  contextOf,
  educator,
  eola,
  enroll,
  enrollmentId,
  facilitator,
  fixtureOn,
  moduleId,
  program,
  self,
  submit,
} from './enrolled.js'
import { changedAt, pathsOf } from '../../src/testing/plant.js'
import { storeKinds } from './stores.js'

const withdraw = (data: Record<string, unknown> = {}) => ({
  type: 'Withdraw',
  data: { enrollmentId, reason: 'Moved schools', ...data },
})

/** An object with a getter that throws when read. */
const throwingGetter = (base: Record<string, unknown>, key: string) =>
  Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get: () => {
      throw new Error('boom')
    },
  })

/** A proxy whose every trap throws. */
const trap = new Proxy(
  {},
  {
    get: () => {
      throw new Error('get')
    },
    ownKeys: () => {
      throw new Error('ownKeys')
    },
    getOwnPropertyDescriptor: () => {
      throw new Error('getOwnPropertyDescriptor')
    },
    has: () => {
      throw new Error('has')
    },
    getPrototypeOf: () => {
      throw new Error('getPrototypeOf')
    },
  },
)

/** A reason that reads valid the first time and 10 MB the next. */
const shapeShifter = () => {
  let reads = 0
  return Object.defineProperty({ enrollmentId }, 'reason', {
    enumerable: true,
    get: () => (++reads === 1 ? 'Moved schools' : 'x'.repeat(10_485_760)),
  })
}

const cyclic = (): Record<string, unknown> => {
  const data: Record<string, unknown> = { enrollmentId, reason: 'Moved' }
  data['self'] = data
  return data
}

describe.each(storeKinds)('exact commands and contexts on $name', (kind) => {
  const fixture = fixtureOn(kind)

  it.skipIf(kind.skip)('an unknown field is InvalidCommand naming it and its path', async () => {
    const educatorWith = { ...educator, id: 'edu-2', isAdmin: true }
    const cases: ReadonlyArray<[unknown, unknown, string, string]> = [
      [enroll({ enrollmentId: 'e2', educator: educatorWith }), admin(), 'data.educator', 'isAdmin'],
      [
        submit({ evidence: [{ kind: 'link', url: 'https://a.example.org', script: 'alert(1)' }] }),
        self(),
        'data.evidence.0',
        'script',
      ],
      [withdraw({ isAdmin: true }), admin(), 'data', 'isAdmin'],
      [{ ...withdraw(), meta: { sudo: true } }, admin(), '(root)', 'meta'],
      [
        enroll({ enrollmentId: 'e2', program: { ...program, owner: 'me' } }),
        admin(),
        'data.program',
        'owner',
      ],
      [
        enroll({
          enrollmentId: 'e2',
          program: {
            ...program,
            courses: program.courses.map((course, i) =>
              i === 0
                ? {
                    ...course,
                    modules: course.modules.map((m) => ({ ...m, hours: { ...m.hours, bonus: 3 } })),
                  }
                : course,
            ),
          },
        }),
        admin(),
        'data.program.courses.0.modules.0.hours',
        'bonus',
      ],
      [withdraw(), { ...admin(), isAdmin: true }, '(root)', 'isAdmin'],
      [withdraw(), { ...admin(), actor: { ...admin().actor, superuser: 1 } }, 'actor', 'superuser'],
      [
        JSON.parse(
          `{"type":"Withdraw","data":{"enrollmentId":"${enrollmentId}","reason":"r","__proto__":{"isAdmin":true}}}`,
        ),
        admin(),
        'data',
        '__proto__',
      ],
    ]
    for (const [command, context, path, field] of cases) {
      const error = await fixture.refused('InvalidCommand', command, context)
      expect(error.message).toContain(`at ${path}: unknown field '${field}'`)
    }
  })

  it.skipIf(kind.skip)(
    'a function, symbol, BigInt, cycle, throwing getter or proxy is InvalidCommand, never thrown',
    async () => {
      const cases: ReadonlyArray<[unknown, unknown]> = [
        [withdraw({ reason: () => 'Moved' }), admin()],
        [withdraw({ callback: () => 'Moved' }), admin()],
        [withdraw({ reason: Symbol('reason') }), admin()],
        [{ ...withdraw(), data: { ...withdraw().data, [Symbol('hidden')]: 1 } }, admin()],
        [withdraw({ reason: 10n }), admin()],
        [withdraw({ reason: [10n, () => 1] }), admin()],
        [{ type: 'Withdraw', data: cyclic() }, admin()],
        [{ type: 'Withdraw', data: throwingGetter({ enrollmentId }, 'reason') }, admin()],
        [{ type: 'Withdraw', data: trap }, admin()],
        [trap, admin()],
        [withdraw(), trap],
        [withdraw(), { ...admin(), actor: trap }],
        [withdraw(), throwingGetter(admin(), 'commandId')],
        [withdraw(), { ...admin(), at: () => '2026-09-10T16:00:00Z' }],
        [{ type: 'Withdraw', data: shapeShifter() }, admin()],
        [withdraw(), { ...admin(), commandId: 10n }],
      ]
      for (const [command, context] of cases) {
        await fixture.refused('InvalidCommand', command, context)
        // `decide` on its own refuses them too, and does not throw either.
        const decided = enrollment.decide(
          command as never,
          enrollment.initialState,
          context as never,
        )
        expect(E.isLeft(decided) && decided.left._tag).toBe('InvalidCommand')
      }
    },
  )

  it.skipIf(kind.skip)('what decodes is stored exactly as sent, nothing more', async () => {
    const before = await fixture.everything()
    const result = await fixture.send(
      {
        type: 'GradeArtifact',
        data: {
          enrollmentId,
          eolaId: eola.id,
          attempt: 1,
          scores: Object.fromEntries(eola.rubric.map((c) => [c.id, c.maxScore])),
          feedback: 'Strong.',
        },
      },
      assessor(),
    )
    expect(E.isRight(result)).toBe(true)
    const added = (await fixture.everything()).slice(before.length)
    expect(added.map((event) => Object.keys(event.data as object).sort())).toEqual([
      ['assessorId', 'at', 'attempt', 'enrollmentId', 'eolaId', 'feedback', 'outcome', 'scores'],
    ])
  })
})

// -------------------------------------------------------------------------------------
// random junk
// -------------------------------------------------------------------------------------

const prototypeNames = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty']

/** Values that do not belong in a command. */
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    ...prototypeNames,
    '\u0000',
    'e1\u0000',
    '\ud800',
    'a\udc00b',
    '\u001b[2J',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'http://plain.example.org/a',
    '',
    ' ',
    'x'.repeat(1_048_576),
    'y'.repeat(20_001),
    Number.NaN,
    Infinity,
    -1,
    0,
    2 ** 53 + 1,
    null,
    undefined,
    true,
    [],
    {},
    10n,
    Symbol('junk'),
    () => 'a function',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.anything({ maxDepth: 2, withBigInt: true, withNullPrototype: true, withObjectString: true }),
)

/** Keys that do not belong in a command's objects. */
const junkKey = fc.oneof(
  fc.constantFrom(...prototypeNames, 'isAdmin', 'script', '\u0000', 'a\u0000b', '\ud800'),
  fc.string({ unit: 'binary', maxLength: 6 }),
)

const validCommands = (id: string) => [
  enroll({ enrollmentId: id }),
  withdraw({ enrollmentId: id }),
  { type: 'RecordHours', data: { enrollmentId: id, moduleId, mode: 'homework', hours: 1 } },
  submit({ enrollmentId: id }),
  {
    type: 'GradeArtifact',
    data: {
      enrollmentId: id,
      eolaId: eola.id,
      attempt: 1,
      scores: Object.fromEntries(eola.rubric.map((c) => [c.id, 1])),
      feedback: '',
    },
  },
]
const contexts = () => [admin(), facilitator(), assessor(), self(), contextOf('x', 'lms')]

/** A valid command or context with a junk value planted at a random place, or a junk field added. */
const plantedIn = (valid: ReadonlyArray<unknown>): fc.Arbitrary<unknown> =>
  fc.constantFrom(...valid).chain((base) => {
    // Not into the program: it is large and checked above.
    const paths = pathsOf(base, (key) => key === 'program')
    return fc.oneof(
      fc
        .tuple(fc.constantFrom(...paths), junkValue)
        .map(([path, junk]) => changedAt(base, path, () => junk)),
      fc
        .tuple(fc.constantFrom(...paths), junkKey, junkValue)
        .map(([path, key, junk]) =>
          changedAt(base, path, (at) =>
            at !== null && typeof at === 'object' ? changedAt(at, [key], () => junk) : at,
          ),
        ),
    )
  })

const sendArbitrary = (id: string) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(plantedIn(validCommands(id)), fc.constantFrom(...contexts())),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...validCommands(id)), plantedIn(contexts())),
    },
    { weight: 1, arbitrary: fc.tuple(junkValue, junkValue) },
  )

/** Sends `sends` after enrolling `id`; each that is refused must leave the store as it was. */
const checkSends = async (
  store: EventStore,
  id: string,
  sends: ReadonlyArray<[unknown, unknown]>,
) => {
  const everything = async () => {
    const all: RecordedEvent[] = []
    for await (const event of store.readAll()) all.push(event)
    return all
  }
  await handleUnknownCommand(store, enrollment, enroll({ enrollmentId: id }), admin())
  for (const [command, context] of sends) {
    const before = await everything()
    const result = await handleUnknownCommand(store, enrollment, command, context)
    if (E.isLeft(result)) {
      expect(await everything()).toEqual(before)
    } else {
      expect(EnrollmentCommand.is(command)).toBe(true)
      expect(CommandContext.is(context)).toBe(true)
    }
  }
}

describe('random junk through handleUnknownCommand', () => {
  it('never throws and never writes unless it decodes (in memory)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sendArbitrary('e1'), { minLength: 1, maxLength: 5 }), (sends) =>
        checkSends(createInMemoryEventStore(), 'e1', sends),
      ),
      { numRuns: 300 },
    )
  })

  const pglite = storeKinds.find((kind) => kind.name === 'PGlite')
  it.skipIf(pglite === undefined)(
    'never throws and never writes unless it decodes (PGlite)',
    async () => {
      const opened = await (pglite as NonNullable<typeof pglite>).open()
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.nat().chain((n) =>
              fc.array(sendArbitrary(`run-${n}`), { minLength: 1, maxLength: 3 }).map((sends) => ({
                id: `run-${n}`,
                sends,
              })),
            ),
            ({ id, sends }) => checkSends(opened.store, id, sends),
          ),
          { numRuns: 30 },
        )
      } finally {
        await opened.cleanup()
      }
    },
  )
})
