/**
 * Issue 12, item 9: links that reports and badges render (evidence, capstone documentation, the
 * badge's image, a standard's target) are `https:` only, `http:` where the district's policy opts
 * in (`allowHttpUrls`, pinned with the requirements). `javascript:`, `data:`, `file:` and the like
 * are `InvalidCommand` naming the field; `http:` without the opt-in is `InsecureUrl` (an
 * `InsecureUrl` program error for program data). On every store, with nothing written.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { enrollmentDecider, lausdPolicy, validateProgram } from 'microcred'
import { admin, enroll, enrollmentId, fixtureOn, program, self, submit } from './enrolled.js'
import { storeKinds } from './stores.js'

const hostileUrls = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  'javascript://example.org/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,iVBORw0KGgo=',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
  'ftp://files.example.org/plan.pdf',
  'https://district.example.org@evil.example.org/plan.pdf',
  'https://user:secret@drive.example.org/plan.pdf',
  'https://drive.example.org/plan.pdf\n',
  `https://drive.example.org/${'a'.repeat(2_100)}`,
  '//drive.example.org/plan.pdf',
  'drive.example.org/plan.pdf',
]

const secondEola = program.eolas[1] ?? (undefined as never)
const evidenceAt = (url: string) =>
  submit({ eolaId: secondEola.id, evidence: [{ kind: 'link', url }] })
const capstoneAt = (url: string) => ({
  type: 'SubmitCapstone',
  data: {
    enrollmentId,
    enactedEolaId: secondEola.id,
    documentationUrl: url,
    reflection: 'How it went.',
    nextSteps: 'Share it.',
  },
})
const withImage = (imageUrl: string) => ({ ...program, badge: { ...program.badge, imageUrl } })
const withStandardAt = (targetUrl: string) => ({
  ...program,
  standards: [{ targetName: 'CSTP 1', targetUrl }],
})

const httpDistrict = enrollmentDecider({ ...lausdPolicy, allowHttpUrls: true })

describe.each(storeKinds)('links on $name', (kind) => {
  const fixture = fixtureOn(kind)

  it.skipIf(kind.skip)('a link that is not https: or http: is InvalidCommand', async () => {
    for (const url of hostileUrls) {
      for (const [command, context, path] of [
        [evidenceAt(url), self(), 'data.evidence.0.url'],
        [capstoneAt(url), self(), 'data.documentationUrl'],
        [
          enroll({ enrollmentId: 'e2', program: withImage(url) }),
          admin(),
          'data.program.badge.imageUrl',
        ],
        [
          enroll({ enrollmentId: 'e2', program: withStandardAt(url) }),
          admin(),
          'data.program.standards.0.targetUrl',
        ],
      ] as const) {
        const error = await fixture.refused('InvalidCommand', command, context)
        expect(error.message, url).toContain(`at ${path}: `)
      }
    }
  })

  it.skipIf(kind.skip)(
    'an http: link is InsecureUrl where the district has not opted in, whatever decider is used',
    async () => {
      for (const aggregate of [undefined, httpDistrict]) {
        const error = await fixture.refused(
          'InsecureUrl',
          evidenceAt('http://drive.example.org/plan.pdf'),
          self(),
          aggregate,
        )
        expect(error.message).toContain('http://drive.example.org/plan.pdf')
        expect(error.message).toContain('https:')
      }
      const image = await fixture.refused(
        'InvalidProgram',
        enroll({ enrollmentId: 'e2', program: withImage('http://badges.example.org/steam.png') }),
        admin(),
      )
      expect(image.message).toContain('at badge.imageUrl: ')
    },
  )

  it.skipIf(kind.skip)(
    'an http: link is taken where the district opted in when the educator enrolled',
    async () => {
      const enrolled = await fixture.send(
        enroll({ enrollmentId: 'e-http', program: withImage('http://badges.example.org/a.png') }),
        admin(),
        httpDistrict,
      )
      expect(E.isRight(enrolled)).toBe(true)
      const evidence = submit({
        enrollmentId: 'e-http',
        evidence: [{ kind: 'link', url: 'http://drive.example.org/plan.pdf' }],
      })
      // The opt-in is pinned with the requirements: the Los Angeles decider takes it too.
      const submitted = await fixture.send(evidence, self())
      expect(E.isRight(submitted) && submitted.right.events.map((e) => e.type)).toEqual([
        'ArtifactSubmitted',
      ])
    },
  )
})

describe('validateProgram', () => {
  it('refuses an http: link unless the policy opts in, with InsecureUrl at its path', () => {
    const http = withStandardAt('http://standards.example.org/cstp')
    const refused = validateProgram(http, lausdPolicy)
    expect(E.isLeft(refused) && refused.left).toEqual([
      {
        _tag: 'InsecureUrl',
        path: 'standards.0.targetUrl',
        message: expect.stringContaining('http://standards.example.org/cstp'),
      },
    ])
    expect(E.isRight(validateProgram(http, { ...lausdPolicy, allowHttpUrls: true }))).toBe(true)
  })

  it('refuses every hostile link as InvalidShape at its path', () => {
    for (const url of hostileUrls) {
      const result = validateProgram(withImage(url))
      expect(E.isLeft(result) && result.left.map((e) => [e._tag, e.path]), url).toEqual([
        ['InvalidShape', 'badge.imageUrl'],
      ])
    }
  })
})
