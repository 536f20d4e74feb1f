/**
 * The history audit: whether a stream of enrollment events is one the rules could have written.
 * Each event is read as the command it implies (a `HoursRecorded` as the `RecordHours` of its
 * module, mode and hours, by the actor who sent it, at its time), that command is run through
 * the real `decide` on the state before it, and the events `decide` returns must be exactly the
 * ones the stream holds next. So the audit checks what the rules check (hours within the caps,
 * attempts within the cap, grades by someone other than the educator, outcomes that follow from
 * the rubric, the credential earned exactly when every requirement is met, with the hours
 * credited and the salary points the program grants, nothing after a withdrawal the rules
 * refuse, time never going backwards), and cannot drift from them.
 *
 * What it trusts: the programs and the policy it is given (the pinned requirements must be the
 * ones they give), and the actor ids the store recorded with each event (roles are not recorded:
 * the actor is granted every role, so the audit checks the relations the authorization table
 * asks for, such as "an assessor other than the educator", not that the actor held the role).
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { authorizationRules, type AuthorizationRules } from '../authorization.js'
import { quoted } from '../codec.js'
import { Role } from '../context.js'
import type { DomainError } from '../errors.js'
import type { StructuralPolicy } from '../policy.js'
import type { Program } from '../program/program.js'
import type { EnrollmentCommand } from './commands.js'
import { decideEnrollment } from './decide.js'
import type { EnrollmentEvent, EnrollmentEventOf } from './events.js'
import { foldEnrollment, notEnrolled } from './evolve.js'
import { progress } from './progress.js'
import type { EnrollmentState } from './state.js'
import { enrollmentStreamId } from './stream.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What the audit judges a history against. */
export interface AuditOptions {
  /** The policy the enrollments joined under. */
  readonly policy: StructuralPolicy
  /** The programs they may pin, each by id and version (such as `catalogPrograms`). */
  readonly programs: ReadonlyArray<Program>
  /** Who may do what (default: `authorizationRules`). */
  readonly authorization?: AuthorizationRules
}

/** One event of a stream, with its version and the actor the store recorded with it. */
export interface AuditedEvent {
  readonly version: number
  readonly event: EnrollmentEvent
  /** Who sent the command that wrote it (a stored event's `metadata.actorId`). */
  readonly actorId: string
}

/** One event of a log of many streams. */
export interface LoggedEvent extends AuditedEvent {
  readonly streamId: string
}

/**
 * What is wrong with an event: its version does not follow the one before it
 * (`VersionOutOfOrder`); it is another enrollment's (`WrongStream`); it pins a program the audit
 * was not given (`UnknownProgram`); the command it implies is refused by the rules
 * (`RefusedByRules`, with the rule's tag in `rule`); the rules write something else there
 * (`NotWhatTheRulesWrite`); it is a consequence nothing made due (`NothingDue`); or the stream
 * ends before the consequences the rules write after it (`ConsequenceMissing`).
 */
export type HistoryFinding =
  | 'VersionOutOfOrder'
  | 'WrongStream'
  | 'UnknownProgram'
  | 'RefusedByRules'
  | 'NotWhatTheRulesWrite'
  | 'NothingDue'
  | 'ConsequenceMissing'

/** A stream whose history the rules could not have written: where, and what is wrong. */
export interface HistoryRejected {
  readonly _tag: 'HistoryRejected'
  readonly message: string
  readonly streamId: string
  /** The version of the event found wrong. */
  readonly version: number
  /** Its type. */
  readonly eventType: string
  readonly finding: HistoryFinding
  /** For `RefusedByRules`: the tag of the error `decide` returned (`NotAuthorized`, ...). */
  readonly rule?: string
}

/**
 * A stream audited so far: its last version audited (0 before any), the state after it, and the
 * events the rules still write next (the rest of the last command's events).
 */
export interface StreamAudit {
  readonly streamId: string
  readonly version: number
  readonly state: EnrollmentState
  readonly due: ReadonlyArray<EnrollmentEvent>
}

/** What auditing a log of many streams found. */
export interface LogAudit {
  /** Streams audited. */
  readonly streams: number
  /** Events read. */
  readonly events: number
  /** The first finding of each stream that has one, in the order they were found. */
  readonly rejected: ReadonlyArray<HistoryRejected>
}

// -------------------------------------------------------------------------------------
// messages
// -------------------------------------------------------------------------------------

const plainName = /^[A-Za-z0-9._:@/-]{1,120}$/

