/**
 * Program documents as one self-contained HTML page: inline CSS, no script, nothing loaded from
 * anywhere (links are links, never images or frames: the badge's image is linked, not shown), and
 * a Content Security Policy that allows only the page's own style, by its hash, so even markup
 * smuggled into the page could neither run nor load anything. Every text and attribute is
 * escaped (`&`, `<`, `>`, `"` and `'`), after `printableText`; links are the model's (only URLs
 * the policy lets render).
 *
 * @packageDocumentation
 */
import { printableText } from './render-blocks.js'
import type {
  DocumentBlock,
  DocumentCell,
  DocumentInline,
  ProgramDocument,
} from './render-model.js'

const htmlEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * A text escaped for HTML, in an element or in a quoted attribute: printable (`printableText`),
 * with `&`, `<`, `>`, `"` and `'` as character references.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { escapeHtml } from 'microcred'
 * assert.equal(escapeHtml('<script>alert("x")</script>'), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
 * assert.equal(escapeHtml(`" onmouseover='alert(1)`), '&quot; onmouseover=&#39;alert(1)')
 */
export const escapeHtml = (text: string): string =>
  printableText(text).replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c)

/**
 * The page's style sheet, inlined in its `<style>` element and allowed by the page's Content
 * Security Policy through its hash (`programPageStyleHash`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { programPageStyle } from 'microcred'
 * assert.match(programPageStyle, /font-family/)
 * assert.doesNotMatch(programPageStyle, /url\(|@import/) // it loads nothing
 */
export const programPageStyle =
  ':root{color-scheme:light dark}' +
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;' +
  'max-width:52rem;margin:2rem auto;padding:0 1rem}' +
  'h1{font-size:1.8rem;line-height:1.2}h2{margin-top:2rem;border-bottom:1px solid #8886}' +
  'table{border-collapse:collapse;margin:1rem 0;width:100%}' +
  'th,td{border:1px solid #8888;padding:.3rem .5rem;text-align:left;vertical-align:top}' +
  'thead th{background:#8882}tfoot td{font-weight:bold}' +
  '.number{text-align:right;font-variant-numeric:tabular-nums}' +
  '@media print{body{margin:0;max-width:none}a{color:inherit}}'

/**
 * The SHA-256 hash of `programPageStyle`, as the page's Content Security Policy names it.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { createHash } from 'node:crypto'
 * import { programPageStyle, programPageStyleHash } from 'microcred'
 * assert.equal(programPageStyleHash, `sha256-${createHash('sha256').update(programPageStyle).digest('base64')}`)
 */
export const programPageStyleHash = 'sha256-xGQleP0DiQ9gIS1JVHgK/s+hiNP/AogaJrGVRwjGcxY='

/**
 * The Content Security Policy of the page: nothing but its own style.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { programPagePolicy } from 'microcred'
 * assert.match(programPagePolicy, /^default-src 'none'; style-src 'sha256-/)
 */
export const programPagePolicy =
  `default-src 'none'; style-src '${programPageStyleHash}'; ` +
  "base-uri 'none'; form-action 'none'"

const inline = (piece: DocumentInline): string =>
  piece.kind === 'text'
    ? escapeHtml(piece.text)
    : piece.kind === 'strong'
      ? `<strong>${escapeHtml(piece.text)}</strong>`
      : `<a href="${escapeHtml(piece.url)}" rel="noopener noreferrer">${escapeHtml(piece.text)}</a>`

const inlines = (pieces: ReadonlyArray<DocumentInline>): string => pieces.map(inline).join('')

const cell = (tag: 'td' | 'th', content: string, numeric: boolean | undefined): string =>
  `<${tag}${tag === 'th' ? ' scope="col"' : ''}${numeric === true ? ' class="number"' : ''}>${content}</${tag}>`

const rows = (
  body: ReadonlyArray<ReadonlyArray<DocumentCell>>,
  numeric: ReadonlyArray<boolean>,
): string =>
  body
    .map((row) => `<tr>${row.map((c, i) => cell('td', inlines(c), numeric[i])).join('')}</tr>`)
    .join('\n')

const block = (b: DocumentBlock): string => {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`
    case 'paragraph':
      return `<p>${inlines(b.content)}</p>`
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul'
      const items = b.items.map((item) => `<li>${inlines(item)}</li>`).join('\n')
      return `<${tag}>\n${items}\n</${tag}>`
    }
    case 'table': {
      const head = b.head.map((text, i) => cell('th', escapeHtml(text), b.numeric[i])).join('')
      const foot = b.foot.length === 0 ? '' : `\n<tfoot>\n${rows(b.foot, b.numeric)}\n</tfoot>`
      return (
        `<table>\n<thead>\n<tr>${head}</tr>\n</thead>\n` +
        `<tbody>\n${rows(b.rows, b.numeric)}\n</tbody>${foot}\n</table>`
      )
    }
    default: {
      const unknown: never = b
      return String(unknown)
    }
  }
}

/**
 * A document as one self-contained HTML page (`<!DOCTYPE html>`, UTF-8, its title, the inline
 * style, its blocks in `<main>`), every text escaped, ending with a line break.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { documentToHtml } from 'microcred'
 * const html = documentToHtml({ title: '<T>', blocks: [{ kind: 'heading', level: 1, text: '"<T>"' }] })
 * assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/)
 * assert.match(html, /<title>&lt;T&gt;<\/title>/)
 * assert.match(html, /<h1>&quot;&lt;T&gt;&quot;<\/h1>/)
 * assert.doesNotMatch(html, /<script|src=/)
 */
export const documentToHtml = (document: ProgramDocument): string =>
  [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(programPagePolicy)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>${programPageStyle}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...document.blocks.map(block),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
