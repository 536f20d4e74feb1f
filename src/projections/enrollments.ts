/**
 * The enrollments read model: every enrollment's state, folded from the global log with the
 * core's own recipe, and the indexes a district app looks enrollments up by (educator, cohort,
 * program, status). The reports (cohort progress, assessor queue, transcript, salary points,
 * analytics) all read this one model.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import type { Draft } from 'immer'
import type { EnrollmentEvent } from '../enrollment/events.js'
import { applyEnrollmentEvent, notEnrolled } from '../enrollment/evolve.js'
import { Enrollment, type EnrollmentStatus } from '../enrollment/state.js'
import { deepFreeze } from '../freeze.js'
import { enrollmentEventDecoder } from './enrollment-events.js'
import { defineProjection, type Projection } from './projection.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The enrollments read model. `enrollments` holds each enrollment's state by id, in the order the
 * log enrolled them; the indexes hold enrollment ids only (never copies of the states):
 * `byEducator`, `byCohort` and `byProgram` in the order the log enrolled them, `byStatus` as sets
 * (a key is present only while some enrollment has that status). Use the lookups
 * (`enrollmentsByCohort` and the others) to read them as enrollments in a stable order.
 */
export interface EnrollmentsReadModel {
  readonly enrollments: ReadonlyMap<string, Enrollment>
  readonly byEducator: ReadonlyMap<string, ReadonlyArray<string>>
  readonly byCohort: ReadonlyMap<string, ReadonlyArray<string>>
  readonly byProgram: ReadonlyMap<string, ReadonlyArray<string>>
  readonly byStatus: ReadonlyMap<EnrollmentStatus, ReadonlySet<string>>
}

type Mutable = {
  -readonly [K in keyof EnrollmentsReadModel]: EnrollmentsReadModel[K] extends ReadonlyMap<
    infer Key,
    ReadonlySet<string>
  >
    ? Map<Key, Set<string>>
    : EnrollmentsReadModel[K] extends ReadonlyMap<infer Key, infer V>
      ? Map<Key, V extends ReadonlyArray<string> ? string[] : V>
      : never
}

const emptyModel = (): Mutable => ({
  enrollments: new Map(),
  byEducator: new Map(),
  byCohort: new Map(),
  byProgram: new Map(),
  byStatus: new Map(),
})

// -------------------------------------------------------------------------------------
// indexes
// -------------------------------------------------------------------------------------

const addToList = (index: Map<string, string[]>, key: string, id: string): void => {
  const ids = index.get(key)
  if (ids === undefined) index.set(key, [id])
  else ids.push(id)
}

const addToSet = (index: Map<EnrollmentStatus, Set<string>>, key: EnrollmentStatus, id: string) => {
  const ids = index.get(key)
  if (ids === undefined) index.set(key, new Set([id]))
  else ids.add(id)
}

const removeFromSet = (
  index: Map<EnrollmentStatus, Set<string>>,
  key: EnrollmentStatus,
  id: string,
) => {
  const ids = index.get(key)
  if (ids === undefined) return
  ids.delete(id)
  if (ids.size === 0) index.delete(key)
}

const indexNew = (model: Mutable, state: Enrollment): void => {
  const id = state.enrollmentId
  addToList(model.byEducator, state.educator.id, id)
  addToList(model.byCohort, state.cohortId, id)
  addToList(model.byProgram, state.programId, id)
  addToSet(model.byStatus, state.status, id)
}

// -------------------------------------------------------------------------------------
// evolve
// -------------------------------------------------------------------------------------

/**
 * One event: the enrollment's own state changes by the core's recipe (`applyEnrollmentEvent`),
 * and the indexes follow. An event of an enrollment the model has not seen start is skipped, as
 * the core's fold skips it.
 */
const evolveModel = (draft: Draft<EnrollmentsReadModel>, event: EnrollmentEvent): void => {
  const model = draft as unknown as Mutable
  const id = event.data.enrollmentId
  const current = model.enrollments.get(id)
  if (current === undefined) {
    if (event.type !== 'EducatorEnrolled') return
    const started = applyEnrollmentEvent(notEnrolled(), event) as Enrollment
    model.enrollments.set(id, started)
    indexNew(model, started)
    return
  }
  const before = current.status
  applyEnrollmentEvent(current as Draft<Enrollment>, event)
  if (current.status !== before) {
    removeFromSet(model.byStatus, before, id)
    addToSet(model.byStatus, current.status, id)
  }
}

// -------------------------------------------------------------------------------------
// codec
// -------------------------------------------------------------------------------------

/** Freezes a model deeply, Maps and Sets included (immer's `freeze` makes them refuse `set`). */
const freezeModel = (model: Mutable): EnrollmentsReadModel => deepFreeze(model)

const modelOf = (enrollments: ReadonlyArray<Enrollment>): EnrollmentsReadModel => {
  const model = emptyModel()
  for (const state of enrollments) {
    model.enrollments.set(state.enrollmentId, deepFreeze(state))
    indexNew(model, state)
  }
  return freezeModel(model)
}

