/**
 * The coordinator's commands refuse hostile input through the command codec, with the API's tag
 * and a message naming the field (exit 1), and plainly wrong option values as usage errors
 * (exit 2); in both cases nothing is written. NUL bytes, `__proto__` ids (an enrollment, a
 * module, a rubric criterion), a 1 MB reflection, a NUL in the actor's id.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { catalog, type EventStore } from 'microcred'
import { fakeCli } from './fake-environment.js'

const { run, stores } = fakeCli()
const at = ['--at', '2026-09-08T16:00:00Z', '--store', 'a']
const cli = (...args: string[]) => run(...args, ...at)
const as = (actor: string, role: string) => ['--actor', actor, '--role', role]
const admin = as('admin-rivera', 'administrator')
const lms = as('lms-schoology', 'lms')
const educator = as('educator-01', 'educator')
const assessor = as('assessor-okafor', 'assessor')
const eola1 = catalog.steam.eolas[0]
const enroll = (enrollmentId: string, ...extra: string[]) =>
  cli(
    'enroll',
    enrollmentId,
    '--educator',
    'educator-01',
    '--name',
    'Maria Lopez',
    '--email',
    'maria.lopez@lausd.net',
    '--cohort',
    'steam-2026-27',
    '--program',
    'steam',
    ...admin,
    ...extra,
  )
const store = (): EventStore => {
  const a = stores.get('a')
  if (a === undefined) throw new Error('no store a')
  return a
}
const eventCount = async () => {
  let n = 0
  for await (const event of store().readAll()) n += event.position > 0 ? 1 : 0
  return n
}

beforeAll(async () => {
  expect((await enroll('e1')).code).toBe(0)
  expect((await enroll('e2')).code).toBe(0)
})

describe('hostile input is refused by the codec, and nothing is written', () => {
  const submit = (reflection: string, ...extra: string[]) =>
    cli(
      'submit',
      'e2',
      '--eola',
      eola1?.id ?? '',
      '--evidence',
      'https://a.org',
      '--reflection',
      reflection,
      ...educator,

      ...extra,
    )

  it('a NUL byte, a __proto__ id, a 1 MB reflection, a NUL in the actor', async () => {
    const before = await eventCount()
    const nul = await submit('What\u0000happened')
    expect(nul.code).toBe(1)
    expect(nul.err).toMatch(
      /^microcred: SubmitArtifact refused \(InvalidCommand\): .*data\.reflection/,
    )
    expect(nul.err).toContain('NUL')

    const proto = await enroll('__proto__')
    expect(proto.code).toBe(1)
    expect(proto.err).toMatch(/^microcred: Enroll refused \(InvalidCommand\): .*data\.enrollmentId/)
    const protoScore = await cli(
      'grade',
      'e1',
      '--eola',
      eola1?.id ?? '',
      '--attempt',
      '9',
      '--score',
      '__proto__=3',
      ...assessor,
    )
    expect(protoScore.code).toBe(1)
    expect(protoScore.err).toMatch(/\(InvalidCommand\): .*data\.scores/)
    const protoModule = await cli(
      'record-hours',
      'e1',
      '--module',
      '__proto__',
      '--mode',
      'online',
      '--hours',
      '1',
      ...lms,
    )
    expect(protoModule.err).toMatch(/\(InvalidCommand\): .*data\.moduleId/)

    const huge = await submit('x'.repeat(1_000_000))
    expect(huge.code).toBe(1)
    expect(huge.err).toMatch(/\(InvalidCommand\): .*data\.reflection/)
    expect(huge.err.length).toBeLessThan(2_000)

    const actor = await cli('withdraw', 'e2', '--reason', 'x', '--actor', 'admin\u0000')
    expect(actor.code).toBe(1)
    expect(actor.err).toMatch(/\(InvalidCommand\): invalid command context: .*actor\.id/)
    expect(await eventCount()).toBe(before)
  })

  it('usage errors exit with 2 and write nothing', async () => {
    const before = await eventCount()
    const cases: string[][] = [
      ['record-hours', 'e1', '--module', 'm', '--mode', 'hybrid', '--hours', '1', ...lms],
      ['record-hours', 'e1', '--module', 'm', '--mode', 'online', '--hours', 'abc', ...lms],
      [
        'record-hours',
        'e1',
        '--module',
        'm',
        '--mode',
        'online',
        '--hours',
        '1',
        '--actor',
        'x',
        '--role',
        'principal',
      ],
      ['record-hours', 'e1', '--module', 'm', '--mode', 'online', '--hours', '1'], // no actor
      [
        'enroll',
        'e9',
        '--educator',
        'x',
        '--name',
        'X',
        '--email',
        'x@y.org',
        '--cohort',
        'c',
        '--program',
        'nope',
        ...admin,
      ],
      ['grade', 'e1', '--eola', 'x', '--attempt', '0', '--score', 'a=1', ...assessor],
      [
        'grade',
        'e1',
        '--eola',
        'x',
        '--attempt',
        '1',
        '--score',
        'a=1',
        '--score',
        'a=2',
        ...assessor,
      ],
      ['grade', 'e1', '--attempt', '1', ...assessor],
      ['submit', 'e1', '--capstone', '--reflection', 'r', ...educator],
      ['withdraw', 'e1', ...admin],
      ['revoke', 'e1', '--reason', 'r', '--at', 'yesterday', ...admin],
    ]
    for (const args of cases) {
      const result = await cli(...args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.err, args.join(' ')).toMatch(/^microcred: /)
    }
    expect(await eventCount()).toBe(before)
  })
})
