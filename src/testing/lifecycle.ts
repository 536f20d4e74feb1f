/**
 * Generated program lifecycles: sequences of lifecycle commands (with their contexts) on one
 * program, from a cast where some people hold both the administrator's and the approver's role
 * (and one id differs from another only by case), over a pool of valid programs and one the
 * policy rejects. The commands aim at the program's real versions most of the time, so drafts
 * get reviewed, approved, published and retired, and sometimes miss (a version that does not
 * exist, an older one, a program numbered wrong), so the refusals are exercised too.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { Actor, CommandContext } from '../context.js'
import type { ProgramLifecycleCommand } from '../lifecycle/commands.js'
import type { LifecycleError } from '../lifecycle/errors.js'
import type { ProgramLifecycleEvent } from '../lifecycle/events.js'
import { isEditable } from '../lifecycle/evolve.js'
import { programLifecycleDecider, type ProgramLifecycleDecider } from '../lifecycle/index.js'
import type { ProgramLifecycleState, VersionStatus } from '../lifecycle/state.js'
import { lausdPolicy, type StructuralPolicy } from '../policy.js'
import type { Program } from '../program/program.js'
import { minutesAfter } from './journey.js'
import { programArbitrary, programMutationArbitrary } from './program.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One lifecycle command with the context it is decided in. */
export interface LifecycleStep {
  readonly command: ProgramLifecycleCommand
  readonly context: CommandContext
}

/** A generated lifecycle: the program's id, the policy, and the steps in order. */
export interface Lifecycle {
  readonly programId: string
  readonly policy: StructuralPolicy
  readonly steps: ReadonlyArray<LifecycleStep>
}

/** Options of `lifecycleArbitrary`. */
export interface LifecycleOptions {
  /** The policy programs are written for and checked against (Los Angeles Unified's by default). */
  readonly policy?: StructuralPolicy
  /** The program's id (by default `program-1`). */
  readonly programId?: string
  /** At most this many steps (default 30). */
  readonly maxSteps?: number
  /** When the first step is decided (ISO-8601; by default 2026-06-01T15:00:00Z). */
  readonly start?: string
}

/** The people of `lifecycleCast`, by part. */
export type LifecycleCastMember =
  'administrator' | 'otherAdministrator' | 'approver' | 'lead' | 'leadAsApprover' | 'educator'

/**
 * The people of a generated lifecycle: two administrators, an approver, a lead who is both
 * (`lead-1`), the same lead signed in with another case of their id and the approver's role only
 * (`LEAD-1`: the same person by `sameIdentity`), and an educator, who may do nothing here.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { sameIdentity } from 'microcred'
 * import { lifecycleCast } from 'microcred/testing'
 * assert.ok(sameIdentity(lifecycleCast.lead.id, lifecycleCast.leadAsApprover.id))
 * assert.deepEqual(lifecycleCast.lead.roles, ['administrator', 'approver'])
 */
export const lifecycleCast: Readonly<Record<LifecycleCastMember, Actor>> = {
  administrator: { id: 'admin-1', roles: ['administrator'] },
  otherAdministrator: { id: 'admin-2', roles: ['administrator'] },
  approver: { id: 'approver-1', roles: ['approver'] },
  lead: { id: 'lead-1', roles: ['administrator', 'approver'] },
  leadAsApprover: { id: 'LEAD-1', roles: ['approver'] },
  educator: { id: 'educator-1', roles: ['educator'] },
}

const castMembers = Object.keys(lifecycleCast) as LifecycleCastMember[]

type Kind =
  | 'draft'
  | 'revise'
  | 'submit'
  | 'requestChanges'
  | 'approve'
  | 'publish'
  | 'retire'
  | 'retireProgram'

/** Which version a command aims at: the latest, the one before, the first, or one that is not. */
type Target = 'latest' | 'previous' | 'first' | 'missing'

interface Intent {
  readonly kind: Kind
  /** Whether to take the latest version's next step instead of `kind` (see `resolve`). */
  readonly follow: boolean
  readonly pick: number
  readonly actor: LifecycleCastMember
  /** Who sends it if it follows: a reviewer's command or an administrator's. */
  readonly reviewer: LifecycleCastMember
  readonly author: LifecycleCastMember
  readonly target: Target
  /** Which program of the pool a revision sends (the last is invalid under the policy). */
  readonly program: number
  /**
   * How a revision numbers its program: `right` (the version it edits, or the next one),
   * `same` (the version it aims at, even an approved one's) or `over` (one too many).
   */
  readonly numbered: 'right' | 'same' | 'over'
  readonly minutes: number
}

// -------------------------------------------------------------------------------------
// generators
// -------------------------------------------------------------------------------------

