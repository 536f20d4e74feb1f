/**
 * Event schema versions: old stored shapes are upcast before decoding; anything that does not
 * decode is a CorruptEvent naming stream, version, position and path.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  decodeRecordedEvent,
  enrollmentEvents,
  eventSchema,
  message,
  schemaVersionOf,
  taggedUnion,
  type RecordedEvent,
} from 'microcred'

const stored = (type: string, data: unknown, schemaVersion = 1): RecordedEvent => ({
  streamId: 'pings-1',
  version: 4,
  position: 42,
  type,
  data,
  metadata: {
    eventId: 'e-4',
    commandId: 'cmd-4',
    actorId: 'admin-1',
    correlationId: 'cmd-4',
    causationId: 'cmd-4',
    schemaVersion,
  },
  recordedAt: '2026-09-01T16:00:00.000Z',
})

// Pinged v1 had { seconds }, v2 { ms }, v3 { ms, source }.
const Pinged = message('Pinged', t.type({ ms: t.number, source: t.string }))
const Ponged = message('Ponged', t.type({}))
const schema = eventSchema(taggedUnion('PingEvent', { Pinged, Ponged }), {
  versions: { Pinged: 3 },
  upcasters: {
    Pinged: {
      1: (data) => ({ ms: (data as { seconds: number }).seconds * 1000 }),
      2: (data) => ({ ...(data as object), source: 'unknown' }),
    },
  },
})
const decode = decodeRecordedEvent(schema)

const corrupt = (result: E.Either<unknown, unknown>) => {
  if (E.isRight(result)) throw new Error('expected a CorruptEvent')
  return result.left as { _tag: string; message: string; issues: Array<{ path: string }> }
}

describe('upcasting', () => {
  it('types not listed are at version 1; listed ones at their version', () => {
    expect(schemaVersionOf(schema, 'Ponged')).toBe(1)
    expect(schemaVersionOf(schema, 'Pinged')).toBe(3)
    expect(schemaVersionOf(enrollmentEvents, 'EducatorEnrolled')).toBe(1)
  })

  it('decodes a current event as it is', () => {
    expect(decode(stored('Pinged', { ms: 5, source: 'lms' }, 3))).toEqual(
      E.right({ type: 'Pinged', data: { ms: 5, source: 'lms' } }),
    )
  })

  it('upcasts one version at a time, from any older version', () => {
    expect(decode(stored('Pinged', { seconds: 2 }, 1))).toEqual(
      E.right({ type: 'Pinged', data: { ms: 2000, source: 'unknown' } }),
    )
    expect(decode(stored('Pinged', { ms: 7 }, 2))).toEqual(
      E.right({ type: 'Pinged', data: { ms: 7, source: 'unknown' } }),
    )
  })

  it('names stream, version, position and the path when the data does not decode', () => {
    const error = corrupt(decode(stored('Pinged', { ms: 'soon', source: 'lms' }, 3)))
    expect(error).toMatchObject({
      _tag: 'CorruptEvent',
      streamId: 'pings-1',
      version: 4,
      position: 42,
      type: 'Pinged',
    })
    expect(error.issues.map((i) => i.path)).toEqual(['data.ms'])
    expect(error.message).toBe(
      "stored event 'Pinged' at stream 'pings-1' version 4 (position 42) does not decode: at data.ms: expected number, got \"soon\"",
    )
  })

  it('refuses an unknown type, naming it', () => {
    const error = corrupt(decode(stored('Pinked', {})))
    expect(error.issues[0]?.path).toBe('type')
    expect(error.message).toContain("'Pinked'")
  })

  it('refuses an old version without an upcaster, and a version newer than the code', () => {
    const partial = eventSchema(schema.codec, { versions: { Pinged: 3 }, upcasters: {} })
    expect(corrupt(decodeRecordedEvent(partial)(stored('Pinged', { ms: 1 }, 2))).message).toContain(
      "no upcaster of 'Pinged' from schema version 2 to 3",
    )
    expect(corrupt(decode(stored('Ponged', {}, 2))).message).toContain(
      'schema version 2 is newer than',
    )
  })

  it('reports an upcaster that throws as a CorruptEvent, never a throw', () => {
    const error = corrupt(decode(stored('Pinged', null, 1)))
    expect(error.message).toContain("the upcaster of 'Pinged' from schema version 1 failed")
  })
})
