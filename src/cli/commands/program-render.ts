/**
 * `microcred program render <programId|--file program.json>`: a program's Professional Learning
 * Plan or Overview, as Markdown or a self-contained HTML page, to standard output or a file. The
 * program is a catalog program named by its id (`steam`), or a program JSON file, decoded with the
 * `Program` codec and validated under `lausdPolicy`; a file that fails is refused with every
 * problem and its path, and nothing is written.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import fs from 'node:fs'
import {
  catalogPrograms,
  lausdPolicy,
  quoted,
  renderProgramDocument,
  validateProgram,
  type Program,
  type ProgramDocumentFormat,
  type ProgramDocumentKind,
} from 'microcred'
import type { CliEnvironment } from '../environment.js'
import {
  dataError,
  done,
  reasonOf,
  usageError,
  type CliFailure,
  type CliResult,
} from '../failure.js'
import { writeFile } from '../report-output.js'
import { fileSize } from './files.js'

/** The options of `program render`, as commander parses them. */
export interface ProgramRenderOptions {
  readonly file?: string
  readonly programVersion?: number
  readonly document: ProgramDocumentKind
  readonly format: ProgramDocumentFormat
  readonly out?: string
}

/** The largest program file read: a program is a few tens of kilobytes. */
export const maxProgramFileBytes = 5 * 1024 * 1024

const positiveWhole = (value: string) => {
  const n = Number(value)
  if (!/^\d{1,9}$/.test(value) || n < 1) {
    throw new InvalidArgumentError('expected a whole number from 1.')
  }
  return n
}

const file = (value: string) => {
  if (value.trim() === '') throw new InvalidArgumentError('expected a file name.')
  return value
}

/** A program of the catalog by its id. */
const fromCatalog = (id: string): E.Either<CliFailure, Program> => {
  const found = catalogPrograms.find((program) => program.id === id)
  return found === undefined
    ? E.left(
        dataError(
          `there is no program ${quoted(id)} in the catalog: name one of ${catalogPrograms.map((program) => program.id).join(', ')}, or a program file with --file`,
        ),
      )
    : E.right(found)
}

/** A program from a JSON file, decoded and validated under `lausdPolicy`. */
const fromFile = (path: string): E.Either<CliFailure, Program> => {
  const size = fileSize(path)
  if (E.isLeft(size)) return size
  if (size.right > maxProgramFileBytes) {
    return E.left(
      dataError(
        `${path} has ${size.right.toLocaleString('en-US')} bytes; a program file has at most ${maxProgramFileBytes.toLocaleString('en-US')}`,
      ),
    )
  }
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(path, 'utf8'))
  } catch (error) {
    return E.left(dataError(`${path} is not JSON (a program file is): ${reasonOf(error)}`))
  }
  const validated = validateProgram(json, lausdPolicy)
  if (E.isRight(validated)) return validated
  const problems = validated.left
  return E.left(
    dataError(
      `${path} is not a valid program under the ${lausdPolicy.name} policy (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}); fix the file and run the command again:`,
      problems.map((problem) => `${problem.path}: ${problem.message}`),
    ),
  )
}

/** Renders a program's plan or overview, to standard output or `--out`. */
export const renderProgram = (
  cli: CliEnvironment,
  programId: string | undefined,
  options: ProgramRenderOptions,
): CliResult => {
  if (programId !== undefined && options.file !== undefined) {
    return E.left(usageError('name a catalog program or a program file with --file, not both'))
  }
  if (programId === undefined && options.file === undefined) {
    return E.left(
      usageError('name a catalog program (such as steam) or a program file with --file'),
    )
  }
  const source = options.file === undefined ? 'the catalog' : options.file
  const found = options.file === undefined ? fromCatalog(programId ?? '') : fromFile(options.file)
  if (E.isLeft(found)) return found
  const program = found.right
  if (options.programVersion !== undefined && options.programVersion !== program.version) {
    return E.left(
      dataError(
        `${source} holds version ${program.version} of program ${quoted(program.id)}, not version ${options.programVersion}`,
      ),
    )
  }
  const text = renderProgramDocument(program, {
    document: options.document,
    format: options.format,
    policy: lausdPolicy,
  })
  if (options.out === undefined) {
    cli.out(text.replace(/\n$/, ''))
    return done
  }
  const written = writeFile(options.out, text)
  if (E.isRight(written)) {
    const what = options.document === 'plan' ? 'Professional Learning Plan' : 'Overview'
    cli.err(
      `microcred: wrote the ${what} of ${quoted(program.id)} version ${program.version} to ${options.out}\n`,
    )
  }
  return written
}

/** Adds `microcred program render` to the program. */
export const addProgramCommands = (
  root: Command,
  cli: CliEnvironment,
  finish: (result: CliResult) => void,
): void => {
  const program = root.command('program').description("a program's published documents")
  program
    .command('render')
    .description("print a program's Professional Learning Plan or Overview (Markdown or HTML)")
    .argument('[programId]', 'a catalog program, such as steam (or --file)')
    .addOption(
      new Option(
        '--file <program.json>',
        'a program file instead, checked under the LAUSD policy',
      ).argParser(file),
    )
    .option('--program-version <n>', 'refuse unless the program is this version', positiveWhole)
    .addOption(
      new Option('--document <document>', 'which document')
        .choices(['plan', 'overview'])
        .default('plan'),
    )
    .addOption(
      new Option('--format <format>', 'Markdown, or a self-contained HTML page')
        .choices(['markdown', 'html'])
        .default('markdown'),
    )
    .option('--out <file>', 'write it to a file instead of standard output', file)
    .action((programId: string | undefined, options: ProgramRenderOptions) =>
      finish(renderProgram(cli, programId, options)),
    )
}
