/**
 * `taggedUnion`'s `frozen` option: what decodes is deeply frozen, on the guard's quick path and on
 * `validate`'s path alike; what does not decode is left as it was. The input codecs: ids, text
 * and links, bounded and well-formed; exact objects, bounded lists and records; `decodedOnce`
 * refusing what cannot be read safely; issues that never throw and never echo a value whole.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  boundedRecord,
  decodedOnce,
  decodeIssues,
  exact,
  Id,
  idProblem,
  isWebUrl,
  list,
  message,
  NonEmptyText,
  taggedUnion,
  Text,
  textProblem,
  WebUrl,
} from '../src/index.js'
import { isDeeplyFrozen } from '../src/testing/index.js'

/** Decodes a decimal string to a number: `is` and `validate` disagree, so `validate` runs. */
const NumberFromString = new t.Type<number, string, unknown>(
  'NumberFromString',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    const n = typeof u === 'string' ? Number(u) : NaN
    return Number.isNaN(n) ? t.failure(u, c) : t.success(n)
  },
  String,
)

const members = {
  Pinged: message('Pinged', t.type({ ms: t.number, tags: t.array(t.type({ name: t.string })) })),
  Counted: message('Counted', t.type({ count: NumberFromString })),
}
const Facts = taggedUnion('Facts', members, { frozen: true })
const Plain = taggedUnion('Plain', members)

const pinged = () => ({ type: 'Pinged', data: { ms: 3, tags: [{ name: 'a' }] } })

describe('taggedUnion with { frozen: true }', () => {
  it('decodes a valid value to itself, deeply frozen', () => {
    const value = pinged()
    const decoded = Facts.decode(value)
    expect(E.isRight(decoded) && decoded.right === value).toBe(true)
    expect(isDeeplyFrozen(value)).toBe(true)
  })

  it('freezes what validate builds when the guard does not pass', () => {
    const decoded = Facts.decode({ type: 'Counted', data: { count: '42' } })
    expect(decoded).toEqual(E.right({ type: 'Counted', data: { count: 42 } }))
    expect(E.isRight(decoded) && isDeeplyFrozen(decoded.right)).toBe(true)
  })

  it('leaves a value that does not decode as it was, and names where', () => {
    const value = { type: 'Pinged', data: { ms: 'soon', tags: [{ name: 'a' }] } }
    const decoded = Facts.decode(value)
    expect(E.isLeft(decoded) && decodeIssues(decoded.left).map((issue) => issue.path)).toEqual([
      'data.ms',
    ])
    expect(Object.isFrozen(value)).toBe(false)
    expect(Object.isFrozen(value.data.tags[0])).toBe(false)
  })

  it('refuses a type that is only a name inherited by objects, naming `type`', () => {
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const decoded = Facts.decode({ type, data: {} })
      expect(E.isLeft(decoded) && decodeIssues(decoded.left).map((issue) => issue.path)).toEqual([
        'type',
      ])
    }
  })

  it('is off by default: a plain union leaves the value unfrozen', () => {
    const value = pinged()
    expect(E.isRight(Plain.decode(value))).toBe(true)
    expect(Object.isFrozen(value)).toBe(false)
  })
})

// -------------------------------------------------------------------------------------
// bounded, well-formed input
// -------------------------------------------------------------------------------------

const issuesOf = <A>(codec: t.Type<A, unknown, unknown>, value: unknown) => {
  const decoded = codec.decode(value)
  return E.isLeft(decoded) ? decodeIssues(decoded.left) : []
}

describe('Id', () => {
  it.each([
    'enr-1',
    'steam-fa-1',
    'x'.repeat(200),
    'édu-1',
    '教师-1',
    'a b', // a space inside is an id's own business
    'e-1😀',
    'Constructor', // only the exact member names are refused
  ])('accepts %j', (id) => {
    expect(Id.is(id)).toBe(true)
  })

  it.each([
    ['', 'cannot be empty'],
    ['x'.repeat(201), 'at most 200 characters; this one has 201'],
    ['x'.repeat(10_485_760), 'this one has 10,485,760'],
    ['e1\u0000', 'U+0000 (NUL) at character 3'],
    ['\u001b[2Je1', 'U+001B (ESC) at character 1'],
    ['e\n1', 'U+000A'],
    ['e1\u007f', 'U+007F'],
    ['e1\u0085', 'U+0085'],
    ['\u202ee1', 'U+202E'],
    ['e\u200b1', 'U+200B'],
    ['e\u20281', 'U+2028'],
    ['e1\ud800', 'lone surrogate at character 3'],
    ['\udc00e1', 'lone surrogate at character 1'],
    [' e1', 'white space'],
    ['e1\u3000', 'white space'],
    ...[
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__lookupGetter__',
    ].map((name) => [name, 'Object.prototype']),
  ])('refuses %j: %s', (id, reason) => {
    expect(Id.is(id)).toBe(false)
    expect(idProblem(id)).toContain(reason)
    expect(issuesOf(Id, id)).toEqual([{ path: '(root)', message: idProblem(id) }])
  })

  it('refuses what is not a string without looking further', () => {
    expect(issuesOf(Id, 3)).toEqual([{ path: '(root)', message: 'expected an id, got 3' }])
  })
})

