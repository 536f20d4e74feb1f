/**
 * `microcred/testing`: fast-check generators of programs, journeys and commands, and
 * given/when/then helpers, so district apps can property-test their code against the same
 * generators microcred is tested with.
 *
 * @packageDocumentation
 */
export * from './program.js'
export * from './actors.js'
export * from './journey.js'
export * from './noise.js'
export * from './spec.js'
export * from './history.js'
export * from './store.js'
export * from './frozen.js'
export * from './date-time.js'
export * from './hostile.js'
export * from './stack.js'
export * from './feedback.js'
export * from './lifecycle.js'
export * from './cohort.js'
