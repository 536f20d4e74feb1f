/**
 * What a store accepts: events whose `data` is plain JSON, and text that every store can hold
 * (no U+0000, no lone surrogate, in any string or object key, in the data, the type or the
 * metadata), under a stream id every store can index. It is checked before anything is written,
 * so nothing is silently changed on the way in (an `undefined` dropped, a `Date` turned into a
 * string, `NaN` into `null`) and every store gives the same answer.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeIssues, quoted } from '../codec.js'
import { invalidEvent, type InvalidEvent } from './errors.js'
import { EventToAppend } from './recorded-event.js'

/**
 * The most characters (UTF-16 code units) in a stream id: room for a 200-character enrollment id
 * after `enrollment-`, and well within what PostgreSQL can index.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { maxStreamIdLength, streamIdProblem } from 'microcred'
 * assert.equal(streamIdProblem('s'.repeat(maxStreamIdLength)), undefined)
 * assert.notEqual(streamIdProblem('s'.repeat(maxStreamIdLength + 1)), undefined)
 */
export const maxStreamIdLength = 256

/** Whether every store can hold a string: no U+0000 (jsonb cannot), no lone surrogate. */
const isStorable = (s: string): boolean => !s.includes('\u0000') && s.isWellFormed()

/** Why a string cannot be stored, or `undefined`. */
const textProblem = (s: string): string | undefined =>
  s.includes('\u0000')
    ? 'the character U+0000 (NUL), which PostgreSQL cannot store'
    : s.isWellFormed()
      ? undefined
      : 'a lone surrogate (not well-formed Unicode), which PostgreSQL cannot store'

/** A key as a path shows it: bare when plain, else quoted and escaped. */
const pathKey = (key: string): string =>
  /^[A-Za-z0-9_$-]{1,60}$/.test(key) ? key : quoted(key, 60)

const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/**
 * Why a stream id cannot be used, or `undefined`: a stream id has 1 to 256 characters, is
 * well-formed Unicode and has no control or invisible formatting character, so every store can
 * index it and every message can show it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { streamIdProblem } from 'microcred'
 * assert.equal(streamIdProblem('enrollment-e1'), undefined)
 * assert.equal(streamIdProblem(''), 'a stream id cannot be empty')
 * assert.equal(streamIdProblem('s'.repeat(300)), 'a stream id has at most 256 characters; this one has 300')
 * assert.equal(streamIdProblem('enrollment-\u001b[2J'), 'a stream id may not contain a control or invisible formatting character')
 */
export const streamIdProblem = (streamId: string): string | undefined => {
  if (streamId.length === 0) return 'a stream id cannot be empty'
  if (streamId.length > maxStreamIdLength) {
    return `a stream id has at most ${maxStreamIdLength} characters; this one has ${streamId.length}`
  }
  if (!streamId.isWellFormed()) return 'a stream id must be well-formed Unicode (no lone surrogate)'
  if (invisible.test(streamId)) {
    return 'a stream id may not contain a control or invisible formatting character'
  }
  return undefined
}

/** The `InvalidEvent` of a stream id that cannot be used: the id is shown short and escaped. */
const invalidStreamId = (streamId: string, reason: string): InvalidEvent => ({
  _tag: 'InvalidEvent',
  message: `the stream id ${quoted(streamId, 60)} cannot be used: ${reason}; nothing was written`,
  streamId,
  index: 0,
  path: 'streamId',
})

/** How deep the quick check goes before it leaves the value to `notJson` (which sees cycles). */
const quickDepth = 64

/**
 * Whether a value is plain JSON, quickly: no path built, no cycle tracked. It never says yes
 * wrongly; where it says no (or the value is deeper than `quickDepth`, perhaps circular),
 * `notJson` decides, and names where and why.
 */
const isPlainJson = (value: unknown, depth: number): boolean => {
  switch (typeof value) {
    case 'boolean':
      return true
    case 'string':
      return isStorable(value)
    case 'number':
      return Number.isFinite(value)
    case 'object': {
      if (value === null) return true
      if (depth > quickDepth) return false
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!isPlainJson(value[i], depth + 1)) return false
        }
        return true
      }
      const prototype: unknown = Object.getPrototypeOf(value)
      if (prototype !== Object.prototype && prototype !== null) return false
      for (const key in value) {
        if (!isStorable(key)) return false
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false
      }
      return true
    }
    default:
      return false
  }
}

