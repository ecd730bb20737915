import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCmsConfig } from '../../src/admin/cms-config.ts';
import { type ContentType, contentTypes } from '../../src/admin/collections.ts';
import { readContentFiles } from '../../src/admin/content-files.ts';
import { emptyPaths } from '../../src/admin/empty-values.ts';
import { describeProblem, validateContent } from '../../src/admin/validate-content.ts';

/**
 * An entry of every collection as the CMS saves it, checked the way the build reads it. The files
 * are written with Decap's own formatters (the code in decap-cms-core that writes the commit), so
 * this catches a widget whose output the schema rejects: the datetime widget with format
 * YYYY-MM-DD writes an unquoted 2026-11-22, which Astro's YAML reads back as a Date.
 */

const root = join(import.meta.dirname, '..', '..');
const config = buildCmsConfig();

/** Decap's frontmatter and YAML writers, loaded from the decap-cms-core the admin page bundles. */
async function decapFormats() {
  const require = createRequire(import.meta.resolve('decap-cms-core'));
  const frontmatter = await import(require.resolve('decap-cms-core/dist/esm/formats/frontmatter.js'));
  const yaml = await import(require.resolve('decap-cms-core/dist/esm/formats/yaml.js'));
  return {
    markdown: (data: object, keys: string[]): string => frontmatter.frontmatterYAML().toFile(data, keys),
    yaml: (data: object, keys: string[]): string => yaml.default.toFile(data, keys),
  };
}
const formats = await decapFormats();

/** What the CMS holds for a field after an editor picks a date: the widget's formatted string. */
function asCmsHolds(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(asCmsHolds);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCmsHolds(v)]));
  }
  return value;
}

const workDirs: string[] = [];
afterAll(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Saves one entry the way Decap would into a throwaway copy of the content (so relations to other
 * entries still resolve); returns that copy's root. The real content/ folder is never written.
 */
function saveAsCms(type: ContentType, slug: string, data: Record<string, unknown>): string {
  const repo = mkdtempSync(join(tmpdir(), 'clearshare-cms-save-'));
  workDirs.push(repo);
  cpSync(join(root, 'content'), join(repo, 'content'), { recursive: true });
  const fields = config.collections.find((c) => c.name === type.name);
  const keys = (fields?.fields ?? fields?.files?.[0]?.fields ?? []).map((f) => f.name);
  const cleaned = structuredClone(data);
  for (const path of emptyPaths(cleaned)) {
    const parent = path
      .slice(0, -1)
      .reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, cleaned);
    delete parent[path.at(-1) ?? ''];
  }
  const { source } = type;
  const file =
    source.kind === 'file' ? source.file : `${source.folder}/${slug}.${source.kind === 'markdown' ? 'md' : 'yaml'}`;
  mkdirSync(join(repo, dirname(file)), { recursive: true });
  writeFileSync(
    join(repo, file),
    source.kind === 'markdown' ? formats.markdown(cleaned, keys) : formats.yaml(cleaned, keys),
  );
  return repo;
}

describe('an entry as the CMS saves it', () => {
  for (const type of contentTypes) {
    it(`passes the build's check: ${type.name}`, () => {
      const [entry] = readContentFiles(type, root).files;
      if (!entry) throw new Error(`content has no ${type.name} to copy`);
      const data = asCmsHolds(entry.data) as Record<string, unknown>;
      const repo = saveAsCms(type, entry.slug, type.source.kind === 'markdown' ? { ...data, body: entry.body } : data);
      expect(validateContent(repo, 'content', [type]).map(describeProblem)).toEqual([]);
    });
  }

  const faqs = contentTypes.find((t) => t.name === 'faqs');
  const organisations = contentTypes.find((t) => t.name === 'organisations');
  if (!faqs || !organisations) throw new Error('faqs and organisations must be content types');

  it('passes for a new question typed into the form, with defaults and no exception', () => {
    const repo = saveAsCms(faqs, 'can-i-ask-for-a-copy', {
      question: 'Can I ask for a copy?',
      group: 'your-choices',
      order: 100,
      sources: [],
      lastReviewed: '2026-11-22',
      nextReviewDue: '2027-11-22',
      readingAge: { maxReadingAge: null, reason: '' },
      body: 'Yes. Call us and we will send it to you.',
    });
    expect(validateContent(repo, 'content', [faqs])).toEqual([]);
  });

  it('passes for an organisation whose optional ODS code was typed and then cleared', () => {
    const repo = saveAsCms(organisations, 'new-practice', {
      name: 'New Practice',
      type: 'gp-practice',
      odsCode: '',
      town: 'Ashby',
      joined: '2026-11-22',
    });
    expect(validateContent(repo, 'content', [organisations])).toEqual([]);
  });

  it('fails a question without a question mark, naming the file, the field and the fix', () => {
    const repo = saveAsCms(faqs, 'copies', {
      question: 'Copies of your record',
      group: 'about',
      lastReviewed: '2026-11-22',
      nextReviewDue: '2027-11-22',
      body: 'Call us.',
    });
    expect(validateContent(repo, 'content', [faqs]).map(describeProblem)).toEqual([
      'content/faqs/copies.md: question: End the question with a question mark',
    ]);
  });
});
