/**
 * Small helpers the badge modules share: reading unknown JSON and records by own key only,
 * describing exceptions, and naming paths in messages.
 *
 * @internal
 * @packageDocumentation
 */

/** A JSON object (or any non-array object), readable by key. */
export type JsonObject = Readonly<Record<string, unknown>>

/** Whether `u` is a non-array object. */
export const isObject = (u: unknown): u is JsonObject =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * The value `record` holds under its own `key`, or `undefined`: never what every object inherits
 * (`record['constructor']` is not the `Object` function, `record['__proto__']` not its prototype).
 */
export const own = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/** The string at `key` (an own member), if it is one. */
export const stringAt = (o: JsonObject, key: string): string | undefined => {
  const value = own(o, key)
  return typeof value === 'string' ? value : undefined
}

/** A value that may be one item or an array of them, as an array. */
export const asArray = (u: unknown): ReadonlyArray<unknown> =>
  u === undefined ? [] : Array.isArray(u) ? u : [u]

/** The `id` of a ProfileRef: the string itself, or the object's `id`. */
export const idOf = (u: unknown): string | undefined =>
  typeof u === 'string' ? u : isObject(u) ? stringAt(u, 'id') : undefined

/** An exception's message. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/** An ISO-8601 time as UTC to the second: `2026-09-14T16:00:00Z` (what `date-time` requires). */
export const toUtcSeconds = (iso: string): string =>
  new Date(Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The NumericDate (whole seconds since the epoch) of an ISO-8601 time. */
export const numericDate = (iso: string): number => Math.floor(Date.parse(iso) / 1000)

/** A member name as a path shows it: bare when plain, else quoted (escaped, cut short). */
const segmentOf = (key: string | number): string => {
  if (typeof key === 'number' || /^[A-Za-z0-9_$@-]{1,60}$/.test(key)) return String(key)
  const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}...` : key)
  return shown.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
}

/** A path as messages show it. */
export const pathText = (path: ReadonlyArray<string | number>): string =>
  path.length === 0 ? '(root)' : path.map(segmentOf).join('.')
