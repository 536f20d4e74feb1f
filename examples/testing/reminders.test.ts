// The reminder rule, property-tested against microcred's generated histories.
import fc from 'fast-check'
import { historyArbitrary, minutesAfter } from 'microcred/testing'
import { describe, expect, it } from 'vitest'
import { reminderFor } from './reminders.js'

const day = 24 * 60
const latest = (history: { steps: ReadonlyArray<{ context: { at: string } }> }) =>
  history.steps[history.steps.length - 1]?.context.at ?? '2026-09-01T00:00:00Z'

describe('reminderFor', () => {
  it('never reminds an enrollment that is not active: not yet enrolled, earned, withdrawn or revoked', () => {
    const closed = historyArbitrary({ statuses: ['notEnrolled', 'earned', 'withdrawn', 'revoked'] })
    fc.assert(
      fc.property(closed, fc.integer({ min: 0, max: 400 }), (history, later) => {
        expect(reminderFor(history.state, minutesAfter(latest(history), later * day))).toBeNull()
      }),
    )
  })

  it('reminds every active enrollment idle for more than three weeks', () => {
    fc.assert(
      fc.property(
        historyArbitrary({ statuses: ['active'] }),
        fc.integer({ min: 22, max: 400 }),
        (history, idle) => {
          const reminder = reminderFor(history.state, minutesAfter(latest(history), idle * day))
          expect(reminder?.enrollmentId).toBe(history.journey.enrollmentId)
        },
      ),
    )
  })

  it('does not remind on the day of the latest activity', () => {
    fc.assert(
      fc.property(historyArbitrary({ statuses: ['active'] }), (history) => {
        expect(reminderFor(history.state, latest(history))).toBeNull()
      }),
    )
  })
})
