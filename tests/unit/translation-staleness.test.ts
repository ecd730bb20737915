import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypes } from '../../src/admin/collections.ts';
import { readContentFiles } from '../../src/admin/content-files.ts';
import { runLaunchCheck } from '../../src/admin/launch-check/index.ts';
import { isStale, sourceHash } from '../../src/domain/source-hash.ts';

/**
 * An editor changes an English page after it was translated: the launch check (and the staff page
 * it feeds) lists the Polish and Urdu translations as out of date, and the translated page says so,
 * both from the same fingerprint. Bringing a translation up to date and copying in the new
 * fingerprint clears it. Works on a temporary copy of the content, so the real files never change.
 */

const root = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'clearshare-translations-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
cpSync(join(root, 'content'), join(temp, 'content'), { recursive: true });

const english = join(temp, 'content', 'pages', 'who-can-see-it.md');
const polish = join(temp, 'content', 'translations', 'pl', 'who-can-see-it.md');

const staleFiles = () =>
  runLaunchCheck(temp)
    .items.filter((item) => item.kind === 'stale-translation')
    .map((item) => item.file)
    .filter((file) => file.endsWith('/who-can-see-it.md'))
    .sort();

/** The English page as Astro reads it (the page's notice compares these same fields). */
function englishPage() {
  const pages = contentTypes.find((type) => type.name === 'pages');
  if (!pages) throw new Error('no pages content type');
  const file = readContentFiles(pages, temp).files.find((entry) => entry.slug === 'who-can-see-it');
  if (!file) throw new Error('no who-can-see-it page');
  const data = new Map(Object.entries(file.data ?? {}));
  return { title: String(data.get('title')), description: String(data.get('description')), body: file.body };
}

const storedHash = () => /^sourceHash: (\w+)$/m.exec(readFileSync(polish, 'utf8'))?.[1] ?? '';

describe('translations made from an older English page', () => {
  it('are current while the English is as it was translated', () => {
    expect(staleFiles()).toEqual([]);
    expect(isStale(storedHash(), englishPage())).toBe(false);
  });

  it('are listed, and the page shows its notice, once the English changes', () => {
    writeFileSync(english, `${readFileSync(english, 'utf8')}\nWe now check these notes every day.\n`);
    expect(staleFiles()).toEqual([
      'content/translations/pl/who-can-see-it.md',
      'content/translations/ur/who-can-see-it.md',
    ]);
    expect(isStale(storedHash(), englishPage())).toBe(true);
  });

  it('drop off the list when the translation takes the new fingerprint', () => {
    const now = sourceHash(englishPage());
    writeFileSync(polish, readFileSync(polish, 'utf8').replace(/^sourceHash: \w+$/m, `sourceHash: ${now}`));
    expect(staleFiles()).toEqual(['content/translations/ur/who-can-see-it.md']);
    expect(isStale(storedHash(), englishPage())).toBe(false);
  });

  it('ignore a changed review date: readers read the same words', () => {
    const before = staleFiles();
    writeFileSync(english, readFileSync(english, 'utf8').replace(/^lastReviewed: .*$/m, 'lastReviewed: 2027-01-04'));
    expect(staleFiles()).toEqual(before);
  });
});
