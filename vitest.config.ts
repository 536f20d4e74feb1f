import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      'microcred/testing': source('./src/testing/index.ts'),
      'microcred/postgres': source('./src/postgres/index.ts'),
      'microcred/badge': source('./src/badge/index.ts'),
      microcred: source('./src/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['test/bench/**'],
    // Property tests run hundreds of generated cases: seconds on an idle machine, and more than
    // vitest's default 5 s on a loaded 2-core CI machine. A hang still fails, at one minute.
    testTimeout: 60_000,
    // Starting PGlite takes seconds, more on a loaded machine.
    hookTimeout: 60_000,
    // One test file per core (vitest's default leaves one core free: a single worker on the
    // 2-core CI machine). Much of the suite waits on PostgreSQL and on child processes, so a
    // second worker halved the suite's time there (405 s to 208 s, every test passing).
    maxWorkers: availableParallelism(),
  },
})
