/**
 * Who may act on an enrollment. The test reads the authorization table itself (`mayAct` below,
 * written from the rules, not from `authorizationRules`), and checks `decide` against it: a
 * command from an actor the table does not allow is refused with exactly `NotAuthorized`, naming
 * that actor and action (and its message names the actor and the action), and nothing is
 * appended; a command from an actor the table allows is never refused as unauthorized.
 *
 * Two ways of sending commands from the wrong people: generated journeys replayed with every step
 * sent by a random actor (each command is otherwise valid, so an allowed actor must see it
 * accepted), and journeys with random commands from random actors mixed in.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  enrollment,
  type Action,
  type Actor,
  type DomainError,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type Role,
} from '../../src/index.js'
import {
  actorArbitrary,
  journeyArbitrary,
  minutesAfter,
  noisyJourneyArbitrary,
  type Journey,
  type Step,
} from '../../src/testing/index.js'

// -------------------------------------------------------------------------------------
// the test's own reading of the table
// -------------------------------------------------------------------------------------

/**
 * The rules, written here again on purpose: an administrator enrolls anyone and an educator
 * themself; face-to-face hours come from a facilitator, online hours from the LMS or an
 * administrator, homework hours from the educator or a facilitator; only the educator submits
 * their work; an assessor grades, never their own work; the educator or an administrator
 * withdraws; an administrator other than the educator revokes, records a badge or expires the
 * enrollment; a facilitator, an assessor or an administrator other than the educator records a
 * coaching conversation.
 */
const mayAct = (command: EnrollmentCommand, actor: Actor, educatorId: string): boolean => {
  const has = (role: Role) => actor.roles.includes(role)
  const self = actor.id === educatorId
  switch (command.type) {
    case 'Enroll':
      return has('administrator') || (has('educator') && self)
    case 'RecordHours':
      if (command.data.mode === 'faceToFace') return has('facilitator') && !self
      if (command.data.mode === 'online') return (has('lms') || has('administrator')) && !self
      return (has('educator') && self) || (has('facilitator') && !self)
    case 'SubmitArtifact':
    case 'SubmitCapstone':
      return has('educator') && self
    case 'GradeArtifact':
    case 'GradeCapstone':
      return has('assessor') && !self
    case 'Withdraw':
      return (has('educator') && self) || has('administrator')
    case 'RevokeCredential':
    case 'IssueBadge':
    case 'ExpireEnrollment':
      return has('administrator') && !self
    case 'RecordCoachingConversation':
      return (has('facilitator') || has('assessor') || has('administrator')) && !self
  }
}

/** The action a command is authorized as: hours by their mode, anything else by its type. */
const actionOf = (command: EnrollmentCommand): Action => {
  if (command.type !== 'RecordHours') return command.type
  const byMode = {
    faceToFace: 'RecordFaceToFaceHours',
    online: 'RecordOnlineHours',
    homework: 'RecordHomeworkHours',
  } as const
  return byMode[command.data.mode]
}

type Decision = E.Either<DomainError, ReadonlyArray<EnrollmentEvent>>

/** The refusal, exactly: its tag, the actor and action it names, and a message naming both. */
const expectNotAuthorized = (decision: Decision, actor: Actor, action: Action): void => {
  const left = E.isLeft(decision)
    ? decision.left
    : `accepted: ${decision.right.map((e) => e.type).join(', ')}`
  expect(left).toEqual({
    _tag: 'NotAuthorized',
    actorId: actor.id,
    action,
    message: expect.stringContaining(actor.id),
  })
  expect(E.isLeft(decision) && decision.left.message).toContain(` ${action} `)
}

/** The ids of everyone in a journey: the educator and the cast. */
const idsOf = (journey: Journey): string[] => [
  journey.educator.id,
  ...Object.values(journey.cast).map((actor) => actor.id),
]

const isGrading = (command: EnrollmentCommand) =>
  command.type === 'GradeArtifact' || command.type === 'GradeCapstone'
const isSubmission = (command: EnrollmentCommand) =>
  command.type === 'SubmitArtifact' || command.type === 'SubmitCapstone'
const isClosing = (command: EnrollmentCommand) =>
  command.type === 'RevokeCredential' || command.type === 'IssueBadge'

// -------------------------------------------------------------------------------------
// generators
// -------------------------------------------------------------------------------------

const roles: ReadonlyArray<Role> = [
  'educator',
  'facilitator',
  'assessor',
  'administrator',
  'lms',
  'approver',
]

/**
 * Random actors for a journey: anyone in it, or a stranger, with random roles (`actorArbitrary`);
 * or, one time in three, the educator themself with random roles, where `self` and `other` differ.
 */
