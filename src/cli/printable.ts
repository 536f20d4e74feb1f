/**
 * What the command prints, made safe for a terminal. Text from input (file contents, ids, names,
 * a badge's fields, error messages that quote them) may hold characters a terminal obeys rather
 * than shows: ESC starts a control sequence (`\u001b[2J` clears the screen, others set the title
 * or write to the clipboard), CR and backspace overwrite what was printed, BEL rings, C1 controls
 * act like ESC on some terminals, bidirectional overrides reorder what is read (U+202E), and
 * invisible characters hide text. Each is shown as its escape (`\u001b`) instead.
 *
 * Two layers use this module: every printer and table passes the values it shows through
 * `printable` (which escapes line breaks too, so a value cannot forge a line or a table row), and
 * the command line passes everything written to standard output and standard error through
 * `printableLines` (which keeps the command's own line breaks), so nothing escapes unescaped.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */

/**
 * Controls (C0, DEL, C1), invisible formatting characters (bidirectional marks and overrides,
 * zero-width spaces, the byte order mark, tags), line and paragraph separators, and lone
 * surrogates. Zero-width joiners and non-joiners are kept: scripts and emoji need them, and a
 * terminal only draws them.
 */
const unsafe = /(?!\u200c|\u200d)[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu

/** The same, but a line feed passes. */
const unsafeButNewline = /(?!\u200c|\u200d|\n)[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu

const escape = (c: string): string => {
  const code = c.codePointAt(0) ?? 0
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/**
 * A value from input as it may be printed: every control, invisible formatting character, line
 * break and lone surrogate shown as its escape. Everything else, any script and emoji included,
 * is kept.
 */
export const printable = (text: string): string => text.replace(unsafe, escape)

/**
 * Text the command composed (it may hold its own line breaks) as it may be written: as
 * `printable`, but line feeds are kept.
 */
export const printableLines = (text: string): string => text.replace(unsafeButNewline, escape)
