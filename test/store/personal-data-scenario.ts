/**
 * Erasure of personal data, the same cases on every store: an educator's journey written through
 * `protectPersonalData`, the stored rows read directly (no name, email, reflection or feedback in
 * them), reads that give everything back, then `erasePersonalData` and reads that give the
 * placeholders while the enrollment still folds, still earns and still passes the history audit,
 * and a badge issued before the erasure still verifies. Run by test/store/personal-data.test.ts
 * (in memory) and test/postgres/personal-data.test.ts (PGlite and the server).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  aggregateStream,
  auditEnrollmentHistory,
  catalog,
  catalogPrograms,
  enrollment,
  enrollmentEvents,
  enrollmentStreamId,
  erasePersonalData,
  feedback,
  feedbackEvents,
  feedbackStreamId,
  handleCommand,
  isEnrolled,
  lausdPolicy,
  personalDataPlaceholders,
  protectPersonalData,
  readDecodedStream,
  redactPersonalData,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EventStore,
  type PersonalDataKeys,
} from 'microcred'
import {
  buildOpenBadgeCredential,
  buildRevocationList,
  generateIssuerKey,
  isRecipient,
  issuerProfileDocument,
  signBadgeDataIntegrity,
  verifyBadge,
} from 'microcred/badge'
import { journeyArbitrary, runSteps, type Journey } from 'microcred/testing'

/** A store to protect, its keys, and how to read what it holds without the wrapper. */
export interface ProtectedSetup {
  /** The store as it holds events (not wrapped). */
  readonly raw: EventStore
  readonly keys: PersonalDataKeys
  /** Every stored row as text, read as directly as the store allows (SQL on PostgreSQL). */
  readonly rawText: () => Promise<string>
  /** How many key rows the educator has, read directly. */
  readonly keyRows: (educatorId: string) => Promise<number>
  readonly cleanup: () => Promise<void>
}

let journeys = 0
/** An earned journey of the STEAM program for a new enrollment and a new educator. */
export const freshJourney = (seed = 7): Journey => {
  const n = ++journeys
  const [journey] = fc.sample(
    journeyArbitrary({ program: catalog.steam, enrollmentId: `pd-${process.pid}-${n}` }),
    { numRuns: 1, seed: seed + n },
  )
  if (journey === undefined) throw new Error('no journey')
  return journey
}

/** Every piece of personal data the journey's commands carry. */
export const personalStrings = (journey: Journey): string[] => {
  const found = new Set<string>([journey.educator.name, journey.educator.email])
  for (const { command } of journey.steps) {
    const data = command.data as Record<string, unknown>
    for (const key of ['reflection', 'feedback', 'nextSteps', 'documentationUrl', 'reason']) {
      const value = data[key]
      if (typeof value === 'string' && value !== '') found.add(value)
    }
    for (const piece of (data['evidence'] ?? []) as Array<{ url: string; title?: string }>) {
      found.add(piece.url)
      if (piece.title !== undefined) found.add(piece.title)
    }
  }
  return [...found]
}

/** Runs the journey's steps through the store; every one must be accepted. */
export const runJourney = async (store: EventStore, journey: Journey): Promise<void> => {
  for (const { command, context } of journey.steps) {
    const result = await handleCommand(store, enrollment, command, context)
    if (E.isLeft(result)) throw new Error(`${command.type}: ${result.left.message}`)
  }
}

/** The stream's events read through `store`, decoded. */
export const eventsOf = async (
  store: EventStore,
  enrollmentId: string,
): Promise<ReadonlyArray<EnrollmentEvent>> => {
  const read = await readDecodedStream(store, enrollmentEvents, enrollmentStreamId(enrollmentId))
  if (E.isLeft(read)) throw new Error(read.left.message)
  return read.right.events
}

const issuer = { id: 'https://achieve.lausd.net/microcred/issuer', name: 'Los Angeles Unified' }