const actorFor = (journey: Journey): fc.Arbitrary<Actor> =>
  fc.oneof(
    { weight: 2, arbitrary: actorArbitrary(idsOf(journey)) },
    {
      weight: 1,
      arbitrary: fc.record({
        id: fc.constant(journey.educator.id),
        roles: fc.subarray([...roles]),
      }),
    },
  )

/**
 * A journey that earns the credential, then an administrator records its badge and revokes it:
 * every step accepted. With it, for each step, a random actor to send it instead.
 */
const replayedByOthers = journeyArbitrary().chain((journey) => {
  const last = journey.steps[journey.steps.length - 1]?.context.at ?? '2026-09-01T15:00:00Z'
  const { enrollmentId, cast } = journey
  const closing: EnrollmentCommand[] = [
    {
      type: 'IssueBadge',
      data: {
        enrollmentId,
        badgeId: `https://badges.example.org/credentials/${enrollmentId}`,
        format: 'jwt',
        salt: '9f86d081884c7d65',
      },
    },
    { type: 'RevokeCredential', data: { enrollmentId, reason: 'Issued in error.' } },
  ]
  const steps: Step[] = [
    ...journey.steps,
    ...closing.map((command, i) => ({
      command,
      context: {
        actor: cast.administrator,
        at: minutesAfter(last, 60 * (i + 1)),
        commandId: `closing-${i + 1}`,
      },
    })),
  ]
  return fc.tuple(
    fc.constant({ ...journey, steps }),
    fc.array(actorFor(journey), { minLength: steps.length, maxLength: steps.length }),
  )
})

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

describe('authorization', () => {
  it('a journey step sent by another actor is accepted if the table allows them, else refused as NotAuthorized naming them', () => {
    const seen = { allowed: 0, refused: 0, ownGrading: 0, othersSubmission: 0, ownCredential: 0 }
    fc.assert(
      fc.property(replayedByOthers, ([journey, actors]) => {
        let state = enrollment.initialState
        journey.steps.forEach((step, i) => {
          const actor = actors[i] ?? journey.cast.administrator
          const decision = enrollment.decide(step.command, state, { ...step.context, actor })
          const original = enrollment.decide(step.command, state, step.context)
          if (E.isLeft(original))
            throw new Error(`a journey step was refused: ${original.left.message}`)
          if (mayAct(step.command, actor, journey.educator.id)) {
            seen.allowed++
            expect(E.isLeft(decision) ? decision.left : 'accepted').toBe('accepted')
            expect(E.isRight(decision) && decision.right.map((e) => e.type)).toEqual(
              original.right.map((e) => e.type),
            )
          } else {
            seen.refused++
            const self = actor.id === journey.educator.id
            if (self && actor.roles.includes('assessor') && isGrading(step.command)) {
              seen.ownGrading++
            }
            if (!self && actor.roles.includes('educator') && isSubmission(step.command)) {
              seen.othersSubmission++
            }
            if (self && actor.roles.includes('administrator') && isClosing(step.command)) {
              seen.ownCredential++
            }
            expectNotAuthorized(decision, actor, actionOf(step.command))
          }
          state = enrollment.fold(original.right, state)
        })
      }),
      { numRuns: 80 },
    )
    // The cases the table is most easily wrong about are tried many times over.
    expect(seen.allowed).toBeGreaterThan(600)
    expect(seen.refused).toBeGreaterThan(1500)
    expect(seen.ownGrading).toBeGreaterThan(60)
    expect(seen.othersSubmission).toBeGreaterThan(60)
    expect(seen.ownCredential).toBeGreaterThan(8)
  })

  it('among random commands, every one the table refuses is refused as NotAuthorized naming the actor', () => {
    const seen = { refused: 0, allowed: 0 }
    fc.assert(
      fc.property(noisyJourneyArbitrary(), (journey) => {
        let state = enrollment.initialState
        for (const { command, context } of journey.steps) {
          const decision = enrollment.decide(command, state, context)
          // Only an enrollment that exists, and is the one named, gets as far as the table.
          const reachesTheTable =
            command.type === 'Enroll'
              ? state.status === 'notEnrolled' || state.enrollmentId === command.data.enrollmentId
              : state.status !== 'notEnrolled' && state.enrollmentId === command.data.enrollmentId
          if (reachesTheTable) {
            const educatorId =
              command.type === 'Enroll' ? command.data.educator.id : journey.educator.id
            if (mayAct(command, context.actor, educatorId)) {
              seen.allowed++
              expect(E.isLeft(decision) && decision.left._tag).not.toBe('NotAuthorized')
            } else {
              seen.refused++
              expectNotAuthorized(decision, context.actor, actionOf(command))
            }
          }
          if (E.isRight(decision)) state = enrollment.fold(decision.right, state)
        }
      }),
      { numRuns: 100 },
    )
    expect(seen.refused).toBeGreaterThan(100)
    expect(seen.allowed).toBeGreaterThan(2000)
  })
})
