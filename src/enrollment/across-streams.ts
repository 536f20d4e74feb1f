/**
 * The enrollment's rules that other streams answer, concludeCheck by `handleCommand` on every path:
 * an `Enroll` in a program the district runs through the lifecycle takes a published version, as
 * published; a grade in a program or cohort with assigned assessors comes from one of them.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { sameIdentity } from '../authorization.js'
import { cohort, cohortStreamId, programStaff, programStaffStreamId } from '../cohort/index.js'
import type { StaffMember } from '../cohort/state.js'
import type { CommandContext } from '../context.js'
import { programLifecycle } from '../lifecycle/index.js'
import { publishedVersion, type ProgramNotPublished } from '../lifecycle/queries.js'
import { programStreamId } from '../lifecycle/stream.js'
import { Program } from '../program/program.js'
import { concludeCheck, passes, readingStream, type StreamCheck } from '../stream-check.js'
import type { EnrollmentCommand } from './commands.js'
import type { EnrollmentState } from './state.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The assessor is not among the assessors assigned to the enrollment's cohort or program. */
export interface AssessorNotAssigned {
  readonly _tag: 'AssessorNotAssigned'
  readonly message: string
  readonly assessorId: string
  readonly enrollmentId: string
  readonly cohortId: string
  readonly programId: string
}

/** Why another stream refuses an enrollment command. */
export type AcrossStreamsError = ProgramNotPublished | AssessorNotAssigned

/** The assessors assigned to an enrollment: in its cohort's staff and its program's staff. */
export interface AssignedAssessors {
  readonly inCohort: ReadonlyArray<string>
  readonly inProgram: ReadonlyArray<string>
}

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

const assessorsOf = (staff: ReadonlyArray<StaffMember>) =>
  staff.flatMap((m) => (m.role === 'assessor' ? [m.staffId] : []))

/** The same JSON data, whatever the order of object keys. */
const sameData = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  if (keysA.length !== keysB.length) return false
  const recordA = a as Record<string, unknown>
  const recordB = b as Record<string, unknown>
  return keysA.every((key) => Object.hasOwn(recordB, key) && sameData(recordA[key], recordB[key]))
}

/**
 * Whether `assessorId` may grade an enrollment of `cohortId` in `programId`, given who is
 * assigned: an assessor of either list (compared by `sameIdentity`) may; when nobody is
 * assigned, anyone with the assessor role may unless `required` (the district does not assign
 * assessors to this program); otherwise the refusal names the assessor, the cohort and the
 * program.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { assessorAssignment } from 'microcred'
 * const where = { enrollmentId: 'enr-1', cohortId: 'steam-2026', programId: 'steam' }
 * assert.ok(E.isRight(assessorAssignment({ inCohort: [], inProgram: ['AS-1'] }, 'as-1', where)))
 * assert.ok(E.isRight(assessorAssignment({ inCohort: [], inProgram: [] }, 'as-9', where)))
 * const refused = assessorAssignment({ inCohort: ['as-1'], inProgram: [] }, 'as-9', where)
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left.message, "as-9 is not an assessor assigned to cohort 'steam-2026' or to program 'steam', so may not grade enrollment 'enr-1': an administrator assigns assessors with AssignStaff")
 * assert.ok(E.isLeft(assessorAssignment({ inCohort: [], inProgram: [] }, 'as-9', where, { required: true })))
 */
export const assessorAssignment = (
  assigned: AssignedAssessors,
  assessorId: string,
  where: { readonly enrollmentId: string; readonly cohortId: string; readonly programId: string },
  options: { readonly required?: boolean } = {},
): E.Either<AssessorNotAssigned, void> => {
  const all = [...assigned.inCohort, ...assigned.inProgram]
  if (all.some((id) => sameIdentity(id, assessorId))) return E.right(undefined)
  if (all.length === 0 && options.required !== true) return E.right(undefined)
  return E.left({
    _tag: 'AssessorNotAssigned',
    message: `${assessorId} is not an assessor assigned to cohort '${where.cohortId}' or to program '${where.programId}', so may not grade enrollment '${where.enrollmentId}': an administrator assigns assessors with AssignStaff`,
    assessorId,
    ...where,
  })
}

