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
 * empty file, which needs no store). Last, the types as a TypeScript app sees them: `tsc --noEmit`
 * (the repo's own TypeScript, run in the scratch project against the installed package's
 * declarations) must accept `ok.ts`, a `handleCommand` call with a `RecordHours` command, and
 * reject `typo.ts` (the field `hourz`) and `typo-type.ts` (the type `RecordHour`), each with an
 * error naming the misspelling. Prints one line per check; exits non-zero with what is missing
 * on failure. Run by `npm run check:package`, after the build, publint and attw.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
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

/** An app's call of `handleCommand` with a `RecordHours` command, spelled as given. */
const recordHours = ({ type = 'RecordHours', hours = 'hours' } = {}) =>
  `import { createInMemoryEventStore, enrollment, handleCommand, type CommandContext } from 'microcred'

const store = createInMemoryEventStore()
const context: CommandContext = {
  actor: { id: 'lms-1', roles: ['lms'] },
  at: '2026-09-13T18:00:00Z',
  commandId: 'hours-1',
}
export const handled = handleCommand(
  store,
  enrollment,
  { type: '${type}', data: { enrollmentId: 'e1', moduleId: 'm1', mode: 'online', ${hours}: 2 } },
  context,
)
`
/**
 * Compiled together by `tsc --noEmit`: a file without a `misspelling` must compile; one with it
 * must not, with an error that quotes it (`'hourz'`, `'"RecordHour"'`).
 */
const typeChecks = [
  { file: 'ok.ts', source: recordHours() },
  { file: 'typo.ts', source: recordHours({ hours: 'hourz' }), misspelling: 'hourz' },
  { file: 'typo-type.ts', source: recordHours({ type: 'RecordHour' }), misspelling: 'RecordHour' },
]
/** Whether a diagnostic quotes the word, as tsc quotes a property (`'x'`) or a literal (`"x"`). */
const quotes = (text, word) => text.includes(`'${word}'`) || text.includes(`"${word}"`)
const tsconfig = {
  compilerOptions: {
    strict: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2022'],
    noEmit: true,
    skipLibCheck: true,
  },
  files: typeChecks.map(({ file }) => file),
}

/** tsc's diagnostics (`--pretty false`) by file; those of no file under ''. */
const diagnosticsByFile = (output) => {
  const byFile = new Map()
  let last
  for (const line of output.split('\n')) {
    const located = /^(.+?)\(\d+,\d+\): (error .*)$/.exec(line)
    if (located !== null) {
      last = { file: located[1], text: located[2] }
      byFile.set(last.file, [...(byFile.get(last.file) ?? []), last])
    } else if (/^\s/.test(line) && last !== undefined) last.text += `\n${line.trim()}`
    else if (line.trim() !== '') byFile.set('', [...(byFile.get('') ?? []), { text: line }])
  }
  return new Map([...byFile].map(([file, list]) => [file, list.map((d) => d.text)]))
}
const short = (text) => {
  const first = text.split('\n')[0]
  return first.length > 110 ? `${first.slice(0, 109)}…` : first
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

  // The types, as a TypeScript app compiles against them: typos in a command must not compile.
  const require = createRequire(import.meta.url)
  const tsc = require.resolve('typescript/bin/tsc')
  const { version: tscVersion } = require('typescript/package.json')
  for (const { file, source } of typeChecks) fs.writeFileSync(path.join(app, file), source)
  fs.writeFileSync(path.join(app, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`)
  let output = ''
  try {
    output = run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], app)
  } catch (error) {
    output = `${error.stdout ?? ''}${error.stderr ?? ''}`
  }
  const diagnostics = diagnosticsByFile(output)
  const global = diagnostics.get('') ?? []
  for (const { file, misspelling } of typeChecks) {
    const errors = [...global, ...(diagnostics.get(file) ?? [])]
    const naming = errors.find((text) => misspelling !== undefined && quotes(text, misspelling))
    const label = `smoke types: tsc ${tscVersion} --noEmit ${file}`
    if (misspelling === undefined && errors.length === 0) {
      console.log(`${label}: ok, compiles`)
    } else if (misspelling === undefined) {
      failed = true
      console.error(`${label}: FAILED, it should compile:\n  ${errors.join('\n  ')}`)
    } else if (naming !== undefined) {
      console.log(`${label}: ok, refused: ${short(naming)}`)
    } else if (errors.length === 0) {
      failed = true
      console.error(`${label}: FAILED, it compiles: the misspelled '${misspelling}' is not caught`)
    } else {
      failed = true
      console.error(`${label}: FAILED, no error names '${misspelling}':\n  ${errors.join('\n  ')}`)
    }
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
