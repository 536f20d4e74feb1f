/**
 * `microcred import <file.ndjson>`: an event file into a store, all of it or nothing. Every row is
 * checked before the first append:
 *
 * 1. Every line is decoded (JSON, `RecordedEvent`, the enrollment event of its stream), each
 *    stream's versions must follow one another, and each event must be one every store can hold
 *    (`checkBatch`: no U+0000, no lone surrogate, a stream id every store can index). Every
 *    stream the file starts at version 1 is audited (the history audit) as it is read. One bad
 *    line or one finding, and nothing is written; the store is not even opened.
 * 2. Each stream must stand in the store just before the file's first version of it (absent,
 *    for a file from version 1); one that does not is a conflict, and nothing is written. A
 *    stream the file continues is audited from the store's events on through the file's.
 * 3. The events are appended in file order, each run of consecutive events of one stream in one
 *    append whose expected version is the file's version before it, so the store checks again.
 *    Events keep their type, data and metadata (ids, actor, schema version); the store gives
 *    them new positions and times.
 *
 * With `--trust`, the audit is skipped and every event is stored with `metadata.unaudited: true`,
 * so the log says which events nobody checked against the rules (`microcred audit` still can).
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  checkBatch,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  type StreamAudit,
} from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { describeBadLines, readEventFile, type FileReport } from '../event-file.js'
import { dataError, done, interrupted, type CliFailure, type CliResult } from '../failure.js'
import {
  auditStoredStream,
  describeFindings,
  loggedEvent,
  logAuditor,
  type LogAuditor,
} from '../history-audit.js'
import { stopRequested } from '../interrupts.js'
import { startProgressBar } from '../progress-bar.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { formatNumber } from '../tables.js'
import { fileSize } from './files.js'

/** The most events one append carries. */
export const maxEventsPerAppend = 500

/** Options of `microcred import`. */
export interface ImportOptions extends StoreOptions {
  /** Skip the history audit, and mark every event `unaudited`. */
  readonly trust?: boolean
}

const toAppend = ({ type, data, metadata }: RecordedEvent, trust: boolean): EventToAppend => ({
  type,
  data,
  metadata: trust ? { ...metadata, unaudited: true } : metadata,
})

/** Why a stored event cannot be stored as it is, or `undefined`: what the store would say. */
const storageProblem = (recorded: RecordedEvent): string | undefined => {
  const checked = checkBatch(recorded.streamId, [toAppend(recorded, false)])
  if (E.isRight(checked)) return undefined
  const { message } = checked.left
  const reason = message.replace(/; nothing was written$/, '')
  return `it cannot be stored: ${reason.replace(/^event 0 of the batch for stream .* cannot be stored: /, '')}`
}

interface Checked {
  readonly report: FileReport
  /** The streams of the file that start at version 1, audited as they were read. */
  readonly auditor: LogAuditor
}

/**
 * Pass 1: reads the whole file, checks that every event can be stored, and (unless `trust`)
 * audits the streams the file starts at version 1; the others wait for the store.
 */
const check = (cli: CliEnvironment, path: string, bytes: number, trust: boolean): Checked => {
  const bar = startProgressBar(cli.progressStream, 'Checking', bytes, 'bytes')
  const reader = readEventFile(path, bar.update, storageProblem)
  const auditor = logAuditor()
  const continued = new Set<string>()
  const seen = new Set<string>()
  try {
    for (const { recorded, event } of reader.events) {
      if (trust) continue
      if (!seen.has(recorded.streamId)) {
        seen.add(recorded.streamId)
        if (recorded.version !== 1) continued.add(recorded.streamId)
      }
      if (!continued.has(recorded.streamId)) auditor.add(loggedEvent(recorded, event))
    }
  } finally {
    bar.stop()
  }
  return { report: reader.report(), auditor }
}

/** Pass 2: the streams that do not stand where the file continues them, one line each. */
const conflicts = async (store: EventStore, streams: FileReport['streams']) => {
  const found: string[] = []
  for (const [streamId, { first }] of streams) {
    const version = await store.streamVersion(streamId)
    if (version === first - 1) continue
    const holds = version === 0 ? 'does not hold it' : `holds it at version ${version}`
    found.push(`stream '${streamId}': the file starts at version ${first}, the store ${holds}`)
  }
  return found
}

/**
 * Pass 2, for the streams the file continues: each audited from the store's events on through
 * the file's. The findings (of the store's part too), or a failure to read the store.
 */
