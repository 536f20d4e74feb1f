/**
 * The demo's story: one school year of a Los Angeles Unified STEAM cohort, as the ordered list of
 * commands a district app would send, each with its context (actor, time, command id).
 *
 * Educators enroll in September 2026. A facilitator attests face-to-face hours after each
 * session, the LMS reports online hours, educators record homework and submit the five EOLAs, an
 * assessor grades them from the rubric (some need revising; one educator needs all three
 * attempts), and capstones are submitted and graded until June 2027. Of thirty educators one
 * withdraws in January and two end the year still missing something; larger cohorts repeat that
 * story every thirty educators. Two commands the rules refuse are part of the story too.
 *
 * Everything is deterministic: the same options give the same commands, ids and times. `microcred
 * demo` writes it, and the examples tell it; a district app can use it to try its own code on a
 * year of realistic commands.
 *
 * @packageDocumentation
 */
import type { Actor, CommandContext } from '../context.js'
import type { DomainError } from '../errors.js'
import type { Mode } from '../hours.js'
import { catalog } from '../program/catalog/index.js'
import type { Program, RubricCriterion } from '../program/program.js'
import type { EnrollmentCommand } from './commands.js'

/** One command of the story, in the context it is sent with. */
export interface ScenarioStep {
  readonly command: EnrollmentCommand
  readonly context: CommandContext
  /** The refusal the rules must produce, when the step is one. */
  readonly expect?: DomainError['_tag']
}

/** Who is in the cohort, in roster order. */
export interface ScenarioEnrollment {
  readonly enrollmentId: string
  readonly name: string
}

/** A cohort's year: its program, roster and every command in time order. */
export interface CohortScenario {
  readonly program: Program
  readonly cohortId: string
  readonly enrollments: ReadonlyArray<ScenarioEnrollment>
  readonly steps: ReadonlyArray<ScenarioStep>
}

/** Options of `cohortScenario`. */
export interface CohortScenarioOptions {
  /** How many educators enroll (default 30: the story told once). */
  readonly educators?: number
  /** The cohort's id, which every enrollment id starts with (default `steam-2026-27`). */
  readonly cohortId?: string
}

/**
 * The size of the cohort whose story is told once; larger cohorts repeat it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { cohortScenario, storyLength } from 'microcred'
 * assert.equal(cohortScenario().enrollments.length, storyLength)
 */
export const storyLength = 30
/**
 * The cohort id the demo writes unless told otherwise.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { cohortScenario, defaultCohortId } from 'microcred'
 * assert.equal(cohortScenario().cohortId, defaultCohortId)
 */
export const defaultCohortId = 'steam-2026-27'

const program = catalog.steam
const admin: Actor = { id: 'admin-rivera', roles: ['administrator'] }
const facilitator: Actor = { id: 'facilitator-nguyen', roles: ['facilitator'] }
const lms: Actor = { id: 'lms-schoology', roles: ['lms'] }
const assessor: Actor = { id: 'assessor-okafor', roles: ['assessor'] }

const names = `Maria Lopez, James Kim, Aisha Johnson, Daniel Hernandez, Mei Chen, Carlos Ramirez,
  Grace Park, Luis Garcia, Fatima Ali, Robert Washington, Sofia Martinez, Kevin Nguyen, Ana Gonzalez,
  David Cohen, Yesenia Flores, Michael Brown, Priya Patel, Jorge Castillo, Emily Davis, Tomas Reyes,
  Hannah Lee, Marcus Jackson, Lucia Torres, Samuel Okoro, Rosa Vargas, Brian Tanaka,
  Leticia Morales, Andre Thompson, Karen Sato, Diego Mendoza`.split(/,\s*/)

// Who is special, by place in the story; the rest earn the credential.
const withdraws = { who: 6, on: '2027-01-22', reason: 'Accepted a position outside the District' }
const missesASession = 11 // misses the last Assessing STEAM Learning session: 3 hours short
const threeTries = { who: 14, eola: 2 } // the unit plan meets on the third and last attempt
const capstoneRevise = { resubmits: 27, notYet: 23 } // 23 has not resubmitted by June
const revisesFirst = (i: number, k: number) => (i * 7 + k * 3) % 16 === 5 // a few first tries

