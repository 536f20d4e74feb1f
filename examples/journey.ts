// The README's ten-line journey, type-checked with the examples. Run: npx tsx examples/journey.ts
import * as E from 'fp-ts/lib/Either.js'
import { catalog, enrollment, progress, type Actor, type EnrollmentCommand } from 'microcred'

let state = enrollment.initialState
const send = (command: EnrollmentCommand, actor: Actor, at: string) => {
  const decision = enrollment.decide(command, state, { actor, at, commandId: `${command.type}@${at}` })
  if (E.isLeft(decision)) return console.log(`refused: ${decision.left._tag}: ${decision.left.message}`)
  state = enrollment.fold(decision.right, state) // and append decision.right to your event store
}
const educator = { id: 'e-1', name: 'Maria Lopez', email: 'maria.lopez@lausd.net' }
send({ type: 'Enroll', data: { enrollmentId: 'enr-1', cohortId: 'steam-2026', program: catalog.steam, educator } }, { id: 'admin-1', roles: ['administrator'] }, '2026-09-01T16:00:00Z')
send({ type: 'RecordHours', data: { enrollmentId: 'enr-1', moduleId: 'steam-fa-1', mode: 'faceToFace', hours: 3 } }, { id: 'fac-1', roles: ['facilitator'] }, '2026-09-12T18:00:00Z')
send({ type: 'RecordHours', data: { enrollmentId: 'enr-1', moduleId: 'steam-fa-1', mode: 'online', hours: 2 } }, { id: 'e-1', roles: ['educator'] }, '2026-09-13T18:00:00Z')
console.log(progress(state).hours.credited) // { faceToFace: 3, online: 0, homework: 0 }: online hours come from the LMS
