/**
 * Generated journeys: the commands (with their contexts) that take one educator from `Enroll`
 * to `CredentialEarned`, in a random but valid order, with revisions along the way; and the
 * same journeys with random commands from random actors mixed in.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import type { CommandContext } from '../context.js'
import type { EnrollmentCommand } from '../enrollment/commands.js'
import type { Educator, Scores } from '../enrollment/shared.js'
import { modes } from '../hours.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import type { Program, RubricCriterion } from '../program/program.js'
import { castFor, type Cast } from './actors.js'
import { programArbitrary } from './program.js'

/** One command with the context it is decided in. */
export interface Step {
  readonly command: EnrollmentCommand
  readonly context: CommandContext
}

/** A generated journey: who, which program, and the steps in order (the first enrolls). */
export interface Journey {
  readonly enrollmentId: string
  readonly educator: Educator
  readonly program: Program
  readonly cast: Cast
  readonly steps: ReadonlyArray<Step>
}

/** Options of the journey generators. */
export interface JourneyOptions {
  /** The district's policy (Los Angeles Unified's by default). */
  readonly policy?: StructuralPolicy
  /** A fixed program; by default one is generated for the policy. */
  readonly program?: Program
  /** The enrollment id; by default `enrollment-1`. */
  readonly enrollmentId?: string
  /** When the journey starts (ISO-8601); by default 2026-09-01T15:00:00Z. */
  readonly start?: string
}

type Draft = { readonly command: EnrollmentCommand; readonly actor: keyof Cast }

const educatorArbitrary: fc.Arbitrary<Educator> = fc
  .record({
    n: fc.integer({ min: 1, max: 99_999 }),
    name: fc.constantFrom('Ana Ruiz', 'Ben Okafor', 'Chen Wei', 'Dana Levi'),
  })
  .map(({ n, name }) => ({
    id: `educator-${n}`,
    name,
    email: `educator.${n}@district.example.org`,
  }))

/** Scores that meet (every criterion at or above `meetsAt`) or, where possible, do not. */
const scoresFor = (
  rubric: ReadonlyArray<RubricCriterion>,
  meets: boolean,
  seed: number,
): Scores => {
  const failing = meets ? undefined : rubric.find((c) => c.meetsAt > 0)
  // Own entries whatever the ids: `Object.fromEntries` defines them, assignment could not.
  return Object.fromEntries(
    rubric.map((c, i) => {
      const spread = ((seed >> i) & 7) % (c.maxScore - c.meetsAt + 1)
      return [c.id, c === failing ? c.meetsAt - 1 : c.meetsAt + spread]
    }),
  )
}

/** Splits `units` into chunks of at most `max`, cycling through `sizes`. */
const chunks = (units: number, max: number, sizes: ReadonlyArray<number>): number[] => {
  const out: number[] = []
  for (let left = units, k = 0; left > 0; k++) {
    const size = Math.min(left, max, Math.max(1, sizes[k % sizes.length] ?? max))
    out.push(size)
    left -= size
  }
  return out
}

const hourThreads = (
  enrollmentId: string,
  program: Program,
  policy: StructuralPolicy,
  sizes: number[],
) => {
  const { increment, max } = policy.hoursPerRecord
  const recorder = { faceToFace: 'facilitator', online: 'lms', homework: 'educator' } as const
  return program.courses.flatMap((course) =>
    course.modules.flatMap((module) =>
      modes.map((mode): Draft[] =>
        chunks(Math.round(module.hours[mode] / increment), Math.round(max / increment), sizes).map(
          (units) => ({
            actor: recorder[mode],
            command: {
              type: 'RecordHours',
              data: { enrollmentId, moduleId: module.id, mode, hours: units * increment },
            },
          }),
        ),
      ),
    ),
  )
}

const submissionThread = (
  enrollmentId: string,
  eola: Program['eolas'][number],
  revisions: number,
  seed: number,
): Draft[] => {
  const canRevise = eola.rubric.some((c) => c.meetsAt > 0)
  const attempts = (canRevise ? revisions : 0) + 1
  return Array.from({ length: attempts }, (_, i): Draft[] => [
    {
      actor: 'educator',
      command: {
        type: 'SubmitArtifact',
        data: {
          enrollmentId,
          eolaId: eola.id,
          evidence: [
            {
              kind: 'lessonPlan',
              url: `https://evidence.example.org/${enrollmentId}/${eola.id}/${i + 1}`,
            },
          ],
          reflection: `Attempt ${i + 1}: what I tried and what I learned.`,
        },
      },
    },
    {
      actor: 'assessor',
      command: {
        type: 'GradeArtifact',
        data: {
          enrollmentId,
          eolaId: eola.id,
          attempt: i + 1,
          scores: scoresFor(eola.rubric, i === attempts - 1, seed + i),
          feedback: i === attempts - 1 ? 'Meets every criterion.' : 'Revise: see the rubric.',
        },
      },
    },
  ]).flat()
}

