/**
 * `microcred program render`: a catalog program or a program file, the plan or the overview, as
 * Markdown or HTML, to standard output or a file; clear refusals (exit 1 for data, 2 for usage)
 * that write nothing; and a hostile program file's page opened in headless Chromium (Debian's
 * package, driven by playwright-core), where its texts are text, nothing runs and nothing is
 * fetched. The browser part is skipped, with the reason in its name, only when /usr/bin/chromium
 * is missing and CI is not set.
 */
import fs from 'node:fs'
import { pathToFileURL } from 'node:url'
import { catalog, lausdPolicy, renderProgramDocument, type Program } from 'microcred'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeCli } from './fake-environment.js'
import { scratchDirectory } from './store-cli.js'

// The few browser globals the function run in the page uses (no DOM library in this project).
interface PageElement {
  readonly textContent: string | null
  readonly attributes: ArrayLike<{ readonly name: string }>
}
declare const document: {
  readonly title: string
  readonly querySelectorAll: (selectors: string) => ArrayLike<PageElement>
  readonly addEventListener: (
    type: 'securitypolicyviolation',
    listener: (event: { readonly violatedDirective: string; readonly blockedURI: string }) => void,
  ) => void
}
declare const window: { readonly __pwned?: number }

const file = scratchDirectory('microcred-program-render-')
const { run } = fakeCli()

const hostileTitle = `<script>window.__pwned=1</script>" onmouseover='window.__pwned=2`
const hostile: Program = {
  ...catalog.steam,
  id: 'steam-hostile',
  version: 2,
  title: hostileTitle,
  courses: catalog.steam.courses.map((course, i) =>
    i === 0
      ? {
          ...course,
          modules: course.modules.map((module, j) =>
            j === 0 ? { ...module, title: '<img src="https://evil.example.org/x.png">' } : module,
          ),
        }
      : course,
  ),
  eolas: catalog.steam.eolas.map((eola, i) =>
    i === 0 ? { ...eola, title: '<iframe src="https://evil.example.org/"></iframe>' } : eola,
  ),
}

describe('microcred program render', () => {
  it('prints the plan of a catalog program as Markdown, as renderProgramDocument does', async () => {
    const ran = await run('program', 'render', 'steam')
    expect({ code: ran.code, err: ran.err }).toEqual({ code: 0, err: '' })
    expect(ran.out).toBe(
      renderProgramDocument(catalog.steam, { document: 'plan', format: 'markdown' }),
    )
  })

  it('writes the overview as HTML to --out, and says so on standard error', async () => {
    const out = file('overview.html')
    const ran = await run(
      'program',
      'render',
      'tk12-english-learner',
      '--program-version',
      '1',
      '--document',
      'overview',
      '--format',
      'html',
      '--out',
      out,
    )
    expect(ran).toEqual({
      code: 0,
      out: '',
      err: `microcred: wrote the Overview of "tk12-english-learner" version 1 to ${out}\n`,
    })
    expect(fs.readFileSync(out, 'utf8')).toBe(
      renderProgramDocument(catalog.englishLearner, { document: 'overview', format: 'html' }),
    )
  })

  it('renders a program file, decoded and validated', async () => {
    fs.writeFileSync(file('hostile.json'), JSON.stringify(hostile))
    const ran = await run('program', 'render', '--file', file('hostile.json'), '--format', 'html')
    expect(ran.code).toBe(0)
    expect(ran.out).toBe(renderProgramDocument(hostile, { document: 'plan', format: 'html' }))
    expect(ran.out).not.toContain('<script')
  })

  it.each([
    [
      ['program', 'render', 'nope'],
      1,
      /there is no program "nope" in the catalog: name one of steam, /,
    ],
    [
      ['program', 'render'],
      2,
      /name a catalog program \(such as steam\) or a program file with --file/,
    ],
    [['program', 'render', 'steam', '--file', 'x.json'], 2, /not both/],
    [
      ['program', 'render', 'steam', '--program-version', '2'],
      1,
      /the catalog holds version 1 of program "steam", not version 2/,
    ],
    [['program', 'render', 'steam', '--program-version', '0'], 2, /expected a whole number from 1/],
    [['program', 'render', 'steam', '--format', 'pdf'], 2, /Allowed choices are markdown, html/],
    [
      ['program', 'render', '--file', '/nonexistent/p.json'],
      1,
      /cannot read \/nonexistent\/p.json: there is no such file/,
    ],
  ])('refuses %j with exit code %i', async (args, code, message) => {
    const ran = await run(...args)
    expect(ran.code).toBe(code)
    expect(ran.out).toBe('')
    expect(ran.err).toMatch(message)
  })

  it('refuses a file that is not JSON, or not a valid program, naming each problem and its path', async () => {
    fs.writeFileSync(file('broken.json'), '{"id":')
    const broken = await run('program', 'render', '--file', file('broken.json'))
    expect(broken.code).toBe(1)
    expect(broken.err).toMatch(/broken\.json is not JSON \(a program file is\)/)

    const invalid = {
      ...catalog.steam,
      eolas: catalog.steam.eolas.slice(1),
      badge: { ...catalog.steam.badge, imageUrl: 'javascript:alert(1)' },
      extra: true,
    }
    fs.writeFileSync(file('invalid.json'), JSON.stringify(invalid))
    const out = file('invalid.md')
    const refused = await run('program', 'render', '--file', file('invalid.json'), '--out', out)
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`is not a valid program under the ${lausdPolicy.name} policy`)
    expect(refused.err).toMatch(/\n {2}\(root\): unknown field 'extra'/)
    expect(refused.err).toMatch(/\n {2}badge\.imageUrl: /)
    expect(fs.existsSync(out)).toBe(false)

    fs.writeFileSync(
      file('short.json'),
      JSON.stringify({ ...catalog.steam, eolas: catalog.steam.eolas.slice(1) }),
    )
    const short = await run('program', 'render', '--file', file('short.json'))
    expect(short.err).toContain('  eolas: the program has 4 EOLAs; the policy requires 5')
  })
})

