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
 * import { Email } from 'microcred'
 * Email.is('maria.lopez@lausd.net') // true
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
 * import { Educator } from 'microcred'
 * Educator.is({ id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }) // true
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
 * import { EvidenceKind } from 'microcred'
 * EvidenceKind.is('studentWork') // true
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
 * import { Evidence } from 'microcred'
 * Evidence.is({ kind: 'video', url: 'https://video.lausd.net/v/123' }) // true
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
 * import { EvidenceList } from 'microcred'
 * EvidenceList.is([]) // false
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
 * import { Scores } from 'microcred'
 * Scores.is({ planning: 3, evidence: 4 }) // true
 */
export const Scores = t.record(t.string, NonNegativeInteger, 'Scores')
/** Scores by rubric criterion id. */
export type Scores = t.TypeOf<typeof Scores>

/**
 * A grade's outcome: the work meets, or the educator revises and resubmits.
 *
 * @example
 * import { Outcome } from 'microcred'
 * Outcome.is('revise') // true
 */
export const Outcome = t.keyof({ meets: null, revise: null }, 'Outcome')
/** `'meets' | 'revise'`. */
export type Outcome = t.TypeOf<typeof Outcome>

/**
 * How an issued badge is signed: a VC-JWT (`jwt`) or an embedded Data Integrity proof
 * (`data-integrity`).
 *
 * @example
 * import { BadgeFormat } from 'microcred'
 * BadgeFormat.is('jwt') // true
 */
export const BadgeFormat = t.keyof({ jwt: null, 'data-integrity': null }, 'BadgeFormat')
/** `'jwt' | 'data-integrity'`. */
export type BadgeFormat = t.TypeOf<typeof BadgeFormat>
