/**
 * The links of README.md and docs/*.md work where users read them. README.md is shown on
 * npmjs.com, where a relative link leads nowhere (the package has no repository), so it links to
 * the published copy on unpkg (`https://unpkg.com/microcred/<path>`, unversioned: the latest
 * release). docs/ ships in the package, so a relative link between its pages works, but one that
 * leaves docs/ (`../src/...`, `../examples/...`) does not.
 *
 * Fails on: a relative link in README.md; an unpkg link to microcred that pins a version, names a
 * path outside package.json's `files` (and npm's always-shipped files), or names a file the repo
 * does not have; a relative link in docs/ that leaves docs/ or names a file that does not exist;
 * an anchor (`#part`) that names no heading of its page. Code spans and fenced blocks are not
 * read: a path written as code is not a link.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.join(import.meta.dirname, '..', '..')

/** What a page links to, and the line it is on. */
interface Link {
  readonly line: number
  readonly target: string
}

/** Blanks out fenced code blocks, HTML comments and code spans, keeping the line numbers. */
const prose = (markdown: string): string => {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ')
  return markdown
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\2[^\n]*$|(?![\s\S]))/gm, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank)
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length

/** Inline links and images, reference definitions, and `href`/`src` attributes. */
const linksOf = (markdown: string): Link[] => {
  const text = prose(markdown)
  const patterns = [
    /\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^\s)>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
    /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm,
    /\b(?:href|src)\s*=\s*["']([^"']+)["']/g,
  ]
  return patterns
    .flatMap((pattern) =>
      [...text.matchAll(pattern)].map((m) => ({ line: lineOf(text, m.index), target: m[1] ?? '' })),
    )
    .sort((a, b) => a.line - b.line)
}

/** The anchors of a page's headings, as GitHub and npm make them (`## Read all` → `read-all`). */
const anchorsOf = (markdown: string): Set<string> => {
  const anchors = new Set<string>()
  const counts = new Map<string, number>()
  // Code spans keep their text in a heading's anchor: blank only the fences here.
  const text = markdown.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\2[^\n]*$/gm, '')
  for (const [, heading = ''] of text.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm)) {
    const slug = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-')
    const seen = counts.get(slug) ?? 0
    counts.set(slug, seen + 1)
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`)
  }
  return anchors
}

/** The package: its name, and what `npm pack` ships besides `files`. */
const manifest: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const { name, files } = manifest as { name: string; files?: unknown }
const shipped: string[] = Array.isArray(files) ? files.filter((f) => typeof f === 'string') : []
/** npm packs these whatever `files` says. */
const alwaysShipped = /^(package\.json|(readme|license|licence)(\.[^/]*)?)$/i

/** Whether a path of the repo is in the packed tarball by package.json's `files`. */
const ships = (file: string, entries: ReadonlyArray<string> = shipped): boolean =>
  alwaysShipped.test(file) ||
  entries.some((entry) => {
    const clean = entry.replace(/^\.\//, '').replace(/\/+$/, '')
    return file === clean || file.startsWith(`${clean}/`)
  })

const isFile = (file: string) => existsSync(file) && statSync(file).isFile()

/** What is wrong with one link of a page (a path from the root), or undefined. */
const problemOf = (page: string, target: string): string | undefined => {
  const [pathPart = '', fragment] = target.split('#', 2)
  const inDocs = page.startsWith('docs/')
  if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) {
    const absolute = target.startsWith('//') ? `https:${target}` : target
    const url = URL.canParse(absolute) ? new URL(absolute) : undefined
    if (url?.hostname !== 'unpkg.com') return undefined
    const match = /^\/((?:@[^/]+\/)?[^/@]+)(@[^/]*)?(?:\/(.*))?$/.exec(url.pathname)
    if (match?.[1] !== name) return undefined
    if (match[2] !== undefined) {
      return `pins ${name}${match[2]}: link https://unpkg.com/${name}/${match[3] ?? ''} (the latest release)`
    }
    const file = decodeURIComponent(match[3] ?? '')
    if (file === '') return 'names no file of the package'
    if (!ships(file)) return `${file} is not in package.json's "files" (${shipped.join(', ')})`
    if (!isFile(path.join(root, file))) return `${file} does not exist`
    return undefined
  }
  if (pathPart === '') {
    // An anchor of the page itself.
    const own = readFileSync(path.join(root, page), 'utf8')
    return anchorsOf(own).has(decodeURIComponent(fragment ?? ''))
      ? undefined
      : `no heading of ${page} has the anchor #${fragment}`
  }
  if (!inDocs) {
    return `a relative link breaks on npmjs.com: link https://unpkg.com/${name}/${path.posix.join(path.posix.dirname(page), pathPart)} if it ships, or write the path as code`
  }
  const file = path.posix.normalize(
    path.posix.join(path.posix.dirname(page), decodeURIComponent(pathPart.split('?')[0] ?? '')),
  )
  if (!file.startsWith('docs/')) {
    return `${file} is outside docs/, so the link breaks in the package: use an unpkg link if ${file} ships, or write the path as code`
  }
  if (!isFile(path.join(root, file))) return `${file} does not exist`
  if (fragment !== undefined && file.endsWith('.md')) {
    const anchors = anchorsOf(readFileSync(path.join(root, file), 'utf8'))
    if (!anchors.has(decodeURIComponent(fragment))) return `no heading of ${file} has #${fragment}`
  }
  return undefined
}