/** A name from the history as a message shows it: bare in quotes when plain, else escaped. */
const named = (s: string): string => (plainName.test(s) ? `'${s}'` : quoted(s, 120))

const fieldName = (key: string): string =>
  /^[A-Za-z0-9_$-]{1,40}$/.test(key) ? key : quoted(key, 40)

const show = (value: unknown): string => {
  if (typeof value === 'string') return quoted(value, 60)
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object' && value !== null) return 'an object'
  return String(value)
}

const rejected = (
  streamId: string,
  version: number,
  eventType: string,
  finding: HistoryFinding,
  what: string,
  rule?: string,
): HistoryRejected => ({
  _tag: 'HistoryRejected',
  message: `stream ${named(streamId)} version ${version} (${named(eventType).slice(1, -1)}): ${what}`,
  streamId,
  version,
  eventType,
  finding,
  ...(rule === undefined ? {} : { rule }),
})

/** Where two JSON values first differ, said as the stream against the rules; none if equal. */
const difference = (rules: unknown, stream: unknown, path: string): string | undefined => {
  if (Object.is(rules, stream)) return undefined
  const bothObjects =
    typeof rules === 'object' && rules !== null && typeof stream === 'object' && stream !== null
  if (!bothObjects || Array.isArray(rules) !== Array.isArray(stream)) {
    return `${path} is ${show(stream)}; the rules write ${show(rules)}`
  }
  if (Array.isArray(rules) && Array.isArray(stream)) {
    for (let i = 0; i < Math.min(rules.length, stream.length); i++) {
      const found = difference(rules[i], stream[i], `${path}.${i}`)
      if (found !== undefined) return found
    }
    return rules.length === stream.length
      ? undefined
      : `${path} has ${stream.length} items; the rules write ${rules.length}`
  }
  const ours = rules as Record<string, unknown>
  const theirs = stream as Record<string, unknown>
  for (const key of Object.keys(ours)) {
    if (!Object.hasOwn(theirs, key)) {
      return `${path}.${fieldName(key)} is missing; the rules write ${show(ours[key])}`
    }
    const found = difference(ours[key], theirs[key], `${path}.${fieldName(key)}`)
    if (found !== undefined) return found
  }
  const extra = Object.keys(theirs).find((key) => !Object.hasOwn(ours, key))
  return extra === undefined
    ? undefined
    : `${path}.${fieldName(extra)} is not a field the rules write`
}

const differenceOf = (rules: EnrollmentEvent, stream: EnrollmentEvent): string | undefined =>
  rules.type === stream.type
    ? difference(rules.data, stream.data, 'data')
    : `the rules write ${rules.type} here, not ${stream.type}`

// -------------------------------------------------------------------------------------
// the command each event implies
// -------------------------------------------------------------------------------------

type Consequence = EnrollmentEventOf<'ModuleCompleted' | 'CourseCompleted' | 'CredentialEarned'>

const isConsequence = (event: EnrollmentEvent): event is Consequence =>
  event.type === 'ModuleCompleted' ||
  event.type === 'CourseCompleted' ||
  event.type === 'CredentialEarned'

const whatMakesDue: Record<Consequence['type'], string> = {
  ModuleCompleted: "the hours that meet the module's last need",
  CourseCompleted: 'the completion of its last module',
  CredentialEarned: 'the event that meets the last requirement',
}

/** Why a consequence cannot stand where nothing made it due. */
const nothingDue = (event: Consequence, state: EnrollmentState): string => {
  const only = `the rules write ${event.type} only right after ${whatMakesDue[event.type]}, and nothing here made it due`
  if (state.status === 'notEnrolled') return `${only}: the stream has no enrollment before it`
  if (state.status !== 'active') return `${only}: the enrollment is ${state.status}`
  if (event.type !== 'CredentialEarned') return only
  const { missing } = progress(state)
  const shown = missing.slice(0, 3).join('; ')
  const more = missing.length > 3 ? `; and ${missing.length - 3} more` : ''
  return `${only} (still missing: ${shown}${more})`
}

