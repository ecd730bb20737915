import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, sitemapPaths } from './support.ts';

// One axe scan (WCAG 2.2 AA) of every page in the built sitemap, so no page can be added unscanned.
test('every page in the sitemap has no WCAG 2.2 AA violations', async ({ page }) => {
  test.setTimeout(300_000);
  const paths = await sitemapPaths(page);
  expect(paths.length).toBeGreaterThan(0);
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expectNoAxeViolations(page);
  }
});
