/**
 * Enrollment in a published program only (`enrollInPublishedProgram`), on the in-memory store,
 * PGlite and (with DATABASE_URL) a server: refused until a version is published and once it or
 * the program is retired, naming the program, the version and its status; an enrollment pins
 * the exact published program; a repeated command is answered as the first; hostile requests
 * write nothing. A property over random lifecycles and enrollment attempts: no enrollment made
 * through it references an unpublished or retired version, and none is refused while one is
 * published. And the race with a retirement, pinned down as it is.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import {
  catalog,
  createInMemoryEventStore,
  enrollInPublishedProgram,
  enrollmentStreamId,
  handleCommand,
  programLifecycle,
  programLifecycleDecider,
  programStreamId,
  type Actor,
  type EnrollInPublishedProgramRequest,
  type EventStore,
  type Program,
  type ProgramLifecycleCommand,
  type ProgramLifecycleEvent,
  type VersionStatus,
} from '../../src/index.js'
import { lifecycleArbitrary } from '../../src/testing/index.js'
import { databaseUrl, sharedPGlite, sharedPool, storeIn } from '../postgres/support.js'

const admin: Actor = { id: 'admin-1', roles: ['administrator'] }
const approver: Actor = { id: 'approver-1', roles: ['approver'] }
const programId = 'steam'
const maria = { id: 'educator-maria', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
const request = (
  enrollmentId: string,
  programVersion?: number,
): EnrollInPublishedProgramRequest => ({
  enrollmentId,
  educator: maria,
  cohortId: 'steam-2026-27',
  programId,
  ...(programVersion === undefined ? {} : { programVersion }),
})

/** Sends lifecycle commands to a store, a day apart from 2026-06-01. */
const programOffice = (store: EventStore) => {
  let day = 0
  return async (command: ProgramLifecycleCommand, actor: Actor = admin) => {
    day++
    const result = await handleCommand(store, programLifecycle, command, {
      actor,
      at: new Date(Date.parse('2026-06-01T16:00:00Z') + day * 86_400_000).toISOString(),
      commandId: `program-office-${day}`,
    })
    expect(E.isRight(result), JSON.stringify(result)).toBe(true)
  }
}
const v = (version: number) => ({ programId, version })
const publishSteps = (version: number, program: Program): ProgramLifecycleCommand[] => [
  version === 1
    ? { type: 'DraftProgram', data: { programId, program } }
    : { type: 'ReviseProgram', data: { ...v(version - 1), program } },
  { type: 'SubmitProgramForReview', data: v(version) },
]

/** The refusal, if it is a `ProgramNotPublished`. */
const notPublished = (result: Awaited<ReturnType<typeof enrollInPublishedProgram>>) =>
  E.isLeft(result) && result.left._tag === 'ProgramNotPublished' ? result.left : undefined

let n = 0
const enrollAs = (actor: Actor = admin) => ({
  actor,
  at: '2026-09-01T16:00:00Z',
  commandId: `enroll-${++n}`,
})

type Opened = { store: EventStore; cleanup: () => Promise<void> }
const stores: Array<[string, () => Promise<Opened>]> = [
  ['in memory', async () => ({ store: createInMemoryEventStore(), cleanup: async () => {} })],
  ['PGlite', async () => storeIn(await sharedPGlite(), 'published')],
  ...(databaseUrl === undefined
    ? []
    : [
        ['server', async () => storeIn(sharedPool(), 'published')] as [
          string,
          () => Promise<Opened>,
        ],
      ]),
]

