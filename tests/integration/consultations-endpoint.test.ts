import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import feedback from '../../functions/feedback.ts';
import { formatDate, t } from '../../src/i18n/t.ts';
import {
  consultationAnswers,
  consultationResultContacts,
  consultationTextAnswers,
} from '../../src/server/db/consultations-schema.ts';
import { installServices, type Services } from '../../src/server/services.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

/** The example consultation in content/: open from 1 December 2026 to 31 January 2027. */
const SLUG = 'how-we-write-to-you';
const OPEN_DAY = new Date('2026-12-15T12:00:00Z');

const answer = (fields: [string, string][], now = OPEN_DAY) =>
  feedback(
    new Request('http://local/api/consultations/answer', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['consultation', SLUG], ...fields]).toString(),
    }),
    { params: {}, ip: '192.0.2.41', now: () => now },
  );

const complete: [string, string][] = [
  ['q-heard-from', 'In a letter'],
  ['q-heard-from', 'At my GP practice'],
  ['q-best-way', 'An email'],
  ['q-clear', '4'],
];

describe('answering a consultation through the residents’ submission function', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  let services: Services;
  beforeAll(async () => {
    store = await openPgliteStore();
    services = await testServices(store);
    installServices(services);
  });
  afterAll(async () => store.dispose());

  it('without JavaScript, an empty answer comes back with the error summary linking to each required question', async () => {
    const response = await answer([]);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<title>Error: How should we tell you');
    for (const [field, message] of [
      ['q-heard-from', 'Select at least one answer to question 1'],
      ['q-best-way', 'Select an answer to question 2'],
      ['q-clear', 'Select a number from 1 to 5 for question 3'],
    ]) {
      expect(html).toContain(`href="#${field}"`);
      expect(html).toContain(message);
    }
    // The optional free-text question is not an error.
    expect(html).not.toContain('href="#q-change-one-thing"');
    expect(await store.db.select().from(consultationAnswers)).toEqual([]);
  });

  it('keeps what was ticked when it shows errors, and refuses an option the question does not offer', async () => {
    const response = await answer([
      ['q-heard-from', 'In a letter'],
      ['q-best-way', 'Carrier pigeon'],
      ['q-clear', '9'],
    ]);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/<input[^>]*checked=""[^>]*value="In a letter"/);
    expect(html).not.toMatch(/<input[^>]*checked=""[^>]*value="At my GP practice"/);
    expect(html).toContain('Select an answer to question 2');
    expect(html).toContain('Select a number from 1 to 5 for question 3');
  });

  it('saves the answers, shows the reference only then, and a double submit gives the same reference', async () => {
    const key = randomUUID();
    const fields: [string, string][] = [
      ...complete,
      ['q-change-one-thing', 'Send texts, not letters.'],
      ['publishConsent', 'yes'],
      ['email', 'results@example.org'],
      ['idempotencyKey', key],
    ];
    const first = await answer(fields);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('Thank you for your answers');
    const reference = /data-testid="reference"[^>]*>([A-Z0-9]{8})</.exec(html)?.[1];
    expect(reference).toBeDefined();
    const again = await (await answer(fields)).text();
    expect(again).toContain(`>${reference}<`);

    const rows = await store.db.select().from(consultationAnswers);
    const saved = rows.filter((row) => row.reference === reference);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.choices).toEqual({
      'heard-from': ['In a letter', 'At my GP practice'],
      'best-way': ['An email'],
      clear: ['4'],
    });
    // What people wrote and their address are never stored as typed.
    const texts = await store.db.select().from(consultationTextAnswers);
    expect(texts.map((row) => row.state)).toEqual(['pending']);
    expect(JSON.stringify(texts)).not.toContain('Send texts');
    const contacts = await store.db.select().from(consultationResultContacts);
    expect(contacts).toHaveLength(1);
    expect(JSON.stringify(contacts)).not.toContain('results@example.org');
  });

  it('refuses answers before the opening day and after the closing day, in plain words, saving nothing', async () => {
    const before = await answer([...complete, ['idempotencyKey', randomUUID()]], new Date('2026-11-30T12:00:00Z'));
    expect(before.status).toBe(409);
    expect(await before.text()).toContain('This survey is not open yet');
    // The closing day is the last day, to its end in London.
    const lastEvening = await answer([...complete, ['idempotencyKey', randomUUID()]], new Date('2027-01-31T23:30:00Z'));
    expect(lastEvening.status).toBe(200);
    const after = await answer([...complete, ['idempotencyKey', randomUUID()]], new Date('2027-02-01T00:00:01Z'));
    expect(after.status).toBe(409);
    expect(await after.text()).toContain('It closed on 31 January 2027. We have not saved your answers.');
  });

  it('says plainly when the address is no consultation, and never reads a file outside the folder', async () => {
    for (const slug of ['no-such-survey', '../settings/site']) {
      const response = await feedback(
        new Request('http://local/api/consultations/answer', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams([['consultation', slug], ...complete]).toString(),
        }),
        { params: {}, ip: '192.0.2.41', now: () => OPEN_DAY },
      );
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('We could not find this survey');
    }
  });

  it('keeps the language of the form with the results address, so the results email is written in it', async () => {
    const before = new Set((await store.db.select().from(consultationResultContacts)).map((row) => row.id));
    const urdu = await answer([
      ...complete,
      ['email', 'urdu@example.org'],
      ['idempotencyKey', randomUUID()],
      ['lang', 'ur'],
    ]);
    // The thank-you page promises the email in Urdu: the address is kept with its language below.
    expect(await urdu.text()).toContain(t('consultations.done.email', {}, 'ur'));
    // An English form posts no language field.
    await answer([...complete, ['email', 'english@example.org'], ['idempotencyKey', randomUUID()]]);
    // A language the site does not have is answered, and kept, in English.
    await answer([...complete, ['email', 'other@example.org'], ['idempotencyKey', randomUUID()], ['lang', 'de']]);
    const added = (await store.db.select().from(consultationResultContacts)).filter((row) => !before.has(row.id));
    expect(added.map((row) => row.language)).toEqual(['ur', 'en', 'en']);
  });

  it('takes an answer from the Polish page: its English values count, and pl is kept for the results email', async () => {
    const before = new Set((await store.db.select().from(consultationAnswers)).map((row) => row.id));
    const contactsBefore = new Set((await store.db.select().from(consultationResultContacts)).map((row) => row.id));
    // The Polish page shows "Z listu", "E-mailem"… and posts the English options, with lang=pl.
    const done = await answer([
      ...complete,
      ['email', 'polish@example.org'],
      ['idempotencyKey', randomUUID()],
      ['lang', 'pl'],
    ]);
    expect(done.ok).toBe(true);
    const thanks = await done.text();
    expect(thanks).toContain('<html lang="pl"');
    expect(thanks).toContain(`href="/pl/consultations/${SLUG}/"`);
    const saved = (await store.db.select().from(consultationAnswers)).filter((row) => !before.has(row.id));
    expect(saved).toHaveLength(1);
    expect(JSON.stringify(saved[0]?.choices)).toContain('In a letter');
    const contacts = (await store.db.select().from(consultationResultContacts)).filter(
      (row) => !contactsBefore.has(row.id),
    );
    expect(contacts.map((row) => row.language)).toEqual(['pl']);
  });

  it('without JavaScript, a Polish answer with errors comes back with the questions in Polish, on the English values', async () => {
    const response = await answer([
      ['q-heard-from', 'In a letter'],
      ['lang', 'pl'],
    ]);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<html lang="pl"');
    expect(html).toContain('<title>Błąd: Jak mamy informować Cię o wspólnej dokumentacji medycznej?');
    expect(html).toContain('Jak najlepiej informować Cię o zmianach?');
    expect(html).toContain(t('consultations.errors.single', { number: '2' }, 'pl'));
    // The label is Polish, the value English, and what was ticked is kept.
    expect(html).toMatch(/<input[^>]*checked=""[^>]*value="In a letter"/);
    expect(html).toContain('Z listu');
    expect(html).not.toContain('How should we tell you');
    expect(html).toContain('name="lang" value="pl"');
  });

  it('answers a form filled in Polish or Urdu in that language: the thank-you page and a refusal', async () => {
    for (const lang of ['pl', 'ur'] as const) {
      const done = await answer([...complete, ['idempotencyKey', randomUUID()], ['lang', lang]]);
      expect(done.ok).toBe(true);
      const thanks = await done.text();
      expect(thanks).toContain(`<html lang="${lang}"`);
      expect(thanks).toContain(t('consultations.done.title', {}, lang));
      expect(thanks).toContain(t('consultations.done.body', {}, lang));
      expect(thanks).not.toContain('Thank you for your answers');

      const after = await answer(
        [...complete, ['idempotencyKey', randomUUID()], ['lang', lang]],
        new Date('2027-02-01T12:00:00Z'),
      );
      expect(after.status).toBe(409);
      const closes = formatDate(new Date(Date.UTC(2027, 0, 31)), lang);
      const refused = await after.text();
      expect(refused).toContain(t('consultations.refused.closedBody', { closes }, lang));
      // "See all surveys" leads to the list in the same language.
      expect(refused).toContain(`href="/${lang}/consultations/"`);
    }
  });
});

describe('a consultation answer over the rate limit', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  beforeAll(async () => {
    store = await openPgliteStore();
    installServices(await testServices(store, { RATE_LIMIT_PER_CLIENT_PER_HOUR: '1' }));
  });
  afterAll(async () => store.dispose());

  const post = (accept: string) =>
    feedback(
      new Request('http://local/api/consultations/answer', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
        body: new URLSearchParams([['consultation', SLUG], ...complete]).toString(),
      }),
      { params: {}, ip: '192.0.2.77', now: () => OPEN_DAY },
    );

  it('answers a JSON caller in JSON, and a browser with the page, each with Retry-After', async () => {
    expect((await post('application/json')).status).toBe(201);
    const json = await post('application/json');
    expect(json.status).toBe(429);
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(json.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await json.json()) as { errors: { field: string | null; message: string }[] };
    expect(body.errors[0]?.field).toBeNull();
    expect(body.errors[0]?.message).toMatch(
      /^We have had a lot of requests from your connection. Wait an hour.*call us on /,
    );
    const page = await post('text/html');
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