/** Actors by how often each kind of command is sent by someone who may send it. */
const actorFor = (kind: Kind): fc.Arbitrary<LifecycleCastMember> => {
  const reviewer = kind === 'approve' || kind === 'requestChanges'
  const likely: LifecycleCastMember[] = reviewer
    ? ['approver', 'lead', 'leadAsApprover']
    : ['administrator', 'otherAdministrator', 'lead']
  return fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...likely) },
    { weight: 1, arbitrary: fc.constantFrom(...castMembers) },
  )
}

const kindArbitrary: fc.Arbitrary<Kind> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Kind>('draft') },
  { weight: 12, arbitrary: fc.constant<Kind>('revise') },
  { weight: 12, arbitrary: fc.constant<Kind>('submit') },
  { weight: 4, arbitrary: fc.constant<Kind>('requestChanges') },
  { weight: 12, arbitrary: fc.constant<Kind>('approve') },
  { weight: 12, arbitrary: fc.constant<Kind>('publish') },
  { weight: 4, arbitrary: fc.constant<Kind>('retire') },
  { weight: 1, arbitrary: fc.constant<Kind>('retireProgram') },
)

/** The command that moves a version of this status on (`undefined`: a random one). */
const nextKind: Record<VersionStatus, ReadonlyArray<Kind>> = {
  draft: ['submit'],
  inReview: ['approve', 'approve', 'requestChanges'],
  changesRequested: ['revise'],
  approved: ['publish'],
  published: ['revise', 'retire'],
  retired: ['revise'],
}

/**
 * What a step does: half the time the command that moves the latest version on (its `kind` is
 * then chosen when the state is known: `follow`), else a random one.
 */
const intentArbitrary: fc.Arbitrary<Intent> = kindArbitrary.chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    follow: fc.boolean(),
    pick: fc.nat({ max: 5 }),
    actor: actorFor(kind),
    reviewer: actorFor('approve'),
    author: actorFor('submit'),
    target: fc.oneof(
      { weight: 12, arbitrary: fc.constant<Target>('latest') },
      { weight: 2, arbitrary: fc.constantFrom<Target>('previous', 'first') },
      { weight: 1, arbitrary: fc.constant<Target>('missing') },
    ),
    program: fc.nat({ max: 2 }),
    numbered: fc.oneof(
      { weight: 8, arbitrary: fc.constant('right' as const) },
      { weight: 1, arbitrary: fc.constant('same' as const) },
      { weight: 1, arbitrary: fc.constant('over' as const) },
    ),
    minutes: fc.integer({ min: 1, max: 60 * 24 * 20 }),
  }),
)

/** The intent as it applies to `state`: a following intent takes the latest version's next step. */
const resolve = (intent: Intent, state: ProgramLifecycleState): Intent => {
  if (!intent.follow || state.status === 'notDrafted') return intent
  const latest = state.versions.at(-1)
  if (latest === undefined) return intent
  const kinds = nextKind[latest.status]
  const kind = kinds[intent.pick % kinds.length] as Kind
  const reviewer = kind === 'approve' || kind === 'requestChanges'
  return { ...intent, kind, target: 'latest', actor: reviewer ? intent.reviewer : intent.author }
}

const versionAimedAt = (state: ProgramLifecycleState, target: Target): number => {
  if (state.status === 'notDrafted') return 1
  const latest = state.versions.at(-1)?.version ?? 1
  switch (target) {
    case 'latest':
      return latest
    case 'previous':
      return Math.max(1, latest - 1)
    case 'first':
      return state.versions[0]?.version ?? 1
    case 'missing':
      return latest + 1
  }
}

/** The number a revision of `version` must give its program: itself in place, else the next. */
const numberFor = (state: ProgramLifecycleState, version: number): number => {
  if (state.status === 'notDrafted') return version
  const found = state.versions.find((v) => v.version === version)
  const latest = state.versions.at(-1)?.version ?? version
  return found !== undefined && isEditable(found.status) ? version : latest + 1
}

const commandOf = (
  intent: Intent,
  state: ProgramLifecycleState,
  programId: string,
  pool: ReadonlyArray<Program>,
): ProgramLifecycleCommand => {
  const version = versionAimedAt(state, intent.target)
  const on = { programId, version }
  const program = (number: number): Program => ({
    ...(pool[intent.program % pool.length] as Program),
    id: programId,
    version:
      intent.numbered === 'right' ? number : intent.numbered === 'same' ? version : number + 1,
  })
  switch (intent.kind) {
    case 'draft':
      return { type: 'DraftProgram', data: { programId, program: program(1) } }
    case 'revise':
      return { type: 'ReviseProgram', data: { ...on, program: program(numberFor(state, version)) } }
    case 'submit':
      return { type: 'SubmitProgramForReview', data: on }
    case 'requestChanges':
      return {
        type: 'RequestProgramChanges',
        data: { ...on, changes: 'Align the second EOLA with the standards it names.' },
      }
    case 'approve':
      return { type: 'ApproveProgram', data: on }
    case 'publish':
      return { type: 'PublishProgram', data: on }
    case 'retire':
      return { type: 'RetireProgram', data: { ...on, reason: 'Replaced by a newer version' } }
    case 'retireProgram':
      return {
        type: 'RetireProgram',
        data: { programId, reason: 'The district ended the program' },
      }
  }
}

