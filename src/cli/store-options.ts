/**
 * Which store a command uses: `--store DIR` (an embedded PGlite directory), `--database-url URL`
 * (a PostgreSQL server), or the environment variable `MICROCRED_DATABASE_URL`; by default the
 * directory `./.microcred`. A flag beats the environment; both flags at once is a usage error.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type { CliEnvironment, OpenedStore, StoreTarget } from './environment.js'
import { dataError, reasonOf, usageError, type CliFailure, type CliResult } from './failure.js'

/** The directory of the embedded store when no store is named. */
export const defaultStoreDirectory = './.microcred'
/** The environment variable naming a PostgreSQL server when no flag names a store. */
export const databaseUrlVariable = 'MICROCRED_DATABASE_URL'

/** The store options of a command line, as commander parses them. */
export interface StoreOptions {
  readonly store?: string
  readonly databaseUrl?: string
  readonly schema?: string
}

/** The store the options and environment name. */
export const storeTarget = (
  options: StoreOptions,
  env: CliEnvironment['env'],
): E.Either<CliFailure, StoreTarget> => {
  if (options.store !== undefined && options.databaseUrl !== undefined) {
    return E.left(usageError('name one store: --store or --database-url, not both'))
  }
  if (options.store !== undefined) return E.right({ directory: options.store })
  if (options.databaseUrl !== undefined) return E.right({ databaseUrl: options.databaseUrl })
  const fromEnv = env[databaseUrlVariable]
  if (fromEnv !== undefined && fromEnv !== '') return E.right({ databaseUrl: fromEnv })
  return E.right({ directory: defaultStoreDirectory })
}

/** The flags that name the same store again, for hints such as "run microcred status ...". */
export const storeFlags = (options: StoreOptions): string =>
  [
    options.store === undefined ? '' : ` --store ${options.store}`,
    options.databaseUrl === undefined ? '' : ' --database-url <url>',
    options.schema === undefined ? '' : ` --schema ${options.schema}`,
  ].join('')

/**
 * Opens the store the options name, runs `use` with it, and closes it whatever happens. A command
 * that only reads (`access: 'read'`) does not create an embedded store that does not exist. A
 * `--schema` that `schemaNameProblem` refuses (PostgreSQL's own schemas, `public`) is a usage
 * error before any store is opened.
 */
export const withStore = async (
  cli: CliEnvironment,
  options: StoreOptions,
  access: 'read' | 'write',
  use: (opened: OpenedStore) => Promise<CliResult>,
): Promise<CliResult> => {
  const target = storeTarget(options, cli.env)
  if (E.isLeft(target)) return target
  if (options.schema !== undefined) {
    // Loaded here, like the store itself, so that commands that open no store never load it.
    const { schemaNameProblem } = await import('microcred/postgres')
    const problem = schemaNameProblem(options.schema)
    if (problem !== undefined) return E.left(usageError(`--schema ${options.schema}: ${problem}`))
  }
  let opened: OpenedStore | undefined
  try {
    opened = await cli.openStore(target.right, {
      create: access === 'write',
      ...(options.schema === undefined ? {} : { schema: options.schema }),
    })
  } catch (error) {
    return E.left(dataError(`cannot open the store: ${reasonOf(error)}`))
  }
  if (opened === undefined) {
    const where = 'directory' in target.right ? target.right.directory : 'that database'
    const write = 'write one with microcred demo or microcred import, or name another with --store'
    return E.left(dataError(`there is no store in ${where}: ${write}`))
  }
  try {
    return await use(opened)
  } finally {
    await opened.close()
  }
}
