/**
 * (being built)
 *
 * @packageDocumentation
 */
export {}
export * from './stack-awards.js'
export {
  attendanceHours,
  attendanceHoursFor,
  attendanceHoursReaction,
  type AttendanceHoursOptions,
  type CohortProcessReaction,
} from './attendance-hours.js'
export * from './cohort-closing.js'
export * from './assigned-grading.js'
