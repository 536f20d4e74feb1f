/**
 * The commands run in process against in-memory stores: what they print, what they write, and
 * their exit codes. The real entry with PGlite is driven in main.test.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { lines, portable } from './event-lines.js'
import { fakeCli } from './fake-environment.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-cli-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const file = (name: string) => path.join(dir, name)
const linesOf = (name: string) => lines(file(name))

describe('microcred demo, status, export, import, replay (in memory)', () => {
  const { run, stores, open } = fakeCli()

  it('demo writes the cohort through the handler and prints its report', async () => {
    const { code, out, err } = await run('demo', '--educators', '8', '--store', 'a')
    expect({ code, err }).toEqual({ code: 0, err: '' })
    expect(out).toContain("Writing cohort 'steam-2026-27' (8 educators")
    expect(out).toMatch(
      /Refused by the rules:\n {2}RecordHours by facilitator-nguyen \(InvalidHours\)/,
    )
    expect(out).toMatch(
      /steam-2026-27-07 +│ Grace Park +│ 21\/30 +│ 31\.5\/45 +│ 17\.5\/30 .*Withdrawn/,
    )
    expect(out).toMatch(/Earned +│ 7 /)
    expect(out).toMatch(/Withdrawn +│ 1 /)
    expect(out).toMatch(/Salary points granted +│ 21 /)
    expect(await stores.get('a')?.streamVersion('enrollment-steam-2026-27-08')).toBeGreaterThan(0)
    expect(open()).toBe(0)
  })

  it('demo run again shows the stored cohort and writes nothing', async () => {
    const before = await stores.get('a')?.streamVersion('enrollment-steam-2026-27-01')
    const { code, out } = await run('demo', '--educators', '8', '--store', 'a')
    expect(code).toBe(0)
    expect(out).toContain("already holds cohort 'steam-2026-27' (8 of its 8 enrollments)")
    expect(out).not.toContain('Refused by the rules')
    expect(out).toMatch(/Earned +│ 7 /)
    expect(await stores.get('a')?.streamVersion('enrollment-steam-2026-27-01')).toBe(before)
  })

  it('demo --cohort writes another cohort next to the first', async () => {
    const { code, out } = await run('demo', '--educators', '2', '--cohort', 'b', '--store', 'a')
    expect(code).toBe(0)
    expect(out).toContain("Writing cohort 'b' (2 educators")
    expect(await stores.get('a')?.streamVersion('enrollment-b-02')).toBeGreaterThan(0)
  })

  it('status prints one enrollment, and an unknown one is an error (exit 1)', async () => {
    const shown = await run('status', 'steam-2026-27-07', '--store', 'a')
    expect(shown.code).toBe(0)
    expect(shown.out).toContain('Enrollment steam-2026-27-07: Grace Park <grace.park@lausd.net>')
    expect(shown.out).toContain('Program steam version 1, cohort steam-2026-27: withdrawn')
    expect(shown.out).toMatch(/Total +│ 21\/30 +│ 31\.5\/45 +│ 17\.5\/30/)
    const missing = await run('status', 'nobody', '--store', 'a')
    expect(missing).toEqual({
      code: 1,
      out: '',
      err: "microcred: there is no enrollment 'nobody' in the memory store 'a'\n",
    })
  })

  it('export, import into an empty store and export again give the same events', async () => {
    expect((await run('export', file('a.ndjson'), '--store', 'a')).code).toBe(0)
    const imported = await run('import', file('a.ndjson'), '--store', 'c')
    expect(imported.code).toBe(0)
    expect(imported.out).toMatch(/^Imported [\d,]+ events of 10 streams/)
    expect((await run('export', file('c.ndjson'), '--store', 'c')).code).toBe(0)
    expect(linesOf('c.ndjson').map(portable)).toEqual(linesOf('a.ndjson').map(portable))
    expect(linesOf('c.ndjson').map((line) => JSON.parse(line).position)).toEqual(
      linesOf('c.ndjson').map((_, i) => i + 1),
    )
  })

  it('import into a store that holds those streams is a conflict and writes nothing', async () => {
    const before = (await run('export', file('before.ndjson'), '--store', 'c')).code
    const again = await run('import', file('a.ndjson'), '--store', 'c')
    expect(before).toBe(0)
    expect(again.code).toBe(1)
    expect(again.err).toMatch(
      /^microcred: the memory store 'c' already holds 10 streams of .*a\.ndjson \(importing twice\?\); nothing was imported\n {2}stream 'enrollment-steam-2026-27-01': the file starts at version 1, the store holds it at version \d+\n/,
    )
    await run('export', file('after.ndjson'), '--store', 'c')
    expect(linesOf('after.ndjson')).toEqual(linesOf('before.ndjson'))
  })

  it('import of a file with bad lines names each line and writes nothing', async () => {
    const good = linesOf('a.ndjson')
    const event = JSON.parse(good[3] ?? '{}')
    const hours = JSON.parse(good.find((line) => line.includes('"HoursRecorded"')) ?? '{}')
    const bad = [
      ...good.slice(0, 3),
      '{"streamId": "enrollment-x", "version": 1,', // line 4: not JSON
      JSON.stringify({ ...event, metadata: { ...event.metadata, eventId: '' } }), // 5
      ...good.slice(4, 9),
      '',
      JSON.stringify({ ...hours, data: { ...hours.data, hours: -1 } }), // line 12
    ]
    fs.writeFileSync(file('bad.ndjson'), `${bad.join('\n')}\n`)
    const result = await run('import', file('bad.ndjson'), '--store', 'd')
    expect(result.code).toBe(1)
    const [message, ...details] = result.err.trimEnd().split('\n')
    expect(message).toMatch(
      /^microcred: 3 lines of .*bad\.ndjson are not good events; nothing was imported$/,
    )
    expect(details).toHaveLength(3)
    expect(details[0]).toMatch(/^ {2}line 4: it is not JSON \(/)
    expect(details[1]).toBe(
      '  line 5: it is not a recorded event: at metadata.eventId: expected a non-empty string, got ""',
    )
    expect(details[2]).toMatch(
      /^ {2}line 12: its 'HoursRecorded' is not an enrollment event: at data\.hours: /,
    )
    expect(stores.has('d')).toBe(false) // the store was not even opened
  })

  it('import reports a single bad line in one sentence', async () => {
    const ofFirst = linesOf('a.ndjson').filter((line) =>
      line.includes('"enrollment-steam-2026-27-01"'),
    )
    fs.writeFileSync(file('one.ndjson'), [ofFirst[0], ofFirst[2]].join('\n'))
    const result = await run('import', file('one.ndjson'), '--store', 'd')
    expect(result).toMatchObject({ code: 1, out: '' })
    expect(result.err).toMatch(
      /^microcred: line 2 of .*one\.ndjson is not a good event: stream 'enrollment-steam-2026-27-01' goes from version 1 to version 3; nothing was imported\n$/,
    )
  })

  it('replay folds an exported file without a store', async () => {
    const opened = stores.size
    const { code, out } = await run('replay', file('a.ndjson'))
    expect(code).toBe(0)
    expect(out).toMatch(/^Replayed [\d,]+ events of 10 streams from .*a\.ndjson in [\d.]+ s\.\n/)
    expect(out).toMatch(/Enrolled +│ 10 /)
    expect(out).toMatch(/Earned +│ 9 /)
    expect(out).toMatch(/Credentials earned +│ 9 /)
    expect(stores.size).toBe(opened)
  })

  it('replay and import of a missing file are data errors', async () => {
    expect(await run('replay', file('nope.ndjson'))).toMatchObject({
      code: 1,
      err: `microcred: cannot read ${file('nope.ndjson')}: there is no such file\n`,
    })
    expect((await run('import', dir)).err).toContain('it is not a file')
  })
})

describe('usage errors exit with 2', () => {
  const { run, stores } = fakeCli()
  it.each([
    [[]],
    [['frobnicate']],
    [['status']],
    [['demo', '--educators', '0']],
    [['demo', '--educators', 'many']],
    [['demo', '--cohort', 'a b']],
    [['demo', '--store', 'x', '--database-url', 'postgres://localhost/x']],
    [['export', 'a.ndjson', 'b.ndjson']],
    [['replay', '--store', 'x', 'a.ndjson']],
  ])('%j', async (args) => {
    const { code, err } = await run(...args)
    expect(code).toBe(2)
    expect(err).not.toBe('')
    expect(stores.size).toBe(0)
  })

  it('--help and --version exit with 0', async () => {
    expect((await run('--help')).out).toContain('demo [options]')
    expect(await run('--version')).toMatchObject({ code: 0, out: '0.0.0-test\n' })
  })
})

describe('choosing the store', () => {
  it('MICROCRED_DATABASE_URL is used when no flag names a store, and a flag beats it', async () => {
    const { run, stores } = fakeCli({ MICROCRED_DATABASE_URL: 'postgres://db/x' })
    await run('status', 'e1')
    await run('demo', '--educators', '1', '--store', 'dir')
    expect([...stores.keys()]).toEqual(['postgres://db/x', 'dir'])
  })

  it('the default is ./.microcred, which a command that only reads does not create', async () => {
    const { run, stores } = fakeCli()
    for (const args of [
      ['status', 'e1'],
      ['export', file('none.ndjson')],
    ]) {
      expect(await run(...args)).toEqual({
        code: 1,
        out: '',
        err: 'microcred: there is no store in ./.microcred: write one with microcred demo or microcred import, or name another with --store\n',
      })
    }
    expect(fs.existsSync(file('none.ndjson'))).toBe(false)
    await run('demo', '--educators', '1')
    expect([...stores.keys()]).toEqual(['./.microcred'])
  })
})
