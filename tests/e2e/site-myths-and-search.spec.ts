import { expect, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations } from './support.ts';

/** The worry 71 % of people in the Joined Up Leeds engagement (2015) named first; it must be easy to reach. */
const SOLD = 'Will my data be sold?';

test('a resident finds "Will my data be sold?" from the home page in one click', async ({ page }) => {
  await page.goto('/');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: SOLD }).click();
  await expect(page).toHaveURL('/myths/will-my-data-be-sold/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SOLD);
  await expect(page.getByText('Your shared care record is never sold.').first()).toBeVisible();
});

test('a resident finds "Will my data be sold?" in the A to Z list on the search page', async ({ page }) => {
  await page.goto('/search/');
  await expect(page.getByRole('heading', { name: 'A to Z of topics' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Jump to a letter' })
    .getByRole('link', { name: 'W', exact: true })
    .click();
  await page.getByRole('link', { name: SOLD }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SOLD);
});

test.describe('with JavaScript', () => {
  // The search box is drawn by the island; without JavaScript the A to Z journey above covers it.
  test.skip(
    ({ javaScriptEnabled }) => !javaScriptEnabled,
    'search box needs JavaScript; the A to Z list is the fallback',
  );

  test('a resident types a worry into search and opens the answer', async ({ page }) => {
    await page.goto('/search/');
    const box = page.getByRole('searchbox', { name: 'Search this website' });
    await box.fill('sold');
    await expect(page.getByText(/results? for “sold”/)).toBeVisible();
    const results = page.getByRole('region', { name: 'Results' });
    await expect(results.getByText('Myth and fact').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await results.getByRole('link', { name: SOLD }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SOLD);
  });

  test('a shared /search/?q= link shows its results', async ({ page }) => {
    await page.goto('/search/?q=insurers');
    await expect(page.getByRole('searchbox', { name: 'Search this website' })).toHaveValue('insurers');
    await expect(
      page
        .getByRole('region', { name: 'Results' })
        .getByRole('link', { name: 'Can insurers or my employer see my record?' }),
    ).toBeVisible();
  });

  test('searching updates the address so the results can be shared', async ({ page }) => {
    await page.goto('/search/');
    await page.getByRole('searchbox', { name: 'Search this website' }).fill('hospice');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/search\/\?q=hospice$/);
  });

  test('a search index that fails to load shows a message, not an empty page', async ({ page }) => {
    await page.route('**/search-index.json', (route) => route.fulfill({ status: 500, body: 'broken' }));
    await page.goto('/search/');
    await page.getByRole('searchbox', { name: 'Search this website' }).fill('sold');
    await expect(page.getByText('Sorry, search is not working right now.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'A to Z of topics' })).toBeVisible();
  });

  test('the search index is not downloaded until someone starts searching', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto('/search/');
    await page.waitForLoadState('networkidle');
    expect(fetched).not.toContain('/search-index.json');
    await page.getByRole('searchbox', { name: 'Search this website' }).focus();
    await expect.poll(() => fetched.includes('/search-index.json')).toBe(true);
  });
});

test.describe('without JavaScript', () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, 'checks the no-JavaScript state of the search page');

  test('the search page shows no box that cannot work, only the A to Z list', async ({ page }) => {
    await page.goto('/search/');
    await expect(page.getByRole('searchbox')).toHaveCount(0);
    await expect(page.getByText('Find a topic in the A to Z list below.')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test('each FAQ answer can be linked to, and the page carries FAQPage structured data', async ({ page }) => {
  await page.goto('/faqs/#will-my-data-be-sold');
  await expect(page.locator('#will-my-data-be-sold')).toHaveText('Will my record be sold to companies?');
  const json = await page.locator('script[type="application/ld+json"]').textContent();
  const data = JSON.parse(json ?? '{}');
  expect(data['@type']).toBe('FAQPage');
  expect(data.mainEntity.length).toBeGreaterThan(10);
  expect(data.mainEntity[0]).toMatchObject({ '@type': 'Question', acceptedAnswer: { '@type': 'Answer' } });
});
