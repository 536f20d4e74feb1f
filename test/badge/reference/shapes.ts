/**
 * The shape of a credential as `src/badge/expansion-shapes.ts` computed it before issue 15 (part
 * 4, second pass), kept as the oracle of its replacement: a shaped copy of the credential, then
 * `JSON.stringify`. Only `shapeText` (the text that was hashed) is new here; the rest is as it
 * was. `test/badge/fast-paths.property.test.ts` holds the library's text to this one.
 */
import { bundledContexts, isBundledContext } from '../../../src/badge/document-loader.js'
import { isObject, type JsonObject } from '../../../src/badge/internal.js'

/** How terms are defined in the bundled contexts, wherever they are defined. */
interface Terms {
  /** Terms whose string values are kept as they are: aliases of keywords but `@id`, `@vocab`-typed terms. */
  readonly verbatim: ReadonlySet<string>
  /** Every term defined anywhere (as a value, a string may name a term). */
  readonly defined: ReadonlySet<string>
  /** Terms defined as literals wherever they are defined: their text does not matter. */
  readonly literal: ReadonlySet<string>
}

/** Whether a term definition makes its values literals (whose text expansion never reads). */
const isLiteralDefinition = (definition: unknown): boolean => {
  if (typeof definition === 'string') return !definition.startsWith('@')
  if (!isObject(definition)) return false
  const id = definition['@id']
  const type = definition['@type']
  return (
    (id === undefined || (typeof id === 'string' && !id.startsWith('@'))) &&
    (type === undefined || (typeof type === 'string' && type !== '@id' && type !== '@vocab')) &&
    !('@container' in definition) &&
    !('@reverse' in definition)
  )
}

const termsOf = (contexts: Iterable<unknown>): Terms => {
  const verbatim = new Set<string>(['type'])
  const defined = new Set<string>()
  const literal = new Set<string>()
  const notLiteral = new Set<string>()
  const visitContext = (context: unknown): void => {
    if (Array.isArray(context)) return context.forEach(visitContext)
    if (!isObject(context)) return
    for (const [term, definition] of Object.entries(context)) {
      if (term.startsWith('@')) continue
      defined.add(term)
      ;(isLiteralDefinition(definition) ? literal : notLiteral).add(term)
      const id =
        typeof definition === 'string'
          ? definition
          : isObject(definition)
            ? definition['@id']
            : undefined
      if (typeof id === 'string' && id.startsWith('@') && id !== '@id') verbatim.add(term)
      if (isObject(definition)) {
        if (definition['@type'] === '@vocab') verbatim.add(term)
        visitContext(definition['@context'])
      }
    }
  }
  for (const document of contexts) if (isObject(document)) visitContext(document['@context'])
  for (const term of notLiteral) literal.delete(term)
  return { verbatim, defined, literal }
}

let terms: Terms | undefined
const termsNow = (): Terms => (terms ??= termsOf(bundledContexts()))

/** What may come before the first colon of an absolute IRI: a scheme (or `_`, a blank node). */
const scheme = /^(?:[A-Za-z][A-Za-z0-9+.-]*|_)$/

/** A string as what decides whether it expands to an absolute IRI (see the module's comment). */
const iriShape = (value: string, defined: ReadonlySet<string>): string => {
  const colon = value.indexOf(':')
  if (colon <= 0 || value.startsWith('@') || defined.has(value)) return value
  const prefix = value.slice(0, colon)
  // A relative reference ("a/b:c/../../d") is resolved, dot segments and all: keep it whole.
  if (!scheme.test(prefix)) return value
  const rest = value.slice(colon + 1)
  return `${prefix}:${rest.startsWith('//') ? '//' : ''}${/\s/u.test(rest) ? ' ' : ''}x`
}

/** The shape of a value under `member`, or `undefined` (no shape) when it holds a `@context`. */
const shapeOf = (value: unknown, member: string, t: Terms): unknown => {
  if (typeof value === 'string') {
    const keyword = member.startsWith('@') && member !== '@id'
    if (keyword || t.verbatim.has(member)) return value
    return t.literal.has(member) ? '' : iriShape(value, t.defined)
  }
  if (typeof value === 'number') return Number.isInteger(value) ? 0 : 0.5
  if (Array.isArray(value)) {
    const items: unknown[] = []
    for (const item of value) {
      const shape = shapeOf(item, member, t)
      if (shape === undefined) return undefined
      items.push(shape)
    }
    return items
  }
  if (isObject(value)) {
    if (Object.hasOwn(value, '@context')) return undefined
    const members: Array<readonly [string, unknown]> = []
    for (const [name, item] of Object.entries(value)) {
      const shape = shapeOf(item, name, t)
      if (shape === undefined) return undefined
      members.push([name, shape])
    }
    return Object.fromEntries(members)
  }
  return value
}

/** The text hashed for a credential, or `undefined` when it has no shape. */
export const shapeText = (credential: JsonObject): string | undefined => {
  const contexts = credential['@context']
  if (
    !Array.isArray(contexts) ||
    !contexts.every((c) => typeof c === 'string' && isBundledContext(c))
  )
    return undefined
  const rest = Object.fromEntries(
    Object.entries(credential).filter(([name]) => name !== '@context'),
  )
  const shape = shapeOf(rest, '', termsNow())
  if (shape === undefined) return undefined
  return JSON.stringify([contexts, shape])
}
