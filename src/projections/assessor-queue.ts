/**
 * The assessor queue: every submission awaiting a grade (EOLA attempts and capstone attempts) of
 * an active enrollment, oldest first, with the days it has waited and the assessor it goes to.
 *
 * **Per assessor**: a resubmission (attempt 2 or later) goes to the assessor who graded the
 * previous attempt, who knows the work; a first attempt is unassigned (`assessorId: null`) and any
 * assessor may take it. Cohorts will assign assessors in a later issue; until then this is the
 * whole rule.
 *
 * **The assessment process** (where the enrollment's pinned rules use it): under blind grading
 * the educator's id and name are replaced by a stable pseudonym (`blind: true`); an attempt a
 * second assessor scores stays in the queue until its outcome is decided, with the `round` it
 * awaits and who scored it (`scoredBy`); under a grading target each item has its `dueDate` and
 * whether it is `overdue`. Enrollments without these rules give the same items as before.
 *
 * @packageDocumentation
 */
import { assessmentRulesOf, pseudonymOf } from '../enrollment/assessment.js'
import { assessorView } from '../enrollment/assessment-view.js'
import { calendarDateOf } from '../enrollment/assessment-calendar.js'
import type { ArtifactAttempt, CapstoneAttempt, Enrollment } from '../enrollment/state.js'
import { own } from '../own.js'
import type { EnrollmentsReadModel } from './enrollments.js'
import { compareInstants, compareText, wholeDaysBetween } from './read-model-helpers.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One submission awaiting a grade. */
export interface QueueItem {
  readonly enrollmentId: string
  readonly educatorId: string
  readonly educatorName: string
  readonly programId: string
  readonly cohortId: string
  readonly kind: 'eola' | 'capstone'
  /** The EOLA submitted; `null` for the capstone. */
  readonly eolaId: string | null
  /** The EOLA's title; for the capstone, `Capstone` and the title of the EOLA it enacts. */
  readonly eolaTitle: string
  /** For the capstone, the EOLA it enacts; `null` for an EOLA. */
  readonly enactedEolaId: string | null
  readonly attempt: number
  readonly submittedAt: string
  /** Whole days from `submittedAt` to `now`, rounded down, never negative. */
  readonly daysWaiting: number
  /** Who grades it: the assessor of the previous attempt, `null` for a first attempt. */
  readonly assessorId: string | null
  /**
   * Present (`true`) where the enrollment's rules grade blind: `educatorId` and `educatorName`
   * then both hold the enrollment's stable pseudonym (`pseudonymOf`), never who the educator is.
   */
  readonly blind?: true
  /** Where a second assessor scores the attempt: the round it awaits (2, or 3 after a dispute). */
  readonly round?: 2 | 3
  /** Where it awaits round 2 or 3: who scored it already, and may not score it again. */
  readonly scoredBy?: ReadonlyArray<string>
  /** Where the rules set a grading target: the date its grade is due by (business days). */
  readonly dueDate?: string
  /** Where the rules set a grading target: whether `now` is past the due date (in the rules' time zone). */
  readonly overdue?: boolean
}

/** What `assessorQueue` takes. */
export interface AssessorQueueOptions {
  /** The instant the days waiting are counted to (ISO-8601). */
  readonly now: string
  /** Only this assessor's items (resubmissions of attempts they graded). */
  readonly assessorId?: string
}

/** The queue of one assessor (`null`: the unassigned first attempts), oldest first. */
export interface AssessorQueueGroup {
  readonly assessorId: string | null
  readonly items: ReadonlyArray<QueueItem>
}

// -------------------------------------------------------------------------------------
// queue
// -------------------------------------------------------------------------------------

type Attempt = ArtifactAttempt | CapstoneAttempt

/** The latest attempt when it awaits its grade, and the assessor of the one before. */
const awaiting = (
  attempts: ReadonlyArray<Attempt>,
): { readonly attempt: Attempt; readonly assessorId: string | null } | undefined => {
  const latest = attempts[attempts.length - 1]
  if (latest === undefined || latest.grade !== null) return undefined
  return { attempt: latest, assessorId: attempts[attempts.length - 2]?.grade?.assessorId ?? null }
}

/** The fields of the assessment process, present only where the enrollment's rules use them. */
const assessed = (state: Enrollment, work: string, now: string, timeZone: string) => {
  const view = assessorView(state, work)
  if (view === undefined) return {}
  return {
    ...(view.round === 1 ? {} : { round: view.round, scoredBy: view.scoredBy }),
    ...(view.dueDate === null
      ? {}
      : {
          dueDate: view.dueDate,
          overdue: calendarDateOf(now, timeZone) > view.dueDate,
        }),
  }
}

const itemsOf = (state: Enrollment, now: string): QueueItem[] => {
  const { blind, timeZone } = assessmentRulesOf(state.requirements)
  const pseudonym = blind ? pseudonymOf(state.enrollmentId) : ''
  const common = {
    enrollmentId: state.enrollmentId,
    educatorId: blind ? pseudonym : state.educator.id,
    educatorName: blind ? pseudonym : state.educator.name,
    programId: state.programId,
    cohortId: state.cohortId,
  }
  const items: QueueItem[] = []
  for (const eola of state.requirements.eolas) {
    const pending = awaiting(own(state.artifacts, eola.id) ?? [])
    if (pending === undefined) continue
    items.push({
      ...common,
      kind: 'eola',
      eolaId: eola.id,
      eolaTitle: eola.title,
      enactedEolaId: null,
      attempt: pending.attempt.attempt,
      submittedAt: pending.attempt.submittedAt,
      daysWaiting: wholeDaysBetween(pending.attempt.submittedAt, now),
      assessorId: pending.assessorId,
      ...(blind ? { blind: true as const } : {}),
      ...assessed(state, eola.id, now, timeZone),
    })
  }
  const capstone = awaiting(state.capstone)
  if (capstone !== undefined) {
    const enacted = (capstone.attempt as CapstoneAttempt).enactedEolaId
    const title = state.requirements.eolas.find((eola) => eola.id === enacted)?.title ?? enacted
    items.push({
      ...common,
      kind: 'capstone',
      eolaId: null,
      eolaTitle: `Capstone: ${title}`,
      enactedEolaId: enacted,
      attempt: capstone.attempt.attempt,
      submittedAt: capstone.attempt.submittedAt,
      daysWaiting: wholeDaysBetween(capstone.attempt.submittedAt, now),
      assessorId: capstone.assessorId,
      ...(blind ? { blind: true as const } : {}),
      ...assessed(state, 'capstone', now, timeZone),
    })
  }
  return items
}

