import { expect, test } from '../support/playwright-test.ts';
import { fillForm, openForm, uniqueEmail } from './opt-out-support.ts';

/**
 * Screenshots of every opt-out page at phone and desktop widths, for a person to look at
 * (/tmp/shots/opt-out-*.png). Only with OPT_OUT_SHOTS=1, and only with JavaScript on.
 */
test('screenshots of every opt-out page', async ({ page }) => {
  test.skip(!process.env['OPT_OUT_SHOTS'] || test.info().project.name !== 'js', 'run with OPT_OUT_SHOTS=1');
  test.setTimeout(120_000);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const shot = (name: string) => page.screenshot({ path: `/tmp/shots/opt-out-${name}-${width}.png`, fullPage: true });
    await page.goto('/opt-out/');
    await shot('start');
    await openForm(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await shot('form-errors');
    await openForm(page);
    await fillForm(page, {
      who: 'lpa',
      applicantName: 'Cedric Ashworth',
      applicantRelationship: 'Son',
      fullName: 'Winifred Ashworth',
      dob: { day: '30', month: '11', year: '1936' },
      nhsNumber: '485 777 3457',
      postcode: 'AW2 4HG',
      email: uniqueEmail('shots'),
    });
    await shot('form-filled');
    await page.locator('#email').press('Enter');
    await expect(page.locator('.nhsuk-summary-list')).toBeVisible();
    await shot('check');
    await page.getByLabel('I confirm', { exact: false }).check();
    await page.getByRole('button', { name: 'Send request' }).click();
    await shot('confirmation');
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    await openForm(page, '/opt-out/status/');
    await shot('status');
    await page.locator('#reference').fill(reference);
    await page.locator('#dateOfBirth').fill('30');
    await page.locator('#dateOfBirth-month').fill('11');
    await page.locator('#dateOfBirth-year').fill('1936');
    await page.locator('#dateOfBirth-year').press('Enter');
    await shot('status-result');
    await page.goto('/opt-out/paper-form/');
    await shot('paper-form');
  }
});
