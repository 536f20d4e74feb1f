/**
 * The events of a program's lifecycle, in the past tense: the story of every version of one
 * program, from its first draft to its retirement. Each is a `{ type, data }` codec;
 * `ProgramLifecycleEvent` decodes any of them by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { Id, IsoDateTime, message, NonEmptyText, PositiveInteger, taggedUnion } from '../codec.js'
import { Program } from '../program/program.js'

/** The data of an event on one version of a program: the ids, when, and `props`. */
const onVersion = <P extends t.Props>(props: P) =>
  t.type({ programId: Id, version: PositiveInteger, at: IsoDateTime, ...props })

/**
 * A program was drafted: its first version, with the full program (whose `version` is the
 * event's) and who drafted it, its first author.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramDrafted, catalog } from 'microcred'
 * const drafted = {
 *   type: 'ProgramDrafted',
 *   data: { programId: 'steam', version: 1, program: catalog.steam, draftedBy: 'admin-1', at: '2026-06-01T16:00:00Z' },
 * }
 * assert.equal(ProgramDrafted.is(drafted), true)
 * assert.equal(ProgramDrafted.is({ ...drafted, data: { ...drafted.data, draftedBy: '' } }), false)
 */
export const ProgramDrafted = message(
  'ProgramDrafted',
  onVersion({ program: Program, draftedBy: Id }),
)

/**
 * A version was revised by `revisedBy`, who is one of its authors from then on: a draft edited in
 * place, or, with `basedOn`, a new draft version started from an approved, published or retired
 * one (which itself never changes).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramRevised, catalog } from 'microcred'
 * const revised = {
 *   type: 'ProgramRevised',
 *   data: { programId: 'steam', version: 2, basedOn: 1, program: { ...catalog.steam, version: 2 },
 *     revisedBy: 'admin-2', at: '2027-06-01T16:00:00Z' },
 * }
 * assert.equal(ProgramRevised.is(revised), true)
 * const { basedOn, ...inPlace } = revised.data // a draft edited in place
 * assert.equal(ProgramRevised.is({ ...revised, data: { ...inPlace, version: 1, program: catalog.steam } }), true)
 */
export const ProgramRevised = message(
  'ProgramRevised',
  t.intersection([
    onVersion({ program: Program, revisedBy: Id }),
    t.partial({ basedOn: PositiveInteger }),
  ]),
)

/**
 * A draft version, valid under the policy, was submitted for review.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramSubmittedForReview } from 'microcred'
 * const submitted = { type: 'ProgramSubmittedForReview', data: { programId: 'steam', version: 1, submittedBy: 'admin-1', at: '2026-06-02T16:00:00Z' } }
 * assert.equal(ProgramSubmittedForReview.is(submitted), true)
 * assert.equal(ProgramSubmittedForReview.is({ ...submitted, data: { ...submitted.data, version: 1.5 } }), false)
 */
export const ProgramSubmittedForReview = message(
  'ProgramSubmittedForReview',
  onVersion({ submittedBy: Id }),
)

/**
 * An approver sent a version in review back to its authors with the changes to make.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramChangesRequested } from 'microcred'
 * const requested = {
 *   type: 'ProgramChangesRequested',
 *   data: { programId: 'steam', version: 1, changes: 'Align EOLA 3 to NGSS.', requestedBy: 'approver-1', at: '2026-06-03T16:00:00Z' },
 * }
 * assert.equal(ProgramChangesRequested.is(requested), true)
 * assert.equal(ProgramChangesRequested.is({ ...requested, data: { ...requested.data, changes: '' } }), false)
 */
export const ProgramChangesRequested = message(
  'ProgramChangesRequested',
  onVersion({ changes: NonEmptyText, requestedBy: Id }),
)

/**
 * An approver who is not one of its authors approved a version in review: it never changes again.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramApproved } from 'microcred'
 * const approved = { type: 'ProgramApproved', data: { programId: 'steam', version: 1, approvedBy: 'approver-1', at: '2026-06-04T16:00:00Z' } }
 * assert.equal(ProgramApproved.is(approved), true)
 * assert.equal(ProgramApproved.is({ ...approved, data: { ...approved.data, at: 'June' } }), false)
 */
export const ProgramApproved = message('ProgramApproved', onVersion({ approvedBy: Id }))

/**
 * An approved version was published: educators may enroll in it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramPublished } from 'microcred'
 * const published = { type: 'ProgramPublished', data: { programId: 'steam', version: 1, publishedBy: 'admin-1', at: '2026-06-05T16:00:00Z' } }
 * assert.equal(ProgramPublished.is(published), true)
 * assert.equal(ProgramPublished.is({ ...published, type: 'ProgramApproved' }), false)
 */
export const ProgramPublished = message('ProgramPublished', onVersion({ publishedBy: Id }))

/**
 * A published version was retired (`version`), or, without `version`, the whole program: every
 * published version with it, and the program takes no command after it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramRetired } from 'microcred'
 * const retired = {
 *   type: 'ProgramRetired',
 *   data: { programId: 'steam', version: 1, reason: 'Replaced by version 2', retiredBy: 'admin-1', at: '2027-08-01T16:00:00Z' },
 * }
 * assert.equal(ProgramRetired.is(retired), true)
 * assert.equal(ProgramRetired.is({ ...retired, data: { ...retired.data, version: undefined } }), true) // the whole program
 */
export const ProgramRetired = message(
  'ProgramRetired',
  t.intersection([
    t.type({ programId: Id, reason: NonEmptyText, retiredBy: Id, at: IsoDateTime }),
    t.partial({ version: PositiveInteger }),
  ]),
)

/**
 * Any event of a program's lifecycle, decoded by its `type`. A decoded event is deeply frozen
 * (the states folded from it share its program); a valid input decodes to itself.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { ProgramLifecycleEvent } from 'microcred'
 * const input = { type: 'ProgramPublished', data: { programId: 'steam', version: 1, publishedBy: 'admin-1', at: '2026-06-05T16:00:00Z' } }
 * const decoded = ProgramLifecycleEvent.decode(input)
 * assert.ok(E.isRight(decoded) && decoded.right === input && Object.isFrozen(input.data))
 * assert.ok(E.isLeft(ProgramLifecycleEvent.decode({ type: 'ProgramDeleted', data: {} })))
 */
export const ProgramLifecycleEvent = taggedUnion(
  'ProgramLifecycleEvent',
  {
    ProgramDrafted,
    ProgramRevised,
    ProgramSubmittedForReview,
    ProgramChangesRequested,
    ProgramApproved,
    ProgramPublished,
    ProgramRetired,
  },
  { frozen: true },
)
/** Any event of a program's lifecycle. */
export type ProgramLifecycleEvent = t.TypeOf<typeof ProgramLifecycleEvent>
/** The `type` of a lifecycle event. */
export type ProgramLifecycleEventType = ProgramLifecycleEvent['type']
/** The lifecycle event of one `type`. */
export type ProgramLifecycleEventOf<K extends ProgramLifecycleEventType> = Extract<
  ProgramLifecycleEvent,
  { type: K }
>