/** The command an event that starts a command implies, or why there is none. */
const commandOf = (
  event: Exclude<EnrollmentEvent, Consequence>,
  programs: ReadonlyArray<Program>,
): E.Either<{ finding: HistoryFinding; what: string }, EnrollmentCommand> => {
  switch (event.type) {
    case 'EducatorEnrolled': {
      const { enrollmentId, educator, cohortId, programId, programVersion } = event.data
      const program = programs.find((p) => p.id === programId && p.version === programVersion)
      if (program === undefined) {
        const known = programs.map((p) => `${p.id} version ${p.version}`).join(', ')
        return E.left({
          finding: 'UnknownProgram',
          what: `it pins program ${named(programId)} version ${programVersion}, which the audit does not know (it knows ${known || 'none'})`,
        })
      }
      return E.right({ type: 'Enroll', data: { enrollmentId, educator, cohortId, program } })
    }
    case 'HoursRecorded': {
      const { enrollmentId, moduleId, mode, hours, sessionId } = event.data
      const data = { enrollmentId, moduleId, mode, hours }
      return E.right({
        type: 'RecordHours',
        data: sessionId === undefined ? data : { ...data, sessionId },
      })
    }
    case 'ArtifactSubmitted': {
      const { enrollmentId, eolaId, evidence, reflection } = event.data
      return E.right({
        type: 'SubmitArtifact',
        data: { enrollmentId, eolaId, evidence, reflection },
      })
    }
    case 'ArtifactGraded': {
      const { enrollmentId, eolaId, attempt, scores, feedback } = event.data
      return E.right({
        type: 'GradeArtifact',
        data: { enrollmentId, eolaId, attempt, scores, feedback },
      })
    }
    case 'ArtifactScored': {
      // A score is the grade its assessor sent; the ArtifactGraded it decides follows as due.
      const { enrollmentId, eolaId, attempt, scores, feedback } = event.data
      return E.right({
        type: 'GradeArtifact',
        data: { enrollmentId, eolaId, attempt, scores, feedback },
      })
    }
    case 'CapstoneScored': {
      // A score is the grade its assessor sent; the CapstoneGraded it decides follows as due.
      const { enrollmentId, attempt, outcome, feedback } = event.data
      return E.right({ type: 'GradeCapstone', data: { enrollmentId, attempt, outcome, feedback } })
    }
    case 'CoachingConversationRecorded': {
      const { enrollmentId, eolaId, notes } = event.data
      return E.right({ type: 'RecordCoachingConversation', data: { enrollmentId, eolaId, notes } })
    }
    case 'CapstoneSubmitted': {
      const { enrollmentId, enactedEolaId, documentationUrl, reflection, nextSteps } = event.data
      return E.right({
        type: 'SubmitCapstone',
        data: { enrollmentId, enactedEolaId, documentationUrl, reflection, nextSteps },
      })
    }
    case 'CapstoneGraded': {
      const { enrollmentId, attempt, outcome, feedback } = event.data
      return E.right({
        type: 'GradeCapstone',
        data: { enrollmentId, attempt, outcome, feedback },
      })
    }
    case 'EnrollmentWithdrawn':
      return E.right({
        type: 'Withdraw',
        data: { enrollmentId: event.data.enrollmentId, reason: event.data.reason },
      })
    case 'CredentialRevoked':
      return E.right({
        type: 'RevokeCredential',
        data: { enrollmentId: event.data.enrollmentId, reason: event.data.reason },
      })
    case 'EnrollmentExpired':
      return E.right({
        type: 'ExpireEnrollment',
        data: { enrollmentId: event.data.enrollmentId, reason: event.data.reason },
      })
    case 'BadgeIssued': {
      const { enrollmentId, badgeId, format, salt } = event.data
      return E.right({ type: 'IssueBadge', data: { enrollmentId, badgeId, format, salt } })
    }
  }
}

/** Roles are not recorded: the actor may hold any, so only the table's relations are checked. */
const everyRole = Object.keys(Role.keys) as Role[]

/** The rules' refusal, said of an actor granted every role. */
const refusal = (error: DomainError, actorId: string): string => {
  if (error._tag !== 'NotAuthorized') return `the rules refuse it (${error._tag}): ${error.message}`
  const takes = error.message.split(': it takes ')[1]
  const needs = takes === undefined ? '' : `: it takes ${takes}`
  return `the rules refuse it (NotAuthorized): ${named(actorId)} could not have sent ${error.action} in any role${needs}`
}

// -------------------------------------------------------------------------------------
// auditing
// -------------------------------------------------------------------------------------

/**
 * The audit of a stream before its first event.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { streamAudit } from 'microcred'
 * assert.deepEqual(streamAudit('enrollment-e1'), {
 *   streamId: 'enrollment-e1',
 *   version: 0,
 *   state: { status: 'notEnrolled' },
 *   due: [],
 * })
 */
export const streamAudit = (streamId: string): StreamAudit => ({
  streamId,
  version: 0,
  state: notEnrolled(),
  due: [],
})

