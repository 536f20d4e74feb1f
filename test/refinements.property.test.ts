/**
 * The refined strings that every event carries, checked against plain oracles.
 *
 * `Id`, `Text` and `WebUrl` accept exactly what their rules say (an id is safe as a record key;
 * a text survives JSON), and `quoted` never lets a control character through.
 *
 * `IsoDateTime` accepts exactly the date-times that name a real moment: every form it documents,
 * no day a month lacks, no hour 24, no leap second, no offset beyond ±23:59. Checked against an
 * oracle built on a regular expression and the calendar of `Date`.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Id, IsoDateTime, NonEmptyString, quoted, Text, WebUrl } from '../src/index.js'
import { dateTimeShapedArbitrary, isoDateTimeArbitrary } from '../src/testing/index.js'

const shape =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/

/** The oracle: the documented shape, fields in range, and a day the calendar has. */
const namesAMoment = (s: string): boolean => {
  const match = shape.exec(s)
  if (match === null) return false
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = match
    .slice(1)
    .map((field) => (field === undefined ? undefined : Number(field)))
  const calendar = new Date(0)
  calendar.setUTCFullYear(year ?? NaN, (month ?? NaN) - 1, day)
  return (
    month !== undefined &&
    month >= 1 &&
    month <= 12 &&
    calendar.getUTCDate() === day &&
    (hour ?? 99) <= 23 &&
    (minute ?? 99) <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59
  )
}

describe('IsoDateTime', () => {
  it('accepts every real moment in every documented form, and Date.parse reads each', () => {
    fc.assert(
      fc.property(isoDateTimeArbitrary(), (s) => {
        expect(IsoDateTime.is(s)).toBe(true)
        expect(Number.isNaN(Date.parse(s))).toBe(false)
      }),
      { numRuns: 2000 },
    )
  })

  it('accepts a date-time-shaped string exactly when it names a real moment', () => {
    fc.assert(
      fc.property(dateTimeShapedArbitrary(), (s) => {
        expect(IsoDateTime.is(s)).toBe(namesAMoment(s))
      }),
      { numRuns: 5000 },
    )
  })

  it('never accepts what Date.parse cannot read, whatever the string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), dateTimeShapedArbitrary()), (s) => {
        if (IsoDateTime.is(s)) expect(Number.isNaN(Date.parse(s))).toBe(false)
      }),
      { numRuns: 5000 },
    )
  })

  it.each([
    ['2026-09-14T16:00:00Z', true],
    ['2026-09-14T16:00Z', true],
    ['2026-09-14T16:00:00.123456789-07:00', true],
    ['2024-02-29T12:00:00Z', true],
    ['2000-02-29T12:00:00Z', true],
    ['2026-12-31T23:59:59+23:59', true],
    ['2026-02-29T12:00:00Z', false],
    ['1900-02-29T12:00:00Z', false],
    ['2026-02-30T12:00:00Z', false],
    ['2026-04-31T12:00:00Z', false],
    ['2026-13-01T12:00:00Z', false],
    ['2026-00-10T12:00:00Z', false],
    ['2026-01-00T12:00:00Z', false],
    ['2026-01-01T24:00:00Z', false],
    ['2026-01-01T23:60:00Z', false],
    ['2026-01-01T23:59:60Z', false],
    ['2026-01-01T23:59:59.Z', false],
    ['2026-01-01T23:59:59.1234567890Z', false],
    ['2026-01-01T23:59:59+24:00', false],
    ['2026-01-01T23:59:59+0100', false],
    ['2026-01-01T23:59:59z', false],
    ['2026-01-01 23:59:59Z', false],
    ['2026-01-01T23:59:59', false],
    ['2026-01-01', false],
    ['', false],
  ])('%s: %s', (s, accepted) => {
    expect(IsoDateTime.is(s)).toBe(accepted)
  })
})

