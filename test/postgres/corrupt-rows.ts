/**
 * Rows changed behind the store's back, by SQL: the store returns them as they are, and
 * `decodeRecordedEvent` and `handleCommand` report a `CorruptEvent` naming the stream, version,
 * position and path. Run by store.test.ts on each client.
 */
import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import {
  decodeRecordedEvent,
  enrollment,
  enrollmentEvents,
  handleCommand,
  type EventStore,
} from 'microcred'
import type { PostgresClient } from 'microcred/postgres'
import { enrollCommand, hoursCommand } from './journey.js'

type WithStore = (
  body: (store: EventStore, client: PostgresClient, schema: string) => Promise<void>,
) => Promise<void>

/** Enrolls `e1`, then puts a row by SQL at version 2 (position 2) of its stream. */
const enrollThenInsert = async (
  store: EventStore,
  client: PostgresClient,
  s: string,
  type: string,
  data: unknown,
  schemaVersion = 1,
) => {
  const { command, context } = enrollCommand('e1')
  expect(E.isRight(await handleCommand(store, enrollment, command, context))).toBe(true)
  const [first] = await store.readStream('enrollment-e1')
  const metadata = { ...first?.metadata, eventId: 'sql-1', schemaVersion }
  await client.query(
    `INSERT INTO ${s}.events (position, stream_id, version, type, data, metadata)
     VALUES (2, 'enrollment-e1', 2, $1, $2::jsonb, $3::jsonb)`,
    [type, JSON.stringify(data), JSON.stringify(metadata)],
  )
  await client.query(`UPDATE ${s}.log_head SET position = 2`)
}

/** The corrupt-row tests, registered with `test` on a store from `withStore`. */
export const corruptRowTests = (
  test: (name: string, fn: () => Promise<void>) => void,
  withStore: WithStore,
) => {
  const hours = hoursCommand('e1', 'hours-1')

  test('a row whose data has the wrong shape is returned as stored, and is a CorruptEvent', () =>
    withStore(async (store, client, s) => {
      const data = { moduleId: 'nope', mode: 'homework', hours: -1 }
      await enrollThenInsert(store, client, s, 'HoursRecorded', data)
      const [, stored] = await store.readStream('enrollment-e1')
      expect(stored?.data).toEqual(data)
      const decoded = decodeRecordedEvent(enrollmentEvents)(stored!)
      expect(E.isLeft(decoded) && decoded.left).toMatchObject({
        _tag: 'CorruptEvent',
        streamId: 'enrollment-e1',
        version: 2,
        position: 2,
      })
      const handled = await handleCommand(store, enrollment, hours.command, hours.context)
      if (E.isRight(handled)) throw new Error('expected a CorruptEvent')
      expect(handled.left._tag).toBe('CorruptEvent')
      expect(handled.left.message).toMatch(
        /stored event 'HoursRecorded' at stream 'enrollment-e1' version 2 \(position 2\) does not decode: at data\./,
      )
      expect(await store.streamVersion('enrollment-e1')).toBe(2) // nothing appended
    }))

  test('a row of an unknown type is a CorruptEvent naming it', () =>
    withStore(async (store, client, s) => {
      await enrollThenInsert(store, client, s, 'HoursLogged', { hours: 1 })
      const handled = await handleCommand(store, enrollment, hours.command, hours.context)
      if (E.isRight(handled)) throw new Error('expected a CorruptEvent')
      expect(handled.left).toMatchObject({ _tag: 'CorruptEvent', version: 2, position: 2 })
      expect(handled.left.message).toMatch(/'HoursLogged' at stream 'enrollment-e1' version 2/)
    }))

  test('a row at an old schema version without an upcaster is a CorruptEvent at metadata.schemaVersion', () =>
    withStore(async (store, client, s) => {
      const data = { moduleId: 'm', mode: 'homework', hours: 1, creditedHours: 1, recordedBy: 'x' }
      await enrollThenInsert(store, client, s, 'HoursRecorded', data, 1)
      // This code's HoursRecorded is at schema version 2, with no upcaster from 1.
      const events = { ...enrollmentEvents, versions: { HoursRecorded: 2 } }
      const [, stored] = await store.readStream('enrollment-e1')
      const decoded = decodeRecordedEvent(events)(stored!)
      if (E.isRight(decoded)) throw new Error('expected a CorruptEvent')
      expect(decoded.left.issues[0]?.path).toBe('metadata.schemaVersion')
      expect(decoded.left.message).toMatch(
        /version 2 \(position 2\).*no upcaster of 'HoursRecorded' from schema version 1 to 2/,
      )
      const handled = await handleCommand(
        store,
        { ...enrollment, events },
        hours.command,
        hours.context,
      )
      expect(E.isLeft(handled) && handled.left._tag).toBe('CorruptEvent')
    }))
}
