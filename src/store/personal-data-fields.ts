/**
 * Which fields of the enrollment's events are personal data, the placeholders they read as once
 * erased, and copying an event's data with some fields replaced (only the objects on their
 * paths are copied). The sealing is in `personal-data-seal.ts`, the store wrapper in
 * `personal-data.ts`.
 *
 * Internal: its public members are re-exported by name from the store's index.
 *
 * @internal
 * @packageDocumentation
 */
import type { EnrollmentEventType } from '../enrollment/events.js'
import type { FeedbackEvent } from '../feedback/events.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a personal field holds, which decides its placeholder. */
export type PersonalFieldKind = 'text' | 'email' | 'url'

/** A personal field of an event's `data`: its path (`*` for every item of a list) and kind. */
export interface PersonalField {
  readonly path: string
  readonly kind: PersonalFieldKind
}

/**
 * The values personal data reads as once erased (and as the stored rows always hold it). Each
 * decodes where the original did: a non-empty text, an email address and an `https:` link under
 * `.invalid` (RFC 2606: a name that never resolves). A sealed command digest reads as `removed`,
 * which matches no command, so a `commandId` of an erased command is `CommandIdReused` if sent
 * again.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { Educator, personalDataPlaceholders, WebUrl } from 'microcred'
 * const { text, email, url } = personalDataPlaceholders
 * assert.equal(Educator.is({ id: 'edu-1', name: text, email }), true)
 * assert.equal(WebUrl.is(url), true)
 */
export const personalDataPlaceholders = {
  text: '[personal data removed]',
  email: 'removed@personal-data.invalid',
  url: 'https://personal-data.invalid/removed',
  commandDigest: 'removed',
} as const

/** The events that hold personal data: the enrollment's, and a survey answer's. */
export type PersonalEventType = EnrollmentEventType | FeedbackEvent['type']

/**
 * The personal fields of the events: the educator's name and email; the evidence links and
 * titles, reflections, capstone documentation and next steps they submitted; the assessors'
 * feedback on their work; the reasons given for a withdrawal, an expiry or a revocation; the
 * comment of a survey answer. Ids, times, hours, scores, survey ratings, outcomes, credentials
 * and salary points are not personal fields: they are what the log must keep. (Ids name people too, so a district uses
 * opaque ids, never email addresses: see docs/personal-data.md.)
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { personalDataFields } from 'microcred'
 * assert.deepEqual(personalDataFields.EducatorEnrolled?.map((f) => f.path), ['educator.name', 'educator.email'])
 * assert.equal(personalDataFields.HoursRecorded, undefined) // nothing personal in hours
 */
export const personalDataFields: Readonly<
  Partial<Record<PersonalEventType, ReadonlyArray<PersonalField>>>
> = {
  EducatorEnrolled: [
    { path: 'educator.name', kind: 'text' },
    { path: 'educator.email', kind: 'email' },
  ],
  ArtifactSubmitted: [
    { path: 'evidence.*.url', kind: 'url' },
    { path: 'evidence.*.title', kind: 'text' },
    { path: 'reflection', kind: 'text' },
  ],
  ArtifactGraded: [{ path: 'feedback', kind: 'text' }],
  ArtifactScored: [{ path: 'feedback', kind: 'text' }],
  CoachingConversationRecorded: [{ path: 'notes', kind: 'text' }],
  CapstoneSubmitted: [
    { path: 'documentationUrl', kind: 'url' },
    { path: 'reflection', kind: 'text' },
    { path: 'nextSteps', kind: 'text' },
  ],
  CapstoneGraded: [{ path: 'feedback', kind: 'text' }],
  CapstoneScored: [{ path: 'feedback', kind: 'text' }],
  EnrollmentWithdrawn: [{ path: 'reason', kind: 'text' }],
  EnrollmentExpired: [{ path: 'reason', kind: 'text' }],
  CredentialRevoked: [{ path: 'reason', kind: 'text' }],
  FeedbackSubmitted: [{ path: 'comment', kind: 'text' }],
}

/**
 * The events that name their own educator, by the path of the id: their personal data is that
 * educator's. Any other event's is its stream's educator (the stream's `EducatorEnrolled`). A
 * cohort's feedback stream holds many educators' answers, each sealed under its own key.
 */
const ownEducatorPaths: Readonly<Partial<Record<PersonalEventType, string>>> = {
  EducatorEnrolled: 'educator.id',
  FeedbackSubmitted: 'educatorId',
}

/** The educator an event names as its own (see `ownEducatorPaths`), if it is such an event. */
export const ownEducatorOf = (event: {
  readonly type: string
  readonly data: unknown
}): { readonly path: string; readonly educatorId: string | undefined } | undefined => {
  const path = (ownEducatorPaths as Readonly<Record<string, string>>)[event.type]
  if (path === undefined) return undefined
  const id = valueAt(event.data, path.split('.'))
  return { path, educatorId: typeof id === 'string' && id !== '' ? id : undefined }
}

// -------------------------------------------------------------------------------------
// paths (internal)
// -------------------------------------------------------------------------------------

