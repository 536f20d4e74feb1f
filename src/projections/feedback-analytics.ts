/**
 * Feedback analytics: what a program office publishes from participant surveys, per program,
 * per cohort and per course survey: how many responded and, for each item, the share of
 * respondents at its top answers (the share who want a second micro-credential among them).
 *
 * Anonymous below a minimum group size: a group (one survey of one cohort) with fewer responses
 * than the minimum (5, and never less) shows no figure, no count and no comment, only that it is
 * suppressed. A suppressed group counts in no total either, so no figure can be had by
 * subtracting one published total from another. Comments are never attributed: they are listed
 * without names, sorted by text, not in the order they came, and an erased comment
 * (`erasePersonalData`) is left out, while its ratings still count. Only responses of educators enrolled
 * in the cohort (an `EducatorEnrolled` of that cohort anywhere in the log) count; the program of a
 * cohort is the program of its first enrollment.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import { identityKey } from '../authorization.js'
import type { EnrollmentEventOf } from '../enrollment/events.js'
import { enrollmentEvents } from '../enrollment/stream.js'
import type { Answers } from '../feedback/commands.js'
import type { FeedbackEvent } from '../feedback/events.js'
import {
  standardFeedbackItems,
  secondCredentialItemId,
  type SurveyItem,
} from '../feedback/items.js'
import { feedbackEvents } from '../feedback/stream.js'
import { surveyKey, type Survey } from '../feedback/survey.js'
import { decodeRecordedEvent } from '../store/decode-recorded-event.js'
import { personalDataPlaceholders } from '../store/personal-data-fields.js'
import { defineProjection, type Projection, type ProjectionDecoder } from './projection.js'
import { compareText } from './read-model-helpers.js'

// -------------------------------------------------------------------------------------
// read model
// -------------------------------------------------------------------------------------

/** One response as the read model keeps it: whose (an identity key), to what, and what. */
export interface StoredResponse {
  readonly respondent: string
  readonly survey: Survey
  readonly answers: Answers
  readonly comment: string
}

/**
 * The feedback read model: each cohort's program and enrolled educators (identity keys), and its
 * responses by survey (`surveyKey`), the first response of each educator only.
 */
export interface FeedbackReadModel {
  readonly cohortPrograms: ReadonlyMap<string, string>
  readonly enrolled: ReadonlyMap<string, ReadonlySet<string>>
  readonly responses: ReadonlyMap<string, ReadonlyMap<string, ReadonlyArray<StoredResponse>>>
}

type Mutable = {
  cohortPrograms: Map<string, string>
  enrolled: Map<string, Set<string>>
  responses: Map<string, Map<string, StoredResponse[]>>
}

/** What the feedback read model reads: responses, and enrollments (for cohort and program). */
export type FeedbackModelEvent = FeedbackEvent | EnrollmentEventOf<'EducatorEnrolled'>

const decodeFeedback = decodeRecordedEvent(feedbackEvents)
const decodeEnrollment = decodeRecordedEvent(enrollmentEvents)

const decode: ProjectionDecoder<FeedbackModelEvent> = (recorded) => {
  if (recorded.streamId.startsWith('feedback-')) return decodeFeedback(recorded)
  if (recorded.streamId.startsWith('enrollment-') && recorded.type === 'EducatorEnrolled') {
    return decodeEnrollment(recorded) as E.Either<never, FeedbackModelEvent>
  }
  return E.right(undefined)
}

const evolveModel = (draft: Draft<FeedbackReadModel>, event: FeedbackModelEvent): void => {
  const model = draft as unknown as Mutable
  if (event.type === 'EducatorEnrolled') {
    const { cohortId, programId, educator } = event.data
    if (!model.cohortPrograms.has(cohortId)) model.cohortPrograms.set(cohortId, programId)
    const enrolled = model.enrolled.get(cohortId)
    if (enrolled === undefined) model.enrolled.set(cohortId, new Set([identityKey(educator.id)]))
    else enrolled.add(identityKey(educator.id))
    return
  }
  const { cohortId, survey, educatorId, answers, comment } = event.data
  let surveys = model.responses.get(cohortId)
  if (surveys === undefined) model.responses.set(cohortId, (surveys = new Map()))
  const key = surveyKey(survey)
  let responses = surveys.get(key)
  if (responses === undefined) surveys.set(key, (responses = []))
  const respondent = identityKey(educatorId)
  // One response per educator per survey, here too: a second one in the log is not counted.
  if (responses.some((response) => response.respondent === respondent)) return
  responses.push({ respondent, survey, answers, comment })
}

