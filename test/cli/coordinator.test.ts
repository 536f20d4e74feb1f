/**
 * The coordinator's commands (`enroll`, `record-hours`, `submit`, `grade`, `withdraw`,
 * `expire`, `revoke`) end to end through `run(...)` on a temporary embedded PGlite store, opened once as
 * the command line opens it (personal data protected): a whole journey to the credential and its
 * revocation, an idempotent retry with the same `--command-id`, and refusals with the API's tag
 * and message (exit 1). Hostile input and usage errors: coordinator-hostile.test.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog, enrollment, handleUnknownCommand, type EventStore } from 'microcred'
import { run } from '../../src/cli/command-line.js'
import type { CliEnvironment, OpenedStore } from '../../src/cli/environment.js'
import { openPostgresStore } from '../../src/cli/open-store.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-coordinator-'))
let opened: OpenedStore | undefined
const store = (): EventStore => {
  if (opened === undefined) throw new Error('the store is not open')
  return opened.store
}

beforeAll(async () => {
  opened = await openPostgresStore({ directory: path.join(dir, 'store') }, { create: true })
}, 120_000)
afterAll(async () => {
  await opened?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Runs a command line on the store, with `env` as the environment. */
const microcred =
  (env: Record<string, string> = {}) =>
  async (...args: string[]) => {
    let out = ''
    let err = ''
    const cli: CliEnvironment = {
      out: (text) => (out += `${text}\n`),
      err: (text) => (err += text),
      progressStream: new PassThrough(),
      env,
      signal: new AbortController().signal,
      openStore: async () => ({ store: store(), description: 'test store', close: async () => {} }),
    }
    const code = await run(args, cli, '0.0.0-test')
    return { code, out, err }
  }
const cli = microcred()

const program = catalog.steam
const modules = program.courses.flatMap((course) => course.modules)
const [eola1, ...otherEolas] = program.eolas
const as = (actor: string, role: string) => ['--actor', actor, '--role', role]
const admin = as('admin-rivera', 'administrator')
const facilitator = as('facilitator-nguyen', 'facilitator')
const lms = as('lms-schoology', 'lms')
const educator = as('educator-01', 'educator')
const assessor = as('assessor-okafor', 'assessor')
let minute = 0
/** A time a minute after the last one, so the business time never goes backwards. */
const next = () => ['--at', new Date(Date.UTC(2026, 8, 8, 16, minute++)).toISOString()]

const versionOf = (enrollmentId: string) => store().streamVersion(`enrollment-${enrollmentId}`)

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

const scoresFor = (rubric: (typeof program.eolas)[number]['rubric'], meets: boolean) =>
  rubric.flatMap((c, i) => ['--score', `${c.id}=${meets || i > 0 ? c.meetsAt : c.meetsAt - 1}`])

