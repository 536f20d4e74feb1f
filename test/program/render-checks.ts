/**
 * Oracles for the program documents, written apart from the renderers: a strict reader of the
 * Markdown they write (every syntax character escaped, except the bold and links they make) that
 * returns what a reader sees and the links; and a checker of the HTML page's well-formedness
 * (known elements and attributes only, balanced, text with no raw markup character).
 */
import { programPageStyle } from 'microcred'

const punctuation = /[!-/:-@[-`{-~]/

/** Specials the renderer escapes: none may appear raw in content. */
const specials = new Set([...'\\`*_[]<>|~#&$'])

export interface MarkdownReading {
  /** Each block's visible text (table cells separated by a tab). */
  readonly texts: string[]
  /** Every link's URL. */
  readonly urls: string[]
  /** What breaks the expected syntax. */
  readonly problems: string[]
}

const readInline = (
  content: string,
  where: string,
  reading: MarkdownReading,
  inLink = false,
): string => {
  let text = ''
  let i = 0
  while (i < content.length) {
    const c = content[i] ?? ''
    if (c === '\\') {
      const next = content[i + 1] ?? ''
      if (!punctuation.test(next)) reading.problems.push(`${where}: a lone backslash`)
      text += next
      i += 2
    } else if (c === '*' && !inLink) {
      if (content[i + 1] !== '*') reading.problems.push(`${where}: a lone *`)
      i += 2
    } else if (c === '[' && !inLink) {
      const link = /^\[((?:\\.|[^\\[\]])*)\]\(<([^<>\s\\]+)>\)/.exec(content.slice(i))
      if (link === null) {
        reading.problems.push(`${where}: a [ that opens no link`)
        i += 1
      } else {
        text += readInline(link[1] ?? '', where, reading, true)
        reading.urls.push(link[2] ?? '')
        i += link[0].length
      }
    } else {
      if (specials.has(c)) reading.problems.push(`${where}: an unescaped ${c}`)
      text += c
      i += 1
    }
  }
  return text
}

const blockStart = (content: string, where: string, reading: MarkdownReading) => {
  if (/^([-+=>]|\d+[.)]|\s)/.test(content)) {
    reading.problems.push(`${where}: content opens a block: ${content.slice(0, 20)}`)
  }
}

/** A row's cells: split at each ` | ` that no backslash escapes. */
const splitCells = (row: string): string[] => {
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < row.length; i += 1) {
    if (row[i] === '\\') {
      cell += row.slice(i, i + 2)
      i += 1
    } else if (row.startsWith(' | ', i)) {
      cells.push(cell)
      cell = ''
      i += 2
    } else cell += row[i]
  }
  return [...cells, cell]
}

/** Reads the Markdown the renderers write, line by line. */
export const readMarkdown = (markdown: string): MarkdownReading => {
  const reading: MarkdownReading = { texts: [], urls: [], problems: [] }
  if (!markdown.endsWith('\n')) reading.problems.push('no final line break')
  markdown.split('\n').forEach((line, n) => {
    const where = `line ${n + 1}`
    if (line === '' || /^\|( ---:? \|)+$/.test(line)) return
    const heading = /^#{1,3} (.*)$/.exec(line)
    const item = /^(?:-|\d+\.) (.*)$/.exec(line)
    const row = /^\| (.*) \|$/.exec(line)
    const content = heading?.[1] ?? item?.[1] ?? line
    if (row !== null && heading === null && item === null) {
      const cells = splitCells(row[1] ?? '')
      reading.texts.push(cells.map((cell) => readInline(cell, where, reading)).join('\t'))
      return
    }
    blockStart(content, where, reading)
    reading.texts.push(readInline(content, where, reading))
  })
  return reading
}

const allowed: Readonly<Record<string, ReadonlyArray<string>>> = {
  html: ['lang'],
  head: [],
  meta: ['charset', 'http-equiv', 'content', 'name'],
  title: [],
  style: [],
  body: [],
  main: [],
  h1: [],
  h2: [],
  h3: [],
  p: [],
  ul: [],
  ol: [],
  li: [],
  table: [],
  thead: [],
  tbody: [],
  tfoot: [],
  tr: [],
  th: ['scope', 'class'],
  td: ['class'],
  strong: [],
  a: ['href', 'rel'],
}

const entity = /&(?:amp|lt|gt|quot|#39);/g

const entities: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

/** Text between tags as a browser reads it (the five references the renderer writes). */
export const decodeHtml = (text: string): string => text.replace(entity, (e) => entities[e] ?? e)

export interface HtmlReading {
  /** Every `href`, decoded. */
  readonly hrefs: string[]
  /** The text between tags, decoded, one piece per text node. */
  readonly texts: string[]
  readonly problems: string[]
}

/** Checks the page: doctype, known elements and attributes, balance, escaped text. */
export const readHtml = (html: string): HtmlReading => {
  const reading: HtmlReading = { hrefs: [], texts: [], problems: [] }
  if (!html.startsWith('<!DOCTYPE html>\n')) reading.problems.push('no doctype')
  const body = html.slice('<!DOCTYPE html>\n'.length)
  const open: string[] = []
  let at = 0
  const text = (piece: string) => {
    if (open.at(-1) === 'style') {
      if (piece !== programPageStyle) reading.problems.push('the style is not the page style')
      return
    }
    if (/[<>"']/.test(piece)) reading.problems.push(`raw markup in text: ${piece.slice(0, 40)}`)
    if (/&/.test(piece.replace(entity, '')))
      reading.problems.push(`a raw & in: ${piece.slice(0, 40)}`)
    reading.texts.push(decodeHtml(piece))
  }
  for (const match of body.matchAll(/<[^<>]*>/g)) {
    text(body.slice(at, match.index))
    at = match.index + match[0].length
    const tag = /^<(\/?)([a-z][a-z0-9]*)((?: [a-z-]+="[^"<>]*")*)>$/.exec(match[0])
    if (tag === null) {
      reading.problems.push(`a malformed tag: ${match[0].slice(0, 60)}`)
      continue
    }
    const [, closing = '', name = '', attributes = ''] = tag
    const permitted = allowed[name]
    if (permitted === undefined) {
      reading.problems.push(`an unexpected element: ${name}`)
      continue
    }
    for (const [, key = '', value = ''] of attributes.matchAll(/ ([a-z-]+)="([^"]*)"/g)) {
      if (!permitted.includes(key))
        reading.problems.push(`an unexpected attribute ${key} on ${name}`)
      if (/&/.test(value.replace(entity, ''))) reading.problems.push(`a raw & in ${key}`)
      if (key === 'href') reading.hrefs.push(decodeHtml(value))
    }
    if (name === 'meta') continue
    if (closing === '') open.push(name)
    else if (open.pop() !== name) reading.problems.push(`</${name}> closes nothing open`)
  }
  if (body.slice(at) !== '\n') reading.problems.push('text after </html>')
  if (open.length > 0) reading.problems.push(`left open: ${open.join(', ')}`)
  return reading
}
