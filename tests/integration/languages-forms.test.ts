import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutBody } from '../../bench/lib/opt-out-bodies.ts';
import feedback from '../../functions/feedback.ts';
import optOut from '../../functions/opt-out.ts';
import optOutCheck from '../../functions/opt-out-check.ts';
import optOutConfirm from '../../functions/opt-out-confirm.ts';
import optOutStatus from '../../functions/opt-out-status.ts';
import optOutSubmit from '../../functions/opt-out-submit.ts';
import optOutWithdraw from '../../functions/opt-out-withdraw.ts';
import { formPost } from '../../scripts/reading-age-functions.ts';
import type { Language } from '../../src/i18n/languages.ts';
import { t } from '../../src/i18n/t.ts';
import { pageFeedback } from '../../src/server/db/feedback-schema.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import type { FunctionContext } from '../../src/server/http/function-module.ts';
import { dispatchDue } from '../../src/server/mail/outbox.ts';
import type { MailMessage } from '../../src/server/mail/transport.ts';
import { jsonToFormFields } from '../../src/server/opt-out/json-input.ts';
import { installServices, type Services } from '../../src/server/services.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

/**
 * A resident who reads Polish or Urdu fills in the forms without JavaScript: the language travels
 * in the form's hidden `lang` field (and `?lang=` on the redirect), so every page the functions
 * answer with, and the email that follows, is in that language, with <html lang dir> to match.
 */
const SITE = 'http://local';
let address = 0;
const context = (): FunctionContext => {
  address += 1;
  return { params: {}, ip: `198.51.100.${address}` };
};
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0];
/** Text as t() gives it, escaped as React writes it into HTML. */
const inHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');

let store: Awaited<ReturnType<typeof openPgliteStore>>;
let services: Services;
const sent: MailMessage[] = [];
beforeAll(async () => {
  store = await openPgliteStore();
  services = await testServices(store);
  installServices(services);
});
afterAll(async () => store.dispose());

async function deliver(): Promise<void> {
  await dispatchDue({
    db: store.db,
    keyring: services.keyring,
    mailer: { kind: 'file', send: async (message) => void sent.push(message), verify: async () => {}, close: () => {} },
    siteUrl: SITE,
    schemeName: services.settings.schemeName,
  });
}

