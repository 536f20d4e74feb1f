/**
 * `deepFreeze` freezes everything reachable, Maps and Sets included: a frozen Map whose `set`
 * still worked would let a caller change a projection's published state.
 */
import { describe, expect, it } from 'vitest'
import { deepFreeze } from '../src/index.js'

describe('deepFreeze', () => {
  it('freezes Maps and Sets and what they hold, so set, add, delete and clear throw', () => {
    const row = { hours: [1] }
    const state = deepFreeze({
      rows: new Map([['__proto__', row]]),
      ids: new Set(['a']),
    })
    expect(() => (state.rows as Map<string, unknown>).set('x', {})).toThrow()
    expect(() => (state.rows as Map<string, unknown>).delete('__proto__')).toThrow()
    expect(() => (state.ids as Set<string>).add('b')).toThrow()
    expect(() => (state.ids as Set<string>).clear()).toThrow()
    expect(Object.isFrozen(row) && Object.isFrozen(row.hours)).toBe(true)
    expect([...state.rows.keys()]).toEqual(['__proto__'])
    expect([...state.ids]).toEqual(['a'])
  })

  it('still stops at what is frozen already', () => {
    const shallow = Object.freeze({ ids: ['m1'] })
    deepFreeze({ rows: new Map([['a', shallow]]) })
    expect(Object.isFrozen(shallow.ids)).toBe(false)
  })
})
