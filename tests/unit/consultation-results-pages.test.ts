import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConsultation } from '../../src/server/consultations/definitions.ts';
import { closedResultsPaths } from '../../src/utils/consultation-results-pages.ts';

/** The example consultation with other dates, as the comms team would save it. */
const withDates = (opens: string, closes: string) =>
  readFileSync('content/consultations/how-we-write-to-you.yaml', 'utf8')
    .replace(/^opens: .*$/m, `opens: ${opens}`)
    .replace(/^closes: .*$/m, `closes: ${closes}`);

describe('the results pages the sitemap lists', () => {
  const content = mkdtempSync(join(tmpdir(), 'clearshare-results-pages-'));
  mkdirSync(join(content, 'consultations'));
  writeFileSync(join(content, 'consultations', 'closed-in-november.yaml'), withDates('2026-11-01', '2026-11-30'));
  writeFileSync(join(content, 'consultations', 'still-open.yaml'), withDates('2026-12-01', '2027-01-31'));

  it('lists a consultation from the day after it closes (London time), not while it is open', () => {
    expect(closedResultsPaths(content, new Date('2026-11-30T23:30:00Z'))).toEqual([]);
    expect(closedResultsPaths(content, new Date('2026-12-01T00:30:00Z'))).toEqual([
      '/consultations/closed-in-november/results/',
    ]);
    expect(closedResultsPaths(content, new Date('2027-02-01T09:00:00Z'))).toEqual([
      '/consultations/closed-in-november/results/',
      '/consultations/still-open/results/',
    ]);
  });
});

describe('the translated results pages the sitemap lists', () => {
  it('lists the Polish or Urdu results of a closed consultation translated into that language', () => {
    const content = mkdtempSync(join(tmpdir(), 'clearshare-results-pages-'));
    mkdirSync(join(content, 'consultations'));
    mkdirSync(join(content, 'translations', 'consultations', 'ur'), { recursive: true });
    writeFileSync(join(content, 'consultations', 'closed.yaml'), withDates('2026-11-01', '2026-11-30'));
    writeFileSync(join(content, 'translations', 'consultations', 'ur', 'closed.yaml'), 'title: x\n');
    expect(closedResultsPaths(content, new Date('2026-12-01T00:30:00Z'))).toEqual([
      '/consultations/closed/results/',
      '/ur/consultations/closed/results/',
    ]);
  });
});

describe('one reading of a consultation file, for the sitemap and the functions', () => {
  const now = new Date('2027-02-01T09:00:00Z');
  /** A content folder holding one consultation file. */
  const folderWith = (slug: string, yaml: string) => {
    const content = mkdtempSync(join(tmpdir(), 'clearshare-consultation-file-'));
    mkdirSync(join(content, 'consultations'));
    writeFileSync(join(content, 'consultations', `${slug}.yaml`), yaml);
    return content;
  };

  it('gives the build and the function the same consultation', async () => {
    const content = folderWith('closed', withDates('2026-11-01', '2026-11-30'));
    expect(closedResultsPaths(content, now)).toEqual(['/consultations/closed/results/']);
    expect((await readConsultation(content, 'closed'))?.closes).toEqual(new Date('2026-11-30T00:00:00Z'));
  });

  it('stops both with the same message, naming the file, when it does not match its schema', async () => {
    const yaml = withDates('2026-11-01', '2026-11-30').replace(/^anonymous: true$/m, 'anonymous: maybe');
    const content = folderWith('not-yes-or-no', yaml);
    const message = `The consultation ${join(content, 'consultations', 'not-yes-or-no.yaml')} does not match its schema`;
    expect(() => closedResultsPaths(content, now)).toThrow(message);
    await expect(readConsultation(content, 'not-yes-or-no')).rejects.toThrow(message);
  });
});
