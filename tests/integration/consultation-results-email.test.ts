import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Language } from '../../src/i18n/languages.ts';
import { t } from '../../src/i18n/t.ts';
import { sendConsultationResults } from '../../src/server/consultations/results-sender.ts';
import { saveConsultationAnswer } from '../../src/server/consultations/store.ts';
import { decryptField, decryptJson, encryptField } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { consultationResultContacts, consultationResultSends } from '../../src/server/db/consultations-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { dispatchDue } from '../../src/server/mail/outbox.ts';
import { renderTemplate } from '../../src/server/mail/templates.ts';
import type { MailMessage } from '../../src/server/mail/transport.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

/** The example consultation in content/: open until the end of 31 January 2027, London time. */
const SLUG = 'how-we-write-to-you';
const TITLE = 'How should we tell you about the shared care record?';
const WHILE_OPEN = new Date('2026-12-15T12:00:00Z');
/** 23:30 on the closing day in London (GMT in winter): people can still answer. */
const LAST_EVENING = new Date('2027-01-31T23:30:00Z');
/** The results page shows from the next day. */
const RESULTS_DAY = new Date('2027-02-01T00:30:00Z');

describeEachStore('the consultation results email', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  let keys = 0;
  /** One person's answers, with an address for the results when `email` is given, on a form in `lang`. */
  async function answer(email = '', lang?: Language) {
    keys += 1;
    await saveConsultationAnswer(
      store.db,
      keyring,
      SLUG,
      { choices: { 'best-way': ['An email'] }, texts: {}, publishConsent: false, name: '', email },
      { idempotencyKey: `key-${keys}`, now: WHILE_OPEN, ...(lang ? { lang } : {}) },
    );
  }
  const send = (now: Date) => sendConsultationResults({ db: store.db, keyring, contentDir: 'content', now: () => now });

  /** The queued results emails: who they go to and what they say. */
  async function queued() {
    const rows = await store.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.template, 'consultation-results'));
    return rows.map((row) => ({
      to: decryptField(keyring, row.recipientEncrypted, slotOf(outboxMessages.recipientEncrypted, row.dedupeKey)),
      params: decryptJson(keyring, row.paramsEncrypted, slotOf(outboxMessages.paramsEncrypted, row.dedupeKey)),
    }));
  }

  it('sends nothing while the consultation is open, up to its last evening, and keeps the addresses', async () => {
    await answer('pat@example.org');
    expect(await send(WHILE_OPEN)).toEqual([]);
    expect(await send(LAST_EVENING)).toEqual([]);
    expect(await queued()).toEqual([]);
    expect(await store.db.select().from(consultationResultContacts)).toHaveLength(1);
    expect(await store.db.select().from(consultationResultSends)).toEqual([]);
  });

  it('queues one email per address once the results show, records it, and deletes the addresses', async () => {
    await answer('pat@example.org');
    await answer('sam@example.org');
    await answer(); // no address: no email
    expect(await send(RESULTS_DAY)).toEqual([{ slug: SLUG, emails: 2 }]);
    const emails = await queued();
    expect(emails.map((email) => email.to).sort()).toEqual(['pat@example.org', 'sam@example.org']);
    expect(emails[0]?.params).toEqual({ slug: SLUG, title: TITLE, lang: 'en', page: 'en' });
    // The address's purpose is done: it is deleted in the same transaction that queued its email.
    expect(await store.db.select().from(consultationResultContacts)).toEqual([]);
    expect(await store.db.select().from(consultationResultSends)).toEqual([
      { consultation: SLUG, sentAt: RESULTS_DAY, recipients: 2 },
    ]);
    // The next minute's run, and the day after, find nothing to send.
    expect(await send(RESULTS_DAY)).toEqual([]);
    expect(await send(new Date('2027-02-02T09:00:00Z'))).toEqual([]);
    expect(await queued()).toHaveLength(2);
  });

  it('queues each email once when two senders run at the same moment', async () => {
    for (let person = 0; person < 6; person += 1) await answer(`person-${person}@example.org`);
    const [first, second] = await Promise.all([send(RESULTS_DAY), send(RESULTS_DAY)]);
    const counted = [...(first ?? []), ...(second ?? [])].reduce((sum, sent) => sum + sent.emails, 0);
    expect(counted).toBe(6);
    const emails = await queued();
    expect(emails).toHaveLength(6);
    expect(new Set(emails.map((email) => email.to)).size).toBe(6);
    expect(await store.db.select().from(consultationResultContacts)).toEqual([]);
    const [record] = await store.db.select().from(consultationResultSends);
    expect(record?.recipients).toBe(6);
  });

  it('sends a later run’s address once, adding it to the record', async () => {
    await answer('pat@example.org');
    await send(RESULTS_DAY);
    // An answer saved as the consultation closed, after the first run.
    await answer('late@example.org');
    expect(await send(new Date('2027-02-01T00:31:00Z'))).toEqual([{ slug: SLUG, emails: 1 }]);
    expect((await queued()).map((email) => email.to).sort()).toEqual(['late@example.org', 'pat@example.org']);
    const [record] = await store.db.select().from(consultationResultSends);
    expect(record).toEqual({ consultation: SLUG, sentAt: RESULTS_DAY, recipients: 2 });
  });

  it('writes each email in the language the person answered in, and an address saved before languages were kept in English', async () => {
    await answer('urdu@example.org', 'ur');
    await answer('polish@example.org', 'pl');
    await answer('english@example.org', 'en');
    // An address as code older than migration 0019 saved it: no language, so the column's default.
    await store.db.insert(consultationResultContacts).values({
      consultation: SLUG,
      slotKey: 'saved-before-0019',
      emailEncrypted: encryptField(
        keyring,
        'older@example.org',
        slotOf(consultationResultContacts.emailEncrypted, 'saved-before-0019'),
      ),
      receivedOn: '2026-12-15',
    });
    expect(await send(RESULTS_DAY)).toEqual([{ slug: SLUG, emails: 4 }]);

    // What each person is sent, as the outbox sends it.
    const sent: MailMessage[] = [];
    const mailer = {
      kind: 'file' as const,
      send: async (message: MailMessage) => void sent.push(message),
      verify: async () => {},
      close: () => {},
    };
    const context = { db: store.db, keyring, mailer, siteUrl: 'https://clearshare.example', schemeName: 'Clearshare' };
    expect(await dispatchDue({ ...context, now: () => RESULTS_DAY })).toMatchObject({ sent: 4, failed: 0 });
    const to = (address: string) => sent.find((message) => message.to === address);
    const linkIn = (lang: Language) =>
      `https://clearshare.example${lang === 'en' ? '' : `/${lang}`}/consultations/${SLUG}/results/`;
    // The consultation is translated into Polish and Urdu: each email has its title in the language
    // and links the results page in that language.
    const titleIn = (lang: Language) =>
      lang === 'en'
        ? TITLE
        : (parse(readFileSync(`content/translations/consultations/${lang}/${SLUG}.yaml`, 'utf8')) as { title: string })
            .title;
    const expected = (lang: Language) => ({
      subject: t('consultations.email.resultsSubject', { title: titleIn(lang) }, lang),
      text: t(
        'consultations.email.resultsBody',
        { title: titleIn(lang), link: linkIn(lang), scheme: 'Clearshare' },
        lang,
      ),
    });

    const urdu = to('urdu@example.org');
    expect(urdu).toMatchObject(expected('ur'));
    // In Urdu script, not the English words: the subject's first word and every sentence around the title.
    expect(urdu?.subject).toMatch(/^نتائج: /);
    expect(urdu?.text).toContain('نتائج اب تیار ہیں');
    expect(urdu?.text).toContain(`${linkIn('ur')}\n`);
    expect(urdu?.text).not.toContain('You asked us');
    expect(urdu?.text).not.toContain(TITLE);
    expect(to('polish@example.org')).toMatchObject(expected('pl'));
    expect(to('polish@example.org')?.text).toContain(`${linkIn('pl')}\n`);
    expect(expected('en').subject).toBe(`Results: ${TITLE}`);
    expect(to('english@example.org')).toMatchObject(expected('en'));
    expect(to('older@example.org')).toMatchObject(expected('en'));
    // Plain text in every language: no HTML part, no images, one plain link.
    for (const message of sent) {
      expect(Object.keys(message).sort()).toEqual(['messageId', 'subject', 'text', 'to']);
      expect(message.text.match(/https?:\/\/\S+/g)).toHaveLength(1);
    }
  });

  it('links the English results from a Polish or Urdu email queued before the translated pages, and says it is English', async () => {
    const context = { siteUrl: 'https://clearshare.example', schemeName: 'Clearshare' };
    const english = `https://clearshare.example/consultations/${SLUG}/results/`;
    const polish = renderTemplate('consultation-results', { slug: SLUG, title: TITLE, lang: 'pl' }, context);
    expect(polish.text).toContain(`${english}\nTa strona jest po angielsku.\n`);
    const urdu = renderTemplate('consultation-results', { slug: SLUG, title: TITLE, lang: 'ur' }, context);
    expect(urdu.text).toContain(`${english}\n${t('consultations.email.resultsInEnglish', {}, 'ur')}\n`);
  });

  it('says the title and links plainly to the results page, with nothing that tracks', async () => {
    const email = renderTemplate(
      'consultation-results',
      { slug: SLUG, title: TITLE, lang: 'en' },
      { siteUrl: 'https://clearshare.example', schemeName: 'Clearshare' },
    );
    expect(email.subject).toBe(`Results: ${TITLE}`);
    expect(email.text).toContain(TITLE);
    expect(email.text.match(/https?:\/\/\S+/g)).toEqual([`https://clearshare.example/consultations/${SLUG}/results/`]);
    expect(email.text).not.toMatch(/<img|utm_/i);
    expect(email.headers).toBeUndefined();
  });
});