describe.each(stores)('enrollInPublishedProgram (%s)', (_, open) => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => Promise.all(cleanups.map((cleanup) => cleanup())))
  const fresh = async () => {
    const opened = await open()
    cleanups.push(opened.cleanup)
    return opened.store
  }

  it('enrolls only in a published, unretired version, pinning it', async () => {
    const store = await fresh()
    const send = programOffice(store)

    const never = await enrollInPublishedProgram(store, request('enr-0'), enrollAs())
    expect(E.isLeft(never) && never.left).toMatchObject({
      _tag: 'ProgramNotPublished',
      programId,
      status: 'unknown',
      reason: 'unknown',
    })
    expect(E.isLeft(never) && never.left.message).toMatch(/program 'steam' does not exist/)

    for (const command of publishSteps(1, catalog.steam)) await send(command)
    const inReview = await enrollInPublishedProgram(store, request('enr-1', 1), enrollAs())
    expect(E.isLeft(inReview) && inReview.left).toMatchObject({
      _tag: 'ProgramNotPublished',
      version: 1,
      status: 'inReview',
      reason: 'unpublished',
    })
    expect(E.isLeft(inReview) && inReview.left.message).toMatch(
      /version 1 of program 'steam' is inReview, not published/,
    )
    await send({ type: 'ApproveProgram', data: v(1) }, approver)
    const approved = await enrollInPublishedProgram(store, request('enr-1'), enrollAs())
    expect(notPublished(approved)?.status).toBe('approved')
    await send({ type: 'PublishProgram', data: v(1) })

    const enrolled = await enrollInPublishedProgram(store, request('enr-1'), enrollAs())
    expect(E.isRight(enrolled), JSON.stringify(enrolled)).toBe(true)
    const event = E.isRight(enrolled) ? enrolled.right.events[0] : undefined
    expect(
      event?.type === 'EducatorEnrolled' && [event.data.programId, event.data.programVersion],
    ).toEqual([programId, 1])
    expect(E.isRight(enrolled) && enrolled.right.lifecycleVersion).toBe(4)

    // Version 2, published; version 1 stays open until it is retired.
    const two = { ...catalog.steam, version: 2, title: 'STEAM (2027)' }
    for (const command of publishSteps(2, two)) await send(command)
    await send({ type: 'ApproveProgram', data: v(2) }, approver)
    await send({ type: 'PublishProgram', data: v(2) })
    const latest = await enrollInPublishedProgram(store, request('enr-2'), enrollAs())
    const latestEvent = E.isRight(latest) ? latest.right.events[0] : undefined
    expect(latestEvent?.type === 'EducatorEnrolled' && latestEvent.data.programVersion).toBe(2)
    const older = await enrollInPublishedProgram(store, request('enr-3', 1), enrollAs())
    expect(E.isRight(older)).toBe(true)

    await send({ type: 'RetireProgram', data: { ...v(1), reason: 'Replaced by version 2' } })
    const retired = await enrollInPublishedProgram(store, request('enr-4', 1), enrollAs())
    expect(E.isLeft(retired) && retired.left).toMatchObject({
      _tag: 'ProgramNotPublished',
      version: 1,
      status: 'retired',
      reason: 'retired',
    })
    const unknown = await enrollInPublishedProgram(store, request('enr-4', 7), enrollAs())
    expect(notPublished(unknown)?.reason).toBe('unknown')

    await send({ type: 'RetireProgram', data: { programId, reason: 'The district ended STEAM' } })
    const closed = await enrollInPublishedProgram(store, request('enr-5'), enrollAs())
    expect(notPublished(closed)?.reason).toBe('retired')
    // Enrollments made before keep their version.
    expect((await store.readStream(enrollmentStreamId('enr-1'))).length).toBe(1)
    for (const id of ['enr-0', 'enr-4', 'enr-5']) {
      expect(await store.streamVersion(enrollmentStreamId(id))).toBe(0)
    }
  })

  it('answers a repeated command as the first, even after the version was retired', async () => {
    const store = await fresh()
    const send = programOffice(store)
    for (const command of publishSteps(1, catalog.steam)) await send(command)
    await send({ type: 'ApproveProgram', data: v(1) }, approver)
    await send({ type: 'PublishProgram', data: v(1) })
    const context = enrollAs()
    const first = await enrollInPublishedProgram(store, request('enr-r'), context)
    expect(E.isRight(first)).toBe(true)
    await send({ type: 'RetireProgram', data: { ...v(1), reason: 'Replaced' } })
    const again = await enrollInPublishedProgram(store, request('enr-r'), context)
    expect(E.isRight(again) && again.right.duplicate).toBe(true)
    expect(E.isRight(again) && E.isRight(first) && again.right.events).toEqual(
      E.isRight(first) ? first.right.events : null,
    )
    // A new command on the same enrollment is refused, not a second enrollment.
    const other = await enrollInPublishedProgram(store, request('enr-r'), enrollAs())
    expect(E.isLeft(other) && other.left._tag).toBe('AlreadyEnrolled')
    expect(await store.streamVersion(enrollmentStreamId('enr-r'))).toBe(1)
  })

  it('refuses hostile requests and writes nothing', async () => {
    const store = await fresh()
    for (const hostile of [
      { ...request('__proto__') },
      { ...request('enr-h'), programId: 'steam\u0000' },
      { ...request('enr-h'), program: catalog.steam },
      { ...request('enr-h'), programVersion: -1 },
      { ...request('enr-h'), educator: { ...maria, email: 'javascript:alert(1)' } },
      { ...request('enr-h'), cohortId: 'x'.repeat(1_000_000) },
    ]) {
      const refused = await enrollInPublishedProgram(
        store,
        hostile as EnrollInPublishedProgramRequest,
        enrollAs(),
      )
      expect(E.isLeft(refused) && refused.left._tag).toBe('InvalidCommand')
    }
    const written: unknown[] = []
    for await (const event of store.readAll()) written.push(event)
    expect(written).toEqual([])
  })
})

