/**
 * The rulebook of a program's lifecycle, as examples: given these events, when this command is
 * decided, then this event (or this refusal). Fixture histories are made by running real
 * commands through `runLifecycle`, so every rule starts from events `decide` produced.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  lausdPolicy,
  programLifecycle,
  programLifecycleDecider,
  type Actor,
  type CommandContext,
  type Program,
  type ProgramLifecycleCommand,
  type ProgramLifecycleEvent,
} from '../../src/index.js'
import { lifecycleCast, runLifecycle, specFor } from '../../src/testing/index.js'

// -------------------------------------------------------------------------------------
// the cast, the program and the clock
// -------------------------------------------------------------------------------------

const { administrator, otherAdministrator, approver, lead, leadAsApprover, educator } =
  lifecycleCast
const programId = catalog.steam.id
const v = (version: number): Program => ({ ...catalog.steam, version })
/** Four EOLAs where the policy requires five. */
const short: Program = { ...catalog.steam, eolas: catalog.steam.eolas.slice(1) }

const start = Date.parse('2026-06-01T15:00:00Z')
const hourOf = (n: number) => new Date(start + n * 3_600_000).toISOString()
const now = '2026-12-01T16:00:00Z'
const ctx = (actor: Actor, at: string = now): CommandContext => ({
  actor,
  at,
  commandId: `rulebook-${actor.id}-${at}`,
})

type Data<K extends ProgramLifecycleCommand['type']> = Extract<
  ProgramLifecycleCommand,
  { type: K }
>['data']
const draft = (program: Program = v(1)): ProgramLifecycleCommand => ({
  type: 'DraftProgram',
  data: { programId, program },
})
const revise = (version: number, program: Program): ProgramLifecycleCommand => ({
  type: 'ReviseProgram',
  data: { programId, version, program },
})
const submit = (version: number): ProgramLifecycleCommand => ({
  type: 'SubmitProgramForReview',
  data: { programId, version },
})
const requestChanges = (version: number, changes = 'Cite the NGSS practices.') =>
  ({
    type: 'RequestProgramChanges',
    data: { programId, version, changes } satisfies Data<'RequestProgramChanges'>,
  }) as const
const approve = (version: number): ProgramLifecycleCommand => ({
  type: 'ApproveProgram',
  data: { programId, version },
})
const publish = (version: number): ProgramLifecycleCommand => ({
  type: 'PublishProgram',
  data: { programId, version },
})
const retire = (version?: number, reason = 'Replaced'): ProgramLifecycleCommand => ({
  type: 'RetireProgram',
  data: version === undefined ? { programId, reason } : { programId, version, reason },
})

/** Runs each [command, actor] an hour apart and returns the events; every step must pass. */
const history = (
  ...steps: ReadonlyArray<readonly [ProgramLifecycleCommand, Actor]>
): ProgramLifecycleEvent[] => {
  const run = runLifecycle(
    steps.map(([command, actor], i) => ({ command, context: ctx(actor, hourOf(i)) })),
  )
  run.decisions.forEach((decision, i) =>
    expect(E.isRight(decision), `step ${i + 1}: ${JSON.stringify(decision)}`).toBe(true),
  )
  return [...run.events]
}

const drafted = () => history([draft(), administrator])
const inReview = () => history([draft(), administrator], [submit(1), administrator])
const approved = () =>
  history([draft(), administrator], [submit(1), administrator], [approve(1), approver])
const { given } = specFor(programLifecycle)

/** A history of one published version (v1), by admin-1, approved by approver-1. */
const publishedV1 = () =>
  history(
    [draft(), administrator],
    [submit(1), administrator],
    [approve(1), approver],
    [publish(1), administrator],
  )

// -------------------------------------------------------------------------------------
// the rules
// -------------------------------------------------------------------------------------