export type Segment = string | number

export type Json = Record<string, unknown>

export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Each place `pattern` (split on dots, `*` for any index) names in `data`. */
export const pathsIn = (pattern: string, data: unknown): Segment[][] => {
  const segments = pattern.split('.')
  const walk = (at: unknown, i: number, prefix: Segment[]): Segment[][] => {
    const segment = segments[i]
    if (segment === undefined) return [prefix]
    if (segment === '*') {
      return Array.isArray(at)
        ? at.flatMap((item, index) => walk(item, i + 1, [...prefix, index]))
        : []
    }
    return isRecord(at) && Object.hasOwn(at, segment)
      ? walk(at[segment], i + 1, [...prefix, segment])
      : []
  }
  return walk(data, 0, [])
}

/** The value at `path`, where every step of it exists. */
export const valueAt = (data: unknown, path: ReadonlyArray<Segment>): unknown => {
  let at: unknown = data
  for (const segment of path) {
    if (Array.isArray(at) && typeof segment === 'number') at = at[segment]
    else if (isRecord(at) && typeof segment === 'string' && Object.hasOwn(at, segment)) {
      at = at[segment]
    } else return undefined
  }
  return at
}

/**
 * `data` with the value at each path replaced, copying only the objects and lists on the paths
 * (the rest, such as an enrollment's pinned requirements, is shared, not cloned); `undefined`
 * where a path does not lead to an existing member. `data` is not changed.
 */
export const replaced = (
  data: unknown,
  entries: ReadonlyArray<readonly [ReadonlyArray<Segment>, unknown]>,
): { readonly data: unknown } | undefined => {
  if (entries.length === 0) return { data }
  const copies = new Map<object, Json | unknown[]>()
  const copyOf = (container: Json | unknown[]): Json | unknown[] => {
    let copy = copies.get(container)
    if (copy === undefined) {
      copy = Array.isArray(container) ? [...container] : { ...container }
      copies.set(container, copy)
    }
    return copy
  }
  if (!isRecord(data) && !Array.isArray(data)) return undefined
  const root = copyOf(data)
  for (const [path, value] of entries) {
    let original: Json | unknown[] = data
    let copy = root
    for (const [i, segment] of path.entries()) {
      const exists = Array.isArray(original)
        ? typeof segment === 'number' && segment < original.length
        : typeof segment === 'string' && Object.hasOwn(original, segment)
      if (!exists) return undefined
      const at = segment as never
      if (i === path.length - 1) {
        copy[at] = value as never
        break
      }
      const child: unknown = original[at]
      if (!isRecord(child) && !Array.isArray(child)) return undefined
      const childCopy = copyOf(child)
      copy[at] = childCopy as never
      original = child
      copy = childCopy
    }
  }
  return { data: root }
}

/** The field of `type` that a stored path (`evidence.0.url`) is, or undefined. */
export const fieldOf = (
  type: string,
  stored: string,
): { path: Segment[]; field: PersonalField } | undefined => {
  const fields = (personalDataFields as Readonly<Record<string, ReadonlyArray<PersonalField>>>)[
    type
  ]
  const parts = stored.split('.')
  for (const field of fields ?? []) {
    const pattern = field.path.split('.')
    if (pattern.length !== parts.length) continue
    const path: Segment[] = []
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string
      if (pattern[i] === '*' && /^(0|[1-9]\d{0,5})$/.test(part)) path.push(Number(part))
      else if (pattern[i] === part) path.push(part)
      else break
    }
    if (path.length === parts.length) return { path, field }
  }
  return undefined
}

export const personalFieldsOf = (type: string): ReadonlyArray<PersonalField> | undefined =>
  (personalDataFields as Readonly<Record<string, ReadonlyArray<PersonalField>>>)[type]

// -------------------------------------------------------------------------------------
// utils
// -------------------------------------------------------------------------------------

/**
 * The event with its personal fields replaced by `personalDataPlaceholders`: what it reads as
 * once its educator's data is erased. For anonymised copies (a report, a test fixture).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { personalDataPlaceholders, redactPersonalData } from 'microcred'
 * const withdrawn = { type: 'EnrollmentWithdrawn', data: { enrollmentId: 'e1', at: '2027-01-10T16:00:00Z', reason: 'Medical leave', withdrawnBy: 'admin-1' } }
 * const redacted = redactPersonalData(withdrawn)
 * assert.equal(redacted.data.reason, personalDataPlaceholders.text)
 * assert.equal(redacted.data.withdrawnBy, 'admin-1')
 * assert.equal(withdrawn.data.reason, 'Medical leave') // the input is not changed
 */
export const redactPersonalData = <Ev extends { readonly type: string; readonly data: unknown }>(
  event: Ev,
): Ev => {
  const placeholders = (personalFieldsOf(event.type) ?? []).flatMap((field) =>
    pathsIn(field.path, event.data).map(
      (path) => [path, personalDataPlaceholders[field.kind]] as const,
    ),
  )
  return { ...event, data: replaced(event.data, placeholders)?.data ?? event.data }
}
