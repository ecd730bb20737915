import { expect, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations } from './support.ts';

test('the health check says the service is ok, and nothing about what it runs on', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('a resident can skip straight to the content with the keyboard', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#maincontent$/);
});

test('an unknown address shows the 404 page with a way on', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: /search the site/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an address without its trailing slash is redirected, not lost', async ({ request }) => {
  const response = await request.get('/privacy-notice', { maxRedirects: 0 });
  expect(response.status()).toBe(301);
  expect(response.headers()['location']).toBe('/privacy-notice/');
});
