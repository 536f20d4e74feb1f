/**
 * The cohort report as one self-contained HTML page (`microcred report cohort --html FILE`): for
 * each cohort, a chart of the hours credited against required by mode, a chart of each
 * educator's hours by mode (stacked) and one of each educator's percent complete, drawn by
 * Chart.js, and a table of the same numbers for screen readers, print and a page without
 * scripts. The page loads nothing: Chart.js is inlined, and its Content Security Policy allows
 * no network at all.
 *
 * Every text from the store is made printable (no control or invisible character) and
 * HTML-escaped in the markup; the charts' numbers and labels travel as JSON in a
 * `<script type="application/json">` block in which `<`, `>`, `&`, U+2028 and U+2029 are
 * escaped, so no value can close the block or start markup. The scripts run only by their
 * hashes (the policy lists them), so an inline event handler smuggled into the page would not
 * run either.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import { modeLabel, modes, type Mode } from 'microcred'
import { printable } from './printable.js'
import {
  baseStyle,
  colours,
  drawingScript,
  pageDataId,
  percentColour,
  requiredColour,
} from './report-html-script.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Hours credited against required in one mode. */
export interface ModeHours {
  readonly credited: number
  readonly required: number
}

/** One educator's line of a cohort page; every text is shown as it is (escaped by the page). */
export interface PageEducator {
  readonly enrollmentId: string
  readonly name: string
  readonly hours: Readonly<Record<Mode, ModeHours>>
  /** 0 to 100. */
  readonly percentComplete: number
  readonly modules: string
  readonly eolas: string
  readonly capstone: string
  readonly status: string
  readonly atRisk: string
}

/** One cohort of a page. */
export interface PageCohort {
  readonly cohortId: string
  /** The cohort's hours by mode, all educators together. */
  readonly hours: Readonly<Record<Mode, ModeHours>>
  readonly educators: ReadonlyArray<PageEducator>
  /** Lines under the table (totals). */
  readonly notes: ReadonlyArray<string>
}

/** What the page shows. */
export interface CohortPage {
  readonly title: string
  /** When the numbers were true ("as of 2027-01-31", "now: 2027-07-01T..."). */
  readonly asOf: string
  readonly cohorts: ReadonlyArray<PageCohort>
  /** Chart.js's UMD build, inlined as it is. */
  readonly chartLibrary: string
}

// -------------------------------------------------------------------------------------
// escaping
// -------------------------------------------------------------------------------------

const htmlEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text for HTML content or a quoted attribute: printable, with `& < > " '` escaped. */
export const escapeHtml = (text: string): string =>
  printable(text).replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c)

/**
 * A value as JSON that may sit inside a `<script>` element: `<`, `>` and `&` as `\u003c`,
 * `\u003e`, `\u0026` (so `</script>` and `<!--` cannot appear), and U+2028 and U+2029 as
 * escapes (older parsers end a line at them). `JSON.parse` reads back the same value.
 */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

// -------------------------------------------------------------------------------------
// the page
// -------------------------------------------------------------------------------------

const cell = (text: string, numeric = false) =>
  numeric ? `<td class="n">${escapeHtml(text)}</td>` : `<td>${escapeHtml(text)}</td>`