/**
 * Reads who is assigned to grade an enrollment of `cohortId` in `programId`: the assessors in
 * the cohort's stream (only if that cohort is of this program: a cohort of another program with
 * the same id does not count) and in the program's staff stream.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { concludeCheck, readingAssignedAssessors, runStreamCheck } from 'microcred'
 * const at = '2026-08-01T16:00:00Z'
 * const staff = { 'program-staff-steam': [{ type: 'StaffAssigned', data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor', assignedBy: 'admin-1', at } }] }
 * const check = readingAssignedAssessors('steam-2026', 'steam', (assigned) =>
 *   concludeCheck(assigned.inProgram.includes('as-1') ? E.right(undefined) : E.left({ _tag: 'Missing', message: 'as-1 missing' })))
 * assert.deepEqual(runStreamCheck(check, staff), E.right(undefined))
 */
export const readingAssignedAssessors = <Err>(
  cohortId: string,
  programId: string,
  then: (assigned: AssignedAssessors) => StreamCheck<Err>,
): StreamCheck<Err> =>
  readingStream(cohortStreamId(cohortId), cohort, (cohortState) =>
    readingStream(programStaffStreamId(programId), programStaff, (staffState) =>
      then({
        inCohort:
          cohortState.status !== 'unscheduled' && cohortState.programId === programId
            ? assessorsOf(cohortState.staff)
            : [],
        inProgram: assessorsOf(staffState.staff),
      }),
    ),
  )

/**
 * Whether `program` may be enrolled in, by its lifecycle stream (`program-<id>`): a program
 * never drafted there is not run through the lifecycle and is taken as it is; otherwise its
 * version must be published, neither it nor the program retired, and the program sent must be
 * that version's program exactly (a version never changes once approved). A refusal is a
 * `ProgramNotPublished` naming the program, the version and why.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, readingPublishedProgram, runStreamCheck } from 'microcred'
 * const drafted = { 'program-steam': [{ type: 'ProgramDrafted', data: { programId: 'steam', version: 1, program: catalog.steam, draftedBy: 'admin-1', at: '2026-06-01T16:00:00Z' } }] }
 * assert.deepEqual(runStreamCheck(readingPublishedProgram(catalog.steam), {}), E.right(undefined))
 * const refused = runStreamCheck(readingPublishedProgram(catalog.steam), drafted)
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left.message, "version 1 of program 'steam' is draft, not published: educators enroll only in a published version; publish it once approved, or enroll in a published one")
 */
export const readingPublishedProgram = (program: Program): StreamCheck<ProgramNotPublished> =>
  readingStream(programStreamId(program.id), programLifecycle, (lifecycle) => {
    if (lifecycle.status === 'notDrafted') return passes
    const published = publishedVersion(lifecycle, program.version)
    if (E.isLeft(published)) return concludeCheck(published)
    if (sameData(Program.encode(published.right), Program.encode(program))) return passes
    return concludeCheck(
      E.left({
        _tag: 'ProgramNotPublished',
        message: `the program sent as version ${program.version} of program '${program.id}' differs from the version published: educators enroll in a published version as it was approved; send it as published (enrollInPublishedProgram reads it for you)`,
        programId: program.id,
        version: program.version,
        status: 'published',
        reason: 'altered',
      }),
    )
  })

/**
 * The enrollment's checks across streams, as `handleCommand` runs them after `decide` accepts a
 * command: `Enroll` reads the program's lifecycle (`readingPublishedProgram`); `GradeArtifact`
 * and `GradeCapstone` read who is assigned to the enrollment's cohort and program
 * (`readingAssignedAssessors`), and once anyone is, only they grade; every other command passes.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, enrollment, enrollmentChecksAcrossStreams } from 'microcred'
 * const context = { actor: { id: 'admin-1', roles: ['administrator' as const] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' }
 * const enroll = { type: 'Enroll' as const, data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam,
 *   educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' } } }
 * const check = enrollmentChecksAcrossStreams(enroll, enrollment.initialState, context)
 * assert.equal(check._tag === 'ReadStream' && check.streamId, 'program-steam')
 */
export const enrollmentChecksAcrossStreams = (
  command: EnrollmentCommand,
  state: EnrollmentState,
  context: CommandContext,
): StreamCheck<AcrossStreamsError> => {
  if (command.type === 'Enroll') return readingPublishedProgram(command.data.program)
  if (
    (command.type !== 'GradeArtifact' && command.type !== 'GradeCapstone') ||
    state.status === 'notEnrolled'
  ) {
    return passes
  }
  const { enrollmentId, cohortId, programId } = state
  const where = { enrollmentId, cohortId, programId }
  return readingAssignedAssessors(where.cohortId, where.programId, (assigned) =>
    concludeCheck(assessorAssignment(assigned, context.actor.id, where)),
  )
}