const EnrollmentList = t.array(Enrollment)

/**
 * The enrollments of a checkpoint written before expiries existed: a state without its
 * `expiry` field had none (`null`), so it reads as one. Anything else is left to the codec.
 */
const withExpiry = (enrollments: unknown): unknown =>
  Array.isArray(enrollments)
    ? enrollments.map((state: unknown) =>
        typeof state === 'object' &&
        state !== null &&
        !Array.isArray(state) &&
        !Object.hasOwn(state, 'expiry')
          ? { ...state, expiry: null }
          : state,
      )
    : enrollments

/**
 * How the enrollments read model is written to a checkpoint and read back: as
 * `{ enrollments: [state, ...] }` in the order the log enrolled them. The indexes are not
 * written: reading rebuilds them from the states, so a checkpoint cannot hold an index that
 * disagrees with its states. Each state is decoded with the core's `Enrollment` codec; a state
 * written before expiries existed (no `expiry` field) reads as one that has not expired.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { EnrollmentsReadModelCodec, enrollmentsReadModel } from 'microcred'
 * const encoded = EnrollmentsReadModelCodec.encode(enrollmentsReadModel.initialState)
 * assert.deepEqual(JSON.parse(JSON.stringify(encoded)), { enrollments: [] })
 * const decoded = EnrollmentsReadModelCodec.decode({ enrollments: [] })
 * assert.ok(E.isRight(decoded) && decoded.right.enrollments.size === 0)
 * assert.ok(E.isLeft(EnrollmentsReadModelCodec.decode({ enrollments: [{ status: 'active' }] })))
 */
export const EnrollmentsReadModelCodec = new t.Type<
  EnrollmentsReadModel,
  { readonly enrollments: ReadonlyArray<unknown> },
  unknown
>(
  'EnrollmentsReadModel',
  (input): input is EnrollmentsReadModel =>
    typeof input === 'object' &&
    input !== null &&
    (input as EnrollmentsReadModel).enrollments instanceof Map &&
    [...(input as EnrollmentsReadModel).enrollments.values()].every(Enrollment.is),
  (input, context) =>
    pipe(
      t.type({ enrollments: t.unknown }).validate(input, context),
      E.chain(({ enrollments }) =>
        EnrollmentList.validate(withExpiry(enrollments), [
          ...context,
          { key: 'enrollments', type: EnrollmentList, actual: enrollments },
        ]),
      ),
      E.chain((enrollments) => {
        const ids = new Set(enrollments.map((state) => state.enrollmentId))
        return ids.size === enrollments.length
          ? t.success(modelOf(enrollments))
          : t.failure(input, context, 'an enrollment id appears more than once')
      }),
    ),
  (model) => ({ enrollments: [...model.enrollments.values()].map(Enrollment.encode) }),
)

// -------------------------------------------------------------------------------------
// projection
// -------------------------------------------------------------------------------------

/**
 * The enrollments read model as a projection: every enrollment stream's events (other streams'
 * are skipped), folded by the core's enrollment recipe into one state per enrollment, with the
 * indexes kept beside them. Its `apply` returns a deeply frozen model, its Maps and Sets
 * included; `codec` lets a runner keep it in a checkpoint.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { catalog, enrollmentsReadModel, foldProjection, lausdPolicy, requirementsOf } from 'microcred'
 * const metadata = { eventId: 'ev-1', commandId: 'c-1', actorId: 'admin-1', correlationId: 'c-1', causationId: 'c-1', schemaVersion: 1 }
 * const enrolled = {
 *   streamId: 'enrollment-enr-1', version: 1, position: 1, type: 'EducatorEnrolled', metadata, recordedAt: '2026-09-01T16:00:00Z',
 *   data: { enrollmentId: 'enr-1', at: '2026-09-01T16:00:00Z', cohortId: 'steam-2026', programId: 'steam', programVersion: 1,
 *     educator: { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' },
 *     requirements: requirementsOf(catalog.steam, lausdPolicy), enrolledBy: 'admin-1' },
 * }
 * const model = foldProjection(enrollmentsReadModel, [enrolled])
 * assert.ok(E.isRight(model))
 * assert.equal(model.right.enrollments.get('enr-1')?.status, 'active')
 * assert.deepEqual(model.right.byCohort.get('steam-2026'), ['enr-1'])
 * assert.deepEqual([...(model.right.byStatus.get('active') ?? [])], ['enr-1'])
 * assert.throws(() => (model.right.enrollments as Map<string, unknown>).clear()) // frozen
 */
export const enrollmentsReadModel: Projection<EnrollmentsReadModel, EnrollmentEvent> =
  defineProjection<EnrollmentsReadModel, EnrollmentEvent>({
    name: 'enrollments',
    initialState: emptyModel(),
    decode: enrollmentEventDecoder,
    evolve: evolveModel,
    codec: EnrollmentsReadModelCodec,
  })