/**
 * Lifecycles of one program: a draft by an administrator first, then random lifecycle commands
 * from the cast (`lifecycleCast`), aimed at the versions the program has at that point (most of
 * the time the latest), with programs from a pool of two valid ones and one the policy rejects,
 * at increasing times. Some steps are refused (that is the point); `runLifecycle` decides them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { lifecycleArbitrary, runLifecycle } from 'microcred/testing'
 * for (const lifecycle of fc.sample(lifecycleArbitrary({ programId: 'steam' }), 5)) {
 *   assert.equal(lifecycle.steps[0]?.command.type, 'DraftProgram')
 *   const { state } = runLifecycle(lifecycle.steps)
 *   assert.ok(state.status !== 'notDrafted' && state.programId === 'steam')
 * }
 */
export const lifecycleArbitrary = (options: LifecycleOptions = {}): fc.Arbitrary<Lifecycle> => {
  const policy = options.policy ?? lausdPolicy
  const programId = options.programId ?? 'program-1'
  const start = options.start ?? '2026-06-01T15:00:00Z'
  const decider = programLifecycleDecider(policy)
  return fc
    .record({
      valid: fc.array(programArbitrary(policy), { minLength: 2, maxLength: 2 }),
      invalid: programMutationArbitrary(policy),
      firstAuthor: fc.constantFrom<LifecycleCastMember>('administrator', 'lead'),
      intents: fc.array(intentArbitrary, {
        maxLength: Math.max(0, (options.maxSteps ?? 30) - 1),
        size: 'medium',
      }),
    })
    .map(({ valid, invalid, firstAuthor, intents }): Lifecycle => {
      const pool = [...valid, invalid.program]
      const first: Intent = {
        kind: 'draft',
        follow: false,
        pick: 0,
        actor: firstAuthor,
        reviewer: 'approver',
        author: firstAuthor,
        target: 'latest',
        program: 0,
        numbered: 'right',
        minutes: 0,
      }
      let state = decider.initialState
      let at = start
      const steps = [first, ...intents].map((planned, i): LifecycleStep => {
        const intent = resolve(planned, state)
        at = minutesAfter(at, intent.minutes)
        const step = {
          command: commandOf(intent, state, programId, pool),
          context: { actor: lifecycleCast[intent.actor], at, commandId: `lifecycle-${i + 1}` },
        }
        const decided = decider.decide(step.command, state, step.context)
        if (E.isRight(decided)) state = decider.fold(decided.right, state)
        return step
      })
      return { programId, policy, steps }
    })
}

// -------------------------------------------------------------------------------------
// running
// -------------------------------------------------------------------------------------

/** What running lifecycle steps produced: the events appended, the final state, each decision. */
export interface LifecycleRun {
  readonly events: ReadonlyArray<ProgramLifecycleEvent>
  readonly state: ProgramLifecycleState
  readonly decisions: ReadonlyArray<E.Either<LifecycleError, ReadonlyArray<ProgramLifecycleEvent>>>
}

/**
 * Decides each lifecycle step against the state so far (with `decider`, the Los Angeles Unified
 * lifecycle by default), appending the events of those accepted; refused steps append nothing.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog } from 'microcred'
 * import { lifecycleCast, runLifecycle } from 'microcred/testing'
 * const at = '2026-06-01T16:00:00Z'
 * const run = runLifecycle([
 *   { command: { type: 'DraftProgram', data: { programId: 'steam', program: catalog.steam } },
 *     context: { actor: lifecycleCast.lead, at, commandId: 'c-1' } },
 *   { command: { type: 'ApproveProgram', data: { programId: 'steam', version: 1 } },
 *     context: { actor: lifecycleCast.approver, at, commandId: 'c-2' } },
 * ])
 * assert.deepEqual(run.events.map((event) => event.type), ['ProgramDrafted'])
 * assert.ok(E.isLeft(run.decisions[1] ?? E.right([]))) // a draft is not in review
 */
export const runLifecycle = (
  steps: ReadonlyArray<LifecycleStep>,
  decider: ProgramLifecycleDecider = programLifecycleDecider(lausdPolicy),
): LifecycleRun => {
  const events: ProgramLifecycleEvent[] = []
  const decisions: Array<E.Either<LifecycleError, ReadonlyArray<ProgramLifecycleEvent>>> = []
  let state = decider.initialState
  for (const { command, context } of steps) {
    const decision = decider.decide(command, state, context)
    decisions.push(decision)
    if (E.isRight(decision)) {
      events.push(...decision.right)
      state = decider.fold(decision.right, state)
    }
  }
  return { events, state, decisions }
}
