/**
 * The enrollment lookup's batch: a batch of enrollment events folded in JavaScript into one
 * change per enrollment, then written in two statements, whatever the batch's size. The table ends
 * as if each event had been applied alone:
 *
 * - `EducatorEnrolled` inserts the row unless it exists (a second one changes nothing);
 * - every other event of an enrollment with a row sets `last_event_at`, and `CredentialEarned`,
 *   `EnrollmentWithdrawn`, `CredentialRevoked` and `EnrollmentExpired` set the status and their
 *   date too;
 * - an event of an enrollment without a row changes nothing.
 *
 * Whether a row exists before the batch is the database's to say, so each enrollment's change
 * has two halves: the update of a row that existed (every event but `EducatorEnrolled`), and the
 * row to insert when none did (the first `EducatorEnrolled` and the events after it). The
 * `UPDATE` runs first and reaches only the rows that existed; the `INSERT ... ON CONFLICT DO
 * NOTHING` then adds only the rows that did not.
 *
 * @internal The SQL projection runner's and the enrollment lookup's own, not exported.
 *
 * @packageDocumentation
 */
import type { EnrollmentEvent } from '../enrollment/events.js'
import type { Queryable } from './client.js'
import type { EnrollmentLookupRow } from './enrollment-lookup-row.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

/**
 * What a batch does to an enrollment's row if it existed before the batch: `lastEventAt` always,
 * the rest only when an event of the batch set it (`undefined`: unchanged). No event empties a
 * column, so an unchanged column and an emptied one never need telling apart.
 */
export interface LookupUpdate {
  readonly enrollmentId: string
  readonly lastEventAt: string
  readonly status: 'earned' | 'withdrawn' | 'revoked' | 'incomplete' | undefined
  readonly earnedAt: string | undefined
  readonly withdrawnAt: string | undefined
  readonly revokedAt: string | undefined
  readonly expiredAt: string | undefined
}

/** A batch's changes: the updates of existing rows, and the rows to insert when absent. */
export interface LookupChanges {
  readonly updates: ReadonlyArray<LookupUpdate>
  readonly inserts: ReadonlyArray<EnrollmentLookupRow>
}

// -------------------------------------------------------------------------------------
// the fold
// -------------------------------------------------------------------------------------

type Ended = 'CredentialEarned' | 'EnrollmentWithdrawn' | 'CredentialRevoked' | 'EnrollmentExpired'

const endings: Readonly<
  Record<
    Ended,
    {
      status: LookupUpdate['status'] & {}
      column: 'earnedAt' | 'withdrawnAt' | 'revokedAt' | 'expiredAt'
    }
  >
> = {
  CredentialEarned: { status: 'earned', column: 'earnedAt' },
  EnrollmentWithdrawn: { status: 'withdrawn', column: 'withdrawnAt' },
  CredentialRevoked: { status: 'revoked', column: 'revokedAt' },
  EnrollmentExpired: { status: 'incomplete', column: 'expiredAt' },
}

const endingOf = (type: EnrollmentEvent['type']) =>
  type === 'CredentialEarned' ||
  type === 'EnrollmentWithdrawn' ||
  type === 'CredentialRevoked' ||
  type === 'EnrollmentExpired'
    ? endings[type]
    : undefined

/**
 * The batch's events (in log order) folded into one change per enrollment, in the order each
 * enrollment first appears.
 */
export const lookupChanges = (events: ReadonlyArray<EnrollmentEvent>): LookupChanges => {
  const updates = new Map<string, Mutable<LookupUpdate>>()
  const inserts = new Map<string, Mutable<EnrollmentLookupRow>>()
  for (const event of events) {
    const { enrollmentId, at } = event.data
    if (event.type === 'EducatorEnrolled') {
      if (!inserts.has(enrollmentId)) {
        inserts.set(enrollmentId, {
          enrollmentId,
          educatorId: event.data.educator.id,
          cohortId: event.data.cohortId,
          programId: event.data.programId,
          programVersion: event.data.programVersion,
          status: 'active',
          enrolledAt: at,
          lastEventAt: at,
          earnedAt: null,
          withdrawnAt: null,
          revokedAt: null,
          expiredAt: null,
        })
      }
      continue
    }
    const ending = endingOf(event.type)
    let update = updates.get(enrollmentId)
    if (update === undefined) {
      update = {
        enrollmentId,
        lastEventAt: at,
        status: undefined,
        earnedAt: undefined,
        withdrawnAt: undefined,
        revokedAt: undefined,
        expiredAt: undefined,
      }
      updates.set(enrollmentId, update)
    }
    update.lastEventAt = at
    const inserted = inserts.get(enrollmentId)
    if (inserted !== undefined) inserted.lastEventAt = at
    if (ending !== undefined) {
      update.status = ending.status
      update[ending.column] = at
      if (inserted !== undefined) {
        inserted.status = ending.status
        inserted[ending.column] = at
      }
    }
  }
  return { updates: [...updates.values()], inserts: [...inserts.values()] }
}

// -------------------------------------------------------------------------------------
// the writes
// -------------------------------------------------------------------------------------

/** Each update's field, as an array parameter (SQL NULL for `undefined`). */
const column = <K extends keyof LookupUpdate>(
  updates: ReadonlyArray<LookupUpdate>,
  key: K,
): Array<LookupUpdate[K] | null> => updates.map((update) => update[key] ?? null)

/** Writes the batch's changes to `s`.enrollment_lookup: an UPDATE, then an INSERT. */
export const writeLookupChanges = async (
  tx: Queryable,
  s: string,
  table: string,
  { updates, inserts }: LookupChanges,
): Promise<void> => {
  const t = `${s}.${table}`
  if (updates.length > 0) {
    await tx.query(
      `UPDATE ${t} AS t SET
         status        = COALESCE(u.status, t.status),
         last_event_at = u.last_event_at,
         earned_at     = COALESCE(u.earned_at, t.earned_at),
         withdrawn_at  = COALESCE(u.withdrawn_at, t.withdrawn_at),
         revoked_at    = COALESCE(u.revoked_at, t.revoked_at),
         expired_at    = COALESCE(u.expired_at, t.expired_at)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[])
         AS u(enrollment_id, status, last_event_at, earned_at, withdrawn_at, revoked_at,
           expired_at)
       WHERE t.enrollment_id = u.enrollment_id`,
      [
        column(updates, 'enrollmentId'),
        column(updates, 'status'),
        column(updates, 'lastEventAt'),
        column(updates, 'earnedAt'),
        column(updates, 'withdrawnAt'),
        column(updates, 'revokedAt'),
        column(updates, 'expiredAt'),
      ],
    )
  }
  if (inserts.length > 0) {
    const of = <K extends keyof EnrollmentLookupRow>(key: K) => inserts.map((row) => row[key])
    await tx.query(
      `INSERT INTO ${t} (enrollment_id, educator_id, cohort_id, program_id, program_version,
         status, enrolled_at, last_event_at, earned_at, withdrawn_at, revoked_at, expired_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[],
         $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
       ON CONFLICT (enrollment_id) DO NOTHING`,
      [
        of('enrollmentId'),
        of('educatorId'),
        of('cohortId'),
        of('programId'),
        of('programVersion'),
        of('status'),
        of('enrolledAt'),
        of('lastEventAt'),
        of('earnedAt'),
        of('withdrawnAt'),
        of('revokedAt'),
        of('expiredAt'),
      ],
    )
  }
}