/**
 * The feedback read model as a projection over the global log: feedback streams' responses and
 * enrollment streams' `EducatorEnrolled` (every other event is skipped).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { feedbackReadModel, foldProjection } from 'microcred'
 * const model = foldProjection(feedbackReadModel, [])
 * assert.ok(E.isRight(model) && model.right.responses.size === 0)
 */
export const feedbackReadModel: Projection<FeedbackReadModel, FeedbackModelEvent> =
  defineProjection<FeedbackReadModel, FeedbackModelEvent>({
    name: 'feedback',
    initialState: { cohortPrograms: new Map(), enrolled: new Map(), responses: new Map() },
    decode,
    evolve: evolveModel,
  })

// -------------------------------------------------------------------------------------
// analytics
// -------------------------------------------------------------------------------------

/** One item of a published group: the share of its respondents at the item's top answers. */
export interface ItemFigure {
  readonly itemId: string
  readonly statement: string
  /** The labels counted as top answers (those from the item's `topAt` up). */
  readonly topLabels: ReadonlyArray<string>
  /** In [0, 1]; `null` when no response of the group answered the item. */
  readonly topShare: number | null
}

/** A group with enough responses: its figures and its comments (unattributed, by text). */
export interface PublishedGroup {
  readonly suppressed: false
  readonly responses: number
  readonly items: ReadonlyArray<ItemFigure>
  /** The top share of the second-micro-credential item, or `null` without that item. */
  readonly secondCredentialShare: number | null
  readonly comments: ReadonlyArray<string>
}

/** A group under the minimum: nothing but that it is suppressed, and the minimum. */
export interface SuppressedGroup {
  readonly suppressed: true
  readonly minimumGroupSize: number
}

/** What a group shows. */
export type FeedbackGroup = PublishedGroup | SuppressedGroup

/** The feedback of one survey: end-of-program, or the end-of-course survey of a course. */
export interface SurveyFeedback {
  readonly survey: Survey
  readonly group: FeedbackGroup
}

/** One cohort's surveys, each its own group. */
export interface CohortFeedback {
  readonly cohortId: string
  readonly surveys: ReadonlyArray<SurveyFeedback>
}

/**
 * One program: each survey across its cohorts (the published cohort groups only) and each
 * cohort's surveys.
 */
export interface ProgramFeedback {
  readonly programId: string
  readonly surveys: ReadonlyArray<SurveyFeedback>
  readonly cohorts: ReadonlyArray<CohortFeedback>
}

/** What `feedbackAnalytics` may take. */
export interface FeedbackAnalyticsOptions {
  /** The least responses a group needs to be shown: 5 by default, and never less than 5. */
  readonly minimumGroupSize?: number
  /** The items to report (default: `standardFeedbackItems`). */
  readonly items?: ReadonlyArray<SurveyItem>
  /** Only this program. */
  readonly programId?: string
}

/**
 * The minimum group size in force for a requested one: a whole number, never below 5 (a smaller
 * value, or one that is not a finite number, is raised to 5; a fraction is rounded up).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { effectiveMinimumGroupSize } from 'microcred'
 * assert.equal(effectiveMinimumGroupSize(undefined), 5)
 * assert.equal(effectiveMinimumGroupSize(2), 5)
 * assert.equal(effectiveMinimumGroupSize(10.5), 11)
 * assert.equal(effectiveMinimumGroupSize(Number.NaN), 5)
 */
export const effectiveMinimumGroupSize = (requested: number | undefined): number =>
  requested !== undefined && Number.isFinite(requested) ? Math.max(5, Math.ceil(requested)) : 5

const figuresOf = (
  responses: ReadonlyArray<StoredResponse>,
  items: ReadonlyArray<SurveyItem>,
): PublishedGroup => {
  const figures = items.map((item): ItemFigure => {
    let answered = 0
    let top = 0
    for (const { answers } of responses) {
      if (!Object.hasOwn(answers, item.id)) continue
      answered += 1
      if ((answers[item.id] ?? 0) >= item.topAt) top += 1
    }
    return {
      itemId: item.id,
      statement: item.statement,
      topLabels: item.labels.slice(item.topAt - 1),
      topShare: answered === 0 ? null : top / answered,
    }
  })
  return {
    suppressed: false,
    responses: responses.length,
    items: figures,
    secondCredentialShare:
      figures.find((figure) => figure.itemId === secondCredentialItemId)?.topShare ?? null,
    comments: responses
      .map((response) => response.comment)
      .filter((comment) => comment.trim() !== '' && comment !== personalDataPlaceholders.text)
      .sort(compareText),
  }
}

const bySurvey = (a: SurveyFeedback, b: SurveyFeedback): number =>
  compareText(surveyKey(a.survey), surveyKey(b.survey))

