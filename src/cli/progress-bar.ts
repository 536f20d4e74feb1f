/**
 * Progress bars for long commands (cli-progress), on standard error so that standard output stays
 * clean for pipes. Nothing is drawn when standard error is not a terminal.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { Presets, SingleBar } from 'cli-progress'

/** A bar to move forward and stop. */
export interface ProgressBar {
  readonly update: (value: number) => void
  readonly stop: () => void
}

/** Starts a bar at 0 of `total`; `unit` follows the counts (`commands`), or `bytes` shows %. */
export const startProgressBar = (
  stream: NodeJS.WritableStream,
  label: string,
  total: number,
  unit: string,
): ProgressBar => {
  const counts = unit === 'bytes' ? '' : ` | {value}/{total} ${unit}`
  const bar = new SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}%${counts} | {duration_formatted}`,
      clearOnComplete: true,
      hideCursor: true,
    },
    Presets.shades_classic,
  )
  bar.start(total, 0)
  return { update: (value) => bar.update(value), stop: () => bar.stop() }
}
