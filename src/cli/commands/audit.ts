/**
 * `microcred audit [file.ndjson]`: the history audit of an event file, or of every enrollment
 * stream of the store: each event must be one the rules could have written from the state before
 * it. Prints what it audited, or each stream's first finding (exit 1).
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecordedEvent, enrollmentEvents, enrollmentStreamId } from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { describeBadLines, readEventFile } from '../event-file.js'
import { dataError, done, type CliResult } from '../failure.js'
import { describeFindings, loggedEvent, logAuditor } from '../history-audit.js'
import { startProgressBar } from '../progress-bar.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { formatNumber } from '../tables.js'
import { fileSize } from './files.js'

interface Audited {
  readonly where: string
  readonly events: number
  readonly streams: number
  /** Events marked `unaudited` (imported with `--trust`). */
  readonly unaudited: number
  readonly found: ReturnType<ReturnType<typeof logAuditor>['end']>
}

const unauditedLine = (n: number) =>
  `${formatNumber(n)} ${n === 1 ? 'event was' : 'events were'} imported with --trust (metadata.unaudited)`

/** The result of an audit: a summary (exit 0), or the findings (exit 1). */
const verdict = (cli: CliEnvironment, audited: Audited): CliResult => {
  const { where, events, streams, unaudited, found } = audited
  const marked = unaudited === 0 ? [] : [unauditedLine(unaudited)]
  if (found.length > 0) {
    const { message, details } = describeFindings(
      found,
      streams,
      where,
      'the log is not one to trust',
    )
    return E.left(dataError(message, [...details, ...marked]))
  }
  const what = `${formatNumber(events)} events of ${formatNumber(streams)} streams`
  cli.out(`Audited ${what} in ${where}: the rules could have written every one of them.`)
  if (unaudited > 0) cli.out(`${unauditedLine(unaudited)}; they pass the audit now.`)
  return done
}

const auditFile = (cli: CliEnvironment, path: string): CliResult => {
  const bytes = fileSize(path)
  if (E.isLeft(bytes)) return bytes
  const bar = startProgressBar(cli.progressStream, 'Auditing', bytes.right, 'bytes')
  const reader = readEventFile(path, bar.update)
  const auditor = logAuditor()
  let unaudited = 0
  try {
    for (const { recorded, event } of reader.events) {
      if (recorded.metadata.unaudited === true) unaudited += 1
      auditor.add(loggedEvent(recorded, event))
    }
  } finally {
    bar.stop()
  }
  const report = reader.report()
  if (report.badLineCount > 0) {
    const { message, details } = describeBadLines(path, report, 'nothing was audited')
    return E.left(dataError(message, details))
  }
  if (report.events === 0) return E.left(dataError(`${path} holds no events; nothing was audited`))
  const found = auditor.end()
  return verdict(cli, {
    where: path,
    events: report.events,
    streams: auditor.streams(),
    unaudited,
    found,
  })
}

const decode = decodeRecordedEvent(enrollmentEvents)
const enrollmentStreams = enrollmentStreamId('')

const auditStore = (cli: CliEnvironment, options: StoreOptions): Promise<CliResult> =>
  withStore(cli, options, 'read', async ({ store, description }) => {
    const auditor = logAuditor()
    let events = 0
    let unaudited = 0
    for await (const recorded of store.readAll()) {
      if (!recorded.streamId.startsWith(enrollmentStreams)) continue
      const event = decode(recorded)
      if (E.isLeft(event)) return E.left(dataError(event.left.message))
      events += 1
      if (recorded.metadata.unaudited === true) unaudited += 1
      auditor.add(loggedEvent(recorded, event.right))
    }
    const where = `the ${description}`
    if (events === 0) {
      cli.out(`The ${description} holds no enrollment events: there is nothing to audit.`)
      return done
    }
    return verdict(cli, {
      where,
      events,
      streams: auditor.streams(),
      unaudited,
      found: auditor.end(),
    })
  })

/** Audits an event file, or (with no file) every enrollment stream of the store. */
export const audit = async (
  cli: CliEnvironment,
  path: string | undefined,
  options: StoreOptions,
): Promise<CliResult> => (path === undefined ? auditStore(cli, options) : auditFile(cli, path))
