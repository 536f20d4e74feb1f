/**
 * The enrollment's rules that other streams answer hold on every path through the handler, not
 * only through the guarded commands: a plain `Enroll` (and `handleUnknownCommand`) of a program
 * run through the lifecycle takes only a published, unretired version, exactly as published; a
 * plain `GradeArtifact` / `GradeCapstone` in a program or cohort with assigned assessors comes
 * only from one of them. On the in-memory store, PGlite and (with DATABASE_URL) a server, with
 * nothing written on a refusal. A property over random lifecycles: no enrollment made with a
 * plain `Enroll` references an unpublished or retired version. And the kernel's hook on its own:
 * a district's aggregate with a check across streams.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { afterAll, describe, expect, it } from 'vitest'
import {
  catalog,
  cohort,
  concludeCheck,
  createInMemoryEventStore,
  defineDecider,
  enrollment,
  enrollmentDecider,
  enrollmentStreamId,
  eventSchema,
  handleCommand,
  handleUnknownCommand,
  passes,
  programLifecycle,
  programLifecycleDecider,
  programStaff,
  programStreamId,
  readingStream,
  runStreamCheck,
  type Actor,
  type Aggregate,
  type EnrollmentCommand,
  type EventStore,
  type Program,
  type ProgramLifecycleCommand,
  type ProgramLifecycleEvent,
  type TaggedError,
} from '../../src/index.js'
import { lifecycleArbitrary } from '../../src/testing/index.js'
import { databaseUrl, sharedPGlite, sharedPool, storeIn } from '../postgres/support.js'
import { gradeFirstEola, scheduleSteamCohort, submitFirstEola } from './steam-fixtures.js'

const admin: Actor = { id: 'admin-1', roles: ['administrator'] }
const approver: Actor = { id: 'approver-1', roles: ['approver'] }
const educator = { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
const assessor = (id: string): Actor => ({ id, roles: ['assessor'] })
let n = 0
const ctx = (actor: Actor, at = '2026-09-01T16:00:00Z') => ({ actor, at, commandId: `c-${++n}` })
const ok = async (result: Promise<E.Either<{ message: string }, unknown>>) => {
  const r = await result
  if (E.isLeft(r)) throw new Error(r.left.message)
}

const enroll = (enrollmentId: string, program: Program): EnrollmentCommand => ({
  type: 'Enroll',
  data: { enrollmentId, educator, cohortId: 'steam-2026', program },
})
const v1 = { programId: 'steam', version: 1 }
const lifecycle = (store: EventStore, command: ProgramLifecycleCommand, actor = admin) =>
  ok(handleCommand(store, programLifecycle, command, ctx(actor, '2026-06-01T16:00:00Z')))

const grade = gradeFirstEola('enr-1')

type Opened = { store: EventStore; cleanup: () => Promise<void> }
const stores: Array<[string, () => Promise<Opened>]> = [
  ['in memory', async () => ({ store: createInMemoryEventStore(), cleanup: async () => {} })],
  ['PGlite', async () => storeIn(await sharedPGlite(), 'across')],
  ...(databaseUrl === undefined
    ? []
    : [['server', async () => storeIn(sharedPool(), 'across')] as [string, () => Promise<Opened>]]),
]

describe.each(stores)('rules across streams through handleCommand (%s)', (_, open) => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => Promise.all(cleanups.map((cleanup) => cleanup())))
  const fresh = async () => {
    const opened = await open()
    cleanups.push(opened.cleanup)
    return opened.store
  }

  it('a plain Enroll of a program in the lifecycle takes only its published version, as published', async () => {
    const store = await fresh()
    await lifecycle(store, {
      type: 'DraftProgram',
      data: { programId: 'steam', program: catalog.steam },
    })
    const draft = await handleCommand(store, enrollment, enroll('enr-1', catalog.steam), ctx(admin))
    expect(E.isLeft(draft) && draft.left).toMatchObject({
      _tag: 'ProgramNotPublished',
      programId: 'steam',
      version: 1,
      status: 'draft',
      reason: 'unpublished',
    })
    // From outside, the same.
    const unknown = await handleUnknownCommand(
      store,
      enrollment,
      enroll('enr-1', catalog.steam),
      ctx(admin),
    )
    expect(E.isLeft(unknown) && unknown.left._tag).toBe('ProgramNotPublished')
    expect(await store.streamVersion(enrollmentStreamId('enr-1'))).toBe(0)

    await lifecycle(store, { type: 'SubmitProgramForReview', data: v1 })
    await lifecycle(store, { type: 'ApproveProgram', data: v1 }, approver)
    await lifecycle(store, { type: 'PublishProgram', data: v1 })
    // Altered on the way: the title is not the one approved.
    const altered = await handleCommand(
      store,
      enrollment,
      enroll('enr-1', { ...catalog.steam, title: 'STEAM, abridged' }),
      ctx(admin),
    )
    expect(E.isLeft(altered) && altered.left).toMatchObject({
      _tag: 'ProgramNotPublished',
      reason: 'altered',
    })
    expect(E.isLeft(altered) && altered.left.message).toMatch(
      /version 1 of program 'steam' differs from the version published/,
    )
    // Another version number than any published.
    const v2 = await handleCommand(
      store,
      enrollment,
      enroll('enr-1', { ...catalog.steam, version: 2 }),
      ctx(admin),
    )
    expect(E.isLeft(v2) && v2.left).toMatchObject({
      _tag: 'ProgramNotPublished',
      reason: 'unknown',
    })
    expect(await store.streamVersion(enrollmentStreamId('enr-1'))).toBe(0)

    const enrolled = await handleCommand(
      store,
      enrollment,
      enroll('enr-1', catalog.steam),
      ctx(admin),
    )
    expect(E.isRight(enrolled) && enrolled.right.events[0]?.data).toMatchObject({
      programId: 'steam',
      programVersion: 1,
    })

    await lifecycle(store, { type: 'RetireProgram', data: { ...v1, reason: 'Replaced' } })
    const retired = await handleCommand(
      store,
      enrollment,
      enroll('enr-2', catalog.steam),
      ctx(admin),
    )
    expect(E.isLeft(retired) && retired.left).toMatchObject({
      _tag: 'ProgramNotPublished',
      reason: 'retired',
    })
    expect(await store.streamVersion(enrollmentStreamId('enr-2'))).toBe(0)
  })

  it('a program never drafted in the lifecycle is enrolled in as sent (a district that does not run it)', async () => {
    const store = await fresh()
    const enrolled = await handleCommand(
      store,
      enrollment,
      enroll('enr-1', catalog.steam),
      ctx(admin),
    )
    expect(E.isRight(enrolled)).toBe(true)
  })

  it('once an assessor is assigned to the program or the cohort, a plain grade from anyone else is refused', async () => {
    const store = await fresh()
    await ok(handleCommand(store, enrollment, enroll('enr-1', catalog.steam), ctx(admin)))
    await ok(
      handleCommand(
        store,
        enrollment,
        submitFirstEola('enr-1'),
        ctx({ id: 'e-1', roles: ['educator'] }, '2026-10-01T16:00:00Z'),
      ),
    )
    await ok(
      handleCommand(
        store,
        programStaff,
        {
          type: 'AssignStaff',
          data: { scope: { programId: 'steam' }, staffId: 'as-1', role: 'assessor' },
        },
        ctx(admin, '2026-10-01T17:00:00Z'),
      ),
    )
    const before = await store.streamVersion(enrollmentStreamId('enr-1'))
    const other = await handleCommand(
      store,
      enrollment,
      grade,
      ctx(assessor('as-9'), '2026-10-02T16:00:00Z'),
    )
    expect(E.isLeft(other) && other.left).toMatchObject({
      _tag: 'AssessorNotAssigned',
      assessorId: 'as-9',
      enrollmentId: 'enr-1',
      cohortId: 'steam-2026',
      programId: 'steam',
    })
    expect(E.isLeft(other) && other.left.message).toBe(
      "as-9 is not an assessor assigned to cohort 'steam-2026' or to program 'steam', so may not grade enrollment 'enr-1': an administrator assigns assessors with AssignStaff",
    )
    const unknown = await handleUnknownCommand(
      store,
      enrollment,
      grade,
      ctx(assessor('as-9'), '2026-10-02T16:00:00Z'),
    )
    expect(E.isLeft(unknown) && unknown.left._tag).toBe('AssessorNotAssigned')
    expect(await store.streamVersion(enrollmentStreamId('enr-1'))).toBe(before)

    // An assessor of the enrollment's cohort (of this program) grades too, by the identity rule.
    await ok(handleCommand(store, cohort, scheduleSteamCohort, ctx(admin, '2026-10-02T17:00:00Z')))
    await ok(
      handleCommand(
        store,
        cohort,
        {
          type: 'AssignStaff',
          data: { scope: { cohortId: 'steam-2026' }, staffId: 'AS-7', role: 'assessor' },
        },
        ctx(admin, '2026-10-02T18:00:00Z'),
      ),
    )
    const graded = await handleCommand(
      store,
      enrollment,
      grade,
      ctx(assessor('as-7'), '2026-10-03T16:00:00Z'),
    )
    expect(E.isRight(graded) && graded.right.events.map((e) => e.type)).toEqual(['ArtifactGraded'])
  })
})

describe('a plain Enroll over random lifecycles', () => {
  it('no enrollment references an unpublished or retired version of a program in the lifecycle', async () => {
    let enrolled = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(
        lifecycleArbitrary({ programId: 'steam', maxSteps: 20 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 20, maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        async (run, versions, alter) => {
          const store = createInMemoryEventStore()
          const decider = programLifecycleDecider(run.policy)
          for (const [i, step] of run.steps.entries()) {
            await handleCommand(store, decider, step.command, step.context)
            const events = (await store.readStream(programStreamId('steam'))).map(
              (r) => ({ type: r.type, data: r.data }) as ProgramLifecycleEvent,
            )
            // The program of each version as drafted or revised, and each version's status now.
            const programs = new Map<number, Program>()
            const statuses = new Map<number, string>()
            let retired = false
            for (const event of events) {
              if (event.type === 'ProgramDrafted' || event.type === 'ProgramRevised') {
                programs.set(event.data.version, event.data.program)
              }
              const status = {
                ProgramDrafted: 'draft',
                ProgramRevised: 'draft',
                ProgramSubmittedForReview: 'inReview',
                ProgramChangesRequested: 'changesRequested',
                ProgramApproved: 'approved',
                ProgramPublished: 'published',
                ProgramRetired: 'retired',
              }[event.type]
              if (event.type === 'ProgramRetired' && event.data.version === undefined)
                retired = true
              else if (status !== undefined) statuses.set(event.data.version as number, status)
            }
            const asked = versions[i] as number
            const sent = programs.get(asked)
            if (sent === undefined) continue
            const program =
              alter[i] === true ? { ...sent, description: `${sent.description} (edited)` } : sent
            const enrollmentId = `enr-${i}`
            const enrolling = enrollmentDecider(run.policy)
            const result = await handleCommand(store, enrolling, enroll(enrollmentId, program), {
              actor: admin,
              at: step.context.at,
              commandId: `enroll-${i}`,
            })
            if (E.isRight(result)) {
              enrolled++
              expect(statuses.get(asked)).toBe('published')
              expect(retired).toBe(false)
              expect(program).toBe(sent)
            } else {
              refused++
              // A draft that is not valid under the policy is refused before the lifecycle is read.
              expect(['ProgramNotPublished', 'InvalidProgram']).toContain(result.left._tag)
              expect(statuses.get(asked) !== 'published' || retired || program !== sent).toBe(true)
              expect(await store.streamVersion(enrollmentStreamId(enrollmentId))).toBe(0)
            }
          }
        },
      ),
      { numRuns: 25 },
    )
    expect(enrolled).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
  })
})

describe("the kernel's check across streams", () => {
  // A district's own aggregate: a room booking that needs the room to exist in its own stream.
  const RoomEvent = t.type({ type: t.literal('RoomOpened'), data: t.type({ roomId: t.string }) })
  const rooms = {
    events: eventSchema(RoomEvent),
    fold: (events: Iterable<t.TypeOf<typeof RoomEvent>>) => [...events].length > 0,
  }
  type Book = { type: 'Book'; data: { bookingId: string; roomId: string } }
  type Booked = { type: 'Booked'; data: { bookingId: string; roomId: string } }
  const noSuchRoom = (roomId: string): TaggedError => ({
    _tag: 'NoSuchRoom',
    message: `room '${roomId}' was never opened`,
  })
  const booking: Aggregate<Book, Booked, boolean, TaggedError, TaggedError> = {
    ...defineDecider<Book, Booked, boolean, TaggedError>({
      initialState: false,
      decide: (command) => E.right([{ type: 'Booked', data: command.data }]),
      evolve: () => true,
    }),
    commands: t.type({
      type: t.literal('Book'),
      data: t.type({ bookingId: t.string, roomId: t.string }),
    }) as unknown as t.Type<Book, unknown, unknown>,
    events: eventSchema(
      t.type({
        type: t.literal('Booked'),
        data: t.type({ bookingId: t.string, roomId: t.string }),
      }) as unknown as t.Type<Booked, unknown, unknown>,
    ),
    streamIdOf: (command) => `booking-${command.data.bookingId}`,
    checkAcrossStreams: (command) =>
      readingStream(`room-${command.data.roomId}`, rooms, (opened) =>
        opened ? passes : concludeCheck(E.left(noSuchRoom(command.data.roomId))),
      ),
  }

  const meta = {
    eventId: 'ev-1',
    commandId: 'open',
    actorId: 'admin-1',
    correlationId: 'open',
    causationId: 'open',
    schemaVersion: 1,
  }

  it('runs the check after decide and before the append, on the streams it names', async () => {
    const store = createInMemoryEventStore()
    const book = { type: 'Book' as const, data: { bookingId: 'b-1', roomId: 'r-1' } }
    const refused = await handleCommand(store, booking, book, ctx(admin))
    expect(E.isLeft(refused) && refused.left).toEqual(noSuchRoom('r-1'))
    expect(await store.streamVersion('booking-b-1')).toBe(0)
    await store.appendToStream(
      'room-r-1',
      [{ type: 'RoomOpened', data: { roomId: 'r-1' }, metadata: meta }],
      { expectedVersion: 'noStream' },
    )
    const booked = await handleCommand(store, booking, book, ctx(admin))
    expect(E.isRight(booked)).toBe(true)
    // The pure runner gives the same answers from events in hand.
    const check = booking.checkAcrossStreams?.(book, false, ctx(admin))
    if (check === undefined) throw new Error('no check')
    expect(runStreamCheck(check, {})).toEqual(E.left(noSuchRoom('r-1')))
    expect(
      runStreamCheck(check, { 'room-r-1': [{ type: 'RoomOpened', data: { roomId: 'r-1' } }] }),
    ).toEqual(E.right(undefined))
  })

  it('a corrupt event in a stream the check reads is a CorruptEvent, and nothing is written', async () => {
    const store = createInMemoryEventStore()
    await store.appendToStream(
      'room-r-2',
      [{ type: 'RoomOpened', data: { roomId: 42 }, metadata: meta }],
      { expectedVersion: 'noStream' },
    )
    const result = await handleCommand(
      store,
      booking,
      { type: 'Book' as const, data: { bookingId: 'b-2', roomId: 'r-2' } },
      ctx(admin),
    )
    expect(E.isLeft(result) && result.left._tag).toBe('CorruptEvent')
    expect(await store.streamVersion('booking-b-2')).toBe(0)
  })
})
