/**
 * The invariants of a program's lifecycle, over random command sequences (`lifecycleArbitrary`)
 * under Los Angeles Unified's policy and other districts'. Each is checked against what the
 * events say, independently of the state `decide` reads:
 *
 * - no approval (nor request for changes) by an author of the version;
 * - versions strictly increase, one at a time, and a version's program carries its number;
 * - an approved or published version's program never changes afterwards;
 * - only programs valid under the policy reach review;
 * - every status change is an arrow of the diagram, and `publishedVersion` answers exactly the
 *   published versions, with the program that was approved.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  programLifecycleDecider,
  publishedVersion,
  sameIdentity,
  validateProgram,
  type Program,
  type ProgramLifecycleEvent,
  type StructuralPolicy,
  type VersionStatus,
} from '../../src/index.js'
import {
  isDeeplyFrozen,
  lifecycleArbitrary,
  policyArbitrary,
  runLifecycle,
  type Lifecycle,
} from '../../src/testing/index.js'

/** What the events say about one version, kept apart from the decider's state. */
interface Told {
  status: VersionStatus
  program: Program
  authors: string[]
  /** The program when it was approved: it must never change after. */
  approvedProgram: Program | null
}

/** The arrows of a version's statuses: what each event may move a version from. */
const arrows: Partial<Record<ProgramLifecycleEvent['type'], ReadonlyArray<VersionStatus>>> = {
  ProgramSubmittedForReview: ['draft'],
  ProgramChangesRequested: ['inReview'],
  ProgramApproved: ['inReview'],
  ProgramPublished: ['approved'],
}
const arrowTo: Partial<Record<ProgramLifecycleEvent['type'], VersionStatus>> = {
  ProgramSubmittedForReview: 'inReview',
  ProgramChangesRequested: 'changesRequested',
  ProgramApproved: 'approved',
  ProgramPublished: 'published',
}

interface Checked {
  readonly told: ReadonlyMap<number, Told>
  readonly programRetired: boolean
  readonly counts: Record<string, number>
}

/**
 * Runs the lifecycle step by step through the decider, checking every accepted event against the
 * story so far; returns the story, for the checks on the final state.
 */
