/**
 * The baseline of the replay benchmark: the fold a good engineer writes by hand without the
 * library's machinery. One switch per event mutating plain objects: no immer, no freezing, no
 * recipe indirection. It builds the same state shape as `Enrollment` (src/enrollment/state.ts),
 * field for field and in the same order, and shares the event's sub-objects (educator,
 * requirements, evidence, scores, hours) by reference exactly as the library's recipe does, so
 * the two folds hold the same objects and differ only in how they get there.
 */
import type {
  Enrollment,
  EnrollmentEvent,
  EnrollmentEventOf,
  EnrollmentState,
} from '../../src/index.js'

const start = ({ data }: EnrollmentEventOf<'EducatorEnrolled'>): Enrollment => {
  const credited: Enrollment['credited'] = {}
  for (const module of data.requirements.modules) {
    credited[module.id] = { faceToFace: 0, online: 0, homework: 0 }
  }
  const artifacts: Enrollment['artifacts'] = {}
  for (const eola of data.requirements.eolas) artifacts[eola.id] = []
  return {
    status: 'active',
    enrollmentId: data.enrollmentId,
    educator: data.educator,
    cohortId: data.cohortId,
    programId: data.programId,
    programVersion: data.programVersion,
    requirements: data.requirements,
    enrolledAt: data.at,
    lastEventAt: data.at,
    credited,
    completedModules: [],
    completedCourses: [],
    artifacts,
    capstone: [],
    credential: null,
    withdrawal: null,
    revocation: null,
    expiry: null,
    badge: null,
  }
}

/** Applies one event (other than `EducatorEnrolled`) to a started enrollment, in place. */
const apply = (state: Enrollment, event: EnrollmentEvent): void => {
  state.lastEventAt = event.data.at
  switch (event.type) {
    case 'HoursRecorded': {
      const hours = state.credited[event.data.moduleId]
      if (hours !== undefined) hours[event.data.mode] += event.data.creditedHours
      break
    }
    case 'ModuleCompleted':
      state.completedModules.push(event.data.moduleId)
      break
    case 'CourseCompleted':
      state.completedCourses.push(event.data.courseId)
      break
    case 'ArtifactSubmitted': {
      const d = event.data
      state.artifacts[d.eolaId]?.push({
        attempt: d.attempt,
        evidence: d.evidence,
        reflection: d.reflection,
        submittedAt: d.at,
        grade: null,
      })
      break
    }
    case 'ArtifactGraded': {
      const d = event.data
      const attempt = state.artifacts[d.eolaId]?.[d.attempt - 1]
      if (attempt !== undefined) {
        attempt.grade = {
          assessorId: d.assessorId,
          scores: d.scores,
          outcome: d.outcome,
          feedback: d.feedback,
          gradedAt: d.at,
        }
      }
      break
    }
    case 'CapstoneSubmitted': {
      const d = event.data
      state.capstone.push({
        attempt: d.attempt,
        enactedEolaId: d.enactedEolaId,
        documentationUrl: d.documentationUrl,
        reflection: d.reflection,
        nextSteps: d.nextSteps,
        submittedAt: d.at,
        grade: null,
      })
      break
    }
    case 'CapstoneGraded': {
      const d = event.data
      const attempt = state.capstone[d.attempt - 1]
      if (attempt !== undefined) {
        attempt.grade = {
          assessorId: d.assessorId,
          scores: {},
          outcome: d.outcome,
          feedback: d.feedback,
          gradedAt: d.at,
        }
      }
      break
    }
    case 'CredentialEarned': {
      const d = event.data
      state.status = 'earned'
      state.credential = {
        credentialId: d.credentialId,
        earnedAt: d.at,
        hours: d.hours,
        salaryPoints: d.salaryPoints,
      }
      break
    }
    case 'EnrollmentWithdrawn':
      state.status = 'withdrawn'
      state.withdrawal = {
        reason: event.data.reason,
        by: event.data.withdrawnBy,
        at: event.data.at,
      }
      break
    case 'CredentialRevoked':
      state.status = 'revoked'
      state.revocation = { reason: event.data.reason, by: event.data.revokedBy, at: event.data.at }
      break
    case 'EnrollmentExpired':
      state.status = 'incomplete'
      state.expiry = { reason: event.data.reason, by: event.data.expiredBy, at: event.data.at }
      break
    case 'EducatorEnrolled':
      break
  }
}

/** Folds an interleaved log into one mutable state per enrollment id, in one pass. */
export const mutableFoldAll = (
  events: ReadonlyArray<EnrollmentEvent>,
): Map<string, EnrollmentState> => {
  const states = new Map<string, Enrollment>()
  for (const event of events) {
    if (event.type === 'EducatorEnrolled') {
      if (!states.has(event.data.enrollmentId)) states.set(event.data.enrollmentId, start(event))
      continue
    }
    const state = states.get(event.data.enrollmentId)
    if (state !== undefined) apply(state, event)
  }
  return states
}

/** Folds one stream's events into its mutable state. */
export const mutableFold = (events: ReadonlyArray<EnrollmentEvent>): EnrollmentState => {
  let state: Enrollment | undefined
  for (const event of events) {
    if (state !== undefined) apply(state, event)
    else if (event.type === 'EducatorEnrolled') state = start(event)
  }
  return state ?? { status: 'notEnrolled' }
}
