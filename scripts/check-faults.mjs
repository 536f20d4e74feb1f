/**
 * Proves that the property tests catch the faults the rulebook's examples catch: each fault
 * below is planted in a scratch copy of the repo, and the property files named in its `caughtBy`
 * must then FAIL (with at least one failed test, not merely a file that no longer loads), while
 * the same files, unmutated, must PASS. A property that stops exercising a rule therefore shows
 * up here as `MISSED`, and the script exits 1.
 *
 * For each fault the script copies `src/`, `test/`, `vitest.config.ts`, `tsconfig.json` and
 * `package.json` into a fresh directory under the OS temp dir (with a symlink to `node_modules`),
 * applies the substitution there and runs `npx vitest run <caughtBy files>` in it (one worker,
 * fast-check told to stop at the first counterexample instead of shrinking it: only whether a
 * property fails matters here). The working tree is never touched, so an interrupted run leaves
 * nothing behind in the repo; the temporary directories are removed at the end (and on Ctrl-C or
 * an error). At most two runs go at a time; the whole list takes about 75 s on two idle cores.
 *
 * To add a fault, append `{ name, file, find, replace, caughtBy }` to `faults`: `find` is exact
 * text that must occur exactly once in `file` (the script fails loudly otherwise, so the list
 * cannot rot silently when the code changes), `replace` is what the fault puts in its place, and
 * `caughtBy` lists the one or two `*.property.test.ts` files that must catch it (the rulebook's
 * examples do not count: the point is that the properties catch it). Find out which files catch a
 * new fault with `--survey`, which runs every enrollment property file against every fault and
 * prints the tests that failed.
 *
 * Usage: node scripts/check-faults.mjs [--survey] [--only <substring of a fault's name>]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { clearTimeout, setTimeout } from 'node:timers'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const authorizationFile = 'test/enrollment/authorization.property.test.ts'
const lifecycleFile = 'test/enrollment/lifecycle.property.test.ts'
const attemptsFile = 'test/enrollment/attempts.property.test.ts'

/** The planted faults. */
const faults = [
  {
    name: 'an assessor grades their own artifact',
    file: 'src/authorization.ts',
    find: "GradeArtifact: [{ role: 'assessor', relation: 'other' }],",
    replace: "GradeArtifact: [{ role: 'assessor', relation: 'any' }],",
    caughtBy: [authorizationFile],
  },
  {
    name: 'an assessor grades their own capstone',
    file: 'src/authorization.ts',
    find: "GradeCapstone: [{ role: 'assessor', relation: 'other' }],",
    replace: "GradeCapstone: [{ role: 'assessor', relation: 'any' }],",
    caughtBy: [authorizationFile],
  },
  {
    name: 'an educator submits for another educator',
    file: 'src/authorization.ts',
    find: "SubmitArtifact: [{ role: 'educator', relation: 'self' }],",
    replace: "SubmitArtifact: [{ role: 'educator', relation: 'any' }],",
    caughtBy: [authorizationFile],
  },
  {
    name: 'an administrator revokes their own credential',
    file: 'src/authorization.ts',
    find: "RevokeCredential: [{ role: 'administrator', relation: 'other' }],",
    replace: "RevokeCredential: [{ role: 'administrator', relation: 'any' }],",
    caughtBy: [authorizationFile],
  },
  {
    name: 'the attempt cap allows maxAttempts + 1 attempts',
    file: 'src/enrollment/submissions.ts',
    find: 'if (attempts.length >= maxAttempts) {',
    replace: 'if (attempts.length > maxAttempts) {',
    caughtBy: [attemptsFile],
  },
  {
    name: 'the attempt cap allows only maxAttempts - 1 attempts',
    file: 'src/enrollment/submissions.ts',
    find: 'if (attempts.length >= maxAttempts) {',
    replace: 'if (attempts.length >= maxAttempts - 1) {',
    caughtBy: [attemptsFile],
  },
  {
    name: 'an attempt is graded twice',
    file: 'src/enrollment/submissions.ts',
    find: 'if (submitted.grade !== null) {',
    replace: 'if (false) {',
    caughtBy: [attemptsFile],
  },
  {
    name: 'a resubmission while an attempt awaits its grade',
    file: 'src/enrollment/submissions.ts',
    find: 'if (isAwaitingGrade(attempts)) {',
    replace: 'if (false) {',
    caughtBy: [attemptsFile],
  },
  {
    name: 'a score at meetsAt does not meet',
    file: 'src/enrollment/submissions.ts',
    find: '(scoreOf(criterion.id) ?? 0) >= criterion.meetsAt)',
    replace: '(scoreOf(criterion.id) ?? 0) > criterion.meetsAt)',
    caughtBy: [attemptsFile],
  },
  {
    name: 'the time-order check removed',
    file: 'src/enrollment/decide.ts',
    find: 'if (Date.parse(ctx.at) < Date.parse(state.lastEventAt)) {',
    replace: 'if (false) {',
    caughtBy: [lifecycleFile],
  },
  {
    name: 'a command at the instant of the latest event refused',
    file: 'src/enrollment/decide.ts',
    find: 'if (Date.parse(ctx.at) < Date.parse(state.lastEventAt)) {',
    replace: 'if (Date.parse(ctx.at) <= Date.parse(state.lastEventAt)) {',
    caughtBy: [lifecycleFile],
  },
  {
    name: 'withdraw: the AlreadyEarned check removed',
    file: 'src/enrollment/decide.ts',
    find: "if (state.status === 'earned' || state.status === 'revoked') {\n    const since",
    replace: 'if (false) {\n    const since',
    caughtBy: [lifecycleFile],
  },
  {
    name: 'withdraw: an earned enrollment may be withdrawn',
    file: 'src/enrollment/decide.ts',
    // Both refusals of an earned enrollment go: its own status check and `mustBeActive`.
    find: [
      "  if (state.status === 'earned' || state.status === 'revoked') {",
      "    const since = state.status === 'revoked' ? ' (since revoked)' : ''",
      '    return fail(',
      '      ruleViolation(',
      "        'AlreadyEarned',",
      "        `enrollment '${state.enrollmentId}' earned its credential${since}; an earned enrollment cannot be withdrawn`,",
      '      ),',
      '    )',
      '  }',
      '  const closed = mustBeActive(state)',
    ].join('\n'),
    replace: "  const closed = state.status === 'earned' ? undefined : mustBeActive(state)",
    caughtBy: [lifecycleFile],
  },
  {
    name: 'credited hours not capped at what the module still needs',
    file: 'src/enrollment/decide.ts',
    find: 'creditedHours: Math.max(0, Math.min(data.hours, needed)),',
    replace: 'creditedHours: data.hours,',
    caughtBy: [lifecycleFile],
  },
  {
    name: 'CredentialEarned emitted again after the credential is earned',
    file: 'src/enrollment/consequences.ts',
    find: "if (next.status !== 'active') return []",
    replace: "if (next.status === 'withdrawn') return []",
    caughtBy: [lifecycleFile],
  },
]

