/**
 * `microcred report cohort --html FILE` rendered in headless Chromium (Debian's package, driven by
 * playwright-core): the numbers the charts draw (read back from the Chart.js instances) and the
 * table shows equal the library's cohort progress as of the date; hostile names render as text
 * and run nothing; the page asks the network for nothing.
 *
 * Skipped, with the reason in its name, only when /usr/bin/chromium is missing and CI is not set;
 * CI installs Chromium (.ci/run), so there it always runs.
 */
import fs from 'node:fs'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import {
  cohortProgress,
  cohortTotals,
  enrollmentsReadModel,
  foldProjection,
  modes,
  type CohortProgressRow,
  type Mode,
} from 'microcred'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printable } from '../../src/cli/printable.js'
import { pageDataId } from '../../src/cli/report-html-script.js'
import {
  allEvents,
  demoCohort,
  hostileCohort,
  hostileNames,
  reportStore,
  truncatedCopy,
} from './report-fixture.js'
import { scratchDirectory } from './store-cli.js'

// The few browser globals the functions run in the page use (the project compiles without the
// DOM library: these functions run in Chromium, not in Node).
interface PageElement {
  readonly textContent: string | null
  readonly children: ArrayLike<PageElement>
  src: string
  innerHTML: string
}
declare const document: {
  readonly body: { readonly append: (node: PageElement) => void }
  readonly getElementById: (id: string) => PageElement | null
  readonly querySelectorAll: (selectors: string) => ArrayLike<PageElement>
  readonly createElement: (tag: string) => PageElement
  readonly addEventListener: (
    type: 'securitypolicyviolation',
    listener: (event: { readonly violatedDirective: string; readonly blockedURI: string }) => void,
  ) => void
}
type ChartData = { labels: string[]; datasets: { data: number[] }[] }
declare const window: {
  readonly Chart: {
    readonly getChart: (canvas: PageElement | null) => { data: ChartData } | undefined
  }
  readonly __pwned?: number
}

const chromiumPath = '/usr/bin/chromium'
const hasChromium = fs.existsSync(chromiumPath)
const inCi = (process.env.CI ?? '') !== ''
const skipped = !hasChromium && !inCi
const why = skipped
  ? ` (SKIPPED: ${chromiumPath} is missing and CI is not set; install it with apt-get install -y chromium)`
  : ''

const asOf = '2027-01-31'
const moment = '2027-01-31T23:59:59.999Z'
const file = scratchDirectory('microcred-report-html-')

/** What one cohort's section shows, read from the page. */
interface Shown {
  readonly heading: string
  readonly modes: { labels: string[]; credited: number[]; required: number[] }
  readonly educators: { labels: string[]; byMode: number[][] }
  readonly percent: { labels: string[]; data: number[] }
  readonly table: string[][]
}

/** Reads every cohort section: its charts' data from Chart.js, and its table's cells. */
const readPage = (page: Page): Promise<Shown[]> =>
  page.evaluate(() => {
    const chart = (id: string): ChartData => {
      const found = window.Chart.getChart(document.getElementById(id))
      if (found === undefined) throw new Error(`no chart on #${id}`)
      return found.data
    }
    return Array.from(document.querySelectorAll('section'), (_, i) => {
      const modes = chart(`cohort-${i}-modes`)
      const educators = chart(`cohort-${i}-educators`)
      const percent = chart(`cohort-${i}-percent`)
      const rows = document.querySelectorAll(`#cohort-${i}-table tbody tr`)
      return {
        heading: document.getElementById(`cohort-${i}-heading`)?.textContent ?? '',
        modes: {
          labels: modes.labels,
          credited: modes.datasets[0]?.data ?? [],
          required: modes.datasets[1]?.data ?? [],
        },
        educators: { labels: educators.labels, byMode: educators.datasets.map((d) => d.data) },
        percent: { labels: percent.labels, data: percent.datasets[0]?.data ?? [] },
        table: Array.from(rows, (row) => Array.from(row.children, (c) => c.textContent ?? '')),
      }
    })
  })

const hoursCell = (row: CohortProgressRow, mode: Mode) =>
  `${row.hours.credited[mode].toLocaleString('en-US')}/${row.hours.required[mode].toLocaleString('en-US')}`

