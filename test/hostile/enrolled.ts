/**
 * Shared by the hostile cases of the core's codecs (ids, text, unknown fields, URLs, policies,
 * identities): a store of each kind holding one enrollment with an artifact awaiting its grade,
 * the contexts of its cast, and a way to send untrusted input and check that nothing was written.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, expect } from 'vitest'
import {
  catalog,
  enrollment,
  handleUnknownCommand,
  type AcrossStreamsError,
  type DomainError,
  type EnrollmentDecider,
  type EnrollmentEvent,
  type EnrollmentState,
  type HandleCommandResult,
  type RecordedEvent,
} from 'microcred'
import type { StoreKind, StoreUnderTest } from './stores.js'

export const program = catalog.steam
export const enrollmentId = 'e1'
export const educator = { id: 'edu-1', name: 'Ana Ruiz', email: 'ana@example.org' }
export const moduleId = program.courses[0]?.modules[0]?.id ?? 'missing'
export const eola = program.eolas[0] ?? (undefined as never)

let counter = 0
/** A context for `actorId` with `roles`, a fresh command id, at a time after the fixture's. */
export const contextOf = (actorId: string, ...roles: string[]) => ({
  actor: { id: actorId, roles },
  at: '2026-09-10T16:00:00Z',
  commandId: `hostile-${++counter}`,
})
export const admin = () => contextOf('admin-1', 'administrator')
export const facilitator = () => contextOf('facilitator-1', 'facilitator')
export const assessor = () => contextOf('assessor-1', 'assessor')
export const self = () => contextOf(educator.id, 'educator')

/** A valid Enroll of `educator` in `program`. */
export const enroll = (data: Record<string, unknown> = {}) => ({
  type: 'Enroll',
  data: { enrollmentId, educator, cohortId: 'steam-2026', program, ...data },
})

/** A valid SubmitArtifact of `eola`. */
export const submit = (data: Record<string, unknown> = {}) => ({
  type: 'SubmitArtifact',
  data: {
    enrollmentId,
    eolaId: eola.id,
    evidence: [{ kind: 'lessonPlan', url: 'https://drive.example.org/plan.pdf' }],
    reflection: 'What worked and what I would change.',
    ...data,
  },
})

/** A store of one kind, opened once for a `describe`, holding the fixture's enrollment. */
export interface Fixture {
  readonly store: () => StoreUnderTest['store']
  /** Sends untrusted input through `handleUnknownCommand`. */
  readonly send: (
    command: unknown,
    context: unknown,
    aggregate?: EnrollmentDecider,
  ) => Promise<
    HandleCommandResult<EnrollmentEvent, EnrollmentState, DomainError | AcrossStreamsError>
  >
  /** Sends input that must be refused with `tag`, and checks that the store did not change. */
  readonly refused: (
    tag: string,
    command: unknown,
    context: unknown,
    aggregate?: EnrollmentDecider,
  ) => Promise<{ readonly _tag: string; readonly message: string }>
  /** Everything the store holds. */
  readonly everything: () => Promise<ReadonlyArray<RecordedEvent>>
}

/**
 * Opens a store of `kind` before the `describe`'s cases and enrolls the fixture's educator with
 * an artifact submitted (unless `kind.skip`), and drops it after them.
 */
export const fixtureOn = (kind: StoreKind, setUp = true): Fixture => {
  let opened: StoreUnderTest | undefined
  beforeAll(async () => {
    if (kind.skip) return
    opened = await kind.open()
    if (!setUp) return
    const enrolled = await handleUnknownCommand(opened.store, enrollment, enroll(), admin())
    expect(enrolled).toMatchObject({ _tag: 'Right' })
    const submitted = await handleUnknownCommand(opened.store, enrollment, submit(), self())
    expect(submitted).toMatchObject({ _tag: 'Right' })
  })
  afterAll(async () => opened?.cleanup())
  const store = () => (opened as StoreUnderTest).store
  const send = (command: unknown, context: unknown, aggregate: EnrollmentDecider = enrollment) =>
    handleUnknownCommand(store(), aggregate, command, context)
  const everything = () => (opened as StoreUnderTest).everything()
  return {
    store,
    send,
    everything,
    refused: async (tag, command, context, aggregate) => {
      const before = await everything()
      const result = await send(command, context, aggregate)
      if (E.isRight(result)) {
        throw new Error(
          `expected ${tag}, got Right: ${JSON.stringify(result.right.events).slice(0, 300)}`,
        )
      }
      expect(result.left._tag, result.left.message).toBe(tag)
      expect(await everything()).toEqual(before)
      return result.left
    },
  }
}
