import { expect, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations } from './support.ts';

test('a resident works out which choice fits "I don\'t want researchers to use my data"', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Find the choice that fits you' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your choices');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'stop researchers using my data' }).click();
  await expect(page).toHaveURL('/your-choices/answer/stop-researchers-using-my-data/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The national data opt-out');
  await expect(page.getByText('It does not change your care.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Set your national data opt-out on the NHS website' })).toHaveAttribute(
    'href',
    'https://www.nhs.uk/your-nhs-data-matters/',
  );
  await expectNoAxeViolations(page);
});

test('the decision aid compares all four choices and who to contact for each', async ({ page }) => {
  await page.goto('/your-choices/');
  const table = page.getByRole('table', { name: 'The four choices side by side' });
  await expect(table.getByRole('row')).toHaveCount(5);
  for (const name of [
    'Opt out of the local shared care record',
    'The national data opt-out',
    'The GP type 1 opt-out',
    'Opt out of the Summary Care Record',
  ]) {
    await expect(page.getByRole('heading', { name, level: 3 })).toBeVisible();
  }
});
