/**
 * The lifecycle's command and event codecs: every generated command and every event `decide`
 * makes round-trips through its codec and through JSON and agrees with its guard; decoding any
 * JSON (or anything shaped like a lifecycle message) never throws.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { ProgramLifecycleCommand, ProgramLifecycleEvent } from '../../src/index.js'
import { isDeeplyFrozen, lifecycleArbitrary, runLifecycle } from '../../src/testing/index.js'

const through = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

describe('lifecycle codecs', () => {
  it('decode(encode(x)) = x for every command and event, through JSON too', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(lifecycleArbitrary({ maxSteps: 15 }), (lifecycle) => {
        for (const { command } of lifecycle.steps) {
          expect(ProgramLifecycleCommand.is(command)).toBe(true)
          const decoded = ProgramLifecycleCommand.decode(
            through(ProgramLifecycleCommand.encode(command)),
          )
          expect(decoded).toEqual(E.right(command))
        }
        for (const event of runLifecycle(lifecycle.steps).events) {
          seen.add(event.type)
          expect(ProgramLifecycleEvent.is(event)).toBe(true)
          const json = through(ProgramLifecycleEvent.encode(event))
          const decoded = ProgramLifecycleEvent.decode(json)
          expect(decoded).toEqual(E.right(event))
          expect(E.isRight(decoded) && decoded.right === json && isDeeplyFrozen(json)).toBe(true)
        }
      }),
      { numRuns: 20 },
    )
    expect(seen.size).toBeGreaterThanOrEqual(5)
  })

  it('decoding any JSON, or any lifecycle-shaped message, never throws', () => {
    const types = [
      ...Object.keys(ProgramLifecycleCommand.members),
      ...Object.keys(ProgramLifecycleEvent.members),
    ]
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ type: fc.constantFrom(...types), data: fc.jsonValue() }),
          fc.record({
            type: fc.constantFrom(...types),
            data: fc.dictionary(
              fc.constantFrom('programId', 'version', 'program', 'at', 'reason', '__proto__'),
              fc.jsonValue(),
            ),
          }),
        ),
        (input) => {
          expect(() => ProgramLifecycleCommand.decode(input)).not.toThrow()
          expect(() => ProgramLifecycleEvent.decode(input)).not.toThrow()
        },
      ),
      { numRuns: 300 },
    )
  })
})
