/**
 * `microcred export <file.ndjson>`: every event of the store in global order, one `RecordedEvent`
 * as JSON per line. The file is written next to its destination and renamed into place at the
 * end, so a failed export never leaves half a file under the name asked for.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import fs from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, reasonOf, type CliResult } from '../failure.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { formatNumber } from '../tables.js'

/** Writes every event of the store to `path`. */
export const exportEvents = (
  cli: CliEnvironment,
  path: string,
  options: StoreOptions,
): Promise<CliResult> =>
  withStore(cli, options, 'read', async ({ store, description }) => {
    const partial = `${path}.${process.pid}.partial`
    const streams = new Set<string>()
    let events = 0
    async function* lines() {
      for await (const event of store.readAll()) {
        streams.add(event.streamId)
        events += 1
        yield `${JSON.stringify(event)}\n`
      }
    }
    try {
      await pipeline(Readable.from(lines()), fs.createWriteStream(partial))
      fs.renameSync(partial, path)
    } catch (error) {
      fs.rmSync(partial, { force: true })
      return E.left(dataError(`cannot export to ${path}: ${reasonOf(error)}`))
    }
    const what = `${formatNumber(events)} events of ${formatNumber(streams.size)} streams`
    cli.out(`Exported ${what} from the ${description} to ${path}.`)
    return done
  })
