/**
 * Random commands from random actors: structurally valid commands that may break any rule
 * (unknown ids, bad hours, wrong attempts, missing scores, the wrong actor, a date in the past),
 * mixed into journeys to test what must hold whatever is sent.
 *
 * @packageDocumentation
 */
import fc from 'fast-check'
import type { Actor, Role } from '../context.js'
import type { EnrollmentCommand } from '../enrollment/commands.js'
import type { Evidence } from '../enrollment/shared.js'
import { modes } from '../hours.js'
import type { Program } from '../program/program.js'
import type { Journey, JourneyOptions, Step } from './journey.js'
import { journeyArbitrary, minutesAfter } from './journey.js'

const roles: ReadonlyArray<Role> = [
  'educator',
  'facilitator',
  'assessor',
  'administrator',
  'lms',
  'approver',
]

/**
 * Actors with a random id among `ids` (plus a stranger) and a random set of roles.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { actorArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(actorArbitrary(['educator-1']), (actor) => assert.ok(['educator-1', 'stranger-1'].includes(actor.id))),
 *   { numRuns: 20 },
 * )
 */
export const actorArbitrary = (ids: ReadonlyArray<string>): fc.Arbitrary<Actor> =>
  fc.record({
    id: fc.constantFrom(...ids, 'stranger-1'),
    roles: fc.subarray([...roles]),
  })

/**
 * Structurally valid enrollment commands about `program` that may break any rule: ids of the
 * program or unknown ones, hours on and off the quarter-hour grid, any attempt, partial scores.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { catalog, EnrollmentCommand } from 'microcred'
 * import { commandArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(commandArbitrary(catalog.steam, 'enrollment-1'), (command) => assert.ok(EnrollmentCommand.is(command))),
 *   { numRuns: 20 },
 * )
 */
export const commandArbitrary = (
  program: Program,
  enrollmentId: string,
): fc.Arbitrary<EnrollmentCommand> => {
  const id = fc.constantFrom(enrollmentId, enrollmentId, enrollmentId, 'another-enrollment')
  const modules = program.courses.flatMap((course) => course.modules.map((module) => module.id))
  const moduleId = fc.constantFrom(...modules, 'unknown-module')
  const eola = fc.constantFrom(...program.eolas, undefined)
  const eolaId = eola.map((e) => e?.id ?? 'unknown-eola')
  const attempt = fc.integer({ min: 1, max: 4 })
  const criteria = [...new Set(program.eolas.flatMap((e) => e.rubric.map((c) => c.id)))]
  const scores = fc.dictionary(
    fc.constantFrom(...criteria, 'unknown-criterion'),
    fc.integer({ min: 0, max: 6 }),
  )
  const url = fc.constantFrom('https://evidence.example.org/a', 'https://evidence.example.org/b')
  const text = fc.constantFrom('A reflection.', 'Next steps.')
  const progressing = fc.oneof(
    fc.record({
      type: fc.constant('RecordHours' as const),
      data: fc.record({
        enrollmentId: id,
        moduleId,
        mode: fc.constantFrom(...modes),
        hours: fc.constantFrom(0.25, 0.5, 1, 2.75, 6, 12, 12.5, 0.3, 40),
      }),
    }),
    fc.record({
      type: fc.constant('SubmitArtifact' as const),
      data: fc.record({
        enrollmentId: id,
        eolaId,
        evidence: fc.constant([
          { kind: 'video', url: 'https://evidence.example.org/video' },
        ] as Evidence[]),
        reflection: text,
      }),
    }),
    fc.record({
      type: fc.constant('GradeArtifact' as const),
      data: fc.record({ enrollmentId: id, eolaId, attempt, scores, feedback: fc.constant('') }),
    }),
    fc.record({
      type: fc.constant('SubmitCapstone' as const),
      data: fc.record({
        enrollmentId: id,
        enactedEolaId: eolaId,
        documentationUrl: url,
        reflection: text,
        nextSteps: text,
      }),
    }),
    fc.record({
      type: fc.constant('GradeCapstone' as const),
      data: fc.record({
        enrollmentId: id,
        attempt,
        outcome: fc.constantFrom('meets' as const, 'revise' as const),
        feedback: fc.constant(''),
      }),
    }),
    fc.record({
      type: fc.constant('RevokeCredential' as const),
      data: fc.record({ enrollmentId: id, reason: text }),
    }),
    fc.record({
      type: fc.constant('IssueBadge' as const),
      data: fc.record({
        enrollmentId: id,
        badgeId: fc.constantFrom('https://achieve.lausd.net/credentials/c-1'),
        format: fc.constantFrom('jwt' as const, 'data-integrity' as const),
        salt: fc.stringMatching(/^[0-9a-f]{8,32}$/),
      }),
    }),
  )
  const withdrawing = fc.record({
    type: fc.constant('Withdraw' as const),
    data: fc.record({ enrollmentId: id, reason: text }),
  })
  const expiring = fc.record({
    type: fc.constant('ExpireEnrollment' as const),
    data: fc.oneof(
      fc.record({ enrollmentId: id, reason: text }),
      fc.record({
        enrollmentId: id,
        reason: text,
        cohortId: fc.constantFrom('cohort-1', 'another-cohort'),
      }),
    ),
  })
  // A withdrawal or an expiry ends the journey, so they come rarely and most noise tests the
  // other rules.
  return fc.oneof(
    { weight: 15, arbitrary: progressing },
    { weight: 1, arbitrary: fc.oneof(withdrawing, expiring) },
  )
}

/**
 * Journeys with random commands from random actors mixed in after the enrollment, each dated
 * near the step it follows (sometimes before it). Anything may be refused; the properties that
 * must hold whatever is sent are checked against these.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import fc from 'fast-check'
 * import { noisyJourneyArbitrary } from 'microcred/testing'
 * fc.assert(
 *   fc.property(noisyJourneyArbitrary(), (journey) => assert.equal(journey.steps[0]?.command.type, 'Enroll')),
 *   { numRuns: 5 },
 * )
 */
export const noisyJourneyArbitrary = (options: JourneyOptions = {}): fc.Arbitrary<Journey> =>
  journeyArbitrary(options).chain((journey) => {
    const ids = [journey.educator.id, ...Object.values(journey.cast).map((actor) => actor.id)]
    const noise = fc.record({
      position: fc.nat(),
      command: commandArbitrary(journey.program, journey.enrollmentId),
      actor: fc.oneof(actorArbitrary(ids), fc.constantFrom(...Object.values(journey.cast))),
      minutes: fc.integer({ min: -90, max: 59 }),
    })
    return fc.array(noise, { maxLength: 40 }).map((extras): Journey => {
      const steps: Step[] = [...journey.steps]
      extras.forEach((extra, k) => {
        const position = 1 + (extra.position % steps.length)
        const before = steps[position - 1]?.context.at ?? '2026-09-01T15:00:00Z'
        steps.splice(position, 0, {
          command: extra.command,
          context: {
            actor: extra.actor,
            at: minutesAfter(before, extra.minutes),
            commandId: `noise-${k + 1}`,
          },
        })
      })
      return { ...journey, steps }
    })
  })