/** Where a value stops being plain JSON, and why; `undefined` when it is plain JSON. */
const notJson = (
  value: unknown,
  path: string,
  ancestors: Set<object>,
): { path: string; reason: string } | undefined => {
  switch (typeof value) {
    case 'boolean':
      return undefined
    case 'string': {
      // PostgreSQL cannot hold these; refuse them everywhere so every store agrees.
      const problem = textProblem(value)
      return problem === undefined ? undefined : { path, reason: `a string with ${problem}` }
    }
    case 'number':
      return Number.isFinite(value) ? undefined : { path, reason: `${value} is not JSON` }
    case 'object': {
      if (value === null) return undefined
      if (ancestors.has(value)) return { path, reason: 'a circular reference is not JSON' }
      const prototype: unknown = Object.getPrototypeOf(value)
      const isArray = Array.isArray(value)
      if (!isArray && prototype !== Object.prototype && prototype !== null) {
        return { path, reason: `${Object.prototype.toString.call(value)} is not plain JSON` }
      }
      ancestors.add(value)
      const entries: Array<[string, unknown]> = isArray
        ? Array.from(value as unknown[], (item, i) => [String(i), item])
        : Object.entries(value)
      for (const [key, item] of entries) {
        const keyProblem = textProblem(key)
        if (keyProblem !== undefined) {
          return { path, reason: `the key ${quoted(key, 60)} has ${keyProblem}` }
        }
        const problem = notJson(item, path === '' ? key : `${path}.${pathKey(key)}`, ancestors)
        if (problem !== undefined) return problem
      }
      ancestors.delete(value)
      return undefined
    }
    default:
      return {
        path,
        reason: `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`} is not JSON`,
      }
  }
}

/**
 * Checks a batch before a store writes it: the stream id is one every store can index
 * (`streamIdProblem`), and every event has a `type`, complete metadata and plain JSON `data`,
 * with no U+0000 and no lone surrogate in any string or object key. The first problem is
 * reported with the event's index and the path in it (`streamId` for the stream id).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkBatch } from 'microcred'
 * const metadata = {
 *   eventId: 'e-1',
 *   commandId: 'cmd-1',
 *   actorId: 'admin-1',
 *   correlationId: 'cmd-1',
 *   causationId: 'cmd-1',
 *   schemaVersion: 1,
 * }
 * const pinged = { type: 'Pinged', data: { n: 1 }, metadata }
 * assert.ok(E.isRight(checkBatch('s-1', [pinged])))
 * const refused = checkBatch('s-1', [pinged, { ...pinged, data: { n: NaN } }])
 * assert.ok(E.isLeft(refused))
 * assert.equal(refused.left._tag, 'InvalidEvent')
 * assert.deepEqual([refused.left.index, refused.left.path], [1, 'data.n'])
 * assert.equal(refused.left.message, "event 1 of the batch for stream 's-1' cannot be stored: at data.n: NaN is not JSON; nothing was written")
 * const lone = checkBatch('s-1', [{ ...pinged, data: { note: 'half a pair: \ud83d' } }])
 * assert.ok(E.isLeft(lone))
 * assert.equal(lone.left.path, 'data.note')
 * const longId = checkBatch('e'.repeat(12_288), [pinged])
 * assert.ok(E.isLeft(longId))
 * assert.equal(longId.left.path, 'streamId')
 */
export const checkBatch = (
  streamId: string,
  events: ReadonlyArray<unknown>,
): E.Either<InvalidEvent, ReadonlyArray<EventToAppend>> => {
  const badStream = streamIdProblem(streamId)
  if (badStream !== undefined) return E.left(invalidStreamId(streamId, badStream))
  for (let index = 0; index < events.length; index++) {
    const event = events[index]
    // The guards first: decoding, which builds io-ts contexts, only names what is wrong.
    if (!EventToAppend.is(event)) {
      const decoded = EventToAppend.decode(event)
      if (E.isLeft(decoded)) {
        const issue = decodeIssues(decoded.left)[0]
        return E.left(
          invalidEvent(streamId, index, issue?.path ?? '(root)', issue?.message ?? 'not an event'),
        )
      }
    }
    const { type, data, metadata } = event as EventToAppend
    const badType = textProblem(type)
    const problem =
      badType !== undefined
        ? { path: 'type', reason: `a string with ${badType}` }
        : isPlainJson(metadata, 0)
          ? isPlainJson(data, 0)
            ? undefined
            : notJson(data, 'data', new Set())
          : notJson(metadata, 'metadata', new Set())
    if (problem !== undefined) {
      return E.left(invalidEvent(streamId, index, problem.path, problem.reason))
    }
  }
  return E.right(events as ReadonlyArray<EventToAppend>)
}
