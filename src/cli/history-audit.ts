/**
 * The history audit as the commands run it (`audit`, `import`, `badge issue`): under the Los
 * Angeles Unified policy and the catalog's programs, over a file's events or a store's, holding
 * one state per stream.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  auditEnd,
  auditNext,
  catalogPrograms,
  decodeRecordedEvent,
  enrollmentEvents,
  lausdPolicy,
  streamAudit,
  type AuditOptions,
  type EnrollmentState,
  type EventStore,
  type HistoryRejected,
  type LoggedEvent,
  type RecordedEvent,
  type StreamAudit,
} from 'microcred'
import { dataError, type CliFailure } from './failure.js'
import { formatNumber } from './tables.js'

/** What the commands audit against: the policy and the programs they build badges from. */
export const auditOptions: AuditOptions = { policy: lausdPolicy, programs: catalogPrograms }

const next = auditNext(auditOptions)

/** An event as the audit reads it: its stream, version, the actor recorded with it. */
export const loggedEvent = (recorded: RecordedEvent, event: LoggedEvent['event']): LoggedEvent => ({
  streamId: recorded.streamId,
  version: recorded.version,
  actorId: recorded.metadata.actorId,
  event,
})

/**
 * A log being audited, a stream at a time: `add` each event in order (a stream not yet seen
 * starts at version 1, or where `start` left it), then `end` for the findings, one per stream
 * that has one, in the order they were found.
 */
export interface LogAuditor {
  readonly add: (event: LoggedEvent) => void
  readonly end: () => ReadonlyArray<HistoryRejected>
  /** Streams seen. */
  readonly streams: () => number
}

/** A fresh auditor; `start` holds streams taken up where an earlier audit left them. */
export const logAuditor = (start: ReadonlyMap<string, StreamAudit> = new Map()): LogAuditor => {
  const audits = new Map<string, StreamAudit | null>()
  const found: HistoryRejected[] = []
  return {
    add: (event) => {
      const audit = audits.has(event.streamId)
        ? audits.get(event.streamId)
        : (start.get(event.streamId) ?? streamAudit(event.streamId))
      if (audit === null || audit === undefined) return
      const audited = next(audit, event)
      if (E.isLeft(audited)) found.push(audited.left)
      audits.set(event.streamId, E.isLeft(audited) ? null : audited.right)
    },
    end: () => {
      for (const audit of audits.values()) {
        const ended = audit === null ? undefined : auditEnd(audit)
        if (ended !== undefined && E.isLeft(ended)) found.push(ended.left)
      }
      return found
    },
    streams: () => audits.size,
  }
}

const decodeEnrollmentEvent = decodeRecordedEvent(enrollmentEvents)

/**
 * A stream of the store, audited: where its audit stands after its last event (to go on with a
 * file that continues it), or its finding; a stored event that does not decode is a failure.
 */
export const auditStoredStream = async (
  store: EventStore,
  streamId: string,
): Promise<E.Either<CliFailure, E.Either<HistoryRejected, StreamAudit>>> => {
  let audit = streamAudit(streamId)
  for (const recorded of await store.readStream(streamId)) {
    const event = decodeEnrollmentEvent(recorded)
    if (E.isLeft(event)) return E.left(dataError(event.left.message))
    const audited = next(audit, loggedEvent(recorded, event.right))
    if (E.isLeft(audited)) return E.right(audited)
    audit = audited.right
  }
  return E.right(E.right(audit))
}

/** The state of a stored stream that passes the audit, or its finding. */
export const auditedState = async (
  store: EventStore,
  streamId: string,
): Promise<E.Either<CliFailure, E.Either<HistoryRejected, EnrollmentState>>> => {
  const audited = await auditStoredStream(store, streamId)
  if (E.isLeft(audited) || E.isLeft(audited.right)) return audited as never
  return E.right(auditEnd(audited.right.right))
}

/** How many findings a failure lists; the rest are counted. */
export const maxFindingsShown = 10

/** The failure sentence of findings, and one detail line per finding shown. */
export const describeFindings = (
  found: ReadonlyArray<HistoryRejected>,
  streams: number,
  where: string,
  consequence: string,
): { message: string; details: ReadonlyArray<string> } => {
  const shown = found.slice(0, maxFindingsShown).map((finding) => finding.message)
  const more = found.length - shown.length
  const failing =
    found.length === 1
      ? `a stream of ${where} fails the history audit`
      : `${formatNumber(found.length)} of ${formatNumber(streams)} streams of ${where} fail the history audit`
  return {
    message: `${failing}: the rules could not have written ${found.length === 1 ? 'it' : 'them'}; ${consequence}`,
    details: more > 0 ? [...shown, `and ${formatNumber(more)} more streams`] : shown,
  }
}
