/**
 * The context step remembers the shapes of credentials that expanded without error, and does not
 * expand a credential of a known shape again (issue 15, part 4). The property: whatever string
 * is put wherever a badge has a string (a link, an id, a type, a date, a language, ...), or
 * whatever member is added, the context step's answer is the answer of a full JSON-LD expansion in
 * safe mode, with the shape of the original badge known.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import jsonld from 'jsonld'
import { catalog } from 'microcred'
import { describe, expect, it } from 'vitest'
import { checkContexts } from '../../src/badge/checks.js'
import { offlineDocumentLoader } from '../../src/badge/document-loader.js'
import { badgeOf, earnedJourney } from './helpers.js'

const badge = badgeOf(earnedJourney(catalog.steam, 13), { salt: 'a1a1a1a1b2b2b2b2' })

/** Whether a full expansion in safe mode succeeds: the answer without any shortcut. */
const expands = async (credential: object): Promise<boolean> => {
  try {
    await jsonld.expand(credential, { documentLoader: offlineDocumentLoader(), safe: true })
    return true
  } catch {
    return false
  }
}

type Path = ReadonlyArray<string | number>

/** The path of every string in a value, and of every object (where a member may be added). */
const pathsOf = (value: unknown, path: Path = []): { strings: Path[]; objects: Path[] } => {
  if (typeof value === 'string') return { strings: [path], objects: [] }
  if (value === null || typeof value !== 'object') return { strings: [], objects: [] }
  const entries = Array.isArray(value)
    ? value.map((item, i) => [i, item] as const)
    : Object.entries(value)
  const inner = entries.map(([key, item]) => pathsOf(item, [...path, key]))
  return {
    strings: inner.flatMap((p) => p.strings),
    objects: [...(Array.isArray(value) ? [] : [path]), ...inner.flatMap((p) => p.objects)],
  }
}

const setAt = (value: unknown, path: Path, f: (old: unknown) => unknown): unknown => {
  const copy = structuredClone(value) as Record<string | number, unknown>
  if (path.length === 0) return f(copy)
  let at = copy
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  at[last] = f(at[last])
  return copy
}

/** Strings that are or are almost IRIs, keywords, terms, dates, language tags. */
const tricky: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '@id',
    '@type',
    '@foo',
    '@',
    '_:b0',
    '_:b 0',
    ':x',
    'x',
    'Achievement',
    'OpenBadgeCredential',
    'NoSuchType',
    'q/w:e/../../r:t',
    '../a:b',
    'a/b:c',
    'urn:uuid:1 2',
    'urn:uuid:12',
    'http:/x',
    'https://',
    'https://a b.org/x',
    'https://achieve.lausd.net/x',
    'xsd:string',
    'schema:name',
    'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
    '2027-05-01T16:00:00Z',
    'en',
    'en-',
    'not a language',
    'javascript:alert(1)',
    'HTTPS://ACHIEVE.LAUSD.NET',
    '1EdTechRevocationList',
    'ext:LearningOutcome',
  ),
  fc.string({ maxLength: 12 }),
  fc.webUrl(),
  fc
    .tuple(
      fc.stringMatching(/^[A-Za-z_][A-Za-z0-9+./_-]{0,6}$/),
      fc.constantFrom(':', ':/', '://'),
      fc.string({ maxLength: 8 }),
    )
    .map((parts) => parts.join('')),
)

describe('remembered expansion shapes', () => {
  const { strings, objects } = pathsOf(badge)

  it('the badge expands, and its shape is known from then on', async () => {
    expect(await expands(badge)).toBe(true)
    expect(E.isRight(await checkContexts(badge))).toBe(true)
  })

  it('any string anywhere: the context step answers as a full expansion does', async () => {
    await checkContexts(badge) // its shape is known
    await fc.assert(
      fc.asyncProperty(fc.nat(), tricky, async (n, text) => {
        const path = strings[n % strings.length] as Path
        if (path[0] === '@context') return
        const changed = setAt(badge, path, () => text) as Record<string, unknown>
        const answer = await checkContexts(changed)
        expect(E.isRight(answer), `${path.join('.')} = ${JSON.stringify(text)}`).toBe(
          await expands(changed),
        )
      }),
      { numRuns: 200 },
    )
  })

  it('two strings alike but for what decides an IRI, one after the other: each answered as expansion does', async () => {
    const pairs = [
      ['q/w:e/../../r:t', 'q/w:zzz'],
      ['../a:b', '../a:c/../../d'],
      ['urn:uuid:a', 'urn:uuid:a b'],
      ['https://example.org/a', 'https://example.org/a b'],
      ['_:b0', '_:b 0'],
      ['xsd:string', 'xsd:str ing'],
    ] as const
    const ids = strings.filter((path) => path[path.length - 1] === 'id')
    for (const path of ids)
      for (const [first, second] of pairs)
        for (const text of [first, second]) {
          const changed = setAt(badge, path, () => text) as Record<string, unknown>
          const answer = await checkContexts(changed)
          expect(E.isRight(answer), `${path.join('.')} = ${text}`).toBe(await expands(changed))
        }
  })

  it('any member added anywhere, with a string or an object: the same answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.oneof(tricky, fc.constantFrom('name', 'id', 'type', '@context', '@vocab', 'url')),
        fc.oneof(
          tricky,
          tricky.map((text) => ({ id: text })),
          tricky.map((text) => ({ type: text })),
        ),
        async (n, member, value) => {
          const path = objects[n % objects.length] as Path
          if (path[0] === '@context') return
          const changed = setAt(badge, path, (old) => ({
            ...(old as object),
            [member]: value,
          })) as Record<string, unknown>
          await checkContexts(badge)
          const answer = await checkContexts(changed)
          expect(E.isRight(answer), `${path.join('.')}.${member}`).toBe(await expands(changed))
          // asked again (its shape may now be known): the same answer
          expect(E.isRight(await checkContexts(changed))).toBe(E.isRight(answer))
        },
      ),
      { numRuns: 200 },
    )
  })
})