describe('Text and NonEmptyText', () => {
  it('take line breaks, tabs, any script and emoji, up to 20,000 characters', () => {
    for (const text of [
      '',
      'Line 1\nLine 2\tend',
      'Écrit à la main: 教师 😀',
      'x'.repeat(20_000),
    ]) {
      expect(Text.is(text)).toBe(true)
    }
    expect(NonEmptyText.is('')).toBe(false)
    expect(issuesOf(NonEmptyText, ' \n ')).toEqual([
      { path: '(root)', message: 'a text cannot be blank' },
    ])
  })

  it.each([
    ['x'.repeat(20_001), 'at most 20,000 characters; this one has 20,001'],
    ['ok\u0000', 'NUL (U+0000); it has one at character 3'],
    ['\ud83d', 'lone surrogate at character 1'],
    ['a\udc00\ud800b', 'lone surrogate at character 2'], // the halves in the wrong order
  ])('refuse %j: %s', (text, reason) => {
    expect(Text.is(text)).toBe(false)
    expect(NonEmptyText.is(text)).toBe(false)
    expect(textProblem(text)).toContain(reason)
  })
})

describe('WebUrl', () => {
  it('takes https: and http: links; isWebUrl takes http: only when allowed', () => {
    for (const url of ['https://drive.lausd.net/a.pdf', 'HTTPS://Drive.LAUSD.net/a?b=c#d']) {
      expect(WebUrl.is(url)).toBe(true)
      expect(isWebUrl(url)).toBe(true)
    }
    expect(WebUrl.is('http://drive.lausd.net/a.pdf')).toBe(true)
    expect(isWebUrl('http://drive.lausd.net/a.pdf')).toBe(false)
    expect(isWebUrl('http://drive.lausd.net/a.pdf', { allowHttp: true })).toBe(true)
  })

  it.each([
    ['javascript:alert(1)', 'this one is javascript:'],
    ['JavaScript:alert(1)', 'this one is javascript:'],
    ['data:image/png;base64,iVBORw0KGgo=', 'this one is data:'],
    ['file:///etc/passwd', 'this one is file:'],
    ['vbscript:msgbox(1)', 'this one is vbscript:'],
    ['blob:https://a.org/x', 'this one is blob:'],
    ['java\tscript:alert(1)', 'white space; it has U+0009'],
    [' https://a.org', 'white space'],
    ['https://a.org/\u0000', 'U+0000 (NUL)'],
    ['https://a.org/\u202e', 'U+202E'],
    ['https:a.org', 'must start with https://'],
    ['https://user:secret@a.org', 'user name or a password'],
    ['//a.org/x', 'an absolute URL'],
    [`https://a.org/${'a'.repeat(2_048)}`, 'at most 2,048 characters'],
  ])('refuses %j: %s', (url, reason) => {
    expect(WebUrl.is(url)).toBe(false)
    expect(isWebUrl(url, { allowHttp: true })).toBe(false)
    expect(issuesOf(WebUrl, url)[0]?.message).toContain(reason)
  })
})

