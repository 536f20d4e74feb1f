/**
 * Shapes of credentials whose JSON-LD expansion (safe mode, bundled contexts) has succeeded, so
 * that a credential of the same shape need not be expanded again to know it would succeed too.
 *
 * A credential's shape is the credential with every value that cannot change the outcome of the
 * expansion replaced by a stand-in, and everything that can kept:
 *
 * - every member name (which terms are defined, which are dropped: safe mode refuses those);
 * - every `type` (and whatever else the contexts alias to `@type`): it picks type-scoped contexts;
 * - the values of keywords other than `@id` (`@language`, `@value`, ...) and of the terms the
 *   contexts alias to such a keyword or type as `@vocab` (their value is looked up as a term);
 * - numbers as an integer or not, booleans and `null` as they are, arrays and objects as they are;
 * - the text of a term defined as a literal wherever it is defined (a date, a name) not at all;
 * - any other string by what decides whether it expands to an absolute IRI (for `@id`, its
 *   aliases and terms typed `@id`; for a literal the text does not matter at all): a keyword-like
 *   or colon-less string, or a defined term, as it is; otherwise the part before the first colon
 *   (a scheme, a prefix the contexts define, `_` for a blank node), whether the rest starts with
 *   `//`, and whether it holds white space (an IRI never does).
 *
 * Only a credential whose `@context` is a list of bundled context URLs, with no `@context`
 * anywhere inside, has a shape: an inline context could define anything. The term definitions
 * read are those of every bundled context, at every depth (a term typed `@vocab` in any scope is
 * kept verbatim in every scope). The newest 1,000 shapes are kept, as SHA-256 digests.
 *
 * @internal
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import { bundledContexts, isBundledContext } from './document-loader.js'
import { isObject, type JsonObject } from './internal.js'

/** How terms are defined in the bundled contexts, wherever they are defined. */
interface Terms {
  /** Terms whose string values are kept as they are: aliases of keywords but `@id`, `@vocab`-typed terms. */
  readonly verbatim: ReadonlySet<string>
  /** Every term defined anywhere (as a value, a string may name a term). */
  readonly defined: ReadonlySet<string>
  /** Terms defined as literals wherever they are defined: their text does not matter. */
  readonly literal: ReadonlySet<string>
  /** How the string values of each defined term and keyword are shaped. */
  readonly kinds: ReadonlyMap<string, MemberKind>
  /** The JSON text of each defined term and keyword, as a member name. */
  readonly quoted: ReadonlyMap<string, string>
}

/** How a member's string values are shaped: kept, dropped (a literal), or as an IRI. */
type MemberKind = 'verbatim' | 'literal' | 'iri'

const kindOfMember = (member: string, t: Pick<Terms, 'verbatim' | 'literal'>): MemberKind =>
  (member.startsWith('@') && member !== '@id') || t.verbatim.has(member)
    ? 'verbatim'
    : t.literal.has(member)
      ? 'literal'
      : 'iri'

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
  const names = [...defined, ...verbatim, '@id', '@type', '@value', '@language', '@context']
  const kinds = new Map(names.map((name) => [name, kindOfMember(name, { verbatim, literal })]))
  const quoted = new Map(names.map((name) => [name, JSON.stringify(name)]))
  return { verbatim, defined, literal, kinds, quoted }
}

let terms: Terms | undefined
const termsNow = (): Terms => (terms ??= termsOf(bundledContexts()))

/** What may come before the first colon of an absolute IRI: a scheme (or `_`, a blank node). */
const scheme = /^(?:[A-Za-z][A-Za-z0-9+.-]*|_)$/

/**
 * A string as what decides whether it expands to an absolute IRI (see the module's comment), as
 * JSON text.
 */
const iriShape = (value: string, t: Terms): string => {
  const colon = value.indexOf(':')
  if (colon <= 0 || value.startsWith('@') || t.defined.has(value)) return quote(value, t)
  const prefix = value.slice(0, colon)
  // A relative reference ("a/b:c/../../d") is resolved, dot segments and all: keep it whole.
  if (!scheme.test(prefix)) return JSON.stringify(value)
  const rest = value.slice(colon + 1)
  // A scheme or `_` needs no escape in JSON.
  return `"${prefix}:${rest.startsWith('//') ? '//' : ''}${/\s/u.test(rest) ? ' ' : ''}x"`
}

