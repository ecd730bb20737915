import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { expect, type Page, test } from '../support/playwright-test.ts';

declare global {
  interface Window {
    axe?: typeof import('axe-core');
  }
}

/** The axe rule tags for WCAG 2.2 level A and AA. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The widths every page in the sitemap and every form state is scanned at: 320 px (a small phone,
 * and a 1280 px window at 400 % zoom, WCAG 1.4.10), a common phone, and a desktop.
 */
export const SCAN_WIDTHS = [320, 390, 1280] as const;

/**
 * Fails the test with a readable list if axe finds any WCAG 2.2 AA violation on the page as it
 * is now. axe runs inside the page, so for a page opened with JavaScript off, the same HTML
 * (scripts removed, so it stays in its no-JavaScript state) is scanned in a JavaScript-enabled
 * page on the same origin, where its stylesheets still load.
 *
 * The page is scanned at each window width in turn, SCAN_WIDTHS unless `widths` says otherwise
 * (issue 17: every page and form state at 320 px, 390 px and desktop; target size and reflow
 * findings show only on a phone); it is loaded once, only the window changes, then restored.
 */
export async function expectNoAxeViolations(page: Page, widths?: readonly number[]): Promise<void> {
  // A journey may check a page's text before its stylesheet has loaded (a heading is in the DOM
  // before the page is painted); scanned then, every link fails target-size. Seen once in CI, on the
  // consultation's thank-you page after "Send your answers".
  await page.waitForLoadState('load');
  // Playwright's evaluate still works with page JavaScript off, so ask the project instead.
  const jsEnabled = test.info().project.use.javaScriptEnabled !== false;
  if (jsEnabled) return scanAtWidths(page, page.url(), widths);
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const scan = await scanPageFor(page);
  scan.html = html;
  // At the page's own window size: a page opened at 390 px is scanned at 390 px.
  const viewport = page.viewportSize();
  if (viewport) await scan.page.setViewportSize(viewport);
  await scan.page.goto(`${new URL(page.url()).origin}/__axe-scan__`);
  await scanAtWidths(scan.page, page.url(), widths);
}

/** One JavaScript-enabled page per test page, holding the HTML it shows next. */
interface ScanPage {
  page: Page;
  html: string;
}
const scanPages = new WeakMap<Page, Promise<ScanPage>>();

/**
 * The page a no-JavaScript page is scanned in, opened once per test page and closed with it: a
 * new browser context and page for every scan cost more than the scan (a sitemap part without
 * JavaScript took three times as long as one with it).
 */
function scanPageFor(page: Page): Promise<ScanPage> {
  const existing = scanPages.get(page);
  if (existing) return existing;
  const opened = openScanPage(page);
  scanPages.set(page, opened);
  return opened;
}

async function openScanPage(page: Page): Promise<ScanPage> {
  const browser = page.context().browser();
  if (!browser) throw new Error('No browser to run axe in');
  const context = await browser.newContext({ javaScriptEnabled: true });
  // Not awaited by anyone: after a worker's last test its browser may already be closing, and then
  // this close fails (the context goes with the browser). Unhandled, that failure failed a CI run
  // whose journeys had all passed (2026-12-07).
  page.once('close', () => {
    context.close().catch(() => undefined);
  });
  const scan: ScanPage = { page: await context.newPage(), html: '' };
  await scan.page.route('**/__axe-scan__', (route) => route.fulfill({ body: scan.html, contentType: 'text/html' }));
  return scan;
}

async function scanAtWidths(page: Page, label: string, widths: readonly number[] = SCAN_WIDTHS): Promise<void> {
  const original = page.viewportSize();
  try {
    for (const width of widths) {
      await page.setViewportSize({ width, height: original?.height ?? 800 });
      await expectClean(page, `${label} at ${width} px wide`);
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
}

async function expectClean(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/**
 * axe-core's own source, the copy @axe-core/playwright is built against, so both ways of running
 * it below are the same version of the same rules.
 */
const axeSource = loadAxeSource();

function loadAxeSource(): string {
  const fromAxeBuilder = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
  const { source } = fromAxeBuilder('axe-core');
  if (typeof source !== 'string') throw new Error('axe-core has no source to inject');
  return source;
}

/**
 * Every WCAG 2.2 A and AA rule, run on the page as it is now, with only the violations reported.
 *
 * Why not AxeBuilder.analyze() each time: it injects axe-core's 550 KB twice on every call, opens a
 * blank page to merge the results and ships the details of every passing node through it. On 11
 * sitemap pages at three widths that took 88 s; injecting once per page and calling axe.run took
 * 17 s, with the same rules and the same violations (measured 2026-12-06, docs/accessibility.md).
 * AxeBuilder is kept for a page with frames: axe.run alone does not reach into them.
 */
async function axeViolations(page: Page): Promise<AxeResults['violations']> {
  if (page.frames().length > 1) return (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    if (!window.axe) throw new Error('axe-core did not load in the page');
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations;
  }, WCAG_22_AA);
}

/** Every page path listed in the built sitemap (fetched from the running server). */
export async function sitemapPaths(page: Page): Promise<string[]> {
  const index = await (await page.request.get('/sitemap-index.xml')).text();
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
  const paths: string[] = [];
  for (const sitemap of sitemaps) {
    const xml = await (await page.request.get(sitemap)).text();
    paths.push(...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname));
  }
  return paths;
}

/** A page's hreflang alternates, in order, as [hreflang, path] pairs. */
export async function hreflangAlternates(page: Page): Promise<(string | null)[][]> {
  return page
    .locator('link[rel="alternate"][hreflang]')
    .evaluateAll((links) =>
      links.map((link) => [link.getAttribute('hreflang'), new URL(link.getAttribute('href') ?? '').pathname]),
    );
}
