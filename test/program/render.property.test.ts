/**
 * Properties of the program documents over generated programs: every module title, EOLA title,
 * rubric criterion and hour total is shown in both formats; hostile texts (markup, Markdown
 * syntax, quotes that would end an attribute, controls, lone surrogates) never come out as
 * markup, and only links the policy allows are rendered; the pages stay well formed. A planted
 * fault (an escape that forgets `<`, a link check that forgets the scheme) makes them fail.
 */
import fc from 'fast-check'
import {
  escapeMarkdown,
  lausdPolicy,
  printableText,
  programHours,
  renderProgramDocument,
  totalHours,
  type Program,
} from 'microcred'
import { policyArbitrary, programArbitrary } from 'microcred/testing'
import { describe, expect, it } from 'vitest'
import { readHtml, readMarkdown } from './render-checks.js'

/** What a reader sees of a text: printable, on one line, trimmed. */
const seen = (text: string) =>
  printableText(text)
    .replace(/[\t\n\v\f\r \u0085\u2028\u2029]+/g, ' ')
    .trim()

/** The text of a page as a browser shows it: white space collapsed. */
const pageText = (texts: ReadonlyArray<string>) => texts.join('').replace(/[\t\n\f\r ]+/g, ' ')

const hostileTexts = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '[click](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '**bold** _em_ `code` ~~gone~~',
  '# heading\n- item\n> quote\n\n1. one',
  '| a | b |\n| --- | --- |',
  '&lt;script&gt; &amp; &#60;',
  '</style></title><!-- ]]>',
  'nul \u0000 esc \u001b[2J del \u007f',
  'lone \ud800 surrogate',
  '<https://evil.example.org>',
  '![x](https://evil.example.org/x.png)',
  '\\<b\\>',
  '- 2) =',
]

const hostileText = fc.oneof(
  fc.constantFrom(...hostileTexts),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom(...'<>&"\'`*_[]()#|\\!-+=.1 \n'),
    minLength: 1,
    maxLength: 20,
  }),
)

const hostileUrl = fc.constantFrom(
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://plain.example.org/a',
  'https://ok.example.org/a"onmouseover="x',
  'https://ok.example.org/<b>)(',
  'vbscript:msgbox(1)',
  ' javascript:alert(1)',
)

/** A generated program whose every text is hostile, and some URLs too. */
const hostileProgram = fc
  .tuple(programArbitrary(), fc.infiniteStream(hostileText), fc.infiniteStream(hostileUrl))
  .map(([program, texts, urls]): Program => {
    const text = () => texts.next().value as string
    const url = () => urls.next().value as string
    return {
      ...program,
      title: text(),
      description: text(),
      standards: [{ targetName: text(), targetUrl: url(), targetCode: text() }],
      knowledge: [text()],
      skills: [text()],
      dispositions: [text()],
      courses: program.courses.map((course) => ({
        ...course,
        title: text(),
        modules: course.modules.map((module) => ({ ...module, title: text() })),
      })),
      eolas: program.eolas.map((eola) => ({
        ...eola,
        title: text(),
        guide: text(),
        rubric: eola.rubric.map((criterion) => ({
          ...criterion,
          id: text(),
          description: text(),
        })),
      })),
      capstone: { description: text() },
      badge: { name: text(), description: text(), criteria: text(), imageUrl: url() },
    }
  })

/** The texts every plan must show. */
const required = (program: Program): string[] => {
  const hours = programHours(program)
  return [
    ...program.courses.flatMap((course) => course.modules.map((module) => module.title)),
    ...program.eolas.map((eola) => eola.title),
    ...program.eolas.flatMap((eola) => eola.rubric.flatMap((c) => [c.id, c.description])),
  ].concat(
    [hours.faceToFace, hours.online, hours.homework, totalHours(hours)].map(
      (n) => `\u0000${n}`, // a figure, checked as a table cell below
    ),
  )
}

const shows = (program: Program, texts: ReadonlyArray<string>) => {
  const all = pageText(texts)
  for (const wanted of required(program)) {
    if (wanted.startsWith('\u0000')) continue
    expect(all).toContain(seen(wanted))
  }
}

describe('program documents over generated programs', () => {
  it('show every module title, EOLA title, rubric criterion and hour total, in both formats', () => {
    fc.assert(
      fc.property(
        policyArbitrary().chain((policy) =>
          fc.tuple(fc.constant(policy), programArbitrary(policy)),
        ),
        ([policy, program]) => {
          const markdown = readMarkdown(
            renderProgramDocument(program, { document: 'plan', format: 'markdown', policy }),
          )
          const html = readHtml(
            renderProgramDocument(program, { document: 'plan', format: 'html', policy }),
          )
          expect(markdown.problems).toEqual([])
          expect(html.problems).toEqual([])
          const modules = program.courses.reduce((n, c) => n + c.modules.length, 0)
          const hours = programHours(program)
          const totalRow = [
            'Total',
            String(modules),
            ...[hours.faceToFace, hours.online, hours.homework, totalHours(hours)].map(String),
          ]
          expect(markdown.texts).toContain(totalRow.join('\t'))
          expect(pageText(html.texts)).toContain(totalRow.join(''))
          for (const texts of [markdown.texts.join('\n'), pageText(html.texts)]) {
            for (const wanted of required(program).filter((t) => !t.startsWith('\u0000'))) {
              expect(texts).toContain(seen(wanted))
            }
          }
        },
      ),
      { numRuns: 40 },
    )
  })

  it('never let a hostile text out as markup, and render only the links the policy allows', () => {
    fc.assert(
      fc.property(hostileProgram, fc.boolean(), (program, allowHttpUrls) => {
        const policy = { ...lausdPolicy, allowHttpUrls }
        for (const document of ['plan', 'overview'] as const) {
          const html = readHtml(
            renderProgramDocument(program, { document, format: 'html', policy }),
          )
          expect(html.problems).toEqual([])
          const markdown = readMarkdown(
            renderProgramDocument(program, { document, format: 'markdown', policy }),
          )
          expect(markdown.problems).toEqual([])
          for (const url of [...html.hrefs, ...markdown.urls]) {
            expect(url).toMatch(allowHttpUrls ? /^https?:\/\/[^\s"<>]+$/ : /^https:\/\/[^\s"<>]+$/)
          }
          // The texts are there, as text.
          expect(pageText(html.texts)).toContain(seen(program.title))
          expect(markdown.texts.join('\n')).toContain(seen(program.title))
        }
        const plan = renderProgramDocument(program, { document: 'plan', format: 'html', policy })
        shows(program, readHtml(plan).texts)
      }),
      { numRuns: 60 },
    )
  })

  it('escapeMarkdown keeps the text a reader sees, and leaves no syntax character bare', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const reading = readMarkdown(`x${escapeMarkdown(text)}\n`)
        expect(reading.problems).toEqual([])
        expect(reading.texts.join('\n').slice(1).trim()).toBe(seen(text))
      }),
      { numRuns: 300 },
    )
  })
})
