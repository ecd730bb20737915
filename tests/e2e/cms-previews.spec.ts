import { contentTypes } from '../../src/admin/collections.ts';
import { expect, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * The CMS previews are what editors judge a page by, so they must be as accessible as the page.
 * Each preview template is rendered with a real entry and the site's CSS on
 * /admin/preview-check/<collection>/ (the markup the CMS preview pane shows) and scanned with axe.
 */

const prose = new Set(['pages', 'faqs', 'myths', 'updates', 'events', 'stories', 'responses', 'meetings']);

for (const { name, label } of contentTypes) {
  test(`the ${label} preview passes axe and looks like the site`, async ({ page }) => {
    await page.goto(`/admin/preview-check/${name}/`);
    await expect(page.locator('main h1')).not.toBeEmpty();
    // The preview loads the site's own stylesheet, not a copy.
    await expect(page.locator('link[rel="stylesheet"][href*="/_astro/"]')).not.toHaveCount(0);
    if (prose.has(name)) {
      await expect(page.getByRole('complementary', { name: /Reading age check/ })).toContainText(
        /The target is \d+ or under/,
      );
    }
    await expectNoAxeViolations(page);
  });
}

test('a preview lists sentences over 25 words for the editor to split', async ({ page }) => {
  await page.goto('/admin/preview-check/faq-with-long-sentence/');
  const check = page.getByRole('complementary', { name: /Reading age check/ });
  await expect(check.getByRole('heading', { name: '1 long sentence' })).toBeVisible();
  await expect(check.getByRole('listitem')).toContainText(/^Staff at your GP practice.*\(3\d words\)$/);
  await expectNoAxeViolations(page);
});

test('a half-written entry previews without errors, with dates shown as not set', async ({ page }) => {
  await page.goto('/admin/preview-check/faq-half-written/');
  await expect(page.getByRole('heading', { level: 3 })).toHaveText('Can I');
  await expect(page.getByText('Page last reviewed: Not set yet')).toBeVisible();
  await expect(page.getByText('Write some text to see its reading age.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the CMS page is kept out of search engines', async ({ page }) => {
  const response = await page.request.get('/admin/');
  expect(response.ok()).toBe(true);
  expect(await response.text()).toContain('<meta name="robots" content="noindex">');
});
