/**
 * Files shown in the guides are shown exactly: a code block right after a
 * `<!-- file: path -->` marker in docs/*.md must be that file of the repository, byte for byte, so
 * what a reader copies is what the test suite runs.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const guides = fs
  .readdirSync(path.join(root, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`)

const shown = guides.flatMap((guide) =>
  [
    ...fs
      .readFileSync(path.join(root, guide), 'utf8')
      .matchAll(/<!-- file: (\S+) -->\n\n```\w*\n([\s\S]*?)```/g),
  ].map(([, file = '', block = '']) => ({ guide, file, block })),
)

describe('files shown in docs/', () => {
  it('include the testing guide’s four example files', () => {
    expect(shown.filter((s) => s.guide === 'docs/testing.md').map((s) => s.file)).toEqual([
      'examples/testing/coaching.ts',
      'examples/testing/coaching.test.ts',
      'examples/testing/reminders.ts',
      'examples/testing/reminders.test.ts',
    ])
  })

  it.each(shown)('$guide shows $file exactly', ({ file, block }) => {
    expect(block).toBe(fs.readFileSync(path.join(root, file), 'utf8'))
  })
})
