import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

test('an IG officer downloads everything held for a feedback reference', async ({ page }) => {
  const sent = await page.request.post('/api/feedback', {
    data: {
      kind: 'contact',
      type: 'rights-request',
      rightsRequest: 'see',
      message: 'Please send me a copy of what you hold about me.',
      replyBy: 'email',
      email: 'robin@example.com',
      name: 'Robin Example',
      dateOfBirthDay: '2',
      dateOfBirthMonth: '3',
      dateOfBirthYear: '1970',
      postcode: 'AW1 2BT',
      idempotencyKey: randomUUID(),
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const { reference } = await sent.json();

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
