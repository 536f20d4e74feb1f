/**
 * A digest of a command and its actor, stored with the events the command produced, so the
 * handler can tell a true repeat of a `commandId` from the same id reused for another command.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'

/** `value`'s own keys in code-point order, so equal data gives equal JSON whatever its key order. */
const sortedKeys = (_key: string, value: unknown): unknown => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key]
  return sorted
}

/**
 * The digest of a (decoded, encoded-to-JSON) command as sent by an actor: `sha256:` and the hex
 * SHA-256 of its JSON with object keys sorted, followed by the actor's id. The command's time
 * is not part of it, so a client that stamps a retry with a new time still repeats its command;
 * another actor, or other content, under the same `commandId` is another command.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { commandDigest } from 'microcred'
 * const a = commandDigest({ type: 'Withdraw', data: { enrollmentId: 'e1', reason: 'Moved' } }, 'admin-1')
 * const b = commandDigest({ data: { reason: 'Moved', enrollmentId: 'e1' }, type: 'Withdraw' }, 'admin-1')
 * assert.equal(a, b) // key order does not matter
 * assert.match(a, /^sha256:[0-9a-f]{64}$/)
 * assert.notEqual(commandDigest({ type: 'Withdraw', data: { enrollmentId: 'e1', reason: 'Moved' } }, 'admin-2'), a)
 */
export const commandDigest = (command: unknown, actorId: string): string =>
  `sha256:${createHash('sha256')
    .update(JSON.stringify([command, actorId], sortedKeys))
    .digest('hex')}`
