/**
 * `microcred badge revocation-list --issuer <url>`: the issuer's `1EdTechRevocationList`,
 * projected from the store's log (every event of every enrollment stream, decoded and upcast;
 * only `CredentialRevoked` counts), for the district to publish where its badges point.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  decodeRecordedEvent,
  enrollmentEvents,
  enrollmentStreamId,
  Url,
  type EnrollmentEvent,
} from 'microcred'
import { buildRevocationList } from 'microcred/badge'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, usageError, type CliResult } from '../failure.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { formatNumber } from '../tables.js'
import { jsonText, outputTo } from './badge-files.js'

/** Options of `microcred badge revocation-list`. */
export interface RevocationListOptions extends StoreOptions {
  /** The issuer's id (its key's controller). */
  readonly issuer: string
  /** Where badges are published, as given to `badge issue` (the issuer's id by default). */
  readonly baseUrl?: string
  /** Publish each revocation's reason. */
  readonly reasons?: boolean
  readonly out?: string
}

const decode = decodeRecordedEvent(enrollmentEvents)
const enrollmentStreams = enrollmentStreamId('')

/** Writes the issuer's revocation list, from every enrollment stream of the store. */
export const revocationList = (
  cli: CliEnvironment,
  options: RevocationListOptions,
): Promise<CliResult> => {
  if (!Url.is(options.issuer)) {
    return Promise.resolve(
      E.left(usageError(`--issuer must be the issuer's URL, got '${options.issuer}'`)),
    )
  }
  return withStore(cli, options, 'read', async ({ store }) => {
    const revocations: EnrollmentEvent[] = []
    for await (const recorded of store.readAll()) {
      if (!recorded.streamId.startsWith(enrollmentStreams)) continue
      const event = decode(recorded)
      if (E.isLeft(event)) return E.left(dataError(event.left.message))
      if (event.right.type === 'CredentialRevoked') revocations.push(event.right)
    }
    // The list names the issuer by id only; its name is not published in it.
    const list = buildRevocationList(revocations, {
      issuer: { id: options.issuer, name: options.issuer },
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.reasons === true ? { reasons: true } : {}),
    })
    const output = outputTo(cli, options.out)
    const written = output.write(jsonText(list))
    if (E.isLeft(written)) return written
    const count = formatNumber(list.revokedCredentials.length)
    const where = options.out === undefined ? '' : ` to ${options.out}`
    output.say(
      `Wrote the revocation list of ${options.issuer} (${count} revoked credentials)${where}: publish it at ${list.id}.`,
    )
    return done
  })
}
