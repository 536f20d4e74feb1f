/**
 * Grading by assigned assessors only, strictly: a grade handled with the enrollment's check across
 * streams made strict, which refuses an assessor assigned to neither the cohort nor the program
 * even where nobody is assigned yet (`handleCommand` lets any assessor grade there).
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { CommandContext } from '../context.js'
import {
  assessorAssignment,
  readingAssignedAssessors,
  type AcrossStreamsError,
} from '../enrollment/across-streams.js'
import { EnrollmentCommand, type EnrollmentCommandOf } from '../enrollment/commands.js'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { enrollment as defaultEnrollment, type EnrollmentDecider } from '../enrollment/index.js'
import type { EnrollmentState } from '../enrollment/state.js'
import { invalidCommand, type DomainError, type InvalidCommand } from '../errors.js'
import { concludeCheck, passes } from '../stream-check.js'
import type { AggregateStreamError } from '../store/aggregate-stream.js'
import type { EventStore } from '../store/event-store.js'
import {
  handleCommand,
  type HandleCommandOptions,
  type HandleCommandResult,
} from '../store/handler.js'

/** A grade: of an artifact's attempt or of the capstone's. */
export type GradeCommand = EnrollmentCommandOf<'GradeArtifact' | 'GradeCapstone'>

/** Why `gradeAsAssignedAssessor` did not grade. */
export type AssignedGradingError = DomainError | AcrossStreamsError | AggregateStreamError

/** Options of `gradeAsAssignedAssessor`: the enrollment decider to grade with, and the handler's. */
export interface AssignedGradingOptions extends HandleCommandOptions {
  readonly enrollment?: EnrollmentDecider
}

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
 * The enrollment decider whose check of a grade is strict: the assessor must be assigned even
 * where nobody is (every other check as the decider's own). One per decider, so the handler's
 * state cache, kept per aggregate, serves every strict grade.
 */
const strictVariants = new WeakMap<EnrollmentDecider, EnrollmentDecider>()
const strictly = (enrollment: EnrollmentDecider): EnrollmentDecider => {
  let strict = strictVariants.get(enrollment)
  if (strict === undefined) {
    strict = {
      ...enrollment,
      checkAcrossStreams: (command, state, context) => {
        if (command.type !== 'GradeArtifact' && command.type !== 'GradeCapstone') {
          return enrollment.checkAcrossStreams?.(command, state, context) ?? passes
        }
        if (state.status === 'notEnrolled') return passes
        const { enrollmentId, cohortId, programId } = state
        return readingAssignedAssessors(cohortId, programId, (assessors) =>
          concludeCheck(
            assessorAssignment(
              assessors,
              context.actor.id,
              { enrollmentId, cohortId, programId },
              { required: true },
            ),
          ),
        )
      },
    }
    strictVariants.set(enrollment, strict)
  }
  return strict
}

/**
 * Grades an artifact or a capstone only as an assessor assigned to the enrollment's cohort (in
 * the cohort's staff) or to its program (in the program's staff stream), even where nobody is
 * assigned yet: the strict form of the rule `handleCommand` applies to every grade (which, once
 * anyone is assigned, refuses everyone else, but lets any assessor grade a program and cohort
 * with nobody assigned). It takes only a grade, and handles it through `handleCommand` with the
 * enrollment's check across streams made strict: once `decide` has accepted it (the assessor
 * role, never one's own work, ...; an enrollment that does not exist is refused there), the
 * handler reads who is assigned (`readingAssignedAssessors`) and refuses an assessor assigned to
 * neither (`AssessorNotAssigned`, naming the assessor, the enrollment, the cohort and the
 * program), writing nothing. Assignments are compared by `sameIdentity`.
 *
 * The check and the append are two steps: an assignment removed between them is not seen, and
 * removing one does not undo a grade already recorded.
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
  const { enrollment = defaultEnrollment, ...handling } = options
  const decodedCommand = EnrollmentCommand.decode(command)
  if (E.isLeft(decodedCommand)) return E.left(invalidCommand('command', decodedCommand.left))
  const decodedContext = CommandContext.decode(context)
  if (E.isLeft(decodedContext))
    return E.left(invalidCommand('command context', decodedContext.left))
  const grade = decodedCommand.right
  if (grade.type !== 'GradeArtifact' && grade.type !== 'GradeCapstone')
    return E.left(notAGrade(grade.type))
  return handleCommand(store, strictly(enrollment), grade, decodedContext.right, handling)
}
