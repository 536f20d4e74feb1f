/**
 * Issue 12, item 14: terminal escapes. Whatever the command prints that came from input (a
 * file's contents, ids, names, a badge's fields, error messages quoting them, a command-line
 * argument) has its control characters escaped: ESC, CR, BEL, backspace, C1 controls,
 * bidirectional overrides, invisible characters, lone surrogates. Nothing reaches the terminal
 * raw, and the escape shows what was there.
 */
import fs from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { catalog, enrollment, handleCommand } from 'microcred'
import { cliOn, eventLines, scratchDirectory, type Ran } from '../cli/store-cli.js'
import { fixtureOn } from './enrolled.js'
import { storeKinds } from './stores.js'

// Starting PGlite takes seconds, more on a busy machine.
vi.setConfig({ hookTimeout: 60_000 })

const file = scratchDirectory('microcred-terminal-')

/** What a terminal would obey: C0 but the line feed, DEL, C1, bidi controls, separators. */
const obeyed =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/

/** Nothing raw in what the command printed; `shown` (escaped) in it. */
const expectEscaped = ({ out, err }: Ran, ...shown: string[]) => {
  const printed = out + err
  expect(printed).not.toMatch(obeyed)
  expect(printed.isWellFormed()).toBe(true)
  for (const text of shown) expect(printed).toContain(text)
}

const clear = '\u001b[2J\u001b[H'
const title = '\u001b]0;pwned\u0007'
const hostileName = `Ana${clear}${title}\r\u0008Ruiz\u202egnp.exe\u009b31m`

describe('the command line itself', () => {
  const run = cliOn(() => {
    throw new Error('no store is opened')
  })

  it('an unknown command or option is quoted escaped', async () => {
    const unknown = await run(`frob${clear}`)
    expect(unknown.code).toBe(2)
    expectEscaped(unknown, 'frob\\u001b[2J')
    const option = await run('replay', `--${title}`, 'x.ndjson')
    expect(option.code).toBe(2)
    expectEscaped(option, '\\u001b]0;pwned\\u0007')
  })

  it('a file name is shown escaped', async () => {
    const missing = await run('replay', file(`missing${clear}.ndjson`))
    expect(missing.code).toBe(1)
    expectEscaped(missing, 'missing\\u001b[2J\\u001b[H.ndjson')
  })
})

describe('an event file', () => {
  const run = cliOn(() => {
    throw new Error('no store is opened')
  })
  const enrolled = {
    type: 'EducatorEnrolled',
    data: { enrollmentId: 'e1', at: '2026-09-01T16:00:00Z' },
  }

  it.each(['import', 'replay', 'audit'])(
    '%s: a line that is not JSON, a bad stream id and a bad event are reported escaped',
    async (command) => {
      const path = file(`bad-${command}.ndjson`)
      const [line] = eventLines([{ event: enrolled, actorId: 'admin-1' }])
      const json = JSON.parse(line ?? '{}')
      fs.writeFileSync(
        path,
        [
          `${clear}{"not": "json"${title}`,
          JSON.stringify({ ...json, streamId: `enrollment-${clear}` }),
          JSON.stringify({ ...json, type: `Hours${title}`, streamId: 'enrollment-e2' }),
          JSON.stringify({ ...json, version: 3, streamId: `s\u202e${clear}` }),
        ].join('\n'),
      )
      const result = await run(command, path)
      expect(result.code).toBe(1)
      expectEscaped(result, '\\u001b[2J', 'Hours\\u001b]0;pwned\\u0007')
    },
  )
})

describe.each(storeKinds)('what a store holds, printed from $name', (kind) => {
  const fixture = fixtureOn(kind, false)
  const run = cliOn(() => fixture.store())
  const keyFile = file(`key-${kind.name.slice(0, 6).replace(/\W/g, '')}.json`)

  beforeAll(async () => {
    if (kind.skip) return
    const enrolled = await handleCommand(
      fixture.store(),
      enrollment,
      {
        type: 'Enroll',
        data: {
          enrollmentId: 'e1',
          cohortId: 'steam-2026',
          program: catalog.steam,
          educator: { id: 'edu-1', name: hostileName, email: 'ana@example.org' },
        },
      },
      {
        actor: { id: 'admin-1', roles: ['administrator'] },
        at: '2026-09-01T16:00:00Z',
        commandId: 'c1',
      },
    )
    expect(E.isRight(enrolled), E.isLeft(enrolled) ? enrolled.left.message : '').toBe(true)
  })

  it.skipIf(kind.skip)('status shows a name with escapes and overrides escaped', async () => {
    const status = await run('status', 'e1')
    expect(status.code).toBe(0)
    expectEscaped(
      status,
      'Ana\\u001b[2J\\u001b[H\\u001b]0;pwned\\u0007\\u000d\\u0008Ruiz\\u202egnp.exe\\u009b31m',
    )
  })

  it.skipIf(kind.skip)('an enrollment id given on the command line is echoed escaped', async () => {
    const missing = await run('status', `e9${clear}`)
    expect(missing.code).toBe(1)
    expectEscaped(missing, 'e9\\u001b[2J')
  })

  it.skipIf(kind.skip)(
    'a badge whose issuer name holds escapes verifies with it escaped',
    async () => {
      const issuerName = `District${title}\r\u202e`
      const issuer = 'https://achieve.example.org/issuer'
      const profile = `${keyFile}.profile.json`
      const badge = `${keyFile}.badge.json`
      const generated = await run(
        'keys',
        'generate',
        '--alg',
        'Ed25519',
        '--issuer',
        issuer,
        '--issuer-name',
        issuerName,
        '--out',
        keyFile,
        '--profile-out',
        profile,
      )
      expect(generated.code, generated.err).toBe(0)
      expect((await run('demo', '--educators', '1')).code).toBe(0)
      const issued = await run(
        'badge',
        'issue',
        'steam-2026-27-01',
        '--key',
        keyFile,
        '--issuer-name',
        issuerName,
        '--at',
        '2027-07-01T16:00:00Z',
        '--out',
        badge,
      )
      expect(issued.code, issued.err).toBe(0)
      const verified = await run(
        'badge',
        'verify',
        badge,
        '--profile',
        profile,
        '--now',
        '2027-07-02T00:00:00Z',
      )
      expect(verified.code, verified.err).toBe(0)
      expectEscaped(
        verified,
        'District\\u001b]0;pwned\\u0007\\u000d\\u202e (https://achieve.example.org/issuer)',
      )
    },
  )
})
