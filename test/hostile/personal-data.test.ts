/**
 * Hostile cases of personal data protection (issue 12, item 16), on the in-memory store, PGlite
 * and the server: rows forged or copied in the stored log are refused on read with
 * `PersonalDataCorrupt` (never mistaken for erased data) and the handler's answer is a
 * `StoreFailed` that writes nothing; appends that would plant sealed data or personal data with
 * no owner are `InvalidEvent`s that write nothing; erasing ids that are not there (prototype
 * names, NUL, lone surrogates, megabyte ids) is a `NoPersonalDataKey` with a short message on
 * every store, and leaves every key in place.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  createInMemoryPersonalDataKeys,
  enrollment,
  enrollmentStreamId,
  erasePersonalData,
  handleCommand,
  PersonalDataCorrupt,
  personalDataPlaceholders,
  protectPersonalData,
  type EventStore,
  type PersonalDataKeys,
  type RecordedEvent,
} from 'microcred'
import { createPostgresPersonalDataKeys } from 'microcred/postgres'
import {
  clientOf,
  databaseUrl,
  serverSkipReason,
  storeIn,
  warnIfNoServer,
  type ClientKind,
} from '../postgres/support.js'

warnIfNoServer()

interface Protected {
  readonly raw: EventStore
  readonly keys: PersonalDataKeys
  readonly cleanup: () => Promise<void>
}

const sql = (kind: ClientKind) => async (): Promise<Protected> => {
  const client = await clientOf(kind)
  const { store, schema, cleanup } = await storeIn(client, 'hostile_pd')
  return { raw: store, keys: createPostgresPersonalDataKeys(client, { schema }), cleanup }
}

const kinds: ReadonlyArray<{ name: string; skip: boolean; open: () => Promise<Protected> }> = [
  {
    name: 'in memory',
    skip: false,
    open: async () => ({
      raw: createInMemoryEventStore(),
      keys: createInMemoryPersonalDataKeys(),
      cleanup: async () => undefined,
    }),
  },
  { name: 'PGlite', skip: false, open: sql('pglite') },
  { name: `the server${serverSkipReason}`, skip: databaseUrl === undefined, open: sql('server') },
]

const everything = async (store: EventStore) => {
  const all: RecordedEvent[] = []
  for await (const event of store.readAll()) all.push(event)
  return all
}

const admin = (commandId: string) => ({
  actor: { id: 'admin-1', roles: ['administrator' as const] },
  at: '2026-09-01T16:00:00Z',
  commandId,
})

/** Enrolls `educatorId` in `enrollmentId` through the protected store. */
const enroll = async (store: EventStore, enrollmentId: string, educatorId: string) => {
  const educator = {
    id: educatorId,
    name: `Name of ${educatorId}`,
    email: `${educatorId}@example.org`,
  }
  const result = await handleCommand(
    store,
    enrollment,
    {
      type: 'Enroll',
      data: { enrollmentId, educator, cohortId: 'steam-2026', program: catalog.steam },
    },
    admin(`enroll-${enrollmentId}`),
  )
  if (E.isLeft(result)) throw new Error(result.left.message)
}

const withdraw = (store: EventStore, enrollmentId: string) =>
  handleCommand(
    store,
    enrollment,
    { type: 'Withdraw', data: { enrollmentId, reason: 'Moved schools' } },
    { ...admin(`withdraw-${enrollmentId}`), at: '2026-10-01T16:00:00Z' },
  )

/** A copy of a stored event, as an event to append (what a forger with SQL access writes). */
const forged = (event: RecordedEvent, change: (copy: Record<string, unknown>) => void) => {
  const copy = structuredClone({ type: event.type, data: event.data, metadata: event.metadata })
  change(copy as unknown as Record<string, unknown>)
  return copy
}

const sealedOf = (copy: Record<string, unknown>) =>
  (copy['metadata'] as { personalData: Record<string, unknown> }).personalData

