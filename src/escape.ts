/**
 * Showing values from outside in messages: escaped (no NUL, terminal escape, lone surrogate or
 * invisible character reaches a log or a screen as it is) and cut short (no megabyte is echoed).
 *
 * @internal
 * @packageDocumentation
 */

/** Characters a message shows as `\uXXXX`: controls, invisible formatting, line separators. */
const unsafe =
  /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`

/** `s` cut to at most `max` code units, never between the two halves of a surrogate pair. */
const cut = (s: string, max: number): string => {
  if (s.length <= max) return s
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max
  return s.slice(0, end)
}

/** `s` cut to about `max` characters (then `...`), its invisible characters escaped. */
export const shortened = (s: string, max: number): string => {
  const kept = cut(s, max)
  const shown = kept.replace(unsafe, hex)
  return kept.length < s.length ? `${shown}...` : shown
}

/**
 * `s` as a quoted, escaped string literal of at most about `max` characters (then `...`): what a
 * message shows of a value from outside, so a NUL, a terminal escape, a lone surrogate or a
 * megabyte never reaches a log or a screen as it is.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { quoted } from 'microcred'
 * assert.equal(quoted('e1'), '"e1"')
 * assert.equal(quoted('e1\u0000\u001b[2J'), '"e1\\u0000\\u001b[2J"')
 * assert.equal(quoted('\ud800'), '"\\ud800"') // a lone surrogate, escaped
 * assert.equal(quoted('x'.repeat(1_000_000), 10), '"xxxxxxxxxx"...')
 */
export const quoted = (s: string, max = 60): string => {
  const shown = cut(s, max)
  const literal = JSON.stringify(shown).replace(unsafe, hex)
  return shown.length < s.length ? `${literal}...` : literal
}

/** A field name as a message shows it: bare when plain, else quoted and escaped. */
export const fieldName = (key: string): string =>
  /^[A-Za-z0-9_$-]{1,40}$/.test(key) ? key : quoted(key, 40)

/** `n` with a comma every three digits: `10,485,760`. */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** A character as `U+0000 (NUL)`. */
export const codePoint = (c: string): string => {
  const code = c.codePointAt(0) ?? 0
  const name = code === 0 ? ' (NUL)' : code === 0x1b ? ' (ESC)' : ''
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name}`
}
