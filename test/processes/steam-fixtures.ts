/**
 * Commands the process tests send about one STEAM enrollment in the cohort `steam-2026`: the
 * cohort's schedule, the first EOLA's submission, and a full-marks grade of it.
 */
import { catalog, type CohortCommandOf, type EnrollmentCommandOf } from '../../src/index.js'

const eola = catalog.steam.eolas[0]
if (eola === undefined) throw new Error('the STEAM program has no EOLA')
/** The first EOLA of the STEAM program. */
export const firstEola = eola

/** Schedules `steam-2026` (STEAM, version 1) for the 2026-27 school year. */
export const scheduleSteamCohort: CohortCommandOf<'ScheduleCohort'> = {
  type: 'ScheduleCohort',
  data: {
    cohortId: 'steam-2026',
    programId: 'steam',
    programVersion: catalog.steam.version,
    schoolYear: '2026-2027',
    startsOn: '2026-09-01',
    endsOn: '2027-06-11',
    capacity: 30,
    facilitators: ['fac-1'],
  },
}

/** The educator's first attempt at the first EOLA. */
export const submitFirstEola = (enrollmentId: string): EnrollmentCommandOf<'SubmitArtifact'> => ({
  type: 'SubmitArtifact',
  data: {
    enrollmentId,
    eolaId: eola.id,
    evidence: [{ kind: 'lessonPlan', url: 'https://drive.lausd.net/plan.pdf' }],
    reflection: 'What worked.',
  },
})

/** A full-marks grade of that attempt. */
export const gradeFirstEola = (enrollmentId: string): EnrollmentCommandOf<'GradeArtifact'> => ({
  type: 'GradeArtifact',
  data: {
    enrollmentId,
    eolaId: eola.id,
    attempt: 1,
    scores: Object.fromEntries(eola.rubric.map((c) => [c.id, c.maxScore])),
    feedback: 'Strong.',
  },
})
