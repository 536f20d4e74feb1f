/**
 * Grading by assigned assessors: a guarded command that reads the enrollment, its cohort and its
 * program's staff before it grades, so only an assessor assigned to the enrollment's cohort or
 * program grades its work.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { sameIdentity } from '../authorization.js'
import {
  cohort as defaultCohort,
  cohortStreamId,
  programStaff as defaultProgramStaff,
  programStaffStreamId,
  type CohortDecider,
  type ProgramStaffDecider,
} from '../cohort/index.js'
import type { StaffMember } from '../cohort/state.js'
import { CommandContext } from '../context.js'
import { EnrollmentCommand, type EnrollmentCommandOf } from '../enrollment/commands.js'
import { enrollment as defaultEnrollment, type EnrollmentDecider } from '../enrollment/index.js'
import { enrollmentStreamId } from '../enrollment/stream.js'
import { invalidCommand, type DomainError, type InvalidCommand } from '../errors.js'
import { aggregateStream, type AggregateStreamError } from '../store/aggregate-stream.js'
import type { EventStore } from '../store/event-store.js'
import {
  handleCommand,
  type HandleCommandOptions,
  type HandleCommandResult,
} from '../store/handler.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import type { EnrollmentState } from '../enrollment/state.js'

/** A grade: of an artifact's attempt or of the capstone's. */
export type GradeCommand = EnrollmentCommandOf<'GradeArtifact' | 'GradeCapstone'>

/** The assessor is assigned neither to the enrollment's cohort nor to its program. */
export interface AssessorNotAssigned {
  readonly _tag: 'AssessorNotAssigned'
  readonly message: string
  readonly assessorId: string
  readonly cohortId: string
  readonly programId: string
}

/** Why `gradeAsAssignedAssessor` did not grade. */
export type AssignedGradingError = DomainError | AssessorNotAssigned | AggregateStreamError

/** Options of `gradeAsAssignedAssessor`: the aggregates it reads and grades with, and the handler's. */
export interface AssignedGradingOptions extends HandleCommandOptions {
  readonly enrollment?: EnrollmentDecider
  readonly cohort?: CohortDecider
  readonly programStaff?: ProgramStaffDecider
}

const isAssessor = (staff: ReadonlyArray<StaffMember>, id: string) =>
  staff.some((m) => m.role === 'assessor' && sameIdentity(m.staffId, id))

const notAGrade = (type: string): InvalidCommand => ({
  _tag: 'InvalidCommand',
  message: `invalid command: gradeAsAssignedAssessor takes GradeArtifact or GradeCapstone, not ${type}`,
  issues: [
    {
      path: 'type',
      message: `expected GradeArtifact or GradeCapstone, got ${JSON.stringify(type).slice(0, 60)}`,
    },
  ],
})

