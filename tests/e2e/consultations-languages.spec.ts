import { formatDate, t } from '../../src/i18n/t.ts';
import { readConsultation, shownConsultation } from '../../src/server/consultations/definitions.ts';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { openConsultationForm } from './consultation-support.ts';
import { expectNoAxeViolations, hreflangAlternates, sitemapPaths } from './support.ts';

/**
 * A resident answers the example consultation in Urdu (content/translations/consultations/ur/), with
 * JavaScript on and off (the two projects): the page, its errors and the thank-you page are in Urdu,
 * right to left, and the answer posts the English options' values. Every state is scanned with axe
 * at 390 and 1280 px. That the results count those values with the English answers is
 * tests/integration/consultations-results.test.ts: it needs 5 answers or more to show a number,
 * and consultations.spec.ts counts on fewer than 5 in this server's shared database.
 */
test.describe.configure({ timeout: 180_000 });

const WIDTHS = [390, 1280] as const;
const SLUG = 'how-we-write-to-you';
const PAGE = `/ur/consultations/${SLUG}/`;

/** The translated languages, each with the direction its pages are written in. */
const READERS = [
  { lang: 'pl', dir: 'ltr' },
  { lang: 'ur', dir: 'rtl' },
] as const;

async function expectPageIn(page: Page, lang: string, dir: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

test('a resident answers the consultation in Urdu: the page, its errors and the thank-you page in Urdu', async ({
  page,
}) => {
  await openConsultationForm(page, PAGE);
  await expectPageIn(page, 'ur', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'ہم آپ کو مشترکہ نگہداشت ریکارڈ کے بارے میں کیسے بتائیں؟',
  );
  // The example notice, in Urdu.
  await expect(page.getByText('اس صفحے پر فرضی مثالیں ہیں')).toBeVisible();
  await expect(page.locator('form[action="/api/consultations/answer"] input[name="lang"]')).toHaveValue('ur');
  await expectNoAxeViolations(page, WIDTHS);

  // Sent empty: the error summary, in Urdu, takes focus; the questions stay in Urdu (without
  // JavaScript, the function draws them again from the Urdu file).
  await page.getByRole('button', { name: 'اپنے جواب بھیجیں' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeFocused();
  await expectPageIn(page, 'ur', 'rtl');
  await expect(summary.getByRole('link')).toHaveCount(3);
  await expect(summary.getByRole('link').first()).toHaveAttribute('href', '#q-heard-from');
  await expect(page.getByText('2. تبدیلیوں کے بارے میں آپ کو بتانے کا سب سے اچھا طریقہ کیا ہے؟')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('How should we tell you');
  await expectNoAxeViolations(page, WIDTHS);

  // Answered: Urdu labels, English values.
  await page.getByLabel('ایک خط میں').check();
  await page.getByLabel('ٹیکسٹ میسج').check();
  await expect(page.getByLabel('ٹیکسٹ میسج')).toHaveAttribute('value', 'A text message');
  await page.getByLabel('4', { exact: true }).check();
  await page.getByRole('button', { name: 'اپنے جواب بھیجیں' }).click();
  await expect(page.locator('.clearshare-reference')).toHaveText(/^[A-Z2-9]{8}$/);
  await expectPageIn(page, 'ur', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('آپ کے جوابات کا شکریہ');
  await expectNoAxeViolations(page, WIDTHS);
});

test('a Polish or Urdu reader finds "Was this page helpful?" under the consultation, in their language', async ({
  page,
}) => {
  for (const { lang, dir } of READERS) {
    await openConsultationForm(page, `/${lang}/consultations/${SLUG}/`);
    const helpful = page.locator('.clearshare-page-helpful-block');
    await expect(helpful).toHaveAttribute('lang', lang);
    await expect(helpful).toHaveAttribute('dir', dir);
    await expect(helpful.getByRole('heading')).toHaveText(t('feedback.helpful.legend', {}, lang));
    // It posts the reader's own address, so the thanks come back in their language.
    await expect(helpful.locator('input[name="path"]')).toHaveValue(`/${lang}/consultations/${SLUG}/`);
    await expect(helpful.locator('input[name="lang"]')).toHaveValue(lang);
  }
});

test('a Polish or Urdu reader goes from a consultation to the list of consultations in their language', async ({
  page,
}) => {
  const english = await readConsultation('content', SLUG);
  if (!english) throw new Error(`content/consultations/${SLUG}.yaml is missing`);
  const listed = await sitemapPaths(page);
  for (const { lang, dir } of READERS) {
    const { title } = await shownConsultation('content', SLUG, lang, english);
    await page.goto(`/${lang}/consultations/${SLUG}/`);
    // The breadcrumb's last step leads to the list, in the same language.
    await page
      .locator('.nhsuk-breadcrumb')
      .getByRole('link', { name: t('consultations.index.title', {}, lang) })
      .click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/consultations/$`));
    await expectPageIn(page, lang, dir);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('consultations.index.title', {}, lang));
    // The translated consultation, its title and days in the reader's language.
    const item = page.locator('main li').filter({ has: page.getByRole('heading', { name: title }) });
    await expect(item.getByRole('link', { name: title, exact: true })).toHaveAttribute(
      'href',
      `/${lang}/consultations/${SLUG}/`,
    );
    const dates = { opens: formatDate(english.opens, lang), closes: formatDate(english.closes, lang) };
    await expect(item.getByText(t('consultations.dates', dates, lang))).toBeVisible();
    await expectNoAxeViolations(page, WIDTHS);
    // Found by search engines, with its other languages named.
    expect(listed).toContain(`/${lang}/consultations/`);
    const alternates = await hreflangAlternates(page);
    expect(alternates).toEqual([
      ['en', '/consultations/'],
      ['pl', '/pl/consultations/'],
      ['ur', '/ur/consultations/'],
      ['x-default', '/consultations/'],
    ]);
  }
});

test('a Polish or Urdu reader follows the consultation to its results, in their language', async ({ page }) => {
  const english = await readConsultation('content', SLUG);
  if (!english) throw new Error(`content/consultations/${SLUG}.yaml is missing`);
  for (const { lang, dir } of READERS) {
    const { title } = await shownConsultation('content', SLUG, lang, english);
    const results = `/${lang}/consultations/${SLUG}/results/`;
    await page.setExtraHTTPHeaders({});
    await page.goto(`/${lang}/consultations/${SLUG}/`);
    await page.getByRole('link', { name: t('consultations.resultsLink', {}, lang) }).click();
    await expect(page).toHaveURL(new RegExp(`${results}$`));
    // Before it closes: when the results come, in the reader's language.
    await expectPageIn(page, lang, dir);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('consultations.results.notYetTitle', {}, lang));
    await expectNoAxeViolations(page, WIDTHS);

    // After the closing day (the server's test clock): the results, in the reader's language.
    await page.setExtraHTTPHeaders({ 'x-clearshare-test-now': '2027-02-01T10:00:00Z' });
    await page.goto(results);
    await expectPageIn(page, lang, dir);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('consultations.results.title', { title }, lang));
    await expect(page.locator('main')).toContainText(t('consultations.results.suppressedNote', {}, lang));
    await expectNoAxeViolations(page, WIDTHS);
  }
  await page.setExtraHTTPHeaders({});
});
