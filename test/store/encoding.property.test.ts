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

describe('checkBatch: only what every store can hold (issue 12, item 6)', () => {
  const [event] = fc.sample(eventToAppendArbitrary(), { numRuns: 1, seed: 11 })
  const unstorable = fc.constantFrom(
    { name: 'U+0000', text: 'a\u0000b' },
    { name: 'a lone high surrogate', text: 'a\ud800b' },
    { name: 'a lone low surrogate', text: '\udc00' },
    { name: 'a reversed pair', text: '\udc00\ud800' },
  )
  const keys = fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 4 })

  it('refuses NUL or a lone surrogate in any string, naming the event and the path', () => {
    fc.assert(
      fc.property(keys, unstorable, (path, bad) => {
        let data: unknown = bad.text
        for (const key of [...path].reverse()) data = { [key]: data }
        const result = checkBatch('s', [event!, { ...event!, data }])
        expect(E.isLeft(result) && result.left).toMatchObject({
          _tag: 'InvalidEvent',
          index: 1,
          path: ['data', ...path].join('.'),
        })
      }),
    )
  })

  it('refuses NUL or a lone surrogate in an object key, naming the object and escaping the key', () => {
    fc.assert(
      fc.property(keys, unstorable, (path, bad) => {
        let data: unknown = { [bad.text]: 1 }
        for (const key of [...path].reverse()) data = { [key]: data }
        const result = checkBatch('s', [{ ...event!, data }])
        expect(E.isLeft(result) && result.left).toMatchObject({
          _tag: 'InvalidEvent',
          index: 0,
          path: ['data', ...path].join('.'),
        })
        const message = E.isLeft(result) ? result.left.message : ''
        expect(message).toContain('key')
        expect(message.isWellFormed() && !message.includes('\u0000')).toBe(true)
      }),
    )
  })

  it('refuses them in the type and the metadata too', () => {
    const cases = [
      [{ ...event!, type: 'Noted\u0000' }, 'type'],
      [{ ...event!, metadata: { ...event!.metadata, commandId: 'c\ud800' } }, 'metadata.commandId'],
      [{ ...event!, metadata: { ...event!.metadata, actorId: 'a\u0000' } }, 'metadata.actorId'],
    ] as const
    for (const [bad, path] of cases) {
      expect(checkBatch('s', [bad])).toMatchObject({ left: { _tag: 'InvalidEvent', path } })
    }
  })

  it('accepts well-formed text: surrogate pairs, escapes, other scripts', () => {
    const data = { text: '😀 \u001b[2J ñ 漢字 \u202e', ['😀\u001b']: [1, 'x'] }
    const ok = { ...event!, data }
    expect(checkBatch('s', [ok])).toEqual(E.right([ok]))
  })

  it.each([
    ['empty', ''],
    ['257 characters long', 's'.repeat(257)],
    ['12 KB long', 'e'.repeat(12_288)],
    ['holding U+0000', 'enrollment-e1\u0000'],
    ['holding a lone surrogate', 'enrollment-\ud800'],
    ['holding an escape', 'enrollment-\u001b[2J'],
    ['holding a line break', 'enrollment-a\nb'],
  ])('refuses a stream id %s, with a short message, before any event', (_, streamId) => {
    for (const events of [[], [event!]]) {
      const result = checkBatch(streamId, events)
      expect(E.isLeft(result) && result.left).toMatchObject({
        _tag: 'InvalidEvent',
        streamId,
        path: 'streamId',
      })
      const message = E.isLeft(result) ? result.left.message : ''
      expect(message.length).toBeLessThan(300)
      expect([...message].some((c) => c.charCodeAt(0) < 0x20)).toBe(false)
      expect(message.isWellFormed()).toBe(true)
    }
  })

  it('accepts a stream id of 256 characters, or of any script', () => {
    for (const streamId of [
      's'.repeat(256),
      'enrollment-ñandú-😀',
      `enrollment-${'e'.repeat(200)}`,
    ]) {
      expect(E.isRight(checkBatch(streamId, [event!]))).toBe(true)
    }
  })
})
