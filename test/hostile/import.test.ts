/**
 * Issue 12, item 6: import is all or nothing. A file whose second stream holds something no
 * store can keep (a NUL in a string, a lone surrogate, a NUL in an object key, a 12 KB id) is
 * refused before the first append, with the line named and no stack trace, with or without
 * `--trust`, and the store holds exactly what it held before, on every store. An empty file says
 * so, and writes nothing.
 */
import fs from 'node:fs'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { fakeCli } from '../cli/fake-environment.js'
import { cliOn, scratchDirectory } from '../cli/store-cli.js'
import { fixtureOn } from './enrolled.js'
import { storeKinds } from './stores.js'

// Starting PGlite takes seconds, more on a busy machine.
vi.setConfig({ hookTimeout: 60_000 })

const file = scratchDirectory('microcred-import-')
const honest = file('honest.ndjson')
let lines: string[] = []

beforeAll(async () => {
  const { run } = fakeCli()
  expect((await run('demo', '--educators', '2', '--store', 'demo')).code).toBe(0)
  expect((await run('export', honest, '--store', 'demo')).code).toBe(0)
  lines = fs.readFileSync(honest, 'utf8').trim().split('\n')
})

type Line = Record<string, unknown> & {
  streamId: string
  version: number
  type: string
  data: Record<string, unknown>
  metadata: Record<string, unknown>
}

/** The honest file with `change` made to the lines of the second stream (`null`: dropped). */
const withSecondStream = (name: string, change: (line: Line) => Line | null): string => {
  const second = 'enrollment-steam-2026-27-02'
  const changed = lines.flatMap((text) => {
    const line = JSON.parse(text) as Line
    if (line.streamId !== second) return [text]
    const made = change(line)
    return made === null ? [] : [JSON.stringify(made)]
  })
  const path = file(`${name}.ndjson`)
  fs.writeFileSync(path, `${changed.join('\n')}\n`)
  return path
}

const onFirst =
  (type: string, change: (line: Line) => Line) =>
  (line: Line): Line =>
    line.type === type && line.version <= 20 ? change(line) : line

const longId = 'e'.repeat(12_288)
const cases: ReadonlyArray<readonly [string, () => string]> = [
  [
    'a NUL in a string',
    () =>
      withSecondStream(
        'nul',
        onFirst('ArtifactSubmitted', (line) => ({
          ...line,
          data: { ...line.data, reflection: 'What worked.\u0000' },
        })),
      ),
  ],
  [
    'a lone surrogate',
    () =>
      withSecondStream(
        'surrogate',
        onFirst('ArtifactSubmitted', (line) => ({
          ...line,
          data: { ...line.data, reflection: 'What worked \ud83d.' },
        })),
      ),
  ],
  [
    'a NUL in an object key',
    () =>
      withSecondStream(
        'nul-key',
        onFirst('HoursRecorded', (line) => ({
          ...line,
          metadata: { ...line.metadata, ['note\u0000']: 'x' },
        })),
      ),
  ],
  [
    'a lone surrogate in metadata',
    () =>
      withSecondStream(
        'surrogate-metadata',
        onFirst('HoursRecorded', (line) => ({
          ...line,
          metadata: { ...line.metadata, note: '\udc00' },
        })),
      ),
  ],
  [
    'a 12 KB id',
    () =>
      withSecondStream('long-id', (line) => ({
        ...line,
        streamId: `enrollment-${longId}`,
        data: { ...line.data, enrollmentId: longId },
      })),
  ],
]

describe.each(storeKinds)('import is all or nothing on $name', (kind) => {
  const fixture = fixtureOn(kind)
  const run = cliOn(() => fixture.store())

  it.skipIf(kind.skip).each(cases)(
    '%s in the second stream: refused, with or without --trust, and nothing written',
    async (_, make) => {
      const path = make()
      for (const trust of [[], ['--trust']]) {
        const before = await fixture.everything()
        const imported = await run('import', path, ...trust)
        expect(imported.code, imported.err).toBe(1)
        expect(imported.out).toBe('')
        expect(imported.err).toMatch(/^microcred: .*nothing was imported/)
        expect(imported.err).toMatch(/line \d+|stream '/)
        expect(imported.err).not.toMatch(/\n\s+at /) // no stack trace
        expect(imported.err.length).toBeLessThan(5_000)
        expect(await fixture.everything()).toEqual(before)
      }
    },
  )

  it.skipIf(kind.skip)('an empty file says so, and writes nothing', async () => {
    const before = await fixture.everything()
    for (const [name, text] of [
      ['empty', ''],
      ['blank', '\n  \n\n'],
    ] as const) {
      fs.writeFileSync(file(`${name}.ndjson`), text)
      const imported = await run('import', file(`${name}.ndjson`))
      expect(imported).toEqual({
        code: 1,
        out: '',
        err: `microcred: ${file(`${name}.ndjson`)} holds no events; nothing was imported\n`,
      })
    }
    expect(await fixture.everything()).toEqual(before)
  })

  it.skipIf(kind.skip)('the honest file is imported whole', async () => {
    const before = await fixture.everything()
    const imported = await run('import', honest)
    expect(imported.code, imported.err).toBe(0)
    expect(imported.out).toMatch(/^Imported [\d,]+ events of 2 streams .*passed the history audit/)
    expect((await fixture.everything()).length).toBe(before.length + lines.length)
  })
})
