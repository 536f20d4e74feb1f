/**
 * Checks that the public API is documented and that its documentation examples work.
 *
 * Project rule: every export of the public entry points (src/index.ts, src/testing/index.ts,
 * src/postgres/index.ts, src/badge/index.ts) has a
 * TSDoc comment, and every exported value (const, function, class, ...) has an `@example` that
 * compiles, runs and states its results as assertions that run (`assert.equal(f(x), y)` with
 * `node:assert/strict`, not `f(x) // y`), so the documentation cannot drift from the code. This
 * script:
 *
 *   1. loads the entry points with the TypeScript compiler API (tsconfig.json options) and walks
 *      their exports (through `export *` and aliases): a missing doc comment or `@example` fails,
 *      and so does an `@example` of an exported value that calls no `assert` (`assert(...)` or
 *      `assert.something(...)`, anywhere in it; a mention in a comment or string does not count);
 *   2. writes every `@example` to .doc-examples/ (gitignored, cleaned on every run) as a module;
 *   3. type-checks them in one program with the tsconfig.json options, whose `paths` map
 *      'microcred' and 'microcred/testing' to src (unused locals and parameters allowed);
 *   4. meanwhile runs them all in one child process, `node --import tsx` (tsx honours the same
 *      `paths`): a well-typed example that throws (synchronously, in a rejected promise or a
 *      timer) fails. Ill-typed ones have failed already. With DATABASE_URL, an example that uses
 *      the server names its schema `doc_...` and drops it: a `doc_` schema that appeared during
 *      the run fails the example that names it.
 *
 * Every failure names the src file, line and export, in src order. Run by `npm run typecheck`.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const entryPoints = [
  'src/index.ts',
  'src/testing/index.ts',
  'src/postgres/index.ts',
  'src/badge/index.ts',
]
const outDir = path.join(root, '.doc-examples')
const rel = (file) => path.relative(root, file).split(path.sep).join('/')
const failures = []
const fail = (where, what) => failures.push(`${where}  ${what}`)

// One cache of parsed files for both programs, so lib and node_modules .d.ts files parse once.
const parsed = new Map()
const createHost = (options) => {
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, version, ...rest) => {
    const key = `${fileName}|${typeof version === 'object' ? version.impliedNodeFormat : version}`
    if (!parsed.has(key)) parsed.set(key, getSourceFile(fileName, version, ...rest))
    return parsed.get(key)
  }
  return host
}

const format = (d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')
const readConfig = (file, overrides = {}) => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, file), overrides, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => fail(file, format(d)[0]),
  })
  // TS18003 "no inputs were found": examples/ may be empty, and we pass our own files anyway.
  for (const d of config?.errors ?? []) if (d.code !== 18003) fail(file, format(d)[0])
  return config?.options ?? {}
}

// ---------------------------------------------------------------------------------------------
// 1. walk the exports of the entry points
// ---------------------------------------------------------------------------------------------

const entries = entryPoints.map((e) => path.join(root, e)).filter((e) => fs.existsSync(e))
const srcOptions = readConfig('tsconfig.json')
const srcProgram = ts.createProgram(entries, srcOptions, createHost(srcOptions))
const checker = srcProgram.getTypeChecker()

/**
 * The JSDoc blocks of a declaration, including those of the export statement around an alias, but
 * not a file's `@packageDocumentation` (which TypeScript attaches to the first statement).
 */
const jsDocsOf = (node) =>
  [node, ts.findAncestor(node, ts.isExportDeclaration)]
    .filter((n) => n !== undefined && !ts.isSourceFile(n))
    .flatMap((n) => ts.getJSDocCommentsAndTags(n).filter(ts.isJSDoc))
    .filter((doc) => !doc.tags?.some((tag) => tag.tagName.text === 'packageDocumentation'))

/** Whether an example's code calls `assert(...)` or `assert.something(...)`, comments aside. */
const callsAssert = (code) => {
  const isAssert = (callee) =>
    (ts.isIdentifier(callee) && callee.text === 'assert') ||
    (ts.isPropertyAccessExpression(callee) && isAssert(callee.expression))
  const visit = (node) =>
    (ts.isCallExpression(node) && isAssert(node.expression)) ||
    ts.forEachChild(node, visit) === true
  return visit(ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest))
}

