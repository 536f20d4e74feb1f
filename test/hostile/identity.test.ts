/**
 * Issue 12, item 15: one rule for comparing the ids of people (`sameIdentity`: NFKC, trimmed,
 * lower-cased), used wherever the core compares an actor with an educator. `E-1` may not grade
 * `e-1`'s work, nor may `ｅ-1` (full-width); an educator whose id differs from their enrollment's
 * only by case acts on it as themself. On every store, with nothing written when refused.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { identityKey, sameIdentity } from 'microcred'
import {
  contextOf,
  educator,
  enroll,
  enrollmentId,
  eola,
  fixtureOn,
  moduleId,
  program,
  submit,
} from './enrolled.js'
import { storeKinds } from './stores.js'

/** Ids that name the fixture's educator, `edu-1`, under the rule. */
const lookalikes = ['edu-1', 'EDU-1', 'Edu-1', 'ｅｄｕ－１', 'ＥＤＵ-1']

describe('sameIdentity', () => {
  it('compares ids after NFKC, trimming and lower-casing', () => {
    for (const id of lookalikes) expect(sameIdentity(id, 'edu-1'), id).toBe(true)
    expect(sameIdentity(' edu-1\u3000', 'edu-1')).toBe(true)
    expect(sameIdentity('ﬁle-1', 'file-1')).toBe(true) // the ligature ﬁ is f and i
    expect(sameIdentity('edu-1', 'edu-2')).toBe(false)
    expect(sameIdentity('edu-1', 'edu1')).toBe(false)
    expect(identityKey(' ＥＤＵ-1 ')).toBe('edu-1')
  })

  it('is an equivalence: reflexive, symmetric and transitive on the lookalikes', () => {
    for (const a of lookalikes) {
      expect(sameIdentity(a, a)).toBe(true)
      for (const b of lookalikes) {
        expect(sameIdentity(a, b)).toBe(sameIdentity(b, a))
        for (const c of lookalikes) {
          if (sameIdentity(a, b) && sameIdentity(b, c)) expect(sameIdentity(a, c)).toBe(true)
        }
      }
    }
  })
})

describe.each(storeKinds)('the identity rule on $name', (kind) => {
  const fixture = fixtureOn(kind)

  it.skipIf(kind.skip)("no lookalike of the educator grades the educator's work", async () => {
    for (const id of lookalikes) {
      const grade = {
        type: 'GradeArtifact',
        data: {
          enrollmentId,
          eolaId: eola.id,
          attempt: 1,
          scores: Object.fromEntries(eola.rubric.map((c) => [c.id, c.maxScore])),
          feedback: 'Looks great to me.',
        },
      }
      const error = await fixture.refused('NotAuthorized', grade, contextOf(id, 'assessor'))
      expect(error.message).toContain('an assessor other than the educator')
    }
  })

  it.skipIf(kind.skip)(
    'no lookalike of the educator attests their face-to-face hours',
    async () => {
      for (const id of lookalikes) {
        const hours = {
          type: 'RecordHours',
          data: { enrollmentId, moduleId, mode: 'faceToFace', hours: 6 },
        }
        await fixture.refused('NotAuthorized', hours, contextOf(id, 'facilitator'))
      }
    },
  )

  it.skipIf(kind.skip)(
    'an educator acts on their own enrollment under any spelling of their id',
    async () => {
      const submitted = await fixture.send(
        submit({ eolaId: program.eolas[1]?.id }),
        contextOf('EDU-1', 'educator'),
      )
      expect(E.isRight(submitted)).toBe(true)
      const enrolled = await fixture.send(
        enroll({ enrollmentId: 'e-self', educator: { ...educator, id: 'edu-7' } }),
        contextOf('Edu-7', 'educator'),
      )
      expect(E.isRight(enrolled)).toBe(true)
      await fixture.refused(
        'NotAuthorized',
        enroll({ enrollmentId: 'e-other', educator: { ...educator, id: 'edu-8' } }),
        contextOf('Edu-7', 'educator'),
      )
    },
  )
})
