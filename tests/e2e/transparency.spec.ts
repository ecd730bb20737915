import { expect, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations } from './support.ts';

test('anyone can read our figures, with small numbers hidden, from the footer', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Our figures' }).click();
  await expect(page).toHaveURL(/\/transparency\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our figures');
  await expect(page.getByRole('table', { name: 'Opt-outs each month' }).getByRole('row')).toHaveCount(1 + 12 + 1);
  await expect(page.getByRole('table', { name: 'Messages we got, by type' })).toBeVisible();
  await expect(page.getByText('fewer than 5').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the address without the slash goes to the page', async ({ page }) => {
  const response = await page.goto('/transparency');
  expect(response?.url()).toMatch(/\/transparency\/$/);
  expect(response?.headers()['cache-control']).toContain('public');
});

test('You said, we did lists what we changed, and each change has its own page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'You said, we did' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You said, we did');
  await expectNoAxeViolations(page);

  const first = page.getByRole('main').getByRole('heading', { level: 2 }).first();
  const title = (await first.textContent())?.trim() ?? '';
  await first.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('heading', { name: 'What you told us' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What we did' })).toBeVisible();
  await expect(page.getByText(/Page last reviewed/)).toBeVisible();
  await expectNoAxeViolations(page);
});