/** The `@example` blocks of a JSDoc: the lines after the tag up to the next tag, ``` dropped. */
const examplesIn = (doc) => {
  const sourceFile = doc.getSourceFile()
  const firstLine = sourceFile.getLineAndCharacterOfPosition(doc.pos).line
  const lines = sourceFile.text
    .slice(doc.pos, doc.end)
    .split(/\r?\n/)
    .map((line) => line.replace(/\s*\*\/\s*$/, '').replace(/^\s*(\/\*\*|\*) ?/, ''))
  const examples = []
  let current
  let fenced = false
  lines.forEach((text, i) => {
    if (current !== undefined && text.trim().startsWith('```')) fenced = !fenced
    else if (!fenced && /^@\w/.test(text)) {
      const tagLine = firstLine + i + 1 // 1-based line in the src file
      current = text.startsWith('@example') ? { tagLine, code: [], lines: [] } : undefined
      if (current) examples.push(current)
    } else if (current !== undefined) {
      current.code.push(text)
      current.lines.push(firstLine + i + 1)
    }
  })
  return examples
}

let documented = 0
const examples = [] // { at, what, file, tagLine, code, lines }
const seen = new Set()
for (const entry of entries) {
  const moduleSymbol = checker.getSymbolAtLocation(srcProgram.getSourceFile(entry))
  for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    if (seen.has(symbol)) continue // exported twice: once is enough
    seen.add(symbol)
    const name = exported.name
    const declarations = [...(exported.declarations ?? []), ...(symbol.declarations ?? [])]
    const main = symbol.valueDeclaration ?? symbol.declarations?.[0] ?? exported.declarations?.[0]
    // A namespace re-export (`export * as x`) resolves to a whole file: point at the export.
    const node = main && ts.isSourceFile(main) ? exported.declarations?.[0] : main
    if (node === undefined) continue
    const sourceFile = node.getSourceFile()
    const where = `${rel(sourceFile.fileName)}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
    const docs = [...new Set(declarations.flatMap(jsDocsOf))]
    if (!docs.some((doc) => ts.getTextOfJSDocComment(doc.comment)?.trim())) {
      fail(where, `${name}: missing TSDoc`)
      continue
    }
    documented++
    const found = docs.flatMap(examplesIn)
    if (found.length === 0 && symbol.flags & ts.SymbolFlags.Value) {
      fail(where, `${name}: missing @example`)
    }
    const base = rel(sourceFile.fileName).replace(/^src\/|\.[cm]?tsx?$/g, '')
    found.forEach((example, i) => {
      const at = `${rel(sourceFile.fileName)}:${example.tagLine}`
      const what = `${name}: @example${found.length > 1 ? ` ${i + 1}` : ''}`
      if (example.code.join('').trim() === '') fail(at, `${what} is empty`)
      else {
        if (symbol.flags & ts.SymbolFlags.Value && !callsAssert(example.code.join('\n'))) {
          fail(at, `${what} asserts nothing: state its results with node:assert/strict`)
        }
        const file = path.join(outDir, `${base.replaceAll('/', '__')}__${name}__${i + 1}.ts`)
        examples.push({ at, what, file, ...example })
      }
    })
  }
}

// ---------------------------------------------------------------------------------------------
// 2. write the examples and start running them, 3. meanwhile type-check them in one program
// ---------------------------------------------------------------------------------------------

fs.rmSync(outDir, { recursive: true, force: true })
fs.mkdirSync(outDir, { recursive: true })
for (const example of examples) {
  fs.writeFileSync(example.file, `${example.code.join('\n')}\n\nexport {}\n`)
}

// The runner imports the examples in turn, reporting each failure as one JSON line on stderr.
const runner = path.join(outDir, 'run-all.ts')
const files = examples.map((e) => `./${path.basename(e.file)}`)
fs.writeFileSync(
  runner,
  `// Generated by scripts/check-doc-examples.mjs: imports every example in turn.
const files: string[] = ${JSON.stringify(files, null, 2)}
let index = 0
const report = (error: unknown) => {
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error)
  const file = files[index]?.slice(2) ?? ''
  const frame = stack.split('\\n').find((line) => line.includes(file)) ?? ''
  const line = Number(/:(\\d+):\\d+\\)?$/.exec(frame)?.[1] ?? 0)
  console.error(JSON.stringify({ index, error: stack.split('\\n')[0], line }))
}
process.on('unhandledRejection', report)
process.on('uncaughtException', report)
process.on('exit', (code) => {
  if (index < files.length) report(new Error(\`exits with process.exit(\${code}); later examples did not run\`))
})
for (; index < files.length; index++) {
  try {
    await import(files[index]!)
  } catch (error) {
    report(error)
  }
  // Let the example's pending rejections and zero-delay timers fail while it is still current.
  await new Promise((resolve) => setTimeout(resolve, 0))
}
export {}
`,
)
// Examples that need a PostgreSQL schema (run only with DATABASE_URL) name it `doc_...` and drop
// it before they end, as every test cleans up after itself: one left behind fails the check.
const databaseUrl = process.env['DATABASE_URL']
const docSchemas = async () => {
  if (databaseUrl === undefined || databaseUrl === '') return []
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'doc\\_%' ORDER BY nspname",
    )
    return rows.map((row) => row.nspname)
  } finally {
    await client.end()
  }
}
const schemasBefore = new Set(await docSchemas())

const running = new Promise((resolve) => {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), runner], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    // Generous: on a loaded 2-core machine the examples (PGlite among them) take minutes.
    timeout: 400_000,
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
  child.on('error', (error) => resolve({ status: -1, reason: String(error), stderr }))
  child.on('close', (status, signal) =>
    resolve({ status, reason: `exited with ${signal ?? status}`, stderr }),
  )
})