// -------------------------------------------------------------------------------------
// the harness
// -------------------------------------------------------------------------------------

/** What a scratch copy holds: enough to run the tests, nothing the tests do not read. */
const copied = ['src', 'test', 'vitest.config.ts', 'tsconfig.json', 'package.json']
/** Runs at a time (a 2-core machine). */
const concurrency = 2
/** A run that takes longer than this is stopped and counted as a failure of the harness. */
const timeoutMs = 5 * 60_000

const args = process.argv.slice(2)
const survey = args.includes('--survey')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined

const occurrences = (text, find) => text.split(find).length - 1

/** Checks the list against the working tree, loudly: a fault that no longer applies is a bug. */
const checkList = () => {
  const names = new Set()
  for (const fault of faults) {
    if (names.has(fault.name)) die(`two faults are named '${fault.name}'`)
    names.add(fault.name)
    const file = path.join(repo, fault.file)
    if (!fs.existsSync(file)) die(`fault '${fault.name}': ${fault.file} does not exist`)
    const count = occurrences(fs.readFileSync(file, 'utf8'), fault.find)
    if (count !== 1) {
      die(
        `fault '${fault.name}': its text occurs ${count} times in ${fault.file} (it must occur exactly once; update the fault):\n${fault.find}`,
      )
    }
    if (fault.find === fault.replace) die(`fault '${fault.name}' replaces its text with itself`)
    if (fault.caughtBy.length === 0) die(`fault '${fault.name}' names no test file`)
    for (const test of fault.caughtBy) {
      if (!/\.property\.test\.ts$/.test(test)) {
        die(`fault '${fault.name}': ${test} is not a property file (*.property.test.ts)`)
      }
      // A survey runs every property file, so it can map the faults before their files exist.
      if (!survey && !fs.existsSync(path.join(repo, test))) {
        die(`fault '${fault.name}': no file ${test}`)
      }
    }
  }
}

