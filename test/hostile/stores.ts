/**
 * The stores every hostile case runs on: in memory, PGlite, and the PostgreSQL server when
 * `DATABASE_URL` is set (otherwise its cases are skipped, and the title says why). Each case gets
 * an empty store and a way to read back everything it holds, to check that nothing was written.
 */
import { createInMemoryEventStore, type EventStore, type RecordedEvent } from 'microcred'
import {
  clientOf,
  databaseUrl,
  serverSkipReason,
  storeIn,
  warnIfNoServer,
  type ClientKind,
} from '../postgres/support.js'

warnIfNoServer()

/** An empty store for one case, and how to read all it holds and to drop it. */
export interface StoreUnderTest {
  readonly store: EventStore
  readonly everything: () => Promise<ReadonlyArray<RecordedEvent>>
  readonly cleanup: () => Promise<void>
}

/** A kind of store: its name for test titles, whether it runs here, and how to open one. */
export interface StoreKind {
  readonly name: string
  readonly skip: boolean
  readonly open: () => Promise<StoreUnderTest>
}

const everythingIn = (store: EventStore) => async () => {
  const all: RecordedEvent[] = []
  for await (const event of store.readAll()) all.push(event)
  return all
}

const sql =
  (kind: ClientKind): (() => Promise<StoreUnderTest>) =>
  async () => {
    const { store, cleanup } = await storeIn(await clientOf(kind), 'hostile')
    return { store, everything: everythingIn(store), cleanup }
  }

/** In memory, PGlite, and the server. */
export const storeKinds: ReadonlyArray<StoreKind> = [
  {
    name: 'in memory',
    skip: false,
    open: async () => {
      const store = createInMemoryEventStore()
      return { store, everything: everythingIn(store), cleanup: async () => undefined }
    },
  },
  { name: 'PGlite', skip: false, open: sql('pglite') },
  { name: `the server${serverSkipReason}`, skip: databaseUrl === undefined, open: sql('server') },
]
