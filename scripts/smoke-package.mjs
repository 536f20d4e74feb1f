/**
 * Smoke-tests the built package as users consume it, from ESM and from CommonJS.
 *
 * publint and attw check the manifest and the types; this checks that the code actually loads:
 * `npm pack` the repo (after `npm run build`), install the tarball with the peer dependencies in a
 * scratch project under the OS temp dir (`--prefer-offline`: the npm cache is warm after `npm ci`),
 * then import every entry point (microcred, /postgres, /badge, /testing) from an .mjs and a .cjs
 * script. Each asserts that
 * the exports every app relies on exist with the expected `typeof`, and that
 * `validateProgram(catalog.steam)` is a `Right`; then runs the `microcred` bin (`replay` of an
 * empty file, which needs no store). Prints one line per format; exits non-zero with
 * what is missing on failure. Run by `npm run check:package`, after the build, publint and attw.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The exports every app relies on, by entry point, with their `typeof`. */
const expected = {
  microcred: {
    lausdPolicy: 'object',
    validateProgram: 'function',
    catalog: 'object',
    enrollment: 'object',
    foldEnrollment: 'function',
    progress: 'function',
    EnrollmentCommand: 'object',
    EnrollmentEvent: 'object',
    createInMemoryEventStore: 'function',
    handleCommand: 'function',
  },
  'microcred/postgres': {
    createPostgresEventStore: 'function',
    migrate: 'function',
    openEventStore: 'function',
  },
  'microcred/badge': {
    buildOpenBadgeCredential: 'function',
    signBadgeJwt: 'function',
    signBadgeDataIntegrity: 'function',
    verifyBadge: 'function',
    generateIssuerKey: 'function',
    buildRevocationList: 'function',
  },
  'microcred/testing': {
    programArbitrary: 'function',
  },
}
/** Installed next to the tarball, in the ranges package.json asks of users. */
const peers = ['fp-ts', 'io-ts', 'fast-check']

/**
 * Runs inside the scratch project (serialized into both scripts): what is wrong with the loaded
 * entry points, as a list of messages.
 */
const check = (modules, expected) => {
  const problems = []
  for (const [entry, names] of Object.entries(expected)) {
    if (modules[entry] === undefined) continue // failed to load: reported already
    for (const [name, type] of Object.entries(names)) {
      const actual = typeof modules[entry][name]
      if (actual === 'undefined') problems.push(`'${entry}' has no export ${name} (a ${type})`)
      else if (actual !== type)
        problems.push(`'${entry}' export ${name} is typeof ${actual}, expected ${type}`)
    }
  }
  if (modules.microcred === undefined) return problems
  try {
    const { catalog, validateProgram } = modules.microcred
    const tag = validateProgram(catalog.steam)._tag
    if (tag !== 'Right') problems.push(`validateProgram(catalog.steam) is ${tag}, expected Right`)
  } catch (error) {
    problems.push(`validateProgram(catalog.steam) throws: ${error}`)
  }
  return problems
}

/** The body of both scripts, after `load` (import or require) is defined. */
const script = (load) => `const expected = ${JSON.stringify(expected)}
const check = ${check}
const modules = {}
const problems = []
for (const entry of Object.keys(expected)) {
  try {
    modules[entry] = ${load}
  } catch (error) {
    problems.push(\`cannot load '\${entry}': \${error.message.split('\\n')[0]}\`)
  }
}
problems.push(...check(modules, expected))
console.log(JSON.stringify(problems))
`
const scripts = {
  esm: ['smoke.mjs', script('await import(entry)')],
  cjs: ['smoke.cjs', script('require(entry)')],
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
  console.error('smoke: dist/ is missing: run `npm run build` first')
  process.exit(1)
}

const started = Date.now()
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-smoke-'))
let failed = false
try {
  // Pack exactly what would be published, and install it as a user would.
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', temp], root))
  const app = path.join(temp, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "smoke", "private": true }\n')
  const peerSpecs = peers.map((name) => `${name}@${manifest.peerDependencies[name]}`)
  const options = ['--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock']
  run('npm', ['install', ...options, path.join(temp, packed.filename), ...peerSpecs], app)
  const installed = `${manifest.name}@${manifest.version} (${packed.entryCount} files)`

  for (const [format, [file, source]] of Object.entries(scripts)) {
    fs.writeFileSync(path.join(app, file), source)
    let problems
    try {
      problems = JSON.parse(run(process.execPath, [file], app))
    } catch (error) {
      const status = error.status ?? error.signal ?? error.message
      const stderr = `${error.stderr ?? ''}`.trim()
      problems = [`node ${file} exited with ${status}${stderr ? `:\n${stderr}` : ''}`]
    }
    const count = Object.values(expected).reduce((n, names) => n + Object.keys(names).length, 0)
    if (problems.length === 0) {
      console.log(
        `smoke ${format}: ok, ${installed}: ${count} exports, validateProgram(catalog.steam) is Right`,
      )
    } else {
      failed = true
      console.error(`smoke ${format}: FAILED, ${installed}:\n  ${problems.join('\n  ')}`)
    }
  }
  // The bin, as `npx microcred` would run it: `replay` needs no store (and no optional peer).
  const log = path.join(app, 'one.ndjson')
  fs.writeFileSync(log, '')
  try {
    const out = run(path.join(app, 'node_modules', '.bin', 'microcred'), ['replay', log], app)
    console.log(`smoke bin: ok, microcred replay: ${out.trim().split('\n')[0]}`)
  } catch (error) {
    failed = true
    console.error(`smoke bin: FAILED, microcred replay exited ${error.status}: ${error.stderr}`)
  }
} catch (error) {
  // npm pack or npm install failed: show npm's own explanation.
  failed = true
  console.error(`smoke: ${error.message}\n${error.stderr ?? ''}`.trim())
} finally {
  fs.rmSync(temp, { recursive: true, force: true })
}
if (failed) process.exit(1)
console.log(`smoke: done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