describe('DraftProgram', () => {
  it('starts the program: its first version, a draft by the actor', () => {
    given([])
      .when(draft(), ctx(administrator))
      .then([
        {
          type: 'ProgramDrafted',
          data: { programId, version: 1, program: v(1), draftedBy: administrator.id, at: now },
        },
      ])
  })
  it('takes a program the policy rejects: a draft is work in progress', () => {
    expect(E.isRight(given([]).when(draft(short), ctx(administrator)).decision)).toBe(true)
  })
  it('is refused once the program exists', () => {
    given(drafted())
      .when(draft(), ctx(administrator))
      .thenFails('ProgramAlreadyDrafted', 'revise its latest version')
  })
  it("is refused when the program's id is not the stream's", () => {
    given([])
      .when(
        { type: 'DraftProgram', data: { programId: 'other', program: v(1) } },
        ctx(administrator),
      )
      .thenFails('WrongProgram', "carries program 'steam'")
  })
  it('takes an administrator', () => {
    given([]).when(draft(), ctx(approver)).thenFails('NotAuthorized')
    given([]).when(draft(), ctx(educator)).thenFails('NotAuthorized')
  })
})

describe('ReviseProgram', () => {
  const edited: Program = { ...v(1), title: 'STEAM, revised' }
  it('edits a draft in place, and the reviser becomes one of its authors', () => {
    const then = given(drafted()).when(revise(1, edited), ctx(otherAdministrator))
    then.then([
      {
        type: 'ProgramRevised',
        data: { programId, version: 1, program: edited, revisedBy: otherAdministrator.id, at: now },
      },
    ])
    const state = programLifecycle.fold([
      ...drafted(),
      ...(E.isRight(then.decision) ? then.decision.right : []),
    ])
    expect(state.status === 'active' && state.versions[0]?.authors).toEqual([
      administrator.id,
      otherAdministrator.id,
    ])
  })
  it('edits a version whose changes were requested in place, back to a draft', () => {
    const sent = history(
      [draft(), administrator],
      [submit(1), administrator],
      [requestChanges(1), approver],
      [revise(1, edited), administrator],
    )
    const state = programLifecycle.fold(sent)
    expect(state.status === 'active' && state.versions.length).toBe(1)
    expect(state.status === 'active' && state.versions[0]?.status).toBe('draft')
    expect(state.status === 'active' && state.versions[0]?.program.title).toBe('STEAM, revised')
  })
  it('in place, the program carries the version it edits', () => {
    given(drafted())
      .when(revise(1, v(2)), ctx(administrator))
      .thenFails('VersionMismatch', 'with version 1, not 2')
  })
  it('is refused while the version is in review', () => {
    given(inReview())
      .when(revise(1, edited), ctx(administrator))
      .thenFails('WrongVersionStatus', 'is in review')
  })
  it('of a published version starts the next version as a new draft; the published one stays', () => {
    const events = publishedV1()
    const next = { ...v(2), title: 'STEAM 2' }
    given(events)
      .when(revise(1, next), ctx(otherAdministrator))
      .then([
        {
          type: 'ProgramRevised',
          data: {
            programId,
            version: 2,
            basedOn: 1,
            program: next,
            revisedBy: otherAdministrator.id,
            at: now,
          },
        },
      ])
  })
  it('of an approved version starts the next version too', () => {
    expect(E.isRight(given(approved()).when(revise(1, v(2)), ctx(administrator)).decision)).toBe(
      true,
    )
  })
  it('of an immutable version names the number the new version needs', () => {
    given(publishedV1())
      .when(revise(1, v(1)), ctx(administrator))
      .thenFails('VersionMismatch', 'starts version 2: send the program with version 2, not 1')
  })
  it('starts a new version only from the latest', () => {
    const events = history(
      [draft(), administrator],
      [submit(1), administrator],
      [approve(1), approver],
      [publish(1), administrator],
      [revise(1, v(2)), administrator],
    )
    given(events)
      .when(revise(1, v(3)), ctx(administrator))
      .thenFails('NotLatestVersion', 'revise version 2')
  })
  it('of a version that does not exist is refused', () => {
    given(drafted())
      .when(revise(3, v(3)), ctx(administrator))
      .thenFails('UnknownVersion', 'has version 1')
  })
})

