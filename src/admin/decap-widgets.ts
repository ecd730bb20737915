/**
 * The Decap widgets the CMS registers, by name: decap-parts.ts registers exactly these (its types
 * insist), and tests/unit/cms-parts.test.ts checks that every widget the generated config names is
 * here. Kept apart from decap-parts.ts because Decap's packages only load in a browser.
 */

/** Loaded with the CMS. file and image are here for the Markdown editor's image button. */
export const eagerWidgets = [
  'boolean',
  'datetime',
  'file',
  'image',
  'list',
  'number',
  'object',
  'relation',
  'select',
  'string',
  'text',
] as const;

/** Loaded the first time an entry that uses them is opened (lazy-widget.tsx). */
export const lazyWidgets = ['markdown'] as const;

export type EagerWidget = (typeof eagerWidgets)[number];
export type LazyWidget = (typeof lazyWidgets)[number];
