/**
 * The handler's state cache on the SQL store, PGlite and the server: two store instances on one
 * schema (two processes' worth of caches) with eight concurrent handlers on one stream, every
 * command sent twice through different instances; each is appended once, its repeat answered
 * with what it appended, and every cached answer is the uncached one.
 */
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { enrollment, enrollmentStreamId, handleCommand, type EventStore } from 'microcred'
import { createPostgresEventStore } from 'microcred/postgres'
import { enrollCommand, hoursCommand } from './journey.js'
import {
  clientOf,
  databaseUrl,
  serverSkipReason,
  sharedPGlite,
  storeIn,
  warnIfNoServer,
  type ClientKind,
} from './support.js'

warnIfNoServer()
beforeAll(() => sharedPGlite(), 60_000)

/** What an answer says, without what differs between runs. */
const answer = (result: Awaited<ReturnType<typeof handleCommand>>) =>
  E.isLeft(result)
    ? { left: result.left._tag }
    : {
        version: result.right.version,
        duplicate: result.right.duplicate,
        state: result.right.state,
        recorded: result.right.recorded.map((r) => [r.version, r.metadata.eventId]),
      }

describe.each<[string, ClientKind]>([
  ['PGlite', 'pglite'],
  [`PostgreSQL server${serverSkipReason}`, 'server'],
])('the state cache on %s', (_, kind) => {
  it.skipIf(kind === 'server' && databaseUrl === undefined)(
    'two instances, 8 concurrent handlers on one stream, every command twice: appended once, repeats answered, the same answers as without the cache',
    async () => {
      const client = await clientOf(kind)
      const { schema, cleanup } = await storeIn(client, 'cache')
      try {
        const instances: EventStore[] = [
          createPostgresEventStore(client, { schema }),
          createPostgresEventStore(client, { schema }),
        ]
        const enroll = enrollCommand('e1')
        const enrolled = await handleCommand(
          instances[0]!,
          enrollment,
          enroll.command,
          enroll.context,
        )
        expect(E.isRight(enrolled)).toBe(true)
        const perWriter = kind === 'pglite' ? 5 : 10
        const results = await Promise.all(
          Array.from({ length: 8 }, async (_, w) => {
            const out = []
            for (let i = 0; i < perWriter; i++) {
              const { command, context } = hoursCommand('e1', `w${w}-${i}`)
              for (const instance of [instances[w % 2]!, instances[(w + 1) % 2]!]) {
                out.push(
                  await handleCommand(instance, enrollment, command, context, {
                    retryDelayMs: 1,
                    maxAttempts: 200,
                  }),
                )
              }
            }
            return out
          }),
        )
        const stored = await instances[0]!.readStream(enrollmentStreamId('e1'))
        const ids = stored.map((e) => e.metadata.commandId)
        expect(new Set(ids).size).toBe(ids.length)
        for (const out of results) {
          for (let i = 0; i < out.length; i += 2) {
            const [first, repeat] = [out[i]!, out[i + 1]!]
            if (E.isLeft(first)) throw new Error(first.left.message)
            expect(first.right.duplicate).toBe(false)
            expect(E.isRight(repeat) && repeat.right.duplicate).toBe(true)
            expect(
              E.isRight(repeat) && repeat.right.recorded.map((r) => r.metadata.eventId),
            ).toEqual(first.right.recorded.map((r) => r.metadata.eventId))
          }
        }
        expect(stored).toHaveLength(1 + 8 * perWriter)
        // Each instance's cache, and no cache, say the same of a repeat of every command.
        for (const [w, i] of [
          [0, 0],
          [7, perWriter - 1],
          [3, 2],
        ] as const) {
          const { command, context } = hoursCommand('e1', `w${w}-${i}`)
          const answers = await Promise.all([
            handleCommand(instances[0]!, enrollment, command, context),
            handleCommand(instances[1]!, enrollment, command, context),
            handleCommand(instances[0]!, enrollment, command, context, { cache: false }),
          ])
          expect(answer(answers[0])).toEqual(answer(answers[2]))
          expect(answer(answers[1])).toEqual(answer(answers[2]))
        }
      } finally {
        await cleanup()
      }
    },
    60_000,
  )
})