// Face-to-face session dates of each module in program order; when each EOLA is due.
const sessionDates = [
  ['2026-09-19', '2026-10-03'],
  ['2026-10-17', '2026-10-31'],
  ['2026-11-14', '2026-12-05'],
  ['2027-01-16', '2027-01-30'],
  ['2027-03-06'],
  ['2027-04-17'],
]
const eolaDue = ['2026-10-24', '2026-11-21', '2027-01-09', '2027-02-27', '2027-04-24']
const capstoneDue = '2027-05-15'

const day = (date: string, plus: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10)
const two = (n: number) => String(n).padStart(2, '0')
/** A time on `date` at `hour`, offset by the educator's place so that no two coincide. */
const stamp = (date: string, hour: number, i: number) =>
  `${date}T${two(hour)}:${two(i % 60)}:${two(Math.floor(i / 60) % 60)}Z`

/** Scores of 3 or 4 on every criterion when the work meets; one criterion short when not. */
const scoresFor = (rubric: ReadonlyArray<RubricCriterion>, seed: number, meets: boolean) =>
  Object.fromEntries(
    rubric.map((c, r) => {
      const short = !meets && r === seed % rubric.length
      return [c.id, short ? c.meetsAt - 1 : Math.min(c.maxScore, c.meetsAt + ((seed + r) % 2))]
    }),
  )

/** The name of educator `i`: the roster once, then new pairings of its first and last names. */
const nameOf = (i: number) => {
  const round = Math.floor(i / storyLength)
  const first = names[i % storyLength] ?? ''
  if (round === 0) return first
  const last = names[(i + 7 * round) % storyLength] ?? ''
  return `${first.split(' ')[0]} ${last.split(' ').slice(1).join(' ')}`
}

interface Step {
  readonly at: string
  readonly actor: Actor
  readonly command: EnrollmentCommand
  readonly expect?: DomainError['_tag']
}

