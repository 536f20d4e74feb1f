/**
 * microcred: educator micro-credential programs as event-sourced domain logic.
 *
 * @packageDocumentation
 */
export * from './freeze.js'
export * from './codec.js'
export * from './input.js'
export * from './hours.js'
export * from './policy.js'
export * from './program/index.js'
export * from './context.js'
export * from './errors.js'
export * from './authorization.js'
export * from './decider.js'
export * from './event-schema.js'
export * from './aggregate.js'
export * from './stream-check.js'
export * from './enrollment/index.js'
export * from './lifecycle/index.js'
export * from './cohort/index.js'
export * from './stack/index.js'
export * from './feedback/index.js'
export * from './store/index.js'
export * from './projections/index.js'
export * from './processes/index.js'
