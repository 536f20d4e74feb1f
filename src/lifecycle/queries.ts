/**
 * Questions a program's lifecycle state answers: a version, the latest one, and the program
 * educators may enroll in (a published version), or why not.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Program } from '../program/program.js'
import type { ProgramLifecycleState, ProgramVersion, VersionStatus } from './state.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Why a program has no version to enroll in: no such version, not published, retired, or (for
 * a program sent with `Enroll`) not the program that version published (`altered`).
 */
export type NotPublishedReason = 'unknown' | 'unpublished' | 'retired' | 'altered'

/**
 * There is no published version to enroll in: the program (`null` when the state holds none: a
 * stream never drafted) and the version asked (`null`: the latest published one), the version's
 * status (`unknown` where there is no such version or program), and why.
 */
export interface ProgramNotPublished {
  readonly _tag: 'ProgramNotPublished'
  readonly message: string
  readonly programId: string | null
  readonly version: number | null
  readonly status: VersionStatus | 'unknown'
  readonly reason: NotPublishedReason
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const what = (programId: string, version: number | null) =>
  version === null ? `program '${programId}'` : `version ${version} of program '${programId}'`

/**
 * The error for a program or version nobody may enroll in, with a message naming the program,
 * the version and its status, and what to do.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { programNotPublished } from 'microcred'
 * const error = programNotPublished('steam', 2, 'inReview')
 * assert.equal(error._tag, 'ProgramNotPublished')
 * assert.equal(error.reason, 'unpublished')
 * assert.equal(
 *   error.message,
 *   "version 2 of program 'steam' is inReview, not published: educators enroll only in a published version; publish it once approved, or enroll in a published one",
 * )
 * assert.equal(programNotPublished('steam', null, 'unknown').message,
 *   "program 'steam' does not exist (it was never drafted): there is nothing to enroll in")
 */
export const programNotPublished = (
  programId: string,
  version: number | null,
  status: VersionStatus | 'unknown',
  programRetired = false,
): ProgramNotPublished => {
  const reason: NotPublishedReason =
    status === 'unknown'
      ? 'unknown'
      : status === 'retired' || programRetired
        ? 'retired'
        : 'unpublished'
  const subject = what(programId, version)
  const message =
    reason === 'unknown'
      ? version === null
        ? `${subject} does not exist (it was never drafted): there is nothing to enroll in`
        : `${subject} does not exist: there is nothing to enroll in`
      : reason === 'retired'
        ? `${subject} is retired${programRetired ? ' (the program is retired)' : ''}: nobody enrolls in it any more; enroll in a published version`
        : `${subject} is ${status}, not published: educators enroll only in a published version; publish it once approved, or enroll in a published one`
  return { _tag: 'ProgramNotPublished', message, programId, version, status, reason }
}

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

const lastWith = (
  versions: ReadonlyArray<ProgramVersion>,
  status: VersionStatus,
): ProgramVersion | undefined => {
  for (let i = versions.length - 1; i >= 0; i--) {
    if (versions[i]?.status === status) return versions[i]
  }
  return undefined
}

/**
 * One version of the program, whatever its status, or `undefined`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, programLifecycle, programVersion } from 'microcred'
 * const state = programLifecycle.fold([
 *   { type: 'ProgramDrafted', data: { programId: 'steam', version: 1, program: catalog.steam, draftedBy: 'admin-1', at: '2026-06-01T16:00:00Z' } },
 * ])
 * assert.equal(programVersion(state, 1)?.status, 'draft')
 * assert.equal(programVersion(state, 2), undefined)
 */
export const programVersion = (
  state: ProgramLifecycleState,
  version: number,
): ProgramVersion | undefined =>
  state.status === 'notDrafted' ? undefined : state.versions.find((v) => v.version === version)

/**
 * The program's latest version, whatever its status, or `undefined` before the first draft.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { latestProgramVersion, programLifecycle } from 'microcred'
 * assert.equal(latestProgramVersion(programLifecycle.initialState), undefined)
 */
export const latestProgramVersion = (state: ProgramLifecycleState): ProgramVersion | undefined =>
  state.status === 'notDrafted' ? undefined : state.versions.at(-1)

/**
 * The published program of `version`, or, without one, of the latest published version: the
 * program educators may enroll in. Otherwise why not, as a `ProgramNotPublished`: no such
 * version (`unknown`), a version that is not published (`unpublished`, with its status), or a
 * retired version or program (`retired`). Only a published version of a program that is not
 * retired answers; its program is the one approved, which never changes.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, programLifecycle, publishedVersion } from 'microcred'
 * const on = (version: number, at: string) => ({ programId: 'steam', version, at })
 * const state = programLifecycle.fold([
 *   { type: 'ProgramDrafted', data: { ...on(1, '2026-06-01T16:00:00Z'), program: catalog.steam, draftedBy: 'admin-1' } },
 *   { type: 'ProgramSubmittedForReview', data: { ...on(1, '2026-06-02T16:00:00Z'), submittedBy: 'admin-1' } },
 *   { type: 'ProgramApproved', data: { ...on(1, '2026-06-03T16:00:00Z'), approvedBy: 'approver-1' } },
 *   { type: 'ProgramPublished', data: { ...on(1, '2026-06-04T16:00:00Z'), publishedBy: 'admin-1' } },
 * ])
 * assert.deepEqual(publishedVersion(state), E.right(catalog.steam))
 * assert.deepEqual(publishedVersion(state, 1), E.right(catalog.steam))
 * const unknown = publishedVersion(state, 2)
 * assert.ok(E.isLeft(unknown) && unknown.left.reason === 'unknown')
 * const retired = programLifecycle.fold(
 *   [{ type: 'ProgramRetired', data: { programId: 'steam', version: 1, reason: 'Replaced', retiredBy: 'admin-1', at: '2027-06-01T16:00:00Z' } }],
 *   state,
 * )
 * const latest = publishedVersion(retired)
 * assert.ok(E.isLeft(latest) && latest.left.reason === 'retired' && latest.left.version === null)
 * const refused = publishedVersion(retired, 1)
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left.reason, 'retired')
 * assert.equal(refused.left.message, "version 1 of program 'steam' is retired: nobody enrolls in it any more; enroll in a published version")
 */
export const publishedVersion = (
  state: ProgramLifecycleState,
  version?: number,
): E.Either<ProgramNotPublished, Program> => {
  if (state.status === 'notDrafted') {
    return E.left({
      _tag: 'ProgramNotPublished',
      message: 'the program was never drafted: there is nothing to enroll in',
      programId: null,
      version: version ?? null,
      status: 'unknown',
      reason: 'unknown',
    })
  }
  const retired = state.status === 'retired'
  if (version !== undefined) {
    const found = state.versions.find((v) => v.version === version)
    if (found === undefined) return E.left(programNotPublished(state.programId, version, 'unknown'))
    return found.status === 'published' && !retired
      ? E.right(found.program)
      : E.left(programNotPublished(state.programId, version, found.status, retired))
  }
  const published = lastWith(state.versions, 'published')
  if (published !== undefined && !retired) return E.right(published.program)
  const lastRetired = lastWith(state.versions, 'retired')
  const latest = lastRetired ?? (state.versions.at(-1) as ProgramVersion)
  return E.left({
    ...programNotPublished(state.programId, latest.version, latest.status, retired),
    version: null,
    message: retired
      ? `program '${state.programId}' is retired: nobody enrolls in it any more`
      : lastRetired !== undefined
        ? `program '${state.programId}' has no published version: its latest published one, version ${lastRetired.version}, is retired; publish a newer version to enroll educators`
        : `program '${state.programId}' has no published version: its latest, version ${latest.version}, is ${latest.status}; publish an approved version to enroll educators`,
  })
}
