/**
 * Programs: the `Program` codec, validation against a policy, and the Los Angeles Unified catalog.
 *
 * @packageDocumentation
 */
export * from './program.js'
export * from './validate.js'
export * from './catalog/index.js'