const check = (lifecycle: Lifecycle, policy: StructuralPolicy): Checked => {
  const decider = programLifecycleDecider(policy)
  const told = new Map<number, Told>()
  const counts: Record<string, number> = {}
  let programRetired = false
  let state = decider.initialState
  let lastCreated: number | undefined
  const accepted: ProgramLifecycleEvent[] = []
  for (const { command, context } of lifecycle.steps) {
    const decision = decider.decide(command, state, context)
    if (E.isLeft(decision)) {
      counts[decision.left._tag] = (counts[decision.left._tag] ?? 0) + 1
      continue
    }
    expect(decision.right).toHaveLength(1)
    const event = decision.right[0] as ProgramLifecycleEvent
    accepted.push(event)
    counts[event.type] = (counts[event.type] ?? 0) + 1
    expect(programRetired, 'nothing happens to a retired program').toBe(false)
    expect(Date.parse(event.data.at)).toBe(Date.parse(context.at))
    const version = event.type === 'ProgramRetired' ? event.data.version : event.data.version
    const known = version === undefined ? undefined : told.get(version)
    switch (event.type) {
      case 'ProgramDrafted':
      case 'ProgramRevised': {
        // A version's program carries its number.
        expect(event.data.program.version).toBe(event.data.version)
        expect(event.data.program.id).toBe(lifecycle.programId)
        const author = event.type === 'ProgramDrafted' ? event.data.draftedBy : event.data.revisedBy
        expect(author).toBe(context.actor.id)
        if (known === undefined) {
          // A new version: strictly the next one.
          if (lastCreated !== undefined) expect(event.data.version).toBe(lastCreated + 1)
          expect(event.type === 'ProgramDrafted' || event.data.basedOn !== undefined).toBe(true)
          lastCreated = event.data.version
          told.set(event.data.version, {
            status: 'draft',
            program: event.data.program,
            authors: [author],
            approvedProgram: null,
          })
        } else {
          // In place: only a draft or a version sent back, never an approved or published one.
          expect(['draft', 'changesRequested']).toContain(known.status)
          expect(known.approvedProgram).toBeNull()
          known.status = 'draft'
          known.program = event.data.program
          known.authors.push(author)
        }
        break
      }
      case 'ProgramRetired': {
        if (known === undefined) {
          expect(event.data.version).toBeUndefined()
          programRetired = true
          for (const v of told.values()) if (v.status === 'published') v.status = 'retired'
        } else {
          expect(known.status).toBe('published')
          known.status = 'retired'
        }
        break
      }
      default: {
        expect(known, `${event.type} of a version that exists`).toBeDefined()
        const v = known as Told
        expect(arrows[event.type]).toContain(v.status)
        if (event.type === 'ProgramSubmittedForReview') {
          // Only programs valid under the policy reach review.
          expect(E.isRight(validateProgram(v.program, policy))).toBe(true)
        }
        if (event.type === 'ProgramApproved' || event.type === 'ProgramChangesRequested') {
          // No approval by an author (under any spelling of their id).
          const reviewer =
            event.type === 'ProgramApproved' ? event.data.approvedBy : event.data.requestedBy
          expect(context.actor.roles).toContain('approver')
          expect(v.authors.some((author) => sameIdentity(author, reviewer))).toBe(false)
        }
        if (event.type === 'ProgramApproved') v.approvedProgram = v.program
        v.status = arrowTo[event.type] as VersionStatus
      }
    }
    state = decider.evolve(state, event)
  }
  // The state folded at once is the one evolved step by step, deeply frozen.
  expect(decider.fold(accepted)).toEqual(state)
  expect(isDeeplyFrozen(state)).toBe(true)
  // The final state agrees with the story, version by version.
  if (state.status !== 'notDrafted') {
    const numbers = state.versions.map((v) => v.version)
    expect(numbers).toEqual([...told.keys()])
    expect(numbers.every((n, i) => i === 0 || n === (numbers[i - 1] as number) + 1)).toBe(true)
    expect(state.status === 'retired').toBe(programRetired)
    for (const v of state.versions) {
      const t = told.get(v.version) as Told
      expect(v.status).toBe(t.status)
      expect(v.program).toEqual(t.program)
      // An approved, published or retired version holds what was approved: it never changed.
      if (t.approvedProgram !== null) expect(v.program).toBe(t.approvedProgram)
      const published = publishedVersion(state, v.version)
      expect(E.isRight(published)).toBe(t.status === 'published' && !programRetired)
      if (E.isRight(published)) expect(published.right).toBe(t.approvedProgram)
      if (E.isLeft(published)) {
        expect(published.left.reason).toBe(
          t.status === 'retired' || programRetired ? 'retired' : 'unpublished',
        )
      }
    }
    const latestPublished = [...told.entries()].filter(([, t]) => t.status === 'published').at(-1)
    const latest = publishedVersion(state)
    expect(E.isRight(latest)).toBe(latestPublished !== undefined && !programRetired)
    if (E.isRight(latest)) expect(latest.right).toBe(latestPublished?.[1].approvedProgram)
  }
  return { told, programRetired, counts }
}

