/**
 * How each lifecycle event changes a program's state: one immer recipe, used by `evolve` (through
 * `produce`) and by `fold` (on its own copy). Events are facts, and the recipe checks nothing but
 * that an event belongs to this program and applies to the version's status; one that does not
 * apply leaves the state as it is. So an approved, published or retired version's program never
 * changes, whatever events follow, and a new version is only ever the next number.
 *
 * @packageDocumentation
 */
import type { Draft } from 'immer'
import { sameIdentity } from '../authorization.js'
import { evolveWith, foldWith } from '../decider.js'
import type { ProgramLifecycleEvent, ProgramLifecycleEventOf } from './events.js'
import type {
  NotDrafted,
  ProgramLifecycleState,
  ProgramRecord,
  ProgramVersion,
  VersionStatus,
} from './state.js'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A fresh state before any event.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { notDrafted } from 'microcred'
 * assert.deepEqual(notDrafted(), { status: 'notDrafted' })
 * assert.notEqual(notDrafted(), notDrafted()) // fresh each time
 */
export const notDrafted = (): NotDrafted => ({ status: 'notDrafted' })

/**
 * The statuses in which a version's program may still change: a draft, and a version whose
 * changes were requested. Every other status is final for the program it holds.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { isEditable } from 'microcred'
 * assert.equal(isEditable('changesRequested'), true)
 * assert.equal(isEditable('approved'), false)
 */
export const isEditable = (status: VersionStatus): boolean =>
  status === 'draft' || status === 'changesRequested'

const newVersion = (
  version: number,
  program: ProgramVersion['program'],
  author: string,
  at: string,
  basedOn: number | null,
): ProgramVersion => ({
  version,
  program,
  status: 'draft',
  authors: [author],
  basedOn,
  draftedAt: at,
  submitted: null,
  changeRequests: [],
  approval: null,
  publication: null,
  retirement: null,
})

const drafted = ({ data }: ProgramLifecycleEventOf<'ProgramDrafted'>): ProgramRecord => ({
  status: 'active',
  programId: data.programId,
  versions: [newVersion(data.version, data.program, data.draftedBy, data.at, null)],
  lastEventAt: data.at,
  retirement: null,
})

// -------------------------------------------------------------------------------------
// the recipe
// -------------------------------------------------------------------------------------

const revised = (
  draft: Draft<ProgramRecord>,
  { data }: ProgramLifecycleEventOf<'ProgramRevised'>,
): boolean => {
  const existing = draft.versions.find((v) => v.version === data.version)
  if (existing !== undefined) {
    if (!isEditable(existing.status)) return false
    existing.program = data.program as Draft<ProgramVersion['program']>
    existing.status = 'draft'
    if (!existing.authors.some((author) => sameIdentity(author, data.revisedBy))) {
      existing.authors.push(data.revisedBy)
    }
    return true
  }
  const latest = draft.versions.at(-1)
  if (latest === undefined || data.version !== latest.version + 1) return false
  draft.versions.push(
    newVersion(
      data.version,
      data.program,
      data.revisedBy,
      data.at,
      data.basedOn ?? null,
    ) as Draft<ProgramVersion>,
  )
  return true
}

const retired = (
  draft: Draft<ProgramRecord>,
  { data }: ProgramLifecycleEventOf<'ProgramRetired'>,
): boolean => {
  const act = { by: data.retiredBy, at: data.at }
  if (data.version !== undefined) {
    const version = draft.versions.find((v) => v.version === data.version)
    if (version?.status !== 'published') return false
    version.status = 'retired'
    version.retirement = act
    return true
  }
  draft.status = 'retired'
  draft.retirement = { ...act, reason: data.reason }
  for (const version of draft.versions) {
    if (version.status === 'published') {
      version.status = 'retired'
      version.retirement = act
    }
  }
  return true
}

/** Moves a version from `from` to `to`, if it is there; `record` notes who and when. */
const step = (
  draft: Draft<ProgramRecord>,
  versionNumber: number,
  from: VersionStatus,
  to: VersionStatus,
  record: (version: Draft<ProgramVersion>) => void,
): boolean => {
  const version = draft.versions.find((v) => v.version === versionNumber)
  if (version?.status !== from) return false
  version.status = to
  record(version)
  return true
}

