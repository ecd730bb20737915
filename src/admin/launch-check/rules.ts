import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ContentFile } from '../content-files.ts';
import { type LaunchItem, launchItemKinds } from './kinds.ts';
import { dramaNumbers, exampleAddresses, fictionalProcessors } from './placeholders.ts';
import { translationItems } from './translations.ts';

/**
 * What a comms team must replace or check before the site goes live, found in the content files.
 * Each rule reads files as they are on disk (the raw text for placeholders, the front matter for
 * flags and dates), so it also finds placeholders in fields no schema knows about.
 */

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};

/** Every object in a value, itself included, with its path, for flags nested in settings. */
function objectsIn(value: unknown, path: string): [string, Record<string, unknown>][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => objectsIn(item, `${path}.${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return [
    [path, record(value)],
    ...Object.entries(value).flatMap(([key, item]) => objectsIn(item, path ? `${path}.${key}` : key)),
  ];
}

/** Entries, or parts of the settings, marked `example: true`. */
function exampleEntries(entry: ContentFile): LaunchItem[] {
  return objectsIn(entry.data, '')
    .filter(([, object]) => object['example'] === true)
    .map(([path]) => ({
      kind: 'example-entry',
      file: entry.file,
      detail: path ? `${path} is marked as example` : 'marked as example',
    }));
}

/** Placeholders anywhere in the file's text: .example addresses, drama numbers, made-up companies. */
function placeholders(entry: ContentFile, root: string): LaunchItem[] {
  const text = readFileSync(resolve(root, entry.file), 'utf8');
  const unique = (values: string[]) => [...new Set(values)];
  return [
    ...unique(exampleAddresses(text)).map(
      (detail): LaunchItem => ({ kind: 'example-address', file: entry.file, detail }),
    ),
    ...unique(dramaNumbers(text)).map((detail): LaunchItem => ({ kind: 'drama-number', file: entry.file, detail })),
    ...fictionalProcessors(text).map(
      (detail): LaunchItem => ({ kind: 'fictional-processor', file: entry.file, detail }),
    ),
  ];
}

/** Controllers with no real contact yet: none listed, or a contact still on a placeholder. */
function unsetControllers(settings: ContentFile): LaunchItem[] {
  const controllers = record(settings.data)['dataControllers'];
  if (!Array.isArray(controllers) || controllers.length === 0)
    return [{ kind: 'unset-controller', file: settings.file, detail: 'No data controllers are listed' }];
  return controllers
    .map(record)
    .filter((c) => {
      const contact = String(c['contact'] ?? '');
      return contact.trim() === '' || exampleAddresses(contact).length > 0 || dramaNumbers(contact).length > 0;
    })
    .map((c) => ({
      kind: 'unset-controller',
      file: settings.file,
      detail: `${String(c['name'] ?? 'A controller')}: its contact details are still examples`,
    }));
}

/**
 * The DPIA and joint controller agreement downloads (Site settings → Governance documents,
 * src/schemas/data-flow.ts): each must hold a web address before go-live, since the scheme
 * promises to publish both.
 */
const GOVERNANCE_LINKS = [
  ['dpiaUrl', 'No link to the published DPIA is set'],
  ['jointControllerAgreementUrl', 'No link to the joint controller agreement is set'],
] as const;

function missingDpiaLinks(settings: ContentFile): LaunchItem[] {
  const documents = record(record(settings.data)['governanceDocuments']);
  return GOVERNANCE_LINKS.filter(([field]) => !/^https:\/\//.test(String(documents[field] ?? ''))).map(
    ([field, detail]) => ({
      kind: 'dpia-link',
      file: settings.file,
      detail: `governanceDocuments.${field}: ${detail}`,
    }),
  );
}

/** A Markdown entry past its "Next review due" date on `today` (YYYY-MM-DD). */
function overdue(entry: ContentFile, today: string): LaunchItem[] {
  const due = record(entry.data)['nextReviewDue'];
  const day = due instanceof Date ? due.toISOString().slice(0, 10) : typeof due === 'string' ? due : undefined;
  return day !== undefined && day < today
    ? [{ kind: 'review-overdue', file: entry.file, detail: `review was due on ${day}` }]
    : [];
}

/** A Markdown entry (words residents read) with no record of who signed off its legal claims. */
function withoutLegalReview(entry: ContentFile): LaunchItem[] {
  const review = record(record(entry.data)['legalReview']);
  return review['by'] && review['date']
    ? []
    : [{ kind: 'legal-review', file: entry.file, detail: 'no legal review recorded' }];
}

/** Every item left, for content read from `root`, on the day `today` (YYYY-MM-DD, London). */
export function launchItems(entries: ContentFile[], root: string, today: string): LaunchItem[] {
  const items: LaunchItem[] = [];
  for (const entry of entries) {
    items.push(...exampleEntries(entry), ...placeholders(entry, root));
    if (entry.type.name === 'settings') items.push(...unsetControllers(entry), ...missingDpiaLinks(entry));
    // A translation's legal claims and review dates are its English page's, checked there.
    if (entry.type.source.kind === 'markdown' && entry.type.name !== 'translations')
      items.push(...overdue(entry, today), ...withoutLegalReview(entry));
  }
  items.push(...translationItems(entries));
  return items.sort((a, b) => launchItemKinds.indexOf(a.kind) - launchItemKinds.indexOf(b.kind));
}
