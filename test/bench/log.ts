/**
 * A district-sized enrollment log for the replay benchmark: 25,000 enrollments of 40 events on
 * average (1,000,000 events), interleaved across streams by a seeded shuffle, serialised as
 * NDJSON lines.
 *
 * Every event is real: each template history is produced by the public decider
 * (`enrollment.decide` with `{ actor, at, commandId }` contexts) following a realistic journey
 * through one catalog program, and the consequences (`ModuleCompleted`, `CourseCompleted`,
 * `CredentialEarned`) come out of `decide`. The templates are then stamped with distinct
 * enrollment, educator and cohort ids by rewriting placeholders in their JSON lines.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import {
  catalogPrograms,
  enrollment,
  type CommandContext,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentState,
  type Evidence,
  type Mode,
  type Program,
  type Role,
  type Scores,
} from '../../src/index.js'

// -------------------------------------------------------------------------------------
// seeded randomness
// -------------------------------------------------------------------------------------

/** mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// -------------------------------------------------------------------------------------
// journeys
// -------------------------------------------------------------------------------------

/** Placeholders rewritten when a template is stamped for one enrollment. */
const ID = '#ID#'
const COHORT = '#COHORT#'

const enrollmentId = `enrollment-${ID}`
const educatorId = `educator-${ID}`

type Who = 'administrator' | 'facilitator' | 'lms' | 'assessor' | 'educator'

const actors: Record<Who, { id: string; roles: Role[] }> = {
  administrator: { id: 'admin-lausd-17', roles: ['administrator'] },
  facilitator: { id: 'facilitator-lausd-4', roles: ['facilitator'] },
  lms: { id: 'lms-mylearning', roles: ['lms'] },
  assessor: { id: 'assessor-lausd-9', roles: ['assessor'] },
  educator: { id: educatorId, roles: ['educator'] },
}

interface Step {
  readonly who: Who
  readonly command: EnrollmentCommand
}

/** How one template journey goes. */
interface JourneyShape {
  /** Online hours of these module indexes are reported by the LMS in two chunks. */
  readonly splitOnline: ReadonlyArray<number>
  /** Revisions ('revise' grades before the one that meets) by EOLA index. */
  readonly revisions: ReadonlyArray<number>
  readonly capstoneRevisions: number
}

const names = ['Maria Lopez', 'Darnell Brooks', 'Thu Nguyen', 'Rosa Hernandez', 'Samuel Kim']
const kinds: ReadonlyArray<Evidence['kind']> = [
  'lessonPlan',
  'video',
  'studentWork',
  'reflection',
  'document',
  'link',
]

const scoresFor = (rubric: Program['eolas'][number]['rubric'], meets: boolean): Scores => {
  const scores: Scores = {}
  rubric.forEach((criterion, i) => {
    const met = i % 2 === 0 ? criterion.maxScore : criterion.meetsAt
    scores[criterion.id] = meets || i > 0 ? met : Math.max(0, criterion.meetsAt - 1)
  })
  return scores
}

