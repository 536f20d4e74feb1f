/**
 * Properties of the feedback analytics over random district logs (`feedbackLogArbitrary`):
 * every figure equals an independent count from the plan the log was written from; a group under
 * the minimum never shows a figure or a comment, and counts in no total; shares are in [0, 1];
 * the read model keeps one response per educator per survey.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  feedbackAnalytics,
  feedbackReadModel,
  foldProjection,
  identityKey,
  standardFeedbackItems,
  surveyKey,
  type FeedbackGroup,
  type FeedbackReadModel,
  type ProgramFeedback,
} from '../../src/index.js'
import {
  feedbackLogArbitrary,
  type FeedbackLog,
  type PlannedResponse,
} from '../../src/testing/index.js'

const minimumArbitrary = fc.constantFrom(undefined, 0, 1, 4, 5, 6, 8)

const modelOf = (log: FeedbackLog): FeedbackReadModel => {
  const model = foldProjection(feedbackReadModel, log.events)
  if (E.isLeft(model)) throw new Error(model.left.message)
  return model.right
}

interface Expected {
  readonly responses: ReadonlyArray<PlannedResponse>
}

/** The oracle: counted from the plan, not from the read model. */
const oracle = (log: FeedbackLog) => {
  const programOf = new Map<string, string>()
  const enrolled = new Set<string>()
  for (const e of log.enrollments) {
    if (!programOf.has(e.cohortId)) programOf.set(e.cohortId, e.programId)
    enrolled.add(`${e.cohortId}|${identityKey(e.educatorId)}`)
  }
  const seen = new Set<string>()
  const groups = new Map<string, Expected & { programId: string; cohortId: string; key: string }>()
  for (const r of log.responses) {
    const who = `${r.cohortId}|${identityKey(r.educatorId)}`
    const once = `${who}|${surveyKey(r.survey)}`
    if (seen.has(once)) continue
    seen.add(once)
    if (!enrolled.has(who)) continue
    const id = `${r.cohortId}|${surveyKey(r.survey)}`
    const group = groups.get(id) ?? {
      programId: programOf.get(r.cohortId) as string,
      cohortId: r.cohortId,
      key: surveyKey(r.survey),
      responses: [],
    }
    groups.set(id, { ...group, responses: [...group.responses, r] })
  }
  return groups
}

const topShares = (responses: ReadonlyArray<PlannedResponse>) =>
  standardFeedbackItems.map(
    (item) =>
      responses.filter((r) => (r.answers[item.id] ?? 0) >= item.topAt).length / responses.length,
  )

const groupIn = (
  programs: ReadonlyArray<ProgramFeedback>,
  programId: string,
  cohortId: string,
  key: string,
) =>
  programs
    .find((p) => p.programId === programId)
    ?.cohorts.find((c) => c.cohortId === cohortId)
    ?.surveys.find((s) => surveyKey(s.survey) === key)?.group

const shown = (group: FeedbackGroup | undefined) =>
  group === undefined || group.suppressed
    ? group
    : { responses: group.responses, shares: group.items.map((item) => item.topShare) }

describe('feedback analytics (properties)', () => {
  it("every cohort's and program's figures equal the oracle's count; suppressed groups count nowhere", () => {
    fc.assert(
      fc.property(feedbackLogArbitrary(), minimumArbitrary, (log, requested) => {
        const minimum = Math.max(5, requested ?? 5)
        const programs = feedbackAnalytics(
          modelOf(log),
          requested === undefined ? {} : { minimumGroupSize: requested },
        )
        const groups = oracle(log)
        const pooled = new Map<string, PlannedResponse[]>()
        let cohortGroups = 0
        for (const g of groups.values()) {
          cohortGroups += 1
          const group = groupIn(programs, g.programId, g.cohortId, g.key)
          if (g.responses.length < minimum) {
            expect(group).toEqual({ suppressed: true, minimumGroupSize: minimum })
            continue
          }
          expect(shown(group)).toEqual({
            responses: g.responses.length,
            shares: topShares(g.responses),
          })
          const key = `${g.programId}|${g.key}`
          pooled.set(key, [...(pooled.get(key) ?? []), ...g.responses])
        }
        // Nothing else is listed.
        const listed = programs.flatMap((p) => p.cohorts.flatMap((c) => c.surveys)).length
        expect(listed).toBe(cohortGroups)
        for (const program of programs) {
          for (const { survey, group } of program.surveys) {
            const responses = pooled.get(`${program.programId}|${surveyKey(survey)}`) ?? []
            if (responses.length === 0) expect(group.suppressed).toBe(true)
            else
              expect(shown(group)).toEqual({
                responses: responses.length,
                shares: topShares(responses),
              })
          }
        }
      }),
      { numRuns: 120 },
    )
  })

  it('a group under the minimum never reveals a figure or a comment; an outsider or a second response shows nowhere', () => {
    fc.assert(
      fc.property(feedbackLogArbitrary(), minimumArbitrary, (log, requested) => {
        const programs = feedbackAnalytics(
          modelOf(log),
          requested === undefined ? {} : { minimumGroupSize: requested },
        )
        const text = JSON.stringify(programs)
        const groups = oracle(log)
        const counted = new Set(
          [...groups.values()].flatMap((g) =>
            g.responses.length >= Math.max(5, requested ?? 5) ? g.responses : [],
          ),
        )
        for (const response of log.responses) {
          if (response.comment === '') continue
          const quoted = JSON.stringify(response.comment)
          expect(text.includes(quoted), `${response.comment} shown: ${counted.has(response)}`).toBe(
            counted.has(response),
          )
        }
        // No educator id appears in what is published.
        for (const response of log.responses)
          expect(text.includes(JSON.stringify(response.educatorId))).toBe(false)
      }),
      { numRuns: 120 },
    )
  })

  it('shares are in [0, 1] and comments come sorted, not in the order they were given', () => {
    fc.assert(
      fc.property(feedbackLogArbitrary(), (log) => {
        for (const program of feedbackAnalytics(modelOf(log))) {
          const groups = [...program.surveys, ...program.cohorts.flatMap((c) => c.surveys)].map(
            (s) => s.group,
          )
          for (const group of groups) {
            if (group.suppressed) continue
            expect(group.responses).toBeGreaterThanOrEqual(5)
            for (const item of group.items) {
              expect(item.topShare).not.toBeNull()
              expect(item.topShare).toBeGreaterThanOrEqual(0)
              expect(item.topShare).toBeLessThanOrEqual(1)
            }
            expect([...group.comments].sort()).toEqual(group.comments)
          }
        }
      }),
      { numRuns: 80 },
    )
  })

  it('the read model keeps one response per educator per survey', () => {
    fc.assert(
      fc.property(feedbackLogArbitrary(), (log) => {
        const model = modelOf(log)
        for (const surveys of model.responses.values()) {
          for (const responses of surveys.values()) {
            const who = responses.map((r) => r.respondent)
            expect(new Set(who).size).toBe(who.length)
          }
        }
      }),
      { numRuns: 60 },
    )
  })
})