/** The statuses the program's events tell, by version, kept apart from the decider. */
const statusesOf = (events: ReadonlyArray<ProgramLifecycleEvent>) => {
  const statuses = new Map<number, VersionStatus>()
  let retired = false
  for (const event of events) {
    switch (event.type) {
      case 'ProgramDrafted':
      case 'ProgramRevised':
        statuses.set(event.data.version, 'draft')
        break
      case 'ProgramSubmittedForReview':
        statuses.set(event.data.version, 'inReview')
        break
      case 'ProgramChangesRequested':
        statuses.set(event.data.version, 'changesRequested')
        break
      case 'ProgramApproved':
        statuses.set(event.data.version, 'approved')
        break
      case 'ProgramPublished':
        statuses.set(event.data.version, 'published')
        break
      case 'ProgramRetired':
        if (event.data.version !== undefined) statuses.set(event.data.version, 'retired')
        else retired = true
    }
  }
  return { statuses, retired }
}

describe('enrollInPublishedProgram over random lifecycles', () => {
  it('no enrollment references an unpublished or retired version; none is refused while the version asked is published', async () => {
    let enrolled = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(
        lifecycleArbitrary({ programId, maxSteps: 20 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), {
          minLength: 20,
          maxLength: 20,
        }),
        async (lifecycle, versions) => {
          const store = createInMemoryEventStore()
          const decider = programLifecycleDecider(lifecycle.policy)
          for (const [i, step] of lifecycle.steps.entries()) {
            await handleCommand(store, decider, step.command, step.context)
            const asked = versions[i]
            const recorded = await store.readStream(programStreamId(programId))
            const { statuses, retired } = statusesOf(
              recorded.map((r) => ({ type: r.type, data: r.data }) as ProgramLifecycleEvent),
            )
            const published = [...statuses].filter(([, s]) => s === 'published').map(([n]) => n)
            const enrollmentId = `enr-${i}`
            const result = await enrollInPublishedProgram(
              store,
              request(enrollmentId, asked),
              { actor: admin, at: step.context.at, commandId: `enroll-${i}` },
              { lifecycle: decider },
            )
            const open =
              !retired && (asked === undefined ? published.length > 0 : published.includes(asked))
            if (E.isRight(result)) {
              enrolled++
              const event = result.right.events[0]
              expect(event?.type).toBe('EducatorEnrolled')
              if (event?.type !== 'EducatorEnrolled') return
              expect(event.data.programId).toBe(programId)
              expect(statuses.get(event.data.programVersion)).toBe('published')
              expect(retired).toBe(false)
              expect(event.data.programVersion).toBe(asked ?? Math.max(...published))
            } else {
              refused++
              expect(open, JSON.stringify(result.left)).toBe(false)
              expect(result.left._tag).toBe('ProgramNotPublished')
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

describe('the race with a retirement', () => {
  it('a retirement appended between the read and the enrollment is not seen: the answer says which program version it read', async () => {
    const inner = createInMemoryEventStore()
    const send = programOffice(inner)
    for (const command of publishSteps(1, catalog.steam)) await send(command)
    await send({ type: 'ApproveProgram', data: v(1) }, approver)
    await send({ type: 'PublishProgram', data: v(1) })
    // A store where another process retires version 1 just before the enrollment is appended.
    let raced = false
    const store: EventStore = {
      ...inner,
      appendToStream: async (streamId, events, options) => {
        if (!raced && streamId === enrollmentStreamId('enr-race')) {
          raced = true
          await send({ type: 'RetireProgram', data: { ...v(1), reason: 'Replaced' } })
        }
        return inner.appendToStream(streamId, events, options)
      },
    }
    const result = await enrollInPublishedProgram(store, request('enr-race'), enrollAs())
    expect(raced).toBe(true)
    expect(E.isRight(result)).toBe(true)
    // It read the program at version 4 (published); the retirement is version 5.
    expect(E.isRight(result) && result.right.lifecycleVersion).toBe(4)
    expect(await inner.streamVersion(programStreamId(programId))).toBe(5)
    // The next one sees the retirement.
    const after = await enrollInPublishedProgram(inner, request('enr-after'), enrollAs())
    expect(notPublished(after)?.reason).toBe('retired')
  })
})