describe('SubmitProgramForReview', () => {
  it('submits a draft valid under the policy', () => {
    given(drafted())
      .when(submit(1), ctx(administrator))
      .then([
        {
          type: 'ProgramSubmittedForReview',
          data: { programId, version: 1, submittedBy: administrator.id, at: now },
        },
      ])
  })
  it('refuses a program the policy rejects, listing every violation', () => {
    const events = history([draft(short), administrator])
    const error = given(events).when(submit(1), ctx(administrator)).thenFails('InvalidProgram')
    expect(error._tag === 'InvalidProgram' && error.errors.map((e) => e._tag)).toContain(
      'EolaCount',
    )
  })
  it("judges against the decider's policy", () => {
    const noCapstone = Object.fromEntries(
      Object.entries(v(1)).filter(([key]) => key !== 'capstone'),
    ) as Program
    const events = history([draft(noCapstone), administrator])
    given(events).when(submit(1), ctx(administrator)).thenFails('InvalidProgram', 'capstone')
    const relaxed = programLifecycleDecider({ ...lausdPolicy, capstoneRequired: false })
    expect(
      E.isRight(specFor(relaxed).given(events).when(submit(1), ctx(administrator)).decision),
    ).toBe(true)
  })
  it('refuses a version in review, and one back with its authors until it is revised', () => {
    given(inReview())
      .when(submit(1), ctx(administrator))
      .thenFails('WrongVersionStatus', 'only a draft')
    const sentBack = history(
      [draft(), administrator],
      [submit(1), administrator],
      [requestChanges(1), approver],
    )
    given(sentBack)
      .when(submit(1), ctx(administrator))
      .thenFails('WrongVersionStatus', 'revise it first')
  })
})

describe('ApproveProgram and RequestProgramChanges', () => {
  it('an approver approves a version in review', () => {
    given(inReview())
      .when(approve(1), ctx(approver))
      .then([
        {
          type: 'ProgramApproved',
          data: { programId, version: 1, approvedBy: approver.id, at: now },
        },
      ])
  })
  it('an approver sends a version back with the changes to make', () => {
    given(inReview())
      .when(requestChanges(1, 'Add a rubric criterion on inquiry.'), ctx(approver))
      .then([
        {
          type: 'ProgramChangesRequested',
          data: {
            programId,
            version: 1,
            changes: 'Add a rubric criterion on inquiry.',
            requestedBy: approver.id,
            at: now,
          },
        },
      ])
  })
  it('no approver reviews their own draft, under any case of their id', () => {
    const own = history([draft(), lead], [submit(1), lead])
    given(own).when(approve(1), ctx(lead)).thenFails('NotAuthorized', 'may not ApproveProgram')
    given(own)
      .when(approve(1), ctx(leadAsApprover))
      .thenFails('NotAuthorized', "it takes an approver other than the program's author")
    given(own).when(requestChanges(1), ctx(leadAsApprover)).thenFails('NotAuthorized')
    expect(E.isRight(given(own).when(approve(1), ctx(approver)).decision)).toBe(true)
  })
  it('nor a draft they revised: every author is excluded', () => {
    const revisedByLead = history(
      [draft(), administrator],
      [revise(1, { ...v(1), title: 'STEAM (lead edit)' }), lead],
      [submit(1), administrator],
    )
    given(revisedByLead).when(approve(1), ctx(leadAsApprover)).thenFails('NotAuthorized')
  })
  it('takes an approver', () => {
    given(inReview()).when(approve(1), ctx(otherAdministrator)).thenFails('NotAuthorized')
  })
  it('takes a version in review', () => {
    given(drafted())
      .when(approve(1), ctx(approver))
      .thenFails('WrongVersionStatus', 'only a version in review')
    given(approved()).when(approve(1), ctx(approver)).thenFails('WrongVersionStatus')
  })
})