const capstoneThread = (enrollmentId: string, enactedEolaId: string, revisions: number): Draft[] =>
  Array.from({ length: revisions + 1 }, (_, i): Draft[] => [
    {
      actor: 'educator',
      command: {
        type: 'SubmitCapstone',
        data: {
          enrollmentId,
          enactedEolaId,
          documentationUrl: `https://evidence.example.org/${enrollmentId}/capstone/${i + 1}`,
          reflection: 'How the enactment went for my students.',
          nextSteps: 'Share the unit with my grade-level team.',
        },
      },
    },
    {
      actor: 'assessor',
      command: {
        type: 'GradeCapstone',
        data: {
          enrollmentId,
          attempt: i + 1,
          outcome: i === revisions ? 'meets' : 'revise',
          feedback: '',
        },
      },
    },
  ]).flat()

/** Merges threads in the order given by `order` (thread indexes), keeping each thread's order. */
const interleave = <A>(
  threads: ReadonlyArray<ReadonlyArray<A>>,
  order: ReadonlyArray<number>,
): A[] => {
  const next = threads.map(() => 0)
  return order.flatMap((t) => {
    const item = threads[t]?.[next[t] ?? 0]
    next[t] = (next[t] ?? 0) + 1
    return item === undefined ? [] : [item]
  })
}

/**
 * The ISO-8601 time `minutes` after (or, negative, before) `iso`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { minutesAfter } from 'microcred/testing'
 * assert.equal(minutesAfter('2026-09-01T15:00:00Z', 90), '2026-09-01T16:30:00.000Z')
 * assert.equal(minutesAfter('2026-09-01T15:00:00Z', -60), '2026-09-01T14:00:00.000Z')
 */
export const minutesAfter = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString()

/**
 * Journeys that earn the credential: enroll, then every module's hours in chunks by the right
 * actors, every EOLA submitted and graded (with 0 to `maxAttempts - 1` revisions), the capstone
 * (with revisions) after its EOLA meets, all interleaved at random, an hour apart.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { journeyArbitrary, runSteps } from 'microcred/testing'
 * fc.assert(
 *   fc.property(journeyArbitrary(), (journey) => {
 *     assert.equal(journey.steps[0]?.command.type, 'Enroll')
 *     assert.equal(runSteps(journey.steps).state.status, 'earned')
 *   }),
 *   { numRuns: 5 },
 * )
 */
export const journeyArbitrary = (options: JourneyOptions = {}): fc.Arbitrary<Journey> => {
  const policy = options.policy ?? lausdPolicy
  const enrollmentId = options.enrollmentId ?? 'enrollment-1'
  const start = options.start ?? '2026-09-01T15:00:00Z'
  const revise = fc.nat({ max: policy.maxAttempts - 1 })
  return fc
    .record({
      program:
        options.program === undefined ? programArbitrary(policy) : fc.constant(options.program),
      educator: educatorArbitrary,
      sizes: fc.array(fc.integer({ min: 1, max: 48 }), { minLength: 1, maxLength: 5 }),
      revisions: fc.array(revise, { minLength: policy.eolas.count, maxLength: policy.eolas.count }),
      capstoneRevisions: revise,
      enacted: fc.nat(),
      seed: fc.nat({ max: 1 << 20 }),
    })
    .chain(({ program, educator, sizes, revisions, capstoneRevisions, enacted, seed }) => {
      const submissions = program.eolas.map((eola, i) =>
        submissionThread(enrollmentId, eola, revisions[i] ?? 0, seed + i * 31),
      )
      const enactedIndex = enacted % Math.max(1, program.eolas.length)
      const enactedEola = program.eolas[enactedIndex]
      if (policy.capstoneRequired && enactedEola !== undefined) {
        submissions[enactedIndex] = [
          ...(submissions[enactedIndex] ?? []),
          ...capstoneThread(enrollmentId, enactedEola.id, capstoneRevisions),
        ]
      }
      const threads = [...hourThreads(enrollmentId, program, policy, sizes), ...submissions]
      const tokens = threads.flatMap((thread, t) => thread.map(() => t))
      return fc
        .shuffledSubarray(tokens, { minLength: tokens.length, maxLength: tokens.length })
        .map((order): Journey => {
          const cast = castFor(educator)
          const drafts: Draft[] = [
            {
              actor: 'administrator',
              command: {
                type: 'Enroll',
                data: { enrollmentId, educator, cohortId: 'cohort-1', program },
              },
            },
            ...interleave(threads, order),
          ]
          const steps = drafts.map(({ command, actor }, i) => ({
            command,
            context: {
              actor: cast[actor],
              at: minutesAfter(start, i * 60),
              commandId: `${enrollmentId}-command-${i + 1}`,
            },
          }))
          return { enrollmentId, educator, program, cast, steps }
        })
    })
}