const exampleOptions = readConfig('tsconfig.json', {
  noUnusedLocals: false,
  noUnusedParameters: false,
  noEmit: true,
})
const exampleProgram = ts.createProgram(
  files.map((f) => path.join(outDir, f)),
  exampleOptions,
  createHost(exampleOptions),
)
for (const d of [
  ...exampleProgram.getOptionsDiagnostics(),
  ...exampleProgram.getGlobalDiagnostics(),
])
  fail('tsconfig.json', format(d)[0])
const illTyped = new Set()
for (const example of examples) {
  const sourceFile = exampleProgram.getSourceFile(example.file)
  const diagnostics = [
    ...exampleProgram.getSyntacticDiagnostics(sourceFile),
    ...exampleProgram.getSemanticDiagnostics(sourceFile),
  ]
  for (const d of diagnostics) {
    const line = d.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(d.start).line
    // The message and its first detail: the rest of a long chain rarely helps.
    const message = format(d).slice(0, 2).join('\n    ')
    const srcLine = example.lines[line] ?? example.tagLine
    fail(
      example.at,
      `${example.what} does not type-check (line ${srcLine}): TS${d.code} ${message}`,
    )
    illTyped.add(example)
  }
}

// ---------------------------------------------------------------------------------------------
// 4. collect the run: report what the well-typed examples threw
// ---------------------------------------------------------------------------------------------

const run = await running
const output = []
let threw = 0
for (const line of run.stderr.split('\n')) {
  const record = line.startsWith('{"index":') ? JSON.parse(line) : undefined
  const example = examples[record?.index ?? -1]
  if (example === undefined) output.push(line)
  else if (!illTyped.has(example)) {
    threw++
    const at = example.lines[record.line - 1] ?? example.tagLine
    fail(example.at, `${example.what} throws (line ${at}): ${record.error}`)
  }
}
// The runner exits 0 after reporting what examples threw; otherwise it crashed, timed out, or an
// example called process.exit(): show what it printed.
if (run.status !== 0) fail(rel(runner), `${run.reason}\n${output.join('\n').trim()}`.trim())
for (const schema of await docSchemas()) {
  if (schemasBefore.has(schema)) continue
  const named = examples.filter((example) => example.code.some((line) => line.includes(schema)))
  for (const example of named.length > 0 ? named : [{ at: rel(runner), what: 'an example' }])
    fail(
      example.at,
      `${example.what} leaves the PostgreSQL schema ${schema} behind: drop it at its end`,
    )
}

// ---------------------------------------------------------------------------------------------
// summary
// ---------------------------------------------------------------------------------------------

// In src order: by file, then line.
const key = (failure) => /^(\S+):(\d+) {2}/.exec(failure) ?? ['', '', '0']
failures.sort((a, b) => key(a)[1].localeCompare(key(b)[1]) || Number(key(a)[2]) - Number(key(b)[2]))
if (failures.length > 0) {
  console.error(failures.join('\n'))
  console.error(
    `\ndoc examples: FAILED (${seen.size} exports, ${documented} documented; ` +
      `${examples.length} examples, ${illTyped.size} with type errors, ${threw} throw; ` +
      `see .doc-examples/)`,
  )
  process.exit(1)
}
console.log(
  `doc examples: ${documented} exports documented, ${examples.length} examples type-checked and run`,
)
