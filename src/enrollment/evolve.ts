/**
 * How each enrollment event changes the state: one immer recipe, used by `evolve` (through
 * `produce`) and by the folds (on their own copy). Events are facts: the recipe applies them and
 * checks nothing but, in `evolve`, that they belong to this enrollment; an event that does not
 * apply leaves the state as it is. The folds take their events from one enrollment's stream and
 * skip that check.
 *
 * @packageDocumentation
 */
import type { Draft } from 'immer'
import { evolveWith, foldByKey, foldWith } from '../decider.js'
import { deepFreeze } from '../freeze.js'
import { own, setOwn } from '../own.js'
import type { EnrollmentEvent, EnrollmentEventOf } from './events.js'
import type { Requirements } from './requirements.js'
import type { Scoring } from './assessment.js'
import type { Scores } from './shared.js'
import type {
  ArtifactAttempt,
  CapstoneAttempt,
  Enrollment,
  EnrollmentState,
  NotEnrolled,
} from './state.js'

/**
 * A fresh state before any event.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { notEnrolled } from 'microcred'
 * assert.deepEqual(notEnrolled(), { status: 'notEnrolled' })
 * assert.notEqual(notEnrolled(), notEnrolled()) // fresh each time
 */
export const notEnrolled = (): NotEnrolled => ({ status: 'notEnrolled' })

/**
 * A part of an event that the state shares, deeply frozen. A decoded event is frozen already
 * (`EnrollmentEvent` decodes frozen), and its parts are then taken as they are: the check reads
 * the event's `data`, which the fold reads anyway, not each part, which it otherwise never
 * touches (each such touch is a cache miss in a replay, measured in the replay benchmark).
 */
const shared = <A extends object>(data: object, part: A, freeze: (part: A) => A = deepFreeze): A =>
  Object.isFrozen(data) ? part : freeze(part)

/**
 * The attempts of an EOLA before its first, and of the capstone before its first: one frozen empty
 * list that every state shares. The first attempt replaces it with a list of one (`firstOf`), so
 * a state holds no empty list of its own to allocate and freeze, and no list whose first push
 * reserved room for 17.
 */
const noAttempts: never[] = Object.freeze([]) as never[]

/** The `scores` of a capstone's grade or scoring (outcome only): one frozen object all share. */
const noScores: Scores = Object.freeze({})

/**
 * Adds `item` to `list`: a list of one replaces the shared `noAttempts` (in a fold's private
 * state); any other list, an immer draft of `noAttempts` among them, takes the push (immer copies
 * on write, and an own entry `__proto__` of a draft cannot be redefined).
 */
const append = <A>(record: Record<string, A[]>, key: string, list: A[], item: A): void => {
  if (list === noAttempts) setOwn(record, key, [item])
  else list.push(item)
}

const enrolled = ({ data }: EnrollmentEventOf<'EducatorEnrolled'>): Enrollment => {
  // Own entries, even for an id such as `__proto__` that an event written before ids were
  // checked may hold. Loops rather than `map` and a callback: this runs once per stream of a replay.
  const { modules, eolas } = data.requirements
  const credited: Enrollment['credited'] = {}
  for (const module of modules) {
    setOwn(credited, module.id, { faceToFace: 0, online: 0, homework: 0 })
  }
  const artifacts: Enrollment['artifacts'] = {}
  for (const eola of eolas) setOwn(artifacts, eola.id, noAttempts)
  return {
    status: 'active',
    enrollmentId: data.enrollmentId,
    educator: shared(data, data.educator),
    cohortId: data.cohortId,
    programId: data.programId,
    programVersion: data.programVersion,
    requirements: shared(data, data.requirements, freezeRequirements),
    enrolledAt: data.at,
    lastEventAt: data.at,
    credited,
    completedModules: [],
    completedCourses: [],
    artifacts,
    capstone: noAttempts,
    credential: null,
    withdrawal: null,
    revocation: null,
    expiry: null,
    badge: null,
  }
}

