/**
 * (being built)
 *
 * @packageDocumentation
 */
export {}
export * from './stack-awards.js'
export * from './attendance-hours.js'
export * from './cohort-closing.js'
export * from './assigned-grading.js'
export * from './published-enrollment.js'