describe('PublishProgram', () => {
  it('publishes an approved version', () => {
    given(approved())
      .when(publish(1), ctx(administrator))
      .then([
        {
          type: 'ProgramPublished',
          data: { programId, version: 1, publishedBy: administrator.id, at: now },
        },
      ])
  })
  it('refuses a version that was not approved, or is published already', () => {
    given(inReview())
      .when(publish(1), ctx(administrator))
      .thenFails('WrongVersionStatus', 'only an approved version')
    given(publishedV1())
      .when(publish(1), ctx(administrator))
      .thenFails('WrongVersionStatus', 'is published')
  })
  it('takes an administrator', () => {
    given(approved()).when(publish(1), ctx(approver)).thenFails('NotAuthorized')
  })
})

describe('RetireProgram', () => {
  it('retires a published version', () => {
    given(publishedV1())
      .when(retire(1, 'Replaced by version 2'), ctx(administrator))
      .then([
        {
          type: 'ProgramRetired',
          data: {
            programId,
            version: 1,
            reason: 'Replaced by version 2',
            retiredBy: administrator.id,
            at: now,
          },
        },
      ])
  })
  it('refuses a version that is not published', () => {
    given(approved())
      .when(retire(1), ctx(administrator))
      .thenFails('WrongVersionStatus', 'only a published version')
  })
  it('without a version, retires the program: every published version, and nothing after', () => {
    const events = history(
      [draft(), administrator],
      [submit(1), administrator],
      [approve(1), approver],
      [publish(1), administrator],
      [retire(undefined, 'The district ended STEAM'), administrator],
    )
    const state = programLifecycle.fold(events)
    expect(state.status).toBe('retired')
    expect(state.status !== 'notDrafted' && state.versions[0]?.status).toBe('retired')
    given(events)
      .when(revise(1, v(2)), ctx(administrator))
      .thenFails('ProgramRetired', 'The district ended STEAM')
  })
})

describe('every command', () => {
  it('needs a drafted program', () => {
    given([]).when(submit(1), ctx(administrator)).thenFails('ProgramNotDrafted', 'draft it first')
  })
  it("is refused on another program's stream", () => {
    given(drafted())
      .when(
        { type: 'SubmitProgramForReview', data: { programId: 'other', version: 1 } },
        ctx(administrator),
      )
      .thenFails('WrongProgram')
  })
  it('never goes back in time', () => {
    given(drafted())
      .when(submit(1), ctx(administrator, '2026-01-01T00:00:00Z'))
      .thenFails('TimeWentBackwards')
  })
  it('is decoded: hostile input is refused, naming the path', () => {
    given(drafted())
      .when({ type: 'ApproveProgram', data: { programId: '__proto__', version: 1 } }, ctx(approver))
      .thenFails('InvalidCommand', 'data.programId')
    given(drafted())
      .when(
        {
          type: 'ReviseProgram',
          data: { programId, version: 1, program: { ...v(1), title: 'a\u0000b' } },
        },
        ctx(administrator),
      )
      .thenFails('InvalidCommand', 'data.program.title')
    given(drafted())
      .when(
        {
          type: 'ReviseProgram',
          data: {
            programId,
            version: 1,
            program: { ...v(1), badge: { ...v(1).badge, imageUrl: 'javascript:alert(1)' } },
          },
        },
        ctx(administrator),
      )
      .thenFails('InvalidCommand', 'imageUrl')
    given(drafted())
      .when(
        { type: 'PublishProgram', data: { programId, version: 1, force: true } } as never,
        ctx(administrator),
      )
      .thenFails('InvalidCommand', 'force')
  })
})
