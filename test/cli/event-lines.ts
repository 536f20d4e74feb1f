/**
 * Reading the event files the commands write, in tests.
 */
import fs from 'node:fs'

/** The non-empty lines of a file. */
export const lines = (file: string): string[] =>
  fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)

/** An event as its source wrote it: without what the store holding it assigned (position, time). */
export const portable = (line: string): unknown => {
  const event = JSON.parse(line) as Record<string, unknown>
  delete event['position']
  delete event['recordedAt']
  return event
}
