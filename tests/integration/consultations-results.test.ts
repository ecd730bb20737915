import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import feedback from '../../functions/feedback.ts';
import { t } from '../../src/i18n/t.ts';
import { saveConsultationAnswer } from '../../src/server/consultations/store.ts';
import { consultationTextAnswers } from '../../src/server/db/consultations-schema.ts';
import { installServices, type Services } from '../../src/server/services.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

type Store = Awaited<ReturnType<typeof openPgliteStore>>;
/** The example consultation in content/: it closes at the end of 31 January 2027. */
const SLUG = 'how-we-write-to-you';
const CLOSED = new Date('2027-02-01T09:00:00Z');
/** The results page at `path` (English by default) on a day. */
const results = (now: Date, path = `/consultations/${SLUG}/results/`) =>
  feedback(new Request(`http://local${path}`), {
    params: {},
    ip: '192.0.2.42',
    now: () => now,
  });

/**
 * 16 people: 14 heard in a letter (and most at their GP too), 2 online; 14 prefer email. Two wrote
 * something: the first answer is approved, the other stays pending.
 */
async function saveSixteenAnswers(store: Store, services: Services): Promise<void> {
  for (let person = 0; person < 16; person += 1) {
    await saveConsultationAnswer(
      store.db,
      services.keyring,
      SLUG,
      {
        choices: {
          'heard-from': person < 14 ? ['In a letter', 'At my GP practice'] : ['Online or on social media'],
          'best-way': [person < 14 ? 'An email' : 'A letter'],
          clear: ['4'],
        },
        texts: person < 2 ? { 'change-one-thing': person === 0 ? 'Use bigger print.' : 'Not shown: rejected.' } : {},
        publishConsent: true,
        name: '',
        email: '',
      },
      { idempotencyKey: `person-${person}`, now: new Date('2026-12-15T12:00:00Z') },
    );
  }
  const texts = await store.db.select().from(consultationTextAnswers);
  await store.db
    .update(consultationTextAnswers)
    .set({ state: 'approved' })
    .where(eq(consultationTextAnswers.id, texts[0]?.id ?? 0));
}

describe('a consultation’s results page', () => {
  let store: Store;
  let services: Services;
  beforeAll(async () => {
    store = await openPgliteStore();
    services = await testServices(store);
    installServices(services);
    await saveSixteenAnswers(store, services);
  });
  afterAll(async () => store.dispose());

  it('shows no results while people can still answer', async () => {
    const response = await results(new Date('2027-01-31T23:30:00Z'));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Results are not ready yet');
    expect(html).not.toContain('In a letter');
    // Nothing to find yet: the page before closing keeps the function pages' noindex.
    expect(html.slice(0, html.indexOf('</head>'))).toContain('<meta name="robots" content="noindex">');
  });

  it('once closed, may be listed by search engines, with its own address and description', async () => {
    const html = await (await results(new Date('2027-02-01T09:00:00Z'))).text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).not.toContain('noindex');
    expect(head).toMatch(
      /<link rel="canonical" href="https?:\/\/[^"]+\/consultations\/how-we-write-to-you\/results\/">/,
    );
    expect(head).toContain(
      '<meta name="description" content="What people told us when we asked: How should we tell you about the shared care record?',
    );
  });

  it('after it closes, counts each person once, gives percentages out of respondents and hides small numbers', async () => {
    const html = await (await results(new Date('2027-02-01T09:00:00Z'))).text();
    expect(html).toContain('What people told us: How should we tell you');
    expect(html).toContain('20 people answered.');
    expect(html).toContain('Percentages are out of the people who answered the question.');
    // Multiple choice: 14 of 16 ticked two boxes; rounded 10 of 20 is 50 % each, and the column passes 100.
    expect(html).toMatch(/In a letter<\/th><td[^>]*>10<\/td><td[^>]*>50%/);
    expect(html).toMatch(/At my GP practice<\/th><td[^>]*>10<\/td><td[^>]*>50%/);
    // 2 people: shown as fewer than 5, with no percentage.
    expect(html).toMatch(/Online or on social media<\/th><td[^>]*>fewer than 5<\/td><td[^>]*>–/);
    // The chart is drawn on the server, with its words for screen readers.
    expect(html).toContain('<svg role="img"');
    expect(html).toContain('Use bigger print.');
    expect(html).not.toContain('Not shown: rejected.');
    expect(html).toContain('This is an example survey.');
  });

  it('answers 404 for a consultation that does not exist', async () => {
    const response = await feedback(new Request('http://local/consultations/no-such/results/'), {
      params: {},
      ip: '192.0.2.42',
      now: () => new Date('2027-02-01T09:00:00Z'),
    });
    expect(response.status).toBe(404);
  });

  it('answers 404 for an address no consultation can have: capitals, stray hyphens, over 100 characters', async () => {
    for (const slug of ['How-we-write-to-you', 'how--we-write', '-how', 'a'.repeat(101)]) {
      const response = await feedback(new Request(`http://local/consultations/${slug}/results/`), {
        params: {},
        ip: '192.0.2.42',
        now: () => new Date('2027-02-01T09:00:00Z'),
      });
      expect(response.status, slug).toBe(404);
      expect(await response.text()).toContain('Page not found');
    }
  });
});