/** The erasure cases on one kind of store. */
export const personalDataScenarios = (
  name: string,
  setup: () => Promise<ProtectedSetup>,
  skip = false,
): void => {
  describe.skipIf(skip)(`personal data on ${name}`, () => {
    it('enroll, record hours, grade: the stored rows hold no personal data, reads give it all back, the fold earns', async () => {
      const { raw, keys, rawText, keyRows, cleanup } = await setup()
      try {
        const store = protectPersonalData(raw, keys)
        const journey = freshJourney()
        await runJourney(store, journey)
        const text = await rawText()
        expect(text).toContain(journey.enrollmentId) // the rows are there,
        for (const personal of personalStrings(journey)) expect(text).not.toContain(personal)
        expect(await keyRows(journey.educator.id)).toBe(1)

        const expected = runSteps(journey.steps)
        expect(await eventsOf(store, journey.enrollmentId)).toEqual(expected.events)
        const read = await aggregateStream(
          store,
          enrollment,
          enrollmentStreamId(journey.enrollmentId),
        )
        if (E.isLeft(read)) throw new Error(read.left.message)
        expect(read.right.state).toEqual(expected.state)
        expect(read.right.state.status).toBe('earned')
      } finally {
        await cleanup()
      }
    })

    it('erase: the key row is deleted, reads give the placeholders, and hours, grades, award, salary points, the audit and the handler still work', async () => {
      const { raw, keys, rawText, keyRows, cleanup } = await setup()
      try {
        const store = protectPersonalData(raw, keys)
        const journey = freshJourney()
        await runJourney(store, journey)
        const streamId = enrollmentStreamId(journey.enrollmentId)
        const before = await eventsOf(store, journey.enrollmentId)

        expect(await erasePersonalData(keys, journey.educator.id)).toEqual(
          E.right({ educatorId: journey.educator.id }),
        )
        expect(await keyRows(journey.educator.id)).toBe(0)
        const text = await rawText()
        for (const personal of personalStrings(journey)) expect(text).not.toContain(personal)

        // Every event is still there, each as the redacted original.
        const after = await eventsOf(store, journey.enrollmentId)
        expect(after).toEqual(before.map(redactPersonalData))
        expect(JSON.stringify(after)).not.toContain(journey.educator.email)
        const read = await aggregateStream(store, enrollment, streamId)
        if (E.isLeft(read)) throw new Error(read.left.message)
        const { state } = read.right
        const earned = runSteps(journey.steps).state
        if (!isEnrolled(state) || !isEnrolled(earned)) throw new Error('not enrolled')
        expect(state.status).toBe('earned')
        expect(state.educator).toEqual({
          id: journey.educator.id,
          name: personalDataPlaceholders.text,
          email: personalDataPlaceholders.email,
        })
        expect(state.credential).toEqual(earned.credential)
        expect(state.credited).toEqual(earned.credited)
        expect(state.completedModules).toEqual(earned.completedModules)
        expect(state.completedCourses).toEqual(earned.completedCourses)
        const grades = (s: typeof state) =>
          Object.values(s.artifacts).flatMap((attempts) =>
            attempts.map(({ attempt, grade }) => [attempt, grade?.scores, grade?.outcome]),
          )
        expect(grades(state)).toEqual(grades(earned))
        expect(read.right.version).toBe(before.length)

        // The history audit still finds every event one the rules could have written.
        const audit = auditEnrollmentHistory({ policy: lausdPolicy, programs: catalogPrograms })
        const recorded = await store.readStream(streamId)
        const audited = audit(
          streamId,
          after.map((event, i) => ({
            version: i + 1,
            event,
            actorId: recorded[i]?.metadata.actorId ?? '',
          })),
        )
        expect(E.isRight(audited) && audited.right.status).toBe('earned')

        // The Enroll sent again with its id is no longer a repeat the store can recognise.
        const [first] = journey.steps
        if (first === undefined) throw new Error('no steps')
        const repeated = await handleCommand(store, enrollment, first.command, first.context)
        expect(E.isLeft(repeated) && repeated.left._tag).toBe('CommandIdReused')
        // A new command is decided on the erased state as on any other.
        const revoke: EnrollmentCommand = {
          type: 'RevokeCredential',
          data: { enrollmentId: journey.enrollmentId, reason: 'Issued in error' },
        }
        const revoked = await handleCommand(store, enrollment, revoke, {
          actor: { id: 'admin-1', roles: ['administrator'] },
          at: '2028-01-01T00:00:00Z',
          commandId: `revoke-${journey.enrollmentId}`,
        })
        expect(E.isRight(revoked) && revoked.right.state.status).toBe('revoked')
        expect(await rawText()).not.toContain('Issued in error') // sealed under a new key
        expect(await keyRows(journey.educator.id)).toBe(1)
      } finally {
        await cleanup()
      }
    })

    it('a badge issued before erasure still verifies after it, and its holder can still prove it names them', async () => {
      const { raw, keys, cleanup } = await setup()
      try {
        const store = protectPersonalData(raw, keys)
        const journey = freshJourney()
        await runJourney(store, journey)
        const streamId = enrollmentStreamId(journey.enrollmentId)
        const read = await aggregateStream(store, enrollment, streamId)
        if (E.isLeft(read) || !isEnrolled(read.right.state)) throw new Error('not read')
        const built = buildOpenBadgeCredential(read.right.state, catalog.steam, issuer, {
          salt: 'f3a9c2d4e5b6a7c8',
        })
        if (E.isLeft(built)) throw new Error(built.left.message)
        const key = await generateIssuerKey('EdDSA', { controller: issuer.id })
        const { verificationMethod } = await issuerProfileDocument(issuer, [key])
        const signed = await signBadgeDataIntegrity(built.right, {
          keyPair: key,
          created: '2027-06-01T00:00:00Z',
        })
        if (E.isLeft(signed)) throw new Error(signed.left.message)
        const now = new Date('2027-07-01T00:00:00Z')

        expect(E.isRight(await erasePersonalData(keys, journey.educator.id))).toBe(true)

        const verified = await verifyBadge(signed.right, { keys: verificationMethod, now })
        expect(E.isRight(verified)).toBe(true)
        expect(isRecipient(signed.right, journey.educator.email)).toBe(true)
        // The store no longer knows the address: a badge built now names the placeholder.
        const erased = await aggregateStream(store, enrollment, streamId)
        if (E.isLeft(erased) || !isEnrolled(erased.right.state)) throw new Error('not read')
        const rebuilt = buildOpenBadgeCredential(erased.right.state, catalog.steam, issuer, {
          salt: 'f3a9c2d4e5b6a7c8',
        })
        expect(E.isRight(rebuilt) && isRecipient(rebuilt.right, journey.educator.email)).toBe(false)
        // Revocation still works from the erased log.
        const revoked = await handleCommand(
          store,
          enrollment,
          {
            type: 'RevokeCredential',
            data: { enrollmentId: journey.enrollmentId, reason: 'Issued in error' },
          },
          {
            actor: { id: 'admin-1', roles: ['administrator'] },
            at: '2027-06-15T00:00:00Z',
            commandId: `revoke-${journey.enrollmentId}`,
          },
        )
        expect(E.isRight(revoked)).toBe(true)
        const revocationList = buildRevocationList(await eventsOf(store, journey.enrollmentId), {
          issuer,
        })
        const refused = await verifyBadge(signed.right, {
          keys: verificationMethod,
          now,
          revocationList,
        })
        expect(E.isLeft(refused) && refused.left._tag).toBe('Revoked')
      } finally {
        await cleanup()
      }
    })

    it("survey comments in a cohort's one feedback stream: each sealed under its own educator's key; erasing one blanks only theirs", async () => {
      const { raw, keys, rawText, cleanup } = await setup()
      try {
        const store = protectPersonalData(raw, keys)
        const cohortId = `pd-feedback-${process.pid}-${++journeys}`
        const comments = {
          'fb-ana': 'My principal, Ms. Ortiz, pushed me to apply.',
          'fb-ben': 'More coaching please.',
        }
        const answers = { understanding: 5, 'professional-growth': 4, 'second-micro-credential': 3 }
        for (const [educatorId, comment] of Object.entries(comments)) {
          const handled = await handleCommand(
            store,
            feedback,
            {
              type: 'SubmitFeedback',
              data: {
                cohortId,
                survey: { kind: 'endOfProgram' },
                educatorId,
                answers,
                comment,
              },
            },
            {
              actor: { id: educatorId, roles: ['educator'] },
              at: '2027-06-01T16:00:00Z',
              commandId: `${cohortId}-${educatorId}`,
            },
          )
          if (E.isLeft(handled)) throw new Error(handled.left.message)
        }
        const text = await rawText()
        expect(text).toContain(cohortId)
        for (const comment of Object.values(comments)) expect(text).not.toContain(comment)
        const commentsRead = async () => {
          const read = await readDecodedStream(store, feedbackEvents, feedbackStreamId(cohortId))
          if (E.isLeft(read)) throw new Error(read.left.message)
          return read.right.events.map((event) => [
            event.data.educatorId,
            event.data.comment,
            event.data.answers,
          ])
        }
        expect(await commentsRead()).toEqual([
          ['fb-ana', comments['fb-ana'], answers],
          ['fb-ben', comments['fb-ben'], answers],
        ])
        expect(E.isRight(await erasePersonalData(keys, 'fb-ana'))).toBe(true)
        expect(await commentsRead()).toEqual([
          ['fb-ana', personalDataPlaceholders.text, answers],
          ['fb-ben', comments['fb-ben'], answers],
        ])
      } finally {
        await cleanup()
      }
    })

    it('an educator enrolled again after erasure gets a new key; what was erased stays erased', async () => {
      const { raw, keys, cleanup } = await setup()
      try {
        const store = protectPersonalData(raw, keys)
        const journey = freshJourney()
        const [enroll] = journey.steps
        if (enroll === undefined || enroll.command.type !== 'Enroll') throw new Error('no Enroll')
        expect(
          E.isRight(await handleCommand(store, enrollment, enroll.command, enroll.context)),
        ).toBe(true)
        const firstKey = await keys.find(journey.educator.id)
        expect(E.isRight(await erasePersonalData(keys, journey.educator.id))).toBe(true)
        const again = {
          ...enroll.command,
          data: { ...enroll.command.data, enrollmentId: `${journey.enrollmentId}-again` },
        }
        expect(
          E.isRight(
            await handleCommand(store, enrollment, again, {
              ...enroll.context,
              commandId: `${enroll.context.commandId}-again`,
            }),
          ),
        ).toBe(true)
        expect((await keys.find(journey.educator.id))?.keyId).not.toBe(firstKey?.keyId)
        const [erased] = await eventsOf(store, journey.enrollmentId)
        const [fresh] = await eventsOf(store, `${journey.enrollmentId}-again`)
        expect(erased?.type === 'EducatorEnrolled' && erased.data.educator.name).toBe(
          personalDataPlaceholders.text,
        )
        expect(fresh?.type === 'EducatorEnrolled' && fresh.data.educator.name).toBe(
          journey.educator.name,
        )
      } finally {
        await cleanup()
      }
    })
  })
}
