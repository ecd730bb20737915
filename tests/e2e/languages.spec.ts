import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runLaunchCheck } from '../../src/admin/launch-check/index.ts';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations, hreflangAlternates, SCAN_WIDTHS, sitemapPaths } from './support.ts';

/**
 * Polish and Urdu readers (docs/languages.md): their pages at /pl/ and /ur/, named and switched to
 * without JavaScript, right to left in Urdu, the English page with a notice where there is no
 * translation yet, and the notices a draft or an out-of-date translation carries. Each page is
 * scanned with axe at a phone's width and a desktop's.
 */

const WIDTHS = SCAN_WIDTHS;
const root = join(import.meta.dirname, '..', '..');

async function expectLanguage(page: Page, lang: string, dir: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

test('a Polish reader finds the home page in Polish, with the other languages named in themselves', async ({
  page,
}) => {
  await page.goto('/pl/');
  await expectLanguage(page, 'pl', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wspólny rejestr opieki Ashby i Wyre');
  const switcher = page.getByRole('navigation', { name: 'Język' });
  await expect(switcher.getByRole('link')).toHaveText(['English', 'Polski', 'اردو']);
  await expect(switcher.getByRole('link', { name: 'Polski' })).toHaveAttribute('aria-current', 'true');
  // Each name carries its own language, so a screen reader says it in that language's voice.
  await expect(switcher.locator('li[lang="ur"]')).toHaveText('اردو');
  const alternates = await hreflangAlternates(page);
  expect(alternates).toEqual([
    ['en', '/'],
    ['pl', '/pl/'],
    ['ur', '/ur/'],
    ['x-default', '/'],
  ]);
  await expectNoAxeViolations(page, WIDTHS);
});

test('a reader switches language without JavaScript and stays on the same page', async ({ page }) => {
  await page.goto('/who-can-see-it/');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Polski' }).click();
  await expect(page).toHaveURL(/\/pl\/who-can-see-it\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kto może zobaczyć twój rejestr');
  await page.getByRole('navigation', { name: 'Język' }).getByRole('link', { name: 'اردو' }).click();
  await expect(page).toHaveURL(/\/ur\/who-can-see-it\/$/);
  await expectLanguage(page, 'ur', 'rtl');
  await page.getByRole('navigation', { name: 'زبان' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/who-can-see-it\/$/);
  await expectLanguage(page, 'en', 'ltr');
});

test('an Urdu reader gets each translated page right to left, on a phone and a desktop', async ({ page }) => {
  test.setTimeout(180_000);
  for (const path of ['/ur/', '/ur/what-is-the-shared-care-record/', '/ur/who-can-see-it/', '/ur/opt-out/']) {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(path);
    await expectLanguage(page, 'ur', 'rtl');
    // The layout mirrors: the main column's text starts at the right.
    const align = await page.locator('main h1').evaluate((h1) => getComputedStyle(h1).direction);
    expect(align, path).toBe('rtl');
    // For a person to look at: the mirrored layout at a phone's width.
    await page.screenshot({ path: `test-results/languages/ur${path.replaceAll('/', '-')}390.png`, fullPage: true });
    await expectNoAxeViolations(page, WIDTHS);
  }
});

test('the Polish pages pass axe at a phone and a desktop width', async ({ page }) => {
  test.setTimeout(180_000);
  for (const path of [
    '/pl/your-choices/',
    '/pl/privacy-notice/',
    '/pl/opt-out/',
    '/pl/what-is-the-shared-care-record/',
  ]) {
    await page.goto(path);
    await expectLanguage(page, 'pl', 'ltr');
    await expectNoAxeViolations(page, WIDTHS);
  }
});

test('a page not translated yet shows in English, with a notice in the reader language', async ({ page }) => {
  const response = await page.goto('/pl/carers/');
  expect(response?.status()).toBe(200);
  // The words are English, so the page says so to screen readers; the notice is Polish.
  await expectLanguage(page, 'en', 'ltr');
  const notice = page.locator('[data-translation-notice="fallback"]');
  await expect(notice).toHaveText('Tej strony nie ma jeszcze po polsku. Poniżej jest wersja angielska.');
  await expect(notice).toHaveAttribute('lang', 'pl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('If you look after someone or act for them');
  // "Was this page helpful?" asks in Polish, and says it is Polish, on the English page.
  const helpful = page.locator('.clearshare-page-helpful-block');
  await expect(helpful).toHaveAttribute('lang', 'pl');
  await expect(helpful.getByRole('heading')).toHaveText('Czy ta strona była pomocna?');
  await expect(helpful.locator('input[name="path"]')).toHaveValue('/pl/carers/');
  // A second address for an English page: kept out of search engines.
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  // The reader stays in their language as they move on.
  await expect(page.getByRole('navigation', { name: 'Język' }).getByRole('link', { name: 'Polski' })).toHaveAttribute(
    'href',
    '/pl/carers/',
  );
  await expectNoAxeViolations(page, WIDTHS);

  await page.goto('/ur/myths/');
  await expect(page.locator('[data-translation-notice="fallback"]')).toHaveAttribute('lang', 'ur');
  await page.goto('/ur/carers/');
  await expect(page.locator('.clearshare-page-helpful-block')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('.clearshare-page-helpful-block')).toHaveAttribute('lang', 'ur');
});

test('a draft translation says a professional translator has not checked it, and links the English', async ({
  page,
}) => {
  await page.goto('/pl/who-can-see-it/');
  const notice = page.locator('[data-translation-notice="review"]');
  await expect(notice).toContainText('Tego tłumaczenia nie sprawdził jeszcze zawodowy tłumacz.');
  await expect(notice.getByRole('link', { name: 'Przeczytaj tę stronę po angielsku' })).toHaveAttribute(
    'href',
    '/who-can-see-it/',
  );
});

test('each translated page says the English was updated exactly when the launch check lists it as out of date', async ({
  page,
}) => {
  // The page and the launch check work the fingerprint out from the same files; they must agree.
  const stale = new Set(
    runLaunchCheck(root)
      .items.filter((item) => item.kind === 'stale-translation')
      .map((item) => item.file),
  );
  for (const lang of ['pl', 'ur']) {
    for (const file of readdirSync(join(root, 'content', 'translations', lang))) {
      const id = file.replace(/\.md$/, '');
      const path = id === 'home' ? `/${lang}/` : `/${lang}/${id}/`;
      await page.goto(path);
      const notice = page.locator('[data-translation-notice="stale"]');
      if (stale.has(`content/translations/${lang}/${file}`)) {
        await expect(notice, path).toBeVisible();
        await expect(notice.getByRole('link'), path).toHaveAttribute('href', id === 'home' ? '/' : `/${id}/`);
      } else {
        await expect(notice, path).toHaveCount(0);
      }
    }
  }
});

test('the forms and search in Polish and Urdu are in the sitemap, and each language points to the others', async ({
  page,
}) => {
  // They are translated through the UI strings, not content/translations, so they are listed in
  // TRANSLATED_BY_UI_STRINGS (src/utils/language-paths.ts); they were once left out of both.
  const listed = await sitemapPaths(page);
  for (const english of ['/opt-out/form/', '/opt-out/status/', '/contact/', '/updates/subscribe/', '/search/']) {
    for (const path of [english, `/pl${english}`, `/ur${english}`]) {
      expect(listed, path).toContain(path);
      await page.goto(path);
      for (const [hreflang, target] of [
        ['en', english],
        ['pl', `/pl${english}`],
        ['ur', `/ur${english}`],
        ['x-default', english],
      ]) {
        const href = await page.locator(`link[rel="alternate"][hreflang="${hreflang}"]`).getAttribute('href');
        expect(href && new URL(href).pathname, `${path} → ${hreflang}`).toBe(target);
      }
    }
  }
});
