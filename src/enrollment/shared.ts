/**
 * The value codecs that enrollment commands and events share: the educator, evidence, scores,
 * outcomes.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { NonEmptyString, NonNegativeInteger, refine, Url } from '../codec.js'

/**
 * An email address (a plain check: something@domain.tld, no spaces).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Email } from 'microcred'
 * assert.equal(Email.is('maria.lopez@lausd.net'), true)
 * assert.equal(Email.is('maria lopez@lausd.net'), false)
 * assert.equal(Email.is('maria.lopez@lausd'), false)
 */
export const Email = refine(
  t.string,
  (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  'an email address',
)

/**
 * The educator who enrolls.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Educator } from 'microcred'
 * assert.equal(Educator.is({ id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }), true)
 * assert.equal(Educator.is({ id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez' }), false)
 */
export const Educator = t.type(
  { id: NonEmptyString, name: NonEmptyString, email: Email },
  'Educator',
)
/** The educator who enrolls. */
export type Educator = t.TypeOf<typeof Educator>

/**
 * The kinds of evidence an educator submits.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EvidenceKind } from 'microcred'
 * assert.equal(EvidenceKind.is('studentWork'), true)
 * assert.equal(EvidenceKind.is('photo'), false)
 */
export const EvidenceKind = t.keyof(
  {
    video: null,
    reflection: null,
    studentWork: null,
    lessonPlan: null,
    document: null,
    link: null,
  },
  'EvidenceKind',
)
/** The kinds of evidence. */
export type EvidenceKind = t.TypeOf<typeof EvidenceKind>

/**
 * One piece of evidence: what kind, where it is, and optionally a title.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Evidence } from 'microcred'
 * assert.equal(Evidence.is({ kind: 'video', url: 'https://video.lausd.net/v/123' }), true)
 * assert.equal(Evidence.is({ kind: 'video', url: 'https://video.lausd.net/v/123', title: 'Day 1' }), true)
 * assert.equal(Evidence.is({ kind: 'video', url: 'video.lausd.net/v/123' }), false) // not absolute
 */
export const Evidence = t.intersection(
  [t.type({ kind: EvidenceKind, url: Url }), t.partial({ title: NonEmptyString })],
  'Evidence',
)
/** One piece of evidence. */
export type Evidence = t.TypeOf<typeof Evidence>

/**
 * At least one piece of evidence.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EvidenceList } from 'microcred'
 * assert.equal(EvidenceList.is([{ kind: 'link', url: 'https://lausd.net/unit' }]), true)
 * assert.equal(EvidenceList.is([]), false)
 */
export const EvidenceList = refine(
  t.array(Evidence),
  (list) => list.length > 0,
  'at least one piece of evidence',
)

/**
 * Scores by rubric criterion id.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Scores } from 'microcred'
 * assert.equal(Scores.is({ planning: 3, evidence: 4 }), true)
 * assert.equal(Scores.is({ planning: 2.5 }), false) // whole numbers only
 */
export const Scores = t.record(t.string, NonNegativeInteger, 'Scores')
/** Scores by rubric criterion id. */
export type Scores = t.TypeOf<typeof Scores>

/**
 * A grade's outcome: the work meets, or the educator revises and resubmits.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Outcome } from 'microcred'
 * assert.equal(Outcome.is('revise'), true)
 * assert.equal(Outcome.is('fail'), false)
 */
export const Outcome = t.keyof({ meets: null, revise: null }, 'Outcome')
/** `'meets' | 'revise'`. */
export type Outcome = t.TypeOf<typeof Outcome>

/**
 * How an issued badge is signed: a VC-JWT (`jwt`) or an embedded Data Integrity proof
 * (`data-integrity`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { BadgeFormat } from 'microcred'
 * assert.equal(BadgeFormat.is('jwt'), true)
 * assert.equal(BadgeFormat.is('data-integrity'), true)
 * assert.equal(BadgeFormat.is('png'), false)
 */
export const BadgeFormat = t.keyof({ jwt: null, 'data-integrity': null }, 'BadgeFormat')
/** `'jwt' | 'data-integrity'`. */
export type BadgeFormat = t.TypeOf<typeof BadgeFormat>
