/**
 * Personal data protection on the in-memory store: the erasure cases every store runs, the store
 * contract and the handler's reliability through the wrapper, and properties: random journeys
 * (with noise from random actors) get the same answers and fold to the same state through the
 * wrapper as without it, and after erasure to the state of their redacted events.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  createInMemoryPersonalDataKeys,
  enrollment,
  enrollmentDecider,
  enrollmentStreamId,
  erasePersonalData,
  foldEnrollment,
  handleCommand,
  lausdPolicy,
  personalDataPlaceholders,
  protectPersonalData,
  readDecodedStream,
  enrollmentEvents,
  redactPersonalData,
  type EventStore,
  type RecordedEvent,
} from 'microcred'
import { noisyJourneyArbitrary } from 'microcred/testing'
import { eventStoreContract, handlerReliability } from './contract.js'
import { personalDataScenarios } from './personal-data-scenario.js'

const everything = async (store: EventStore) => {
  const all: RecordedEvent[] = []
  for await (const event of store.readAll()) all.push(event)
  return all
}

const protectedInMemory = async () => {
  const raw = createInMemoryEventStore()
  const keys = createInMemoryPersonalDataKeys()
  return {
    raw,
    keys,
    rawText: async () => JSON.stringify(await everything(raw)),
    keyRows: async (educatorId: string) => ((await keys.find(educatorId)) === undefined ? 0 : 1),
    cleanup: async () => undefined,
  }
}

personalDataScenarios('the in-memory store', protectedInMemory)

const setup = async () => {
  const { raw, keys } = await protectedInMemory()
  return { store: protectPersonalData(raw, keys), cleanup: async () => undefined }
}
eventStoreContract('in-memory, personal data protected', setup)
handlerReliability('in-memory, personal data protected', setup)

describe('personal data protection: properties', () => {
  it('random journeys with noise: the same answer to every command and the same state through the wrapper as without it; after erasure, the state of the redacted events', async () => {
    await fc.assert(
      fc.asyncProperty(noisyJourneyArbitrary(), async (journey) => {
        const plain = createInMemoryEventStore()
        const raw = createInMemoryEventStore()
        const keys = createInMemoryPersonalDataKeys()
        const guarded = protectPersonalData(raw, keys)
        for (const { command, context } of journey.steps) {
          const a = await handleCommand(plain, enrollment, command, context)
          const b = await handleCommand(guarded, enrollment, command, context)
          expect(E.isRight(b) ? 'accepted' : b.left._tag).toBe(
            E.isRight(a) ? 'accepted' : a.left._tag,
          )
          if (E.isRight(a) && E.isRight(b)) {
            expect(b.right.events).toEqual(a.right.events)
            expect(b.right.state).toEqual(a.right.state)
            expect(b.right.recorded.map((r) => r.metadata)).toEqual(
              a.right.recorded.map((r) => ({ ...r.metadata, eventId: expect.any(String) })),
            )
          }
        }
        const streamId = enrollmentStreamId(journey.enrollmentId)
        const read = async (store: EventStore) => {
          const decoded = await readDecodedStream(store, enrollmentEvents, streamId)
          if (E.isLeft(decoded)) throw new Error(decoded.left.message)
          return decoded.right.events
        }
        const written = await read(plain)
        expect(await read(guarded)).toEqual(written)
        // Metadata too: the command digests come back, so a repeated command is still a repeat.
        const metadataOf = async (store: EventStore) =>
          (await everything(store)).map(({ metadata }) => ({ ...metadata, eventId: '' }))
        expect(await metadataOf(guarded)).toEqual(await metadataOf(plain))
        const [first] = journey.steps
        if (first !== undefined) {
          const repeat = await handleCommand(guarded, enrollment, first.command, first.context)
          expect(E.isRight(repeat) && repeat.right.duplicate).toBe(true)
        }
        const text = JSON.stringify(await everything(raw))
        expect(text).not.toContain(journey.educator.email)
        expect(text).not.toContain(journey.educator.name)

        await erasePersonalData(keys, journey.educator.id)
        const redacted = written.map(redactPersonalData)
        expect(await read(guarded)).toEqual(redacted)
        expect(foldEnrollment(await read(guarded))).toEqual(foldEnrollment(redacted))
      }),
      { numRuns: 25 },
    )
  })
})

describe('personal data protection: an expiry', () => {
  it('seals the reason of an EnrollmentExpired, gives it back, and reads the placeholder once erased', async () => {
    const raw = createInMemoryEventStore()
    const keys = createInMemoryPersonalDataKeys()
    const store = protectPersonalData(raw, keys)
    const educator = { id: 'pd-expiry-educator', name: 'Ana Ruiz', email: 'ana@example.org' }
    const admin = { id: 'admin-1', roles: ['administrator' as const] }
    const reason = 'Closed while Ana Ruiz was on medical leave'
    const steps = [
      {
        type: 'Enroll' as const,
        data: {
          enrollmentId: 'pd-exp-1',
          cohortId: 'steam-2026',
          program: catalog.steam,
          educator,
        },
      },
      { type: 'ExpireEnrollment' as const, data: { enrollmentId: 'pd-exp-1', reason } },
    ]
    for (const [i, command] of steps.entries()) {
      const at = `2026-09-0${i + 1}T16:00:00Z`
      const done = await handleCommand(store, enrollment, command, {
        actor: admin,
        at,
        commandId: `c-${i}`,
      })
      expect(E.isRight(done)).toBe(true)
    }
    expect(JSON.stringify(await everything(raw))).not.toContain('medical leave')
    const read = async () => {
      const decoded = await readDecodedStream(
        store,
        enrollmentEvents,
        enrollmentStreamId('pd-exp-1'),
      )
      if (E.isLeft(decoded)) throw new Error(decoded.left.message)
      return decoded.right.events
    }
    const [, expired] = await read()
    expect(expired?.type === 'EnrollmentExpired' && expired.data.reason).toBe(reason)
    await erasePersonalData(keys, educator.id)
    const after = await read()
    const [, erased] = after
    expect(erased?.type === 'EnrollmentExpired' && erased.data.reason).toBe(
      personalDataPlaceholders.text,
    )
    expect(foldEnrollment(after).status).toBe('incomplete')
  })
})

describe('personal data protection: the assessment process', () => {
  it('seals the feedback of every score (EOLA and capstone) and the coaching notes; erased, they read the placeholder', async () => {
    const raw = createInMemoryEventStore()
    const keys = createInMemoryPersonalDataKeys()
    const store = protectPersonalData(raw, keys)
    const decider = enrollmentDecider({
      ...lausdPolicy,
      maxAttempts: 1,
      assessment: { secondScoring: 'all', afterMaxAttempts: 'coaching' },
    })
    const eola = catalog.steam.eolas[0]!
    const scores = (meets: boolean) =>
      Object.fromEntries(eola.rubric.map((c, i) => [c.id, meets || i > 0 ? c.meetsAt : 0]))
    const educator = { id: 'pd-assess-educator', name: 'Ana Ruiz', email: 'ana@example.org' }
    const enrollmentId = 'pd-assess-1'
    const as = (id: string, role: 'administrator' | 'educator' | 'assessor' | 'facilitator') => ({
      id,
      roles: [role],
    })
    const evidence = [{ kind: 'lessonPlan' as const, url: 'https://drive.lausd.net/plan.pdf' }]
    const grade = (attempt: number, meets: boolean, feedback: string) => ({
      type: 'GradeArtifact' as const,
      data: { enrollmentId, eolaId: eola.id, attempt, scores: scores(meets), feedback },
    })
    const steps = [
      [
        {
          type: 'Enroll',
          data: { enrollmentId, cohortId: 'steam-2026', program: catalog.steam, educator },
        },
        as('admin-1', 'administrator'),
      ],
      [
        {
          type: 'SubmitArtifact',
          data: { enrollmentId, eolaId: eola.id, evidence, reflection: 'First try.' },
        },
        as(educator.id, 'educator'),
      ],
      [grade(1, false, 'Ana skipped the inquiry'), as('a-1', 'assessor')],
      [grade(1, false, 'Agreed: no inquiry'), as('a-2', 'assessor')],
      [
        {
          type: 'RecordCoachingConversation',
          data: { enrollmentId, eolaId: eola.id, notes: 'Ana was anxious about the observation' },
        },
        as('fac-1', 'facilitator'),
      ],
      [
        {
          type: 'SubmitArtifact',
          data: { enrollmentId, eolaId: eola.id, evidence, reflection: 'Second try.' },
        },
        as(educator.id, 'educator'),
      ],
      [grade(2, true, 'Strong inquiry now'), as('a-1', 'assessor')],
      [grade(2, true, 'Yes, strong'), as('a-2', 'assessor')],
      [
        {
          type: 'SubmitCapstone',
          data: {
            enrollmentId,
            enactedEolaId: eola.id,
            documentationUrl: 'https://drive.lausd.net/cap.pdf',
            reflection: 'It worked.',
            nextSteps: 'Share it.',
          },
        },
        as(educator.id, 'educator'),
      ],
      [
        {
          type: 'GradeCapstone',
          data: { enrollmentId, attempt: 1, outcome: 'meets', feedback: 'Capstone by Ana: lovely' },
        },
        as('a-1', 'assessor'),
      ],
    ] as const
    for (const [i, [command, actor]] of steps.entries()) {
      const done = await handleCommand(store, decider, command as never, {
        actor,
        at: new Date(Date.UTC(2026, 8, 1 + i, 16)).toISOString(),
        commandId: `c-${i}`,
      })
      if (E.isLeft(done)) throw new Error(`${command.type}: ${done.left.message}`)
    }
    const written = await readDecodedStream(
      store,
      enrollmentEvents,
      enrollmentStreamId(enrollmentId),
    )
    if (E.isLeft(written)) throw new Error(written.left.message)
    const types = written.right.events.map((event) => event.type)
    expect(types).toContain('ArtifactScored')
    expect(types).toContain('CoachingConversationRecorded')
    expect(types).toContain('CapstoneScored')
    const personal = [
      'skipped the inquiry',
      'no inquiry',
      'anxious',
      'Strong inquiry',
      'Yes, strong',
      'Capstone by Ana',
    ]
    const text = JSON.stringify(await everything(raw))
    for (const piece of personal) expect(text).not.toContain(piece)
    expect(JSON.stringify(written.right.events)).toContain('Capstone by Ana: lovely') // read back

    expect(E.isRight(await erasePersonalData(keys, educator.id))).toBe(true)
    const erased = await readDecodedStream(
      store,
      enrollmentEvents,
      enrollmentStreamId(enrollmentId),
    )
    if (E.isLeft(erased)) throw new Error(erased.left.message)
    expect(erased.right.events).toEqual(written.right.events.map(redactPersonalData))
    for (const piece of personal) expect(JSON.stringify(erased.right.events)).not.toContain(piece)
  })
})
