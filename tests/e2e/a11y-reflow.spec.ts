import { expect, type Page, test } from '../support/playwright-test.ts';
import { openForm } from './opt-out-support.ts';
import { sitemapPaths } from './support.ts';

/**
 * WCAG 2.2 1.4.10 Reflow (AA): at 400 % zoom a 1280 px window is 320 CSS px wide (and a 1024 px
 * tall one 256 px tall), and content must read without scrolling in two directions. Only a data
 * table may scroll sideways, and then inside its own container, not the page. Every page in the
 * built sitemap is checked, so a new page (or language, right to left too) cannot skip it.
 */
const ZOOMED = { width: 320, height: 256 };

/** The containers a wide data table scrolls inside: NHS.UK frontend's, and the staff screens' (ScrollRegion.tsx). */
const TABLE_SCROLLERS = '.nhsuk-table-container, .staff-table-scroll';

/**
 * What makes the page scroll sideways: the document's own overflow, and each visible element
 * that reaches past the window's edges without sitting in a table's scrolling container.
 * Visually hidden elements (1 px boxes: skip-link text, the honeypot) are not read on screen.
 */
async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate((scrollers) => {
    const root = document.documentElement;
    const viewport = root.clientWidth;
    const problems: string[] = [];
    if (root.scrollWidth > viewport)
      problems.push(`the page is ${root.scrollWidth} px wide in a ${viewport} px window`);
    const nameOf = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const hidden = (el: Element) => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const box = node.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) return true;
      }
      return false;
    };
    const outside = (el: Element) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return false;
      if (box.right <= viewport + 0.5 && box.left >= -0.5) return false;
      return !el.closest(scrollers)?.querySelector('table') && !hidden(el);
    };
    for (const el of document.body.querySelectorAll('*')) {
      // The outermost element only: its children reach out with it.
      if (!outside(el) || (el.parentElement && outside(el.parentElement))) continue;
      const box = el.getBoundingClientRect();
      problems.push(`${nameOf(el)} spans ${Math.round(box.left)}-${Math.round(box.right)} px`);
    }
    return problems;
  }, TABLE_SCROLLERS);
}

/** In two parts so the two workers share the ~75 pages. */
const PARTS = 2;
for (let part = 0; part < PARTS; part += 1) {
  test(`every page in the sitemap reflows at 320 px without sideways scrolling (part ${part + 1} of ${PARTS})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(ZOOMED);
    const all = await sitemapPaths(page);
    expect(all.length).toBeGreaterThan(PARTS);
    const found: Record<string, string[]> = {};
    for (const path of all.filter((_, index) => index % PARTS === part)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const problems = await reflowProblems(page);
      if (problems.length > 0) found[path] = problems;
    }
    expect(found).toEqual({});
  });
}

test('the opt-out form with its errors reflows at 320 px', async ({ page }) => {
  await page.setViewportSize(ZOOMED);
  await openForm(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
  expect(await reflowProblems(page)).toEqual([]);
});

test('a wide table scrolls inside its own container at 320 px, not the page', async ({ page }) => {
  // The check above would pass vacuously if no page had a wide table; the data-flow map has one.
  await page.setViewportSize(ZOOMED);
  await page.goto('/how-data-flows/');
  const table = page.locator('.nhsuk-table-container table').first();
  const tableWidth = await table.evaluate((el) => el.getBoundingClientRect().width);
  expect(tableWidth).toBeGreaterThan(ZOOMED.width);
  expect(await reflowProblems(page)).toEqual([]);
});

for (const path of ['/ur/opt-out/form/', '/ur/contact/']) {
  test(`the Urdu form at ${path} reflows at 320 px, right to left, with and without its errors`, async ({ page }) => {
    // Right to left, whatever sits off-screen to the left is scrollable: the honeypot once made
    // the Urdu opt-out form 10,390 px wide. The form pages are not in the sitemap walk above.
    await page.setViewportSize(ZOOMED);
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    expect(await reflowProblems(page)).toEqual([]);
    await page.locator('main form button[type="submit"]').last().click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    expect(await reflowProblems(page)).toEqual([]);
  });
}