/**
 * Audits the next event of a stream: its version must follow, it must be the stream's
 * enrollment's, and it must be what the rules write there: the next consequence still due, or
 * else the first event `decide` returns for the command it implies, by its actor at its time.
 * Returns the audit after it, or what is wrong.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { auditNext, catalogPrograms, lausdPolicy, streamAudit } from 'microcred'
 * const audit = auditNext({ policy: lausdPolicy, programs: catalogPrograms })
 * const at = '2026-09-01T16:00:00Z'
 * const earned = {
 *   version: 1,
 *   actorId: 'admin-1',
 *   event: { type: 'CredentialEarned' as const, data: { enrollmentId: 'e1', at, credentialId: 'credential-e1',
 *     hours: { faceToFace: 0, online: 0, homework: 0 }, salaryPoints: 999 } },
 * }
 * const found = audit(streamAudit('enrollment-e1'), earned)
 * assert.ok(E.isLeft(found))
 * assert.equal(found.left.finding, 'NothingDue')
 * assert.match(found.left.message, /^stream 'enrollment-e1' version 1 \(CredentialEarned\): the rules write CredentialEarned only/)
 */
export const auditNext = (options: AuditOptions) => {
  const decide = decideEnrollment(options.policy, options.authorization ?? authorizationRules)
  return (audit: StreamAudit, next: AuditedEvent): E.Either<HistoryRejected, StreamAudit> => {
    const { event, version, actorId } = next
    const { streamId, state } = audit
    const reject = (finding: HistoryFinding, what: string, rule?: string) =>
      E.left(rejected(streamId, version, event.type, finding, what, rule))
    if (version !== audit.version + 1) {
      return reject(
        'VersionOutOfOrder',
        audit.version === 0
          ? `the stream starts at version ${version}; a history is audited from version 1`
          : `it follows version ${audit.version}; versions follow one another`,
      )
    }
    const own = enrollmentStreamId(event.data.enrollmentId)
    if (own !== streamId) {
      return reject('WrongStream', `it is an event of stream ${named(own)}`)
    }
    const after = (due: ReadonlyArray<EnrollmentEvent>): E.Either<never, StreamAudit> =>
      E.right({ streamId, version, state: foldEnrollment([event], state), due })

    const [expected, ...rest] = audit.due
    if (expected !== undefined) {
      const found = differenceOf(expected, event)
      return found === undefined
        ? after(rest)
        : reject(
            'NotWhatTheRulesWrite',
            `the rules write ${expected.type} here, as a consequence of the events before it; ${found}`,
          )
    }
    if (isConsequence(event)) return reject('NothingDue', nothingDue(event, state))
    const command = commandOf(event, options.programs)
    if (E.isLeft(command)) return reject(command.left.finding, command.left.what)
    const context = {
      actor: { id: actorId, roles: everyRole },
      at: event.data.at,
      commandId: `audit-${version}`,
    }
    const decided = decide(command.right, state, context)
    if (E.isLeft(decided)) {
      return reject('RefusedByRules', refusal(decided.left, actorId), decided.left._tag)
    }
    const [first, ...consequences] = decided.right
    if (first === undefined) {
      return reject(
        'NotWhatTheRulesWrite',
        `the rules write nothing for the ${command.right.type} it implies (it was done before)`,
      )
    }
    const found = differenceOf(first, event)
    return found === undefined ? after(consequences) : reject('NotWhatTheRulesWrite', found)
  }
}

/**
 * The end of a stream's audit: the state it comes to, or, when the rules still write
 * consequences after its last event, what is missing.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { auditEnd, streamAudit } from 'microcred'
 * assert.deepEqual(auditEnd(streamAudit('enrollment-e1')), E.right({ status: 'notEnrolled' }))
 * const cut = auditEnd({
 *   ...streamAudit('enrollment-e1'),
 *   version: 7,
 *   due: [{ type: 'ModuleCompleted', data: { enrollmentId: 'e1', moduleId: 'm1', at: '2026-09-01T16:00:00Z' } }],
 * })
 * assert.ok(E.isLeft(cut))
 * assert.equal(cut.left.finding, 'ConsequenceMissing')
 */
export const auditEnd = (audit: StreamAudit): E.Either<HistoryRejected, EnrollmentState> => {
  const [missing] = audit.due
  if (missing === undefined) return E.right(audit.state)
  const types = audit.due.map((event) => event.type).join(', ')
  return E.left(
    rejected(
      audit.streamId,
      audit.version + 1,
      missing.type,
      'ConsequenceMissing',
      `the stream ends at version ${audit.version}, and the rules write ${types} right after it`,
    ),
  )
}

