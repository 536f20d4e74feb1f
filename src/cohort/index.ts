/**
 * (being built)
 *
 * @packageDocumentation
 */
export {}