/**
 * The analytics of every program (or of `programId` only), by program id; cohorts by id; surveys
 * end-of-course (by course id) then end-of-program. See the module's documentation for what a
 * group shows and when it is suppressed.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, feedbackAnalytics, feedbackReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev', commandId: 'c', actorId: 'a', correlationId: 'c', causationId: 'c', schemaVersion: 1 }
 * const recorded = (position: number, streamId: string, type: string, data: object) =>
 *   ({ streamId, version: 1, position, type, data, metadata, recordedAt: '2027-06-01T16:00:00Z' })
 * const educators = ['e-1', 'e-2', 'e-3', 'e-4', 'e-5']
 * const events = educators.flatMap((id, i) => [
 *   recorded(2 * i + 1, `enrollment-${id}`, 'EducatorEnrolled', { enrollmentId: id, at: '2026-09-01T16:00:00Z',
 *     cohortId: 'steam-2026', programId: 'steam', programVersion: 1, educator: { id, name: 'N', email: 'n@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' }),
 *   recorded(2 * i + 2, 'feedback-steam-2026', 'FeedbackSubmitted', { cohortId: 'steam-2026', survey: { kind: 'endOfProgram' },
 *     educatorId: id, answers: { understanding: 5, 'professional-growth': i < 4 ? 4 : 3, 'second-micro-credential': 5 },
 *     comment: i === 0 ? 'Loved the coaching.' : '', at: '2027-06-01T16:00:00Z' }),
 * ])
 * const model = foldProjection(feedbackReadModel, events)
 * assert.ok(E.isRight(model))
 * const [steam] = feedbackAnalytics(model.right)
 * const group = steam?.cohorts[0]?.surveys[0]?.group
 * assert.ok(group !== undefined && !group.suppressed)
 * assert.equal(group.responses, 5)
 * assert.deepEqual(group.items.map((item) => item.topShare), [1, 0.8, 1])
 * assert.equal(group.secondCredentialShare, 1)
 * assert.deepEqual(group.comments, ['Loved the coaching.'])
 * // With a minimum of 6, the same cohort shows nothing.
 * const [hidden] = feedbackAnalytics(model.right, { minimumGroupSize: 6 })
 * assert.deepEqual(hidden?.cohorts[0]?.surveys[0]?.group, { suppressed: true, minimumGroupSize: 6 })
 */
export const feedbackAnalytics = (
  model: FeedbackReadModel,
  options: FeedbackAnalyticsOptions = {},
): ReadonlyArray<ProgramFeedback> => {
  const minimum = effectiveMinimumGroupSize(options.minimumGroupSize)
  const items = options.items ?? standardFeedbackItems
  const groupOf = (responses: ReadonlyArray<StoredResponse>): FeedbackGroup =>
    responses.length < minimum
      ? { suppressed: true, minimumGroupSize: minimum }
      : figuresOf(responses, items)
  type Pool = {
    cohorts: CohortFeedback[]
    seen: Map<string, Survey>
    pooled: Map<string, StoredResponse[]>
  }
  const programs = new Map<string, Pool>()
  for (const cohortId of [...model.responses.keys()].sort(compareText)) {
    const programId = model.cohortPrograms.get(cohortId)
    if (programId === undefined) continue
    if (options.programId !== undefined && programId !== options.programId) continue
    const enrolled = model.enrolled.get(cohortId) ?? new Set<string>()
    let program = programs.get(programId)
    if (program === undefined)
      programs.set(programId, (program = { cohorts: [], seen: new Map(), pooled: new Map() }))
    const surveys: SurveyFeedback[] = []
    for (const [key, all] of model.responses.get(cohortId) ?? []) {
      const responses = all.filter((response) => enrolled.has(response.respondent))
      const first = responses[0]
      if (first === undefined) continue
      const group = groupOf(responses)
      program.seen.set(key, first.survey)
      surveys.push({ survey: first.survey, group })
      // Only published groups are pooled: a suppressed one counts in no total.
      if (!group.suppressed)
        program.pooled.set(key, [...(program.pooled.get(key) ?? []), ...responses])
    }
    if (surveys.length > 0) program.cohorts.push({ cohortId, surveys: surveys.sort(bySurvey) })
  }
  return [...programs.entries()]
    .filter(([, program]) => program.cohorts.length > 0)
    .sort(([a], [b]) => compareText(a, b))
    .map(([programId, program]) => ({
      programId,
      surveys: [...program.seen.entries()]
        .map(([key, survey]) => ({ survey, group: groupOf(program.pooled.get(key) ?? []) }))
        .sort(bySurvey),
      cohorts: program.cohorts,
    }))
}