describe('a consultation’s results, answered in English and in Urdu', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  beforeAll(async () => {
    store = await openPgliteStore();
    installServices(await testServices(store));
  });
  afterAll(async () => store.dispose());

  const answer = (person: number, lang?: 'ur') =>
    feedback(
      new Request('http://local/api/consultations/answer', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([
          ['consultation', SLUG],
          ['q-heard-from', 'In a letter'],
          ['q-best-way', 'A text message'],
          ['q-clear', '3'],
          ['idempotencyKey', `person-${lang ?? 'en'}-${person}`],
          ...(lang ? [['lang', lang]] : []),
        ]).toString(),
      }),
      { params: {}, ip: `192.0.2.${100 + person}`, now: () => new Date('2026-12-15T12:00:00Z') },
    );

  it('counts the answers from the Urdu page with the English ones, under the English option', async () => {
    // 8 people on the English page and 8 on the Urdu one, which posts the English option's text.
    for (let person = 0; person < 8; person += 1) {
      expect((await answer(person)).ok).toBe(true);
      expect((await answer(person, 'ur')).ok).toBe(true);
    }
    const html = await (await results(new Date('2027-02-01T12:00:00Z'))).text();
    // 16 rounded to the nearest 10 is 20; the English answers alone (8) would show as 10.
    expect(html).toMatch(/A text message<\/th><td[^>]*>20</);
    expect(html).toContain('20 people answered.');
  });
});

