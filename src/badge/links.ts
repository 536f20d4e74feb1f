/**
 * The links in a badge that wallets, reports and verifiers show or follow, checked before a badge
 * is built, signed or accepted. Open Badges 3.0 has two kinds of URI:
 *
 * - **links** a person follows or a page renders: an `image` (of the issuer, the achievement, any
 *   Profile), a Profile's `url`, an achievement's `criteria.id`, an alignment's `targetUrl`, a
 *   piece of `evidence`'s `id`. They are `https:`, or `http:` where the caller opts in. OB 3.0
 *   allows a Data URI for an image ("the URI or Data URI of the image") and for evidence ("the
 *   evidence encoded as a Data URI"): microcred takes a base64 `data:` URI of a raster image
 *   (PNG, JPEG, GIF, WebP) in those two places, and no other `data:` URI (an SVG or HTML one can
 *   run script).
 * - **identifiers** that name things and may not be links (the credential's, issuer's,
 *   achievement's and subject's `id`, key ids): `https:`, `http:`, `urn:` or `did:`. `http:` stays
 *   accepted here: identifiers are not followed by microcred, and 1EdTech's own examples use them.
 *
 * Everything else (`javascript:`, `vbscript:`, `file:`, `data:` elsewhere, `blob:`, `ftp:`, a
 * relative or protocol-relative URI, white space or control characters, a user name or password
 * before the host) is refused, with the path of the member that holds it.
 *
 * @internal
 * @packageDocumentation
 */
import { isObject, pathText, type JsonObject } from './internal.js'

/** What a URI is used for, which decides what it may be. */
export type LinkRole = 'link' | 'image' | 'evidence' | 'identifier'

/** How links are judged. */
export interface LinkOptions {
  /** Whether `http:` links are taken (identifiers may always be `http:`). Default: `false`. */
  readonly allowHttp?: boolean
}

/** A URI refused: where it is, what it is used for, and why. */
export interface UnsafeLink {
  readonly path: string
  readonly role: LinkRole
  readonly message: string
}

/** Characters in a link or an identifier. */
const maxLength = 2_048
/** Characters in a `data:` image: about 750 KB of image. */
const maxDataLength = 1_000_000

