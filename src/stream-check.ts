/**
 * Checks against other streams: a rule a command must meet that its own stream cannot answer,
 * such as "enroll only in a published version" (the program's lifecycle stream) or "only an
 * assigned assessor grades" (the cohort's and the program's staff streams). The check is a pure
 * description: which stream to read, how to fold it, and what to decide from its state. The
 * store's command handler reads the streams it names and runs it, so the rule holds on every
 * path a command takes through `handleCommand`, and the core still reads nothing itself.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EventSchema } from './event-schema.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How to read another stream: decode its events with `events` and fold them with `fold` (from
 * the initial state). Any aggregate is one.
 */
export interface StreamReader<S> {
  // The events' type is the reader's own business: the handler only decodes and folds them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly events: EventSchema<any>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly fold: (events: Iterable<any>) => S
}

/**
 * A check against other streams: done (`Checked`, with its answer), or a stream to read first
 * (`ReadStream`) and what to do with its state.
 */
export type StreamCheck<Err> =
  | { readonly _tag: 'Checked'; readonly result: E.Either<Err, void> }
  | {
      readonly _tag: 'ReadStream'
      readonly streamId: string
      readonly reader: StreamReader<unknown>
      readonly then: (state: unknown) => StreamCheck<Err>
    }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A check that is done: the command passes (`E.right(undefined)`) or is refused.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { concludeCheck } from 'microcred'
 * assert.deepEqual(concludeCheck(E.right(undefined)), { _tag: 'Checked', result: E.right(undefined) })
 */
export const concludeCheck = <Err>(result: E.Either<Err, void>): StreamCheck<Err> => ({
  _tag: 'Checked',
  result,
})

/**
 * The check that passes without reading anything.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { passes } from 'microcred'
 * assert.deepEqual(passes, { _tag: 'Checked', result: E.right(undefined) })
 */
export const passes: StreamCheck<never> = concludeCheck(E.right(undefined))

/**
 * Reads a stream, folds it with `reader`, and goes on with its state.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { concludeCheck, programLifecycle, readingStream, runStreamCheck } from 'microcred'
 * const check = readingStream('program-steam', programLifecycle, (state) =>
 *   concludeCheck(state.status === 'notDrafted' ? E.right(undefined) : E.left({ _tag: 'Drafted', message: 'drafted' })),
 * )
 * assert.deepEqual(runStreamCheck(check, {}), E.right(undefined)) // a stream never written
 */
export const readingStream = <S, Err>(
  streamId: string,
  reader: StreamReader<S>,
  then: (state: S) => StreamCheck<Err>,
): StreamCheck<Err> => ({
  _tag: 'ReadStream',
  streamId,
  reader,
  then: then as (state: unknown) => StreamCheck<Err>,
})

// -------------------------------------------------------------------------------------
// running
// -------------------------------------------------------------------------------------

/**
 * Runs a check against events in hand, keyed by stream id (a stream not given holds nothing):
 * what the handler does with a store, for tests and for checking a command before sending it.
 * The events are the decoded ones the reader folds.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { concludeCheck, programStaff, readingStream, runStreamCheck } from 'microcred'
 * const assigned = readingStream('program-staff-steam', programStaff, (state) =>
 *   concludeCheck(state.staff.length > 0 ? E.right(undefined) : E.left({ _tag: 'Nobody', message: 'nobody is assigned' })),
 * )
 * const at = '2026-08-01T16:00:00Z'
 * const events = { 'program-staff-steam': [{ type: 'StaffAssigned', data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor', assignedBy: 'admin-1', at } }] }
 * assert.deepEqual(runStreamCheck(assigned, events), E.right(undefined))
 * assert.ok(E.isLeft(runStreamCheck(assigned, {})))
 */
export const runStreamCheck = <Err>(
  check: StreamCheck<Err>,
  events: Readonly<Record<string, ReadonlyArray<unknown>>>,
): E.Either<Err, void> => {
  let step = check
  while (step._tag === 'ReadStream') {
    const held = Object.hasOwn(events, step.streamId) ? events[step.streamId] : undefined
    step = step.then(step.reader.fold(held ?? []))
  }
  return step.result
}
