/**
 * The store the report tests read: the demo's cohort (a few educators, so it is fast) written by
 * `microcred demo` (one educator withdraws; one credential is revoked afterwards, with a reason
 * that is a spreadsheet formula), and a second cohort whose educators' names and ids are hostile (markup, a
 * script end tag, spreadsheet formulas, terminal escapes), written through `handleCommand`.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  businessTimeOf,
  catalog,
  createInMemoryEventStore,
  enrollment,
  handleCommand,
  type Actor,
  type EnrollmentCommand,
  type EventStore,
  type RecordedEvent,
} from 'microcred'
import { expect } from 'vitest'
import { fakeCli, type FakeCli } from './fake-environment.js'

/** The demo cohort's id, and how many educators it has. */
export const demoCohort = { id: 'steam-2026-27', educators: 8 } as const
/** The enrollment whose credential the fixture revokes, and why (a formula, for the CSV). */
export const revoked = {
  enrollmentId: 'steam-2026-27-03',
  reason: '=1+1 issued in error',
  at: '2027-06-15T16:00:00Z',
} as const
/** The hostile cohort's id. */
export const hostileCohort = 'hostile-2026'

/** Names no page, table or spreadsheet may obey. */
export const hostileNames = [
  '<img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=2</script>',
  '=HYPERLINK("https://evil.example/","click")',
  '\u2028"}]</script><!--',
  '-2+3 \u001b[2J',
] as const

const admin: Actor = { id: 'admin-rivera', roles: ['administrator'] }
const facilitator: Actor = { id: 'facilitator-nguyen', roles: ['facilitator'] }

/** Sends one command; the test fails if the rules refuse it. */
const send = async (store: EventStore, command: EnrollmentCommand, actor: Actor, at: string) => {
  const result = await handleCommand(store, enrollment, command, {
    actor,
    at,
    commandId: `${command.type}-${command.data.enrollmentId}-${at}`,
  })
  expect(E.isRight(result) ? 'ok' : result.left.message).toBe('ok')
}

/** Enrolls the hostile cohort (in October 2026) and credits a few hours to each. */
const writeHostileCohort = async (store: EventStore) => {
  for (const [i, name] of hostileNames.entries()) {
    const enrollmentId = `${hostileCohort}-${i + 1}`
    const educator = { id: `=cmd|' /C calc'!A${i}`, name, email: `hostile${i}@lausd.net` }
    await send(
      store,
      {
        type: 'Enroll',
        data: { enrollmentId, educator, cohortId: hostileCohort, program: catalog.steam },
      },
      admin,
      '2026-09-08T16:00:00Z',
    )
    const moduleId = catalog.steam.courses[0]?.modules[0]?.id ?? ''
    await send(
      store,
      { type: 'RecordHours', data: { enrollmentId, moduleId, mode: 'faceToFace', hours: i + 1 } },
      facilitator,
      '2026-09-19T19:00:00Z',
    )
  }
}

/** A fake command line whose store `reports` holds the demo cohort and the hostile one. */
export const reportStore = async (): Promise<FakeCli> => {
  const cli = fakeCli()
  const demo = await cli.run(
    'demo',
    '--educators',
    String(demoCohort.educators),
    '--store',
    'reports',
  )
  expect({ code: demo.code, err: demo.err }).toEqual({ code: 0, err: '' })
  const store = cli.stores.get('reports')
  if (store === undefined) throw new Error('the demo wrote no store')
  await writeHostileCohort(store)
  const { enrollmentId, reason, at } = revoked
  await send(store, { type: 'RevokeCredential', data: { enrollmentId, reason } }, admin, at)
  return cli
}

/** Every event of a store, in global order. */
export const allEvents = async (store: EventStore): Promise<ReadonlyArray<RecordedEvent>> => {
  const events: RecordedEvent[] = []
  for await (const event of store.readAll()) events.push(event)
  return events
}

/**
 * A new in-memory store holding only the events of `store` that happened by the end of `day`
 * (by business time), appended in their global order: the log truncated at that day.
 */
export const truncatedCopy = async (store: EventStore, day: string): Promise<EventStore> => {
  const end = Date.parse(`${day}T00:00:00Z`) + 86_400_000
  const copy = createInMemoryEventStore()
  for (const event of await allEvents(store)) {
    if (Date.parse(businessTimeOf(event)) >= end) continue
    const { type, data, metadata } = event
    const appended = await copy.appendToStream(event.streamId, [{ type, data, metadata }], {
      expectedVersion: await copy.streamVersion(event.streamId),
    })
    expect(E.isRight(appended)).toBe(true)
  }
  return copy
}
