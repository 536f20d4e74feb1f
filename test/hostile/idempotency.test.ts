/**
 * Issue 12, items 3 and 4: a repeated `commandId` is answered only to an actor who could have
 * sent the command, and the same id on another command (other content, another actor) is
 * `CommandIdReused`, with nothing written, on every store.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import {
  catalog,
  enrollment,
  handleCommand,
  type CommandContext,
  type EnrollmentCommand,
} from 'microcred'
import { storeKinds, type StoreUnderTest } from './stores.js'

const at = '2026-09-01T16:00:00Z'
const admin = { id: 'admin-1', roles: ['administrator' as const] }
const facilitator = { id: 'facilitator-1', roles: ['facilitator' as const] }
const moduleId = catalog.steam.courses[0]?.modules[0]?.id ?? 'missing'

const enroll: EnrollmentCommand = {
  type: 'Enroll',
  data: {
    enrollmentId: 'e1',
    educator: { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' },
    cohortId: 'steam-2026',
    program: catalog.steam,
  },
}
const hours = (n: number): EnrollmentCommand => ({
  type: 'RecordHours',
  data: { enrollmentId: 'e1', moduleId, mode: 'homework', hours: n },
})
const context = (actor: CommandContext['actor'], commandId: string): CommandContext => ({
  actor,
  at,
  commandId,
})

describe.each(storeKinds)('a repeated commandId on $name', ({ skip, open }) => {
  let opened: StoreUnderTest | undefined
  afterEach(async () => opened?.cleanup())

  /** A store holding an enrollment and 2 homework hours recorded as `cmd-hours`. */
  const started = async () => {
    opened = await open()
    const { store } = opened
    expect(
      E.isRight(await handleCommand(store, enrollment, enroll, context(admin, 'cmd-enroll'))),
    ).toBe(true)
    const first = await handleCommand(
      store,
      enrollment,
      hours(2),
      context(facilitator, 'cmd-hours'),
    )
    expect(E.isRight(first)).toBe(true)
    return { store, before: await opened.everything() }
  }

  it.skipIf(skip)(
    'from an actor with no roles is NotAuthorized, and shows nothing of the stream',
    async () => {
      const { store, before } = await started()
      const nobody = { id: 'stranger', roles: [] }
      for (const command of [
        hours(2),
        enroll,
        { type: 'Withdraw' as const, data: { enrollmentId: 'e1', reason: 'x' } },
      ]) {
        for (const commandId of ['cmd-hours', 'cmd-enroll']) {
          const result = await handleCommand(store, enrollment, command, context(nobody, commandId))
          expect(E.isLeft(result) && result.left._tag).toBe('NotAuthorized')
          expect(JSON.stringify(result)).not.toContain('ana@example.org')
        }
      }
      expect(await opened?.everything()).toEqual(before)
    },
  )

  it.skipIf(skip)(
    'with the same command from the same actor is a repeat: the first events, nothing appended',
    async () => {
      const { store, before } = await started()
      const again = await handleCommand(store, enrollment, hours(2), {
        ...context(facilitator, 'cmd-hours'),
        at: '2026-09-03T16:00:00Z', // a retry stamped later is still the same command
      })
      expect(E.isRight(again) && again.right.duplicate).toBe(true)
      expect(E.isRight(again) && again.right.events.map((e) => e.type)).toEqual(['HoursRecorded'])
      expect(await opened?.everything()).toEqual(before)
    },
  )

  it.skipIf(skip)(
    'with other content (3 hours, or a Withdraw) is CommandIdReused, nothing appended',
    async () => {
      const { store, before } = await started()
      const withdraw = { type: 'Withdraw' as const, data: { enrollmentId: 'e1', reason: 'Moved' } }
      for (const [command, actor] of [
        [hours(3), facilitator],
        [withdraw, admin],
      ] as const) {
        const result = await handleCommand(store, enrollment, command, context(actor, 'cmd-hours'))
        expect(E.isLeft(result) && result.left).toMatchObject({
          _tag: 'CommandIdReused',
          streamId: 'enrollment-e1',
          commandId: 'cmd-hours',
          message: expect.stringContaining("command id 'cmd-hours' was already used"),
        })
      }
      expect(await opened?.everything()).toEqual(before)
    },
  )

  it.skipIf(skip)(
    "replaying someone else's commandId with the same content is CommandIdReused",
    async () => {
      const { store, before } = await started()
      const otherFacilitator = { id: 'facilitator-2', roles: ['facilitator' as const] }
      const result = await handleCommand(
        store,
        enrollment,
        hours(2),
        context(otherFacilitator, 'cmd-hours'),
      )
      expect(E.isLeft(result) && result.left._tag).toBe('CommandIdReused')
      expect(await opened?.everything()).toEqual(before)
    },
  )

  it.skipIf(skip)('records the digest of each command in its events', async () => {
    await started()
    const stored = (await opened?.everything()) ?? []
    expect(stored.map((e) => e.metadata.commandDigest)).toEqual(
      stored.map(() => expect.stringMatching(/^sha256:[0-9a-f]{64}$/)),
    )
  })
})