const auditContinued = async (
  store: EventStore,
  path: string,
  streams: FileReport['streams'],
): Promise<E.Either<CliFailure, ReturnType<LogAuditor['end']>>> => {
  const start = new Map<string, StreamAudit>()
  const found = []
  for (const [streamId, { first }] of streams) {
    if (first === 1) continue
    const stored = await auditStoredStream(store, streamId)
    if (E.isLeft(stored)) return stored
    if (E.isLeft(stored.right)) found.push(stored.right.left)
    else start.set(streamId, stored.right.right)
  }
  if (start.size === 0) return E.right(found)
  const auditor = logAuditor(start)
  for (const { recorded, event } of readEventFile(path).events) {
    if (start.has(recorded.streamId)) auditor.add(loggedEvent(recorded, event))
  }
  return E.right([...found, ...auditor.end()])
}

/** Pass 3: appends the events in file order; the first refused append stops. */
const append = async (
  cli: CliEnvironment,
  store: EventStore,
  path: string,
  total: number,
  trust: boolean,
): Promise<E.Either<CliFailure, number>> => {
  const bar = startProgressBar(cli.progressStream, 'Importing', total, 'events')
  let written = 0
  let batch: RecordedEvent[] = []
  const flush = async (): Promise<CliFailure | undefined> => {
    const first = batch[0]
    if (first === undefined) return undefined
    const expectedVersion = first.version === 1 ? 'noStream' : first.version - 1
    const events = batch.map((event) => toAppend(event, trust))
    const result = await store.appendToStream(first.streamId, events, { expectedVersion })
    if (E.isLeft(result)) {
      const so = `${formatNumber(written)} of ${formatNumber(total)} events were imported before it`
      return dataError(`the import stopped: ${result.left.message}; ${so}`)
    }
    written += batch.length
    bar.update(written)
    batch = []
    return undefined
  }
  const reader = readEventFile(path)
  try {
    for (const { recorded } of reader.events) {
      const last = batch[batch.length - 1]
      if (
        last !== undefined &&
        (last.streamId !== recorded.streamId || batch.length >= maxEventsPerAppend)
      ) {
        if (await stopRequested(cli.signal)) {
          const so = `${formatNumber(written)} of ${formatNumber(total)} events were imported`
          return E.left(interrupted(`interrupted: ${so}`))
        }
        const failure = await flush()
        if (failure !== undefined) return E.left(failure)
      }
      batch.push(recorded)
    }
    const failure = await flush()
    if (failure !== undefined) return E.left(failure)
  } finally {
    bar.stop()
  }
  return reader.report().events === total
    ? E.right(written)
    : E.left(
        dataError(
          `${path} changed during the import; ${formatNumber(written)} events were imported`,
        ),
      )
}

const nothing = 'nothing was imported'
const refusedByAudit = (
  found: ReturnType<LogAuditor['end']>,
  streams: number,
  path: string,
): CliFailure => {
  const { message, details } = describeFindings(
    found,
    streams,
    path,
    `${nothing} (check it with microcred audit; --trust imports it unaudited)`,
  )
  return dataError(message, details)
}

/**
 * Imports an event file into the store: all of it, or (for a bad line, a finding of the audit,
 * or a conflict) nothing.
 */
export const importEvents = async (
  cli: CliEnvironment,
  path: string,
  options: ImportOptions,
): Promise<CliResult> => {
  const trust = options.trust === true
  const bytes = fileSize(path)
  if (E.isLeft(bytes)) return bytes
  const { report, auditor } = check(cli, path, bytes.right, trust)
  if (report.badLineCount > 0) {
    const { message, details } = describeBadLines(path, report, nothing)
    return E.left(dataError(message, details))
  }
  if (report.events === 0) return E.left(dataError(`${path} holds no events; ${nothing}`))
  const found = auditor.end()
  if (found.length > 0) return E.left(refusedByAudit(found, report.streams.size, path))
  return withStore(cli, options, 'write', async ({ store, description }) => {
    const conflicting = await conflicts(store, report.streams)
    if (conflicting.length > 0) {
      const streams = conflicting.length === 1 ? 'a stream' : `${conflicting.length} streams`
      const message = `the ${description} already holds ${streams} of ${path} (importing twice?); ${nothing}`
      const more = conflicting.length > 10 ? [`and ${conflicting.length - 10} more streams`] : []
      return E.left(dataError(message, [...conflicting.slice(0, 10), ...more]))
    }
    if (!trust) {
      const continued = await auditContinued(store, path, report.streams)
      if (E.isLeft(continued)) return continued
      if (continued.right.length > 0) {
        return E.left(refusedByAudit(continued.right, report.streams.size, path))
      }
    }
    const written = await append(cli, store, path, report.events, trust)
    if (E.isLeft(written)) return written
    const what = `${formatNumber(written.right)} events of ${formatNumber(report.streams.size)} streams`
    cli.out(
      trust
        ? `Imported ${what} from ${path} into the ${description} without the history audit (--trust): each is marked unaudited in its metadata.`
        : `Imported ${what} from ${path} into the ${description}; every stream passed the history audit.`,
    )
    return done
  })
}