/** Everything that happens to educator `i` (in the story, educator `i % 30`) during the year. */
const planYear = (cohortId: string, i: number): Step[] => {
  const story = i % storyLength
  const n = two(i + 1)
  const name = nameOf(i)
  const enrollmentId = `${cohortId}-${n}`
  const self: Actor = { id: `educator-${n}`, roles: ['educator'] }
  const steps: Step[] = []
  const add = (at: string, actor: Actor, command: EnrollmentCommand, expect?: Step['expect']) =>
    steps.push(expect === undefined ? { at, actor, command } : { at, actor, command, expect })

  const mailbox = name.replace(' ', '.').toLowerCase() + (i < storyLength ? '' : `.${n}`)
  const educator = { id: self.id, name, email: `${mailbox}@lausd.net` }
  add(stamp('2026-09-08', 16, i), admin, {
    type: 'Enroll',
    data: { enrollmentId, educator, cohortId, program },
  })

  program.courses
    .flatMap((course) => course.modules)
    .forEach(({ id: moduleId, hours }, m) => {
      const dates = sessionDates[m] ?? []
      const share = (mode: Mode) => hours[mode] / dates.length
      const record = (mode: Mode, amount: number, sessionId?: string): EnrollmentCommand => ({
        type: 'RecordHours',
        data: { enrollmentId, moduleId, mode, hours: amount, ...(sessionId ? { sessionId } : {}) },
      })
      dates.forEach((date, s) => {
        const sessionId = `${moduleId}-session-${s + 1}`
        if (i === 1 && m === 0 && s === 0) {
          add(stamp(date, 19, i), facilitator, record('faceToFace', 2.9, sessionId), 'InvalidHours')
        }
        if (!(story === missesASession && m === 3 && s === 1)) {
          add(stamp(date, 19, i), facilitator, record('faceToFace', share('faceToFace'), sessionId))
        }
        add(stamp(day(date, 2), 8, i), lms, record('online', share('online')))
        add(stamp(day(date, 5), 23, i), self, record('homework', share('homework')))
      })
    })

  program.eolas.forEach((eola, k) => {
    const tries = story === threeTries.who && k === threeTries.eola ? 3 : revisesFirst(i, k) ? 2 : 1
    for (let attempt = 1; attempt <= tries; attempt++) {
      const submitted = day(eolaDue[k] ?? capstoneDue, 21 * (attempt - 1))
      const url = `https://drive.lausd.net/${enrollmentId}/${eola.id}/v${attempt}`
      const reflection = `Attempt ${attempt}: what my students did and what I would change.`
      const evidence = [{ kind: 'document' as const, url }]
      const submission = { enrollmentId, eolaId: eola.id, evidence, reflection }
      add(stamp(submitted, 5, i), self, { type: 'SubmitArtifact', data: submission })
      const meets = attempt === tries
      const scores = scoresFor(eola.rubric, i + k, meets)
      const feedback = meets ? 'Meets the rubric.' : 'Revise: strengthen the evidence.'
      const grade = {
        type: 'GradeArtifact',
        data: { enrollmentId, eolaId: eola.id, attempt, scores, feedback },
      } as const
      if (i === 0 && k === 0) add(stamp(submitted, 6, i), self, grade, 'NotAuthorized') // own work
      add(stamp(day(submitted, 7), 18, i), assessor, grade)
    }
  })

  const capstoneTries = story === capstoneRevise.resubmits ? 2 : 1
  for (let attempt = 1; attempt <= capstoneTries; attempt++) {
    const submitted = day(capstoneDue, 21 * (attempt - 1))
    const capstone = {
      enrollmentId,
      enactedEolaId: 'steam-eola-3',
      documentationUrl: `https://drive.lausd.net/${enrollmentId}/capstone/v${attempt}`,
      reflection: 'How my integrated STEAM unit went, with video and student work.',
      nextSteps: 'Lead a family STEAM night with my grade-level team.',
    }
    add(stamp(submitted, 5, i), self, { type: 'SubmitCapstone', data: capstone })
    const meets = attempt === capstoneTries && story !== capstoneRevise.notYet
    const outcome = meets ? 'meets' : 'revise'
    const feedback = meets ? 'Well documented.' : 'Add the student work to the documentation.'
    const grade = { enrollmentId, attempt, outcome, feedback } as const
    add(stamp(day(submitted, 7), 20, i), assessor, { type: 'GradeCapstone', data: grade })
  }

  if (story !== withdraws.who) return steps
  const withdrawnAt = stamp(withdraws.on, 17, i)
  add(withdrawnAt, admin, { type: 'Withdraw', data: { enrollmentId, reason: withdraws.reason } })
  return steps.filter((step) => step.at <= withdrawnAt) // nothing after it
}

/**
 * The year of a cohort of `educators` (default 30) as commands in time order, each with its
 * context; command ids are `<cohortId>-cmd-00001` and on, enrollment ids `<cohortId>-01` and on.
 * A step with `expect` is one the rules refuse, with that error.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { cohortScenario, createInMemoryEventStore, enrollment, handleCommand } from 'microcred'
 *
 * const store = createInMemoryEventStore()
 * const { steps, enrollments } = cohortScenario({ educators: 2, cohortId: 'steam-pilot' })
 * assert.deepEqual(enrollments.map((e) => e.enrollmentId), ['steam-pilot-01', 'steam-pilot-02'])
 * for (const { command, context, expect } of steps) {
 *   const handled = await handleCommand(store, enrollment, command, context)
 *   assert.equal(E.isLeft(handled) ? handled.left._tag : undefined, expect)
 * }
 */
export const cohortScenario = (options: CohortScenarioOptions = {}): CohortScenario => {
  const { educators = storyLength, cohortId = defaultCohortId } = options
  const roster = Array.from({ length: Math.max(0, Math.floor(educators)) }, (_, i) => i)
  const year = roster.flatMap((i) => planYear(cohortId, i)).sort((a, b) => a.at.localeCompare(b.at))
  const steps = year.map(({ at, actor, command, expect }, c): ScenarioStep => {
    const context = { actor, at, commandId: `${cohortId}-cmd-${String(c + 1).padStart(5, '0')}` }
    return expect === undefined ? { command, context } : { command, context, expect }
  })
  const enrollments = roster.map((i) => ({
    enrollmentId: `${cohortId}-${two(i + 1)}`,
    name: nameOf(i),
  }))
  return { program, cohortId, enrollments, steps }
}
