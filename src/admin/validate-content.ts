import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { z } from 'zod';
import { describeClaim, findAbsoluteClaims } from './absolute-claims.ts';
import { type ContentType, contentTypes } from './collections.ts';
import { consultationFileNameProblems, consultationTranslationFileProblems } from './consultation-translation-check.ts';
import { type ContentFile, readContentFiles } from './content-files.ts';
import { plainMessage } from './plain-messages.ts';
import { fieldsOf } from './schema-fields.ts';
import { sharingNoticeProblems } from './sharing-notice-check.ts';

/**
 * The check before every build: each content file against its schema, read the way Astro reads
 * it. Astro would also stop, but with a stack trace; this names the file, the field and the fix
 * in the words the comms team uses, e.g. "content/faqs/x.md: question: End the question with a
 * question mark".
 */

export interface ContentProblem {
  file: string;
  /** The field's path, e.g. "sources.0.url"; "body" for the Markdown; "file" for unreadable YAML. */
  field: string;
  message: string;
}

export const describeProblem = (p: ContentProblem) => `${p.file}: ${p.field}: ${p.message}`;

/** Images in the Markdown body with empty alt text: `![](/media/x.jpg)`. */
function imagesWithoutAlt(entry: ContentFile): ContentProblem[] {
  return [...entry.body.matchAll(/!\[\s*\]\(([^)\s]+)[^)]*\)/g)].map((match) => ({
    file: entry.file,
    field: 'body',
    message: `Describe the image ${match[1]} in its alt text, for people who cannot see it`,
  }));
}

/**
 * Raw HTML in the Markdown body: `<script>`, `<b>`, comments, anything Markdown passes through as
 * HTML. Astro would put it into the page as it is, so a script there would run on our origin (and,
 * where staff pages share it, with an officer's cookies). Refused here, with the line, so the
 * comms team can write it in Markdown instead; `1 < 2` and `<code>` in backticks are not HTML.
 */
function rawHtml(entry: ContentFile): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const visit = (node: Nodes) => {
    // A closing tag belongs to an opening one already reported.
    if (node.type === 'html' && !node.value.startsWith('</')) {
      const tag = /^<[a-z][\w-]*|^<!--/i.exec(node.value)?.[0] ?? node.value.slice(0, 20);
      problems.push({
        file: entry.file,
        field: `line ${entry.bodyLine + (node.position?.start.line ?? 1) - 1}`,
        message: `Take out the HTML ${tag.startsWith('<!--') ? '<!-- comment -->' : `${tag}>`}: write it in Markdown instead, like **bold** or [a link](https://…). HTML can carry scripts, so the site does not publish it`,
      });
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(fromMarkdown(entry.body));
  return problems;
}

function schemaProblems(entry: ContentFile, schema: z.ZodType): ContentProblem[] {
  const result = schema.safeParse(entry.data, { error: plainMessage });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    file: entry.file,
    field: issue.path.length > 0 ? issue.path.join('.') : '(whole entry)',
    message: issue.message,
  }));
}

/** Relation fields (e.g. a response's related updates) must name entries that exist. */
function brokenRelations(entry: ContentFile, slugsOf: (collection: string) => Set<string>): ContentProblem[] {
  if (typeof entry.data !== 'object' || entry.data === null) return [];
  const problems: ContentProblem[] = [];
  for (const field of fieldsOf(entry.type.schema, entry.type.name)) {
    if (field.widget !== 'relation' || typeof field['collection'] !== 'string') continue;
    const value: unknown = Reflect.get(entry.data, field.name);
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    const known = slugsOf(field['collection']);
    for (const slug of values) {
      if (typeof slug === 'string' && !known.has(slug)) {
        problems.push({
          file: entry.file,
          field: field.name,
          message: `There is no ${field['collection']} entry called "${slug}": pick one from the list`,
        });
      }
    }
  }
  return problems;
}

function readAll(root: string, contentDir: string, types: ContentType[]) {
  const problems: ContentProblem[] = [];
  const entries: ContentFile[] = [];
  for (const type of types) {
    const { files, unreadable } = readContentFiles(type, root, contentDir);
    entries.push(...files);
    problems.push(...unreadable.map((error) => ({ file: error.file, field: 'file', message: error.reason })));
  }
  return { problems, entries };
}

/** Every string a reader sees in an entry's front matter (web addresses left out), with its field path. */
function textFields(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [] : [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => textFields(item, `${path}.${i}`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => textFields(item, path ? `${path}.${key}` : key));
  return [];
}

/**
 * Warnings, which do not stop the build: each sentence that makes an absolute claim about data
 * (src/admin/absolute-claims.ts), for a legal review. Settings and organisations hold contacts,
 * not claims, so only the written content types are read.
 */
export function contentWarnings(
  root: string,
  contentDir = 'content',
  types: ContentType[] = contentTypes,
): ContentProblem[] {
  const { entries } = readAll(root, contentDir, types);
  return entries
    .filter((entry) => entry.type.source.kind === 'markdown')
    .flatMap((entry) =>
      [...textFields(entry.data, ''), ['body', entry.body] as [string, string]].flatMap(([field, text]) =>
        findAbsoluteClaims(text).map((claim) => ({ file: entry.file, field, message: describeClaim(claim) })),
      ),
    );
}

/** The entries, with the English consultations read too when only their translations are being checked. */
function withEnglish(entries: ContentFile[], types: ContentType[], root: string, contentDir: string): ContentFile[] {
  const english = contentTypes.find((type) => type.name === 'consultations');
  if (!english || types.some((type) => type.name === 'consultations')) return entries;
  return [...entries, ...readContentFiles(english, root, contentDir).files];
}

/** Every problem in every content file under `root` (the repository), in file order. */
export function validateContent(
  root: string,
  contentDir = 'content',
  types: ContentType[] = contentTypes,
): ContentProblem[] {
  const { problems, entries } = readAll(root, contentDir, types);
  // A relation may point into a collection not being checked: read that one's file names too.
  const slugs = new Map<string, Set<string>>();
  const slugsOf = (collection: string) => {
    let known = slugs.get(collection);
    if (!known) {
      const target = contentTypes.find((t) => t.name === collection);
      const loaded = types.some((t) => t.name === collection);
      const files = loaded ? entries : target ? readContentFiles(target, root, contentDir).files : [];
      known = new Set(files.filter((e) => e.type.name === collection).map((e) => e.slug));
      slugs.set(collection, known);
    }
    return known;
  };
  for (const entry of entries) {
    problems.push(
      ...schemaProblems(entry, entry.type.schema),
      ...imagesWithoutAlt(entry),
      ...rawHtml(entry),
      ...brokenRelations(entry, slugsOf),
    );
  }
  problems.push(...sharingNoticeProblems(entries));
  problems.push(...consultationTranslationFileProblems(withEnglish(entries, types, root, contentDir)));
  problems.push(...consultationFileNameProblems(entries));
  return problems;
}