const scratchDirs = new Set()
const children = new Set()

const removeScratch = () => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true })
  scratchDirs.clear()
}

const stopChildren = () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}

/** Stops everything, cleans up and exits with 2: the harness itself is wrong. */
const die = (message) => {
  console.error(`check-faults: ${message}`)
  stopChildren()
  removeScratch()
  process.exit(2)
}

/** A fresh copy of the repo under the temp dir, with `fault` planted if one is given. */
const scratchCopy = (fault) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-fault-'))
  scratchDirs.add(dir)
  for (const entry of copied) {
    // Real copies, never links: the fault is written into the copy, and must not reach the repo.
    fs.cpSync(path.join(repo, entry), path.join(dir, entry), { recursive: true, dereference: true })
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  // The repo's config, plus a setup file that stops fast-check at the first counterexample: the
  // harness only asks whether a property fails, and shrinking a journey takes longer than that.
  fs.writeFileSync(
    path.join(dir, 'check-faults.setup.mjs'),
    "import fc from 'fast-check'\nfc.configureGlobal({ endOnFailure: true })\n",
  )
  fs.writeFileSync(
    path.join(dir, 'check-faults.config.mjs'),
    [
      "import { mergeConfig } from 'vitest/config'",
      "import base from './vitest.config.ts'",
      "export default mergeConfig(base, { test: { setupFiles: ['./check-faults.setup.mjs'] } })",
      '',
    ].join('\n'),
  )
  if (fault !== undefined) {
    const file = path.join(dir, fault.file)
    if (!fs.realpathSync(file).startsWith(fs.realpathSync(dir) + path.sep)) {
      die(`fault '${fault.name}': ${fault.file} in the copy leads out of it`)
    }
    const text = fs.readFileSync(file, 'utf8')
    if (occurrences(text, fault.find) !== 1) die(`fault '${fault.name}' does not apply to the copy`)
    fs.writeFileSync(
      file,
      text.replace(fault.find, () => fault.replace),
    )
  }
  return dir
}

/**
 * Runs `npx vitest run <files>` in a scratch copy; resolves to the failed and passed tests (from
 * vitest's JSON report), the exit code and how long it took.
 */
