/**
 * The progress view of one enrollment as `microcred status` prints it: who and where, then tables
 * of hours by module and mode, of courses, EOLAs and the capstone, and of the dates of its life,
 * each state by its label (never a raw code), then what is next and what is still missing.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import type { ProgressView } from 'microcred'
import { printable } from '../printable.js'
import { formatNumber, plainTable } from '../tables.js'

/** `2027-01-22 17:06 UTC`: a recorded date-time as people read it, in UTC. */
export const shownTime = (iso: string): string => {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return iso
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

const of = (done: number, needed: number) => `${formatNumber(done)}/${formatNumber(needed)}`

const hoursTable = (view: ProgressView): string => {
  const table = plainTable(['Module', ...view.hours.byMode.map((h) => h.mode.label), 'State'])
  for (const module of view.modules.items) {
    table.push([
      module.title,
      ...module.hours.map((h) => of(h.credited, h.required)),
      module.state.label,
    ])
  }
  table.push([
    'Total',
    ...view.hours.byMode.map((h) => of(h.credited, h.required)),
    view.hours.state.label,
  ])
  return table.toString()
}

const workTable = (view: ProgressView): string => {
  const table = plainTable(['Requirement', 'State', 'Attempts'])
  for (const course of view.courses.items)
    table.push([`Course: ${course.title}`, course.state.label, ''])
  for (const eola of view.eolas.items) {
    table.push([`EOLA: ${eola.title}`, eola.state.label, of(eola.attempts, eola.attemptsAllowed)])
  }
  const { capstone } = view
  if (capstone !== null) {
    table.push(['Capstone', capstone.state.label, of(capstone.attempts, capstone.attemptsAllowed)])
  }
  return table.toString()
}

const datesTable = ({ dates }: ProgressView): string => {
  const table = plainTable()
  if (dates.enrolledAt !== null) table.push(['Enrolled', shownTime(dates.enrolledAt)])
  if (dates.withdrawn !== null) {
    const { at, by, reason } = dates.withdrawn
    table.push(['Withdrawn', `${shownTime(at)} by ${by}: ${reason}`])
  }
  if (dates.earned !== null) {
    const { at, salaryPoints, credentialId } = dates.earned
    const points = `${formatNumber(salaryPoints)} salary point${salaryPoints === 1 ? '' : 's'}`
    table.push(['Earned', `${shownTime(at)}: ${points} (credential ${credentialId})`])
  }
  if (dates.revoked !== null) {
    const { at, by, reason } = dates.revoked
    table.push(['Revoked', `${shownTime(at)} by ${by}: ${reason}`])
  }
  if (dates.expired !== null) {
    const { at, by, reason } = dates.expired
    table.push(['Expired (incomplete)', `${shownTime(at)} by ${by}: ${reason}`])
  }
  if (dates.badgeIssued !== null) {
    const { at, by, badgeId } = dates.badgeIssued
    table.push(['Badge issued', `${shownTime(at)} by ${by}: ${badgeId}`])
  }
  return table.toString()
}

/** The view as text; every value from the log is escaped (`printable`). */
export const statusText = (view: ProgressView): string => {
  const { enrollmentId, educator, program, cohortId, status, next, missing } = view
  const who = educator === null ? '' : `: ${educator.name} <${educator.email}>`
  const where =
    program === null
      ? status.label
      : `Program ${program.id} version ${program.version}, cohort ${cohortId ?? ''}: ${status.label.toLowerCase()}`
  return [
    printable(`Enrollment ${enrollmentId ?? ''}${who}`),
    printable(where),
    '',
    hoursTable(view),
    workTable(view),
    datesTable(view),
    ...(next.length === 0
      ? []
      : ['', 'Next steps:', ...next.map((step, i) => `  ${i + 1}. ${printable(step.label)}`)]),
    ...(missing.length === 0
      ? []
      : ['', 'Still missing:', ...missing.map((item) => `  ${printable(item)}`)]),
  ].join('\n')
}
