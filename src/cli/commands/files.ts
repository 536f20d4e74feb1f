/**
 * Checks on the files the commands read.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import fs from 'node:fs'
import { dataError, type CliFailure } from '../failure.js'

/** The size in bytes of a readable file, or why it cannot be read. */
export const fileSize = (path: string): E.Either<CliFailure, number> => {
  try {
    const stat = fs.statSync(path)
    if (!stat.isFile()) return E.left(dataError(`cannot read ${path}: it is not a file`))
    fs.accessSync(path, fs.constants.R_OK)
    return E.right(stat.size)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : String(error)
    return E.left(dataError(`cannot read ${path}: ${why}`))
  }
}
