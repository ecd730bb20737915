import { expect, type Page, test } from '../support/playwright-test.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * The launch check in the staff area (issue 14): a comms officer preparing to go live sees, as the
 * last build found it, every made-up detail left to replace, grouped with what to do about it, and
 * the page fits a phone (only each table scrolls, in its own named region).
 */
const pageScrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('a comms officer sees what to replace before the site goes live, at 390 and 1280 px', async ({
  page,
}, testInfo) => {
  await signInAs(page, 'comms');
  await page.getByRole('link', { name: 'Launch check' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Launch check' })).toBeVisible();
  await expect(page.getByText(/\d+ things left to do before the site goes live/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Made-up phone numbers \(Ofcom drama numbers\)/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Entries marked as example', exact: true })).toContainText(
    'content/updates/new-easy-read-guide.md',
  );
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await pageScrollWidth(page), `${width} px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: testInfo.outputPath(`${width}-staff-launch-check.png`), fullPage: true });
    await expectNoAxeViolations(page);
  }
});