/** The steps of a journey that earns the credential, course by course, in school-year order. */
const journey = (program: Program, shape: JourneyShape, nameIndex: number): Step[] => {
  const steps: Step[] = [
    {
      who: 'administrator',
      command: {
        type: 'Enroll',
        data: {
          enrollmentId,
          educator: {
            id: educatorId,
            name: names[nameIndex % names.length] ?? 'Maria Lopez',
            email: `educator.${ID}@lausd.net`,
          },
          cohortId: `${program.id}-2026-${COHORT}`,
          program,
        },
      },
    },
  ]
  let moduleIndex = 0
  let session = 0
  const modeOrder: ReadonlyArray<[Mode, Who]> = [
    ['faceToFace', 'facilitator'],
    ['online', 'lms'],
    ['homework', 'educator'],
  ]
  program.courses.forEach((course) => {
    for (const module of course.modules) {
      for (const [mode, who] of modeOrder) {
        const total = module.hours[mode]
        const split = mode === 'online' && shape.splitOnline.includes(moduleIndex)
        const first = split ? Math.round((total / 2) * 4) / 4 : total
        for (const hours of split ? [first, total - first] : [total]) {
          steps.push({
            who,
            command: {
              type: 'RecordHours',
              data: {
                enrollmentId,
                moduleId: module.id,
                mode,
                hours,
                ...(mode === 'faceToFace'
                  ? { sessionId: `${program.id}-2026-${COHORT}-session-${++session}` }
                  : {}),
              },
            },
          })
        }
      }
      moduleIndex++
    }
    program.eolas.forEach((eola, e) => {
      if (eola.courseId !== course.id) return
      const attempts = (shape.revisions[e] ?? 0) + 1
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const pieces = 1 + ((e + attempt) % 3)
        steps.push({
          who: 'educator',
          command: {
            type: 'SubmitArtifact',
            data: {
              enrollmentId,
              eolaId: eola.id,
              evidence: Array.from({ length: pieces }, (_, p) => ({
                kind: kinds[(e + p) % kinds.length] ?? 'link',
                url: `https://drive.lausd.net/microcred/${enrollmentId}/${eola.id}/${attempt}/${p + 1}`,
                ...(p === 0 ? { title: `${eola.title}: attempt ${attempt}` } : {}),
              })),
              reflection:
                `Attempt ${attempt} at "${eola.title}": what I planned, what my students did, ` +
                'what the evidence shows and what I would change next time.',
            },
          },
        })
        const meets = attempt === attempts
        steps.push({
          who: 'assessor',
          command: {
            type: 'GradeArtifact',
            data: {
              enrollmentId,
              eolaId: eola.id,
              attempt,
              scores: scoresFor(eola.rubric, meets),
              feedback: meets
                ? 'Meets every criterion of the rubric; strong use of student work as evidence.'
                : 'Revise: the evidence does not yet show the first criterion; see the guide.',
            },
          },
        })
      }
    })
  })
  const enacted = program.eolas[2] ?? program.eolas[0]
  for (let attempt = 1; attempt <= shape.capstoneRevisions + 1; attempt++) {
    steps.push({
      who: 'educator',
      command: {
        type: 'SubmitCapstone',
        data: {
          enrollmentId,
          enactedEolaId: enacted?.id ?? 'none',
          documentationUrl: `https://drive.lausd.net/microcred/${enrollmentId}/capstone/${attempt}`,
          reflection: 'How the enactment went, with student work and my colleagues’ feedback.',
          nextSteps: 'Lead a lesson study on this unit with my grade-level team next semester.',
        },
      },
    })
    steps.push({
      who: 'assessor',
      command: {
        type: 'GradeCapstone',
        data: {
          enrollmentId,
          attempt,
          outcome: attempt === shape.capstoneRevisions + 1 ? 'meets' : 'revise',
          feedback: 'Capstone reviewed against the enactment criteria.',
        },
      },
    })
  }
  return steps
}

/** How a template ends. */
type Ending =
  | { readonly kind: 'earned' }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'active'; readonly events: number }
  | { readonly kind: 'withdrawn'; readonly events: number }

/** One kind of template: its journey, how it ends, how many events it has. */
export interface TemplateKind {
  readonly name: string
  readonly shape: JourneyShape
  readonly ending: Ending
  readonly events: number
  readonly status: EnrollmentState['status']
}

const clean: JourneyShape = { splitOnline: [], revisions: [0, 0, 0, 0, 0], capstoneRevisions: 0 }

/**
 * The template kinds, in pairs whose lengths add up to 80 (an earned journey has at least 41
 * events: 1 enrollment, 18 hour records, 6 + 3 completions, 5 submissions and grades, the
 * capstone and its grade, the credential), so any mix of pairs averages exactly 40 events.
 */
