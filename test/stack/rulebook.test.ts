/**
 * The stack's rulebook as specifications: given its events, when a command, then these events or
 * this error. Defining (once, by an administrator, at least two distinct members, a badge whose
 * image is an https: link), recording member enrollments, credentials and revocations, earning
 * and revoking per educator by the identity rule, and hostile input refused, naming where.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  educatorInStack,
  missingMembers,
  stack,
  StackCommand,
  type CommandContext,
  type StackCommand as Command,
  type StackEvent,
} from '../../src/index.js'
import { hostileValueArbitrary, specFor } from '../../src/testing/index.js'
import fc from 'fast-check'

const admin: CommandContext = {
  actor: { id: 'admin-1', roles: ['administrator'] },
  at: '2026-08-01T16:00:00Z',
  commandId: 'c-1',
}
const bot = (at: string): CommandContext => ({
  actor: { id: 'stack-awards', roles: ['administrator'] },
  at,
  commandId: `c-${at}`,
})
const { given } = specFor(stack, { context: admin })

const badge = {
  name: 'LAUSD Instructional Leader',
  description: 'Both micro-credentials of the progression.',
  criteria: 'Earn the STEAM and the English Learner micro-credentials.',
  imageUrl: 'https://achieve.lausd.net/microcred/badges/leader.png',
}
const define = {
  type: 'DefineStack' as const,
  data: {
    stackId: 'leader',
    title: 'Instructional Leader',
    description: 'STEAM and English Learner together.',
    memberProgramIds: ['steam', 'english-learner'],
    badge,
  },
}
const defined: StackEvent = {
  type: 'StackDefined',
  data: { ...define.data, at: admin.at, definedBy: 'admin-1' },
}
const enrolled = (enrollmentId: string, educatorId: string, programId: string): StackEvent => ({
  type: 'MemberEnrollmentRecorded',
  data: { stackId: 'leader', at: '2026-09-01T16:00:00Z', enrollmentId, educatorId, programId },
})
const credentialOf = (enrollmentId: string, educatorId: string, programId: string, at: string) =>
  ({
    type: 'MemberCredentialRecorded',
    data: {
      stackId: 'leader',
      at,
      enrollmentId,
      educatorId,
      programId,
      credentialId: `credential-${enrollmentId}`,
    },
  }) satisfies StackEvent
const recordCredential = (enrollmentId: string): Command => ({
  type: 'RecordMemberCredential',
  data: { stackId: 'leader', enrollmentId, credentialId: `credential-${enrollmentId}` },
})
const recordRevocation = (enrollmentId: string): Command => ({
  type: 'RecordMemberRevocation',
  data: {
    stackId: 'leader',
    enrollmentId,
    credentialId: `credential-${enrollmentId}`,
    reason: 'Issued in error',
  },
})
const member = (programId: string, enrollmentId: string, earnedAt: string) => ({
  programId,
  enrollmentId,
  credentialId: `credential-${enrollmentId}`,
  earnedAt,
})

const twoEnrollments = [
  defined,
  enrolled('enr-1', 'E-1', 'steam'),
  enrolled('enr-2', 'e-1', 'english-learner'),
]
const steamEarned = credentialOf('enr-1', 'E-1', 'steam', '2026-12-01T16:00:00Z')
const bothEarned: StackEvent = {
  type: 'StackEarned',
  data: {
    stackId: 'leader',
    at: '2027-05-01T16:00:00Z',
    educatorId: 'E-1',
    memberCredentials: [
      member('steam', 'enr-1', '2026-12-01T16:00:00Z'),
      member('english-learner', 'enr-2', '2027-05-01T16:00:00Z'),
    ],
  },
}

describe('defining a stack', () => {
  it('an administrator defines it: StackDefined, by them, then', () => {
    given([]).when(define).then([defined])
  })

  it('once: defining it again is StackAlreadyDefined', () => {
    given([defined]).when(define).thenFails('StackAlreadyDefined', "stack 'leader' is already")
  })

  it('only an administrator: an educator or an approver is NotAuthorized', () => {
    for (const role of ['educator', 'approver', 'assessor'] as const) {
      given([])
        .when(define, { ...admin, actor: { id: 'x-1', roles: [role] } })
        .thenFails('NotAuthorized', 'may not DefineStack')
    }
  })

  it('at least two distinct members, a badge with an https: image: else InvalidCommand naming where', () => {
    const one = given([]).when({ ...define, data: { ...define.data, memberProgramIds: ['steam'] } })
    expect(one.thenFails('InvalidCommand', 'data.memberProgramIds').message).toMatch(
      /at least 2 member programs; this one has 1/,
    )
    given([])
      .when({ ...define, data: { ...define.data, memberProgramIds: ['steam', 'steam'] } })
      .thenFails('InvalidCommand', "'steam' is named again")
    for (const imageUrl of ['javascript:alert(1)', 'data:text/html,<script>x</script>', 'x.png']) {
      given([])
        .when({ ...define, data: { ...define.data, badge: { ...badge, imageUrl } } })
        .thenFails('InvalidCommand', 'data.badge.imageUrl')
    }
  })

  it('a <script> in the title is text: kept as it was given, never run', () => {
    const title = '<script>alert(1)</script> Leader'
    const decided = given([]).when({ ...define, data: { ...define.data, title } }).decision
    expect(E.isRight(decided) && decided.right[0]?.type === 'StackDefined').toBe(true)
    if (E.isRight(decided) && decided.right[0]?.type === 'StackDefined')
      expect(decided.right[0].data.title).toBe(title)
  })
})

describe('recording members', () => {
  it('a member enrollment: MemberEnrollmentRecorded; again: nothing; another program: NotAMember', () => {
    const record: Command = {
      type: 'RecordMemberEnrollment',
      data: { stackId: 'leader', enrollmentId: 'enr-1', educatorId: 'E-1', programId: 'steam' },
    }
    given([defined])
      .when(record, bot('2026-09-01T16:00:00Z'))
      .then([enrolled('enr-1', 'E-1', 'steam')])
    given([defined, enrolled('enr-1', 'E-1', 'steam')])
      .when(record, bot('2026-09-02T16:00:00Z'))
      .thenNothingHappened()
    given([defined, enrolled('enr-1', 'E-1', 'steam')])
      .when({ ...record, data: { ...record.data, educatorId: 'e-2' } }, bot('2026-09-02T16:00:00Z'))
      .thenFails('EnrollmentMismatch')
    given([defined])
      .when({ ...record, data: { ...record.data, programId: 'reading' } }, bot(admin.at))
      .thenFails('NotAMember', "program 'reading' is not a member of stack 'leader'")
  })

  it('before the stack is defined: StackNotDefined; on another stack: WrongStack', () => {
    given([]).when(recordCredential('enr-1'), bot(admin.at)).thenFails('StackNotDefined')
    given([defined])
      .when(
        {
          type: 'RecordMemberCredential',
          data: { stackId: 'x', enrollmentId: 'enr-1', credentialId: 'credential-enr-1' },
        },
        bot(admin.at),
      )
      .thenFails('WrongStack')
  })

  it('an administrator records no credential of their own into a stack', () => {
    given([defined, enrolled('enr-1', 'admin-1', 'steam')])
      .when(recordCredential('enr-1'), admin)
      .thenFails('NotAuthorized', 'may not AwardStack')
  })

  it('a credential of an enrollment the stack does not know: nothing (another program)', () => {
    given(twoEnrollments)
      .when(recordCredential('enr-9'), bot('2027-01-01T16:00:00Z'))
      .thenNothingHappened()
  })
})

describe('earning and revoking', () => {
  it('the first member credential: recorded, the stack in progress', () => {
    given(twoEnrollments)
      .when(recordCredential('enr-1'), bot('2026-12-01T16:00:00Z'))
      .then([steamEarned])
    const state = stack.fold([...twoEnrollments, steamEarned])
    expect(educatorInStack(state, 'e-1')?.status).toBe('inProgress')
    expect(missingMembers(state, 'e-1')).toEqual(['english-learner'])
  })

  it('the last member credential, under the same person in another case: StackEarned with both', () => {
    given([...twoEnrollments, steamEarned])
      .when(recordCredential('enr-2'), bot('2027-05-01T16:00:00Z'))
      .then([credentialOf('enr-2', 'e-1', 'english-learner', '2027-05-01T16:00:00Z'), bothEarned])
  })

  it('a credential recorded again: nothing; a different credential for the enrollment: CredentialMismatch', () => {
    given([...twoEnrollments, steamEarned])
      .when(recordCredential('enr-1'), bot('2027-01-01T16:00:00Z'))
      .thenNothingHappened()
    given([...twoEnrollments, steamEarned])
      .when(
        {
          type: 'RecordMemberCredential',
          data: { stackId: 'leader', enrollmentId: 'enr-1', credentialId: 'other' },
        },
        bot('2027-01-01T16:00:00Z'),
      )
      .thenFails('CredentialMismatch')
  })

  const earned = [
    ...twoEnrollments,
    steamEarned,
    credentialOf('enr-2', 'e-1', 'english-learner', '2027-05-01T16:00:00Z'),
    bothEarned,
  ]

  it('a member credential revoked after the stack was earned: StackRevoked', () => {
    given(earned)
      .when(recordRevocation('enr-1'), bot('2027-06-01T16:00:00Z'))
      .then([
        {
          type: 'MemberRevocationRecorded',
          data: {
            stackId: 'leader',
            at: '2027-06-01T16:00:00Z',
            enrollmentId: 'enr-1',
            educatorId: 'E-1',
            programId: 'steam',
            credentialId: 'credential-enr-1',
            reason: 'Issued in error',
          },
        },
        {
          type: 'StackRevoked',
          data: {
            stackId: 'leader',
            at: '2027-06-01T16:00:00Z',
            educatorId: 'E-1',
            programId: 'steam',
            credentialId: 'credential-enr-1',
            reason: 'Issued in error',
          },
        },
      ])
  })

  it('revoked is for good: a revocation again changes nothing, and no second StackEarned', () => {
    const revoked = stack.fold(earned)
    const decided = stack.decide(recordRevocation('enr-1'), revoked, bot('2027-06-01T16:00:00Z'))
    expect(E.isRight(decided)).toBe(true)
    const after = stack.fold(E.isRight(decided) ? decided.right : [], revoked)
    expect(educatorInStack(after, 'e-1')?.status).toBe('revoked')
    expect(stack.decide(recordRevocation('enr-1'), after, bot('2027-06-02T16:00:00Z'))).toEqual(
      E.right([]),
    )
  })

  it('a revocation before the stack is earned: recorded, no StackRevoked', () => {
    const decided = stack.decide(
      recordRevocation('enr-1'),
      stack.fold([...twoEnrollments, steamEarned]),
      bot('2027-01-01T16:00:00Z'),
    )
    expect(E.isRight(decided) && decided.right.map((e) => e.type)).toEqual([
      'MemberRevocationRecorded',
    ])
  })
})

describe('hostile input', () => {
  it('prototype names, NUL, megabyte strings and unknown fields are refused, naming the path, never thrown on', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...define, data: { ...define.data, stackId: '__proto__' } }, /data\.stackId/],
      [
        { ...define, data: { ...define.data, memberProgramIds: ['constructor', 'steam'] } },
        /data\.memberProgramIds\.0/,
      ],
      [
        { ...define, data: { ...define.data, title: 'a\u0000b' } },
        /data\.title: a text may not contain NUL/,
      ],
      [
        { ...define, data: { ...define.data, description: 'x'.repeat(1_048_576) } },
        /data\.description: a text has at most 20,000/,
      ],
      [{ ...define, data: { ...define.data, isAdmin: true } }, /isAdmin/],
      [
        {
          ...define,
          data: {
            ...define.data,
            memberProgramIds: Array.from({ length: 101 }, (_, i) => `p-${i}`),
          },
        },
        /at most 100 items/,
      ],
    ]
    for (const [command, where] of cases) {
      const decided = stack.decide(command as Command, stack.initialState, admin)
      expect(E.isLeft(decided) && decided.left._tag).toBe('InvalidCommand')
      if (E.isLeft(decided)) expect(decided.left.message).toMatch(where)
    }
  })

  it('an educator id that lower-cases to __proto__ is an educator like any other, not the prototype', () => {
    const state = stack.fold([defined, enrolled('enr-1', '__PROTO__', 'steam')])
    expect(educatorInStack(state, '__proto__')?.educatorId).toBe('__PROTO__')
    expect(Object.getPrototypeOf(state.status === 'defined' ? state.educators : null)).toBe(
      Object.prototype,
    )
    expect(educatorInStack(state, 'constructor')).toBeUndefined()
  })

  it('any hostile value planted in a command decodes to a refusal, never a throw', () => {
    fc.assert(
      fc.property(
        hostileValueArbitrary(),
        fc.constantFrom('stackId', 'title', 'memberProgramIds', 'badge', 'description'),
        (value, field) => {
          const command = { ...define, data: { ...define.data, [field]: value } }
          const decided = StackCommand.decode(command)
          if (E.isRight(decided)) return // some hostile values are fine text (a long title)
          expect(stack.decide(command as Command, stack.initialState, admin)).toSatisfy(E.isLeft)
        },
      ),
      { numRuns: 200 },
    )
  })
})
