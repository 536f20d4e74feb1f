/**
 * Hours of professional learning by mode: face-to-face (instructor-led), online (self-paced) and
 * homework (including fieldwork).
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { exact, NonNegativeNumber } from './codec.js'

/**
 * The three modes in which hours are earned.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Mode } from 'microcred'
 * assert.equal(Mode.is('online'), true)
 * assert.equal(Mode.is('hybrid'), false)
 */
export const Mode = t.keyof({ faceToFace: null, online: null, homework: null }, 'Mode')
/** `'faceToFace' | 'online' | 'homework'`. */
export type Mode = t.TypeOf<typeof Mode>

/**
 * Every mode, in the order districts report them.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { modes } from 'microcred'
 * assert.deepEqual(modes, ['faceToFace', 'online', 'homework'])
 */
export const modes: ReadonlyArray<Mode> = ['faceToFace', 'online', 'homework']

/**
 * Hours by mode: every mode, and nothing else.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { HoursByMode } from 'microcred'
 * assert.equal(HoursByMode.is({ faceToFace: 12, online: 18, homework: 10 }), true)
 * assert.equal(HoursByMode.is({ faceToFace: 12, online: 18 }), false) // every mode
 * assert.equal(HoursByMode.is({ faceToFace: -1, online: 18, homework: 10 }), false)
 * assert.equal(HoursByMode.is({ faceToFace: 12, online: 18, homework: 10, bonus: 3 }), false)
 */
export const HoursByMode = exact(
  { faceToFace: NonNegativeNumber, online: NonNegativeNumber, homework: NonNegativeNumber },
  undefined,
  'HoursByMode',
)
/** Hours by mode. */
export type HoursByMode = t.TypeOf<typeof HoursByMode>

/**
 * No hours in any mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { noHours } from 'microcred'
 * assert.deepEqual(noHours, { faceToFace: 0, online: 0, homework: 0 })
 * assert.ok(Object.isFrozen(noHours))
 */
export const noHours: HoursByMode = Object.freeze({ faceToFace: 0, online: 0, homework: 0 })

/**
 * The sum of the hours in every mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { totalHours } from 'microcred'
 * assert.equal(totalHours({ faceToFace: 30, online: 45, homework: 30 }), 105)
 */
export const totalHours = (hours: HoursByMode): number =>
  hours.faceToFace + hours.online + hours.homework

/**
 * Adds hours mode by mode.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { addHours } from 'microcred'
 * assert.deepEqual(
 *   addHours({ faceToFace: 1, online: 2, homework: 3 }, { faceToFace: 1, online: 0, homework: 0.5 }),
 *   { faceToFace: 2, online: 2, homework: 3.5 },
 * )
 */
export const addHours = (a: HoursByMode, b: HoursByMode): HoursByMode => ({
  faceToFace: a.faceToFace + b.faceToFace,
  online: a.online + b.online,
  homework: a.homework + b.homework,
})

/**
 * The human name of a mode, as used in messages and reports.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { modeLabel, modes } from 'microcred'
 * assert.equal(modeLabel('faceToFace'), 'face-to-face')
 * assert.deepEqual(modes.map(modeLabel), ['face-to-face', 'online', 'homework'])
 */
export const modeLabel = (mode: Mode): string =>
  mode === 'faceToFace' ? 'face-to-face' : mode === 'online' ? 'online' : 'homework'

/**
 * Whether `hours` is a whole number of `increment`s.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { isMultipleOf } from 'microcred'
 * assert.equal(isMultipleOf(1.75, 0.25), true)
 * assert.equal(isMultipleOf(1.1, 0.25), false)
 */
export const isMultipleOf = (hours: number, increment: number): boolean =>
  Number.isInteger(hours / increment)
