/**
 * Generators of date-time strings: real moments in every form `IsoDateTime` accepts, and strings
 * of the same shape with any digits, most of which name no moment (February 30, 25:00, +24:00).
 *
 * @packageDocumentation
 */
import fc from 'fast-check'

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * Date-times that name a real moment, in every form `IsoDateTime` accepts: with or without
 * seconds, with a fraction of 1 to 9 digits, in UTC (`Z`) or at an offset within ±23:59.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { IsoDateTime } from 'microcred'
 * import { isoDateTimeArbitrary } from 'microcred/testing'
 * fc.assert(fc.property(isoDateTimeArbitrary(), (s) => assert.ok(IsoDateTime.is(s), s)), { numRuns: 50 })
 */
export const isoDateTimeArbitrary = (): fc.Arbitrary<string> =>
  fc
    .record({
      date: fc.date({
        min: new Date('0000-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
      seconds: fc.boolean(),
      fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
      offset: fc.option(
        fc.record({
          sign: fc.constantFrom('+', '-'),
          hours: fc.integer({ min: 0, max: 23 }),
          minutes: fc.integer({ min: 0, max: 59 }),
        }),
        { nil: undefined },
      ),
    })
    .map(({ date, seconds, fraction, offset }) => {
      const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
      const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
      const second = seconds
        ? `:${pad(date.getUTCSeconds())}${fraction === undefined ? '' : `.${fraction}`}`
        : ''
      const zone =
        offset === undefined ? 'Z' : `${offset.sign}${pad(offset.hours)}:${pad(offset.minutes)}`
      return `${day}T${time}${second}${zone}`
    })

const digits = (count: number) => fc.stringMatching(new RegExp(`^\\d{${count}}$`))

/** Mostly a value in `min..max` (edges included), padded; sometimes any two digits. */
const field = (min: number, max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min, max }).map((n) => pad(n)) },
    { weight: 1, arbitrary: digits(2) },
  )

/**
 * Strings in the shape of a date-time (`dddd-dd-ddTdd:dd[:dd[.d…]](Z|±dd:dd)`): mostly fields in
 * or just past their range (day 28-31 of any month, hour 24, second 60, offset 24:00), sometimes
 * any digits, a fraction of 0 to 11 digits, and now and then a character out of place. For
 * testing what a date-time check accepts and refuses; about one in five names a real moment.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { dateTimeShapedArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(dateTimeShapedArbitrary(), (s) => assert.match(s, /^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}/)),
 *   { numRuns: 50 },
 * )
 */
export const dateTimeShapedArbitrary = (): fc.Arbitrary<string> =>
  fc
    .record({
      year: fc.oneof(digits(4), fc.constantFrom('1900', '2000', '2024', '2026')),
      month: field(0, 13),
      day: fc.oneof(
        field(0, 31),
        fc.integer({ min: 28, max: 32 }).map((n) => pad(n)),
      ),
      hour: field(0, 24),
      minute: field(0, 60),
      second: fc.option(field(0, 60), { nil: undefined }),
      fraction: fc.option(fc.stringMatching(/^\d{0,11}$/), { nil: undefined }),
      zone: fc.oneof(
        { weight: 3, arbitrary: fc.constant('Z') },
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom('+', '-'), field(0, 24), field(0, 60)) },
        { weight: 1, arbitrary: fc.constantFrom('z', '', '+0100', '+01') },
      ),
      separator: fc.oneof(
        { weight: 8, arbitrary: fc.constant('T') },
        { weight: 1, arbitrary: fc.constantFrom(' ', 't') },
      ),
    })
    .map(({ year, month, day, hour, minute, second, fraction, zone, separator }) => {
      const seconds =
        second === undefined ? '' : `:${second}${fraction === undefined ? '' : `.${fraction}`}`
      const offset = typeof zone === 'string' ? zone : `${zone[0]}${zone[1]}:${zone[2]}`
      return `${year}-${month}-${day}${separator}${hour}:${minute}${seconds}${offset}`
    })