describe('a consultation’s results in Polish and Urdu', () => {
  let store: Store;
  // The content as deployed, with a second consultation that has no translation.
  const content = mkdtempSync(join(tmpdir(), 'clearshare-results-languages-'));
  cpSync('content/consultations', join(content, 'consultations'), { recursive: true });
  cpSync('content/translations/consultations', join(content, 'translations', 'consultations'), { recursive: true });
  cpSync(`content/consultations/${SLUG}.yaml`, join(content, 'consultations', 'not-translated.yaml'));
  beforeAll(async () => {
    store = await openPgliteStore();
    const services = await testServices(store, { CONTENT_DIR: content });
    installServices(services);
    await saveSixteenAnswers(store, services);
  });
  afterAll(async () => {
    await store.dispose();
    rmSync(content, { recursive: true, force: true });
  });

  /** The example consultation's words in a language, from its translation file. */
  const translated = (lang: 'pl' | 'ur') =>
    parse(readFileSync(`content/translations/consultations/${lang}/${SLUG}.yaml`, 'utf8')) as {
      title: string;
      questions: { id: string; text: string; options?: string[] }[];
    };

  it('shows the results in Polish: the questions and answers from the translation, the page’s own words and numbers', async () => {
    const response = await results(CLOSED, `/pl/consultations/${SLUG}/results/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const pl = translated('pl');
    const say = (key: Parameters<typeof t>[0], values: Record<string, string> = {}) => t(key, values, 'pl');
    expect(html).toContain('<html lang="pl" dir="ltr"');
    expect(html).toContain(`<h1>${say('consultations.results.title', { title: pl.title })}</h1>`);
    // Answers from every language counted together (16, rounded to 20), in Polish words.
    expect(html).toContain(say('consultations.results.respondents', { count: '20' }));
    expect(html).toContain(say('consultations.results.multipleNote'));
    expect(html).toContain(say('consultations.results.suppressedNote'));
    // The question as the Polish form asked it, as the table's caption too.
    expect(html).toContain(`>${pl.questions[0]?.text}</caption>`);
    // "In a letter" and "Online or on social media" as the Polish form labels them.
    expect(html).toMatch(/Z listu<\/th><td[^>]*>10<\/td><td[^>]*>50%/);
    expect(html).toMatch(/Z internetu lub mediów społecznościowych<\/th><td[^>]*>mniej niż 5<\/td><td[^>]*>–/);
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    for (const english of ['In a letter', 'fewer than 5', 'people answered', 'What people told us']) {
      expect(main).not.toContain(english);
    }
    // Its own address and description for search engines, in Polish (the start of it: long ones are cut).
    const description = say('consultations.results.description', { title: pl.title }).split('. ')[0] ?? '';
    expect(html).toContain(`<meta name="description" content="${description}`);
    expect(html).toMatch(
      /<link rel="canonical" href="https?:\/\/[^"]+\/pl\/consultations\/how-we-write-to-you\/results\/">/,
    );
  });

  it('shows the results in Urdu, right to left', async () => {
    const html = await (await results(CLOSED, `/ur/consultations/${SLUG}/results/`)).text();
    const ur = translated('ur');
    expect(html).toContain('<html lang="ur" dir="rtl"');
    expect(html).toContain(t('consultations.results.title', { title: ur.title }, 'ur'));
    expect(html).toContain(t('consultations.results.respondents', { count: '20' }, 'ur'));
    expect(html).toContain(`${ur.questions[0]?.options?.[1]}</th>`);
  });

  it('before the consultation closes, says so in the language, with its day in that language', async () => {
    const html = await (await results(new Date('2027-01-15T12:00:00Z'), `/pl/consultations/${SLUG}/results/`)).text();
    expect(html).toContain(t('consultations.results.notYetBody', { closes: '31 stycznia 2027' }, 'pl'));
    expect(html).toContain(`href="/pl/consultations/${SLUG}/"`);
  });

  it('gives the English not-found page for an unknown consultation or one not translated into the language', async () => {
    // Each answer has its own script nonce; the rest must be the same page.
    const page = async (response: Response) => (await response.text()).replace(/ nonce="[^"]*"/g, '');
    const english = await results(CLOSED, '/consultations/no-such/results/');
    expect(english.status).toBe(404);
    const notFound = await page(english);
    for (const path of [
      '/pl/consultations/no-such/results/',
      '/pl/consultations/not-translated/results/',
      '/ur/consultations/not-translated/results/',
    ]) {
      const response = await results(CLOSED, path);
      expect(response.status, path).toBe(404);
      expect(await page(response), path).toBe(notFound);
    }
    // An address no consultation can have, answered before any file is read, as in English.
    expect(await page(await results(CLOSED, '/ur/consultations/How-we-write/results/'))).toBe(
      await page(await results(CLOSED, '/consultations/How-we-write/results/')),
    );
    // The untranslated one has its English results.
    expect((await results(CLOSED, '/consultations/not-translated/results/')).status).toBe(200);
  });
});
