/**
 * The command and event codecs: every command and event round-trips through its codec (and
 * through JSON), agrees with its guard, and decoding any JSON never throws. A decoded event is
 * deeply frozen; a value that does not decode is left as it was.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { EnrollmentCommand, EnrollmentEvent } from '../../src/index.js'
import {
  commandArbitrary,
  historyArbitrary,
  isDeeplyFrozen,
  journeyArbitrary,
  runSteps,
} from '../../src/testing/index.js'

// Whole journeys, and histories that end in every status (withdrawn, incomplete, revoked, ...).
const eventsArbitrary = fc.oneof(
  journeyArbitrary().map((journey) => runSteps(journey.steps).events),
  historyArbitrary().map((history) => history.events),
)
const commandsArbitrary = journeyArbitrary().chain((journey) =>
  fc.tuple(
    fc.constant(journey.steps.map((step) => step.command)),
    fc.array(commandArbitrary(journey.program, journey.enrollmentId), { maxLength: 20 }),
  ),
)

describe('codecs', () => {
  it('decode(encode(event)) = event for every event, through JSON too', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(eventsArbitrary, (events) => {
        for (const event of events) {
          seen.add(event.type)
          expect(EnrollmentEvent.is(event)).toBe(true)
          const json: unknown = JSON.parse(JSON.stringify(EnrollmentEvent.encode(event)))
          const decoded = EnrollmentEvent.decode(json)
          expect(decoded).toEqual(E.right(event))
          // A decoded event is the input itself, deeply frozen: a fact the states share.
          expect(E.isRight(decoded) && decoded.right === json && isDeeplyFrozen(json)).toBe(true)
        }
      }),
      { numRuns: 50 },
    )
    expect(seen.size).toBeGreaterThanOrEqual(9)
    expect(seen).toContain('EnrollmentExpired')
  })

  it('decode(encode(command)) = command for every command, through JSON too', () => {
    fc.assert(
      fc.property(commandsArbitrary, ([journey, noise]) => {
        for (const command of [...journey, ...noise]) {
          expect(EnrollmentCommand.is(command)).toBe(true)
          const json = JSON.parse(JSON.stringify(EnrollmentCommand.encode(command)))
          expect(EnrollmentCommand.decode(json)).toEqual(E.right(command))
        }
      }),
      { numRuns: 50 },
    )
  })

  it('decoding any JSON never throws, and a failure names where', () => {
    const types = [
      ...Object.keys(EnrollmentEvent.members),
      ...Object.keys(EnrollmentCommand.members),
    ]
    const shaped = fc.record({ type: fc.constantFrom(...types, 'Unknown'), data: fc.jsonValue() })
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), shaped), (value) => {
        const event = EnrollmentEvent.decode(value)
        const command = EnrollmentCommand.decode(value)
        // What does not decode is left as it was: nothing is frozen.
        if (E.isLeft(event) && typeof value === 'object' && value !== null) {
          expect(Object.isFrozen(value)).toBe(false)
        }
        if (E.isLeft(event)) expect(event.left.length).toBeGreaterThan(0)
        if (E.isLeft(command)) expect(command.left.length).toBeGreaterThan(0)
        expect(EnrollmentEvent.is(value)).toBe(E.isRight(event))
        expect(EnrollmentCommand.is(value)).toBe(E.isRight(command))
      }),
      { numRuns: 1000 },
    )
  })
})