export const pairs: ReadonlyArray<readonly [TemplateKind, TemplateKind, number]> = [
  [
    { name: 'earned', shape: clean, ending: { kind: 'earned' }, events: 41, status: 'earned' },
    {
      name: 'active (late)',
      shape: { ...clean, revisions: [1, 0, 0, 0, 0] },
      ending: { kind: 'active', events: 39 },
      events: 39,
      status: 'active',
    },
    5,
  ],
  [
    {
      name: 'earned, online in chunks',
      shape: { ...clean, splitOnline: [0, 3] },
      ending: { kind: 'earned' },
      events: 43,
      status: 'earned',
    },
    {
      name: 'withdrawn',
      shape: { ...clean, revisions: [0, 0, 0, 1, 0] },
      ending: { kind: 'withdrawn', events: 37 },
      events: 37,
      status: 'withdrawn',
    },
    4,
  ],
  [
    {
      name: 'earned, revisions',
      shape: { splitOnline: [], revisions: [0, 1, 0, 0, 0], capstoneRevisions: 1 },
      ending: { kind: 'earned' },
      events: 45,
      status: 'earned',
    },
    {
      name: 'active (mid-year)',
      shape: { ...clean, splitOnline: [1, 2], revisions: [2, 0, 0, 0, 0] },
      ending: { kind: 'active', events: 35 },
      events: 35,
      status: 'active',
    },
    3,
  ],
  [
    { name: 'revoked', shape: clean, ending: { kind: 'revoked' }, events: 42, status: 'revoked' },
    {
      name: 'withdrawn (late)',
      shape: { ...clean, splitOnline: [4] },
      ending: { kind: 'withdrawn', events: 38 },
      events: 38,
      status: 'withdrawn',
    },
    1,
  ],
]

const dayMs = 86_400_000
const schoolYear = Date.parse('2026-08-24T16:00:00Z')

const contextAt = (who: Who, step: number): CommandContext => ({
  actor: actors[who],
  at: new Date(schoolYear + step * 5 * dayMs + (step % 7) * 37 * 60_000).toISOString(),
  commandId: `${enrollmentId}-command-${step + 1}`,
})

const fail = (message: string): never => {
  throw new Error(`bench log: ${message}`)
}

/**
 * Runs a template through `enrollment.decide`: every step of the journey while the events fit
 * the budget (a step whose events would not fit, or that the decider refuses because an earlier
 * step was left out, is skipped), then the ending.
 */
const decideTemplate = (program: Program, kind: TemplateKind, nameIndex: number) => {
  const steps = journey(program, kind.shape, nameIndex)
  const budget =
    kind.ending.kind === 'active'
      ? kind.ending.events
      : kind.ending.kind === 'withdrawn'
        ? kind.ending.events - 1
        : Infinity
  let state = enrollment.initialState
  const events: EnrollmentEvent[] = []
  let step = 0
  const run = (who: Who, command: EnrollmentCommand, optional: boolean) => {
    const decided = enrollment.decide(command, state, contextAt(who, step))
    if (E.isLeft(decided)) {
      if (optional) return
      return fail(`${program.id}/${kind.name}: ${command.type} refused: ${decided.left.message}`)
    }
    if (optional && events.length + decided.right.length > budget) return
    events.push(...decided.right)
    state = enrollment.fold(decided.right, state)
    step++
  }
  for (const { who, command } of steps) {
    if (events.length === budget) break
    run(who, command, budget !== Infinity)
  }
  // Short of the budget (the steps left each had consequences): extra fieldwork hours that
  // complete nothing, one event each.
  for (const module of program.courses.flatMap((course) => course.modules)) {
    if (events.length >= budget) break
    const extra: EnrollmentCommand = {
      type: 'RecordHours',
      data: { enrollmentId, moduleId: module.id, mode: 'homework', hours: 0.5 },
    }
    const decided = enrollment.decide(extra, state, contextAt('educator', step))
    if (E.isRight(decided) && decided.right.length === 1) run('educator', extra, true)
  }
  if (kind.ending.kind === 'withdrawn') {
    run(
      'educator',
      { type: 'Withdraw', data: { enrollmentId, reason: 'Moved to a new school' } },
      false,
    )
  }
  if (kind.ending.kind === 'revoked') {
    const reason = 'Issued in error: hours double-counted'
    run('administrator', { type: 'RevokeCredential', data: { enrollmentId, reason } }, false)
  }
  if (events.length !== kind.events) {
    fail(`${program.id}/${kind.name}: ${events.length} events, expected ${kind.events}`)
  }
  if (state.status !== kind.status) {
    fail(`${program.id}/${kind.name}: status ${state.status}, expected ${kind.status}`)
  }
  return events
}

