/**
 * Hearing Ctrl-C during a long write. An embedded store's queries can resolve without the event
 * loop ever reaching its I/O phase, where signals are delivered, so a loop of awaited writes
 * would not hear Ctrl-C until it ends: it must let the event loop turn between two writes.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */

/** Lets the event loop turn once, then says whether the user asked to stop. */
export const stopRequested = async (signal: AbortSignal): Promise<boolean> => {
  await new Promise((resolve) => setImmediate(resolve))
  return signal.aborted
}
