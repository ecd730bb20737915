import { expect, type Page, test } from '../support/playwright-test.ts';
import { fillForm, openForm } from './opt-out-support.ts';

/**
 * The opt-out journey as a screen reader meets it: the accessibility tree of each key screen
 * (start, form, form with errors, check your answers, confirmation), compared with snapshots kept
 * in tests/e2e/a11y-tree.spec.ts-snapshots/ (one set with JavaScript, one without). A heading, a
 * label, the error summary or its links going missing, or a field losing its name, fails the
 * check; extra nodes do not (Playwright matches a snapshot's children in order, allowing others).
 * After a deliberate change: `playwright test tests/e2e/a11y-tree.spec.ts --update-snapshots`,
 * then read the diff and put back the patterns for what changes per run (reference, dates).
 */

/** Every screen keeps the page's landmarks, in order, so "jump to main" and landmark lists work. */
async function expectLandmarks(page: Page): Promise<void> {
  await expect(page.locator('body')).toMatchAriaSnapshot(`
    - link "Skip to main content"
    - banner:
      - link /homepage/
      - navigation "Menu"
    - main
    - contentinfo
  `);
}

async function expectScreen(page: Page, name: string): Promise<void> {
  await expectLandmarks(page);
  await expect(page.locator('main')).toMatchAriaSnapshot({ name: `${name}.aria.yml` });
}

test('the opt-out journey reads the same to a screen reader: headings, landmarks, error summary, labels', async ({
  page,
}) => {
  await page.goto('/opt-out/');
  await expectScreen(page, 'opt-out-start');

  await openForm(page);
  await expectScreen(page, 'opt-out-form');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
  await expectScreen(page, 'opt-out-form-errors');

  await fillForm(page, {
    who: 'self',
    fullName: 'Tree Snapshot',
    dob: { day: '2', month: '4', year: '1970' },
    nhsNumber: '485 777 3457',
    postcode: 'AW1 2BT',
    phone: '020 7946 0001',
  });
  // Enter from the last box, as a keyboard user would: with JavaScript, leaving a box re-checks it,
  // and the messages going away move the button from under a pointer already on its way.
  await page.locator('#phone').press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your request');
  await expectScreen(page, 'opt-out-check-answers');

  await page.getByLabel('I confirm that the information I have given is correct', { exact: false }).check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request received');
  await expectScreen(page, 'opt-out-confirmation');
});
