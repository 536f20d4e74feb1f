/**
 * Who may do what, as data: each action lists the grants that allow it, a grant being a role and
 * the actor's relation to the action's subject: the enrolled educator for an enrollment's
 * actions, the author of the draft for a program's review, the attendee or respondent for a
 * cohort's or a survey's. Each decider enforces the table for its own actions.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Actor, Role } from './context.js'
import type { NotAuthorized } from './errors.js'

/** The actions the table governs. */
export type Action =
  | 'Enroll'
  | 'RecordFaceToFaceHours'
  | 'RecordOnlineHours'
  | 'RecordHomeworkHours'
  | 'SubmitArtifact'
  | 'GradeArtifact'
  | 'SubmitCapstone'
  | 'GradeCapstone'
  | 'Withdraw'
  | 'RevokeCredential'
  | 'IssueBadge'
  | 'ExpireEnrollment'
  | 'RecordCoachingConversation'
  | 'DraftProgram'
  | 'ReviseProgram'
  | 'SubmitProgramForReview'
  | 'RequestProgramChanges'
  | 'ApproveProgram'
  | 'PublishProgram'
  | 'RetireProgram'
  | 'ScheduleCohort'
  | 'AdmitEducator'
  | 'ScheduleSession'
  | 'RecordAttendance'
  | 'CloseCohort'
  | 'AssignStaff'
  | 'SubmitFeedback'
  | 'DefineStack'
  | 'AwardStack'

/**
 * How the actor must stand to the action's subject (the enrolled educator, or a draft's author):
 * `self` (the subject themself), `other` (anyone but the subject: no one grades their own work,
 * no approver approves their own draft) or `any`.
 */
export type Relation = 'self' | 'other' | 'any'

/** One way to be allowed an action: hold `role`, standing in `relation` to the educator. */
export interface Grant {
  readonly role: Role
  readonly relation: Relation
}

/** The whole table: for each action, the grants that allow it. */
export type AuthorizationRules = Readonly<Record<Action, ReadonlyArray<Grant>>>

/**
 * The default table: an administrator enrolls anyone and an educator may enroll themself;
 * face-to-face hours come from a facilitator, online hours from the LMS or an administrator,
 * homework hours from the educator or a facilitator; only the educator submits their work; an
 * assessor grades, never their own work; the educator or an administrator withdraws; only an
 * administrator revokes, or records the issue of a badge.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { authorizationRules } from 'microcred'
 * assert.deepEqual(authorizationRules.RecordOnlineHours.map((grant) => grant.role), ['lms', 'administrator'])
 * assert.deepEqual(authorizationRules.GradeArtifact, [{ role: 'assessor', relation: 'other' }])
 */
export const authorizationRules: AuthorizationRules = {
  Enroll: [
    { role: 'administrator', relation: 'any' },
    { role: 'educator', relation: 'self' },
  ],
  RecordFaceToFaceHours: [{ role: 'facilitator', relation: 'other' }],
  RecordOnlineHours: [
    { role: 'lms', relation: 'other' },
    { role: 'administrator', relation: 'other' },
  ],
  RecordHomeworkHours: [
    { role: 'educator', relation: 'self' },
    { role: 'facilitator', relation: 'other' },
  ],
  SubmitArtifact: [{ role: 'educator', relation: 'self' }],
  GradeArtifact: [{ role: 'assessor', relation: 'other' }],
  SubmitCapstone: [{ role: 'educator', relation: 'self' }],
  GradeCapstone: [{ role: 'assessor', relation: 'other' }],
  Withdraw: [
    { role: 'educator', relation: 'self' },
    { role: 'administrator', relation: 'any' },
  ],
  RevokeCredential: [{ role: 'administrator', relation: 'other' }],
  IssueBadge: [{ role: 'administrator', relation: 'other' }],
  ExpireEnrollment: [{ role: 'administrator', relation: 'other' }],
  RecordCoachingConversation: [
    { role: 'facilitator', relation: 'other' },
    { role: 'assessor', relation: 'other' },
    { role: 'administrator', relation: 'other' },
  ],
  DraftProgram: [{ role: 'administrator', relation: 'any' }],
  ReviseProgram: [{ role: 'administrator', relation: 'any' }],
  SubmitProgramForReview: [{ role: 'administrator', relation: 'any' }],
  RequestProgramChanges: [{ role: 'approver', relation: 'other' }],
  ApproveProgram: [{ role: 'approver', relation: 'other' }],
  PublishProgram: [{ role: 'administrator', relation: 'any' }],
  RetireProgram: [{ role: 'administrator', relation: 'any' }],
  ScheduleCohort: [{ role: 'administrator', relation: 'any' }],
  AdmitEducator: [
    { role: 'administrator', relation: 'any' },
    { role: 'educator', relation: 'self' },
  ],
  ScheduleSession: [
    { role: 'administrator', relation: 'any' },
    { role: 'facilitator', relation: 'any' },
  ],
  RecordAttendance: [{ role: 'facilitator', relation: 'other' }],
  CloseCohort: [{ role: 'administrator', relation: 'any' }],
  AssignStaff: [{ role: 'administrator', relation: 'any' }],
  SubmitFeedback: [{ role: 'educator', relation: 'self' }],
  DefineStack: [{ role: 'administrator', relation: 'any' }],
  AwardStack: [{ role: 'administrator', relation: 'other' }],
}

