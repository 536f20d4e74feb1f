/**
 * The commands of a program's lifecycle, in the imperative: draft, revise, submit for review,
 * request changes, approve, publish, retire. Each is a `{ type, data }` codec;
 * `ProgramLifecycleCommand` decodes any of them by `type`.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { decodedOnce, exact, Id, NonEmptyText, PositiveInteger, taggedUnion } from '../codec.js'
import { Program } from '../program/program.js'

/** A command `{ type, data }`: exact, like its data, so nothing unknown reaches an event. */
const message = <K extends string, D extends t.Mixed>(type: K, data: D) =>
  exact({ type: t.literal(type), data }, undefined, type)

/** The data of a command on a program: its id, `props`, optionally `optional`, nothing else. */
const on = <P extends t.Props, O extends t.Props = Record<never, never>>(props: P, optional?: O) =>
  exact({ programId: Id, ...props }, optional)

/**
 * Draft a new program: its first version, the full `Program` (whose `id` is `programId` and
 * whose `version` is the first version's number, usually 1). A draft need not pass the policy
 * yet; it must before it is submitted for review.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { DraftProgram, catalog } from 'microcred'
 * const draft = { type: 'DraftProgram', data: { programId: 'steam', program: catalog.steam } }
 * assert.equal(DraftProgram.is(draft), true)
 * assert.equal(DraftProgram.is({ ...draft, data: { ...draft.data, program: { ...catalog.steam, version: 0 } } }), false)
 */
export const DraftProgram = message('DraftProgram', on({ program: Program }))

/**
 * Revise version `version` of a program with the full new `Program`. A draft (or a version whose
 * changes were requested) is edited in place: the program's `version` is `version`. An approved,
 * published or retired version never changes: revising the latest one starts a new draft, the
 * next version, and the program's `version` is that number.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ReviseProgram, catalog } from 'microcred'
 * const revise = { type: 'ReviseProgram', data: { programId: 'steam', version: 1, program: catalog.steam } }
 * assert.equal(ReviseProgram.is(revise), true)
 * assert.equal(ReviseProgram.is({ ...revise, data: { ...revise.data, version: 0 } }), false) // versions count from 1
 */
export const ReviseProgram = message(
  'ReviseProgram',
  on({ version: PositiveInteger, program: Program }),
)

/**
 * Submit a draft version for review: only a program valid under the policy is submitted.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { SubmitProgramForReview } from 'microcred'
 * assert.equal(SubmitProgramForReview.is({ type: 'SubmitProgramForReview', data: { programId: 'steam', version: 1 } }), true)
 * assert.equal(SubmitProgramForReview.is({ type: 'SubmitProgramForReview', data: { programId: 'steam' } }), false)
 */
export const SubmitProgramForReview = message(
  'SubmitProgramForReview',
  on({ version: PositiveInteger }),
)

/**
 * An approver (never an author of the version) sends a version in review back to its authors,
 * saying what to change.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RequestProgramChanges } from 'microcred'
 * const request = { type: 'RequestProgramChanges', data: { programId: 'steam', version: 1, changes: 'Align EOLA 3 to NGSS.' } }
 * assert.equal(RequestProgramChanges.is(request), true)
 * assert.equal(RequestProgramChanges.is({ ...request, data: { ...request.data, changes: ' ' } }), false)
 */
export const RequestProgramChanges = message(
  'RequestProgramChanges',
  on({ version: PositiveInteger, changes: NonEmptyText }),
)

/**
 * An approver (never an author of the version) approves a version in review. From then on the
 * version never changes.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ApproveProgram } from 'microcred'
 * assert.equal(ApproveProgram.is({ type: 'ApproveProgram', data: { programId: 'steam', version: 1 } }), true)
 * assert.equal(ApproveProgram.is({ type: 'ApproveProgram', data: { programId: 'steam', version: 1, by: 'me' } }), false)
 */
export const ApproveProgram = message('ApproveProgram', on({ version: PositiveInteger }))

/**
 * Publish an approved version: educators may enroll in it from then on.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { PublishProgram } from 'microcred'
 * assert.equal(PublishProgram.is({ type: 'PublishProgram', data: { programId: 'steam', version: 2 } }), true)
 * assert.equal(PublishProgram.is({ type: 'PublishProgram', data: { programId: '', version: 2 } }), false)
 */
export const PublishProgram = message('PublishProgram', on({ version: PositiveInteger }))

/**
 * Retire a published version (`version`), or, without `version`, the whole program: every
 * published version is retired and the program takes no command after it. Nobody enrolls in a
 * retired version; enrollments made before keep it pinned.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { RetireProgram } from 'microcred'
 * const retire = { type: 'RetireProgram', data: { programId: 'steam', version: 1, reason: 'Replaced by version 2' } }
 * assert.equal(RetireProgram.is(retire), true)
 * assert.equal(RetireProgram.is({ type: 'RetireProgram', data: { programId: 'steam', reason: 'Discontinued' } }), true)
 * assert.equal(RetireProgram.is({ type: 'RetireProgram', data: { programId: 'steam' } }), false) // a reason is required
 */
export const RetireProgram = message(
  'RetireProgram',
  on({ reason: NonEmptyText }, { version: PositiveInteger }),
)

const commands = taggedUnion('ProgramLifecycleCommand', {
  DraftProgram,
  ReviseProgram,
  SubmitProgramForReview,
  RequestProgramChanges,
  ApproveProgram,
  PublishProgram,
  RetireProgram,
})

/**
 * Any command of a program's lifecycle, decoded by its `type`: a deeply frozen copy sharing
 * nothing with the input, not decoded again (see `decodedOnce`); exact at every level, ids
 * `Id`s, text `NonEmptyText`, programs `Program`s. `members` holds each command's codec.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { ProgramLifecycleCommand } from 'microcred'
 * const input = { type: 'ApproveProgram', data: { programId: 'steam', version: 1 } }
 * const decoded = ProgramLifecycleCommand.decode(input)
 * assert.ok(E.isRight(decoded) && Object.isFrozen(decoded.right.data) && decoded.right !== input)
 * assert.ok(E.isLeft(ProgramLifecycleCommand.decode({ type: 'ApproveProgram', data: { programId: '__proto__', version: 1 } })))
 * assert.ok(E.isLeft(ProgramLifecycleCommand.decode({ type: 'DeleteProgram', data: { programId: 'steam' } })))
 */
export const ProgramLifecycleCommand = Object.assign(decodedOnce(commands), {
  members: commands.members,
})
/** Any command of a program's lifecycle. */
export type ProgramLifecycleCommand = t.TypeOf<typeof ProgramLifecycleCommand>
/** The `type` of a lifecycle command. */
export type ProgramLifecycleCommandType = ProgramLifecycleCommand['type']
/** The lifecycle command of one `type`. */
export type ProgramLifecycleCommandOf<K extends ProgramLifecycleCommandType> = Extract<
  ProgramLifecycleCommand,
  { type: K }
>
