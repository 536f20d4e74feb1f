/**
 * The evidence of an earned enrollment: every piece of the accepted attempt at each EOLA, and the
 * accepted capstone, each with its link, what it is and the educator's reflection.
 *
 * @internal
 * @packageDocumentation
 */
import type { EvidenceKind } from '../enrollment/shared.js'
import type { Enrollment } from '../enrollment/state.js'
import type { Evidence } from './credential.js'
import { own } from './internal.js'

const genres: Readonly<Record<EvidenceKind, string>> = {
  video: 'Video',
  reflection: 'Reflection',
  studentWork: 'Student work',
  lessonPlan: 'Lesson plan',
  document: 'Document',
  link: 'Link',
}

const meets = (attempt: { readonly grade: { readonly outcome: string } | null }) =>
  attempt.grade?.outcome === 'meets'

/** The evidence of every EOLA's accepted attempt (in the order of the requirements), then the capstone. */
export const evidenceOf = (enrollment: Enrollment): Evidence[] => {
  const { eolas } = enrollment.requirements
  const artifacts = eolas.flatMap((eola, i): Evidence[] => {
    // An id from data: only the record's own entry counts (an EOLA named `constructor` or
    // `__proto__`, in a state folded before such ids were refused, has only what it holds).
    const accepted = (own(enrollment.artifacts, eola.id) ?? []).find(meets)
    if (accepted === undefined) return []
    return accepted.evidence.map((piece) => ({
      id: piece.url,
      type: ['Evidence'],
      name: `EOLA ${i + 1}: ${eola.title}`,
      genre: own(genres, piece.kind) ?? 'Evidence',
      ...(piece.title === undefined ? {} : { description: piece.title }),
      narrative: accepted.reflection,
    }))
  })
  const capstone = enrollment.capstone.find(meets)
  if (capstone === undefined) return artifacts
  const enacted = eolas.find((eola) => eola.id === capstone.enactedEolaId)
  return [
    ...artifacts,
    {
      id: capstone.documentationUrl,
      type: ['Evidence'],
      name: `Capstone: the enactment of ${enacted?.title ?? capstone.enactedEolaId}`,
      genre: 'Capstone',
      narrative: `${capstone.reflection}\n\nNext steps: ${capstone.nextSteps}`,
    },
  ]
}
