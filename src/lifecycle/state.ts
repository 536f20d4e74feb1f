/**
 * The state of a program's lifecycle: every version of one program, each with its full program,
 * its authors and its status, folded from the program's stream.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, IsoDateTime, list, NonEmptyText, PositiveInteger } from '../codec.js'
import { Program } from '../program/program.js'

/**
 * Where a version stands: `draft` (being written), `inReview`, `changesRequested` (back with
 * its authors), `approved`, `published` (open to enrollment), `retired` (closed to it).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { VersionStatus } from 'microcred'
 * assert.equal(VersionStatus.is('inReview'), true)
 * assert.equal(VersionStatus.is('deleted'), false)
 */
export const VersionStatus = t.keyof(
  {
    draft: null,
    inReview: null,
    changesRequested: null,
    approved: null,
    published: null,
    retired: null,
  },
  'VersionStatus',
)
/** Where a version stands. */
export type VersionStatus = t.TypeOf<typeof VersionStatus>

/**
 * Who did something to a version, and when.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { VersionAct } from 'microcred'
 * assert.equal(VersionAct.is({ by: 'approver-1', at: '2026-06-04T16:00:00Z' }), true)
 * assert.equal(VersionAct.is({ by: 'approver-1' }), false)
 */
export const VersionAct = t.type({ by: Id, at: IsoDateTime }, 'VersionAct')
/** Who did something to a version, and when. */
export type VersionAct = t.TypeOf<typeof VersionAct>

/**
 * A request for changes: who asked, when, and what to change.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ChangeRequest } from 'microcred'
 * assert.equal(ChangeRequest.is({ by: 'approver-1', at: '2026-06-04T16:00:00Z', changes: 'Cite the standards.' }), true)
 */
export const ChangeRequest = t.type(
  { by: Id, at: IsoDateTime, changes: NonEmptyText },
  'ChangeRequest',
)
/** A request for changes. */
export type ChangeRequest = t.TypeOf<typeof ChangeRequest>

/**
 * One version of a program: its number, the full program (whose `version` is that number), its
 * status, its authors (whoever drafted or revised it, first author first: none of them may
 * approve it), the version it was based on, and what happened to it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramVersion, catalog } from 'microcred'
 * const v1 = {
 *   version: 1, program: catalog.steam, status: 'draft', authors: ['admin-1'], basedOn: null,
 *   draftedAt: '2026-06-01T16:00:00Z', submitted: null, changeRequests: [], approval: null,
 *   publication: null, retirement: null,
 * }
 * assert.equal(ProgramVersion.is(v1), true)
 * assert.equal(ProgramVersion.is({ ...v1, status: 'deleted' }), false)
 */
export const ProgramVersion = t.type(
  {
    version: PositiveInteger,
    program: Program,
    status: VersionStatus,
    authors: list(Id),
    basedOn: t.union([PositiveInteger, t.null]),
    draftedAt: IsoDateTime,
    submitted: t.union([VersionAct, t.null]),
    changeRequests: t.array(ChangeRequest),
    approval: t.union([VersionAct, t.null]),
    publication: t.union([VersionAct, t.null]),
    retirement: t.union([VersionAct, t.null]),
  },
  'ProgramVersion',
)
/** One version of a program. */
export type ProgramVersion = t.TypeOf<typeof ProgramVersion>

/**
 * Before the first draft: the stream holds nothing.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { NotDrafted } from 'microcred'
 * assert.equal(NotDrafted.is({ status: 'notDrafted' }), true)
 */
export const NotDrafted = t.type({ status: t.literal('notDrafted') }, 'NotDrafted')
/** Before the first draft. */
export type NotDrafted = t.TypeOf<typeof NotDrafted>

/**
 * A program with its versions (oldest first, numbers strictly increasing): `active`, or
 * `retired` as a whole (every published version retired with it, no command taken after).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramRecord } from 'microcred'
 * const record = { status: 'active', programId: 'steam', versions: [], lastEventAt: '2026-06-01T16:00:00Z', retirement: null }
 * assert.equal(ProgramRecord.is(record), true)
 * assert.equal(ProgramRecord.is({ ...record, status: 'draft' }), false)
 */
export const ProgramRecord = t.type(
  {
    status: t.keyof({ active: null, retired: null }),
    programId: Id,
    versions: t.array(ProgramVersion),
    lastEventAt: IsoDateTime,
    retirement: t.union([t.type({ by: Id, at: IsoDateTime, reason: NonEmptyText }), t.null]),
  },
  'ProgramRecord',
)
/** A program with its versions. */
export type ProgramRecord = t.TypeOf<typeof ProgramRecord>

/**
 * The state of a program's lifecycle: not drafted yet, or its record.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramLifecycleState } from 'microcred'
 * assert.equal(ProgramLifecycleState.is({ status: 'notDrafted' }), true)
 * assert.equal(ProgramLifecycleState.is({ status: 'active' }), false)
 */
export const ProgramLifecycleState = t.union([NotDrafted, ProgramRecord], 'ProgramLifecycleState')
/** The state of a program's lifecycle. */
export type ProgramLifecycleState = t.TypeOf<typeof ProgramLifecycleState>
