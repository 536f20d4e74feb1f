/**
 * `microcred/postgres`: the SQL event store on a PostgreSQL server (`pg`) or embedded (PGlite),
 * its migrations, opening one from a directory or a database URL, checkpoints, and SQL read
 * models run by competing workers.
 *
 * @packageDocumentation
 */
export {
  sqlDatabase,
  type PGliteLike,
  type PoolLike,
  type PostgresClient,
  type Queryable,
  type SqlDatabase,
  type SqlResult,
} from './client.js'
export {
  defaultSchema,
  InvalidSchemaName,
  migrate,
  schemaNameProblem,
  type SchemaOptions,
} from './schema.js'
export { int8ToNumber, StoredRowError } from './rows.js'
export { createPostgresEventStore, type PostgresEventStoreOptions } from './store.js'
export {
  createPostgresPersonalDataKeys,
  migratePersonalDataKeys,
  personalDataKeysTable,
  type PostgresPersonalDataKeys,
} from './personal-data-keys.js'
export { checkpointsTable, createPostgresCheckpoints } from './checkpoints.js'
export {
  defineSqlProjection,
  maxPartitions,
  partitionsChanged,
  projectionApplyFailed,
  projectionBatchFailed,
  type AnySqlProjection,
  type ApplySqlBatch,
  type ApplySqlEvent,
  type PartitionsChanged,
  type ProjectionApplyFailed,
  type SqlProjection,
  type SqlProjectionBase,
  type SqlProjectionDefinition,
  type SqlProjectionError,
} from './sql-projection.js'
export {
  createSqlProjectionRunner,
  type AppliedBatch,
  type CatchUpReport,
  type SqlProjectionRunner,
  type SqlProjectionRunnerOptions,
} from './sql-projection-runner.js'
export { enrollmentLookupProjection, enrollmentLookupTable } from './enrollment-lookup.js'
export { EnrollmentLookupRow } from './enrollment-lookup-row.js'
export {
  enrollmentsByCohort,
  enrollmentsByEducator,
  enrollmentsByProgram,
  enrollmentsByStatus,
  type EnrollmentLookupOptions,
} from './enrollment-lookup-queries.js'
export {
  DirectoryLockLost,
  lockDirectory,
  lockName,
  lockStaleMs,
  type DirectoryLock,
  type LockOptions,
} from './lock.js'
export {
  openEmbeddedEventStore,
  openEventStore,
  openServerEventStore,
  type OpenedEventStore,
  type OpenEventStoreOptions,
  type StoreTarget,
} from './open.js'