/** What each action acts on, as its refusals name it ("on e-1's enrollment"). */
const subjectOf: Readonly<Record<Action, string>> = {
  Enroll: 'enrollment',
  RecordFaceToFaceHours: 'enrollment',
  RecordOnlineHours: 'enrollment',
  RecordHomeworkHours: 'enrollment',
  SubmitArtifact: 'enrollment',
  GradeArtifact: 'enrollment',
  SubmitCapstone: 'enrollment',
  GradeCapstone: 'enrollment',
  Withdraw: 'enrollment',
  RevokeCredential: 'enrollment',
  IssueBadge: 'enrollment',
  ExpireEnrollment: 'enrollment',
  RecordCoachingConversation: 'enrollment',
  DraftProgram: 'program',
  ReviseProgram: 'program',
  SubmitProgramForReview: 'program',
  RequestProgramChanges: 'program',
  ApproveProgram: 'program',
  PublishProgram: 'program',
  RetireProgram: 'program',
  ScheduleCohort: 'cohort',
  AdmitEducator: 'cohort',
  ScheduleSession: 'cohort',
  RecordAttendance: 'attendance',
  CloseCohort: 'cohort',
  AssignStaff: 'assignment',
  SubmitFeedback: 'feedback',
  DefineStack: 'stack',
  AwardStack: 'stack',
}

const withArticle = (role: Role): string =>
  /^([aeiou]|lms)/.test(role) ? `an ${role}` : `a ${role}`

/** Whom an action's subject id names, as a refusal calls them ("other than the attendee"). */
const subjectPerson = (action: Action): string => {
  switch (subjectOf[action]) {
    case 'program':
      return "the program's author"
    case 'attendance':
      return 'the attendee'
    case 'assignment':
      return 'the staff member'
    default:
      return 'the educator'
  }
}

const describeGrant = (action: Action, grant: Grant): string =>
  grant.relation === 'self'
    ? `the ${grant.role} themself`
    : grant.relation === 'other'
      ? `${withArticle(grant.role)} other than ${subjectPerson(action)}`
      : withArticle(grant.role)

/**
 * The form of a person's id that identities are compared in: Unicode NFKC (so a full-width
 * `ＥＤＵ－１` or a ligature reads as its plain letters), without white space at either end, in
 * lower case.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { identityKey } from 'microcred'
 * assert.equal(identityKey('E-1'), 'e-1')
 * assert.equal(identityKey(' ＥＤＵ－１ '), 'edu-1')
 */
export const identityKey = (id: string): string => id.normalize('NFKC').trim().toLowerCase()

/**
 * Whether two ids name the same person: the identity rule of microcred. Ids are compared after
 * `identityKey` (NFKC, trimmed, lower-cased), so `E-1`, `e-1` and `ｅ-1` are one person: `E-1`
 * may not grade `e-1`'s work, and an educator whose id differs from their enrollment's only by
 * case acts on it as themself. Ids are stored as they were sent; only comparisons normalize.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { sameIdentity } from 'microcred'
 * assert.equal(sameIdentity('E-1', 'e-1'), true)
 * assert.equal(sameIdentity('ｅ-1', 'e-1'), true) // full-width
 * assert.equal(sameIdentity('e-1', 'e-2'), false)
 */
export const sameIdentity = (a: string, b: string): boolean =>
  a === b || identityKey(a) === identityKey(b)

const allows = (grant: Grant, actor: Actor, subjectId: string): boolean =>
  actor.roles.includes(grant.role) &&
  (grant.relation === 'any' || (grant.relation === 'self') === sameIdentity(actor.id, subjectId))

/**
 * Whether `actor` may take `action` on what belongs to `subjectId` (the enrolled educator, a
 * draft's author, an attendee), under `rules`. Whether the actor is the subject (`self`) or not
 * (`other`) follows the identity rule, `sameIdentity`.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { authorize } from 'microcred'
 * const assessor = { id: 'a-1', roles: ['assessor' as const] }
 * assert.ok(E.isRight(authorize('GradeArtifact', assessor, 'educator-7')))
 * const own = authorize('GradeArtifact', assessor, 'a-1') // their own work
 * assert.ok(E.isLeft(own))
 * assert.equal(own.left._tag, 'NotAuthorized')
 * assert.equal(
 *   own.left.message,
 *   "a-1 (roles assessor) may not GradeArtifact on a-1's enrollment: it takes an assessor other than the educator",
 * )
 */
export const authorize = (
  action: Action,
  actor: Actor,
  subjectId: string,
  rules: AuthorizationRules = authorizationRules,
): E.Either<NotAuthorized, void> => {
  const grants = rules[action]
  if (grants.some((grant) => allows(grant, actor, subjectId))) return E.right(undefined)
  const roles = actor.roles.length === 0 ? 'no roles' : `roles ${actor.roles.join(', ')}`
  return E.left({
    _tag: 'NotAuthorized',
    message: `${actor.id} (${roles}) may not ${action} on ${subjectId}'s ${subjectOf[action]}: it takes ${grants.map((grant) => describeGrant(action, grant)).join(' or ')}`,
    actorId: actor.id,
    action,
  })
}
