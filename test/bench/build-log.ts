/**
 * Builds the replay log in a child process and writes it to stdout: a first line of metadata,
 * then one NDJSON line per event. The benchmark reads it from there, so the process that
 * measures replay never runs `decide` (as a replay from a store would not): deciding runs the
 * recipe on immer drafts, and the inline caches it leaves behind slow down later folds.
 */
import { buildLog } from './log.js'

const enrollments = Number(process.argv[2] ?? 25_000)
const log = buildLog({ enrollments })
const { lines, ...meta } = log
process.stdout.write(`${JSON.stringify(meta)}\n`)
const chunk = 10_000
for (let i = 0; i < lines.length; i += chunk) {
  process.stdout.write(`${lines.slice(i, i + chunk).join('\n')}\n`)
}
