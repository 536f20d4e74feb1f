/**
 * The lean baseline of the replay benchmark: the smallest hand-written mutable fold of a stream
 * that still knows what the enrollment's state is for. It tracks only the status, the credited
 * hours per module and mode, the completed modules and courses, the attempts at each EOLA with
 * their grades, the capstone attempts with theirs, and the award (the earned credential). It
 * keeps no educator, no requirements, no times but the grades', no endings, no badge, no second
 * scorings or coaching, and freezes nothing: one switch per event mutating plain objects.
 *
 * `mutableFold` (mutable-fold.ts) builds the library's whole `Enrollment` shape and so does more
 * of the library's work; this one is the floor a hand-written replay could reach. `leanFacts`
 * reads the same facts out of a library state, so a guard can check that both folds saw the
 * same things.
 */
import type {
  EarnedCredential,
  EnrollmentEvent,
  EnrollmentState,
  HoursByMode,
  Outcome,
  Scores,
} from '../../src/index.js'

/** A grade as the lean fold keeps it. */
export interface LeanGrade {
  readonly outcome: Outcome
  readonly scores: Scores
  readonly gradedAt: string
}

/** An attempt (at an EOLA or the capstone) as the lean fold keeps it. */
export interface LeanAttempt {
  readonly attempt: number
  grade: LeanGrade | null
}

/** What the lean fold tracks of an enrollment. */
export interface LeanState {
  status: EnrollmentState['status']
  /** Credited hours by module id, by mode (every module of the requirements, from zero). */
  readonly hours: Record<string, { faceToFace: number; online: number; homework: number }>
  readonly modules: string[]
  readonly courses: string[]
  /** Attempts by EOLA id (every EOLA of the requirements), oldest first. */
  readonly artifacts: Record<string, LeanAttempt[]>
  readonly capstone: LeanAttempt[]
  award: EarnedCredential | null
}

const notEnrolled = (): LeanState => ({
  status: 'notEnrolled',
  hours: {},
  modules: [],
  courses: [],
  artifacts: {},
  capstone: [],
  award: null,
})

/** Folds one stream's events into the lean state. */
export const leanMutableFold = (events: ReadonlyArray<EnrollmentEvent>): LeanState => {
  const state = notEnrolled()
  for (const event of events) {
    if (state.status === 'notEnrolled') {
      if (event.type !== 'EducatorEnrolled') continue
      state.status = 'active'
      for (const module of event.data.requirements.modules) {
        state.hours[module.id] = { faceToFace: 0, online: 0, homework: 0 }
      }
      for (const eola of event.data.requirements.eolas) state.artifacts[eola.id] = []
      continue
    }
    switch (event.type) {
      case 'HoursRecorded': {
        const hours = state.hours[event.data.moduleId]
        if (hours !== undefined) hours[event.data.mode] += event.data.creditedHours
        break
      }
      case 'ModuleCompleted':
        state.modules.push(event.data.moduleId)
        break
      case 'CourseCompleted':
        state.courses.push(event.data.courseId)
        break
      case 'ArtifactSubmitted':
        state.artifacts[event.data.eolaId]?.push({ attempt: event.data.attempt, grade: null })
        break
      case 'ArtifactGraded': {
        const d = event.data
        const attempt = state.artifacts[d.eolaId]?.[d.attempt - 1]
        if (attempt !== undefined) {
          attempt.grade = { outcome: d.outcome, scores: d.scores, gradedAt: d.at }
        }
        break
      }
      case 'CapstoneSubmitted':
        state.capstone.push({ attempt: event.data.attempt, grade: null })
        break
      case 'CapstoneGraded': {
        const d = event.data
        const attempt = state.capstone[d.attempt - 1]
        if (attempt !== undefined)
          attempt.grade = { outcome: d.outcome, scores: {}, gradedAt: d.at }
        break
      }
      case 'CredentialEarned': {
        const d = event.data
        state.status = 'earned'
        state.award = {
          credentialId: d.credentialId,
          earnedAt: d.at,
          hours: d.hours,
          salaryPoints: d.salaryPoints,
        }
        break
      }
      case 'EnrollmentWithdrawn':
        state.status = 'withdrawn'
        break
      case 'CredentialRevoked':
        state.status = 'revoked'
        break
      case 'EnrollmentExpired':
        state.status = 'incomplete'
        break
      default:
        break
    }
  }
  return state
}

const hoursOf = (hours: HoursByMode) => ({
  faceToFace: hours.faceToFace,
  online: hours.online,
  homework: hours.homework,
})

const leanAttempt = (attempt: {
  readonly attempt: number
  readonly grade: {
    readonly outcome: Outcome
    readonly scores: Scores
    readonly gradedAt: string
  } | null
}): LeanAttempt => ({
  attempt: attempt.attempt,
  grade:
    attempt.grade === null
      ? null
      : {
          outcome: attempt.grade.outcome,
          scores: attempt.grade.scores,
          gradedAt: attempt.grade.gradedAt,
        },
})

/**
 * The facts the lean fold tracks, read out of a library state (as plain, unfrozen objects), for
 * a guard to compare with `leanMutableFold`'s state of the same stream.
 */
export const leanFacts = (state: EnrollmentState): LeanState => {
  if (state.status === 'notEnrolled') return notEnrolled()
  const hours: LeanState['hours'] = {}
  for (const [id, byMode] of Object.entries(state.credited)) hours[id] = hoursOf(byMode)
  const artifacts: LeanState['artifacts'] = {}
  for (const [id, attempts] of Object.entries(state.artifacts)) {
    artifacts[id] = attempts.map(leanAttempt)
  }
  return {
    status: state.status,
    hours,
    modules: [...state.completedModules],
    courses: [...state.completedCourses],
    artifacts,
    capstone: state.capstone.map(leanAttempt),
    award: state.credential === null ? null : { ...state.credential },
  }
}

/** The lean state as plain data, its own objects copied (for a deep comparison). */
export const plainLean = (state: LeanState): LeanState => ({
  status: state.status,
  hours: Object.fromEntries(Object.entries(state.hours).map(([id, h]) => [id, hoursOf(h)])),
  modules: [...state.modules],
  courses: [...state.courses],
  artifacts: Object.fromEntries(
    Object.entries(state.artifacts).map(([id, attempts]) => [id, attempts.map(leanAttempt)]),
  ),
  capstone: state.capstone.map(leanAttempt),
  award: state.award === null ? null : { ...state.award },
})
