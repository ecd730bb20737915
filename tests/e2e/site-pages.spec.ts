import { expect, test } from '@playwright/test';

test('stories are clearly marked as made up', async ({ page }) => {
  await page.goto('/stories/');
  await expect(page.getByRole('heading', { name: 'These stories are made up' })).toBeVisible();
  await page.getByRole('link', { name: /Margaret/ }).click();
  await expect(page.getByText('Illustrative story')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'These stories are made up' })).toBeVisible();
});

test('every page below home has breadcrumbs, and content pages show their review dates', async ({ page }) => {
  for (const path of [
    '/whats-in-it/',
    '/myths/will-my-data-be-sold/',
    '/easy-read/',
    '/stories/mental-health-crisis/',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }), path).toBeAttached();
    await expect(page.getByText(/^Page last reviewed: \d+ \w+ \d{4}$/), path).toBeVisible();
    await expect(page.getByText(/^Next review due: \d+ \w+ \d{4}$/), path).toBeVisible();
  }
});

test('the Easy Read guide puts a described picture beside each point, in large text', async ({ page }) => {
  await page.goto('/easy-read/');
  const points = page.locator('.easy-read p:has(> img)');
  expect(await points.count()).toBeGreaterThanOrEqual(10);
  await expect(points.first().locator('img')).toHaveAttribute('alt', /.{5,}/);
  const fontSize = await points.first().evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  // 14pt is 18.67 CSS pixels.
  expect(fontSize).toBeGreaterThanOrEqual(18.67);
});

test('robots.txt points crawlers to the sitemap', async ({ request }) => {
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap-index\.xml$/m);
});
