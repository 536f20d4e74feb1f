/**
 * The read models as a district runs them: random district logs written to a store (in memory,
 * and the PostgreSQL server with its checkpoints table), the enrollments read model kept by a
 * runner that is stopped without warning after a random number of batches and started again from
 * its checkpoint; the model it ends with gives the oracle's every lookup and report.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  createInMemoryCheckpoints,
  createInMemoryEventStore,
  createProjectionRunner,
  enrollmentsReadModel,
  type CheckpointStore,
  type EventStore,
} from '../../../src/index.js'
import { createPostgresCheckpoints } from '../../../src/postgres/index.js'
import { clientOf, databaseUrl, serverSkipReason, storeIn } from '../../postgres/support.js'
import { crashingReads } from '../runner-support.js'
import { expectOracleReports } from './expect-oracle.js'
import { districtLogArbitrary, writeDistrictLog } from './histories.js'
import { oracleFold } from './oracle.js'

interface Opened {
  readonly store: EventStore
  readonly checkpoints: CheckpointStore
  readonly cleanup: () => Promise<void>
}

const kinds: ReadonlyArray<{
  name: string
  skip: boolean
  numRuns: number
  open: () => Promise<Opened>
}> = [
  {
    name: 'in memory',
    skip: false,
    numRuns: 20,
    open: async () => ({
      store: createInMemoryEventStore(),
      checkpoints: createInMemoryCheckpoints(),
      cleanup: async () => undefined,
    }),
  },
  {
    name: `the PostgreSQL server, checkpoints in its table${serverSkipReason}`,
    skip: databaseUrl === undefined,
    numRuns: 4,
    open: async () => {
      const client = await clientOf('server')
      const { store, schema, cleanup } = await storeIn(client, 'readmodels')
      return { store, checkpoints: createPostgresCheckpoints(client, { schema }), cleanup }
    },
  },
]

describe.each(kinds)('the read models on $name', ({ skip, numRuns, open }) => {
  it.skipIf(skip)(
    'a runner stopped without warning and started again from its checkpoint ends with the oracle’s reports',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          districtLogArbitrary(3),
          fc.integer({ min: 1, max: 7 }),
          fc.integer({ min: 0, max: 8 }),
          async (events, batchSize, batchesBeforeCrash) => {
            const { store, checkpoints, cleanup } = await open()
            try {
              await writeDistrictLog(store, events)
              const options = { checkpoints, batchSize, snapshotEvery: 2 }
              // The first runner dies while reading: its last save is what the next one finds.
              const dying = crashingReads(store, batchesBeforeCrash * batchSize)
              await createProjectionRunner(dying, enrollmentsReadModel, options).catchUp()
              const second = createProjectionRunner(store, enrollmentsReadModel, options)
              const caughtUp = await second.catchUp()
              expect(caughtUp).toEqual(E.right(events.length))
              const seen = oracleFold(events)
              expectOracleReports(second.state(), seen)
            } finally {
              await cleanup()
            }
          },
        ),
        { numRuns },
      )
    },
  )
})