describe.skipIf(skipped)(`microcred report cohort --html, in headless Chromium${why}`, () => {
  let browser: Browser
  let page: Page
  let html: string
  const requests: string[] = []
  const failed: string[] = []
  const problems: string[] = []
  const expected = new Map<string, ReadonlyArray<CohortProgressRow>>()

  beforeAll(async () => {
    const cli = await reportStore()
    const ran = await cli.run(
      'report',
      'cohort',
      '--store',
      'reports',
      '--as-of',
      asOf,
      '--html',
      file('cohort.html'),
    )
    expect({ code: ran.code, err: ran.err }).toEqual({ code: 0, err: '' })
    expect(ran.out).toContain(`Wrote the cohort report (2 cohorts) to ${file('cohort.html')}.`)
    html = fs.readFileSync(file('cohort.html'), 'utf8')

    // The oracle: the read model folded here from the log truncated at the date.
    const store = cli.stores.get('reports')
    if (store === undefined) throw new Error('no store')
    const model = foldProjection(
      enrollmentsReadModel,
      await allEvents(await truncatedCopy(store, asOf)),
    )
    if (E.isLeft(model)) throw new Error(model.left.message)
    for (const cohortId of [hostileCohort, demoCohort.id]) {
      expected.set(cohortId, cohortProgress(model.right, { cohortId, asOf: moment }))
    }

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    page = await browser.newPage()
    page.on('request', (request) => requests.push(request.url()))
    page.on('requestfailed', (request) =>
      failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`),
    )
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
    await page.goto(pathToFileURL(file('cohort.html')).href)
    await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('draws, for each cohort, the hours by mode the read model credits and requires', async () => {
    const shown = await readPage(page)
    expect(shown.map((s) => s.heading)).toEqual([
      `Cohort ${hostileCohort}`,
      `Cohort ${demoCohort.id}`,
    ])
    for (const [i, cohortId] of [hostileCohort, demoCohort.id].entries()) {
      const totals = cohortTotals(expected.get(cohortId) ?? [])
      expect(shown[i]?.modes).toEqual({
        labels: ['Face-to-face', 'Online', 'Homework'],
        credited: modes.map((mode) => totals.hours.credited[mode]),
        required: modes.map((mode) => totals.hours.required[mode]),
      })
    }
    // Not a vacuous comparison: the demo cohort is partway through its year on that date.
    expect(
      shown[1]?.modes.credited.every((h, m) => h > 0 && h < (shown[1]?.modes.required[m] ?? 0)),
    ).toBe(true)
  })

  it("draws each educator's hours by mode and percent complete, in the table's order", async () => {
    const shown = await readPage(page)
    for (const [i, cohortId] of [hostileCohort, demoCohort.id].entries()) {
      const rows = expected.get(cohortId) ?? []
      expect(rows.length).toBeGreaterThan(0)
      const names = rows.map((row) => printable(row.educatorName))
      expect(shown[i]?.educators).toEqual({
        labels: names,
        byMode: modes.map((mode) => rows.map((row) => row.hours.credited[mode])),
      })
      expect(shown[i]?.percent).toEqual({
        labels: names,
        data: rows.map((row) => row.percentComplete),
      })
    }
  })

  it('shows the same numbers in an accessible table', async () => {
    const shown = await readPage(page)
    for (const [i, cohortId] of [hostileCohort, demoCohort.id].entries()) {
      const rows = expected.get(cohortId) ?? []
      expect(shown[i]?.table.map((cells) => cells.slice(0, 6))).toEqual(
        rows.map((row) => [
          printable(row.educatorName),
          row.enrollmentId,
          ...modes.map((mode) => hoursCell(row, mode)),
          `${row.percentComplete}%`,
        ]),
      )
    }
    const withdrawn = (await readPage(page))[1]?.table.find(
      (cells) => cells[1] === 'steam-2026-27-07',
    )
    expect(withdrawn?.slice(8)).toEqual(['Not submitted', 'Withdrawn', 'No'])
    const described = await page.$$eval('canvas', (canvases) =>
      canvases.map((c) => [c.getAttribute('role'), c.getAttribute('aria-describedby')]),
    )
    expect(described).toHaveLength(6)
    for (const [role, table] of described) {
      expect(role).toBe('img')
      expect(await page.locator(`#${table} caption`).textContent()).toMatch(/^Progress of cohort /)
    }
    expect(await page.locator('th[scope="row"]').count()).toBe(13 + 2) // educators, and the totals
  })

  it('shows hostile names as text: no element, script or handler comes from them', async () => {
    const table = (await readPage(page))[0]?.table.map((cells) => cells[0]) ?? []
    expect([...table].sort()).toEqual(hostileNames.map(printable).sort())
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.locator('script').count()).toBe(3) // the data, Chart.js, the drawing script
    expect(html.match(/<\/script/gi)).toHaveLength(3)
    expect(html.match(/<!--/g)).toBeNull()
    expect(html).not.toContain('\u2028')
    const data = JSON.parse((await page.locator(`#${pageDataId}`).textContent()) ?? '') as {
      cohorts: { educators: { name: string }[] }[]
    }
    expect(data.cohorts[0]?.educators.map((e) => e.name).sort()).toEqual(
      hostileNames.map(printable).sort(),
    )
  })

  it('loads nothing from the network, breaks no rule of its policy, and logs no error', () => {
    expect(requests).toEqual([pathToFileURL(file('cohort.html')).href])
    expect(failed).toEqual([])
    expect(problems).toEqual([])
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/,
    )
  })

  it('would refuse, and report, an image or inline handler that got into the page', async () => {
    // The checks above can fail: markup added now is blocked by the policy, and reported.
    await page.evaluate(() => {
      const img = document.createElement('img')
      img.src = 'https://example.invalid/x.png'
      document.body.append(img)
      const div = document.createElement('div')
      div.innerHTML = '<img src=x onerror="window.__pwned=3">'
      document.body.append(div)
    })
    await expect
      .poll(() => problems.filter((p) => p.includes('CSP violation')).length)
      .toBeGreaterThanOrEqual(2)
    expect(problems.some((p) => p.includes('img-src'))).toBe(true)
    // Chromium reports the requests, and fails each before the network: blocked by the policy.
    expect(failed).toEqual([
      'https://example.invalid/x.png csp',
      `${pathToFileURL(file('x')).href} csp`,
    ])
    expect(problems.some((p) => p.includes('CSP violation: script-src-attr'))).toBe(true)
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
  })
})
