/**
 * Projections: read models folded from the global log, the runners that keep them up to date,
 * reactions, temporal queries and the district's read models. See docs/projections.md.
 *
 * @packageDocumentation
 */
export * from './projection.js'
export * from './enrollment-events.js'
export * from './checkpoints.js'
export * from './enrollments.js'
export * from './errors.js'
export * from './in-memory-checkpoints.js'
export type { FollowOptions, LogReader, RunnerOptions, WaitOptions } from './log-reader.js'
export * from './runner.js'
export * from './reaction.js'
export * from './temporal.js'
export * from './lookups.js'
export * from './cohort-progress.js'
export * from './assessor-queue.js'
export * from './transcript.js'
export * from './salary-points.js'
export * from './analytics.js'
export * from './assessor-agreement.js'
export * from './feedback-analytics.js'
