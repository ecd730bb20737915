import { mkdirSync } from 'node:fs';
import { type Language, t } from '../../src/i18n/t.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { waitForEmail } from './mail.ts';
import { jsEnabled, openForm, uniqueEmail } from './opt-out-support.ts';
import { expectNoAxeViolations, SCAN_WIDTHS } from './support.ts';

/**
 * A resident who reads Polish or Urdu uses the forms in their language, with JavaScript on and
 * off: every state of the form (errors, check your answers, confirmation) and the email that
 * follows is in that language, Urdu pages run right to left with numbers and addresses left to
 * right, and axe passes at a phone's width and a desktop's on each state.
 */
const WIDTHS = SCAN_WIDTHS;
const LANGUAGES = [
  { lang: 'pl', dir: 'ltr', name: 'Polish' },
  { lang: 'ur', dir: 'rtl', name: 'Urdu' },
] as const satisfies readonly { lang: Language; dir: string; name: string }[];

/** Where the Urdu screenshots go, to be looked at (issue 17 asks for them). */
const SCREENSHOTS = process.env['LANGUAGE_SCREENSHOTS_DIR'];

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = SCREENSHOTS ?? test.info().outputPath();
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}-${test.info().project.name}.png`, fullPage: true });
}

async function expectLanguage(page: Page, lang: Language, dir: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

for (const { lang, dir, name } of LANGUAGES) {
  const say = (key: Parameters<typeof t>[0], values: Record<string, string> = {}) => t(key, values, lang);

  test(`a resident opts out in ${name}: errors, check your answers, confirmation and email in ${name}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openForm(page, `/${lang}/opt-out/form/`);
    await expectLanguage(page, lang, dir);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('optOut.form.title'));
    await expectNoAxeViolations(page, WIDTHS);
    if (lang === 'ur') await screenshot(page, 'ur-opt-out-form-390');

    // Nothing answered: with JavaScript the summary comes from live validation, without it from
    // the function; either way in the page's language, and the summary links to the fields.
    await page.getByRole('button', { name: say('optOut.form.continue') }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary.getByRole('heading')).toHaveText(say('forms.errorSummary.title'));
    await expect(summary.getByRole('link', { name: say('optOut.who.error.required') })).toBeVisible();
    await expect(summary.getByRole('link', { name: say('optOut.fullName.error.required') })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^${say('forms.errorTitlePrefix')}`));
    await expectLanguage(page, lang, dir);
    await expectNoAxeViolations(page, WIDTHS);
    if (lang === 'ur') await screenshot(page, 'ur-opt-out-form-errors-390');

    // The date's rule is a domain rule, written in English; it shows translated.
    await page.getByLabel(say('optOut.who.self'), { exact: true }).check();
    await page.locator('#fullName').fill('Ala Przykład');
    await page.locator('#dateOfBirth').fill('3');
    await page.locator('#dateOfBirth-month').fill('7');
    await page.locator('#dateOfBirth-year').fill('1961');
    await page.locator('#nhsNumberKnown').check();
    await page.locator('#nhsNumber').fill('485 777 3457');
    await expect(page.locator('#nhsNumber')).toHaveAttribute('dir', 'ltr');
    await page.locator('#postcode').fill('LS1 4AP');
    const email = uniqueEmail(`language-${lang}`);
    await page.locator('#email').fill(email);
    await page.getByRole('button', { name: say('optOut.form.continue') }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('optOut.check.title'));
    await expectLanguage(page, lang, dir);
    await expect(page.getByText('485 777 3457')).toHaveAttribute('dir', 'ltr');
    await expectNoAxeViolations(page, WIDTHS);
    await page.getByRole('button', { name: say('optOut.check.submit') }).click();
    // Sent without the declaration: its error, in the page's language.
    await expect(page.locator('.nhsuk-error-summary')).toContainText(say('optOut.declaration.error.required'));
    await page.getByLabel(say('optOut.declaration.label')).check();
    await page.getByRole('button', { name: say('optOut.check.submit') }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('optOut.confirmation.title'));
    await expectLanguage(page, lang, dir);
    await expectNoAxeViolations(page, WIDTHS);
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    expect(reference).toMatch(/^[A-Z2-9]{8}$/);

    const { schemeName } = await readSiteSettings();
    const mail = await waitForEmail(email, reference);
    expect(mail.subject).toBe(say('optOut.email.receivedSubject', { scheme: schemeName, reference }));
    expect(mail.text).toContain(`/${lang}/opt-out/status/`);
    expect(mail.text).not.toContain('What happens next');
  });

  test(`a resident writes to the scheme in ${name}: the contact form, its confirmation and email`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/${lang}/contact/`);
    if (jsEnabled()) {
      await page.locator('astro-island:not([ssr]) form[action="/api/feedback"]').waitFor({ state: 'attached' });
    }
    await expectLanguage(page, lang, dir);
    await expectNoAxeViolations(page, WIDTHS);

    await page.getByRole('button', { name: say('feedback.form.submit') }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary.getByRole('heading')).toHaveText(say('forms.errorSummary.title'));
    await expect(summary.getByRole('link', { name: say('feedback.errors.type.required') })).toBeVisible();
    await expectLanguage(page, lang, dir);
    await expectNoAxeViolations(page, WIDTHS);

    await page.getByLabel(say('feedback.form.type.question'), { exact: true }).check();
    await page.getByLabel(say('feedback.form.message.label'), { exact: true }).fill('Kto może zobaczyć moje dane?');
    await page.getByLabel(say('feedback.form.replyBy.email'), { exact: true }).check();
    const email = uniqueEmail(`contact-${lang}`);
    await page.getByLabel(say('feedback.form.email.label'), { exact: true }).fill(email);
    await page.getByLabel(say('feedback.form.name.label'), { exact: true }).fill('Ala Przykład');
    await page.getByRole('button', { name: say('feedback.form.submit') }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('feedback.confirmation.title'));
    await expectLanguage(page, lang, dir);
    await expectNoAxeViolations(page, WIDTHS);
    const reference = (await page.locator('.clearshare-reference').textContent()) ?? '';
    const { schemeName } = await readSiteSettings();
    const mail = await waitForEmail(email, reference);
    expect(mail.subject).toBe(say('feedback.email.subject', { scheme: schemeName, reference }));
    expect(mail.text).toContain(`/${lang}/contact/`);
  });

  test(`a resident says a ${name} page did not help and adds a comment, every step in ${name}`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const path = `/${lang}/who-can-see-it/`;
    await page.goto(path);
    const block = page.locator('.clearshare-page-helpful-block');
    await block.scrollIntoViewIfNeeded();
    await expect(block.getByRole('heading')).toHaveText(say('feedback.helpful.legend'));
    await screenshot(page, `page-helpful-${lang}-1-vote`);
    // The button's name is "Nie" and its hidden rest (", ta strona nie była pomocna"); Chromium may
    // put a space between the two, so the rest alone names it ("Tak" has no "nie").
    await block.getByRole('button', { name: say('feedback.helpful.noHidden').replace(/^[,،]\s*/, '') }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('feedback.helpful.thanksTitle'));
    await expectLanguage(page, lang, dir);
    await expect(page.getByRole('link', { name: say('feedback.helpful.contactLink') })).toHaveAttribute(
      'href',
      `/${lang}/contact/`,
    );
    await expectNoAxeViolations(page, WIDTHS);
    const box = page.getByLabel(say('feedback.helpful.comment.label.no'));
    await box.fill('x'.repeat(1001));
    await page.getByRole('button', { name: say('feedback.helpful.comment.submit') }).click();
    await expect(page.locator('.nhsuk-error-message')).toHaveText(
      `${say('forms.errorPrefix')} ${say('feedback.helpful.comment.tooLong')}`,
    );
    await expectLanguage(page, lang, dir);
    await screenshot(page, `page-helpful-${lang}-2-error`);

    await box.fill('Brakuje informacji, jak długo trzymacie listy.');
    await page.getByRole('button', { name: say('feedback.helpful.comment.submit') }).click();
    await expect(page.getByText(say('feedback.helpful.done'))).toBeVisible();
    await expectLanguage(page, lang, dir);
    await expectNoAxeViolations(page, WIDTHS);
    await screenshot(page, `page-helpful-${lang}-3-done`);
    await page.getByRole('link', { name: say('feedback.helpful.backToPage') }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
  });

  test(`a resident signs up for email updates in ${name}: errors, check your email, the email and its link`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/${lang}/updates/subscribe/`);
    if (jsEnabled()) {
      await page
        .locator('astro-island:not([ssr]) form[action="/api/updates/subscribe"]')
        .waitFor({ state: 'attached' });
    }
    await expectLanguage(page, lang, dir);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('subscriptions.page.title'));

    // Sent empty: without JavaScript the function answers, and its page must keep the language.
    await page.getByRole('button', { name: say('subscriptions.form.submit') }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary.getByRole('heading')).toHaveText(say('forms.errorSummary.title'));
    await expect(summary.getByRole('link', { name: say('subscriptions.errors.email.required') })).toBeVisible();
    await expect(summary.getByRole('link', { name: say('subscriptions.errors.topics.required') })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^${say('forms.errorTitlePrefix')}${say('subscriptions.page.title')}`));
    await expect(page.getByLabel(say('subscriptions.form.email.label'), { exact: true })).toBeVisible();
    await expectLanguage(page, lang, dir);
    await expectNoAxeViolations(page, WIDTHS);
    if (lang === 'ur') await screenshot(page, 'ur-subscribe-errors-390');

    const email = uniqueEmail(`updates-${lang}`);
    await page.getByLabel(say('subscriptions.form.email.label'), { exact: true }).fill(email);
    await page.getByLabel(say('subscriptions.form.topics.events'), { exact: true }).check();
    await page.getByLabel(say('subscriptions.form.frequency.weekly'), { exact: true }).check();
    await page.getByRole('button', { name: say('subscriptions.form.submit') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('subscriptions.check.title'));
    await expectLanguage(page, lang, dir);
    await expectNoAxeViolations(page, WIDTHS);

    // The email is in the language, and its link opens the confirm page in it too.
    const { schemeName } = await readSiteSettings();
    const mail = await waitForEmail(email, '/api/updates/confirm');
    expect(mail.subject).toBe(say('subscriptions.email.confirmSubject', { scheme: schemeName }));
    const link = mail.text.match(/https?:\/\/\S+\/api\/updates\/confirm\?token=[\w-]{43}&lang=\w+/)?.[0];
    expect(link, 'the confirm link carries the language').toBeDefined();
    const url = new URL(link ?? '');
    await page.goto(`${url.pathname}${url.search}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('subscriptions.confirm.title'));
    await expectLanguage(page, lang, dir);
  });
}
