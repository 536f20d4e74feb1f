/**
 * Measuring helpers of the benchmarks: timers, medians, full garbage collections and heap
 * readings. The benchmark runs under `node --expose-gc`.
 */

/** Runs a full garbage collection. */
export const collect = (): void => {
  const gc = globalThis.gc
  if (gc === undefined) throw new Error('run the benchmark with node --expose-gc (npm run bench)')
  gc()
}

/** The heap in use after full collections (two, so what the first finalizes is gone too). */
export const heapAfterGc = (): number => {
  collect()
  collect()
  return process.memoryUsage().heapUsed
}

/** Milliseconds taken by `f`, after a full collection so earlier garbage is not charged to it. */
export const timed = <A>(f: () => A): { readonly millis: number; readonly value: A } => {
  collect()
  const started = performance.now()
  const value = f()
  return { millis: performance.now() - started, value }
}

/** The median of some numbers (the mean of the middle two for an even count). */
export const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const hi = sorted[mid] ?? NaN
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? NaN) + hi) / 2
}

/** The spread of some numbers around their median, as a percentage: (max - min) / median. */
export const spread = (xs: ReadonlyArray<number>): number =>
  xs.length === 0 ? 0 : ((Math.max(...xs) - Math.min(...xs)) / median(xs)) * 100
