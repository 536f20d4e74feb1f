/**
 * The event store port, the in-memory store, reading stored events back through an event schema,
 * and the command handler.
 *
 * @packageDocumentation
 */
export * from './recorded-event.js'
export * from './expected-version.js'
export * from './event-store.js'
export * from './errors.js'
export * from './encoding.js'
export * from './decode-recorded-event.js'
export * from './in-memory.js'
export * from './handler.js'
export {
  configureStateCache,
  defaultStateCacheOptions,
  type StateCacheOptions,
} from './state-cache.js'
export * from './aggregate-stream.js'
export * from './stream-check.js'
export * from './command-digest.js'
export * from './personal-data-keys.js'
export {
  personalDataFields,
  personalDataPlaceholders,
  redactPersonalData,
  type PersonalEventType,
  type PersonalField,
  type PersonalFieldKind,
} from './personal-data-fields.js'
export {
  PersonalDataCorrupt,
  sealedPersonalDataField,
  sealedPersonalDataOf,
  type SealedPersonalData,
} from './personal-data-seal.js'
export * from './personal-data.js'
