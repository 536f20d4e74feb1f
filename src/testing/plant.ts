/**
 * Planting a value somewhere inside a command: the paths into a value, and a copy with one place
 * changed. Shared by the hostile generators and the hostile tests.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * Every path to an object or a value inside `value`, the empty path for `value` itself; below a
 * key for which `stopAt` is true, no deeper paths.
 */
export const pathsOf = (
  value: unknown,
  stopAt: (key: string) => boolean = () => false,
  path: ReadonlyArray<string> = [],
): string[][] => {
  const last = path.at(-1)
  if (value === null || typeof value !== 'object' || (last !== undefined && stopAt(last))) {
    return [[...path]]
  }
  return [
    [...path],
    ...Object.keys(value).flatMap((key) =>
      pathsOf((value as Record<string, unknown>)[key], stopAt, [...path, key]),
    ),
  ]
}

/** A copy of `value` with `change` applied to what sits at `path` (set as an own property). */
export const changedAt = (
  value: unknown,
  path: ReadonlyArray<string>,
  change: (at: unknown) => unknown,
): unknown => {
  if (path.length === 0) return change(value)
  const [key, ...rest] = path as [string, ...string[]]
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string,
    unknown
  >
  Object.defineProperty(copy, key, {
    value: changedAt(copy[key], rest, change),
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}
