/**
 * Enrollment commands for the PostgreSQL store's tests: an enrollment in the STEAM program, and
 * hours for it.
 */
import { catalog, type CommandContext, type EnrollmentCommand } from 'microcred'

/** A command with the context it is handled in. */
export interface CommandInContext {
  readonly command: EnrollmentCommand
  readonly context: CommandContext
}

export const at = '2026-09-01T16:00:00Z'
const admin = { id: 'admin-1', roles: ['administrator' as const] }

/** Enroll educator-1 as `enrollmentId`. */
export const enrollCommand = (enrollmentId: string): CommandInContext => ({
  command: {
    type: 'Enroll',
    data: {
      enrollmentId,
      educator: { id: 'educator-1', name: 'Ana Ruiz', email: 'ana@example.org' },
      cohortId: 'steam-2026',
      program: catalog.steam,
    },
  },
  context: { actor: admin, at, commandId: `enroll-${enrollmentId}` },
})

/** One homework hour on the first module, recorded by a facilitator. */
export const hoursCommand = (enrollmentId: string, commandId: string): CommandInContext => ({
  command: {
    type: 'RecordHours',
    data: {
      enrollmentId,
      moduleId: catalog.steam.courses[0]?.modules[0]?.id ?? 'missing',
      mode: 'homework',
      hours: 1,
    },
  },
  context: { actor: { id: 'facilitator-1', roles: ['facilitator'] }, at, commandId },
})