/**
 * The recipe of the folds, which see one enrollment's events only: a stream (`foldEnrollment`)
 * or a log routed by enrollment id (`foldEnrollments`). It does not compare ids: reading each
 * event's id is a memory access the fold of a 40-event stream would otherwise spend a third of
 * its time on (measured in the replay benchmark).
 */
const applyOwnEvent = (
  draft: Draft<EnrollmentState>,
  event: EnrollmentEvent,
): EnrollmentState | void => {
  if (draft.status === 'notEnrolled') {
    return event.type === 'EducatorEnrolled' ? enrolled(event) : undefined
  }
  if (event.type !== 'EducatorEnrolled') {
    draft.lastEventAt = event.data.at
    applyFact(draft as Draft<Enrollment>, event)
  }
}

/**
 * The enrollment recipe: mutates `draft` by `event`, or returns the new state when the event
 * starts the enrollment. An event of another enrollment leaves the state as it is.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { applyEnrollmentEvent, catalog, lausdPolicy, notEnrolled, requirementsOf } from 'microcred'
 * const at = '2026-09-01T16:00:00Z'
 * const completed = (enrollmentId: string) =>
 *   ({ type: 'ModuleCompleted', data: { enrollmentId, moduleId: 'steam-fa-1', at } }) as const
 * // Before the enrollment starts, an event does not apply: nothing is returned, nothing changes.
 * assert.equal(applyEnrollmentEvent(notEnrolled(), completed('enr-1')), undefined)
 * // The event that starts it returns the new state...
 * const started = applyEnrollmentEvent(notEnrolled(), {
 *   type: 'EducatorEnrolled',
 *   data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' },
 * })
 * assert.ok(started && started.status === 'active')
 * // ...and the others change the draft in place, unless they are another enrollment's.
 * applyEnrollmentEvent(started, completed('enr-1'))
 * applyEnrollmentEvent(started, completed('enr-2'))
 * assert.deepEqual(started.completedModules, ['steam-fa-1'])
 */
export const applyEnrollmentEvent = (
  draft: Draft<EnrollmentState>,
  event: EnrollmentEvent,
): EnrollmentState | void =>
  draft.status !== 'notEnrolled' && event.data.enrollmentId !== draft.enrollmentId
    ? undefined
    : applyOwnEvent(draft, event)

/** Adds an assessor's score to an attempt (an EOLA's or the capstone's), frozen. */
const addScoring = (
  submitted: Draft<ArtifactAttempt | CapstoneAttempt> | undefined,
  scoring: Scoring,
): void => {
  if (submitted === undefined) return
  const frozen = Object.freeze(scoring)
  if (submitted.scorings === undefined) submitted.scorings = [frozen]
  else submitted.scorings.push(frozen)
}

/**
 * Applies an event of a started enrollment, other than the one that started it, but for its time:
 * the caller sets `lastEventAt` (the stream fold once, from its last event).
 */