describe('the coordinator commands on an embedded store', () => {
  it('enroll records EducatorEnrolled and prints the status', async () => {
    const { code, out, err } = await enroll('e1', ...next(), '--command-id', 'enroll-e1')
    expect({ code, err }).toEqual({ code: 0, err: '' })
    expect(out).toContain(
      'Enroll on enrollment e1 recorded 1 event (stream version 1, command enroll-e1):',
    )
    expect(out).toContain(
      '  EducatorEnrolled: Maria Lopez <maria.lopez@lausd.net> enrolled in cohort steam-2026-27 of steam version 1 by admin-rivera',
    )
    expect(out).toMatch(
      /^Status: In progress \(0\/105 hours, 0\/6 modules, 0\/5 EOLAs meet, capstone not submitted\)$/m,
    )
    expect(out).toContain(`Next: Submit EOLA '${eola1?.title}'`)
  })

  it('a retry with the same --command-id records nothing and says so', async () => {
    const again = await enroll(
      'e1',
      '--at',
      '2026-09-08T16:00:00.000Z',
      '--command-id',
      'enroll-e1',
    )
    expect(again.code).toBe(0)
    expect(again.out).toContain(
      'Enroll enroll-e1 on enrollment e1 was handled before: nothing new was recorded.',
    )
    expect(await versionOf('e1')).toBe(1)
    // Sent later, it is still the same command; the same id with other content is refused.
    const later = await enroll('e1', ...next(), '--command-id', 'enroll-e1')
    expect(later.out).toContain('was handled before')
    const reused = await enroll('e1', '--name', 'Maria L.', '--command-id', 'enroll-e1')
    expect(reused.code).toBe(1)
    expect(reused.err).toMatch(/^microcred: Enroll refused \(CommandIdReused\): /)
  })

  it('record-hours takes the modes as people type them and as the core names them', async () => {
    for (const [m, module] of modules.entries()) {
      const { hours } = module
      const faceToFace = m === 0 ? 'faceToFace' : 'face-to-face'
      for (const [mode, who] of [
        [faceToFace, facilitator],
        ['online', lms],
        ['homework', educator],
      ] as const) {
        const key = mode === 'faceToFace' || mode === 'face-to-face' ? 'faceToFace' : mode
        const result = await cli(
          'record-hours',
          'e1',
          '--module',
          module.id,
          '--mode',
          mode,
          '--hours',
          String(hours[key]),
          ...who,
          ...next(),
        )
        expect(result.err).toBe('')
        expect(result.code).toBe(0)
      }
    }
    const last = await cli(
      'record-hours',
      'e1',
      '--module',
      modules[0]?.id ?? '',
      '--mode',
      'online',
      '--hours',
      '1',
      ...lms,
      ...next(),
    )
    expect(last.out).toContain('(0 credited)') // the module has every online hour already
    expect(last.out).toMatch(/Status: In progress \(105\/105 hours, 6\/6 modules/)
  })

  it('takes grades only from an assessor assigned to the program: assign, then grade', async () => {
    const submitted = await cli(
      'submit',
      'e1',
      '--eola',
      eola1?.id ?? '',
      '--evidence',
      'document=https://drive.lausd.net/e1/eola-1',
      '--evidence',
      'https://drive.lausd.net/e1/eola-1-video',
      '--reflection',
      'What my students did.',
      ...educator,
      ...next(),
    )
    expect(submitted.code).toBe(0)
    expect(submitted.out).toContain(
      `attempt 1 at EOLA '${eola1?.title}' submitted, with 2 pieces of evidence`,
    )
    const grade = ['grade', 'e1', '--eola', eola1?.id ?? '', '--attempt', '1']
    const before = await versionOf('e1')
    const unassigned = await cli(
      ...grade,
      ...scoresFor(eola1?.rubric ?? [], false),
      ...assessor,
      ...next(),
    )
    expect(unassigned.code).toBe(1)
    expect(unassigned.err).toBe(
      "microcred: GradeArtifact refused (AssessorNotAssigned): assessor-okafor is not an assessor assigned to cohort 'steam-2026-27' or to program 'steam', so may not grade enrollment 'e1': an administrator assigns assessors with AssignStaff (microcred assign assessor-okafor --as assessor --program steam)\n",
    )
    expect(await versionOf('e1')).toBe(before)
    const assigned = await cli(
      'assign',
      'assessor-okafor',
      '--as',
      'assessor',
      '--program',
      'steam',
      ...admin,
      ...next(),
      '--command-id',
      'assign-okafor',
    )
    expect({ code: assigned.code, err: assigned.err }).toEqual({ code: 0, err: '' })
    expect(assigned.out).toBe(
      'assessor-okafor assigned to program steam as assessor: StaffAssigned (stream version 1, command assign-okafor)\n',
    )
    // Only an administrator assigns; a cohort that was never scheduled has no staff to join.
    const byAssessor = await cli(
      'assign',
      'assessor-2',
      '--as',
      'assessor',
      '--program',
      'steam',
      ...assessor,
      ...next(),
    )
    expect(byAssessor.code).toBe(1)
    expect(byAssessor.err).toMatch(/^microcred: AssignStaff refused \(NotAuthorized\): /)
    const toCohort = await cli(
      'assign',
      'assessor-2',
      '--as',
      'assessor',
      '--cohort',
      'steam-2026-27',
      ...admin,
      ...next(),
    )
    expect(toCohort.code).toBe(1)
    expect(toCohort.err).toMatch(/^microcred: AssignStaff refused \(\w+\): /)
    const both = await cli(
      'assign',
      'assessor-2',
      '--as',
      'assessor',
      '--cohort',
      'c',
      '--program',
      'steam',
      ...admin,
    )
    expect(both.code).toBe(2)
    expect(both.err).toMatch(/exactly one of --program <id> and --cohort <id>/)
  })

  it('refuses an educator grading their own work, with the tag and message of the API', async () => {
    // Even assigned as an assessor of the program, the educator may not grade their own work.
    const assigned = await cli(
      'assign',
      'educator-01',
      '--as',
      'assessor',
      '--program',
      'steam',
      ...admin,
      ...next(),
    )
    expect(assigned.code).toBe(0)
    const at = next()
    const args = [
      'grade',
      'e1',
      '--eola',
      eola1?.id ?? '',
      '--attempt',
      '1',
      ...scoresFor(eola1?.rubric ?? [], true),
    ]
    const before = await versionOf('e1')
    const refused = await cli(...args, ...educator, ...at, '--command-id', 'self-grade')
    expect(refused.code).toBe(1)
    const api = await handleUnknownCommand(
      store(),
      enrollment,
      {
        type: 'GradeArtifact',
        data: {
          enrollmentId: 'e1',
          eolaId: eola1?.id,
          attempt: 1,
          scores: Object.fromEntries((eola1?.rubric ?? []).map((c) => [c.id, c.meetsAt])),
          feedback: '',
        },
      },
      { actor: { id: 'educator-01', roles: ['educator'] }, at: at[1], commandId: 'self-grade' },
    )
    expect(E.isLeft(api) && api.left._tag).toBe('NotAuthorized')
    expect(refused.err).toBe(
      `microcred: GradeArtifact refused (NotAuthorized): ${E.isLeft(api) ? api.left.message : ''}\n`,
    )
    expect(await versionOf('e1')).toBe(before)
  })

  it('refuses a revoke before the credential is earned', async () => {
    const refused = await cli('revoke', 'e1', '--reason', 'Issued in error', ...admin, ...next())
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/^microcred: RevokeCredential refused \(NotEarned\): /)
  })

  it('grade, resubmit, and the capstone earn the credential', async () => {
    const revise = await cli(
      'grade',
      'e1',
      '--eola',
      eola1?.id ?? '',
      '--attempt',
      '1',
      ...scoresFor(eola1?.rubric ?? [], false),
      '--feedback',
      'Show the student work.',
      ...assessor,
      ...next(),
    )
    expect(revise.code).toBe(0)
    expect(revise.out).toContain('graded by assessor-okafor: revise and resubmit')
    expect(revise.out).toContain(
      `Next: Revise and resubmit EOLA '${eola1?.title}' (attempt 2 of 3)`,
    )
    for (const eola of [eola1, ...otherEolas]) {
      const attempt = eola === eola1 ? '2' : '1'
      const submit = await cli(
        'submit',
        'e1',
        '--eola',
        eola?.id ?? '',
        '--evidence',
        `https://drive.lausd.net/e1/${eola?.id}`,
        '--reflection',
        'What changed.',
        ...educator,
        ...next(),
      )
      expect(submit.code).toBe(0)
      const grade = await cli(
        'grade',
        'e1',
        '--eola',
        eola?.id ?? '',
        '--attempt',
        attempt,
        ...scoresFor(eola?.rubric ?? [], true),
        ...assessor,
        ...next(),
      )
      expect(grade.code).toBe(0)
      expect(grade.out).toContain('graded by assessor-okafor: meets')
    }
    const capstone = await cli(
      'submit',
      'e1',
      '--capstone',
      '--enacted',
      eola1?.id ?? '',
      '--documentation',
      'https://drive.lausd.net/e1/capstone',
      '--reflection',
      'How it went.',
      '--next-steps',
      'Share it.',
      ...educator,
      ...next(),
    )
    expect(capstone.code).toBe(0)
    expect(capstone.out).toContain('CapstoneSubmitted: capstone attempt 1 submitted')
    const graded = await cli(
      'grade',
      'e1',
      '--capstone',
      '--attempt',
      '1',
      '--outcome',
      'meets',
      ...assessor,
      ...next(),
    )
    expect(graded.code).toBe(0)
    expect(graded.out).toContain(
      '  CredentialEarned: credential credential-e1 earned: 105 hours, 3 salary points',
    )
    expect(graded.out).toMatch(
      /^Status: Earned on 2026-09-08 \d\d:\d\d UTC \(105\/105 hours, 6\/6 modules, 5\/5 EOLAs meet, capstone meets\)$/m,
    )
    expect(graded.out).not.toContain('Next:')
  })

  it('revoke revokes an earned credential; an assessor may not', async () => {
    const notAdmin = await cli(
      'revoke',
      'e1',
      '--reason',
      'Issued in error',
      ...assessor,
      ...next(),
    )
    expect(notAdmin.code).toBe(1)
    expect(notAdmin.err).toMatch(
      /^microcred: RevokeCredential refused \(NotAuthorized\): assessor-okafor/,
    )
    const revoked = await cli('revoke', 'e1', '--reason', 'Issued in error', ...admin, ...next())
    expect(revoked.code).toBe(0)
    expect(revoked.out).toContain(
      'CredentialRevoked: credential credential-e1 revoked by admin-rivera: Issued in error',
    )
    expect(revoked.out).toMatch(/^Status: Revoked on /m)
  })

  it('withdraw withdraws, with the actor from MICROCRED_ACTOR', async () => {
    expect((await enroll('e2', ...next())).code).toBe(0)
    const withdrawn = await microcred({ MICROCRED_ACTOR: 'admin-env' })(
      'withdraw',
      'e2',
      '--reason',
      'Moved schools',
      ...next(),
    )
    expect(withdrawn.code).toBe(0)
    expect(withdrawn.out).toContain('EnrollmentWithdrawn: withdrawn by admin-env: Moved schools')
    expect(withdrawn.out).toMatch(/^Status: Withdrawn on /m)
    const late = await cli(
      'record-hours',
      'e2',
      '--module',
      modules[0]?.id ?? '',
      '--mode',
      'online',
      '--hours',
      '1',
      ...lms,
      ...next(),
    )
    expect(late.code).toBe(1)
    expect(late.err).toMatch(/^microcred: RecordHours refused \(EnrollmentClosed\): /)
  })

  it('expire ends an unfinished enrollment incomplete, in its own cohort only, by an administrator', async () => {
    expect((await enroll('e3', ...next())).code).toBe(0)
    const byEducator = await cli(
      'expire',
      'e3',
      '--reason',
      'Cohort closed',
      ...educator,
      ...next(),
    )
    expect(byEducator.code).toBe(1)
    expect(byEducator.err).toMatch(/^microcred: ExpireEnrollment refused \(NotAuthorized\): /)
    const elsewhere = await cli(
      'expire',
      'e3',
      '--reason',
      'Cohort closed',
      '--cohort',
      'tk12-el-2026-27',
      ...admin,
      ...next(),
    )
    expect(elsewhere.code).toBe(1)
    expect(elsewhere.err).toContain(
      "ExpireEnrollment refused (WrongEnrollment): enrollment 'e3' is in cohort 'steam-2026-27', not 'tk12-el-2026-27'",
    )
    const expired = await cli(
      'expire',
      'e3',
      '--reason',
      'The 2026-27 cohort closed',
      '--cohort',
      'steam-2026-27',
      ...admin,
      ...next(),
    )
    expect(expired.code).toBe(0)
    expect(expired.out).toContain(
      'EnrollmentExpired: expired by admin-rivera, incomplete: The 2026-27 cohort closed',
    )
    expect(expired.out).toMatch(/^Status: Incomplete on /m)
    const again = await cli('expire', 'e3', '--reason', 'Again', ...admin, ...next())
    expect(again.code).toBe(1)
    expect(again.err).toContain('ExpireEnrollment refused (EnrollmentClosed)')
    expect(await versionOf('e3')).toBe(2)
    const shown = await cli('status', 'e3')
    expect(shown.code).toBe(0)
    expect(shown.out).toMatch(
      /│ Expired \(incomplete\) +│ 2026-09-08 \d\d:\d\d UTC by admin-rivera: The 2026-27 cohort closed +│/,
    )
    expect(shown.out).not.toContain('Still missing')
    expect(shown.out).not.toContain('Next steps')
  })
})
