/**
 * Checks that what the docs say about microcred's version is package.json's `version`.
 *
 * - CHANGELOG.md: the newest release heading (the first `## x.y.z` or `## [x.y.z] ...`;
 *   `[Unreleased]` and other headings are skipped) is package.json's version, and no release
 *   heading names a newer one. `npm run version` (changesets) writes both at once, so they
 *   only disagree when one was edited by hand.
 * - README.md and docs/*.md: no `microcred@x.y.z` (an install command, a pinned unpkg link) or
 *   `microcred x.y.z` / `microcred vx.y.z` / `"microcred": "^x.y.z"` names another version.
 *   Other packages' versions (Node 20.20, OB 3.0.3, ...) are not looked at.
 *
 * Prints one line; exits 1 naming each file and line that disagrees. Run by `npm run
 * check:package`; takes `node scripts/check-versions.mjs [root]` (default: this repo).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(
  process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
)
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8')
const { name, version } = JSON.parse(read('package.json'))

const semver = String.raw`\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`
const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
/** `microcred@1.2.3`, `microcred@^1.2.3`, `microcred 1.2.3`, `microcred v1.2.3`, `"microcred": "~1.2.3"`. */
const mention = new RegExp(
  String.raw`(?<![\w.-])(?:${escaped}(?:@[\^~]?|\s+v?)|"${escaped}"\s*:\s*"[\^~]?)(${semver})(?![\w.-])`,
  'g',
)
const releaseHeading = new RegExp(String.raw`^##\s+\[?v?(${semver})\]?(?=\s|$)`, 'gm')
const lineOf = (text, index) => text.slice(0, index).split('\n').length
const numbers = (v) => v.split(/[-+]/)[0].split('.').map(Number)
const newer = (a, b) => {
  const [x, y] = [numbers(a), numbers(b)]
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]
  return false
}

const problems = []
const pages = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`),
]
for (const page of pages) {
  const text = read(page)
  for (const match of text.matchAll(mention)) {
    if (match[1] !== version) {
      problems.push(
        `${page}:${lineOf(text, match.index)}: '${match[0]}', but package.json is ${version}`,
      )
    }
  }
}

const changelog = read('CHANGELOG.md')
const releases = [...changelog.matchAll(releaseHeading)]
const [newest] = releases
if (newest === undefined) {
  problems.push(`CHANGELOG.md: no release heading (## ${version}), but package.json is ${version}`)
} else if (newest[1] !== version) {
  problems.push(
    `CHANGELOG.md:${lineOf(changelog, newest.index)}: the newest release is ${newest[1]}, but package.json is ${version}`,
  )
}
for (const release of releases.slice(1)) {
  if (newer(release[1], version)) {
    problems.push(
      `CHANGELOG.md:${lineOf(changelog, release.index)}: release ${release[1]} is newer than package.json's ${version}`,
    )
  }
}

if (problems.length > 0) {
  console.error(`versions: FAILED, package.json is ${name}@${version}:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `versions: ok, ${name}@${version}: CHANGELOG.md's newest release, README.md and ${pages.length - 1} docs pages agree`,
)
