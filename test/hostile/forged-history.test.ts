/**
 * Issue 12, item 5: a forged history. A file holding `EducatorEnrolled` and then
 * `CredentialEarned` with no hours and 999 salary points is refused by `import` (naming the
 * stream and the event) with nothing written, on every store; `import --trust` writes it with
 * `metadata.unaudited`, and then `audit` reports it and `badge issue` refuses to sign it.
 */
import fs from 'node:fs'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { catalog, lausdPolicy, requirementsOf, type RecordedEvent } from 'microcred'
import { cliOn, eventLines, scratchDirectory } from '../cli/store-cli.js'
import { fixtureOn } from './enrolled.js'
import { storeKinds } from './stores.js'

// Starting PGlite takes seconds, more on a busy machine.
vi.setConfig({ hookTimeout: 60_000 })

const file = scratchDirectory('microcred-forged-')
const at = '2026-09-01T16:00:00Z'
const educator = { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' }

const enrolled = (enrollmentId: string) => ({
  event: {
    type: 'EducatorEnrolled',
    data: {
      enrollmentId,
      at,
      educator,
      cohortId: 'steam-2026',
      programId: catalog.steam.id,
      programVersion: catalog.steam.version,
      requirements: requirementsOf(catalog.steam, lausdPolicy),
      enrolledBy: 'admin-1',
    },
  },
  actorId: 'admin-1',
})

const earnedAtOnce = (enrollmentId: string) => ({
  event: {
    type: 'CredentialEarned',
    data: {
      enrollmentId,
      at,
      credentialId: `credential-${enrollmentId}`,
      hours: { faceToFace: 0, online: 0, homework: 0 },
      salaryPoints: 999,
    },
  },
  actorId: 'admin-1',
})

/** The file of issue 12: one honest enrollment, and one earned out of nothing. */
const forgedFile = file('forged.ndjson')
fs.writeFileSync(
  forgedFile,
  `${eventLines([enrolled('honest'), enrolled('forged'), earnedAtOnce('forged')]).join('\n')}\n`,
)

describe.each(storeKinds)('a forged history on $name', (kind) => {
  const fixture = fixtureOn(kind, false)
  const run = cliOn(() => fixture.store())
  const keyFile = file(`key-${kind.name.slice(0, 6).replace(/\W/g, '')}.json`)

  beforeAll(async () => {
    if (kind.skip) return
    const generated = await run(
      'keys',
      'generate',
      '--alg',
      'Ed25519',
      '--issuer',
      'https://achieve.lausd.net/microcred/issuer',
      '--issuer-name',
      'Los Angeles Unified',
      '--out',
      keyFile,
      '--profile-out',
      `${keyFile}.profile`,
    )
    expect(generated.code, generated.err).toBe(0)
  })

  it.skipIf(kind.skip)('import refuses the file, naming the stream and the event', async () => {
    const before = await fixture.everything()
    const imported = await run('import', forgedFile)
    expect(imported.code).toBe(1)
    expect(imported.out).toBe('')
    expect(imported.err).toContain('fails the history audit')
    expect(imported.err).toContain("stream 'enrollment-forged' version 2 (CredentialEarned)")
    expect(imported.err).toContain('nothing was imported')
    expect(await fixture.everything()).toEqual(before)
  })

  it.skipIf(kind.skip)(
    'import --trust writes it marked unaudited; audit reports it; badge issue refuses it',
    async () => {
      const imported = await run('import', forgedFile, '--trust')
      expect(imported.code, imported.err).toBe(0)
      expect(imported.out).toContain('without the history audit')
      const stored = await fixture.everything()
      expect(stored).toHaveLength(3)
      expect(stored.map((e: RecordedEvent) => e.metadata.unaudited)).toEqual([true, true, true])

      const audited = await run('audit')
      expect(audited.code).toBe(1)
      expect(audited.err).toContain("stream 'enrollment-forged' version 2 (CredentialEarned)")
      expect(audited.err).not.toContain('enrollment-honest')
      expect(audited.err).toContain('3 events were imported with --trust')

      const before = await fixture.everything()
      const issued = await run(
        'badge',
        'issue',
        'forged',
        '--key',
        keyFile,
        '--issuer-name',
        'Los Angeles Unified',
        '--at',
        '2026-09-02T16:00:00Z',
      )
      expect(issued.code).toBe(1)
      expect(issued.out).toBe('')
      expect(issued.err).toContain("cannot issue a badge for enrollment 'forged'")
      expect(issued.err).toContain('fails the history audit')
      expect(await fixture.everything()).toEqual(before)
    },
  )
})