const applyFact = (
  state: Draft<Enrollment>,
  event: Exclude<EnrollmentEvent, EnrollmentEventOf<'EducatorEnrolled'>>,
): void => {
  switch (event.type) {
    case 'HoursRecorded': {
      const hours = own(state.credited, event.data.moduleId)
      if (hours !== undefined) hours[event.data.mode] += event.data.creditedHours
      return
    }
    case 'ModuleCompleted':
      state.completedModules.push(event.data.moduleId)
      return
    case 'CourseCompleted':
      state.completedCourses.push(event.data.courseId)
      return
    case 'ArtifactSubmitted': {
      const { eolaId, attempt, evidence, reflection, at } = event.data
      const attempts = own(state.artifacts, eolaId)
      if (attempts === undefined) return
      append(state.artifacts, eolaId, attempts, {
        attempt,
        evidence: shared(event.data, evidence) as Draft<typeof evidence>,
        reflection,
        submittedAt: at,
        grade: null,
      })
      return
    }
    case 'ArtifactGraded': {
      const { eolaId, attempt, assessorId, scores, outcome, feedback, at } = event.data
      const submitted = own(state.artifacts, eolaId)?.[attempt - 1]
      if (submitted !== undefined) {
        submitted.grade = Object.freeze({
          assessorId,
          scores: shared(event.data, scores),
          outcome,
          feedback,
          gradedAt: at,
        })
      }
      return
    }
    case 'ArtifactScored': {
      const { eolaId, attempt, round, assessorId, scores, outcome, feedback, at } = event.data
      addScoring(own(state.artifacts, eolaId)?.[attempt - 1], {
        round,
        assessorId,
        scores: shared(event.data, scores),
        outcome,
        feedback,
        scoredAt: at,
      })
      return
    }
    case 'CoachingConversationRecorded': {
      const { eolaId, afterAttempt, notes, recordedBy, at } = event.data
      const submitted = own(state.artifacts, eolaId)?.[afterAttempt - 1]
      if (submitted !== undefined) {
        submitted.coaching = Object.freeze({ notes, by: recordedBy, at })
      }
      return
    }
    case 'CapstoneSubmitted': {
      const { attempt, enactedEolaId, documentationUrl, reflection, nextSteps, at } = event.data
      const submitted: Draft<CapstoneAttempt> = {
        attempt,
        enactedEolaId,
        documentationUrl,
        reflection,
        nextSteps,
        submittedAt: at,
        grade: null,
      }
      if (state.capstone.length === 0) state.capstone = [submitted]
      else state.capstone.push(submitted)
      return
    }
    case 'CapstoneGraded': {
      const { attempt, assessorId, outcome, feedback, at } = event.data
      const submitted = state.capstone[attempt - 1]
      if (submitted !== undefined) {
        submitted.grade = Object.freeze({
          assessorId,
          scores: noScores,
          outcome,
          feedback,
          gradedAt: at,
        })
      }
      return
    }
    case 'CapstoneScored': {
      const { attempt, round, assessorId, outcome, feedback, at } = event.data
      addScoring(state.capstone[attempt - 1], {
        round,
        assessorId,
        scores: noScores,
        outcome,
        feedback,
        scoredAt: at,
      })
      return
    }
    case 'CredentialEarned': {
      const { credentialId, hours, salaryPoints, at } = event.data
      state.status = 'earned'
      state.credential = Object.freeze({
        credentialId,
        earnedAt: at,
        hours: shared(event.data, hours),
        salaryPoints,
      })
      return
    }
    case 'EnrollmentWithdrawn':
      state.status = 'withdrawn'
      state.withdrawal = Object.freeze({
        reason: event.data.reason,
        by: event.data.withdrawnBy,
        at: event.data.at,
      })
      return
    case 'CredentialRevoked':
      state.status = 'revoked'
      state.revocation = Object.freeze({
        reason: event.data.reason,
        by: event.data.revokedBy,
        at: event.data.at,
      })
      return
    case 'EnrollmentExpired':
      state.status = 'incomplete'
      state.expiry = Object.freeze({
        reason: event.data.reason,
        by: event.data.expiredBy,
        at: event.data.at,
      })
      return
    case 'BadgeIssued': {
      const { badgeId, format, salt, issuedBy, at } = event.data
      state.badge = Object.freeze({ badgeId, format, salt, issuedBy, issuedAt: at })
      return
    }
    default:
      return absurd(event)
  }
}

/** Exhaustiveness: every event type has its case above; at run time an unknown one is ignored. */
const absurd = (event: never): void => {
  void event
}

/**
 * Deeply freezes a state that a fold built from the initial state, by its known shape. It walks
 * the state's own records, not the pinned requirements that name their keys: the requirements
 * are a part of the enrollment's first event, far away in memory, and reading them here took about
 * as long as the rest of this pass (measured on the replay benchmark's log).
 */