const runVitest = (fault, files) =>
  new Promise((resolve) => {
    const started = Date.now()
    const dir = scratchCopy(fault)
    const report = path.join(dir, 'vitest-report.json')
    const child = spawn(
      'npx',
      [
        'vitest',
        'run',
        ...files,
        '--config=check-faults.config.mjs',
        // One worker a run: the runs themselves go two at a time.
        '--maxWorkers=1',
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      },
    )
    children.add(child)
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000)
    })
    const timer = setTimeout(() => {
      stderr += `\n(stopped after ${timeoutMs / 1000} s)`
      process.kill(-child.pid, 'SIGKILL')
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      children.delete(child)
      let json
      try {
        json = JSON.parse(fs.readFileSync(report, 'utf8'))
      } catch {
        json = undefined
      }
      fs.rmSync(dir, { recursive: true, force: true })
      scratchDirs.delete(dir)
      const tests = (json?.testResults ?? []).flatMap((file) =>
        (file.assertionResults ?? []).map((test) => ({
          file: path.relative(dir, file.name),
          title: test.fullName ?? test.title,
          status: test.status,
        })),
      )
      const errors = (json?.testResults ?? [])
        .map((file) => file.message)
        .filter((message) => typeof message === 'string' && message.length > 0)
      resolve({
        code,
        errors,
        seconds: (Date.now() - started) / 1000,
        failed: tests.filter((test) => test.status === 'failed'),
        passed: tests.filter((test) => test.status === 'passed'),
        stderr,
      })
    })
  })

/** Runs `jobs` (functions returning promises), at most `concurrency` at a time, in order. */
const pool = (jobs) => {
  const results = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      results[i] = await jobs[i]()
    }
  }
  return Promise.all(Array.from({ length: concurrency }, worker)).then(() => results)
}

const stopEverything = (signal) => {
  stopChildren()
  removeScratch()
  process.exit(signal === 'SIGINT' ? 130 : 143)
}
process.on('SIGINT', stopEverything)
process.on('SIGTERM', stopEverything)

const main = async () => {
  checkList()
  const started = Date.now()
  const selected = faults.filter((fault) => only === undefined || fault.name.includes(only))
  if (selected.length === 0) die(`no fault's name contains '${only}'`)
  const propertyFiles = fs
    .readdirSync(path.join(repo, 'test/enrollment'))
    .filter((name) => name.endsWith('.property.test.ts'))
    .sort()
    .map((name) => `test/enrollment/${name}`)
  const filesOf = (fault) => (survey ? propertyFiles : fault.caughtBy)
  const baselineFiles = [...new Set(selected.flatMap(filesOf))].sort()

  const jobs = [
    () => runVitest(undefined, baselineFiles),
    ...selected.map((fault) => () => runVitest(fault, filesOf(fault))),
  ]
  const [baseline, ...runs] = await pool(jobs)

  let ok = true
  const baselinePassed = baseline.code === 0 && baseline.failed.length === 0
  if (baselinePassed && baseline.passed.length > 0) {
    console.log(
      `pass     unmutated: ${baseline.passed.length} tests in ${baselineFiles.length} files (${baseline.seconds.toFixed(1)} s)`,
    )
  } else {
    ok = false
    console.log(`FAIL     unmutated: the files must pass before faults are planted`)
    for (const test of baseline.failed)
      console.log(`           failed: ${test.file} > ${test.title}`)
    if (baseline.failed.length === 0) {
      console.log([...baseline.errors, baseline.stderr].join('\n').trim().slice(0, 2000))
    }
  }

  selected.forEach((fault, i) => {
    const run = runs[i]
    const seconds = `(${run.seconds.toFixed(1)} s)`
    if (run.failed.length > 0) {
      const files = [...new Set(run.failed.map((test) => path.basename(test.file)))]
      console.log(`caught   ${fault.name}: caught by ${files.join(', ')} ${seconds}`)
      if (survey)
        for (const test of run.failed) console.log(`           ${test.file} > ${test.title}`)
    } else if (run.code === 0) {
      ok = false
      console.log(`MISSED   ${fault.name}: ${filesOf(fault).join(', ')} still pass ${seconds}`)
    } else {
      // The files failed without a failed test: they did not load, or the run timed out.
      ok = false
      console.log(`BROKEN   ${fault.name}: no test failed, yet the run did ${seconds}`)
      console.log([...run.errors, run.stderr].join('\n').trim().slice(0, 2000))
    }
  })
  const caught = runs.filter((run) => run.failed.length > 0).length
  console.log(
    `${caught} of ${selected.length} faults caught, in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )
  removeScratch()
  process.exit(ok ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  removeScratch()
  process.exit(2)
})
