/**
 * `microcred erase <educatorId>`: erases an educator's personal data from the store by deleting
 * their key (see docs/personal-data.md). Their events stay, and read with placeholders where
 * their name, email and what they wrote were. The command reads the stored log once to say what
 * it erased, and refuses an educator no enrollment names.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import {
  erasePersonalData,
  personalDataPlaceholders,
  personalDataProtection,
  sealedPersonalDataOf,
} from 'microcred'
import type { CliEnvironment } from '../environment.js'
import { dataError, done, reasonOf, type CliResult } from '../failure.js'
import { withStore, type StoreOptions } from '../store-options.js'
import { formatNumber } from '../tables.js'

/** The most enrollment ids a message lists. */
const maxListed = 10

const listed = (ids: ReadonlyArray<string>): string =>
  ids.length <= maxListed
    ? ids.join(', ')
    : `${ids.slice(0, maxListed).join(', ')} and ${formatNumber(ids.length - maxListed)} more`

const educatorIdIn = (data: unknown): unknown =>
  typeof data === 'object' && data !== null
    ? ((data as { educator?: { id?: unknown } }).educator?.id ?? undefined)
    : undefined

/** An id as messages show it: at most 200 characters. */
const shown = (id: string): string =>
  id.length <= 200 ? id : `${id.slice(0, 200)}... (${formatNumber(id.length)} characters)`

const plural = (n: number, one: string, many: string) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`

/** Erases the personal data of `educatorId` from the store the options name. */
export const erase = (
  cli: CliEnvironment,
  educatorId: string,
  options: StoreOptions,
): Promise<CliResult> =>
  withStore(cli, options, 'read', async ({ store, description }) => {
    const who = shown(educatorId)
    const protection = personalDataProtection(store)
    if (protection === undefined) {
      return E.left(
        dataError(
          `the ${description} is not opened with personal data protection, so it has no keys to erase`,
        ),
      )
    }
    const { sealedStore, keys } = protection
    // The stored log, as it is: which enrollments name the educator, and which are sealed.
    const enrollments = new Map<string, boolean>()
    let sealedEvents = 0
    for await (const event of sealedStore.readAll()) {
      const sealed = sealedPersonalDataOf(event)
      if (sealed?.educatorId === educatorId) sealedEvents += 1
      if (event.type === 'EducatorEnrolled' && educatorIdIn(event.data) === educatorId) {
        enrollments.set(event.streamId, sealed !== undefined)
      }
    }
    if (enrollments.size === 0) {
      return E.left(
        dataError(
          `there is no educator '${who}' in the ${description}: no enrollment names them ` +
            '(give the id of an educator, such as edu-1, not of an enrollment); nothing was erased',
        ),
      )
    }
    const erased = await erasePersonalData(keys, educatorId)
    if (E.isLeft(erased) && erased.left._tag === 'StoreFailed') {
      return E.left(dataError(erased.left.message))
    }
    if (E.isLeft(erased)) {
      // Erased before: purge again, in case the purge after that erasure failed.
      try {
        await keys.purge?.()
      } catch (error) {
        return E.left(dataError(`cannot purge the key store: ${reasonOf(error)}`))
      }
    }
    const clear = [...enrollments].filter(([, sealed]) => !sealed).map(([streamId]) => streamId)
    const streams = [...enrollments.keys()]
    if (clear.length > 0) {
      return E.left(
        dataError(
          `the name and email of educator '${who}' are stored in clear in ` +
            `${plural(clear.length, 'enrollment', 'enrollments')} (written before personal data ` +
            'was protected, or without it): deleting a key cannot remove them. ' +
            (E.isRight(erased) ? 'Their key is deleted; ' : '') +
            'see docs/personal-data.md for what to do with rows stored in clear',
          clear.map((streamId) => `${streamId}: stored in clear`),
        ),
      )
    }
    const where = `${plural(streams.length, 'enrollment', 'enrollments')} (${listed(streams)})`
    cli.out(
      E.isRight(erased)
        ? `Erased the personal data of educator ${who} in the ${description}: ` +
            `${plural(sealedEvents, 'event', 'events')} of ${where} now read ` +
            `"${personalDataPlaceholders.text}" where their personal data was. Hours, grades, ` +
            'credentials and salary points stay, and badges issued before still verify. Purge ' +
            'backups and exported files too: see docs/personal-data.md.'
        : `The personal data of educator ${who} in the ${description} was erased ` +
            `already: ${where} read "${personalDataPlaceholders.text}" where it was.`,
    )
    return done
  })

/** Adds `erase`; `withStoreOptions` adds the store options. */
export const addEraseCommand = (
  program: Command,
  cli: CliEnvironment,
  finish: (result: CliResult) => void,
  withStoreOptions: (command: Command) => Command,
): void => {
  withStoreOptions(
    program
      .command('erase')
      .description(
        "erase an educator's personal data (delete their key): their events stay, with placeholders",
      )
      .argument('<educatorId>', 'the educator, such as edu-1 (not an enrollment id)'),
  ).action(async (educatorId: string, options: StoreOptions) =>
    finish(await erase(cli, educatorId, options)),
  )
}