/**
 * Audits one stream's whole history, from version 1: the state it comes to, or its first event
 * the rules could not have written (after one, nothing later can be judged, so the audit stops).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { auditEnrollmentHistory, catalog, catalogPrograms, enrollment, lausdPolicy } from 'microcred'
 * const audit = auditEnrollmentHistory({ policy: lausdPolicy, programs: catalogPrograms })
 * const enrolled = enrollment.decide(
 *   { type: 'Enroll', data: { enrollmentId: 'e1', cohortId: 'steam-2026', program: catalog.steam,
 *     educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' } } },
 *   enrollment.initialState,
 *   { actor: { id: 'admin-1', roles: ['administrator'] }, at: '2026-09-01T16:00:00Z', commandId: 'c-1' },
 * )
 * assert.ok(E.isRight(enrolled))
 * const history = enrolled.right.map((event, i) => ({ version: i + 1, event, actorId: 'admin-1' }))
 * const audited = audit('enrollment-e1', history)
 * assert.ok(E.isRight(audited))
 * assert.equal(audited.right.status, 'active')
 * // The same history with the pinned salary points raised is not one the rules write.
 * const [first] = enrolled.right
 * assert.ok(first?.type === 'EducatorEnrolled')
 * const raised = { ...first, data: { ...first.data, requirements: { ...first.data.requirements, salaryPoints: 999 } } }
 * const forged = audit('enrollment-e1', [{ version: 1, event: raised, actorId: 'admin-1' }])
 * assert.ok(E.isLeft(forged))
 * assert.equal(
 *   forged.left.message,
 *   "stream 'enrollment-e1' version 1 (EducatorEnrolled): data.requirements.salaryPoints is 999; the rules write 3",
 * )
 */
export const auditEnrollmentHistory = (options: AuditOptions) => {
  const next = auditNext(options)
  return (
    streamId: string,
    history: Iterable<AuditedEvent>,
  ): E.Either<HistoryRejected, EnrollmentState> => {
    let audit = streamAudit(streamId)
    for (const event of history) {
      const audited = next(audit, event)
      if (E.isLeft(audited)) return audited
      audit = audited.right
    }
    return auditEnd(audit)
  }
}

/**
 * Audits a log of many streams, interleaved (a store's global log, an export file), in one
 * pass that holds each stream's state, not its events. A stream may be taken up where an earlier
 * audit left it (`from`: a file that continues streams a store holds); every other stream is
 * audited from version 1. Each stream is judged on its own; one with a finding is not read
 * further.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { auditEnrollmentLog, catalogPrograms, lausdPolicy } from 'microcred'
 * const at = '2026-09-01T16:00:00Z'
 * const audit = auditEnrollmentLog({ policy: lausdPolicy, programs: catalogPrograms })
 * const report = audit([
 *   { streamId: 'enrollment-e1', version: 1, actorId: 'admin-1', event: { type: 'CredentialEarned', data: {
 *     enrollmentId: 'e1', at, credentialId: 'credential-e1', hours: { faceToFace: 0, online: 0, homework: 0 }, salaryPoints: 999 } } },
 * ])
 * assert.deepEqual([report.streams, report.events], [1, 1])
 * assert.deepEqual(report.rejected.map((found) => [found.streamId, found.version, found.finding]), [
 *   ['enrollment-e1', 1, 'NothingDue'],
 * ])
 */
export const auditEnrollmentLog = (options: AuditOptions) => {
  const next = auditNext(options)
  return (
    log: Iterable<LoggedEvent>,
    from: ReadonlyMap<string, StreamAudit> = new Map(),
  ): LogAudit => {
    const audits = new Map<string, StreamAudit | null>()
    const found: HistoryRejected[] = []
    let events = 0
    for (const logged of log) {
      events += 1
      const { streamId } = logged
      const audit = audits.has(streamId)
        ? audits.get(streamId)
        : (from.get(streamId) ?? streamAudit(streamId))
      if (audit === null || audit === undefined) continue
      const audited = next(audit, logged)
      if (E.isLeft(audited)) found.push(audited.left)
      audits.set(streamId, E.isLeft(audited) ? null : audited.right)
    }
    for (const audit of audits.values()) {
      const ended = audit === null ? undefined : auditEnd(audit)
      if (ended !== undefined && E.isLeft(ended)) found.push(ended.left)
    }
    return { streams: audits.size, events, rejected: found }
  }
}
