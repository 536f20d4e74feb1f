/**
 * checkBatch: every plain-JSON event is accepted as it is; a non-JSON value anywhere in the data
 * is refused with the index of its event and its path.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkBatch } from 'microcred'
import { eventToAppendArbitrary, notJsonArbitrary } from 'microcred/testing'

/** Puts `value` at the end of a random path of objects and arrays; returns it with the path. */
const buried = fc
  .tuple(
    fc.array(fc.oneof(fc.stringMatching(/^[a-z]{1,6}$/), fc.nat({ max: 3 })), { maxLength: 4 }),
    notJsonArbitrary(),
  )
  .map(([keys, { value }]) => {
    let data: unknown = value
    for (const key of [...keys].reverse()) {
      data = typeof key === 'number' ? [...Array<null>(key).fill(null), data] : { [key]: data }
    }
    return { data, path: ['data', ...keys].join('.') }
  })

describe('checkBatch (property)', () => {
  it('accepts every batch of plain-JSON events, unchanged', () => {
    fc.assert(
      fc.property(fc.array(eventToAppendArbitrary(), { maxLength: 5 }), (events) => {
        expect(checkBatch('s', events)).toEqual(E.right(events))
      }),
    )
  })

  it('refuses a non-JSON value anywhere, naming the event and the path', () => {
    fc.assert(
      fc.property(
        fc.array(eventToAppendArbitrary(), { maxLength: 3 }),
        eventToAppendArbitrary(),
        buried,
        (before, event, { data, path }) => {
          const result = checkBatch('s', [...before, { ...event, data }])
          expect(E.isLeft(result) && result.left).toMatchObject({
            _tag: 'InvalidEvent',
            index: before.length,
            path,
          })
        },
      ),
    )
  })
})

describe('checkBatch (beyond the quick check)', () => {
  const [event] = fc.sample(eventToAppendArbitrary(), { numRuns: 1, seed: 7 })
  const nested = (depth: number, leaf: unknown): unknown => {
    let data = leaf
    for (let i = 0; i < depth; i++) data = i % 2 === 0 ? [data] : { inner: data }
    return data
  }

  it('accepts data nested deeper than the quick check goes', () => {
    const deep = { ...event!, data: nested(200, 'leaf') }
    expect(checkBatch('s', [deep])).toEqual(E.right([deep]))
  })

  it('refuses a non-JSON value nested that deep, with its path', () => {
    const result = checkBatch('s', [{ ...event!, data: nested(100, Number.NaN) }])
    const path = E.isLeft(result) ? result.left.path : ''
    expect(path.startsWith('data.inner.0.inner.0')).toBe(true)
    expect(path.split('.')).toHaveLength(101)
  })

  it('refuses a circular reference, naming where it closes', () => {
    const data: Record<string, unknown> = { list: [] }
    ;(data['list'] as unknown[]).push({ back: data })
    const result = checkBatch('s', [{ ...event!, data }])
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'InvalidEvent',
      path: 'data.list.0.back',
    })
    expect(E.isLeft(result) && result.left.message).toContain('circular')
  })
})
