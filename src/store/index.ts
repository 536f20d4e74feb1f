/**
 * The event store port, the in-memory store, event schemas and upcasting, and the command
 * handler.
 *
 * @packageDocumentation
 */
export * from './recorded-event.js'
export * from './event-store.js'
export * from './errors.js'
export * from './encoding.js'
export * from './upcasting.js'
export * from './in-memory.js'
export * from './aggregate.js'
export * from './handler.js'
