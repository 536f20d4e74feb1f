/**
 * A program's published documents, rendered from its data so they never drift from it: the
 * Professional Learning Plan and the public-facing Overview, as Markdown or as a self-contained
 * HTML page.
 *
 * @packageDocumentation
 */
import type { Program } from './program.js'
import { documentToHtml } from './render-html.js'
import { documentToMarkdown } from './render-markdown.js'
import type {
  ProgramDocument,
  ProgramDocumentFormat,
  ProgramDocumentOptions,
} from './render-model.js'
import { programOverview } from './render-overview.js'
import { professionalLearningPlan } from './render-plan.js'

/** Options of `renderProgramDocument`: which document, in which format, under which policy. */
export interface RenderProgramDocumentOptions extends ProgramDocumentOptions {
  /** Markdown, or a self-contained HTML page. */
  readonly format: ProgramDocumentFormat
}

/**
 * A program's plan or overview as a document model (`professionalLearningPlan` or
 * `programOverview`), for an app that prints it its own way.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, programDocument } from 'microcred'
 * assert.equal(programDocument(catalog.steam, { document: 'plan' }).title, 'STEAM: Professional Learning Plan')
 * assert.equal(programDocument(catalog.steam, { document: 'overview' }).title, 'STEAM: Overview')
 */
export const programDocument = (
  program: Program,
  options: ProgramDocumentOptions,
): ProgramDocument => {
  const { document, ...rest } = options
  return document === 'plan'
    ? professionalLearningPlan(program, rest)
    : programOverview(program, rest)
}

/**
 * A program's Professional Learning Plan (`document: 'plan'`) or public-facing Overview
 * (`'overview'`) as Markdown or a self-contained HTML page (`format`), from the program's data.
 * The policy (default `lausdPolicy`) names the district, the attempts an EOLA gets and which
 * links render (`https:`, and `http:` with `allowHttpUrls`); the publication (default
 * `lausdPublication`) says who the program is for, how long it runs and what it costs. Every text
 * is escaped for the format. The program should be one `validateProgram` accepted.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog, renderProgramDocument } from 'microcred'
 * const plan = renderProgramDocument(catalog.steam, { document: 'plan', format: 'markdown' })
 * assert.match(plan, /^# STEAM: Professional Learning Plan\n/)
 * assert.match(plan, /\| \*\*Total\*\* \| 6 \| 30 \| 45 \| 30 \| 105 \|/)
 * const page = renderProgramDocument(catalog.steam, { document: 'overview', format: 'html' })
 * assert.match(page, /<h1>STEAM: Overview<\/h1>/)
 * assert.match(page, /<h2>Cost<\/h2>\n<p>Free\./)
 */
export const renderProgramDocument = (
  program: Program,
  options: RenderProgramDocumentOptions,
): string => {
  const { format, ...rest } = options
  const document = programDocument(program, rest)
  return format === 'html' ? documentToHtml(document) : documentToMarkdown(document)
}