describe('the program lifecycle', () => {
  it('under Los Angeles Unified: no self-approval, versions strictly increase, approved programs never change, only valid programs reach review', () => {
    const seen: Record<string, number> = {}
    fc.assert(
      fc.property(lifecycleArbitrary({ programId: 'steam' }), (lifecycle) => {
        const { counts } = check(lifecycle, lifecycle.policy)
        for (const [key, n] of Object.entries(counts)) seen[key] = (seen[key] ?? 0) + n
      }),
      { numRuns: 60 },
    )
    // The generator reaches every event and every refusal that matters to these rules.
    for (const tag of [
      'ProgramDrafted',
      'ProgramRevised',
      'ProgramSubmittedForReview',
      'ProgramChangesRequested',
      'ProgramApproved',
      'ProgramPublished',
      'ProgramRetired',
      'NotAuthorized',
      'InvalidProgram',
      'VersionMismatch',
      'WrongVersionStatus',
    ]) {
      expect(seen[tag] ?? 0, tag).toBeGreaterThan(0)
    }
  })

  it("under other districts' policies too", () => {
    fc.assert(
      fc.property(
        policyArbitrary().chain((policy) =>
          lifecycleArbitrary({ policy, programId: 'district-program', maxSteps: 20 }),
        ),
        (lifecycle) => {
          check(lifecycle, lifecycle.policy)
        },
      ),
      { numRuns: 30 },
    )
  })

  it('is not stricter than its rules: an approver who wrote none of a version in review may always review it', () => {
    let reviewed = 0
    fc.assert(
      fc.property(lifecycleArbitrary(), (lifecycle) => {
        const decider = programLifecycleDecider(lifecycle.policy)
        let state = decider.initialState
        for (const { command, context } of lifecycle.steps) {
          const decision = decider.decide(command, state, context)
          if (
            (command.type === 'ApproveProgram' || command.type === 'RequestProgramChanges') &&
            state.status === 'active' &&
            context.actor.roles.includes('approver')
          ) {
            const version = state.versions.find((v) => v.version === command.data.version)
            const author = version?.authors.some((a) => sameIdentity(a, context.actor.id))
            if (version?.status === 'inReview' && author === false) {
              reviewed++
              expect(E.isRight(decision), JSON.stringify(decision)).toBe(true)
            }
          }
          if (E.isRight(decision)) state = decider.fold(decision.right, state)
        }
      }),
      { numRuns: 60 },
    )
    expect(reviewed).toBeGreaterThan(0)
  })

  it('evolve keeps the rules against forged events: an approved, published or retired program never changes, versions stay consecutive', () => {
    const forged = (programId: string) =>
      fc
        .record({
          type: fc.constantFrom(
            'ProgramRevised',
            'ProgramSubmittedForReview',
            'ProgramApproved',
            'ProgramPublished',
            'ProgramRetired',
            'ProgramDrafted',
          ),
          version: fc.integer({ min: 1, max: 5 }),
          position: fc.nat(),
        })
        .map(({ type, version, position }) => {
          const at = '2027-01-01T00:00:00Z'
          const program = { ...catalog.steam, id: programId, version, title: 'Forged' }
          const data = { programId, version, at }
          const event: ProgramLifecycleEvent =
            type === 'ProgramRevised'
              ? { type, data: { ...data, program, revisedBy: 'forger' } }
              : type === 'ProgramDrafted'
                ? { type, data: { ...data, program, draftedBy: 'forger' } }
                : type === 'ProgramSubmittedForReview'
                  ? { type, data: { ...data, submittedBy: 'forger' } }
                  : type === 'ProgramApproved'
                    ? { type, data: { ...data, approvedBy: 'forger' } }
                    : type === 'ProgramPublished'
                      ? { type, data: { ...data, publishedBy: 'forger' } }
                      : {
                          type: 'ProgramRetired',
                          data: { ...data, reason: 'Forged', retiredBy: 'forger' },
                        }
          return { event, position }
        })
    fc.assert(
      fc.property(
        lifecycleArbitrary({ programId: 'steam' }).chain((lifecycle) =>
          fc.tuple(fc.constant(lifecycle), fc.array(forged('steam'), { maxLength: 15 })),
        ),
        ([lifecycle, forgeries]) => {
          const events = [...runLifecycle(lifecycle.steps).events]
          for (const { event, position } of forgeries) {
            events.splice(position % (events.length + 1), 0, event)
          }
          const decider = programLifecycleDecider(lifecycle.policy)
          const frozenPrograms = new Map<number, Program>()
          let state = decider.initialState
          for (const event of events) {
            state = decider.evolve(state, event)
            if (state.status === 'notDrafted') continue
            const numbers = state.versions.map((v) => v.version)
            expect(numbers.every((n, i) => i === 0 || n === (numbers[i - 1] as number) + 1)).toBe(
              true,
            )
            for (const v of state.versions) {
              const before = frozenPrograms.get(v.version)
              if (before !== undefined) expect(v.program).toBe(before)
              else if (!['draft', 'inReview', 'changesRequested'].includes(v.status)) {
                frozenPrograms.set(v.version, v.program)
              }
            }
          }
          expect(decider.fold(events)).toEqual(state)
        },
      ),
      { numRuns: 60 },
    )
  })
})
