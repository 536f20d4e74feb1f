/**
 * The published documents of the catalog: STEAM's key figures read back from both formats (a
 * golden check without a snapshot), every catalog program rendered and well formed, the
 * publication's optional sections, and links only where the policy lets them render.
 */
import {
  catalog,
  catalogPrograms,
  lausdPolicy,
  programPageStyle,
  programPageStyleHash,
  renderProgramDocument,
  type Program,
} from 'microcred'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readHtml, readMarkdown } from './render-checks.js'

const documents = ['plan', 'overview'] as const
const formats = ['markdown', 'html'] as const

/** The rows of the table whose header row starts with `first`, as cells. */
const markdownTable = (markdown: string, first: string): string[][] => {
  const lines = markdown.split('\n')
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`))
  const rows: string[][] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    rows.push(line.slice(2, -2).split(' | '))
  }
  return rows
}

describe('the STEAM plan, read back', () => {
  const markdown = renderProgramDocument(catalog.steam, { document: 'plan', format: 'markdown' })
  const html = renderProgramDocument(catalog.steam, { document: 'plan', format: 'html' })

  it('shows 105 hours, 30/45/30 by mode and 40/40/25 by course (Markdown)', () => {
    expect(markdownTable(markdown, 'Course | Modules')).toEqual([
      ['Foundations and Access', '2', '12', '18', '10', '40'],
      ['Curriculum, Instruction, and Assessment', '2', '12', '18', '10', '40'],
      ['Leadership and Capstone', '2', '6', '9', '10', '25'],
      ['**Total**', '6', '30', '45', '30', '105'],
    ])
    expect(markdownTable(markdown, 'Course | Module').map((row) => row.at(-1))).toEqual([
      '20',
      '20',
      '20',
      '20',
      '12.5',
      '12.5',
    ])
  })

  it('shows the same figures in HTML: the total row, 5 EOLAs with their rubrics, 3 salary points', () => {
    expect(html).toContain(
      '<tfoot>\n<tr><td><strong>Total</strong></td><td class="number">6</td><td class="number">30</td>' +
        '<td class="number">45</td><td class="number">30</td><td class="number">105</td></tr>\n</tfoot>',
    )
    for (const page of [markdown, html]) {
      expect(page.match(/EOLA \d: /g)).toHaveLength(5)
      expect(page).toMatch(/Salary points:(\*\* | <\/strong>)3\b/)
    }
    expect(html.match(/<h3>EOLA \d: [^<]+<\/h3>/g)).toEqual(
      catalog.steam.eolas.map((eola, i) => `<h3>EOLA ${i + 1}: ${eola.title}</h3>`),
    )
    const criteria = catalog.steam.eolas.flatMap((eola) => eola.rubric)
    expect(criteria).toHaveLength(18)
    for (const criterion of criteria) {
      expect(html).toContain(
        `<tr><td>${criterion.id}</td><td>${criterion.description.replace("'", '&#39;')}</td>` +
          `<td class="number">3</td><td class="number">4</td></tr>`,
      )
    }
  })

  it('links each standard, and the badge image as a link, not an image', () => {
    expect(readHtml(html).hrefs).toEqual([
      ...catalog.steam.standards.map((standard) => standard.targetUrl),
      catalog.steam.badge.imageUrl,
    ])
    expect(html).not.toMatch(/<img|src=/)
  })
})

describe('the STEAM overview', () => {
  it('says 105 = 30 + 45 + 30, the courses, what is submitted and earned, and that it is free', () => {
    for (const format of formats) {
      const page = renderProgramDocument(catalog.steam, { document: 'overview', format })
      const text =
        format === 'html' ? readHtml(page).texts.join('') : readMarkdown(page).texts.join('\n')
      expect(text).toContain(
        'The program is 105 hours of blended professional learning, in 3 courses',
      )
      expect(text).toMatch(/Face-to-face\t?30/)
      expect(text).toMatch(/Online \(self-paced\)\t?45/)
      expect(text).toMatch(/Homework and fieldwork\t?30/)
      expect(text).toContain(
        'Foundations and Access (40 hours: 12 face-to-face, 18 online, 10 homework)',
      )
      expect(text).toContain(
        'Leadership and Capstone (25 hours: 6 face-to-face, 9 online, 10 homework)',
      )
      expect(text).toContain('A digital portfolio of 5 Evidence of Learning Artifacts')
      expect(text).toContain('Salary points: 3')
      expect(text).toContain('Free. There is no cost to educators')
    }
  })

  it('leaves out what the publication does not give', () => {
    const page = renderProgramDocument(catalog.steam, {
      document: 'overview',
      format: 'markdown',
      publication: { duration: 'two semesters' },
    })
    expect(page).not.toMatch(/## (Cost|Who it is for)/)
    expect(page).toContain('Over two semesters, educators learn')
  })
})

describe('every catalog program', () => {
  it.each(catalogPrograms.map((program) => [program.id, program] as const))(
    '%s renders both documents in both formats, well formed',
    (_, program) => {
      for (const document of documents) {
        const markdown = readMarkdown(
          renderProgramDocument(program, { document, format: 'markdown' }),
        )
        const html = readHtml(renderProgramDocument(program, { document, format: 'html' }))
        expect(markdown.problems).toEqual([])
        expect(html.problems).toEqual([])
        expect(markdown.texts[0]).toBe(html.texts.find((t) => t.includes(program.title)))
      }
    },
  )
})

describe('links', () => {
  const withUrls = (targetUrl: string, imageUrl: string): Program => ({
    ...catalog.steam,
    standards: [{ targetName: 'A standard', targetUrl }],
    badge: { ...catalog.steam.badge, imageUrl },
  })

  it('render http: only where the policy allows it, and never javascript: or data:', () => {
    const http = withUrls('http://standards.example.org/a', 'http://badges.example.org/b.png')
    const lax = { ...lausdPolicy, allowHttpUrls: true }
    for (const document of documents) {
      const strict = renderProgramDocument(http, { document, format: 'html' })
      expect(readHtml(strict).hrefs.filter((href) => href.startsWith('http:'))).toEqual([])
      const allowed = renderProgramDocument(http, { document, format: 'html', policy: lax })
      expect(readHtml(allowed).hrefs).toContain('http://badges.example.org/b.png')
    }
    const hostile = withUrls('javascript:alert(1)', 'data:text/html,<script>alert(1)</script>')
    for (const document of documents) {
      for (const format of formats) {
        const page = renderProgramDocument(hostile, { document, format, policy: lax })
        expect(page).not.toMatch(/javascript:|data:/)
      }
    }
  })
})

it('the page style is allowed by its hash', () => {
  const hash = createHash('sha256').update(programPageStyle).digest('base64')
  expect(programPageStyleHash).toBe(`sha256-${hash}`)
})