/** Every problem of a page's links, as `page:line: target: why`. */
const problemsOf = (page: string): string[] =>
  linksOf(readFileSync(path.join(root, page), 'utf8')).flatMap(({ line, target }) => {
    const problem = problemOf(page, target)
    return problem === undefined ? [] : [`${page}:${line}: ${target}: ${problem}`]
  })

const pages = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`),
]

describe('links from the package pages', () => {
  it.each(pages)('%s: every link works on npmjs.com and in the package', (page) => {
    expect(problemsOf(page)).toEqual([])
  })

  it('README.md links to the docs on unpkg', () => {
    const targets = linksOf(readFileSync(path.join(root, 'README.md'), 'utf8')).map((l) => l.target)
    expect(targets).toContain(`https://unpkg.com/${name}/docs/domain.md`)
  })
})

describe('the link check itself', () => {
  it('finds links, images and definitions, and not what is written as code', () => {
    const page = [
      'See [the rules](docs/domain.md) and ![logo](img/logo.png "Logo").',
      '`[not a link](nowhere.md)` and [`code` text](a.md#part)',
      '```md',
      '[in a fence](fenced.md)',
      '```',
      '[ref]: <docs/cli.md>',
      '<a href="b.md">b</a>',
    ].join('\n')
    expect(linksOf(page)).toEqual([
      { line: 1, target: 'docs/domain.md' },
      { line: 1, target: 'img/logo.png' },
      { line: 2, target: 'a.md#part' },
      { line: 6, target: 'docs/cli.md' },
      { line: 7, target: 'b.md' },
    ])
  })

  it('makes anchors as GitHub does', () => {
    const page = '# Stores\n## readAll never skips an event\n## `migrate` and schemas\n## Stores'
    expect([...anchorsOf(page)]).toEqual([
      'stores',
      'readall-never-skips-an-event',
      'migrate-and-schemas',
      'stores-1',
    ])
  })

  it('refuses what breaks on npmjs.com or in the package', () => {
    expect(problemOf('README.md', 'docs/domain.md')).toMatch(/relative link breaks on npmjs\.com/)
    expect(problemOf('README.md', 'https://unpkg.com/microcred@0.1.0/docs/domain.md')).toMatch(
      /^pins microcred@0\.1\.0/,
    )
    expect(problemOf('README.md', 'https://unpkg.com/microcred/docs/nothing.md')).toBe(
      'docs/nothing.md does not exist',
    )
    expect(problemOf('README.md', 'https://unpkg.com/microcred/src/index.ts')).toMatch(
      /^src\/index\.ts is not in package\.json's "files"/,
    )
    expect(problemOf('docs/badges.md', '../examples/issue-badge.ts')).toMatch(/outside docs\//)
    expect(problemOf('docs/badges.md', 'nothing.md')).toBe('docs/nothing.md does not exist')
    expect(problemOf('docs/badges.md', 'benchmarks.md#no-such-part')).toMatch(/no heading/)
  })

  it('accepts what works', () => {
    expect(problemOf('README.md', 'https://unpkg.com/microcred/docs/domain.md')).toBeUndefined()
    expect(problemOf('README.md', 'https://unpkg.com/microcred/LICENSE')).toBeUndefined()
    expect(problemOf('README.md', 'https://unpkg.com/fp-ts/README.md')).toBeUndefined()
    expect(problemOf('docs/badges.md', 'benchmarks.md#badges')).toBeUndefined()
    expect(problemOf('docs/stores.md', '#durability')).toBeUndefined()
  })

  it('reads package.json files as npm does, by folder or file', () => {
    expect(ships('docs/domain.md', ['dist', 'docs'])).toBe(true)
    expect(ships('docsy/x.md', ['dist', 'docs'])).toBe(false)
    expect(ships('README.md', [])).toBe(true)
    expect(ships('LICENSE', [])).toBe(true)
  })
})
