/**
 * Personal data keys on PostgreSQL: the erasure cases every store runs (test/store/
 * personal-data-scenario.ts), on PGlite and on the server (skipped, saying why, without
 * DATABASE_URL), with the stored rows read by SQL; and the key table itself: idempotent DDL that
 * concurrent processes may run, one key per educator however many ask at once, erasure as a real
 * DELETE, refused schema names.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  aggregateStream,
  enrollment,
  enrollmentStreamId,
  erasePersonalData,
  handleCommand,
  isEnrolled,
  personalDataPlaceholders,
  protectPersonalData,
} from 'microcred'
import {
  createPostgresEventStore,
  createPostgresPersonalDataKeys,
  InvalidSchemaName,
  migrate,
  migratePersonalDataKeys,
  openEventStore,
  type PostgresClient,
} from 'microcred/postgres'
import { freshJourney, personalDataScenarios } from '../store/personal-data-scenario.js'
import {
  clientOf,
  databaseUrl,
  freshSchema,
  serverSkipReason,
  warnIfNoServer,
  type ClientKind,
} from './support.js'

warnIfNoServer()

const protectedSql = (kind: ClientKind) => async () => {
  const client = await clientOf(kind)
  const schema = freshSchema('pd')
  await migrate(client, { schema })
  return {
    raw: createPostgresEventStore(client, { schema }),
    keys: createPostgresPersonalDataKeys(client, { schema }),
    rawText: async () => {
      const { rows } = await client.query(
        `SELECT coalesce(string_agg(stream_id || ' ' || type || ' ' || data::text || ' ' || metadata::text, E'\\n' ORDER BY position), '') AS text FROM "${schema}".events`,
      )
      return String((rows[0] as { text: unknown }).text)
    },
    keyRows: async (educatorId: string) => {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "${schema}".personal_data_keys WHERE educator_id = $1`,
        [educatorId],
      )
      return (rows[0] as { n: number }).n
    },
    cleanup: async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    },
  }
}

personalDataScenarios('PGlite', protectedSql('pglite'))
personalDataScenarios(`the server${serverSkipReason}`, protectedSql('server'), !databaseUrl)

const keyTableCases = (name: string, kind: ClientKind, skip: boolean) =>
  describe.skipIf(skip)(`the personal_data_keys table on ${name}`, () => {
    const withSchema = async (use: (client: PostgresClient, schema: string) => Promise<void>) => {
      const client = await clientOf(kind)
      const schema = freshSchema('pdk')
      try {
        await use(client, schema)
      } finally {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      }
    }

    it('its DDL is idempotent, and 6 sessions may run it at once', async () => {
      await withSchema(async (client, schema) => {
        await Promise.all(
          Array.from({ length: 6 }, () => migratePersonalDataKeys(client, { schema })),
        )
        await migratePersonalDataKeys(client, { schema })
        const { rows } = await client.query(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = 'personal_data_keys' ORDER BY ordinal_position`,
          [schema],
        )
        expect(rows.map((row) => (row as { column_name: string }).column_name)).toEqual([
          'educator_id',
          'key_id',
          'key',
          'created_at',
        ])
      })
    })

    it('8 key stores asking at once for a new educator all get the one key stored', async () => {
      await withSchema(async (client, schema) => {
        const stores = Array.from({ length: 8 }, () =>
          createPostgresPersonalDataKeys(client, { schema }),
        )
        const keys = await Promise.all(stores.map((keys) => keys.keyFor('edu-race')))
        expect(new Set(keys.map((key) => key.keyId)).size).toBe(1)
        expect(new Set(keys.map((key) => Buffer.from(key.key).toString('hex'))).size).toBe(1)
        const { rows } = await client.query(
          `SELECT count(*)::int AS n FROM "${schema}".personal_data_keys`,
        )
        expect(rows).toEqual([{ n: 1 }])
      })
    })

    it('erasing deletes the row (no flag left behind), purging rewrites the table, and a later key is new', async () => {
      await withSchema(async (client, schema) => {
        const keys = createPostgresPersonalDataKeys(client, { schema })
        const first = await keys.keyFor('edu-1')
        await keys.keyFor('edu-2')
        expect(await keys.erase('edu-1')).toBe(true)
        expect(await keys.erase('edu-1')).toBe(false)
        await keys.purge()
        const { rows } = await client.query(
          `SELECT educator_id, encode(key, 'hex') AS key FROM "${schema}".personal_data_keys`,
        )
        expect(rows.map((row) => (row as { educator_id: string }).educator_id)).toEqual(['edu-2'])
        const hex = Buffer.from(first.key).toString('hex')
        expect(JSON.stringify(rows)).not.toContain(hex)
        expect(await keys.find('edu-1')).toBeUndefined()
        expect((await keys.keyFor('edu-1')).keyId).not.toBe(first.keyId)
      })
    })
  })

keyTableCases('PGlite', 'pglite', false)
keyTableCases(`the server${serverSkipReason}`, 'server', !databaseUrl)

describe('schema names', () => {
  it('a schema that is not the store to use is refused before any SQL runs', async () => {
    const client = await clientOf('pglite')
    for (const schema of ['pg_catalog', 'information_schema', 'public', 'Bad-Name']) {
      expect(() => createPostgresPersonalDataKeys(client, { schema })).toThrow(InvalidSchemaName)
      await expect(migratePersonalDataKeys(client, { schema })).rejects.toThrow(InvalidSchemaName)
    }
  })
})

describe('openEventStore gives the keys beside the events', () => {
  it('an embedded store keeps the keys in its directory: what was sealed opens after a restart, and not after an erasure', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'microcred-pd-'))
    try {
      const journey = freshJourney()
      const [enroll] = journey.steps
      if (enroll === undefined) throw new Error('no steps')
      const streamId = enrollmentStreamId(journey.enrollmentId)
      const nameAfterReopening = async () => {
        const opened = await openEventStore({ directory })
        try {
          const store = protectPersonalData(opened.store, opened.personalDataKeys)
          const read = await aggregateStream(store, enrollment, streamId)
          if (E.isLeft(read) || !isEnrolled(read.right.state)) throw new Error('not enrolled')
          return read.right.state.educator.name
        } finally {
          await opened.close()
        }
      }
      const first = await openEventStore({ directory })
      try {
        const store = protectPersonalData(first.store, first.personalDataKeys)
        expect(
          E.isRight(await handleCommand(store, enrollment, enroll.command, enroll.context)),
        ).toBe(true)
      } finally {
        await first.close()
      }
      expect(await nameAfterReopening()).toBe(journey.educator.name)

      const second = await openEventStore({ directory })
      try {
        expect(await erasePersonalData(second.personalDataKeys, journey.educator.id)).toEqual(
          E.right({ educatorId: journey.educator.id }),
        )
      } finally {
        await second.close()
      }
      expect(await nameAfterReopening()).toBe(personalDataPlaceholders.text)
    } finally {
      await fs.rm(directory, { recursive: true, force: true })
    }
  })

  it("a closed store's keys refuse every query", async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'microcred-pd-'))
    try {
      const opened = await openEventStore({ directory })
      await opened.close()
      await expect(opened.personalDataKeys.find('edu-1')).rejects.toThrow(/is closed/)
    } finally {
      await fs.rm(directory, { recursive: true, force: true })
    }
  })
})
