import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { nhsCheckDigit } from '../../src/domain/nhs-number.ts';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { sendRightsRequest, signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

test('an IG officer downloads everything held for a feedback reference', async ({ page }) => {
  const reference = await sendRightsRequest(page.request);

  await signInAs(page, 'ig');
  await page.goto('/staff/subject-access');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Subject access request');
  await expectNoAxeViolations(page);

  // Neither a reference nor an NHS number: explained, with what was typed kept.
  await page.getByLabel('Reference or NHS number').fill('12345');
  await page.getByRole('button', { name: 'Find what we hold' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel('Reference or NHS number')).toHaveValue('12345');
  await expectNoAxeViolations(page);

  await page.getByLabel('Reference or NHS number').fill(reference);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Find what we hold' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^subject-access-${reference}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(file.feedbackItems[0]).toMatchObject({
    reference,
    type: 'rights-request',
    name: 'Robin Example',
    email: 'robin@example.com',
  });
});

/** A valid NHS number no other journey uses, so only this journey's requests are linked. */
function freshNhsNumber(): string {
  for (;;) {
    const firstNine = String(100_000_000 + randomInt(800_000_000));
    const check = nhsCheckDigit(firstNine);
    if (check !== undefined) return `${firstNine}${check}`;
  }
}

/** An opt-out with this NHS number, through the real endpoint; returns its reference. */
async function sendOptOut(request: APIRequestContext, nhsNumber: string, fullName: string, email: string) {
  const sent = await request.post('/api/opt-out', {
    data: {
      idempotencyKey: randomUUID(),
      who: 'self',
      fullName,
      dateOfBirth: '1980-01-31',
      nhsNumber,
      postcode: 'AW1 2BT',
      email,
      declaration: true,
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  return ((await sent.json()) as { reference: string }).reference;
}

test('an IG officer decides on a request linked by NHS number before the file downloads, and it holds none of the other person', async ({
  page,
}) => {
  const nhsNumber = freshNhsNumber();
  const optOut = (fullName: string, email: string) => sendOptOut(page.request, nhsNumber, fullName, email);
  const victim = await optOut('Vera Victimson', 'vera.victimson@example.com');
  // Someone else files an opt-out with Vera's NHS number, then asks for "their" data.
  const impostor = await optOut('Ivan Impostor', 'ivan.impostor@example.com');

  await signInAs(page, 'ig');
  await page.goto('/staff/subject-access');
  await page.getByLabel('Reference or NHS number').fill(impostor);
  await page.getByRole('button', { name: 'Find what we hold' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Request ${impostor}: other requests with the same NHS number`,
  );
  await expect(page.getByRole('link', { name: victim })).toHaveAttribute('href', `/staff/opt-outs/${victim}`);
  await expect(page.locator('main')).not.toContainText('Vera');
  await expectNoAxeViolations(page);

  // The file waits for a decision on each linked request, and says which.
  await page.getByRole('button', { name: 'Download the file' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator('.nhsuk-error-summary')).toContainText(`Decide whether to include ${victim}`);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: `Exclude ${victim}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(victim) })).toContainText('Excluded');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the file' }).click(),
  ]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(file.optOutRequests.map((request: { reference: string }) => request.reference)).toEqual([impostor]);
  expect(file.linkedRequests).toEqual([expect.objectContaining({ reference: victim, decision: 'exclude' })]);
  expect(JSON.stringify(file)).not.toContain('Vera');
  expect(JSON.stringify(file)).not.toContain('vera.victimson');
});

test('at 390 px an IG officer chooses between requests with one NHS number, and only the tables scroll sideways', async ({
  page,
}) => {
  const nhsNumber = freshNhsNumber();
  const first = await sendOptOut(page.request, nhsNumber, 'Nia Narrow', 'nia.narrow@example.com');
  const second = await sendOptOut(page.request, nhsNumber, 'Ned Narrow', 'ned.narrow@example.com');
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, 'ig');
  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
  const tableRegion = (page: Page) => page.getByRole('region', { name: /NHS number|Linked requests/ });

  await page.goto('/staff/subject-access');
  await page.getByLabel('Reference or NHS number').fill(nhsNumber);
  await page.getByRole('button', { name: 'Find what we hold' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opt-out requests with this NHS number');
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await expect(tableRegion(page)).toHaveAttribute('tabindex', '0');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: `Start from ${first}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Request ${first}: other requests with the same NHS number`,
  );
  await expect(page.getByRole('link', { name: second })).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await expect(tableRegion(page)).toHaveAttribute('tabindex', '0');
  await expectNoAxeViolations(page);
});
