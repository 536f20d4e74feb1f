/**
 * `microcred erase <educatorId>`: on a real embedded store opened as the command line opens it
 * (personal data protected by default), the demo's first educator is erased: `status` shows the
 * placeholders, the stored rows (read with SQL once the command has closed the directory) and an
 * export hold neither their name nor their email, their key row is gone, the audit still passes,
 * and erasing again says so. Refused: an unknown educator, a store opened without protection,
 * and an enrollment stored in clear before protection (the key is still deleted, and the command
 * says what it cannot remove).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  createInMemoryPersonalDataKeys,
  enrollment,
  handleCommand,
  personalDataPlaceholders,
  protectPersonalData,
  type EventStore,
} from 'microcred'
import { run } from '../../src/cli/command-line.js'
import type { CliEnvironment } from '../../src/cli/environment.js'
import { openPostgresStore } from '../../src/cli/open-store.js'
import { cliOn } from './store-cli.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-erase-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Runs a command line with the real store opener. */
const microcred = async (...args: string[]) => {
  let out = ''
  let err = ''
  const cli: CliEnvironment = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += text),
    progressStream: new PassThrough(),
    env: {},
    signal: new AbortController().signal,
    openStore: openPostgresStore,
  }
  const code = await run(args, cli, '0.0.0-test')
  return { code, out, err }
}

/** Every stored row and key row of an embedded store, read with SQL. */
const storedText = async (directory: string) => {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = new PGlite(directory)
  try {
    const events = await db.query<{ text: string }>(
      "SELECT coalesce(string_agg(data::text || metadata::text, E'\\n'), '') AS text FROM microcred.events",
    )
    const keys = await db.query<{ educator_id: string }>(
      'SELECT educator_id FROM microcred.personal_data_keys ORDER BY educator_id',
    )
    return {
      events: events.rows[0]?.text ?? '',
      keyOwners: keys.rows.map((row) => row.educator_id),
    }
  } finally {
    await db.close()
  }
}

describe('microcred erase on an embedded store', () => {
  const store = ['--store', path.join(dir, 'store')]
  const slow = 180_000

  it(
    "erases the demo's first educator: status, the stored rows and an export no longer hold their name or email",
    async () => {
      expect((await microcred('demo', '--educators', '2', ...store)).code).toBe(0)
      const before = await microcred('status', 'steam-2026-27-01', ...store)
      expect(before.out).toContain('Maria Lopez <maria.lopez@lausd.net>')
      const stored = await storedText(path.join(dir, 'store'))
      expect(stored.events).not.toContain('Maria Lopez')
      expect(stored.events).not.toContain('maria.lopez@lausd.net')
      expect(stored.keyOwners).toEqual(['educator-01', 'educator-02'])

      const erased = await microcred('erase', 'educator-01', ...store)
      expect(erased.err).toBe('')
      expect(erased.code).toBe(0)
      expect(erased.out).toMatch(
        /^Erased the personal data of educator educator-01 in the embedded PGlite store in .*: \d+ events of 1 enrollment \(enrollment-steam-2026-27-01\) now read "\[personal data removed\]"/,
      )

      const after = await microcred('status', 'steam-2026-27-01', ...store)
      expect(after.code).toBe(0)
      expect(after.out).toContain(
        `${personalDataPlaceholders.text} <${personalDataPlaceholders.email}>`,
      )
      expect(after.out).toContain(': earned')
      const other = await microcred('status', 'steam-2026-27-02', ...store)
      expect(other.out).toContain('James Kim <james.kim@lausd.net>') // only theirs is erased

      const file = path.join(dir, 'after.ndjson')
      expect((await microcred('export', file, ...store)).code).toBe(0)
      const exported = fs.readFileSync(file, 'utf8')
      expect(exported).not.toContain('maria.lopez')
      expect(exported).toContain('james.kim@lausd.net') // an export is in clear: see the docs
      expect((await microcred('audit', ...store)).code).toBe(0)

      const again = await microcred('erase', 'educator-01', ...store)
      expect(again.code).toBe(0)
      expect(again.out).toMatch(/^The personal data of educator educator-01 .* was erased already/)
      const rows = await storedText(path.join(dir, 'store'))
      expect(rows.keyOwners).toEqual(['educator-02'])
      expect(rows.events).not.toContain('Maria Lopez')
    },
    slow,
  )

  it(
    'refuses an educator no enrollment names, and an enrollment id given for an educator',
    async () => {
      for (const id of ['educator-99', 'steam-2026-27-02']) {
        const refused = await microcred('erase', id, ...store)
        expect(refused.code).toBe(1)
        expect(refused.err).toBe(
          `microcred: there is no educator '${id}' in the embedded PGlite store in ${path.join(dir, 'store')} (schema microcred): no enrollment names them (give the id of an educator, such as edu-1, not of an enrollment); nothing was erased\n`,
        )
      }
      expect((await storedText(path.join(dir, 'store'))).keyOwners).toEqual(['educator-02'])
    },
    slow,
  )
})

describe('microcred erase refuses what it cannot do', () => {
  const educator = { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' }
  const enroll = (store: EventStore, enrollmentId: string) =>
    handleCommand(
      store,
      enrollment,
      {
        type: 'Enroll',
        data: { enrollmentId, educator, cohortId: 'steam-2026', program: catalog.steam },
      },
      {
        actor: { id: 'admin-1', roles: ['administrator'] },
        at: '2026-09-01T16:00:00Z',
        commandId: `enroll-${enrollmentId}`,
      },
    )

  it('a store opened without protection has no keys to erase', async () => {
    const raw = createInMemoryEventStore()
    expect(E.isRight(await enroll(raw, 'e1'))).toBe(true)
    const refused = await cliOn(() => raw)('erase', 'edu-1')
    expect(refused.code).toBe(1)
    expect(refused.err).toBe(
      'microcred: the store under test is not opened with personal data protection, so it has no keys to erase\n',
    )
  })

  it('an enrollment stored in clear: the key is deleted, and the command says what stays', async () => {
    const raw = createInMemoryEventStore()
    const keys = createInMemoryPersonalDataKeys()
    expect(E.isRight(await enroll(raw, 'before'))).toBe(true) // before protection
    expect(E.isRight(await enroll(protectPersonalData(raw, keys), 'after'))).toBe(true)
    const result = await cliOn(() => protectPersonalData(raw, keys))('erase', 'edu-1')
    expect(result.code).toBe(1)
    expect(result.err).toBe(
      "microcred: the name and email of educator 'edu-1' are stored in clear in 1 enrollment (written before personal data was protected, or without it): deleting a key cannot remove them. Their key is deleted; see docs/personal-data.md for what to do with rows stored in clear\n" +
        '  enrollment-before: stored in clear\n',
    )
    expect(await keys.find('edu-1')).toBeUndefined()
  })

  it('a hostile id is shown escaped and cut short', async () => {
    const store = protectPersonalData(createInMemoryEventStore(), createInMemoryPersonalDataKeys())
    const refused = await cliOn(() => store)('erase', `\u001b[31m${'x'.repeat(5000)}`)
    expect(refused.code).toBe(1)
    expect(refused.err).not.toContain('\u001b')
    expect(refused.err.length).toBeLessThan(600)
  })
})
