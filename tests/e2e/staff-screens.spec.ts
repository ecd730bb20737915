import { expect, type Page, test } from '../support/playwright-test.ts';
import { sendRightsRequest, signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * Screens that fit (issue 19, item 5): at 390 px only a table or chart scrolls, inside its own
 * focusable, named region, never the whole page; at 1280 px the audit log fits the window.
 * Screenshots go to test-results for a person to look at.
 */
const pageScrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('at 390 px an IG officer scrolls the reports tables and charts, not the page', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, 'ig');
  for (const path of ['/staff/', '/staff/reports', '/staff/opt-outs', '/staff/opt-outs/export']) {
    await page.goto(path);
    expect(await pageScrollWidth(page), path).toBeLessThanOrEqual(390);
    await page.screenshot({ path: testInfo.outputPath(`390${path.replaceAll('/', '-')}.png`), fullPage: true });
    await expectNoAxeViolations(page);
  }
  await page.goto('/staff/reports');
  const region = page.locator('.staff-table-scroll').first();
  await expect(region).toHaveAttribute('role', 'region');
  await expect(region).toHaveAttribute('tabindex', '0');
  await expect(region).toHaveAttribute('aria-label', /.+/);
});

test('at 390 px a table that fits does not scroll, and a wider one keeps its caption in view', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await sendRightsRequest(page.request);
  await signInAs(page, 'ig');
  const regions = () =>
    page.locator('.staff-table-scroll:has(table)').evaluateAll((found) =>
      found.map((region) => {
        const box = region.getBoundingClientRect();
        const caption = region.querySelector('caption')?.getBoundingClientRect();
        return {
          name: region.getAttribute('aria-label'),
          sideways: region.scrollWidth - region.clientWidth,
          captionInView: caption !== undefined && caption.left >= box.left - 0.5 && caption.right <= box.right + 0.5,
        };
      }),
    );
  // The home page's tables fit a phone; NHS.UK's 4 px wider table made each scroll a few pixels.
  await page.goto('/staff/');
  const home = await regions();
  expect(home.length).toBeGreaterThan(0);
  for (const region of home) expect(region.sideways, `${region.name}`).toBe(0);
  // Wider tables scroll, but their names stay readable at the region's edge.
  for (const path of ['/staff/reports', '/staff/feedback']) {
    await page.goto(path);
    const found = await regions();
    expect(found.length, path).toBeGreaterThan(0);
    for (const region of found) expect(region.captionInView, `${path}: ${region.name}`).toBe(true);
    await page.screenshot({
      path: testInfo.outputPath(`390${path.replaceAll('/', '-')}-captions.png`),
      fullPage: true,
    });
  }
});

test('at 1280 px the audit log fits the window, its details as labelled fields', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, 'admin');
  await page.goto('/staff/audit');
  expect(await pageScrollWidth(page)).toBeLessThanOrEqual(1280);
  await expect(page.locator('main code')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('1280-staff-audit.png'), fullPage: true });
  await expectNoAxeViolations(page);
});

test('an IG officer sees each extension choice beside its radio, at 1280 and 390 px', async ({ page }, testInfo) => {
  const reference = await sendRightsRequest(page.request);
  await signInAs(page, 'ig');
  await page.goto(`/staff/feedback/${reference}`);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const label of ['1 month', '2 months']) {
      const radio = await page.getByRole('radio', { name: label, exact: true }).boundingBox();
      const text = await page.locator('label.nhsuk-radios__label', { hasText: label }).boundingBox();
      // The label's first line starts level with the radio, not on a line below it.
      expect(radio && text && text.y < radio.y + radio.height / 2, `${label} at ${width} px`).toBe(true);
    }
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(width);
    await page
      .locator('form[action$="/extend"]')
      .screenshot({ path: testInfo.outputPath(`${width}-staff-feedback-extend.png`) });
  }
});
