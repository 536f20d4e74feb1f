/**
 * The published documents of a program as data: a small document model (headings, paragraphs,
 * lists, tables of plain text, strong text and links) that the Markdown and HTML renderers both
 * print, so the two formats always say the same thing; and what a district publishes beside the
 * program (who it is for, how long it runs, what it costs).
 *
 * Texts in the model are the program's own, unescaped: each renderer escapes them for its format.
 * A link is in the model only when its URL may be rendered (`https:`, or `http:` where the
 * policy's `allowHttpUrls` allows it): any other URL never reaches a renderer.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts'
import { exact, NonEmptyText } from '../codec.js'
import type { StructuralPolicy } from '../policy.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Which document of a program: its Professional Learning Plan or its public-facing Overview.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramDocumentKind } from 'microcred'
 * assert.equal(ProgramDocumentKind.is('plan'), true)
 * assert.equal(ProgramDocumentKind.is('brochure'), false)
 */
export const ProgramDocumentKind = t.keyof({ plan: null, overview: null }, 'ProgramDocumentKind')
/** `'plan' | 'overview'`. */
export type ProgramDocumentKind = t.TypeOf<typeof ProgramDocumentKind>

/**
 * The format a document is rendered in: Markdown, or a self-contained HTML page.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramDocumentFormat } from 'microcred'
 * assert.equal(ProgramDocumentFormat.is('html'), true)
 * assert.equal(ProgramDocumentFormat.is('pdf'), false)
 */
export const ProgramDocumentFormat = t.keyof(
  { markdown: null, html: null },
  'ProgramDocumentFormat',
)
/** `'markdown' | 'html'`. */
export type ProgramDocumentFormat = t.TypeOf<typeof ProgramDocumentFormat>

/**
 * What a district publishes about a program beyond the program itself, all optional: who it is
 * for (`audience`), how long it runs (`duration`, such as "one school year") and what it costs
 * the educator (`cost`). A document leaves out what is not given.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramPublication } from 'microcred'
 * assert.equal(ProgramPublication.is({ duration: 'one school year' }), true)
 * assert.equal(ProgramPublication.is({}), true)
 * assert.equal(ProgramPublication.is({ cost: '' }), false)
 * assert.equal(ProgramPublication.is({ price: 'free' }), false) // exact
 */
export const ProgramPublication = exact(
  {},
  { audience: NonEmptyText, duration: NonEmptyText, cost: NonEmptyText },
  'ProgramPublication',
)
/** What a district publishes about a program beyond the program itself. */
export type ProgramPublication = t.TypeOf<typeof ProgramPublication>

/**
 * What Los Angeles Unified publishes about every micro-credential: open to all its educators,
 * one school year as a community of practice, and free of charge (books and materials included).
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { ProgramPublication, lausdPublication } from 'microcred'
 * assert.equal(ProgramPublication.is(lausdPublication), true)
 * assert.equal(lausdPublication.duration, 'one school year')
 * assert.match(lausdPublication.cost ?? '', /^Free/)
 */
export const lausdPublication: ProgramPublication = Object.freeze({
  audience:
    'Every Los Angeles Unified educator who wants to cultivate expertise in this area, apply it ' +
    'in their own setting and be recognized for it, learning alongside colleagues as a ' +
    'community of practice.',
  duration: 'one school year',
  cost:
    'Free. There is no cost to educators participating in the program, and all books and ' +
    'other materials are provided free of charge.',
})

/**
 * A piece of text in a paragraph, a list item or a table cell: plain, strong, or a link whose URL
 * may be rendered.
 */
export type DocumentInline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly url: string }

/** A table cell: its pieces of text. */
export type DocumentCell = ReadonlyArray<DocumentInline>

/** One block of a document. */
export type DocumentBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly content: ReadonlyArray<DocumentInline> }
  | {
      readonly kind: 'list'
      readonly ordered: boolean
      readonly items: ReadonlyArray<ReadonlyArray<DocumentInline>>
    }
  | {
      readonly kind: 'table'
      readonly head: ReadonlyArray<string>
      readonly rows: ReadonlyArray<ReadonlyArray<DocumentCell>>
      /** Summary rows (totals), shown apart from the body. */
      readonly foot: ReadonlyArray<ReadonlyArray<DocumentCell>>
      /** Which columns hold numbers (aligned to the right). */
      readonly numeric: ReadonlyArray<boolean>
    }

/** A whole document: its title (the page's title) and its blocks, the first a level-1 heading. */
export interface ProgramDocument {
  readonly title: string
  readonly blocks: ReadonlyArray<DocumentBlock>
}

/** Options every document takes. */
export interface ProgramDocumentOptions {
  /** The plan or the overview. */
  readonly document: ProgramDocumentKind
  /** The district's rules (default `lausdPolicy`): its name, attempts, which links render. */
  readonly policy?: StructuralPolicy
  /** What the district publishes beside the program (default `lausdPublication`). */
  readonly publication?: ProgramPublication
}
