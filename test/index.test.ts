/**
 * The public face: `src/index.ts` only re-exports, and every module of the core is reachable from
 * it (each folder through its own `index.ts`); `src/testing/index.ts` likewise for the testing
 * helpers.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as microcred from '../src/index.js'
import * as testing from '../src/testing/index.js'

const root = join(import.meta.dirname, '..', 'src')

const reexports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^export \* from '\.\/(.+)\.js'$/gm)].map(
    (m) => m[1] ?? '',
  )

/** Every module reachable from `index` through `export * from` chains, as paths from src. */
const reachable = (dir: string, seen = new Set<string>()): Set<string> => {
  for (const target of reexports(join(dir, 'index.ts'))) {
    const path = relative(root, join(dir, target)).replace(/\/index$/, '')
    seen.add(path)
    if (target.endsWith('/index')) reachable(join(dir, target.replace(/\/index$/, '')), seen)
  }
  return seen
}

const modulesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return modulesUnder(path)
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts') || entry.name === 'index.ts')
      return []
    return [relative(root, path).replace(/\.ts$/, '')]
  })

describe('public entry points', () => {
  it('src/index.ts only re-exports', () => {
    const code = readFileSync(join(root, 'index.ts'), 'utf8')
      .replace(/\/\*\*[\s\S]*?\*\//g, '')
      .split('\n')
      .filter((line) => line.trim() !== '')
    expect(code.every((line) => /^export \* from '\.\/.+\.js'$/.test(line))).toBe(true)
  })

  it('every module is exported from its entry point: microcred, microcred/postgres, microcred/badge or microcred/testing', () => {
    const exported = reachable(root)
    const modules = modulesUnder(root)
    /** The subpath entries: each folder's index names every module in it. */
    const entries = ['postgres', 'badge', 'testing']
    const entryOf = (m: string) => entries.find((entry) => m.startsWith(`${entry}/`))
    // Internal modules say so (`@internal`); the catalog's per-program files are its data,
    // reached through `catalog`; the CLI is a command, not an import.
    const internal = (m: string) =>
      m.startsWith('program/catalog/') ||
      m.startsWith('cli/') ||
      /@internal/.test(readFileSync(join(root, `${m}.ts`), 'utf8'))
    const core = modules.filter((m) => entryOf(m) === undefined)
    expect(core.filter((m) => !exported.has(m) && !internal(m))).toEqual([])
    for (const entry of entries) {
      const index = readFileSync(join(root, entry, 'index.ts'), 'utf8')
      const named = modules.filter((m) => entryOf(m) === entry && !internal(m))
      const unnamed = named.filter(
        (m) => !index.includes(`from './${m.slice(entry.length + 1)}.js'`),
      )
      expect(unnamed, `modules of src/${entry} missing from its index`).toEqual([])
    }
  })

  it('exposes the names of the public contract', () => {
    for (const name of [
      'lausdPolicy',
      'validateProgram',
      'catalog',
      'enrollment',
      'foldEnrollment',
      'progress',
      'EnrollmentCommand',
      'EnrollmentEvent',
    ]) {
      expect(microcred).toHaveProperty(name)
    }
    expect(typeof microcred.enrollment.decide).toBe('function')
    expect(typeof microcred.enrollment.evolve).toBe('function')
    expect(microcred.enrollment.initialState).toEqual({ status: 'notEnrolled' })
    for (const name of ['programArbitrary', 'journeyArbitrary', 'given', 'runSteps']) {
      expect(testing).toHaveProperty(name)
    }
  })
})
