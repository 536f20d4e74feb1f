/**
 * What the badge and key commands read and write: JSON files decoded with a codec (the issuer's
 * key file, a Profile, a revocation list), and a document written to a file or to standard
 * output. When the document goes to standard output, the command's own messages go to standard
 * error, so that `microcred badge issue ... > badge.jwt` captures exactly the document.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import fs from 'node:fs'
import { decodeIssues, formatIssues } from 'microcred'
import { IssuerKeyPair } from 'microcred/badge'
import type { CliEnvironment } from '../environment.js'
import { dataError, reasonOf, type CliFailure } from '../failure.js'
import { fileSize } from './files.js'

/** The text of a file, or why it cannot be read. */
export const readText = (path: string): E.Either<CliFailure, string> => {
  const size = fileSize(path)
  if (E.isLeft(size)) return size
  try {
    return E.right(fs.readFileSync(path, 'utf8'))
  } catch (error) {
    return E.left(dataError(`cannot read ${path}: ${reasonOf(error)}`))
  }
}

/** The JSON of a file decoded with `codec`; `what` names what it should be, for the message. */
export const readJson = <A>(
  path: string,
  codec: t.Decoder<unknown, A>,
  what: string,
): E.Either<CliFailure, A> => {
  const text = readText(path)
  if (E.isLeft(text)) return text
  let json: unknown
  try {
    json = JSON.parse(text.right)
  } catch (error) {
    return E.left(dataError(`${path} is not JSON (${what} is): ${reasonOf(error)}`))
  }
  const decoded = codec.decode(json)
  return E.isRight(decoded)
    ? E.right(decoded.right)
    : E.left(dataError(`${path} is not ${what}: ${formatIssues(decodeIssues(decoded.left))}`))
}

/** An issuer's key file, as `microcred keys generate` writes it. */
export const readKeyFile = (path: string): E.Either<CliFailure, IssuerKeyPair> =>
  readJson(path, IssuerKeyPair, 'an issuer key file (microcred keys generate writes one)')

const exists = (path: string, option: string) =>
  dataError(
    `${path} already exists and microcred does not overwrite it: name another file with ${option}, or move it away first`,
  )

/**
 * Writes a new file with permissions `mode` (0o600 for a key: only its owner reads it), and refuses
 * to replace one that exists (a key file lost by overwriting cannot be recovered).
 */
export const writeNewFile = (
  path: string,
  text: string,
  mode: number,
  option: string,
): E.Either<CliFailure, void> => {
  try {
    fs.writeFileSync(path, text, { flag: 'wx', mode })
    return E.right(undefined)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return E.left(
      code === 'EEXIST'
        ? exists(path, option)
        : dataError(`cannot write ${path}: ${reasonOf(error)}`),
    )
  }
}

/** Refuses a destination that exists, before anything is written. */
export const mustNotExist = (path: string, option: string): E.Either<CliFailure, void> =>
  fs.existsSync(path) ? E.left(exists(path, option)) : E.right(undefined)

/** Where a document goes: a file, or (when `out` is undefined) standard output. */
export interface Output {
  /** Writes the document. */
  readonly write: (text: string) => E.Either<CliFailure, void>
  /** Writes a message for the user: to standard output, unless the document goes there. */
  readonly say: (text: string) => void
}

/** The output of a command that writes one document to `out` or to standard output. */
export const outputTo = (cli: CliEnvironment, out: string | undefined): Output =>
  out === undefined
    ? {
        write: (text) => E.right(cli.out(text.replace(/\n$/, ''))),
        say: (text) => cli.err(`${text}\n`),
      }
    : {
        write: (text) => {
          try {
            fs.writeFileSync(out, text)
            return E.right(undefined)
          } catch (error) {
            return E.left(dataError(`cannot write ${out}: ${reasonOf(error)}`))
          }
        },
        say: (text) => cli.out(text),
      }

/** A document as pretty JSON, ending with a newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`
