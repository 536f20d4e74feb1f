/**
 * The SQL store passes the store contract, and the command handler is reliable on it: on PGlite
 * (in memory, one instance for the file, a schema per suite) and on the PostgreSQL server
 * (`DATABASE_URL`; skipped, saying so, when it is not set).
 */
import { beforeAll, describe } from 'vitest'
import { eventStoreContract, handlerReliability } from '../store/contract.js'
import {
  databaseUrl,
  serverSkipReason,
  sharedPGlite,
  sharedPool,
  storeIn,
  warnIfNoServer,
} from './support.js'

// Starting PGlite takes seconds: once, before the suites, with time to spare.
beforeAll(() => sharedPGlite(), 60_000)

const onPGlite = async () => storeIn(await sharedPGlite(), 'contract')
eventStoreContract('PGlite', onPGlite)
handlerReliability('PGlite', onPGlite)

warnIfNoServer()
describe.skipIf(databaseUrl === undefined)(`PostgreSQL server${serverSkipReason}`, () => {
  const onServer = async () => storeIn(sharedPool(), 'contract')
  eventStoreContract('PostgreSQL server', onServer)
  handlerReliability('PostgreSQL server', onServer)
})
