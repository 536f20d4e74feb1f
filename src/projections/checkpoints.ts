/**
 * Where a runner keeps how far a projection or reaction has read: its checkpoint. The in-memory
 * one lives with the process; `microcred/postgres` keeps them in a table beside the events.
 *
 * @packageDocumentation
 */

/** How far a projection or reaction has read, and its state there (as its codec encodes it). */
export interface Checkpoint {
  /** The position of the last event applied (0: none yet). */
  readonly position: number
  /** The state after that event, encoded by the projection's codec (absent without one). */
  readonly state?: unknown
}

/**
 * Keeps checkpoints by name. `save` replaces the checkpoint whole (position and state together,
 * atomically), so a runner stopped at any moment starts again from a position and the state that
 * belongs to it.
 */
export interface CheckpointStore {
  readonly load: (name: string) => Promise<Checkpoint | undefined>
  readonly save: (name: string, checkpoint: Checkpoint) => Promise<void>
  /** Forgets a checkpoint, so the next runner starts from the first event. */
  readonly remove: (name: string) => Promise<void>
}