/**
 * Grades an artifact or a capstone as an assessor assigned to the enrollment's cohort (in the
 * cohort's staff) or to its program (in the program's staff stream): decodes the command and
 * context, reads the enrollment, its cohort and its program's staff, refuses an assessor
 * assigned to neither (`AssessorNotAssigned`, naming the assessor, the cohort and the program,
 * writing nothing), else handles the command through `handleCommand(store, enrollment, ...)`,
 * whose rules still apply (the assessor role, never one's own work, ...). An enrollment that does
 * not exist is left to the enrollment to refuse. Assignments are compared by `sameIdentity`.
 *
 * The check and the grade are two steps: an assignment removed between them does not undo a
 * grade already recorded.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, createInMemoryEventStore, enrollment, gradeAsAssignedAssessor, handleCommand, programStaff } from 'microcred'
 * const store = createInMemoryEventStore()
 * const admin = { id: 'admin-1', roles: ['administrator' as const] }
 * const educator = { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
 * await handleCommand(store, enrollment, { type: 'Enroll', data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam, educator } },
 *   { actor: admin, at: '2026-08-01T16:00:00Z', commandId: 'c-1' })
 * await handleCommand(store, enrollment, { type: 'SubmitArtifact', data: { enrollmentId: 'enr-1', eolaId: 'steam-eola-1',
 *   evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }], reflection: 'What worked.' } },
 *   { actor: { id: 'e-1', roles: ['educator'] }, at: '2026-10-01T16:00:00Z', commandId: 'c-2' })
 * const scores = Object.fromEntries(catalog.steam.eolas[0]!.rubric.map((c) => [c.id, c.maxScore]))
 * const grade = { type: 'GradeArtifact' as const, data: { enrollmentId: 'enr-1', eolaId: 'steam-eola-1', attempt: 1, scores, feedback: 'Strong.' } }
 * const assessor = { id: 'as-1', roles: ['assessor' as const] }
 * const refused = await gradeAsAssignedAssessor(store, grade, { actor: assessor, at: '2026-10-02T16:00:00Z', commandId: 'c-3' })
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left._tag, 'AssessorNotAssigned')
 * await handleCommand(store, programStaff, { type: 'AssignStaff', data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor' } },
 *   { actor: admin, at: '2026-10-02T16:00:00Z', commandId: 'c-4' })
 * const graded = await gradeAsAssignedAssessor(store, grade, { actor: assessor, at: '2026-10-03T16:00:00Z', commandId: 'c-5' })
 * assert.ok(E.isRight(graded))
 * assert.equal(graded.right.events[0]?.type, 'ArtifactGraded')
 */
export const gradeAsAssignedAssessor = async (
  store: EventStore,
  command: GradeCommand,
  context: CommandContext,
  options: AssignedGradingOptions = {},
): Promise<HandleCommandResult<EnrollmentEvent, EnrollmentState, AssignedGradingError>> => {
  const {
    enrollment = defaultEnrollment,
    cohort = defaultCohort,
    programStaff = defaultProgramStaff,
    ...handling
  } = options
  const decodedCommand = EnrollmentCommand.decode(command)
  if (E.isLeft(decodedCommand)) return E.left(invalidCommand('command', decodedCommand.left))
  const decodedContext = CommandContext.decode(context)
  if (E.isLeft(decodedContext))
    return E.left(invalidCommand('command context', decodedContext.left))
  const grade = decodedCommand.right
  if (grade.type !== 'GradeArtifact' && grade.type !== 'GradeCapstone')
    return E.left(notAGrade(grade.type))
  const ctx = decodedContext.right
  const enrolled = await aggregateStream(
    store,
    enrollment,
    enrollmentStreamId(grade.data.enrollmentId),
  )
  if (E.isLeft(enrolled)) return enrolled
  const state = enrolled.right.state
  if (state.status !== 'notEnrolled') {
    const cohortRead = await aggregateStream(store, cohort, cohortStreamId(state.cohortId))
    if (E.isLeft(cohortRead)) return cohortRead
    const programRead = await aggregateStream(
      store,
      programStaff,
      programStaffStreamId(state.programId),
    )
    if (E.isLeft(programRead)) return programRead
    const cohortState = cohortRead.right.state
    // A cohort's staff counts only if the stream is that cohort's (a cohort of another program
    // with the same id would not be).
    const inCohort =
      cohortState.status !== 'unscheduled' &&
      cohortState.programId === state.programId &&
      isAssessor(cohortState.staff, ctx.actor.id)
    if (!inCohort && !isAssessor(programRead.right.state.staff, ctx.actor.id)) {
      return E.left({
        _tag: 'AssessorNotAssigned',
        message: `${ctx.actor.id} is not an assessor assigned to cohort '${state.cohortId}' or to program '${state.programId}', so may not grade enrollment '${state.enrollmentId}': an administrator assigns assessors with AssignStaff`,
        assessorId: ctx.actor.id,
        cohortId: state.cohortId,
        programId: state.programId,
      })
    }
  }
  return handleCommand(store, enrollment, grade, ctx, handling)
}