describe.each([
  ['pl', 'ltr'],
  ['ur', 'rtl'],
] as const)('a resident reading %s, without JavaScript', (lang: Language, dir) => {
  it('opts out: errors, check your answers, the confirmation and the email are all in their language', async () => {
    const errors = await optOut(formPost('/api/opt-out', { lang, dateOfBirthDay: '31' }), context());
    expect(errors.status).toBe(422);
    const errorPage = await errors.text();
    expect(htmlTag(errorPage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(errorPage).toContain(`<title>${t('forms.errorTitlePrefix', {}, lang)}${t('optOut.form.title', {}, lang)}`);
    expect(errorPage).toContain(inHtml(t('forms.errorSummary.title', {}, lang)));
    expect(errorPage).toContain(inHtml(t('optOut.who.error.required', {}, lang)));
    // The date rule lives in src/domain and answers in English; the page shows it translated.
    expect(errorPage).not.toContain('Date of birth must include a month and year');
    expect(errorPage).not.toContain('There is a problem');
    // The form keeps its language for the next try.
    expect(hidden(errorPage, 'lang')).toBe(lang);
    // Numbers and addresses are typed left to right even on an Urdu page.
    for (const name of ['nhsNumber', 'postcode', 'email', 'phone']) {
      expect(errorPage, name).toMatch(new RegExp(`<input(?=[^>]* name="${name}")(?=[^>]* dir="ltr")`));
    }
    expect(errorPage).toContain('id="dateOfBirth-parts" dir="ltr"');

    const email = `resident.${lang}@example.com`;
    const fields = jsonToFormFields({ ...optOutBody(40 + address), email }).fields;
    const { declaration: _, ...answers } = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
    const draft = await optOut(formPost('/api/opt-out', { ...answers, lang }), context());
    expect(draft.status).toBe(303);
    expect(draft.headers.get('location')).toBe(`/api/opt-out/check?lang=${lang}`);
    const cookie = draft.headers.get('set-cookie')?.split(';')[0] ?? '';

    const check = await optOutCheck(new Request(`${SITE}/api/opt-out/check?lang=${lang}`, { headers: { cookie } }));
    const checkPage = await check.text();
    expect(check.status).toBe(200);
    expect(htmlTag(checkPage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(checkPage).toContain(inHtml(t('optOut.check.title', {}, lang)));
    expect(checkPage).toContain(`href="/api/opt-out/change?lang=${lang}#fullName"`);
    const send = { idempotencyKey: hidden(checkPage, 'idempotencyKey'), lang: hidden(checkPage, 'lang') };
    expect(send.lang).toBe(lang);

    const undeclared = await optOutSubmit(formPost('/api/opt-out/submit', send, cookie), context());
    expect(undeclared.status).toBe(422);
    expect(await undeclared.text()).toContain(inHtml(t('optOut.declaration.error.required', {}, lang)));

    const done = await optOutSubmit(
      formPost('/api/opt-out/submit', { ...send, declaration: 'yes' }, cookie),
      context(),
    );
    const donePage = await done.text();
    expect(done.status).toBe(200);
    expect(htmlTag(donePage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(donePage).toContain(inHtml(t('optOut.confirmation.title', {}, lang)));
    const reference =
      /<strong[^>]*>([A-Z2-9]{8})<\/strong>/.exec(donePage)?.[1] ?? /\b[A-Z2-9]{8}\b/.exec(donePage)?.[0];
    expect(reference).toBeDefined();
    const [row] = await store.db
      .select({ language: optOutRequests.language })
      .from(optOutRequests)
      .where(eq(optOutRequests.reference, reference ?? ''));
    expect(row?.language).toBe(lang);

    // The status check and a withdrawal from it answer in the language too, and its email is in
    // the request's language.
    const status = {
      lang,
      reference: reference ?? '',
      dateOfBirthDay: answers['dateOfBirthDay'] ?? '',
      dateOfBirthMonth: answers['dateOfBirthMonth'] ?? '',
      dateOfBirthYear: answers['dateOfBirthYear'] ?? '',
    };
    const found = await optOutStatus(formPost('/api/opt-out/status', status), context());
    const foundPage = await found.text();
    expect(found.status).toBe(200);
    expect(foundPage).toContain(inHtml(t('optOut.status.withdrawHeading', {}, lang)));
    expect(hidden(foundPage.slice(foundPage.indexOf('/api/opt-out/withdraw')), 'lang')).toBe(lang);
    const withdrawn = await optOutWithdraw(formPost('/api/opt-out/withdraw', status), context());
    const withdrawnPage = await withdrawn.text();
    expect(htmlTag(withdrawnPage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(withdrawnPage).toContain(inHtml(t('optOut.withdraw.emailTitle', {}, lang)));

    await deliver();
    const scheme = services.settings.schemeName;
    const received = t('optOut.email.receivedSubject', { scheme, reference: reference ?? '' }, lang);
    const withdraw = t('optOut.email.withdrawSubject', { scheme, reference: reference ?? '' }, lang);
    const mails = sent.filter((message) => message.to === email);
    expect(mails.map((message) => message.subject).sort()).toEqual([received, withdraw].sort());
    const mail = mails.find((message) => message.subject === received);
    expect(mail?.text).toContain(`${SITE}/${lang}/opt-out/status/`);
    expect(mail?.text).not.toContain('What happens next');
    // The email's link opens a page in the same language.
    const link = /https?:\/\/\S+\/api\/opt-out\/confirm\?\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect(link).toContain(`&lang=${lang}`);
    const confirmed = await optOutConfirm(new Request(link));
    const confirmedPage = await confirmed.text();
    expect(htmlTag(confirmedPage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(confirmedPage).toContain(inHtml(t('optOut.confirm.doneTitle', {}, lang)));
  });

  it('uses the contact form: its errors, the confirmation and the acknowledgement are in their language', async () => {
    const post = (fields: Record<string, string>) =>
      feedback(formPost('/api/feedback', { kind: 'contact', lang, ...fields }), context());
    const errors = await post({});
    expect(errors.status).toBe(422);
    const errorPage = await errors.text();
    expect(htmlTag(errorPage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(errorPage).toContain(inHtml(t('forms.errorSummary.title', {}, lang)));
    expect(errorPage).toContain(inHtml(t('feedback.errors.type.required', {}, lang)));
    expect(hidden(errorPage, 'lang')).toBe(lang);

    const email = `contact.${lang}@example.com`;
    const done = await post({
      type: 'question',
      message: 'Kto widzi moje dane?',
      replyBy: 'email',
      name: 'Sam Example',
      email,
    });
    const donePage = await done.text();
    expect(done.status).toBe(200);
    expect(htmlTag(donePage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(donePage).toContain(inHtml(t('feedback.confirmation.title', {}, lang)));

    await deliver();
    const mail = sent.find((message) => message.to === email);
    expect(mail?.subject).toMatch(
      new RegExp(`^${t('feedback.email.subject', { scheme: '.*', reference: '[A-Z2-9]{8}' }, lang)}$`),
    );
    expect(mail?.text).toContain(`${SITE}/${lang}/contact/`);
  });

  it('says a page did not help: the comment box, its error and the thanks are in their language', async () => {
    const path = `/${lang}/who-can-see-it/`;
    const post = (fields: Record<string, string>) =>
      feedback(formPost('/api/feedback', { lang, path, helpful: 'no', ...fields }), context());
    const vote = await post({ kind: 'page-helpful' });
    expect(vote.status).toBe(200);
    const commentPage = await vote.text();
    expect(htmlTag(commentPage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(commentPage).toContain(`<title>${inHtml(t('feedback.helpful.thanksTitle', {}, lang))}`);
    expect(commentPage).toContain(inHtml(t('feedback.helpful.comment.label.no', {}, lang)));
    expect(commentPage).toContain(inHtml(t('feedback.helpful.comment.hint', {}, lang)));
    expect(commentPage).not.toContain(inHtml(t('feedback.helpful.comment.hint', {}, 'en')));
    // "Contact us" leads to the contact form in their language; the comment keeps the language.
    expect(commentPage).toContain(`href="/${lang}/contact/"`);
    expect(hidden(commentPage, 'lang')).toBe(lang);
    const followUp = hidden(commentPage, 'followUp');

    const tooLong = await post({ kind: 'page-helpful-comment', followUp, comment: 'x'.repeat(1001) });
    expect(tooLong.status).toBe(422);
    const errorPage = await tooLong.text();
    expect(htmlTag(errorPage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(errorPage).toContain(inHtml(t('forms.errorSummary.title', {}, lang)));
    expect(errorPage).toContain(inHtml(t('feedback.helpful.comment.tooLong', {}, lang)));

    const comment = `Brakuje numeru telefonu ${lang}`;
    const done = await post({ kind: 'page-helpful-comment', followUp, comment });
    expect(done.status).toBe(200);
    const donePage = await done.text();
    expect(htmlTag(donePage)).toBe(`<html lang="${lang}" dir="${dir}">`);
    expect(donePage).toContain(inHtml(t('feedback.helpful.done', {}, lang)));
    expect(donePage).toContain(`href="${path}"`);

    // Kept: the page and the answer; the comment only encrypted; the language is not stored.
    const [row] = await store.db.select().from(pageFeedback).where(eq(pageFeedback.path, path));
    expect(row?.helpful).toBe(false);
    expect(row?.commentEncrypted).toBeTruthy();
    expect(row?.commentEncrypted).not.toContain(comment);
  });
});