describe('NonEmptyString', () => {
  it('accepts a string exactly when it has a character that is not white space', () => {
    const blank = fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff')
    const strings = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.array(blank).map((chars) => chars.join('')),
      fc
        .tuple(fc.array(blank), fc.string(), fc.array(blank))
        .map(([before, middle, after]) => before.join('') + middle + after.join('')),
    )
    fc.assert(
      fc.property(strings, (s) => {
        expect(NonEmptyString.is(s)).toBe(s.trim().length > 0)
      }),
      { numRuns: 3000 },
    )
  })
})

/** Strings of any UTF-16 code units: NUL, controls, lone surrogates, invisible characters. */
const codeUnits = (maxLength: number) =>
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
    maxLength,
  })

/** Every name an object inherits from Object.prototype. */
const inherited = new Set(Object.getOwnPropertyNames(Object.prototype))

describe('Id', () => {
  const candidates = fc.oneof(
    codeUnits(12),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(...inherited),
    fc.nat({ max: 400 }).map((n) => 'e'.repeat(n)),
  )

  it('accepts a string exactly when it is 1-200 well-formed characters, none invisible, none at either end blank, and no inherited name', () => {
    fc.assert(
      fc.property(candidates, (s) => {
        const oracle =
          s.length >= 1 &&
          s.length <= 200 &&
          s.isWellFormed() &&
          !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(s) &&
          s.trim() === s &&
          !inherited.has(s)
        expect(Id.is(s)).toBe(oracle)
      }),
      { numRuns: 5000 },
    )
  })

  it('every id is safe as a record key: a plain object inherits nothing under it', () => {
    fc.assert(
      fc.property(candidates, (s) => {
        if (!Id.is(s)) return
        expect(({} as Record<string, unknown>)[s]).toBeUndefined()
        const record: Record<string, number> = {}
        record[s] = 1
        expect(Object.hasOwn(record, s) && Object.getPrototypeOf(record)).toBe(Object.prototype)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('Text', () => {
  it('accepts a string exactly when it has at most 20,000 characters, no NUL and no lone surrogate', () => {
    const texts = fc.oneof(
      codeUnits(30),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('x'.repeat(20_000), 'x'.repeat(20_001)),
    )
    fc.assert(
      fc.property(texts, (s) => {
        const oracle = s.length <= 20_000 && !s.includes('\u0000') && s.isWellFormed()
        expect(Text.is(s)).toBe(oracle)
        // What a text holds survives JSON (and so PostgreSQL's jsonb) unchanged.
        if (oracle) expect(JSON.parse(JSON.stringify(s))).toBe(s)
      }),
      { numRuns: 5000 },
    )
  })
})

describe('WebUrl', () => {
  it('takes only http: and https: links with a host, no white space and no credentials', () => {
    const urls = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.webUrl().map((url) => url.replace(/^https?/, 'javascript')),
      fc
        .tuple(fc.constantFrom('https://', 'data:', 'file://', ''), codeUnits(10))
        .map(([a, b]) => a + b),
    )
    fc.assert(
      fc.property(urls, (s) => {
        if (!WebUrl.is(s)) return
        const url = new URL(s)
        expect(['https:', 'http:']).toContain(url.protocol)
        expect(url.host).not.toBe('')
        expect(url.username + url.password).toBe('')
        expect(/[\s\p{Cc}\p{Cf}]/u.test(s)).toBe(false)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('quoted', () => {
  it('never shows a control character, an invisible one or a lone surrogate, and stays short', () => {
    fc.assert(
      fc.property(fc.oneof(codeUnits(200), fc.string({ unit: 'grapheme' })), (s) => {
        const shown = quoted(s, 60)
        expect(shown.isWellFormed()).toBe(true)
        expect(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f]/u.test(shown)).toBe(
          false,
        )
        expect(shown.length).toBeLessThanOrEqual(6 * 60 + 5)
      }),
      { numRuns: 3000 },
    )
  })
})
