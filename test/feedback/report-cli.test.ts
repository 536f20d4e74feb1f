/**
 * `microcred report feedback` run in process on a store where one cohort of 5 answered and one of
 * 3 did: the table, CSV and JSON show the first and only that the second is suppressed, never a
 * comment or an id of it; usage and data errors name what to do.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  enrollment,
  feedback,
  handleCommand,
  type EventStore,
} from '../../src/index.js'
import { fakeCli } from '../cli/fake-environment.js'

const seed = async (store: EventStore) => {
  const admin = { id: 'admin-1', roles: ['administrator' as const] }
  const people = [
    ...['a-1', 'a-2', 'a-3', 'a-4', 'a-5'].map((id) => [id, 'steam-a'] as const),
    ...['b-1', 'b-2', 'b-3'].map((id) => [id, 'steam-b'] as const),
  ]
  for (const [id, cohortId] of people) {
    const enrolled = await handleCommand(
      store,
      enrollment,
      {
        type: 'Enroll',
        data: {
          enrollmentId: `enr-${id}`,
          educator: { id, name: 'Educator', email: 'educator@lausd.net' },
          cohortId,
          program: catalog.steam,
        },
      },
      { actor: admin, at: '2026-09-01T16:00:00Z', commandId: `enroll-${id}` },
    )
    const answered = await handleCommand(
      store,
      feedback,
      {
        type: 'SubmitFeedback',
        data: {
          cohortId,
          survey: { kind: 'endOfCourse', courseId: 'steam-fa' },
          educatorId: id,
          answers: { understanding: 4, 'professional-growth': 5, 'second-micro-credential': 1 },
          comment: `=HYPERLINK("x") from ${id}`,
        },
      },
      { actor: { id, roles: ['educator'] }, at: '2027-01-15T16:00:00Z', commandId: `fb-${id}` },
    )
    expect([E.isRight(enrolled), E.isRight(answered)]).toEqual([true, true])
  }
}

const setUp = async () => {
  const cli = fakeCli()
  const store = createInMemoryEventStore()
  await seed(store)
  cli.stores.set('fb', store)
  return cli
}

describe('microcred report feedback', () => {
  it('prints the table: a cohort of 5 with its shares, a cohort of 3 suppressed', async () => {
    const cli = await setUp()
    const ran = await cli.run('report', 'feedback', '--store', 'fb', '--as-of', '2027-02-01')
    expect({ code: ran.code, err: ran.err }).toEqual({ code: 0, err: '' })
    expect(ran.out).toMatch(/Participant feedback, as of 2027-02-01/)
    expect(ran.out).toMatch(/steam-a .*end of course steam-fa .*5 .*100% .*100% .*0%/)
    expect(ran.out).toMatch(/steam-b .*end of course steam-fa .*suppressed/)
    expect(ran.out).toMatch(/all cohorts .*end of course steam-fa .*5 /)
    expect(ran.out).not.toMatch(/HYPERLINK|b-1/)
  })

  it('writes JSON with the comments of published groups only, and CSV without formulas', async () => {
    const cli = await setUp()
    const json = await cli.run('report', 'feedback', '--store', 'fb', '--format', 'json')
    expect(json.code).toBe(0)
    const programs = JSON.parse(json.out) as Array<{
      cohorts: Array<{ surveys: Array<{ group: unknown }> }>
    }>
    expect(programs[0]?.cohorts[1]?.surveys[0]?.group).toEqual({
      suppressed: true,
      minimumGroupSize: 5,
    })
    expect(json.out).toMatch(/from a-1/)
    expect(json.out).not.toMatch(/from b-|"a-1"/)
    const csv = await cli.run('report', 'feedback', '--store', 'fb', '--format', 'csv')
    expect(csv.out.split('\n')[0]).toBe(
      'program,cohort,survey,suppressed,responses,understanding top share,professional-growth top share,second-micro-credential top share',
    )
    expect(csv.out).toMatch(/steam,steam-b,end of course steam-fa,yes,,,,/)
  })

  it('takes a larger minimum, refuses one under 5, and names the programs it holds', async () => {
    const cli = await setUp()
    const six = await cli.run('report', 'feedback', '--store', 'fb', '--minimum-group-size', '6')
    expect(six.out).toMatch(/steam-a .*suppressed/)
    const four = await cli.run('report', 'feedback', '--store', 'fb', '--minimum-group-size', '4')
    expect(four.code).not.toBe(0)
    expect(four.err).toMatch(/5 or more/)
    const other = await cli.run('report', 'feedback', '--store', 'fb', '--program', 'dual-language')
    expect(other.code).not.toBe(0)
    expect(other.err).toMatch(/no survey response of program 'dual-language'.*it holds 'steam'/)
  })
})
