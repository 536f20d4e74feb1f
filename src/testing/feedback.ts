/**
 * Generators for participant feedback: answers to a survey's items, and whole district logs of
 * cohort enrollments and survey responses (with outsiders who never enrolled, and second
 * responses under another spelling of the same id), each with the plan it was written from, so
 * an app can check its own figures against an independent count.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import { requirementsOf } from '../enrollment/requirements.js'
import type { Answers } from '../feedback/commands.js'
import { standardFeedbackItems, type SurveyItem } from '../feedback/items.js'
import type { Survey } from '../feedback/survey.js'
import { lausdPolicy } from '../policy.js'
import { catalog } from '../program/catalog/index.js'
import type { RecordedEvent } from '../store/recorded-event.js'

/**
 * Answers to every item of `items` (the standard ones by default), each from 1 to 5.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { Answers } from 'microcred'
 * import { answersArbitrary } from 'microcred/testing'
 * fc.assert(fc.property(answersArbitrary(), (answers) => assert.ok(Answers.is(answers))), { numRuns: 20 })
 */
export const answersArbitrary = (
  items: ReadonlyArray<SurveyItem> = standardFeedbackItems,
): fc.Arbitrary<Answers> =>
  fc
    .tuple(...items.map(() => fc.integer({ min: 1, max: 5 })))
    .map((values) => Object.fromEntries(items.map((item, i) => [item.id, values[i] as number])))

/** One response of a generated feedback log, as it was planned. */
export interface PlannedResponse {
  readonly cohortId: string
  readonly survey: Survey
  /** The id as the response spells it (a second response may spell it in capitals). */
  readonly educatorId: string
  readonly answers: Answers
  /** Different for every response (or empty), so a test can look for it in a report. */
  readonly comment: string
}

/** A generated feedback log: the plan, and the recorded events written from it, in log order. */
export interface FeedbackLog {
  /** Who enrolled in which cohort of which program, in log order. */
  readonly enrollments: ReadonlyArray<{
    readonly educatorId: string
    readonly cohortId: string
    readonly programId: string
  }>
  /** Every response in the log, in log order (duplicates and outsiders' included). */
  readonly responses: ReadonlyArray<PlannedResponse>
  readonly events: ReadonlyArray<RecordedEvent>
}

/** What `feedbackLogArbitrary` may take. */
export interface FeedbackLogOptions {
  /** The items answered (default: `standardFeedbackItems`). */
  readonly items?: ReadonlyArray<SurveyItem>
  /** At most this many cohorts (default 4). */
  readonly maxCohorts?: number
  /** At most this many educators per cohort (default 12, so groups fall on both sides of 5). */
  readonly maxEducators?: number
}

const surveys: ReadonlyArray<Survey> = [
  { kind: 'endOfProgram' },
  { kind: 'endOfCourse', courseId: 'course-a' },
  { kind: 'endOfCourse', courseId: 'course-b' },
]
const programs = ['steam', 'dual-language']
const metadata = (n: number) => ({
  eventId: `ev-${n}`,
  commandId: `cmd-${n}`,
  actorId: 'actor',
  correlationId: `cmd-${n}`,
  causationId: `cmd-${n}`,
  schemaVersion: 1,
})

/**
 * A district's feedback log: cohorts of two programs, educators enrolled in them who answer some
 * of three surveys (end-of-program, two courses), some outsiders who never enrolled, and some
 * second responses under the same id in capitals; each comment is distinct or empty.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { feedbackReadModel, foldProjection } from 'microcred'
 * import { feedbackLogArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(feedbackLogArbitrary(), (log) => assert.ok(E.isRight(foldProjection(feedbackReadModel, log.events)))),
 *   { numRuns: 10 },
 * )
 */
export const feedbackLogArbitrary = (
  options: FeedbackLogOptions = {},
): fc.Arbitrary<FeedbackLog> => {
  const items = options.items ?? standardFeedbackItems
  const requirements = requirementsOf(catalog.steam, lausdPolicy)
  const educator = fc.record({
    answers: fc.array(fc.tuple(fc.nat(surveys.length - 1), answersArbitrary(items)), {
      maxLength: 3,
    }),
    again: fc.option(fc.tuple(fc.nat(surveys.length - 1), answersArbitrary(items)), { freq: 4 }),
    outsider: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  })
  const cohort = fc.record({
    programId: fc.constantFrom(...programs),
    educators: fc.array(educator, { maxLength: options.maxEducators ?? 12 }),
  })
  return fc
    .tuple(fc.array(cohort, { minLength: 1, maxLength: options.maxCohorts ?? 4 }), fc.nat())
    .map(([cohorts, seed]) => {
      const enrollments: Array<FeedbackLog['enrollments'][number]> = []
      const responses: PlannedResponse[] = []
      cohorts.forEach((c, ci) => {
        const cohortId = `cohort-${ci}`
        c.educators.forEach((e, ei) => {
          const educatorId = `e-${ci}-${ei}`
          if (!e.outsider) enrollments.push({ educatorId, cohortId, programId: c.programId })
          const answer = (n: number, answers: Answers, id: string) =>
            responses.push({
              cohortId,
              survey: surveys[n] as Survey,
              educatorId: id,
              answers,
              comment: (seed + responses.length) % 3 === 0 ? '' : `comment #${responses.length}`,
            })
          for (const [n, answers] of e.answers) answer(n, answers, educatorId)
          if (e.again !== null) answer(e.again[0], e.again[1], educatorId.toUpperCase())
        })
      })
      const events: RecordedEvent[] = []
      const versions = new Map<string, number>()
      const at = (n: number) => new Date(Date.UTC(2026, 8, 1) + n * 3_600_000).toISOString()
      const record = (streamId: string, type: string, data: object) => {
        const version = (versions.get(streamId) ?? 0) + 1
        versions.set(streamId, version)
        const position = events.length + 1
        events.push({
          streamId,
          version,
          position,
          type,
          data,
          metadata: metadata(position),
          recordedAt: at(position),
        })
      }
      for (const { educatorId, cohortId, programId } of enrollments) {
        record(`enrollment-enr-${educatorId}`, 'EducatorEnrolled', {
          enrollmentId: `enr-${educatorId}`,
          at: at(events.length + 1),
          educator: { id: educatorId, name: 'Educator', email: 'educator@lausd.net' },
          cohortId,
          programId,
          programVersion: 1,
          requirements,
          enrolledBy: 'admin-1',
        })
      }
      for (const response of responses) {
        record(`feedback-${response.cohortId}`, 'FeedbackSubmitted', {
          ...response,
          at: at(events.length + 1),
        })
      }
      return { enrollments, responses, events }
    })
}
