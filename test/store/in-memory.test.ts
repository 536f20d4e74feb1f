/**
 * The in-memory store passes the store contract, and the handler is reliable on it.
 */
import { createInMemoryEventStore } from 'microcred'
import { eventStoreContract, handlerReliability } from './contract.js'

const setup = async () => ({ store: createInMemoryEventStore(), cleanup: async () => {} })

eventStoreContract('in-memory', setup)
handlerReliability('in-memory', setup)
