/**
 * Event files: NDJSON, one `RecordedEvent` as JSON per line, in global order, as `export` writes
 * them and `import` and `replay` read them. Reading streams the file in chunks (constant memory
 * whatever its size) and decodes every line three times over: as JSON, as a `RecordedEvent`, and
 * as an enrollment event of its stream (upcast if it was stored under an older schema). Each
 * stream's versions must follow one another. A bad line is recorded with its number and reason,
 * and reading goes on so that every bad line can be reported at once.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import fs from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import {
  RecordedEvent,
  decodeIssues,
  decodeRecordedEvent,
  enrollmentEvents,
  enrollmentStreamId,
  formatIssues,
  type EnrollmentEvent,
} from 'microcred'

/** One line of a file, and how far into the file reading has come. */
export interface Line {
  readonly text: string
  /** 1 for the first line. */
  readonly number: number
  readonly bytesRead: number
}

/** Reads a file line by line (`\n` or `\r\n`), a chunk at a time. */
export function* readLines(path: string, chunkBytes = 1 << 20): Generator<Line> {
  const fd = fs.openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(chunkBytes)
    const decoder = new StringDecoder('utf8')
    let pending = ''
    let number = 0
    let bytesRead = 0
    const line = (text: string): Line => ({
      text: text.endsWith('\r') ? text.slice(0, -1) : text,
      number: ++number,
      bytesRead,
    })
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, chunkBytes, null)
      if (read === 0) {
        const last = pending + decoder.end()
        if (last !== '') yield line(last)
        return
      }
      bytesRead += read
      const lines = (pending + decoder.write(buffer.subarray(0, read))).split('\n')
      pending = lines.pop() ?? ''
      for (const text of lines) yield line(text)
    }
  } finally {
    fs.closeSync(fd)
  }
}

/** A stored event and the enrollment event it holds. */
export interface DecodedEvent {
  readonly recorded: RecordedEvent
  readonly event: EnrollmentEvent
}

const decodeEnrollmentEvent = decodeRecordedEvent(enrollmentEvents)

/** Why a line is not a good event, and its stream and version when it names them. */
export interface LineProblem {
  readonly reason: string
  readonly streamId?: string
  readonly version?: number
}

/** The stream and version a JSON value names, even if it is not a good event otherwise. */
const placeOf = (json: unknown): Pick<LineProblem, 'streamId' | 'version'> => {
  const { streamId, version } = (typeof json === 'object' && json !== null ? json : {}) as Record<
    string,
    unknown
  >
  return typeof streamId === 'string' && Number.isInteger(version) && Number(version) > 0
    ? { streamId, version: Number(version) }
    : {}
}

/** Decodes one line, or says why it is not an event of an enrollment stream. */
export const decodeLine = (text: string): E.Either<LineProblem, DecodedEvent> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return E.left({ reason: `it is not JSON (${reason})` })
  }
  const recorded = RecordedEvent.decode(json)
  if (E.isLeft(recorded)) {
    const issues = formatIssues(decodeIssues(recorded.left))
    return E.left({ reason: `it is not a recorded event: ${issues}`, ...placeOf(json) })
  }
  const { streamId, version } = recorded.right
  const event = decodeEnrollmentEvent(recorded.right)
  if (E.isLeft(event)) {
    const { type, issues } = event.left
    const reason = `its '${type}' is not an enrollment event: ${formatIssues(issues)}`
    return E.left({ reason, streamId, version })
  }
  const own = enrollmentStreamId(event.right.data.enrollmentId)
  if (own !== streamId) {
    const reason = `its event belongs to stream '${own}', not to '${streamId}' where it is`
    return E.left({ reason, streamId, version })
  }
  return E.right({ recorded: recorded.right, event: event.right })
}

/** The versions of one stream that a file holds. */
export interface StreamSpan {
  readonly first: number
  readonly last: number
}

/** A line that is not a good event, and why. */
export interface BadLine {
  readonly line: number
  readonly reason: string
}

/** What reading a whole file found. */
export interface FileReport {
  /** Good events. */
  readonly events: number
  /** Each stream's first and last version in the file, in order of first appearance. */
  readonly streams: ReadonlyMap<string, StreamSpan>
  /** The first bad lines (at most `maxBadLines`). */
  readonly badLines: ReadonlyArray<BadLine>
  /** How many lines are bad in all. */
  readonly badLineCount: number
}

/** How many bad lines a report lists; the rest are counted. */
export const maxBadLines = 10

/** An event file being read: the good events, then (once they are all read) the report. */
export interface EventFileReader {
  /** The good events in file order; blank lines are skipped, bad ones recorded. */
  readonly events: Generator<DecodedEvent>
  /** What was found so far: complete once `events` is done. */
  readonly report: () => FileReport
}

/**
 * Reads an event file; `onProgress` hears the bytes read so far after each line, and `problemOf`
 * may find a good event bad for a reason of the caller's (one no store can hold, say).
 */
export const readEventFile = (
  path: string,
  onProgress: (bytesRead: number) => void = () => {},
  problemOf: (recorded: RecordedEvent) => string | undefined = () => undefined,
): EventFileReader => {
  const streams = new Map<string, { first: number; last: number }>()
  const badLines: BadLine[] = []
  let badLineCount = 0
  let events = 0
  const bad = (line: number, reason: string) => {
    badLineCount += 1
    if (badLines.length < maxBadLines) badLines.push({ line, reason })
  }
  /** Moves a stream to `version`; what is wrong when that is not the version after its last. */
  const follow = (streamId: string, version: number): string | undefined => {
    const span = streams.get(streamId)
    if (span === undefined) {
      streams.set(streamId, { first: version, last: version })
      return undefined
    }
    const last = span.last
    span.last = version // a gap is reported once, not again at every later version
    return version === last + 1
      ? undefined
      : `stream '${streamId}' goes from version ${last} to version ${version}`
  }

  function* good(): Generator<DecodedEvent> {
    for (const { text, number, bytesRead } of readLines(path)) {
      onProgress(bytesRead)
      if (text.trim() === '') continue
      const decoded = decodeLine(text)
      // A bad line that names its stream and version still takes that version, so the next
      // event of its stream is not reported as well, as a gap.
      const { streamId, version } = E.isRight(decoded) ? decoded.right.recorded : decoded.left
      const gap =
        streamId === undefined || version === undefined ? undefined : follow(streamId, version)
      if (E.isLeft(decoded)) {
        bad(number, decoded.left.reason)
        continue
      }
      if (gap !== undefined) {
        bad(number, gap)
        continue
      }
      const problem = problemOf(decoded.right.recorded)
      if (problem !== undefined) {
        bad(number, problem)
        continue
      }
      events += 1
      yield decoded.right
    }
  }

  return {
    events: good(),
    report: () => ({ events, streams, badLines, badLineCount }),
  }
}

/** The failure sentence of a report with bad lines, and one detail line per listed bad line. */
export const describeBadLines = (
  path: string,
  report: FileReport,
  consequence: string,
): { message: string; details: ReadonlyArray<string> } => {
  const { badLines, badLineCount } = report
  const first = badLines[0]
  const more = badLineCount - badLines.length
  const details = badLines.map(({ line, reason }) => `line ${line}: ${reason}`)
  return {
    message:
      badLineCount === 1 && first !== undefined
        ? `line ${first.line} of ${path} is not a good event: ${first.reason}; ${consequence}`
        : `${badLineCount} lines of ${path} are not good events; ${consequence}`,
    details:
      badLineCount === 1 ? [] : more > 0 ? [...details, `and ${more} more bad lines`] : details,
  }
}
