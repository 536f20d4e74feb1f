/**
 * Program documents as Markdown (CommonMark with GitHub's tables). Every text is escaped, so no
 * raw HTML, link, emphasis, list or table syntax in a program's data reaches the page a Markdown
 * renderer makes of it: the characters that start syntax anywhere (`\`, backquote, `*`, `_`,
 * brackets, `<`, `>`, `|`, `~`, `#`, `&`, `$`) get a backslash, line breaks become spaces, and a
 * line that would open a list, a quote or a rule has its first character escaped. Links are the
 * model's (only URLs the policy lets render), written as `[text](<url>)` with `<`, `>`, `\` and
 * white space percent-encoded.
 *
 * @packageDocumentation
 */
import { printableText } from './render-blocks.js'
import type { DocumentBlock, DocumentInline, ProgramDocument } from './render-model.js'

/** What starts Markdown syntax wherever it stands. */
const markdownSyntax = /[\\`*_[\]<>|~#&$]/g

/** White space a line may not keep (line breaks, tabs) and runs of spaces. */
const lineBreaks = /[\t\n\v\f\r \u0085\u2028\u2029]+/g

/**
 * A text escaped for Markdown: printable (`printableText`), on one line (line breaks and runs of
 * spaces become one space), and every character that could start syntax behind a backslash. What
 * a CommonMark renderer shows of the result is the text itself: never HTML, a link or emphasis.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { escapeMarkdown } from 'microcred'
 * assert.equal(escapeMarkdown('<script>alert(1)</script>'), '\\<script\\>alert(1)\\</script\\>')
 * assert.equal(escapeMarkdown('[click](javascript:alert(1))'), '\\[click\\](javascript:alert(1))')
 * assert.equal(escapeMarkdown('a | b\n\n# c'), 'a \\| b \\# c')
 * assert.equal(escapeMarkdown('Curriculum, Instruction, and Assessment'), 'Curriculum, Instruction, and Assessment')
 */
export const escapeMarkdown = (text: string): string =>
  printableText(text).replace(lineBreaks, ' ').replace(markdownSyntax, '\\$&')

/** A line's content as a block may start with it: trimmed, never opening a list, quote or rule. */
const lineStart = (line: string): string =>
  line
    .trim()
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')

/** A link destination inside `<...>`: nothing that could end it or the line. */
const destination = (url: string): string => url.replace(/[<>\\\s]/g, (c) => encodeURIComponent(c))

/** Strong text with its surrounding white space kept outside the `**`, where it must be. */
const strong = (text: string): string => {
  const escaped = escapeMarkdown(text)
  const core = escaped.trim()
  if (core === '') return escaped
  return `${escaped.startsWith(' ') ? ' ' : ''}**${core}**${escaped.endsWith(' ') ? ' ' : ''}`
}

const inline = (piece: DocumentInline): string =>
  piece.kind === 'text'
    ? escapeMarkdown(piece.text)
    : piece.kind === 'strong'
      ? strong(piece.text)
      : `[${escapeMarkdown(piece.text).trim()}](<${destination(piece.url)}>)`

const inlines = (pieces: ReadonlyArray<DocumentInline>): string =>
  lineStart(pieces.map(inline).join(''))

const tableRow = (cells: ReadonlyArray<string>): string => `| ${cells.join(' | ')} |`

const block = (b: DocumentBlock): string => {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${lineStart(escapeMarkdown(b.text))}`
    case 'paragraph':
      return inlines(b.content)
    case 'list':
      return b.items
        .map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inlines(item)}`)
        .join('\n')
    case 'table':
      return [
        // A cell holds inline content only: no block syntax to guard against, just trimmed.
        tableRow(b.head.map((text) => escapeMarkdown(text).trim())),
        tableRow(b.head.map((_, i) => (b.numeric[i] === true ? '---:' : '---'))),
        ...[...b.rows, ...b.foot].map((row) =>
          tableRow(row.map((cell) => cell.map(inline).join('').trim())),
        ),
      ].join('\n')
    default: {
      const unknown: never = b
      return String(unknown)
    }
  }
}

/**
 * A document as Markdown: its blocks, escaped, one blank line apart, ending with a line break.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { documentToMarkdown, plainText } from 'microcred'
 * const markdown = documentToMarkdown({
 *   title: 'T',
 *   blocks: [
 *     { kind: 'heading', level: 1, text: 'Title <b>' },
 *     { kind: 'list', ordered: false, items: [[plainText('- not nested')]] },
 *   ],
 * })
 * assert.equal(markdown, '# Title \\<b\\>\n\n- \\- not nested\n')
 */
export const documentToMarkdown = (document: ProgramDocument): string =>
  `${document.blocks.map(block).join('\n\n')}\n`