/** A string as JSON text (a defined term's or keyword's text is kept, not written again). */
const quote = (value: string, t: Terms): string => t.quoted.get(value) ?? JSON.stringify(value)

/**
 * The shape of a value under `member`, as JSON text, or `undefined` (no shape) when it holds a
 * `@context`. The value is plain JSON (the parse step's copy); the text is written as it is read,
 * with no shaped copy made first.
 */
const shapeOf = (value: unknown, member: string, t: Terms): string | undefined => {
  if (typeof value === 'string') {
    const kind = t.kinds.get(member) ?? kindOfMember(member, t)
    if (kind === 'verbatim') return quote(value, t)
    return kind === 'literal' ? '""' : iriShape(value, t)
  }
  if (typeof value === 'number') return Number.isInteger(value) ? '0' : '0.5'
  if (Array.isArray(value)) {
    let text = '['
    for (let i = 0; i < value.length; i++) {
      const shape = shapeOf(value[i], member, t)
      if (shape === undefined) return undefined
      text += i === 0 ? shape : `,${shape}`
    }
    return `${text}]`
  }
  if (isObject(value)) {
    if (Object.hasOwn(value, '@context')) return undefined
    return membersShape(value, t)
  }
  return JSON.stringify(value)
}

/** The shape of an object's members (but `skip`) as the JSON text of an object. */
const membersShape = (value: JsonObject, t: Terms, skip?: string): string | undefined => {
  let text = '{'
  for (const name of Object.keys(value)) {
    if (name === skip) continue
    const shape = shapeOf(value[name], name, t)
    if (shape === undefined) return undefined
    text += `${text === '{' ? '' : ','}${quote(name, t)}:${shape}`
  }
  return `${text}}`
}

/**
 * The text hashed for a credential: its context list and the shape of its other members, as JSON,
 * or `undefined` when it has no shape.
 *
 * @example
 * import assert from 'node:assert/strict'
 * const contexts = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']
 * const shape = shapeText({ '@context': contexts, id: 'https://a.example/1' })
 * assert.equal(shapeText({ '@context': contexts, id: 'https://b.example/2' }), shape) // the same shape
 * assert.notEqual(shapeText({ '@context': contexts, id: 'urn:uuid:2' }), shape) // another scheme
 * assert.equal(shapeText({ '@context': [contexts[0], { x: 'https://x.example/' }], x: 'y' }), undefined) // an inline context
 */
export const shapeText = (credential: JsonObject): string | undefined => {
  const contexts = credential['@context']
  if (
    !Array.isArray(contexts) ||
    !contexts.every((c) => typeof c === 'string' && isBundledContext(c))
  )
    return undefined
  const shape = membersShape(credential, termsNow(), '@context')
  return shape === undefined ? undefined : `[${JSON.stringify(contexts)},${shape}]`
}

/** The digest of a credential's shape, or `undefined` when it has none. */
const digestOf = (credential: JsonObject): string | undefined => {
  const text = shapeText(credential)
  return text === undefined ? undefined : createHash('sha256').update(text).digest('base64url')
}

const capacity = 1000
const succeeded = new Set<string>()

/** Whether a credential of this one's shape has expanded without error. */
export const expansionSucceededForShape = (credential: JsonObject): boolean => {
  const digest = digestOf(credential)
  return digest !== undefined && succeeded.has(digest)
}

/** Remembers that this credential expanded without error (when it has a shape). */
export const rememberExpansionSucceeded = (credential: JsonObject): void => {
  const digest = digestOf(credential)
  if (digest === undefined) return
  succeeded.delete(digest)
  succeeded.add(digest)
  while (succeeded.size > capacity) {
    const oldest = succeeded.values().next().value
    if (oldest === undefined) break
    succeeded.delete(oldest)
  }
}
