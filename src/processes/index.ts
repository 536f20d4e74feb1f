/**
 * (being built)
 *
 * @packageDocumentation
 */
export {}
export * from './stack-awards.js'
