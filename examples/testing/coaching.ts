// A district's own aggregate on microcred's kernel: coaching conversations. This district asks an
// educator whose artifact came back "revise" to talk with a facilitator before trying again.
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  defineDecider,
  eventSchema,
  IsoDateTime,
  message,
  NonEmptyString,
  taggedUnion,
  type Aggregate,
} from 'microcred'

export const CoachingCommand = taggedUnion('CoachingCommand', {
  RequestCoaching: message(
    'RequestCoaching',
    t.type({ requestId: NonEmptyString, educatorId: NonEmptyString, eolaId: NonEmptyString }),
  ),
  HoldCoaching: message('HoldCoaching', t.type({ requestId: NonEmptyString, notes: t.string })),
})
export type CoachingCommand = t.TypeOf<typeof CoachingCommand>

export const CoachingEvent = taggedUnion(
  'CoachingEvent',
  {
    CoachingRequested: message(
      'CoachingRequested',
      t.type({
        requestId: NonEmptyString,
        educatorId: NonEmptyString,
        eolaId: NonEmptyString,
        at: IsoDateTime,
      }),
    ),
    CoachingHeld: message(
      'CoachingHeld',
      t.type({
        requestId: NonEmptyString,
        coachId: NonEmptyString,
        notes: t.string,
        at: IsoDateTime,
      }),
    ),
  },
  { frozen: true },
)
export type CoachingEvent = t.TypeOf<typeof CoachingEvent>

export type CoachingState =
  | { readonly status: 'none' }
  | {
      readonly status: 'requested' | 'held'
      readonly educatorId: string
      readonly coachId: string | null
    }

export interface CoachingError {
  readonly _tag:
    'AlreadyRequested' | 'NotRequested' | 'AlreadyHeld' | 'NotAFacilitator' | 'OwnCoaching'
  readonly message: string
}

const refuse = (_tag: CoachingError['_tag'], message: string) => E.left({ _tag, message })

export const coaching: Aggregate<CoachingCommand, CoachingEvent, CoachingState, CoachingError> = {
  ...defineDecider<CoachingCommand, CoachingEvent, CoachingState, CoachingError>({
    initialState: { status: 'none' },
    decide: (command, state, { actor, at }) => {
      const { requestId } = command.data
      switch (command.type) {
        case 'RequestCoaching':
          if (state.status !== 'none') {
            return refuse('AlreadyRequested', `coaching '${requestId}' was already requested`)
          }
          return E.right([{ type: 'CoachingRequested', data: { ...command.data, at } }])
        case 'HoldCoaching':
          if (state.status === 'none') {
            return refuse('NotRequested', `no coaching '${requestId}' was requested`)
          }
          if (state.status === 'held') {
            return refuse('AlreadyHeld', `coaching '${requestId}' was held by ${state.coachId}`)
          }
          if (!actor.roles.includes('facilitator')) {
            return refuse('NotAFacilitator', `${actor.id} is not a facilitator`)
          }
          if (actor.id === state.educatorId) {
            return refuse('OwnCoaching', `${actor.id} cannot coach themself`)
          }
          return E.right([
            {
              type: 'CoachingHeld',
              data: { requestId, coachId: actor.id, notes: command.data.notes, at },
            },
          ])
      }
    },
    evolve: (draft, event) => {
      switch (event.type) {
        case 'CoachingRequested':
          return { status: 'requested', educatorId: event.data.educatorId, coachId: null }
        case 'CoachingHeld':
          if (draft.status === 'requested') {
            draft.status = 'held'
            draft.coachId = event.data.coachId
          }
      }
    },
  }),
  commands: CoachingCommand,
  events: eventSchema(CoachingEvent),
  streamIdOf: (command) => `coaching-${command.data.requestId}`,
}
