// A district's own rule over enrollment states: whom to remind, and why.
import type { EnrollmentState } from 'microcred'

export interface Reminder {
  readonly enrollmentId: string
  readonly reason: string
}

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000

/**
 * Remind an active educator who has been idle for more than three weeks, or whose artifact came
 * back "revise" more than two weeks ago without a new attempt.
 */
export const reminderFor = (state: EnrollmentState, today: string): Reminder | null => {
  if (state.status !== 'active') return null
  const waiting = Object.entries(state.artifacts).filter(([, attempts]) => {
    const last = attempts[attempts.length - 1]
    return last?.grade?.outcome === 'revise' && days(last.grade.gradedAt, today) > 14
  })
  if (waiting.length > 0) {
    const eolas = waiting.map(([eolaId]) => eolaId).join(', ')
    return { enrollmentId: state.enrollmentId, reason: `revise and resubmit ${eolas}` }
  }
  if (days(state.lastEventAt, today) > 21) {
    return { enrollmentId: state.enrollmentId, reason: 'no activity in three weeks' }
  }
  return null
}
