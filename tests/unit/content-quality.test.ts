import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readingAgeOf } from '../../src/domain/reading-age.ts';
import {
  eventSchema,
  faqSchema,
  mythSchema,
  organisationSchema,
  pageSchema,
  settingsSchema,
  storySchema,
  updateSchema,
} from '../../src/schemas/index.ts';

/**
 * The content gate: every page the comms team writes must be readable at the site's target
 * reading age, carry honest review dates, and match its schema. The privacy notice must hold
 * every item UK GDPR Articles 13 and 14 require, because a missing item is a legal gap.
 */

const root = join(import.meta.dirname, '..', '..');
const contentDir = join(root, 'content');
const DAY_MS = 86_400_000;
/** Past this many days overdue, a page is failed rather than just listed. */
const OVERDUE_FAIL_DAYS = 90;

const schemas = {
  pages: pageSchema(),
  faqs: faqSchema(),
  myths: mythSchema(),
  stories: storySchema(),
  updates: updateSchema(),
  events: eventSchema(),
} as const;
type Collection = keyof typeof schemas;

interface ContentFile {
  file: string;
  collection: Collection;
  data: Record<string, unknown>;
  body: string;
}

function filesIn(folder: string, extension: string): string[] {
  return readdirSync(join(contentDir, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(contentDir, folder, name));
}

/** gray-matter is not installed: split on the opening and closing `---` fences and parse with yaml. */
function readMarkdown(path: string, collection: Collection): ContentFile {
  const text = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${relative(root, path)} has no front matter between --- lines`);
  return { file: relative(contentDir, path), collection, data: parse(match[1] ?? '') ?? {}, body: match[2] ?? '' };
}

const settings = settingsSchema().parse(parse(readFileSync(join(contentDir, 'settings', 'site.yaml'), 'utf8')));
const files = (Object.keys(schemas) as Collection[]).flatMap((collection) =>
  filesIn(collection, '.md').map((path) => readMarkdown(path, collection)),
);

/** Front matter as its schema reads it (dates become Dates), or undefined if it does not validate. */
function parsed(f: ContentFile) {
  const result = schemas[f.collection].safeParse(f.data);
  return result.success ? result.data : undefined;
}

/** The page's own limit if it has a justified exception, otherwise the site-wide target. */
function limitFor(f: ContentFile): number {
  const data = parsed(f);
  return data && 'readingAge' in data && data.readingAge ? data.readingAge.maxReadingAge : settings.readingAgeTarget;
}

/** Review dates, for the collections that carry them. */
function reviewDates(f: ContentFile): { last: Date; next: Date } | undefined {
  const data = parsed(f);
  return data && 'lastReviewed' in data ? { last: data.lastReviewed, next: data.nextReviewDue } : undefined;
}

describe('content files match their schemas', () => {
  it.each(files.map((f) => [f.file, f] as const))('%s', (_name, f) => {
    const result = schemas[f.collection].safeParse(f.data);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(filesIn('organisations', '.yaml').map((path) => [relative(contentDir, path), path] as const))(
    '%s',
    (_name, path) => {
      const result = organisationSchema().safeParse(parse(readFileSync(path, 'utf8')));
      expect(result.error?.issues ?? []).toEqual([]);
    },
  );
});

describe('reading age', () => {
  const rows = files.map((f) => ({ file: f.file, ...readingAgeOf(f.body), limit: limitFor(f) }));

  it('has content to check', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it(`keeps every page at or below its limit (site target ${settings.readingAgeTarget})`, () => {
    console.table(
      [...rows]
        .sort((a, b) => b.readingAge - a.readingAge)
        .map(({ file, readingAge, words, limit }) => ({ file, 'reading age': readingAge, words, limit })),
    );
    const tooHard = rows
      .filter((row) => row.readingAge > row.limit)
      .map((row) => ({ file: row.file, readingAge: row.readingAge, limit: row.limit, split: row.longSentences }));
    expect(tooHard).toEqual([]);
  });
});

describe('review dates', () => {
  const today = Date.now();
  const reviewed = files.flatMap((f) => {
    const dates = reviewDates(f);
    return dates ? [{ file: f.file, ...dates }] : [];
  });
  const daysOverdue = (next: Date) => Math.floor((today - next.getTime()) / DAY_MS);

  it('lists pages overdue for review, and fails any overdue by more than 90 days', () => {
    const overdue = reviewed
      .filter(({ next }) => daysOverdue(next) > 0)
      .map(({ file, next }) => ({ file, daysOverdue: daysOverdue(next) }));
    if (overdue.length > 0) console.warn('Pages overdue for review:', overdue);
    expect(overdue.filter((row) => row.daysOverdue > OVERDUE_FAIL_DAYS)).toEqual([]);
  });

  it('never dates a review in the future or after its next due date', () => {
    const wrong = reviewed.filter(({ last, next }) => last.getTime() > today || last >= next).map(({ file }) => file);
    expect(wrong).toEqual([]);
  });
});

describe('privacy notice', () => {
  const notice = files.find((f) => f.file.replace(/\\/g, '/') === 'pages/privacy-notice.md');
  const headings = (level: number) =>
    (notice?.body ?? '')
      .split(/\r?\n/)
      .filter((line) => line.startsWith(`${'#'.repeat(level)} `))
      .map((line) => line.slice(level + 1).trim());

  /** UK GDPR Articles 13 and 14, as the ICO's checklist words them, in residents' words. */
  const required = [
    'Who we are',
    'Our representative',
    'Our data protection officer',
    'Why we use your information',
    'Our lawful basis',
    'Legitimate interests',
    'What information we use',
    'Who we share it with',
    'Sending information outside the UK',
    'How long we keep it',
    'Your rights',
    'Withdrawing consent',
    'Complaining to the ICO',
    'Where your information comes from',
    'Do you have to give us your information',
    'Automated decisions',
  ];
  const rights = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability'];

  it('exists', () => {
    expect(notice).toBeDefined();
  });

  it('has a section for each of the 16 items Articles 13 and 14 require', () => {
    expect(required.filter((heading) => !headings(2).includes(heading))).toEqual([]);
  });

  it('explains each of the 6 rights under its own heading', () => {
    const rightHeadings = headings(3).map((heading) => heading.toLowerCase());
    expect(rights.filter((right) => !rightHeadings.some((heading) => heading.includes(right)))).toEqual([]);
  });
});

describe('Easy Read guide', () => {
  const guide = files.find((f) => f.file.replace(/\\/g, '/') === 'pages/easy-read.md');
  /** Each point is a picture followed by its words, in one paragraph: `![alt](src) Words.` */
  const points = (guide?.body ?? '')
    .split(/\r?\n/)
    .map((line) => /^!\[([^\]]+)\]\(([^)]+)\)\s+(.+)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, alt = '', src = '', words = '']) => ({ alt, src, words }));

  it('puts a picture beside each point', () => {
    expect(points.length).toBeGreaterThanOrEqual(10);
  });

  it('keeps to one idea per point, in a sentence of 15 words or fewer', () => {
    const tooLong = points.filter(
      ({ words }) => words.split(/(?<=[.!?])\s+/).length > 1 || words.split(/\s+/).length > 15,
    );
    expect(tooLong.map(({ words }) => words)).toEqual([]);
  });

  it('uses pictures that exist, are small, and carry a title for assistive technology', () => {
    const problems = [...new Set(points.map(({ src }) => src))].flatMap((src) => {
      const svg = readFileSync(join(root, 'public', src), 'utf8');
      const issues: string[] = [];
      if (Buffer.byteLength(svg) > 2048) issues.push(`${src} is over 2 KB`);
      if (!/<title[^>]*>[^<]{3,}<\/title>/.test(svg)) issues.push(`${src} has no <title>`);
      if (!svg.includes('viewBox="0 0 120 120"')) issues.push(`${src} is not drawn on the 120 by 120 grid`);
      return issues;
    });
    expect(problems).toEqual([]);
  });
});
