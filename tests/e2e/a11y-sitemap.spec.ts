import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, SCAN_WIDTHS, sitemapPaths } from './support.ts';

/**
 * An axe scan (WCAG 2.2 AA) of every page in the built sitemap, at 320 px, a phone's width and a desktop's,
 * so no page can be added unscanned and no finding hides at one width.
 * In four parts (every fourth page each), so the two workers share them and each part has its own
 * time budget: one test for all ~75 pages ran past 5 minutes on a busy CI machine without JavaScript,
 * where every scan opens a page of its own (tests/e2e/support.ts).
 */
const PARTS = 4;
for (let part = 0; part < PARTS; part += 1) {
  test(`every page in the sitemap has no WCAG 2.2 AA violations (part ${part + 1} of ${PARTS})`, async ({ page }) => {
    test.setTimeout(300_000);
    const all = await sitemapPaths(page);
    expect(all.length).toBeGreaterThan(PARTS);
    // 320 px once, with JavaScript: a width finding comes from the CSS, the same either way, and a
    // third width without JavaScript made each part take about 2.6 minutes, a third of it at 320 px.
    const jsOn = test.info().project.use.javaScriptEnabled !== false;
    const widths = jsOn ? SCAN_WIDTHS : SCAN_WIDTHS.filter((width) => width !== 320);
    for (const path of all.filter((_, index) => index % PARTS === part)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoAxeViolations(page, widths);
    }
  });
}
