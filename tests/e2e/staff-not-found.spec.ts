import { expect, test } from '../support/playwright-test.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * A mistyped staff address. Signed in, the page keeps the staff header and menu, so the way on is
 * where it always is; signed out, it shows no more than it did before (no menu, no name).
 */
test('an admin who mistypes a staff address gets "Page not found" with the staff menu, and a link home', async ({
  page,
}) => {
  await signInAs(page, 'admin');
  const response = await page.goto('/staff/nowhere');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('navigation', { name: 'Staff menu' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(1);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  await expectNoAxeViolations(page, [390, 1280]);
  await page.getByRole('link', { name: 'Go to the staff home page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff home');
});

test('someone not signed in who opens a mistyped staff address gets the bare "Page not found"', async ({ page }) => {
  const response = await page.goto('/staff/nowhere');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('navigation', { name: 'Staff menu' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  await expectNoAxeViolations(page, [390, 1280]);
});