// -------------------------------------------------------------------------------------
// the log
// -------------------------------------------------------------------------------------

/** The replay log: its NDJSON lines (interleaved) and what it should fold to. */
export interface Log {
  readonly lines: ReadonlyArray<string>
  readonly enrollments: number
  /** The expected count of each status once folded. */
  readonly statuses: Readonly<Record<string, number>>
  /** The number of distinct template histories stamped. */
  readonly templates: number
  readonly millis: number
}

/** Options of `buildLog`. */
export interface LogOptions {
  readonly enrollments?: number
  readonly seed?: number
}

/**
 * Builds the log: the templates through `decide` (every kind for every catalog program), then
 * `enrollments` stamped copies (pairs of kinds drawn by weight, programs in turn), interleaved by
 * a seeded shuffle that keeps each stream's order.
 */
export const buildLog = ({ enrollments = 25_000, seed = 2026 }: LogOptions = {}): Log => {
  const started = performance.now()
  if (enrollments % 2 !== 0) fail('enrollments must be even (templates come in pairs)')
  const random = prng(seed)
  const kinds = pairs.flatMap(([a, b]) => [a, b])
  // templates[program][kind]: the template's NDJSON lines, placeholders still in.
  const templates = catalogPrograms.map((program, p) =>
    kinds.map((kind, k) =>
      decideTemplate(program, kind, p + k).map((event) => JSON.stringify(event)),
    ),
  )
  const totalWeight = pairs.reduce((sum, [, , weight]) => sum + weight, 0)
  const streams: (readonly string[])[] = []
  const statuses: Record<string, number> = {}
  for (let i = 0; i < enrollments / 2; i++) {
    let draw = random() * totalWeight
    const pair = pairs.findIndex(([, , weight]) => (draw -= weight) < 0)
    for (const member of [0, 1]) {
      const n = streams.length
      const id = String(n + 1).padStart(6, '0')
      const cohort = `c${(n % 40) + 1}`
      const program = templates[n % templates.length]
      const kind = pair * 2 + member
      const lines = program?.[kind] ?? fail('no template')
      const status = kinds[kind]?.status ?? fail('no kind')
      statuses[status] = (statuses[status] ?? 0) + 1
      streams.push(lines.map((line) => line.replaceAll(ID, id).replaceAll(COHORT, cohort)))
    }
  }
  // Interleave: a seeded shuffle of one token per event, each stream keeping its own order.
  const tokens = new Int32Array(streams.reduce((sum, lines) => sum + lines.length, 0))
  let at = 0
  streams.forEach((lines, s) => tokens.fill(s, at, (at += lines.length)))
  for (let i = tokens.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = tokens[i] as number
    tokens[i] = tokens[j] as number
    tokens[j] = swap
  }
  const next = new Int32Array(streams.length)
  const lines: string[] = new Array<string>(tokens.length)
  for (let i = 0; i < tokens.length; i++) {
    const s = tokens[i] as number
    const k = next[s] as number
    next[s] = k + 1
    lines[i] = streams[s]?.[k] ?? fail('stream overrun')
  }
  return {
    lines,
    enrollments,
    statuses,
    templates: templates.length * kinds.length,
    millis: performance.now() - started,
  }
}

/**
 * The log, built in a child process (`build-log.ts`) and read back line by line, so this process
 * never runs `decide`; with `inProcess`, built here.
 */
export const loadLog = async ({
  inProcess = false,
  ...options
}: LogOptions & { readonly inProcess?: boolean } = {}): Promise<Log> => {
  if (inProcess) return buildLog(options)
  const started = performance.now()
  const script = fileURLToPath(new URL('./build-log.ts', import.meta.url))
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, String(options.enrollments ?? 25_000)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  let meta: Omit<Log, 'lines'> | undefined
  const lines: string[] = []
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (meta === undefined) meta = JSON.parse(line) as Omit<Log, 'lines'>
    else lines.push(line)
  }
  const code = await exited
  if (code !== 0 || meta === undefined) fail(`build-log.ts exited with ${code}`)
  return { ...(meta as Omit<Log, 'lines'>), lines, millis: performance.now() - started }
}
