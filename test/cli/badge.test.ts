/**
 * `microcred keys generate` and the `badge` commands, run in process against an in-memory store
 * holding the demo cohort: issue in both forms, verify, tamper, issue again, refuse what is not
 * earned, and publish the revocation list. One test runs the real entry, without a store.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { enrollment, handleCommand } from 'microcred'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeCli } from './fake-environment.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-badge-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const file = (name: string) => path.join(dir, name)
const read = (name: string) => fs.readFileSync(file(name), 'utf8')

const issuer = 'https://achieve.lausd.net/microcred/issuer'
const issuerName = 'Los Angeles Unified'
const store = ['--store', 'a']
const at = ['--at', '2027-07-01T16:00:00Z'] // the demo's credentials are earned by June 2027
const now = ['--now', '2027-07-02T00:00:00Z']
const trust = ['--profile', file('es-profile.json'), '--profile', file('ed-profile.json')]
const earned = 'steam-2026-27-01'
const payloadOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    id: string
    credentialSubject: { identifier: Array<{ identityHash: string }> }
  }

describe('microcred keys generate and badge (in memory)', () => {
  const { run, stores } = fakeCli()
  const storeA = () => {
    const found = stores.get('a')
    if (found === undefined) throw new Error('the demo did not open store a')
    return found
  }
  const generate = (...more: string[]) =>
    run('keys', 'generate', '--issuer', issuer, '--issuer-name', issuerName, ...more)
  const issue = (id: string, ...more: string[]) =>
    run('badge', 'issue', id, '--issuer-name', issuerName, ...at, ...store, ...more)

  beforeAll(async () => {
    expect((await run('demo', '--educators', '8', ...store)).code).toBe(0)
  })

  it('keys generate writes a secret key file and a public Profile, and never overwrites', async () => {
    for (const [name, alg] of [
      ['es', 'ES256'],
      ['ed', 'Ed25519'],
    ] as const) {
      const out = ['--out', file(`${name}.json`), '--profile-out', file(`${name}-profile.json`)]
      const made = await generate('--alg', alg, ...out)
      expect({ code: made.code, err: made.err }).toEqual({ code: 0, err: '' })
      expect(made.out).toMatch(
        new RegExp(`^Wrote the ${alg} key ${issuer}#\\S+ to .*${name}\\.json \\(mode 600\\)`),
      )
      expect(fs.statSync(file(`${name}.json`)).mode & 0o777).toBe(0o600)
      const key = JSON.parse(read(`${name}.json`))
      expect(key).toMatchObject({ controller: issuer, alg: alg === 'Ed25519' ? 'EdDSA' : alg })
      const profile = read(`${name}-profile.json`)
      expect(JSON.parse(profile)).toMatchObject({
        id: issuer,
        name: issuerName,
        assertionMethod: [key.id],
      })
      expect(profile).not.toContain(key.privateKeyJwk.d)
    }
    const again = await generate('--out', file('es.json'))
    expect(again.code).toBe(1)
    expect(again.err).toMatch(
      /^microcred: .*es\.json already exists and microcred does not overwrite it/,
    )
  })

  it('keys generate prints the Profile, not the key, unless asked', async () => {
    const printed = await generate('--out', file('k.json'))
    expect(printed.code).toBe(0)
    expect(JSON.parse(printed.out)).toMatchObject({ id: issuer, type: ['Profile'] })
    expect(printed.out).not.toContain('privateKeyJwk')
    expect(printed.err).toMatch(/^Wrote the ES256 key .* keep it secret/)
    const usage = await generate('--out', '-')
    expect(usage.code).toBe(2)
    expect(usage.err).toContain('name a --profile-out file')
  })

  it('badge issue signs a VC-JWT of an earned enrollment and records the issue once', async () => {
    const issued = await issue(earned, '--key', file('es.json'), '--out', file('01.jwt'))
    expect({ code: issued.code, err: issued.err }).toEqual({ code: 0, err: '' })
    expect(issued.out).toMatch(
      /^Issued the badge of enrollment 'steam-2026-27-01' \(Maria Lopez\) as a VC-JWT signed by https:\/\/achieve\S+: https:\/\/achieve\.lausd\.net\/microcred\/issuer\/credentials\/\S+; written to /,
    )
    const jwt = read('01.jwt').trim()
    expect(jwt.split('.')).toHaveLength(3)
    const events = (await stores.get('a')?.readStream(`enrollment-${earned}`)) ?? []
    const last = events[events.length - 1]
    expect(last).toMatchObject({
      type: 'BadgeIssued',
      data: { badgeId: payloadOf(jwt).id, format: 'jwt', issuedBy: 'microcred-cli', at: at[1] },
      metadata: { commandId: `issue-badge-${earned}`, actorId: 'microcred-cli' },
    })
    expect(last?.data).toMatchObject({ salt: expect.stringMatching(/^[0-9a-f]{32}$/) })
  })

  it('badge issue signs a Data Integrity credential with an Ed25519 key, to stdout', async () => {
    const issued = await issue('steam-2026-27-02', '--key', file('ed.json'))
    expect(issued.code).toBe(0)
    expect(issued.err).toMatch(
      /^Issued the badge of enrollment 'steam-2026-27-02' \(James Kim\) as a Data Integrity credential/,
    )
    const credential = JSON.parse(issued.out)
    expect(credential.proof).toMatchObject([
      { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    ])
    fs.writeFileSync(file('02.json'), issued.out)
  })

  it('badge verify summarises both badges and exits 0', async () => {
    const jwt = await run('badge', 'verify', file('01.jwt'), ...trust, ...now)
    expect({ code: jwt.code, err: jwt.err }).toEqual({ code: 0, err: '' })
    expect(jwt.out).toMatch(/Name +│ LAUSD STEAM Micro-Credential/)
    expect(jwt.out).toMatch(/Recipient +│ emailAddress sha256\$[0-9a-f]{64} \(salted hash\)/)
    expect(jwt.out).toContain(`Issuer      │ ${issuerName} (${issuer})`)
    expect(jwt.out).toMatch(/Valid from +│ 2027-0\d-\d\dT[\d:]+Z/)
    expect(jwt.out).toMatch(/Valid until +│ no expiry/)
    expect(jwt.out).toMatch(/Evidence +│ EOLA 1: .*\[Document\]/)
    expect(jwt.out).toContain('Capstone: the enactment of')
    expect(jwt.out).toMatch(/Signed +│ VC-JWT by https:\/\/achieve/)
    expect(jwt.out).toMatch(
      /Revocation +│ not checked: no --revocation-list given +│\n.*│ \(the badge's list: https:\/\/achieve\.lausd\.net\/microcred\/issuer\/revocations\)/,
    )
    expect(jwt.out).toMatch(/Verdict +│ valid/)
    const di = await run('badge', 'verify', file('02.json'), ...trust, ...now)
    expect(di.code).toBe(0)
    expect(di.out).toMatch(/Signed +│ Data Integrity proof by https:\/\/achieve\S+#z6Mk/)
  })

  it('badge verify rejects a tampered badge, or an unknown key, with the step (exit 1)', async () => {
    const [header, payload, signature = ''] = read('01.jwt').trim().split('.')
    const i = Math.floor(signature.length / 2)
    const flipped = `${signature.slice(0, i)}${signature[i] === 'A' ? 'B' : 'A'}${signature.slice(i + 1)}`
    fs.writeFileSync(file('tampered.jwt'), `${header}.${payload}.${flipped}\n`)
    const jwt = await run('badge', 'verify', file('tampered.jwt'), ...trust, ...now)
    expect(jwt).toMatchObject({ code: 1, out: '' })
    expect(jwt.err).toMatch(
      /^microcred: the badge in .*tampered\.jwt is rejected at the proof step \(SignatureInvalid\): /,
    )
    const credential = JSON.parse(read('02.json'))
    fs.writeFileSync(
      file('tampered.json'),
      JSON.stringify({ ...credential, name: 'Something else' }),
    )
    const di = await run('badge', 'verify', file('tampered.json'), ...trust, ...now)
    expect(di.code).toBe(1)
    expect(di.err).toMatch(/rejected at the proof step \(SignatureInvalid\)/)
    const unknown = await run('badge', 'verify', file('01.jwt'), ...now)
    expect(unknown.code).toBe(1)
    expect(unknown.err).toMatch(
      /rejected at the proof step \(KeyUnresolved\): the key https:\S+ is unknown: trust the issuer's keys with --profile <its published Profile> or --key <file>\n$/,
    )
    const early = await run(
      'badge',
      'verify',
      file('01.jwt'),
      ...trust,
      '--now',
      '2027-01-01T00:00:00Z',
    )
    expect(early.err).toMatch(/rejected at the validity step \(NotYetValid\)/)
  })

  it('badge issue again gives the same credential and records nothing', async () => {
    const before = await stores.get('a')?.streamVersion(`enrollment-${earned}`)
    const again = await issue(earned, '--key', file('es.json'), '--at', '2027-08-01T00:00:00Z')
    expect(again.code).toBe(0)
    expect(again.err).toMatch(
      /^The badge of enrollment 'steam-2026-27-01' was already issued on 2027-07-01T16:00:00Z by microcred-cli \(jwt\): the same credential https:\S+, signed again as a VC-JWT\.\n$/,
    )
    const first = payloadOf(read('01.jwt').trim())
    const second = payloadOf(again.out.trim())
    expect(second.id).toBe(first.id)
    expect(second.credentialSubject.identifier).toEqual(first.credentialSubject.identifier)
    expect(await stores.get('a')?.streamVersion(`enrollment-${earned}`)).toBe(before)
  })

  it('badge issue refuses what is not earned, unknown, mistimed or the wrong key (exit 1)', async () => {
    const key = ['--key', file('es.json')]
    const withdrawn = await issue('steam-2026-27-07', ...key)
    expect(withdrawn).toEqual({
      code: 1,
      out: '',
      err: "microcred: cannot issue a badge for enrollment 'steam-2026-27-07': it is withdrawn; a badge is issued only for an earned credential\n",
    })
    const unknown = await issue('nobody', ...key)
    expect(unknown.err).toBe("microcred: there is no enrollment 'nobody' in the memory store 'a'\n")
    const wrongKey = await issue('steam-2026-27-03', ...key, '--format', 'data-integrity')
    expect(wrongKey.err).toMatch(/is signed with an Ed25519 key, and .*es\.json holds an ES256 key/)
    const early = await issue('steam-2026-27-03', ...key, '--at', '2027-01-01T00:00:00Z')
    expect(early.code).toBe(1)
    expect(early.err).toMatch(
      /^microcred: cannot record the issue of the badge: .*; give the time of the issue with --at\n$/,
    )
    expect(await issue('steam-2026-27-03', '--key', file('missing.json'))).toMatchObject({
      code: 1,
    })
  })

  it('badge revocation-list publishes what the log revoked; verify then refuses the badge', async () => {
    const list = ['badge', 'revocation-list', '--issuer', issuer, ...store]
    const empty = await run(...list, '--out', file('revocations.json'))
    expect(empty.out).toMatch(
      /\(0 revoked credentials\) to .*: publish it at https:\/\/achieve\.lausd\.net\/microcred\/issuer\/revocations\.\n$/,
    )
    const valid = await run(
      'badge',
      'verify',
      file('01.jwt'),
      ...trust,
      ...now,
      '--revocation-list',
      file('revocations.json'),
    )
    expect(valid.out).toMatch(
      /Revocation +│ not revoked \(checked against https:\S+\/revocations\)/,
    )

    const revoked = await handleCommand(
      storeA(),
      enrollment,
      {
        type: 'RevokeCredential',
        data: { enrollmentId: earned, reason: 'Evidence was plagiarized' },
      },
      {
        actor: { id: 'admin-rivera', roles: ['administrator'] },
        at: '2027-07-05T16:00:00Z',
        commandId: 'revoke-01',
      },
    )
    expect(E.isRight(revoked)).toBe(true)
    const printed = await run(...list)
    expect(printed.code).toBe(0)
    expect(JSON.parse(printed.out).revokedCredentials).toEqual([
      { id: payloadOf(read('01.jwt').trim()).id, revoked: true },
    ])
    fs.writeFileSync(file('revocations.json'), printed.out)
    const refused = await run(
      'badge',
      'verify',
      file('01.jwt'),
      ...trust,
      ...now,
      '--revocation-list',
      file('revocations.json'),
    )
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/rejected at the revocation step \(Revoked\)/)
    const reissue = await issue(earned, '--key', file('es.json'), '--at', '2027-08-01T00:00:00Z')
    expect(reissue.err).toMatch(
      /cannot issue a badge for enrollment 'steam-2026-27-01': its credential was revoked/,
    )
  })
})

describe('microcred badge verify as a process', () => {
  it('verifies a badge file with the real entry (exit 0)', { timeout: 60_000 }, async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const args = [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'badge',
      'verify',
      file('02.json'),
      ...trust,
      ...now,
    ]
    const result = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(process.execPath, args, { cwd: root, timeout: 60_000 }, (e, out) =>
        resolve({ code: e === null ? 0 : typeof e.code === 'number' ? e.code : -1, out }),
      ),
    )
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/Verdict +│ valid/)
  })
})