const applyFact = (draft: Draft<ProgramRecord>, event: ProgramLifecycleEvent): boolean => {
  switch (event.type) {
    case 'ProgramDrafted':
      return false
    case 'ProgramRevised':
      return revised(draft, event)
    case 'ProgramSubmittedForReview': {
      const { version, submittedBy: by, at } = event.data
      return step(draft, version, 'draft', 'inReview', (v) => {
        v.submitted = { by, at }
      })
    }
    case 'ProgramChangesRequested': {
      const { version, requestedBy: by, at, changes } = event.data
      return step(draft, version, 'inReview', 'changesRequested', (v) => {
        v.changeRequests.push({ by, at, changes })
      })
    }
    case 'ProgramApproved': {
      const { version, approvedBy: by, at } = event.data
      return step(draft, version, 'inReview', 'approved', (v) => {
        v.approval = { by, at }
      })
    }
    case 'ProgramPublished': {
      const { version, publishedBy: by, at } = event.data
      return step(draft, version, 'approved', 'published', (v) => {
        v.publication = { by, at }
      })
    }
    case 'ProgramRetired':
      return retired(draft, event)
    default: {
      const unknown: never = event
      return unknown
    }
  }
}

/**
 * The lifecycle recipe: mutates `draft` by `event`, or returns the new state when the event
 * drafts the program. An event of another program, one after the program's retirement, or one
 * that does not apply to its version's status leaves the state as it is.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { applyProgramLifecycleEvent, catalog, notDrafted } from 'microcred'
 * const at = '2026-06-01T16:00:00Z'
 * const started = applyProgramLifecycleEvent(notDrafted(), {
 *   type: 'ProgramDrafted',
 *   data: { programId: 'steam', version: 1, program: catalog.steam, draftedBy: 'admin-1', at },
 * })
 * assert.ok(started && started.status === 'active')
 * // Publishing a draft does not apply: it was never approved.
 * applyProgramLifecycleEvent(started, { type: 'ProgramPublished', data: { programId: 'steam', version: 1, publishedBy: 'admin-1', at } })
 * assert.equal(started.versions[0]?.status, 'draft')
 */
export const applyProgramLifecycleEvent = (
  draft: Draft<ProgramLifecycleState>,
  event: ProgramLifecycleEvent,
): ProgramLifecycleState | void => {
  if (draft.status === 'notDrafted') {
    return event.type === 'ProgramDrafted' ? drafted(event) : undefined
  }
  if (draft.status === 'retired' || event.data.programId !== draft.programId) return undefined
  if (applyFact(draft, event)) draft.lastEventAt = event.data.at
}

/**
 * Applies one lifecycle event to a state (through immer: the state given is never touched).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, evolveProgramLifecycle, programLifecycle } from 'microcred'
 * const state = evolveProgramLifecycle(programLifecycle.initialState, {
 *   type: 'ProgramDrafted',
 *   data: { programId: 'steam', version: 1, program: catalog.steam, draftedBy: 'admin-1', at: '2026-06-01T16:00:00Z' },
 * })
 * assert.equal(state.status, 'active')
 * assert.ok(Object.isFrozen(state))
 */
export const evolveProgramLifecycle = evolveWith(applyProgramLifecycleEvent)

/**
 * Folds a program's events from the start (or onto `state`): the state of its lifecycle, deeply
 * frozen.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, foldProgramLifecycle } from 'microcred'
 * const at = '2026-06-01T16:00:00Z'
 * const state = foldProgramLifecycle([
 *   { type: 'ProgramDrafted', data: { programId: 'steam', version: 1, program: catalog.steam, draftedBy: 'admin-1', at } },
 *   { type: 'ProgramSubmittedForReview', data: { programId: 'steam', version: 1, submittedBy: 'admin-1', at } },
 * ])
 * assert.ok(state.status === 'active' && state.versions[0]?.status === 'inReview')
 */
export const foldProgramLifecycle = foldWith(applyProgramLifecycleEvent, notDrafted)