const chromiumPath = '/usr/bin/chromium'
const skipped = !fs.existsSync(chromiumPath) && (process.env.CI ?? '') === ''
const why = skipped
  ? ` (SKIPPED: ${chromiumPath} is missing and CI is not set; install it with apt-get install -y chromium)`
  : ''

describe.skipIf(skipped)(`a hostile program's page, in headless Chromium${why}`, () => {
  let browser: Browser
  const requests: string[] = []
  const problems: string[] = []
  let shown: {
    title: string
    h1: string
    h3: string[]
    cells: string[]
    scripts: number
    images: number
    frames: number
    handlers: string[]
    pwned: number | undefined
  }

  beforeAll(async () => {
    fs.writeFileSync(file('page.json'), JSON.stringify(hostile))
    const ran = await run(
      'program',
      'render',
      '--file',
      file('page.json'),
      '--format',
      'html',
      '--out',
      file('page.html'),
    )
    expect(ran.code).toBe(0)
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    })
    const page = await browser.newPage()
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => problems.push(`console ${message.type()}: ${message.text()}`))
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
      ),
    )
    await page.goto(pathToFileURL(file('page.html')).href)
    await page.hover('h1')
    shown = await page.evaluate(() => ({
      title: document.title,
      h1: document.querySelectorAll('h1')[0]?.textContent ?? '',
      h3: Array.from(document.querySelectorAll('h3'), (e) => e.textContent ?? ''),
      cells: Array.from(document.querySelectorAll('td'), (e) => e.textContent ?? ''),
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
      frames: document.querySelectorAll('iframe').length,
      handlers: Array.from(document.querySelectorAll('*')).flatMap((e) =>
        Array.from(e.attributes, (a) => a.name).filter((name) => name.startsWith('on')),
      ),
      pwned: window.__pwned,
    }))
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('shows the hostile texts as text: no script, image, frame or handler, nothing run', () => {
    expect(shown.title).toBe(`${hostileTitle}: Professional Learning Plan`)
    expect(shown.h1).toBe(`${hostileTitle}: Professional Learning Plan`)
    expect(shown.h3).toContain('EOLA 1: <iframe src="https://evil.example.org/"></iframe>')
    expect(shown.cells).toContain('<img src="https://evil.example.org/x.png">')
    expect({
      scripts: shown.scripts,
      images: shown.images,
      frames: shown.frames,
      handlers: shown.handlers,
      pwned: shown.pwned,
    }).toEqual({ scripts: 0, images: 0, frames: 0, handlers: [], pwned: undefined })
  })

  it('asks the network for nothing and breaks no rule of its Content Security Policy', () => {
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([])
    expect(problems).toEqual([])
  })
})