const freezeEnrollment = (state: EnrollmentState): EnrollmentState => {
  if (state.status === 'notEnrolled') return Object.freeze(state)
  const { credited, artifacts, capstone } = state
  for (const id in credited) Object.freeze(credited[id])
  for (const id in artifacts) {
    const attempts = artifacts[id] as ReadonlyArray<ArtifactAttempt>
    if (attempts === noAttempts) continue
    for (let i = 0; i < attempts.length; i++) {
      const attempt = attempts[i] as ArtifactAttempt
      if (attempt.scorings !== undefined) Object.freeze(attempt.scorings)
      Object.freeze(attempt)
    }
    Object.freeze(attempts)
  }
  for (let i = 0; i < capstone.length; i++) {
    const attempt = capstone[i] as CapstoneAttempt
    if (attempt.scorings !== undefined) Object.freeze(attempt.scorings)
    Object.freeze(attempt)
  }
  Object.freeze(credited)
  Object.freeze(state.completedModules)
  Object.freeze(state.completedCourses)
  Object.freeze(artifacts)
  Object.freeze(capstone)
  return Object.freeze(state)
}

const freezeRequirements = (requirements: Requirements): Requirements => {
  for (const course of requirements.courses) {
    Object.freeze(course.moduleIds)
    Object.freeze(course)
  }
  for (const module of requirements.modules) {
    Object.freeze(module.hours)
    Object.freeze(module)
  }
  for (const eola of requirements.eolas) {
    for (const criterion of eola.rubric) Object.freeze(criterion)
    Object.freeze(eola.rubric)
    Object.freeze(eola)
  }
  Object.freeze(requirements.courses)
  Object.freeze(requirements.modules)
  Object.freeze(requirements.eolas)
  Object.freeze(requirements.hoursPerRecord)
  const { assessment } = requirements
  if (assessment !== undefined) {
    if (assessment.holidays !== undefined) Object.freeze(assessment.holidays)
    if (typeof assessment.secondScoring === 'object') Object.freeze(assessment.secondScoring)
    Object.freeze(assessment)
  }
  return Object.freeze(requirements)
}

/**
 * Applies one event to a state without touching it (immer `produce`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, enrollment, evolveEnrollment, lausdPolicy, requirementsOf } from 'microcred'
 * const at = '2026-09-01T16:00:00Z'
 * const started = evolveEnrollment(enrollment.initialState, {
 *   type: 'EducatorEnrolled',
 *   data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' },
 * })
 * assert.equal(started.status, 'active')
 * assert.ok(Object.isFrozen(started))
 * assert.deepEqual(enrollment.initialState, { status: 'notEnrolled' }) // untouched
 * // Another enrollment's event leaves the state as it is: the same object comes back.
 * const other = { type: 'ModuleCompleted' as const, data: { enrollmentId: 'enr-2', moduleId: 'steam-fa-1', at } }
 * assert.equal(evolveEnrollment(started, other), started)
 */
export const evolveEnrollment = evolveWith(applyEnrollmentEvent)

