/**
 * Event files: reading lines in chunks, decoding a line, and checking each stream's versions.
 */
import * as E from 'fp-ts/lib/Either.js'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeLine, readEventFile, readLines } from '../../src/cli/event-file.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-event-file-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const write = (name: string, text: string) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}

const recorded = (version: number, data: Record<string, unknown> = {}) => ({
  streamId: 'enrollment-e1',
  version,
  position: version,
  type: 'ModuleCompleted',
  data: { enrollmentId: 'e1', moduleId: 'm1', at: '2026-09-01T16:00:00Z', ...data },
  metadata: {
    eventId: `ev-${version}`,
    commandId: 'cmd-1',
    actorId: 'fac-1',
    correlationId: 'cmd-1',
    causationId: 'cmd-1',
    schemaVersion: 1,
  },
  recordedAt: '2026-09-01T16:00:00.000Z',
})

describe('readLines', () => {
  it('splits on \\n and \\r\\n across chunk edges, multi-byte characters included', () => {
    const text = 'première\r\nzweite ü\n\nlast 😀 line'
    const file = write('lines.txt', text)
    for (const chunk of [1, 2, 3, 5, 64]) {
      const lines = [...readLines(file, chunk)]
      expect(lines.map((line) => line.text)).toEqual(['première', 'zweite ü', '', 'last 😀 line'])
      expect(lines.map((line) => line.number)).toEqual([1, 2, 3, 4])
      expect(lines.at(-1)?.bytesRead).toBe(Buffer.byteLength(text))
    }
  })

  it('reads nothing from an empty file and no extra line after a final newline', () => {
    expect([...readLines(write('empty.txt', ''))]).toEqual([])
    expect([...readLines(write('one.txt', 'a\n'))].map((line) => line.text)).toEqual(['a'])
  })
})

describe('decodeLine', () => {
  it('decodes a recorded enrollment event', () => {
    const decoded = decodeLine(JSON.stringify(recorded(1)))
    expect(E.isRight(decoded) && decoded.right.event.type).toBe('ModuleCompleted')
  })

  it('refuses an event filed under another enrollment stream', () => {
    expect(decodeLine(JSON.stringify({ ...recorded(1), streamId: 'enrollment-e2' }))).toEqual(
      E.left({
        reason: "its event belongs to stream 'enrollment-e1', not to 'enrollment-e2' where it is",
        streamId: 'enrollment-e2',
        version: 1,
      }),
    )
  })

  it('refuses an event of a schema version this code does not know', () => {
    const line = recorded(1)
    const decoded = decodeLine(
      JSON.stringify({ ...line, metadata: { ...line.metadata, schemaVersion: 9 } }),
    )
    expect(E.isLeft(decoded) && decoded.left.reason).toMatch(
      /at metadata\.schemaVersion: schema version 9 is newer/,
    )
  })
})

describe('readEventFile', () => {
  it('counts good events and streams, skips blank lines, and reports a gap once', () => {
    const lines = [1, 2, 4, 5, 6].map((v) => JSON.stringify(recorded(v)))
    const file = write('gap.ndjson', [lines[0], '', ...lines.slice(1)].join('\n'))
    const reader = readEventFile(file)
    const versions = [...reader.events].map((e) => e.recorded.version)
    expect(versions).toEqual([1, 2, 5, 6])
    expect(reader.report()).toEqual({
      events: 4,
      streams: new Map([['enrollment-e1', { first: 1, last: 6 }]]),
      badLines: [{ line: 4, reason: "stream 'enrollment-e1' goes from version 2 to version 4" }],
      badLineCount: 1,
    })
  })

  it('takes the version of a bad line that names one, so its stream has no gap after it', () => {
    const lines = [
      JSON.stringify(recorded(1)),
      JSON.stringify({ ...recorded(2), type: 'ModuleDone' }),
      JSON.stringify({ ...recorded(3), recordedAt: 'yesterday' }),
      '{"streamId": "enrollment-e1", "version": 4',
      JSON.stringify(recorded(5)),
    ]
    const reader = readEventFile(write('named.ndjson', lines.join('\n')))
    expect([...reader.events].map((e) => e.recorded.version)).toEqual([1])
    expect(reader.report().badLines.map((bad) => bad.line)).toEqual([2, 3, 4, 5])
    expect(reader.report().badLines[3]?.reason).toBe(
      "stream 'enrollment-e1' goes from version 3 to version 5",
    )
  })

  it('lists the first ten bad lines and counts the rest', () => {
    const file = write('junk.ndjson', Array.from({ length: 25 }, (_, i) => `junk ${i}`).join('\n'))
    const reader = readEventFile(file)
    expect([...reader.events]).toEqual([])
    expect(reader.report().badLines.map((bad) => bad.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(reader.report().badLineCount).toBe(25)
  })
})
