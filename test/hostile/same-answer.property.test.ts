/**
 * Issue 12: random junk commands never throw, never write partially, and get the same answer on
 * every store. Each run enrolls an educator, then sends hostile commands (valid commands with one
 * hostile value planted, unknown fields, prototype keys) and hostile contexts through
 * `handleUnknownCommand` on the in-memory store, PGlite and the server (when `DATABASE_URL` is
 * set), and compares the answers and everything each store holds.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { catalog, enrollment, handleUnknownCommand, type RecordedEvent } from 'microcred'
import { hostileCommandArbitrary, hostileValueArbitrary } from 'microcred/testing'
import { storeKinds, type StoreUnderTest } from './stores.js'

const program = catalog.steam
const kinds = storeKinds.filter((kind) => !kind.skip)
let stores: StoreUnderTest[] = []
beforeAll(async () => {
  stores = await Promise.all(kinds.map((kind) => kind.open()))
})
afterAll(async () => Promise.all(stores.map((opened) => opened.cleanup())))

const admin = { id: 'admin-1', roles: ['administrator', 'facilitator', 'assessor'] }

/** What an answer says, without what differs by nature between stores (ids, clocks). */
const answer = (result: Awaited<ReturnType<typeof handleUnknownCommand>>) =>
  E.isLeft(result)
    ? { refused: result.left._tag, message: result.left.message }
    : {
        events: result.right.events,
        version: result.right.version,
        duplicate: result.right.duplicate,
      }

/**
 * What a store holds, without event ids, recording times and positions (a divergence in an
 * earlier run would shift every later position, and each run is compared on its own).
 */
const contents = (events: ReadonlyArray<RecordedEvent>) =>
  events.map(({ streamId, version, type, data, metadata }) => ({
    streamId,
    version,
    type,
    data,
    metadata: { ...metadata, eventId: undefined },
  }))

const contextArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constant<unknown>({ actor: admin, at: '2026-09-02T16:00:00Z' }) },
  {
    weight: 1,
    arbitrary: hostileValueArbitrary().map((value) => ({
      actor: { id: value, roles: ['administrator'] },
      at: '2026-09-02T16:00:00Z',
    })),
  },
  {
    weight: 1,
    arbitrary: hostileValueArbitrary().map((value) => ({
      actor: admin,
      at: '2026-09-02T16:00:00Z',
      commandId: value,
    })),
  },
)

/** An enrollment id of its own for each run, and the hostile sends on it. */
const runArbitrary = fc.nat().chain((n) =>
  fc.tuple(
    fc.constant(`run-${n}`),
    fc.array(fc.tuple(hostileCommandArbitrary(program, `run-${n}`), contextArbitrary), {
      minLength: 1,
      maxLength: 6,
    }),
  ),
)

it(`junk commands never throw, never half write, and get the same answer on ${kinds
  .map((kind) => kind.name)
  .join(', ')}`, async () => {
  expect(kinds.length).toBeGreaterThanOrEqual(2)
  await fc.assert(
    fc.asyncProperty(runArbitrary, async ([enrollmentId, sends]) => {
      const enroll = {
        type: 'Enroll',
        data: {
          enrollmentId,
          educator: { id: 'educator-1', name: 'Ana Ruiz', email: 'ana@example.org' },
          cohortId: 'cohort-1',
          program,
        },
      }
      const heldBefore = await Promise.all(
        stores.map(async (opened) => (await opened.everything()).length),
      )
      const answers: unknown[][] = stores.map(() => [])
      for (const [i, opened] of stores.entries()) {
        const first = {
          actor: admin,
          at: '2026-09-01T16:00:00Z',
          commandId: `${enrollmentId}-enroll`,
        }
        answers[i]?.push(
          answer(await handleUnknownCommand(opened.store, enrollment, enroll, first)),
        )
        for (const [k, [command, context]] of sends.entries()) {
          const withId =
            typeof context === 'object' && context !== null && !('commandId' in context)
              ? { ...context, commandId: `${enrollmentId}-${k}` }
              : context
          answers[i]?.push(
            answer(await handleUnknownCommand(opened.store, enrollment, command, withId)),
          )
        }
      }
      for (const other of answers.slice(1)) expect(other).toEqual(answers[0])
      const held = await Promise.all(
        stores.map(async (opened, i) => contents((await opened.everything()).slice(heldBefore[i]))),
      )
      for (const other of held.slice(1)) expect(other).toEqual(held[0])
    }),
    { numRuns: 100 },
  )
})
