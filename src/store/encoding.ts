/**
 * What a store accepts: events whose `data` is plain JSON, checked before anything is written, so
 * nothing is silently changed on the way in (an `undefined` dropped, a `Date` turned into a
 * string, `NaN` into `null`).
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeIssues } from '../codec.js'
import { invalidEvent, type InvalidEvent } from './errors.js'
import { EventToAppend } from './recorded-event.js'

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
      return !value.includes('\u0000')
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
    case 'string':
      // PostgreSQL's jsonb cannot hold U+0000; refuse it everywhere so every store agrees.
      return value.includes('\u0000')
        ? { path, reason: 'a string with the character U+0000 cannot be stored' }
        : undefined
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
        const problem = notJson(item, path === '' ? key : `${path}.${key}`, ancestors)
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
 * Checks a batch before a store writes it: every event has a `type`, complete metadata and plain
 * JSON `data`. The first problem is reported with the event's index and the path in it.
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
 */
export const checkBatch = (
  streamId: string,
  events: ReadonlyArray<unknown>,
): E.Either<InvalidEvent, ReadonlyArray<EventToAppend>> => {
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
    const { data } = event as EventToAppend
    const problem = isPlainJson(data, 0) ? undefined : notJson(data, 'data', new Set())
    if (problem !== undefined) {
      return E.left(invalidEvent(streamId, index, problem.path, problem.reason))
    }
  }
  return E.right(events as ReadonlyArray<EventToAppend>)
}
