/**
 * `microcred import <file.ndjson>`: an event file into a store, in two passes over the file.
 *
 * 1. Every line is decoded (JSON, `RecordedEvent`, the enrollment event of its stream) and each
 *    stream's versions must follow one another; one bad line and nothing is written.
 * 2. Each stream must stand in the store just before the file's first version of it (absent,
 *    for a file from version 1); one that does not is a conflict, and nothing is written.
 * 3. The events are appended in file order, each run of consecutive events of one stream in one
 *    append whose expected version is the file's version before it, so the store checks again.
 *    Events keep their type, data and metadata (ids, actor, schema version); the store gives
 *    them new positions and times.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore, EventToAppend, RecordedEvent } from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { describeBadLines, readEventFile, type FileReport } from '../event-file.js'
import { dataError, done, interrupted, type CliFailure, type CliResult } from '../failure.js'
import { stopRequested } from '../interrupts.js'
import { startProgressBar } from '../progress-bar.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { formatNumber } from '../tables.js'
import { fileSize } from './files.js'

/** The most events one append carries. */
export const maxEventsPerAppend = 500

/** Pass 1: reads the whole file; its report. */
const check = (cli: CliEnvironment, path: string, bytes: number): FileReport => {
  const bar = startProgressBar(cli.progressStream, 'Checking', bytes, 'bytes')
  const reader = readEventFile(path, bar.update)
  try {
    while (!reader.events.next().done);
  } finally {
    bar.stop()
  }
  return reader.report()
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

const toAppend = ({ type, data, metadata }: RecordedEvent): EventToAppend => ({
  type,
  data,
  metadata,
})

/** Pass 3: appends the events in file order; the first refused append stops. */
const append = async (
  cli: CliEnvironment,
  store: EventStore,
  path: string,
  total: number,
): Promise<E.Either<CliFailure, number>> => {
  const bar = startProgressBar(cli.progressStream, 'Importing', total, 'events')
  let written = 0
  let batch: RecordedEvent[] = []
  const flush = async (): Promise<CliFailure | undefined> => {
    const first = batch[0]
    if (first === undefined) return undefined
    const expectedVersion = first.version === 1 ? 'noStream' : first.version - 1
    const result = await store.appendToStream(first.streamId, batch.map(toAppend), {
      expectedVersion,
    })
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

/** Imports an event file into the store: all of it, or (for a bad line or a conflict) nothing. */
export const importEvents = async (
  cli: CliEnvironment,
  path: string,
  options: StoreOptions,
): Promise<CliResult> => {
  const bytes = fileSize(path)
  if (E.isLeft(bytes)) return bytes
  const report = check(cli, path, bytes.right)
  if (report.badLineCount > 0) {
    const { message, details } = describeBadLines(path, report, 'nothing was imported')
    return E.left(dataError(message, details))
  }
  return withStore(cli, options, 'write', async ({ store, description }) => {
    const found = await conflicts(store, report.streams)
    if (found.length > 0) {
      const streams = found.length === 1 ? 'a stream' : `${found.length} streams`
      const message = `the ${description} already holds ${streams} of ${path} (importing twice?); nothing was imported`
      const more = found.length > 10 ? [`and ${found.length - 10} more streams`] : []
      return E.left(dataError(message, [...found.slice(0, 10), ...more]))
    }
    const written = await append(cli, store, path, report.events)
    if (E.isLeft(written)) return written
    const what = `${formatNumber(written.right)} events of ${formatNumber(report.streams.size)} streams`
    cli.out(`Imported ${what} from ${path} into the ${description}.`)
    return done
  })
}
