/**
 * The layers of microcred, enforced on every `npm run lint` (and so by `npm test`):
 *
 *   core (policy, program, enrollment, lifecycle, cohort, stack, feedback, decider, aggregate,
 *   event schema, checks across streams, authorization, codecs)
 *     <- store <- projections and processes <- postgres / badge <- cli
 *
 * An arrow points from what is imported to what imports it. The core imports nothing of the
 * store and no library but fp-ts, io-ts and immer; adapters (the in-memory store among them) do
 * not import each other; nothing in src/ imports the CLI or the testing kit but themselves; there
 * is no import cycle anywhere.
 */
const core = [
  '^src/(codec|input|escape|own|context|errors|freeze|hours|policy|authorization|decider|event-schema|aggregate|stream-check)[.]ts$',
  '^src/(program|enrollment|cohort|lifecycle|stack|feedback)/',
]
const store = '^src/store/'
const projections = '^src/(projections|processes)/'
const postgres = '^src/postgres/'
const badge = '^src/badge/'
const cli = '^src/cli/'
const testing = '^src/testing/'
const face = '^src/index[.]ts$'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules form no import cycle, even through types.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'The core imports only the core: no store, adapter, CLI or testing kit.',
      severity: 'error',
      from: { path: core },
      to: { path: '^src/', pathNot: core },
    },
    {
      name: 'core-libraries',
      comment: 'The core needs no library but fp-ts, io-ts and immer.',
      severity: 'error',
      from: { path: core },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'core'],
        pathNot: '^node_modules/(fp-ts|io-ts|immer)/',
      },
    },
    {
      name: 'store-over-core',
      comment: 'The store builds on the core only: no adapter, CLI or testing kit.',
      severity: 'error',
      from: { path: store },
      to: { path: [projections, postgres, badge, cli, testing, face] },
    },
    {
      name: 'projections-over-store',
      comment:
        'Projections build on the core and the store port only: no adapter, CLI or testing kit.',
      severity: 'error',
      from: { path: projections },
      to: { path: [postgres, badge, cli, testing, face, '^src/store/in-memory[.]ts$'] },
    },
    {
      name: 'adapters-apart',
      comment: 'The SQL store and the badge module do not import each other.',
      severity: 'error',
      from: { path: postgres },
      to: { path: badge },
    },
    {
      name: 'in-memory-is-an-adapter',
      comment:
        'The in-memory store is an adapter like the SQL one: only the store face exports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/(index|in-memory)[.]ts$' },
      to: { path: '^src/store/in-memory[.]ts$' },
    },
    {
      name: 'badge-apart',
      comment: 'The badge module does not import the SQL store.',
      severity: 'error',
      from: { path: badge },
      to: { path: postgres },
    },
    {
      name: 'cli-on-top',
      comment: 'Nothing in src/ imports the CLI but the CLI.',
      severity: 'error',
      from: { path: '^src/', pathNot: cli },
      to: { path: cli },
    },
    {
      name: 'testing-kit-apart',
      comment: 'The library does not import its testing kit (fast-check is only its peer).',
      severity: 'error',
      from: { path: '^src/', pathNot: testing },
      to: { path: testing },
    },
    {
      name: 'adapters-below-cli',
      comment: 'The store, the adapters and the testing kit do not import the package face.',
      severity: 'error',
      from: { path: [store, projections, postgres, badge, testing] },
      to: { path: face },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
}
