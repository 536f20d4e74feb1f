/**
 * Every read model equals the independent oracle's fold of the same events, over random district
 * logs written to an in-memory store and read back; the model is the same whatever the batches
 * it is applied in, equals the core's fold enrollment by enrollment, and survives its codec.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  enrollmentsReadModel,
  EnrollmentsReadModelCodec,
  foldEnrollments,
  type EnrollmentsReadModel,
  type RecordedEvent,
} from '../../../src/index.js'
import { expectOracleReports } from './expect-oracle.js'
import { batches, decodedLog, districtLogArbitrary, recordedLog } from './histories.js'
import { oracleFold } from './oracle.js'

const foldInBatches = (log: ReadonlyArray<RecordedEvent>, sizes: ReadonlyArray<number>) => {
  let model = enrollmentsReadModel.initialState
  for (const batch of batches(log, sizes)) {
    const next = enrollmentsReadModel.apply(model, batch)
    if (E.isLeft(next)) throw new Error(next.left.message)
    model = next.right
  }
  return model
}

const sizes = fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 8 })
const runs = { numRuns: 40 }

describe('the read models equal the oracle over random district logs', () => {
  it('folded in any batches: the same model, the core fold per enrollment, and the oracle for every report', async () => {
    await fc.assert(
      fc.asyncProperty(districtLogArbitrary(), sizes, async (events, split) => {
        const log = await recordedLog(events)
        const decoded = decodedLog(log)
        const seen = oracleFold(decoded)
        const model = foldInBatches(log, [])
        const batched = foldInBatches(log, split)

        expect(batched).toEqual(model)
        expect(model.enrollments).toEqual(foldEnrollments(decoded))

        expectOracleReports(batched, seen)
      }),
      runs,
    )
  })

  it('survives its codec: JSON out and back gives the same model, indexes rebuilt', async () => {
    await fc.assert(
      fc.asyncProperty(districtLogArbitrary(3), sizes, async (events, split) => {
        const model = foldInBatches(await recordedLog(events), split)
        const json = JSON.parse(JSON.stringify(EnrollmentsReadModelCodec.encode(model))) as unknown
        const decoded = EnrollmentsReadModelCodec.decode(json)
        expect(E.isRight(decoded)).toBe(true)
        const restored = (decoded as E.Right<EnrollmentsReadModel>).right
        expect(restored).toEqual(model)
        expect(Object.isFrozen(restored.enrollments)).toBe(true)
        expect(EnrollmentsReadModelCodec.is(restored)).toBe(true)
      }),
      { numRuns: 15 },
    )
  })

  it('goes on from a restored checkpoint as if it had never stopped', async () => {
    await fc.assert(
      fc.asyncProperty(districtLogArbitrary(3), fc.nat(), async (events, cut) => {
        const log = await recordedLog(events)
        const at = log.length === 0 ? 0 : cut % (log.length + 1)
        const first = foldInBatches(log.slice(0, at), [])
        const json = JSON.parse(JSON.stringify(EnrollmentsReadModelCodec.encode(first))) as unknown
        const restored = EnrollmentsReadModelCodec.decode(json)
        if (E.isLeft(restored)) throw new Error('the checkpoint did not decode')
        const resumed = enrollmentsReadModel.apply(restored.right, log.slice(at))
        expect(resumed).toEqual(E.right(foldInBatches(log, [])))
      }),
      { numRuns: 15 },
    )
  })
})
