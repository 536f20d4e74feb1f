/**
 * The CheckpointStore contract on PostgreSQL: the checkpoints `openEventStore` gives, on an
 * embedded store in a temp directory (fenced by its lock) and on the server (skipped, saying why,
 * without DATABASE_URL). A model-based property runs random saves, loads and removes against a
 * Map; refused names and positions write nothing.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Checkpoint, CheckpointStore } from 'microcred'
import { openEventStore, type OpenedEventStore } from 'microcred/postgres'
import { databaseUrl, freshSchema, serverSkipReason, warnIfNoServer } from './support.js'

warnIfNoServer()

/** JSON as the database hands it back: what `JSON.stringify` keeps (no -0, no undefined). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown

const stateArbitrary = fc.option(
  fc.jsonValue().filter((value) => !JSON.stringify(value).includes('\\u0000')),
  { nil: undefined },
)
const nameArbitrary = fc.constantFrom('cohort-progress', 'assessor.queue', 'reaction_1', 'x')

type Operation =
  | {
      readonly op: 'save'
      readonly name: string
      readonly position: number
      readonly state: unknown
    }
  | { readonly op: 'load'; readonly name: string }
  | { readonly op: 'remove'; readonly name: string }

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    op: fc.constant('save' as const),
    name: nameArbitrary,
    position: fc.oneof(fc.nat(1000), fc.constant(Number.MAX_SAFE_INTEGER)),
    state: stateArbitrary,
  }),
  fc.record({ op: fc.constant('load' as const), name: nameArbitrary }),
  fc.record({ op: fc.constant('remove' as const), name: nameArbitrary }),
)

const contract = (
  open: () => Promise<{ opened: OpenedEventStore; cleanup: () => Promise<void> }>,
) => {
  let opened: OpenedEventStore
  let cleanup: () => Promise<void>
  let checkpoints: CheckpointStore
  beforeAll(async () => {
    ;({ opened, cleanup } = await open())
    checkpoints = opened.checkpoints
  })
  afterAll(async () => cleanup())

  it('keeps the position and the state together, replacing both on save', async () => {
    expect(await checkpoints.load('fresh')).toBeUndefined()
    await checkpoints.save('fresh', { position: 7, state: { rows: [{ id: 'a', n: 1 }] } })
    expect(await checkpoints.load('fresh')).toEqual({
      position: 7,
      state: { rows: [{ id: 'a', n: 1 }] },
    })
    await checkpoints.save('fresh', { position: 9 })
    const withoutState = await checkpoints.load('fresh')
    expect(withoutState).toEqual({ position: 9 })
    expect(withoutState !== undefined && 'state' in withoutState).toBe(false)
    // A JSON null state is a state, not the absence of one.
    await checkpoints.save('fresh', { position: 10, state: null })
    expect(await checkpoints.load('fresh')).toEqual({ position: 10, state: null })
    await checkpoints.remove('fresh')
    expect(await checkpoints.load('fresh')).toBeUndefined()
    await checkpoints.remove('fresh') // removing nothing is fine
  })

  it('refuses names and positions it cannot keep, and writes nothing', async () => {
    for (const name of ['', 'no spaces', '__proto__\u0000', '-dash-first', 'x'.repeat(101)]) {
      await expect(checkpoints.load(name)).rejects.toThrow(/invalid projection name/)
      await expect(checkpoints.save(name, { position: 1 })).rejects.toThrow(TypeError)
      await expect(checkpoints.remove(name)).rejects.toThrow(TypeError)
    }
    for (const position of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, '3' as never]) {
      await expect(checkpoints.save('refused', { position })).rejects.toThrow(RangeError)
    }
    await expect(checkpoints.save('refused', { position: 1, state: { big: 1n } })).rejects.toThrow(
      /is not JSON/,
    )
    expect(await checkpoints.load('refused')).toBeUndefined()
  })

  it('behaves as a map of checkpoints over random operations', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(operationArbitrary, { maxLength: 25 }), async (operations) => {
        // Each run has names of its own.
        const prefix = `run${++run}.`
        const model = new Map<string, Checkpoint>()
        for (const operation of operations) {
          const name = prefix + operation.name
          switch (operation.op) {
            case 'save': {
              const checkpoint: Checkpoint =
                operation.state === undefined
                  ? { position: operation.position }
                  : { position: operation.position, state: asJson(operation.state) }
              await checkpoints.save(name, { position: operation.position, state: operation.state })
              model.set(name, checkpoint)
              break
            }
            case 'load':
              expect(await checkpoints.load(name)).toEqual(model.get(name))
              break
            case 'remove':
              await checkpoints.remove(name)
              model.delete(name)
              break
          }
        }
        for (const [name, checkpoint] of model) {
          expect(await checkpoints.load(name)).toEqual(checkpoint)
        }
      }),
      { numRuns: 10 },
    )
  })
}

describe('checkpoints of an embedded store (PGlite in a temp directory)', () => {
  contract(async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'microcred-checkpoints-'))
    const opened = await openEventStore({ directory })
    return {
      opened,
      cleanup: async () => {
        await opened.close()
        await fs.rm(directory, { recursive: true, force: true })
      },
    }
  })

  it('are fenced like the store: closed, they refuse every call', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'microcred-checkpoints-closed-'))
    try {
      const opened = await openEventStore({ directory })
      await opened.checkpoints.save('kept', { position: 3 })
      await opened.close()
      await expect(opened.checkpoints.load('kept')).rejects.toThrow(/is closed/)
      const again = await openEventStore({ directory })
      expect(await again.checkpoints.load('kept')).toEqual({ position: 3 }) // it survived
      await again.close()
    } finally {
      await fs.rm(directory, { recursive: true, force: true })
    }
  })
})

describe.skipIf(databaseUrl === undefined)(`checkpoints on the server${serverSkipReason}`, () => {
  contract(async () => {
    const schema = freshSchema('cp')
    const opened = await openEventStore({ databaseUrl: databaseUrl ?? '' }, { schema })
    return {
      opened,
      cleanup: async () => {
        const pg = await import('pg')
        const pool = new pg.default.Pool({ connectionString: databaseUrl })
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
        await pool.end()
        await opened.close()
      },
    }
  })
})
