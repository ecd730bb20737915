import { expect, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations, SCAN_WIDTHS } from './support.ts';

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

test('a resident reads in the privacy notice who is responsible, what each partner shares and what this website keeps', async ({
  page,
}) => {
  await page.goto('/contact/');
  await page
    .getByRole('link', { name: 'Our privacy notice explains how long we keep your details, and your rights' })
    .click();
  // What this website collects is the notice's second layer, a page of its own (issue 20).
  await expect(page).toHaveURL(/\/privacy-notice\/website\/#website-contact$/);
  await expect(page.getByRole('heading', { level: 1, name: 'What this website collects' })).toBeVisible();
  const contactForm = page.locator('section[aria-labelledby="website-contact"]');
  await expect(contactForm.getByRole('heading', { name: 'How long we keep it' })).toBeVisible();
  await expect(contactForm).toContainText('365 days after we close your case');
  await expect(
    page.getByRole('table', { name: 'Companies that handle details you give on this website' }),
  ).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page, SCAN_WIDTHS);

  // Back up a layer: the notice says what its second layer holds, and links to it.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page
    .getByRole('link', { name: 'Read the rest of our privacy notice, with your rights and how to complain' })
    .click();
  await expect(page).toHaveURL(/\/privacy-notice\/#your-rights$/);
  await expect(page.getByRole('heading', { level: 2, name: 'In short' })).toBeVisible();
  const website = page.locator('section[aria-labelledby="what-this-website-collects"]');
  await expect(website).toContainText('you give us the details yourself');
  await expect(
    website.getByRole('link', {
      name: 'Read what each form collects, why, how long we keep it and the companies that handle it for us',
    }),
  ).toHaveAttribute('href', '/privacy-notice/website/');
  await page
    .locator('section[aria-labelledby="data-controllers"]')
    .getByRole('link', { name: 'See each partner with its contact details, and what each kind of partner shares' })
    .click();
  await expect(page).toHaveURL(/\/privacy-notice\/partners\/$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Who is responsible, and what each partner shares' }),
  ).toBeVisible();
  const controllers = page.locator('section[aria-labelledby="data-controllers"]');
  await expect(controllers).toContainText('Kelham Hospice (a charity)');
  await expect(controllers).toContainText('Email privacy@kelhamhospice.example');
  await expect(controllers).toContainText('The care homes in Ashby and Wyre');
  const partners = page.getByRole('table', { name: 'What each kind of partner shares through the record' });
  await expect(partners.getByRole('row', { name: /Care homes/ })).toContainText('Looks and adds');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page, SCAN_WIDTHS);

  // The notice itself, at a phone's width.
  await page.goto('/privacy-notice/');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page, SCAN_WIDTHS);
});
