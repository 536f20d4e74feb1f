/**
 * Which survey a response answers: a cohort's end-of-program survey, or its end-of-course survey
 * of one course. The surveys are fixed: every cohort has one of each, asking the same items, so
 * no one defines (or mis-defines) a survey before participants answer it.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { exact, Id } from '../codec.js'

/**
 * A survey of a cohort: `{ kind: 'endOfProgram' }` or `{ kind: 'endOfCourse', courseId }`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Survey } from 'microcred'
 * assert.equal(Survey.is({ kind: 'endOfProgram' }), true)
 * assert.equal(Survey.is({ kind: 'endOfCourse', courseId: 'steam-fa' }), true)
 * assert.equal(Survey.is({ kind: 'endOfCourse' }), false) // which course?
 * assert.equal(Survey.is({ kind: 'endOfProgram', courseId: 'steam-fa' }), false)
 */
export const Survey = t.union(
  [
    exact({ kind: t.literal('endOfProgram') }, undefined, 'EndOfProgram'),
    exact({ kind: t.literal('endOfCourse'), courseId: Id }, undefined, 'EndOfCourse'),
  ],
  'Survey',
)
/** A cohort's end-of-program survey, or its end-of-course survey of one course. */
export type Survey = t.TypeOf<typeof Survey>

/**
 * A survey as one string, the same for the same survey and different for different ones:
 * `program`, or `course:<courseId>`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { surveyKey } from 'microcred'
 * assert.equal(surveyKey({ kind: 'endOfProgram' }), 'program')
 * assert.equal(surveyKey({ kind: 'endOfCourse', courseId: 'program' }), 'course:program')
 */
export const surveyKey = (survey: Survey): string =>
  survey.kind === 'endOfProgram' ? 'program' : `course:${survey.courseId}`

/**
 * A survey in words, for messages and reports.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { describeSurvey } from 'microcred'
 * assert.equal(describeSurvey({ kind: 'endOfCourse', courseId: 'steam-fa' }), "the end-of-course survey of 'steam-fa'")
 */
export const describeSurvey = (survey: Survey): string =>
  survey.kind === 'endOfProgram'
    ? 'the end-of-program survey'
    : `the end-of-course survey of '${survey.courseId}'`
