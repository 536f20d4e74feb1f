/**
 * The real `microcred` entry, run as users run it (`node --import tsx src/cli/main.ts ...`),
 * against embedded PGlite stores in a temporary directory, and against a PostgreSQL server when
 * DATABASE_URL is set. Each process that opens a store costs a PGlite start (seconds, and
 * several more for a new directory), so the steps share their stores and run in order.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { lines, portable } from './event-lines.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-main-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const at = (name: string) => path.join(dir, name)

/** Runs `microcred ...args`; never rejects: the exit code is part of the answer. */
const microcred = (...args: string[]) =>
  new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const env = { ...process.env, MICROCRED_DATABASE_URL: '' }
    const options = { cwd: root, env, timeout: 120_000, maxBuffer: 1 << 26 }
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      options,
      (e, out, err) =>
        resolve({ code: e === null ? 0 : typeof e.code === 'number' ? e.code : -1, out, err }),
    )
  })

const slow = 180_000

describe('microcred on embedded PGlite stores', () => {
  const a = ['--store', at('a')]
  const b = ['--store', at('b')]

  it('demo writes a small cohort and prints its table', { timeout: slow }, async () => {
    const { code, out, err } = await microcred('demo', '--educators', '3', ...a)
    expect({ code, err }).toEqual({ code: 0, err: '' })
    expect(out).toContain(`to the embedded PGlite store in ${at('a')}`)
    expect(out).toMatch(
      /steam-2026-27-03 +│ Aisha Johnson +│ 30\/30 +│ 45\/45 +│ 30\/30 +│ 6\/6 +│ 5\/5 +│ Meets +│ Earned/,
    )
    expect(out).toMatch(/Salary points granted +│ 9 /)
  })

  it(
    'demo run again on the same store shows the cohort and exits 0',
    { timeout: slow },
    async () => {
      const { code, out } = await microcred('demo', '--educators', '3', ...a)
      expect(code).toBe(0)
      expect(out).toContain("already holds cohort 'steam-2026-27' (3 of its 3 enrollments)")
      expect(out).toMatch(/Earned +│ 3 /)
    },
  )

  it('status prints one enrollment', { timeout: slow }, async () => {
    const { code, out } = await microcred('status', 'steam-2026-27-02', ...a)
    expect(code).toBe(0)
    expect(out).toContain('Enrollment steam-2026-27-02: James Kim <james.kim@lausd.net>')
    expect(out).toMatch(/Total +│ 30\/30 +│ 45\/45 +│ 30\/30/)
  })

  it('export writes every event in global order', { timeout: slow }, async () => {
    const { code, out } = await microcred('export', at('a.ndjson'), ...a)
    expect(code).toBe(0)
    expect(out).toMatch(/^Exported 159 events of 3 streams from the embedded PGlite store/)
    const positions = lines(at('a.ndjson')).map((line) => JSON.parse(line).position as number)
    expect(positions).toEqual([...positions].sort((x, y) => x - y))
  })

  it(
    'import of a file with a bad line names it, exits 1 and writes nothing',
    { timeout: slow },
    async () => {
      const good = lines(at('a.ndjson'))
      const rename = (line: string) => line.replace(/"type":"\w+"/, '"type":"HoursLogged"')
      const bad = good.map((line, i) => (i === 41 ? rename(line) : line))
      fs.writeFileSync(at('bad.ndjson'), `${bad.join('\n')}\n`)
      const { code, out, err } = await microcred('import', at('bad.ndjson'), ...a)
      expect({ code, out }).toEqual({ code: 1, out: '' })
      expect(err).toMatch(
        /^microcred: line 42 of .*bad\.ndjson is not a good event: its 'HoursLogged' is not an enrollment event: at .*; nothing was imported\n$/,
      )
      expect((await microcred('export', at('a-after.ndjson'), ...a)).code).toBe(0)
      expect(lines(at('a-after.ndjson'))).toEqual(good)
    },
  )

  it(
    'export, import into a new store, export again: the same events',
    { timeout: slow },
    async () => {
      const imported = await microcred('import', at('a.ndjson'), ...b)
      expect(imported).toMatchObject({ code: 0, err: '' })
      expect(imported.out).toMatch(
        /^Imported 159 events of 3 streams from .* into the embedded PGlite store/,
      )
      expect((await microcred('export', at('b.ndjson'), ...b)).code).toBe(0)
      expect(lines(at('b.ndjson')).map(portable)).toEqual(lines(at('a.ndjson')).map(portable))
    },
  )

  it('replay folds an exported file without a store', { timeout: slow }, async () => {
    const { code, out } = await microcred('replay', at('a.ndjson'))
    expect(code).toBe(0)
    expect(out).toMatch(/^Replayed 159 events of 3 streams/)
    expect(out).toMatch(/Hours credited +│ 315 \(face-to-face 90, online 135, homework 90\)/)
    expect(out).toMatch(/Credentials earned +│ 3 /)
  })

  it('a usage error exits 2 with one sentence', { timeout: slow }, async () => {
    const { code, out, err } = await microcred('demo', '--educators', 'lots', ...a)
    expect({ code, out }).toEqual({ code: 2, out: '' })
    expect(err).toMatch(/^microcred: option '--educators <n>' argument 'lots' is invalid\./)
  })
})

const databaseUrl = process.env['DATABASE_URL']

describe.skipIf(databaseUrl === undefined)(
  'microcred on a PostgreSQL server (DATABASE_URL)',
  () => {
    const schema = `microcred_cli_${randomUUID().replaceAll('-', '').slice(0, 12)}`
    const server = ['--database-url', databaseUrl ?? '', '--schema', schema]
    afterAll(async () => {
      const { default: pg } = await import('pg')
      const pool = new pg.Pool({ connectionString: databaseUrl })
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await pool.end()
    })

    it(
      'writes the demo, shows an enrollment, exports, and refuses to import twice',
      { timeout: slow },
      async () => {
        const demo = await microcred('demo', '--educators', '2', ...server)
        expect(demo).toMatchObject({ code: 0, err: '' })
        expect(demo.out).toContain(`to the PostgreSQL store at`)
        expect(demo.out).toContain(`(schema ${schema})`)
        const status = await microcred('status', 'steam-2026-27-02', ...server)
        expect(status.out).toContain('Enrollment steam-2026-27-02: James Kim')
        expect((await microcred('export', at('server.ndjson'), ...server)).code).toBe(0)
        expect(lines(at('server.ndjson')).length).toBeGreaterThan(0)
        const again = await microcred('import', at('server.ndjson'), ...server)
        expect(again.code).toBe(1)
        expect(again.err).toContain('(importing twice?); nothing was imported')
      },
    )
  },
)