const hoursText = ({ credited, required }: ModeHours) =>
  `${credited.toLocaleString('en-US')}/${required.toLocaleString('en-US')}`

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const tableOf = (cohort: PageCohort, i: number) => {
  const heads = [
    'Educator',
    'Enrollment',
    ...modes.map((mode) => `${capitalized(modeLabel(mode))} hours`),
    'Percent complete',
    'Modules',
    'EOLAs met',
    'Capstone',
    'Status',
    'At risk',
  ]
  const rows = cohort.educators.map((e) =>
    [
      `<tr><th scope="row">${escapeHtml(e.name)}</th>`,
      cell(e.enrollmentId),
      ...modes.map((mode) => cell(hoursText(e.hours[mode]), true)),
      cell(`${Math.round(e.percentComplete)}%`, true),
      cell(e.modules, true),
      cell(e.eolas, true),
      cell(e.capstone),
      cell(e.status),
      cell(e.atRisk),
      '</tr>',
    ].join(''),
  )
  const total = [
    '<tr><th scope="row">Cohort</th><td></td>',
    ...modes.map((mode) => cell(hoursText(cohort.hours[mode]), true)),
    '<td></td>'.repeat(6),
    '</tr>',
  ].join('')
  return [
    `<table id="cohort-${i}-table">`,
    `<caption>Progress of cohort ${escapeHtml(cohort.cohortId)}, credited/required hours</caption>`,
    `<thead><tr>${heads.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    `<tfoot>${total}</tfoot>`,
    '</table>',
  ].join('\n')
}

/** The heights of a cohort's charts (in the style sheet: the policy allows no style attribute). */
const chartHeights = (cohort: PageCohort, i: number) => {
  const bars = Math.max(160, 60 + 24 * cohort.educators.length)
  return [
    `#cohort-${i}-modes-box { height: 320px; }`,
    `#cohort-${i}-educators-box, #cohort-${i}-percent-box { height: ${bars}px; }`,
  ].join('\n')
}

const figure = (id: string, caption: string, table: string) =>
  [
    `<figure><figcaption id="${id}-caption">${escapeHtml(caption)}</figcaption>`,
    `<div class="chart" id="${id}-box">`,
    `<canvas id="${id}" role="img" aria-labelledby="${id}-caption" aria-describedby="${table}">`,
    `${escapeHtml(caption)}: the table below gives the same numbers.</canvas>`,
    '</div></figure>',
  ].join('')

const sectionOf = (cohort: PageCohort, i: number) => {
  const heading = `Cohort ${cohort.cohortId}`
  const table = `cohort-${i}-table`
  return [
    `<section aria-labelledby="cohort-${i}-heading">`,
    `<h2 id="cohort-${i}-heading">${escapeHtml(heading)}</h2>`,
    '<div class="charts">',
    figure(`cohort-${i}-modes`, 'Hours credited and required, by mode', table),
    figure(`cohort-${i}-educators`, 'Hours credited per educator, by mode', table),
    figure(`cohort-${i}-percent`, 'Percent complete per educator', table),
    '</div>',
    tableOf(cohort, i),
    ...cohort.notes.map((note) => `<p class="notes">${escapeHtml(note)}</p>`),
    '</section>',
  ].join('\n')
}

/** The data the charts draw, as the page's JSON block holds it. */
const chartData = (page: CohortPage) => ({
  modes: modes.map((mode) => ({
    mode,
    label: capitalized(modeLabel(mode)),
    colour: colours[mode],
  })),
  requiredColour,
  percentColour,
  cohorts: page.cohorts.map((cohort) => ({
    cohortId: printable(cohort.cohortId),
    hours: cohort.hours,
    mostRequired: Math.max(
      0,
      ...cohort.educators.map((e) => modes.reduce((sum, mode) => sum + e.hours[mode].required, 0)),
    ),
    educators: cohort.educators.map((e) => ({
      enrollmentId: printable(e.enrollmentId),
      name: printable(e.name),
      hours: e.hours,
      percentComplete: e.percentComplete,
    })),
  })),
})

/** The page, complete: markup, style, data, Chart.js and the script that draws the charts. */
export const cohortPageHtml = (page: CohortPage): string => {
  // Chart.js is inlined as published, less its source map comment (the map is not shipped).
  const library = page.chartLibrary.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n')
  const style = [baseStyle, ...page.cohorts.map(chartHeights)].join('\n')
  const policy = [
    "default-src 'none'",
    `script-src ${sha256(library)} ${sha256(drawingScript)}`,
    `style-src ${sha256(style)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  const sections = page.cohorts.map(sectionOf)
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    `<p>${escapeHtml(page.asOf)}</p>`,
    sections.length === 0 ? '<p>The store holds no cohort.</p>' : sections.join('\n'),
    `<script type="application/json" id="${pageDataId}">${scriptJson(chartData(page))}</script>`,
    `<script>${library}</script>`,
    `<script>${drawingScript}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
