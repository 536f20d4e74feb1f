/**
 * Programs: the `Program` codec, validation against a policy, and the Los Angeles Unified catalog.
 *
 * @packageDocumentation
 */
export * from './program.js'
export * from './validate.js'
export * from './catalog/index.js'
export * from './render-model.js'
export * from './render-blocks.js'
export * from './render-plan.js'
export * from './render-overview.js'
export * from './render-markdown.js'
export * from './render-html.js'
export * from './render-document.js'
