import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/playwright-test.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

test('a comms officer sees the reports as charts, with every number in a table too', async ({ page }) => {
  // A question from the public, so the figures are not all zero.
  const sent = await page.request.post('/api/feedback', {
    data: {
      kind: 'contact',
      type: 'question',
      message: 'When does my opt-out start?',
      replyBy: 'none',
      idempotencyKey: randomUUID(),
    },
  });
  expect(sent.ok()).toBe(true);

  await signInAs(page, 'comms');
  await page.getByRole('link', { name: 'Reports' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reports');

  const optOutChart = page.getByRole('img', { name: /Opt-outs received, applied and withdrawn each week/ });
  await expect(optOutChart).toBeVisible();
  await expect(page.getByRole('img', { name: /Feedback received, by type/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Opt-outs per week (weeks start on Monday)' })).toBeVisible();
  const types = page.getByRole('table', { name: 'Feedback received, by type' });
  const questions = types.getByRole('row', { name: /^Questions/ });
  await expect(questions.getByRole('cell')).not.toHaveText('0');
  await expect(page.getByRole('table', { name: 'Median time in working days' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Items overdue now' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The date range is a plain GET form: it works the same with JavaScript off.
  await page.getByRole('group', { name: 'Start date' }).getByLabel('Day').fill('1');
  await page.getByRole('group', { name: 'Start date' }).getByLabel('Month').fill('1');
  await page.getByRole('group', { name: 'Start date' }).getByLabel('Year').fill('2026');
  await page.getByRole('group', { name: 'End date' }).getByLabel('Day').fill('31');
  await page.getByRole('group', { name: 'End date' }).getByLabel('Month').fill('3');
  await page.getByRole('group', { name: 'End date' }).getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page.getByText('Showing figures from 1 January 2026 to 31 March 2026.')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Opt-outs per week (weeks start on Monday)' }).getByRole('row'),
  ).toHaveCount(1 + 14 + 1);
});

test('a date range that ends before it starts is explained, with the dates kept', async ({ page }) => {
  await signInAs(page, 'comms');
  await page.goto('/staff/reports?fromDay=2&fromMonth=3&fromYear=2026&toDay=1&toMonth=3&toYear=2026');
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.locator('.nhsuk-error-summary');
  await expect(
    summary.getByRole('link', { name: 'End date must be the same as or after the start date' }),
  ).toBeVisible();
  await expect(page.getByRole('group', { name: 'Start date' }).getByLabel('Day')).toHaveValue('2');
  await expectNoAxeViolations(page);
});
