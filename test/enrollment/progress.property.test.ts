/**
 * `progress(state)` lists what is still missing only while the enrollment can go on: an ended
 * enrollment (earned, withdrawn, revoked) has nothing missing, as its progress view and
 * `microcred status` show.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { progress } from '../../src/index.js'
import { historyArbitrary } from '../../src/testing/index.js'

describe('progress', () => {
  it('lists nothing missing once an enrollment has ended', () => {
    fc.assert(
      fc.property(
        historyArbitrary({ statuses: ['withdrawn', 'revoked', 'earned'] }),
        ({ state }) => {
          expect(progress(state).missing).toEqual([])
        },
      ),
      { numRuns: 60 },
    )
  })

  it('lists something missing while an enrollment is active and not every requirement is met', () => {
    fc.assert(
      fc.property(historyArbitrary({ statuses: ['active'] }), ({ state }) => {
        expect(progress(state).missing.length).toBeGreaterThan(0)
      }),
      { numRuns: 60 },
    )
  })
})
