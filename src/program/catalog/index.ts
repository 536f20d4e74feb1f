/**
 * The catalog of the seven Los Angeles Unified micro-credential programs, as the District
 * publishes them; each is valid under `lausdPolicy`.
 *
 * @packageDocumentation
 */
import { freeze } from 'immer'
import type { Program } from '../program.js'
import { antiRacist } from './anti-racist.js'
import { dualLanguage } from './dual-language.js'
import { earlyChildhood } from './early-childhood.js'
import { englishLearner } from './english-learner.js'
import { equitableGrading } from './equitable-grading.js'
import { readingSpecialist } from './reading-specialist.js'
import { steam } from './steam.js'

/**
 * The seven Los Angeles Unified micro-credential programs, by key. Every program is version 1,
 * valid under `lausdPolicy`, and deeply frozen: derive a new program by copying
 * (`{ ...catalog.steam, version: 2 }`), never by mutating one.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog } from 'microcred'
 * assert.equal(catalog.steam.title, 'STEAM')
 * assert.equal(catalog.englishLearner.id, 'tk12-english-learner')
 * assert.equal(catalog.readingSpecialist.eolas.length, 5)
 * assert.ok(Object.isFrozen(catalog.steam.courses[0]?.modules)) // deeply frozen
 */
export const catalog: Readonly<{
  steam: Program
  englishLearner: Program
  readingSpecialist: Program
  dualLanguage: Program
  earlyChildhood: Program
  equitableGrading: Program
  antiRacist: Program
}> = Object.freeze({
  steam: freeze(steam, true),
  englishLearner: freeze(englishLearner, true),
  readingSpecialist: freeze(readingSpecialist, true),
  dualLanguage: freeze(dualLanguage, true),
  earlyChildhood: freeze(earlyChildhood, true),
  equitableGrading: freeze(equitableGrading, true),
  antiRacist: freeze(antiRacist, true),
})

/**
 * The seven catalog programs in the order LAUSD lists them, starting with STEAM, its first.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, catalogPrograms } from 'microcred'
 * assert.deepEqual(
 *   catalogPrograms.map((program) => program.id),
 *   ['steam', 'tk12-english-learner', 'reading-specialist-early-literacy', 'dual-language-education',
 *     'early-childhood-development', 'equitable-grading-instruction', 'anti-racist-instruction'],
 * )
 * assert.equal(catalogPrograms[0], catalog.steam)
 */
export const catalogPrograms: ReadonlyArray<Program> = Object.freeze([
  catalog.steam,
  catalog.englishLearner,
  catalog.readingSpecialist,
  catalog.dualLanguage,
  catalog.earlyChildhood,
  catalog.equitableGrading,
  catalog.antiRacist,
])
