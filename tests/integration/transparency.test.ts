import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { readingAgeOf } from '../../src/domain/reading-age.ts';
import type { Store } from '../../src/server/db/client.ts';
import { buildPublicFigures } from '../../src/server/transparency/figures.ts';
import { transparencyResponse } from '../../src/server/transparency/page.tsx';
import { insertFeedback, insertOptOut } from '../support/staff-reports-rows.ts';
import { describeEachStore, testKeyring, testServices } from '../support/stores.ts';

const NOW = new Date('2026-11-20T12:00:00Z');

/** A page shell like the one the build emits, so the test does not need a site build. */
function shellDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-transparency-'));
  mkdirSync(join(dir, 'form-shell'));
  writeFileSync(
    join(dir, 'form-shell', 'index.html'),
    '<html><head><title>&lt;!--page:title--&gt; - Scheme</title><meta name="description" content="What the scheme is."><meta property="og:url" content="https://scheme.example/form-shell/"><meta name="robots" content="noindex"></head><body><main><!--page:main--></main></body></html>',
  );
  return dir;
}

/** The words a reader meets, one block a line, as the content check scores Markdown pages. */
const proseOf = (html: string) =>
  (/<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '')
    .replace(/<\/(p|h1|h2|th|td|caption|li)>/g, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");

describeEachStore('the public transparency page', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  async function seed() {
    // 7 opt-outs received in October (shown as 10), 3 in November (hidden), 10 in all (shown as 10).
    for (let day = 1; day <= 7; day += 1) {
      await insertOptOut(store.db, keyring, { receivedAt: new Date(`2026-10-0${day}T10:00:00Z`) });
    }
    for (let day = 2; day <= 4; day += 1) {
      await insertOptOut(store.db, keyring, { receivedAt: new Date(`2026-11-0${day}T10:00:00Z`) });
    }
    for (let n = 0; n < 6; n += 1) {
      await insertFeedback(store.db, keyring, { type: 'question', receivedOn: '2026-11-02', themes: ['letters'] });
    }
    await insertFeedback(store.db, keyring, { type: 'complaint', receivedOn: '2026-11-03', themes: ['Mrs Jones'] });
  }

  it('hides counts under 5, rounds the rest, and names only themes with 5 or more items', async () => {
    await seed();
    const figures = await buildPublicFigures(store.db, calendarDate('2026-11-20'));
    expect(figures.from).toBe('2025-12-01');
    const month = (start: string) => figures.months.find((m) => m.start === start)?.received;
    expect(month('2026-10-01')).toEqual({ shown: 10 });
    expect(month('2026-11-01')).toEqual({ fewerThan: 5 });
    expect(month('2026-09-01')).toEqual({ fewerThan: 5 });
    expect(figures.optOutTotals.received).toEqual({ shown: 10 });
    expect(figures.feedbackByType.find((row) => row.type === 'complaint')?.count).toEqual({ fewerThan: 5 });
    expect(figures.themes).toEqual([{ theme: 'letters', count: { shown: 10 } }]);
  });

  it('is plain HTML in the site shell, cacheable, without the rare theme, at reading age 11 or under', async () => {
    await seed();
    const services = await testServices(store, { STATIC_DIR: shellDir() });
    const response = await transparencyResponse(services, NOW);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=60');
    const html = await response.text();
    expect(html).toContain('<title>Our figures - Scheme</title>');
    expect(html).toContain('fewer than 5');
    expect(html).not.toContain('Mrs Jones');
    expect(html).not.toContain('<script');
    const { readingAge, longSentences } = readingAgeOf(proseOf(html));
    expect(longSentences).toEqual([]);
    expect(readingAge).toBeLessThanOrEqual(services.settings.readingAgeTarget);
  });

  it('is the one function page search engines may list: no noindex, its own address and description', async () => {
    const services = await testServices(store, { STATIC_DIR: shellDir() });
    const html = await (await transparencyResponse(services, NOW)).text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).not.toContain('noindex');
    expect(head).toContain('<link rel="canonical" href="https://scheme.example/transparency/">');
    expect(head).toContain('<meta property="og:url" content="https://scheme.example/transparency/">');
    expect(head).toContain(
      `<meta name="description" content="Figures for the ${services.settings.schemeName}: how many people opted out each month`,
    );
    expect(head).not.toContain('What the scheme is.');
  });
});
