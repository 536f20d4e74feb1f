/**
 * The value codecs that enrollment commands and events share: the educator, evidence, scores,
 * outcomes.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import {
  boundedRecord,
  checked,
  exact,
  Id,
  list,
  NonEmptyText,
  NonNegativeInteger,
  refine,
  Url,
  WebUrl,
} from '../codec.js'

/** The longest email address SMTP delivers (RFC 5321). */
const emailLength = 254

const emailProblem = (s: string): string | undefined => {
  if (s.length > emailLength) {
    return `an email address has at most ${emailLength} characters; this one has ${s.length}`
  }
  if (!s.isWellFormed()) return 'an email address must be well-formed Unicode (a lone surrogate)'
  const control = /[\p{Cc}\p{Cf}]/u.exec(s)
  if (control !== null) {
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')
    return `an email address may not contain a control character; it has U+${code}${code === '0000' ? ' (NUL)' : ''} at character ${control.index + 1}`
  }
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? undefined : 'expected an email address'
}

/**
 * An email address (a plain check: something@domain.tld, no spaces), of at most 254 characters
 * with no control character.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Email } from 'microcred'
 * assert.equal(Email.is('maria.lopez@lausd.net'), true)
 * assert.equal(Email.is('maria lopez@lausd.net'), false)
 * assert.equal(Email.is('maria.lopez@lausd'), false)
 * assert.equal(Email.is('maria\u0000@lausd.net'), false)
 */
export const Email = checked(t.string, emailProblem, 'an email address')

/**
 * The educator who enrolls: an id, a name and an email address, nothing else.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Educator } from 'microcred'
 * const maria = { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
 * assert.equal(Educator.is(maria), true)
 * assert.equal(Educator.is({ ...maria, email: 'maria.lopez' }), false)
 * assert.equal(Educator.is({ ...maria, isAdmin: true }), false) // an unknown field
 */
export const Educator = exact({ id: Id, name: NonEmptyText, email: Email }, undefined, 'Educator')
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
 * One piece of evidence: what kind, where it is (a link reports render: `WebUrl`), and
 * optionally a title.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Evidence } from 'microcred'
 * assert.equal(Evidence.is({ kind: 'video', url: 'https://video.lausd.net/v/123' }), true)
 * assert.equal(Evidence.is({ kind: 'video', url: 'https://video.lausd.net/v/123', title: 'Day 1' }), true)
 * assert.equal(Evidence.is({ kind: 'video', url: 'video.lausd.net/v/123' }), false) // not absolute
 * assert.equal(Evidence.is({ kind: 'link', url: 'javascript:alert(1)' }), false)
 * assert.equal(Evidence.is({ kind: 'link', url: 'https://a.org', script: 'alert(1)' }), false)
 */
export const Evidence = exact(
  { kind: EvidenceKind, url: WebUrl },
  { title: NonEmptyText },
  'Evidence',
)
/** One piece of evidence. */
export type Evidence = t.TypeOf<typeof Evidence>

/**
 * At least one piece of evidence, at most 100.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { EvidenceList } from 'microcred'
 * assert.equal(EvidenceList.is([{ kind: 'link', url: 'https://lausd.net/unit' }]), true)
 * assert.equal(EvidenceList.is([]), false)
 */
export const EvidenceList = refine(
  list(Evidence),
  (items) => items.length > 0,
  'at least one piece of evidence',
)

/**
 * Scores by rubric criterion id: at most 100, each key an id (`Id`: no NUL, no
 * `Object.prototype` name), each score a whole number.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Scores } from 'microcred'
 * assert.equal(Scores.is({ planning: 3, evidence: 4 }), true)
 * assert.equal(Scores.is({ planning: 2.5 }), false) // whole numbers only
 * assert.equal(Scores.is({ 'plan\u0000': 3 }), false)
 * assert.equal(Scores.is(JSON.parse('{"constructor": 3}')), false)
 */
export const Scores = boundedRecord(Id, NonNegativeInteger, undefined, 'Scores')
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

/**
 * The id of an issued badge: an absolute URL (`https:`, or `urn:uuid:` as Open Badges allows) of
 * at most 2,048 characters, with no white space or control character, and not a scheme that runs
 * code or reads local files (`javascript:`, `vbscript:`, `data:`, `file:`, `blob:`).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { BadgeId } from 'microcred'
 * assert.equal(BadgeId.is('https://achieve.lausd.net/credentials/credential-enr-1'), true)
 * assert.equal(BadgeId.is('urn:uuid:2f6a7ef4-83f4-4a4c-9a43-4ca2a1b4b1b5'), true)
 * assert.equal(BadgeId.is('javascript:alert(1)'), false)
 */
export const BadgeId = checked(
  Url,
  (s) =>
    s.length > 2_048
      ? `a badge id has at most 2,048 characters; this one has ${s.length}`
      : /[\s\p{Cc}\p{Cf}]/u.test(s) || !s.isWellFormed()
        ? 'a badge id may not contain white space or a control character'
        : /^\s*(javascript|vbscript|data|file|blob):/i.test(s)
          ? 'a badge id may not be a javascript:, vbscript:, data:, file: or blob: URL'
          : undefined,
  'a badge id (an absolute URL)',
)