describe('exact', () => {
  const Evidence = exact({ kind: t.string, url: t.string }, { title: t.string }, 'Evidence')

  it('names each unknown field at the object path, a symbol-keyed one too', () => {
    const Outer = t.type({ data: t.type({ evidence: t.array(Evidence) }) })
    const value = {
      data: {
        evidence: [{ kind: 'link', url: 'u', script: 'alert(1)', [Symbol('s')]: 1, 'a\u0000b': 1 }],
      },
    }
    expect(issuesOf(Outer, value)).toEqual([
      { path: 'data.evidence.0', message: "unknown field 'script'" },
      { path: 'data.evidence.0', message: 'unknown field \'"a\\u0000b"\'' },
      { path: 'data.evidence.0', message: 'a field keyed by a symbol' },
    ])
  })

  it('names a failing optional field at its own path, not under an intersection index', () => {
    expect(issuesOf(Evidence, { kind: 'link', url: 'u', title: 3 })).toEqual([
      { path: 'title', message: 'expected string, got 3' },
    ])
  })

  it('refuses an own __proto__ field, as JSON.parse makes one', () => {
    const parsed: unknown = JSON.parse('{"kind":"link","url":"u","__proto__":{"isAdmin":true}}')
    expect(Evidence.is(parsed)).toBe(false)
    expect(issuesOf(Evidence, parsed)).toEqual([
      { path: '(root)', message: "unknown field '__proto__'" },
    ])
  })

  it('decodes a valid value to itself, and encodes with the identity when its fields do', () => {
    const value = { kind: 'link', url: 'u', title: 't' }
    const decoded = Evidence.decode(value)
    expect(E.isRight(decoded) && decoded.right).toBe(value)
    expect(Evidence.encode).toBe(t.identity)
  })
})

describe('list and boundedRecord', () => {
  it('a list is refused past its length before any item is read, or with a named field', () => {
    const Roles = list(t.string, 2)
    expect(issuesOf(Roles, new Array(1_000_000).fill(3))).toEqual([
      { path: '(root)', message: 'a list has at most 2 items; this one has 1,000,000' },
    ])
    expect(issuesOf(Roles, Object.assign(['a'], { isAdmin: true }))[0]?.message).toContain(
      'no named fields',
    )
    expect(Roles.is(new Array<string>(2).fill('a', 1))).toBe(false) // a hole
  })

  it('a record refuses keys its key codec refuses (io-ts records drop them), at their path', () => {
    const Scores = boundedRecord(Id, t.number)
    const parsed: unknown = JSON.parse('{"__proto__": 3, "ok": 1, "a\\u0000": 2}')
    expect(Scores.is(parsed)).toBe(false)
    expect(issuesOf(Scores, parsed).map((issue) => issue.path)).toEqual(['__proto__', '"a\\u0000"'])
    expect(issuesOf(t.record(Id, t.number), parsed)).toEqual([]) // what io-ts alone does
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]))
    expect(issuesOf(Scores, many)[0]?.message).toBe('at most 100 entries; this one has 101')
    expect(Scores.is({ [Symbol('s')]: 1 })).toBe(false)
  })
})

describe('decodedOnce', () => {
  const Withdraw = decodedOnce(exact({ reason: NonEmptyText }))

  it('refuses what throws when read, what cannot be copied, getters and symbol keys', () => {
    const throwing = Object.defineProperty({}, 'reason', {
      enumerable: true,
      get: () => {
        throw new Error('boom')
      },
    })
    let reads = 0
    const shifting = Object.defineProperty({}, 'reason', {
      enumerable: true,
      get: () => (++reads === 1 ? 'Moved' : ''),
    })
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('ownKeys')
        },
      },
    )
    for (const [value, message] of [
      [throwing, 'expected plain data, got a getter or setter at reason'],
      [shifting, 'expected plain data, got a getter or setter at reason'],
      [proxy, 'a value that throws when it is read'],
      [{ reason: () => 'Moved' }, 'expected a non-empty text, got a function'],
      [{ reason: 'Moved', [Symbol('s')]: 1 }, 'a field keyed by a symbol at (root)'],
      [{ reason: 'Moved', nested: { [Symbol('s')]: 1 } }, 'a field keyed by a symbol at nested'],
    ] as const) {
      expect(issuesOf(Withdraw, value)[0]?.message).toContain(message)
      expect(Withdraw.is(value)).toBe(false)
    }
  })
})

describe('decodeIssues', () => {
  it('never throws, shows values escaped and short, and stops at 50 issues', () => {
    const Strict = t.type({ a: t.string, b: t.string, c: t.number, d: t.string })
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    const decoded = Strict.decode({ a: 10n, b: cyclic, c: '\u001b[2J'.repeat(100), d: Symbol('x') })
    const issues = E.isLeft(decoded) ? decodeIssues(decoded.left) : []
    expect(issues.map((issue) => issue.message)).toEqual([
      'expected string, got a BigInt ("10")',
      'expected string, got an object that is not data',
      expect.stringMatching(/^expected number, got "(\\u001b\[2J){14}\\u001b"\.\.\.$/),
      'expected string, got a symbol',
    ])
    const many = decodeIssues(
      (t.array(t.string).decode(Array.from({ length: 500 }, (_, i) => i)) as E.Left<t.Errors>).left,
    )
    expect(many).toHaveLength(50)
  })
})
