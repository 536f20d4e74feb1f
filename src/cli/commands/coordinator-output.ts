/**
 * What a coordinator command prints: the events it recorded, one line each in words (module and
 * EOLA titles from the enrollment's pinned requirements, outcomes by label), and the status the
 * enrollment is in now, from its progress view. Nothing an educator wrote (a reflection, the
 * feedback on it) is echoed.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import {
  modeLabel,
  progressView,
  totalHours,
  type EnrollmentEvent,
  type EnrollmentState,
  type HandledCommand,
  type ProgressView,
} from 'microcred'
import { printable } from '../printable.js'
import { formatNumber } from '../tables.js'
import { shownTime } from './status-view.js'

/** Titles by id: modules, courses and EOLAs of the enrollment (a Map: ids come from input). */
const titlesOf = (view: ProgressView): ReadonlyMap<string, string> =>
  new Map([
    ...view.modules.items.map((m) => [m.id, m.title] as const),
    ...view.courses.items.map((c) => [c.id, c.title] as const),
    ...view.eolas.items.map((e) => [e.id, e.title] as const),
  ])

const outcomeLabel = { meets: 'meets', revise: 'revise and resubmit' } as const

/** One event in words. */
export const describeEvent = (
  event: EnrollmentEvent,
  titles: ReadonlyMap<string, string>,
): string => {
  const title = (id: string) => `'${titles.get(id) ?? id}'`
  switch (event.type) {
    case 'EducatorEnrolled': {
      const { educator, cohortId, programId, programVersion, enrolledBy } = event.data
      return `${educator.name} <${educator.email}> enrolled in cohort ${cohortId} of ${programId} version ${programVersion} by ${enrolledBy}`
    }
    case 'HoursRecorded': {
      const { hours, creditedHours, mode, moduleId, recordedBy } = event.data
      const credited = creditedHours === hours ? '' : ` (${formatNumber(creditedHours)} credited)`
      return `${formatNumber(hours)} ${modeLabel(mode)} hours in module ${title(moduleId)}${credited}, recorded by ${recordedBy}`
    }
    case 'ModuleCompleted':
      return `module ${title(event.data.moduleId)} complete`
    case 'CourseCompleted':
      return `course ${title(event.data.courseId)} complete`
    case 'ArtifactSubmitted': {
      const { attempt, eolaId, evidence } = event.data
      const pieces = `${evidence.length} piece${evidence.length === 1 ? '' : 's'} of evidence`
      return `attempt ${attempt} at EOLA ${title(eolaId)} submitted, with ${pieces}`
    }
    case 'ArtifactGraded': {
      const { attempt, eolaId, outcome, assessorId } = event.data
      return `attempt ${attempt} at EOLA ${title(eolaId)} graded by ${assessorId}: ${outcomeLabel[outcome]}`
    }
    case 'ArtifactScored': {
      const { attempt, eolaId, outcome, assessorId, round } = event.data
      return `attempt ${attempt} at EOLA ${title(eolaId)} scored by ${assessorId} (round ${round}): ${outcomeLabel[outcome]}`
    }
    case 'CoachingConversationRecorded': {
      const { afterAttempt, eolaId, recordedBy } = event.data
      return `coaching conversation after attempt ${afterAttempt} at EOLA ${title(eolaId)}, recorded by ${recordedBy}`
    }
    case 'CapstoneSubmitted': {
      const { attempt, enactedEolaId } = event.data
      return `capstone attempt ${attempt} submitted, enacting EOLA ${title(enactedEolaId)}`
    }
    case 'CapstoneGraded': {
      const { attempt, outcome, assessorId } = event.data
      return `capstone attempt ${attempt} graded by ${assessorId}: ${outcomeLabel[outcome]}`
    }
    case 'CapstoneScored': {
      const { attempt, outcome, assessorId, round } = event.data
      return `capstone attempt ${attempt} scored by ${assessorId} (round ${round}): ${outcomeLabel[outcome]}`
    }
    case 'CredentialEarned': {
      const { credentialId, hours, salaryPoints } = event.data
      return `credential ${credentialId} earned: ${formatNumber(totalHours(hours))} hours, ${formatNumber(salaryPoints)} salary points`
    }
    case 'EnrollmentWithdrawn':
      return `withdrawn by ${event.data.withdrawnBy}: ${event.data.reason}`
    case 'EnrollmentExpired':
      return `expired by ${event.data.expiredBy}, incomplete: ${event.data.reason}`
    case 'CredentialRevoked':
      return `credential ${event.data.credentialId} revoked by ${event.data.revokedBy}: ${event.data.reason}`
    case 'BadgeIssued':
      return `badge ${event.data.badgeId} issued by ${event.data.issuedBy}`
    default: {
      const never: never = event
      return String(never)
    }
  }
}

/** The status of the enrollment now, in one line, and its first next step. */
export const statusLine = (view: ProgressView): string => {
  const { status, hours, modules, eolas, capstone, next, dates } = view
  const counts = [
    `${formatNumber(hours.credited)}/${formatNumber(hours.required)} hours`,
    `${modules.completed}/${modules.required} modules`,
    `${eolas.meeting}/${eolas.required} EOLAs meet`,
    ...(capstone === null ? [] : [`capstone ${capstone.state.label.toLowerCase()}`]),
  ].join(', ')
  const when =
    dates.revoked !== null
      ? ` on ${shownTime(dates.revoked.at)}`
      : dates.withdrawn !== null
        ? ` on ${shownTime(dates.withdrawn.at)}`
        : dates.expired !== null
          ? ` on ${shownTime(dates.expired.at)}`
          : dates.earned !== null
            ? ` on ${shownTime(dates.earned.at)}`
            : ''
  const first = next[0] === undefined ? '' : `\nNext: ${printable(next[0].label)}`
  return `Status: ${status.label}${when} (${counts})${first}`
}

/** What a handled command did, as the command prints it. */
export const handledText = (
  commandType: string,
  enrollmentId: string,
  handled: HandledCommand<EnrollmentEvent, EnrollmentState>,
  commandId: string,
): string => {
  const view = progressView(handled.state)
  const titles = titlesOf(view)
  const lines = handled.events.map(
    (event) => `  ${event.type}: ${printable(describeEvent(event, titles))}`,
  )
  const head = handled.duplicate
    ? `${commandType} ${printable(commandId)} on enrollment ${printable(enrollmentId)} was handled before: nothing new was recorded. It recorded:`
    : `${commandType} on enrollment ${printable(enrollmentId)} recorded ${handled.events.length} event${handled.events.length === 1 ? '' : 's'} (stream version ${handled.version}, command ${printable(commandId)}):`
  return [head, ...lines, statusLine(view)].join('\n')
}