for (const kind of kinds) {
  describe.skipIf(kind.skip)(`personal data, hostile: ${kind.name}`, () => {
    const withStore = async (use: (p: Protected & { store: EventStore }) => Promise<void>) => {
      const opened = await kind.open()
      try {
        await use({ ...opened, store: protectPersonalData(opened.raw, opened.keys) })
      } finally {
        await opened.cleanup()
      }
    }

    it.each([
      [
        'the ciphertext changed',
        (copy: Record<string, unknown>) => {
          const sealed = sealedOf(copy)
          const text = String(sealed['ciphertext'])
          sealed['ciphertext'] =
            `${text.slice(0, -4)}${text.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`
        },
        /does not authenticate/,
      ],
      [
        'the sealed value not an object',
        (copy: Record<string, unknown>) =>
          void ((copy['metadata'] as Record<string, unknown>)['personalData'] = 'sealed'),
        /metadata\.personalData is not an object/,
      ],
    ])(
      'a row copied into another stream with %s: reads reject with PersonalDataCorrupt, the handler answers StoreFailed and writes nothing',
      async (_, change, reason) => {
        await withStore(async ({ raw, store }) => {
          await enroll(store, 'e1', 'edu-1')
          await enroll(store, 'e-victim', 'edu-victim')
          const [original] = await raw.readStream(enrollmentStreamId('e1'))
          if (original === undefined) throw new Error('not stored')
          const copy = forged(original, (c) => {
            ;(c['data'] as Record<string, unknown>)['enrollmentId'] = 'e2'
            change(c)
          })
          const written = await raw.appendToStream(enrollmentStreamId('e2'), [copy], {
            expectedVersion: 'noStream',
          })
          expect(E.isRight(written)).toBe(true)
          const before = await everything(raw)

          const read = store.readStream(enrollmentStreamId('e2'))
          await expect(read).rejects.toBeInstanceOf(PersonalDataCorrupt)
          await expect(read).rejects.toThrow(reason)
          const handled = await withdraw(store, 'e2')
          expect(E.isLeft(handled) && handled.left._tag).toBe('StoreFailed')
          expect(E.isLeft(handled) && handled.left.message).toMatch(
            /cannot be opened: .*restore it from a backup or remove it/,
          )
          expect(await everything(raw)).toEqual(before)
        })
      },
    )

    it("a row relabelled with another educator's id opens as nobody's data: it reads with the placeholders", async () => {
      await withStore(async ({ raw, store }) => {
        await enroll(store, 'e1', 'edu-1')
        await enroll(store, 'e-victim', 'edu-victim')
        const [original] = await raw.readStream(enrollmentStreamId('e1'))
        if (original === undefined) throw new Error('not stored')
        const copy = forged(original, (c) => {
          ;(c['data'] as Record<string, unknown>)['enrollmentId'] = 'e5'
          sealedOf(c)['educatorId'] = 'edu-victim'
        })
        await raw.appendToStream(enrollmentStreamId('e5'), [copy], { expectedVersion: 'noStream' })
        // Sealed under a key id the victim's key is not, so it is read as erased: anyone who can
        // write rows can write placeholders anyway; what matters is that nobody's data is shown.
        const read = JSON.stringify(await store.readStream(enrollmentStreamId('e5')))
        expect(read).toContain(personalDataPlaceholders.email)
        expect(read).not.toContain('edu-1@example.org')
        expect(read).not.toContain('edu-victim@example.org')
      })
    })

    it('the same row copied into another stream as it is: its stream and event id are bound, so it does not open', async () => {
      await withStore(async ({ raw, store }) => {
        await enroll(store, 'e1', 'edu-1')
        const [original] = await raw.readStream(enrollmentStreamId('e1'))
        if (original === undefined) throw new Error('not stored')
        await raw.appendToStream(enrollmentStreamId('e3'), [forged(original, () => undefined)], {
          expectedVersion: 'noStream',
        })
        await expect(store.readStream(enrollmentStreamId('e3'))).rejects.toThrow(
          /does not authenticate/,
        )
        expect(await store.readStream(enrollmentStreamId('e1'))).toHaveLength(1) // the original opens
      })
    })

    it('an append that plants sealed data is an InvalidEvent, and nothing is written', async () => {
      await withStore(async ({ raw, store }) => {
        await enroll(store, 'e1', 'edu-1')
        const [original] = await raw.readStream(enrollmentStreamId('e1'))
        if (original === undefined) throw new Error('not stored')
        const before = await everything(raw)
        const planted = await store.appendToStream(
          enrollmentStreamId('e4'),
          [forged(original, () => undefined)],
          { expectedVersion: 'noStream' },
        )
        expect(E.isLeft(planted) && planted.left._tag).toBe('InvalidEvent')
        expect(E.isLeft(planted) && planted.left._tag === 'InvalidEvent' && planted.left.path).toBe(
          'metadata.personalData',
        )
        expect(await everything(raw)).toEqual(before)
      })
    })

    it('personal data for a stream with no EducatorEnrolled is an InvalidEvent: it has no owner to be sealed for, and nothing is written', async () => {
      await withStore(async ({ raw, store, keys }) => {
        const submitted = {
          type: 'ArtifactSubmitted',
          data: {
            enrollmentId: 'orphan',
            at: '2026-09-01T16:00:00Z',
            eolaId: catalog.steam.eolas[0]?.id,
            attempt: 1,
            evidence: [{ kind: 'link', url: 'https://drive.example.org/mine' }],
            reflection: 'Written by someone, owned by no one.',
          },
          metadata: {
            eventId: 'ev-orphan',
            commandId: 'c-orphan',
            actorId: 'edu-1',
            correlationId: 'c-orphan',
            causationId: 'c-orphan',
            schemaVersion: 1,
          },
        }
        const refused = await store.appendToStream(enrollmentStreamId('orphan'), [submitted], {
          expectedVersion: 'noStream',
        })
        expect(E.isLeft(refused) && refused.left._tag).toBe('InvalidEvent')
        expect(E.isLeft(refused) && refused.left.message).toMatch(
          /a ArtifactSubmitted holds personal data, but the stream has no EducatorEnrolled to say whose it is; nothing was written/,
        )
        expect(await everything(raw)).toEqual([])
        expect(await keys.find('edu-1')).toBeUndefined()
      })
    })

    it.each([
      ['__proto__'],
      ['constructor'],
      ['toString'],
      ['edu\u00001'],
      ['edu-\ud800'],
      ['e'.repeat(1_000_000)],
      [''],
    ])(
      'erasing %j, which has no key, is NoPersonalDataKey with a short message, and every key stays',
      async (id) => {
        await withStore(async ({ store, keys }) => {
          await enroll(store, 'e1', 'edu-1')
          const key = await keys.find('edu-1')
          const erased = await erasePersonalData(keys, id)
          expect(E.isLeft(erased) && erased.left._tag).toBe('NoPersonalDataKey')
          expect(E.isLeft(erased) && erased.left.message.length).toBeLessThan(600)
          expect((await keys.find('edu-1'))?.keyId).toBe(key?.keyId)
          expect(await keys.find(id)).toBeUndefined()
        })
      },
    )
  })
}
