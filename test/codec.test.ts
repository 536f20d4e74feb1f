/**
 * `taggedUnion`'s `frozen` option: what decodes is deeply frozen, on the guard's quick path and on
 * `validate`'s path alike; what does not decode is left as it was.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { decodeIssues, message, taggedUnion } from '../src/index.js'
import { isDeeplyFrozen } from '../src/testing/index.js'

/** Decodes a decimal string to a number: `is` and `validate` disagree, so `validate` runs. */
const NumberFromString = new t.Type<number, string, unknown>(
  'NumberFromString',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    const n = typeof u === 'string' ? Number(u) : NaN
    return Number.isNaN(n) ? t.failure(u, c) : t.success(n)
  },
  String,
)

const members = {
  Pinged: message('Pinged', t.type({ ms: t.number, tags: t.array(t.type({ name: t.string })) })),
  Counted: message('Counted', t.type({ count: NumberFromString })),
}
const Facts = taggedUnion('Facts', members, { frozen: true })
const Plain = taggedUnion('Plain', members)

const pinged = () => ({ type: 'Pinged', data: { ms: 3, tags: [{ name: 'a' }] } })

describe('taggedUnion with { frozen: true }', () => {
  it('decodes a valid value to itself, deeply frozen', () => {
    const value = pinged()
    const decoded = Facts.decode(value)
    expect(E.isRight(decoded) && decoded.right === value).toBe(true)
    expect(isDeeplyFrozen(value)).toBe(true)
  })

  it('freezes what validate builds when the guard does not pass', () => {
    const decoded = Facts.decode({ type: 'Counted', data: { count: '42' } })
    expect(decoded).toEqual(E.right({ type: 'Counted', data: { count: 42 } }))
    expect(E.isRight(decoded) && isDeeplyFrozen(decoded.right)).toBe(true)
  })

  it('leaves a value that does not decode as it was, and names where', () => {
    const value = { type: 'Pinged', data: { ms: 'soon', tags: [{ name: 'a' }] } }
    const decoded = Facts.decode(value)
    expect(E.isLeft(decoded) && decodeIssues(decoded.left).map((issue) => issue.path)).toEqual([
      'data.ms',
    ])
    expect(Object.isFrozen(value)).toBe(false)
    expect(Object.isFrozen(value.data.tags[0])).toBe(false)
  })

  it('refuses a type that is only a name inherited by objects, naming `type`', () => {
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const decoded = Facts.decode({ type, data: {} })
      expect(E.isLeft(decoded) && decodeIssues(decoded.left).map((issue) => issue.path)).toEqual([
        'type',
      ])
    }
  })

  it('is off by default: a plain union leaves the value unfrozen', () => {
    const value = pinged()
    expect(E.isRight(Plain.decode(value))).toBe(true)
    expect(Object.isFrozen(value)).toBe(false)
  })
})