/**
 * Folds one enrollment's events (its stream, as the store reads it) into its state, from the
 * initial state (or from `state`, which is left untouched). Every event is taken to be this
 * enrollment's, as a stream's are; fold a log that mixes enrollments with `foldEnrollments`.
 * The result is deeply frozen. It shares parts of its events (the pinned requirements, evidence,
 * scores): a decoded event is frozen already (`EnrollmentEvent` decodes frozen), and the parts of
 * an event that is not are frozen here, as immer does.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, foldEnrollment, isEnrolled, lausdPolicy, requirementsOf } from 'microcred'
 * assert.deepEqual(foldEnrollment([]), { status: 'notEnrolled' })
 * const at = '2026-09-01T16:00:00Z'
 * const enrolled = foldEnrollment([
 *   { type: 'EducatorEnrolled', data: { enrollmentId: 'enr-1', at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' } },
 * ])
 * // Fold on from a state: the state passed in is left as it was.
 * const state = foldEnrollment(
 *   [{ type: 'HoursRecorded', data: { enrollmentId: 'enr-1', at, moduleId: 'steam-fa-1', mode: 'online', hours: 2, creditedHours: 2, recordedBy: 'lms-1' } }],
 *   enrolled,
 * )
 * assert.ok(isEnrolled(state) && isEnrolled(enrolled))
 * assert.deepEqual(state.credited['steam-fa-1'], { faceToFace: 0, online: 2, homework: 0 })
 * assert.deepEqual(enrolled.credited['steam-fa-1'], { faceToFace: 0, online: 0, homework: 0 })
 * assert.ok(Object.isFrozen(state.credited))
 */
export const foldEnrollment: (
  events: Iterable<EnrollmentEvent>,
  state?: EnrollmentState,
) => EnrollmentState = (events, state) =>
  state === undefined ? foldStream(events) : foldOnto(events, state)

/**
 * Folds a stream from the initial state: one loop over the events on a private state, frozen once
 * at the end. It is `foldWith`'s private fold written out for the enrollment, so that its loop and
 * its call of the recipe are this fold's own: `foldWith`'s loop is one function for every
 * decider's fold, and what it learns of one decider's recipe slows it for another's.
 */
const foldStream = (events: Iterable<EnrollmentEvent>): EnrollmentState => {
  let state: Enrollment | undefined
  let last: EnrollmentEvent | undefined
  for (const event of events) {
    if (state !== undefined) {
      if (event.type !== 'EducatorEnrolled') {
        applyFact(state as Draft<Enrollment>, event)
        last = event
      }
    } else if (event.type === 'EducatorEnrolled') state = enrolled(event)
  }
  if (state === undefined) return Object.freeze(notEnrolled())
  // The time of the last event applied, read once: an event's `at` is often the one field of its
  // data that no case reads, and reading it from every event cost a cache miss each in a replay.
  if (last !== undefined) state.lastEventAt = last.data.at
  return freezeEnrollment(state)
}

/** Folds on from a state that callers may hold: within one `produce`, leaving it untouched. */
const foldOnto = foldWith(applyOwnEvent, notEnrolled, freezeEnrollment)

/**
 * Folds an interleaved log of many enrollments into each one's state, by enrollment id, in one
 * pass.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, foldEnrollments, lausdPolicy, requirementsOf } from 'microcred'
 * const at = '2026-09-01T16:00:00Z'
 * const requirements = requirementsOf(catalog.steam, lausdPolicy)
 * const enrolled = (enrollmentId: string, name: string) =>
 *   ({ type: 'EducatorEnrolled', data: { enrollmentId, at, cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: `e-${enrollmentId}`, name, email: 'educator@lausd.net' }, requirements, enrolledBy: 'admin-1' } }) as const
 * const states = foldEnrollments([
 *   enrolled('enr-1', 'Maria Lopez'),
 *   enrolled('enr-2', 'Ana Ruiz'),
 *   { type: 'EnrollmentWithdrawn', data: { enrollmentId: 'enr-1', at, reason: 'Moved schools', withdrawnBy: 'e-enr-1' } },
 * ])
 * assert.deepEqual([...states.keys()], ['enr-1', 'enr-2'])
 * assert.equal(states.get('enr-1')?.status, 'withdrawn')
 * assert.equal(states.get('enr-2')?.status, 'active')
 * assert.equal(foldEnrollments([]).size, 0)
 */
export const foldEnrollments: (
  events: Iterable<EnrollmentEvent>,
) => ReadonlyMap<string, EnrollmentState> = foldByKey(
  applyOwnEvent,
  notEnrolled,
  (event) => event.data.enrollmentId,
  freezeEnrollment,
)
