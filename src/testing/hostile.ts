/**
 * Hostile input: the values an attacker or a careless integration sends where the library expects
 * an id, a number or a record, and commands with one of them planted somewhere, so a district's
 * boundary code can be property-tested against what microcred itself must refuse.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import type { EnrollmentCommand } from '../enrollment/commands.js'
import type { Program } from '../program/program.js'
import { commandArbitrary } from './noise.js'
import { changedAt, pathsOf } from './plant.js'

/** Names of `Object.prototype` members, which must never work as ids or record keys. */
const prototypeNames = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty']

/** A string made of arbitrary UTF-16 code units: lone surrogates, NUL and control characters. */
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  maxLength: 12,
})

/**
 * Values that do not belong in a command: `Object.prototype` names, NUL bytes, lone surrogates,
 * terminal escapes, `javascript:` and `data:` URLs, non-finite and negative numbers, strings of a
 * megabyte, `null`, `undefined`, functions, symbols, arrays and objects where scalars belong.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { hostileValueArbitrary } from 'microcred/testing'
 * const seen = fc.sample(hostileValueArbitrary(), { numRuns: 200, seed: 7 })
 * assert.ok(seen.some((value) => value === '__proto__'))
 * assert.ok(seen.some((value) => typeof value === 'function'))
 */
export const hostileValueArbitrary = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...prototypeNames),
    fc.constantFrom(
      '\u0000',
      'e1\u0000',
      '\ud800',
      'a\udc00b',
      '\u001b[2J\u001b[31mpwned',
      '\u202egnp.exe',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://evidence.example.org/plain-http',
      "'; DROP TABLE events; --",
      '',
      '   ',
    ),
    fc.constant('x'.repeat(1_048_576)),
    codeUnits,
    fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 0, 1e308, 0.1 + 0.2, 2 ** 53 + 1),
    fc.constantFrom(null, undefined, true, [], {}, [1, 2], { __proto__: { isAdmin: true } }),
    fc.constant(() => 'a function'),
    fc.constant(Symbol('a symbol')),
  )

/** What a hostile command does to a valid one at a random place. */
type Mutation =
  | { readonly kind: 'replace'; readonly value: unknown }
  | { readonly kind: 'addField'; readonly key: string; readonly value: unknown }

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: hostileValueArbitrary().map((value): Mutation => ({ kind: 'replace', value })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('addField'),
      key: fc.oneof(
        fc.constantFrom(...prototypeNames, 'isAdmin', 'script', '\u0000', 'a\u0000key', '\ud800'),
        codeUnits,
      ),
      value: fc.oneof(fc.constant(true), hostileValueArbitrary()),
    }) as fc.Arbitrary<Mutation>,
  },
)

const apply = (target: unknown, mutation: Mutation): unknown => {
  if (mutation.kind === 'replace') return mutation.value
  if (target === null || typeof target !== 'object') return target
  return changedAt(target, [mutation.key], () => mutation.value)
}

/**
 * Enrollment commands about `program` (as `commandArbitrary` makes them, or an `Enroll` in the
 * program) with one hostile change at a random place: a value replaced by one of
 * `hostileValueArbitrary`'s, or an unknown field (`isAdmin`, `__proto__`, a NUL key) added to an
 * object. Most are refused; whatever is sent, nothing may throw, nothing may be half written, and
 * every store must answer the same.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { catalog, EnrollmentCommand } from 'microcred'
 * import { hostileCommandArbitrary } from 'microcred/testing'
 * const commands = fc.sample(hostileCommandArbitrary(catalog.steam, 'e1'), { numRuns: 50, seed: 1 })
 * assert.ok(commands.some((command) => !EnrollmentCommand.is(command)))
 */
export const hostileCommandArbitrary = (
  program: Program,
  enrollmentId: string,
): fc.Arbitrary<unknown> => {
  const enroll: EnrollmentCommand = {
    type: 'Enroll',
    data: {
      enrollmentId,
      educator: { id: 'educator-1', name: 'Ana Ruiz', email: 'ana@example.org' },
      cohortId: 'cohort-1',
      program,
    },
  }
  const valid = fc.oneof(
    { weight: 1, arbitrary: fc.constant(enroll) },
    { weight: 4, arbitrary: commandArbitrary(program, enrollmentId) },
  )
  return valid.chain((command) => {
    const paths = pathsOf(command)
    return fc
      .tuple(fc.nat({ max: paths.length - 1 }), mutationArbitrary)
      .map(([i, mutation]) =>
        changedAt(command, paths[i] ?? [], (target) => apply(target, mutation)),
      )
  })
}