/** Oldest first, then by enrollment id, then EOLAs (by id) before the capstone. */
const oldestFirst = (a: QueueItem, b: QueueItem): number =>
  compareInstants(a.submittedAt, b.submittedAt) ||
  compareText(a.enrollmentId, b.enrollmentId) ||
  compareText(a.kind, b.kind) ||
  compareText(a.eolaId ?? '', b.eolaId ?? '')

/**
 * Every submission awaiting a grade in an active enrollment (a withdrawn, expired or revoked one takes no
 * grade), oldest first: by `submittedAt`, then enrollment id, then EOLAs (by id) before the
 * capstone. With `assessorId`, only the resubmissions that go to that assessor.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { assessorQueue, catalog, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const recorded = (position: number, type: string, data: object) =>
 *   ({ streamId: 'enrollment-enr-1', version: position, position, type, data: { enrollmentId: 'enr-1', ...data }, metadata, recordedAt: '2026-10-01T00:00:00Z' })
 * const evidence = [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }]
 * const model = foldProjection(enrollmentsReadModel, [
 *   recorded(1, 'EducatorEnrolled', { at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' }),
 *   recorded(2, 'ArtifactSubmitted', { at: '2026-10-01T16:00:00Z', eolaId: 'steam-eola-1', attempt: 1, evidence, reflection: 'First try.' }),
 *   recorded(3, 'ArtifactGraded', { at: '2026-10-03T16:00:00Z', eolaId: 'steam-eola-1', attempt: 1, assessorId: 'assessor-7',
 *     scores: { 'steam-eola-1-design': 1 }, outcome: 'revise', feedback: 'Show the inquiry.' }),
 *   recorded(4, 'ArtifactSubmitted', { at: '2026-10-05T16:00:00Z', eolaId: 'steam-eola-1', attempt: 2, evidence, reflection: 'Second try.' }),
 *   recorded(5, 'ArtifactSubmitted', { at: '2026-10-06T16:00:00Z', eolaId: 'steam-eola-2', attempt: 1, evidence, reflection: 'First try.' }),
 * ])
 * assert.ok(E.isRight(model))
 * const queue = assessorQueue(model.right, { now: '2026-10-10T12:00:00Z' })
 * assert.deepEqual(queue.map((item) => [item.eolaId, item.attempt, item.daysWaiting, item.assessorId]), [
 *   ['steam-eola-1', 2, 4, 'assessor-7'], // back to who asked for the revision
 *   ['steam-eola-2', 1, 3, null], // a first attempt: anyone's
 * ])
 * assert.equal(assessorQueue(model.right, { now: '2026-10-10T12:00:00Z', assessorId: 'assessor-7' }).length, 1)
 */
export const assessorQueue = (
  model: EnrollmentsReadModel,
  options: AssessorQueueOptions,
): ReadonlyArray<QueueItem> => {
  const items: QueueItem[] = []
  for (const id of model.byStatus.get('active') ?? []) {
    const state = model.enrollments.get(id)
    if (state === undefined) continue
    for (const item of itemsOf(state, options.now)) {
      if (options.assessorId === undefined || item.assessorId === options.assessorId) {
        items.push(item)
      }
    }
  }
  return items.sort(oldestFirst)
}

/**
 * The queue split by assessor: one group per assessor (by id), then the unassigned first
 * attempts (`assessorId: null`); each group keeps the queue's order.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { queueByAssessor, type QueueItem } from 'microcred'
 * const item = (enrollmentId: string, assessorId: string | null): QueueItem => ({
 *   enrollmentId, educatorId: 'e-1', educatorName: 'Maria Lopez', programId: 'steam', cohortId: 'steam-2026', kind: 'eola',
 *   eolaId: 'steam-eola-1', eolaTitle: 'Design', enactedEolaId: null, attempt: 1, submittedAt: '2026-10-01T16:00:00Z', daysWaiting: 2, assessorId,
 * })
 * const groups = queueByAssessor([item('enr-1', null), item('enr-2', 'b-2'), item('enr-3', 'a-1'), item('enr-4', 'b-2')])
 * assert.deepEqual(groups.map((group) => [group.assessorId, group.items.map((i) => i.enrollmentId)]), [
 *   ['a-1', ['enr-3']],
 *   ['b-2', ['enr-2', 'enr-4']],
 *   [null, ['enr-1']],
 * ])
 */
export const queueByAssessor = (
  items: ReadonlyArray<QueueItem>,
): ReadonlyArray<AssessorQueueGroup> => {
  const groups = new Map<string | null, QueueItem[]>()
  for (const item of items) {
    const group = groups.get(item.assessorId)
    if (group === undefined) groups.set(item.assessorId, [item])
    else group.push(item)
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareText(a, b)))
    .map(([assessorId, group]) => ({ assessorId, items: group }))
}
