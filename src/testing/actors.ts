/**
 * The cast of a generated enrollment: one actor per role the journey needs.
 *
 * @packageDocumentation
 */
import type { Actor } from '../context.js'
import type { Educator } from '../enrollment/shared.js'

/** The actors of a generated journey. */
export interface Cast {
  readonly administrator: Actor
  readonly facilitator: Actor
  readonly lms: Actor
  readonly assessor: Actor
  readonly educator: Actor
}

/**
 * The actors who take part in an educator's journey: an administrator, a facilitator, the LMS,
 * an assessor, and the educator.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { castFor } from 'microcred/testing'
 * const cast = castFor({ id: 'e-1', name: 'Ana', email: 'ana@lausd.net' })
 * assert.deepEqual(cast.educator, { id: 'e-1', roles: ['educator'] })
 * assert.deepEqual(cast.assessor.roles, ['assessor'])
 */
export const castFor = (educator: Educator): Cast => ({
  administrator: { id: 'admin-1', roles: ['administrator'] },
  facilitator: { id: 'facilitator-1', roles: ['facilitator'] },
  lms: { id: 'lms-1', roles: ['lms'] },
  assessor: { id: 'assessor-1', roles: ['assessor'] },
  educator: { id: educator.id, roles: ['educator'] },
})
