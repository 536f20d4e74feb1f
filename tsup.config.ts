import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'postgres/index': 'src/postgres/index.ts',
      'badge/index': 'src/badge/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'node20',
  },
  {
    // The `microcred` command: ESM only, with its shebang; it imports the package's own entries.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    external: ['microcred', 'microcred/postgres', 'microcred/badge'],
  },
])
