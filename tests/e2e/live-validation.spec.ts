import { expect, test } from '../support/playwright-test.ts';
import { jsEnabled, openForm } from './opt-out-support.ts';

/**
 * Live validation as the resident meets it with JavaScript on (issue 20). The islands hydrate on
 * plain Preact, which names the "left a box" event differently from React
 * (src/forms/react-on-preact.ts): if the form's own handler stopped hearing its boxes, a message
 * would only ever come from pressing "Continue", and this journey fails.
 */
test.beforeEach(async ({ page }) => {
  test.skip(!jsEnabled(), 'without JavaScript every message comes from the server, after sending');
  await openForm(page);
});

test('a resident who leaves the postcode half typed is told at once, and the message goes as they finish it', async ({
  page,
}) => {
  const box = page.locator('#postcode');
  const message = page.locator('#postcode-error');
  await box.fill('SW1A');
  await expect(message, 'no message while they are still typing').toHaveCount(0);
  await box.blur();
  await expect(message).toContainText('Enter a full UK postcode, like SW1A 2AA');
  await expect(box).toHaveAttribute('aria-describedby', /postcode-error/);
  // Back in the box, finishing the postcode clears the message before they leave it again.
  await box.fill('SW1A 2AA');
  await expect(message).toHaveCount(0);
  await expect(page.locator('.nhsuk-error-summary'), 'the summary waits for "Continue"').toHaveCount(0);
});

test('a resident who says they know their NHS number is not told off about the number box before they reach it', async ({
  page,
}) => {
  // "Yes" reveals the number box. Leaving the question (nhsNumberKnown) is not leaving the box
  // (nhsNumber): the live check once matched fields by how their names start.
  const yes = page.locator('input[name="nhsNumberKnown"][value="yes"]');
  await yes.check();
  await yes.blur();
  const box = page.locator('#nhsNumber');
  await expect(box).toBeVisible();
  await expect(page.locator('#nhsNumber-error'), 'no message for a box not yet reached').toHaveCount(0);
  await box.focus();
  await box.blur();
  await expect(page.locator('#nhsNumber-error')).toBeVisible();
});

test('a resident who leaves the date of birth half filled is told at once, and the message follows the other boxes', async ({
  page,
}) => {
  // The date's message belongs to its three boxes (dateOfBirthDay, -Month, -Year: src/forms/date-parts.ts):
  // leaving the day box shows it, and typing in the year box, not yet left, updates it.
  const message = page.locator('#dateOfBirth-error');
  const day = page.locator('#dateOfBirth');
  await day.fill('1');
  await expect(message, 'no message while they are still typing').toHaveCount(0);
  await day.blur();
  await expect(message).toBeVisible();
  await page.locator('#dateOfBirth-month').fill('1');
  const year = page.locator('#dateOfBirth-year');
  await year.fill('80');
  await expect(message).toContainText('Year must include 4 numbers');
  await year.fill('1980');
  await expect(message).toHaveCount(0);
});