const rasterImage =
  /^data:image\/(?:png|jpeg|gif|webp)(?:;[A-Za-z0-9!#$&^_.+-]+=[A-Za-z0-9!#$&^_.+-]+)*;base64,[A-Za-z0-9+/]*={0,2}$/

/** White space, controls and invisible formatting characters, and lone surrogates. */
const unsafeCharacter =
  /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u

const show = (value: string): string => {
  const cut = value.length > 60 ? `${value.slice(0, 60)}...` : value
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

const roleName: Readonly<Record<LinkRole, string>> = {
  link: 'a link',
  image: 'an image link',
  evidence: 'an evidence link',
  identifier: 'an identifier',
}

/** How many URIs found safe each way of judging remembers (it starts over when full). */
const remembered = 1_024
/**
 * The longest URI remembered: badges' links are far shorter, and the eight sets together hold at
 * most about 4 MB however many long URIs a hostile caller sends.
 */
const rememberedLength = 256

/**
 * URIs already found safe, by role and by whether `http:` links are taken: an issuer's badges
 * carry the same issuer, achievement, criteria and image links, so most links of a badge have
 * been judged before. A longer URI (a `data:` image, say) is judged every time.
 */
const foundSafe: Readonly<Record<LinkRole, readonly [Set<string>, Set<string>]>> = {
  link: [new Set(), new Set()],
  image: [new Set(), new Set()],
  evidence: [new Set(), new Set()],
  identifier: [new Set(), new Set()],
}

/** `linkProblem` of a string, judged afresh. */
const judge = (value: string, role: LinkRole, options: LinkOptions): string | undefined => {
  const what = roleName[role]
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase()
  if (scheme === 'data') {
    if (role !== 'image' && role !== 'evidence')
      return `${what} may not be a data: URI (only an image or evidence may be one); got ${show(value)}`
    if (value.length > maxDataLength)
      return `a data: URI has at most ${maxDataLength.toLocaleString('en-US')} characters; this one has ${value.length.toLocaleString('en-US')}`
    return rasterImage.test(value)
      ? undefined
      : `a data: URI must be a base64 PNG, JPEG, GIF or WebP image (an SVG or an HTML page can run script); got ${show(value)}`
  }
  if (value.length > maxLength)
    return `${what} has at most ${maxLength.toLocaleString('en-US')} characters; this one has ${value.length.toLocaleString('en-US')}`
  if (unsafeCharacter.test(value))
    return `${what} may not contain white space, a control or invisible character, or a lone surrogate; got ${show(value)}`
  if (scheme === undefined || !URL.canParse(value))
    return `${what} must be an absolute URI (https://...); got ${show(value)}`
  const allowed =
    role === 'identifier'
      ? ['https', 'http', 'urn', 'did']
      : options.allowHttp === true
        ? ['https', 'http']
        : ['https']
  if (!allowed.includes(scheme)) {
    const orImage =
      role === 'image' || role === 'evidence'
        ? ' (or a base64 data: PNG, JPEG, GIF or WebP image)'
        : ''
    if (scheme === 'http')
      return `${what} must be https:${orImage}, http: only where the caller allows it (allowHttp); got ${show(value)}`
    const schemes = allowed.map((s) => `${s}:`)
    const list =
      schemes.length === 1 ? schemes[0] : `${schemes.slice(0, -1).join(', ')} or ${schemes.at(-1)}`
    return `${what} must be ${list}${orImage}; got ${scheme}: in ${show(value)}`
  }
  if (scheme === 'https' || scheme === 'http') {
    if (!/^https?:\/\/[^/?#]/i.test(value))
      return `${what} must have a host after ${scheme}://; got ${show(value)}`
    // A user name or password comes before an "@": without one, there is none to read.
    const url = value.includes('@') ? new URL(value) : undefined
    if (url !== undefined && (url.username !== '' || url.password !== ''))
      return `${what} may not carry a user name or password before its host (it hides where it leads); got ${show(value)}`
  }
  return undefined
}

/**
 * Why `value` may not be a URI used as `role`, or `undefined` if it may. See the module's
 * comment for the rules.
 */
export const linkProblem = (
  value: unknown,
  role: LinkRole,
  options: LinkOptions = {},
): string | undefined => {
  if (typeof value !== 'string') return `${roleName[role]} must be a string`
  const safe = foundSafe[role][options.allowHttp === true ? 1 : 0]
  if (safe.has(value)) return undefined
  const problem = judge(value, role, options)
  if (problem === undefined && value.length <= rememberedLength) {
    if (safe.size >= remembered) safe.clear()
    safe.add(value)
  }
  return problem
}

/**
 * Every URI in a credential that may not be what it is used for, in document order: links by
 * the member that holds them (`image`, `url`, `targetUrl`, `criteria.id`, `evidence[].id`),
 * every other `id` and `verificationMethod` as an identifier. `@context` (checked by the context
 * step) and `type` are not URIs to follow.
 */
export const unsafeLinks = (
  credential: JsonObject,
  options: LinkOptions = {},
): ReadonlyArray<UnsafeLink> => {
  const found: UnsafeLink[] = []
  /** Where the walk is: the path of the member being read, written out only for a link refused. */
  const path: Array<string | number> = []
  const check = (value: unknown, role: LinkRole) => {
    const message = linkProblem(value, role, options)
    if (message !== undefined) found.push({ path: pathText(path), role, message })
  }
  const member = (key: string | number, value: unknown, read: (value: unknown) => void) => {
    path.push(key)
    read(value)
    path.pop()
  }
  /** An object whose `id` is used as `role`: its other members are walked as usual. */
  const withId = (value: unknown, role: LinkRole) => {
    if (typeof value === 'string') return check(value, role)
    if (!isObject(value)) return walk(value)
    for (const key of Object.keys(value)) {
      path.push(key)
      if (key === 'id') check(value[key], role)
      else visit(key, value[key])
      path.pop()
    }
  }
  const visit = (key: string, value: unknown) => {
    if (key === '@context' || key === 'type') return
    if (key === 'image') return withId(value, 'image')
    if (key === 'criteria') return withId(value, 'link')
    if (key === 'evidence') {
      if (!Array.isArray(value)) return withId(value, 'evidence')
      return value.forEach((item, i) => member(i, item, (it) => withId(it, 'evidence')))
    }
    if (key === 'url' || key === 'targetUrl') return check(value, 'link')
    if (key === 'id' || key === 'verificationMethod') return check(value, 'identifier')
    walk(value)
  }
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach((item, i) => member(i, item, walk))
    else if (isObject(value))
      for (const key of Object.keys(value)) {
        path.push(key)
        visit(key, value[key])
        path.pop()
      }
  }
  walk(credential)
  return found
}

/** Links found unsafe, as one sentence: the first three, and how many more. */
export const describeUnsafeLinks = (links: ReadonlyArray<UnsafeLink>): string => {
  const shown = links
    .slice(0, 3)
    .map((link) => `at ${link.path}: ${link.message}`)
    .join('; ')
  return links.length > 3 ? `${shown} (and ${links.length - 3} more)` : shown
}
