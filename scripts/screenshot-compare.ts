import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { printTable } from '../bench/lib/format.ts';
import { freePort, startServer, stopServer } from '../bench/lib/server.ts';
import { templatePages } from '../bench/lib/templates.ts';
import { chromiumLaunchOptions } from '../tests/support/chromium.ts';

/**
 * Did a change move any pixel? (issue 20: "no visual change" from the CSS purge.) Screenshots of one
 * page of every template, and the form's and the contact page's error states, at 390 px and 1280 px,
 * full page, without JavaScript (what every resident gets first, and the same on every run), served
 * by the production server over a built site; then a pixel-by-pixel comparison of two such folders.
 * With --javascript the islands run first (every island hydrated, the network quiet), and a form sent
 * empty shows the error summary its live validation draws: how the islands' browser runtime is
 * checked (issue 20 part 2, React against Preact).
 *
 *   npm run screenshots -- shoot <built site> <folder> [--javascript]
 *   npm run screenshots -- compare <before folder> <after folder> [diff folder]
 *
 * Through npm, so the project's Node 24 runs the server it starts (src/server/main.ts refuses an
 * older Node: the staff sign-in was shot as an error page when this ran on the machine's Node 20).
 *
 * To see what the purge alone changes: copy a build, run scripts/purge-css.ts on the copy, and shoot both.
 */
const WIDTHS = [390, 1280];

/** The states a function renders after a post: a form sent empty shows its error summary. */
const sentEmpty: { template: string; path: string }[] = [
  { template: 'opt-out form errors', path: '/opt-out/form/' },
  { template: 'contact errors', path: '/contact/' },
  { template: 'status errors', path: '/opt-out/status/' },
  { template: 'email updates errors', path: '/updates/subscribe/' },
];

/** With JavaScript, a page is shot once its islands have hydrated (Astro drops their ssr attribute). */
async function settle(page: Page, javaScript: boolean): Promise<void> {
  await page.waitForLoadState(javaScript ? 'networkidle' : 'load');
  if (javaScript) await page.waitForFunction(() => document.querySelector('astro-island[ssr]') === null);
}

const fileName = (template: string, width: number) => `${template.replace(/[^a-z0-9]+/gi, '-')}-${width}.png`;

async function shoot(dist: string, folder: string, javaScript: boolean): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const server = await startServer({ port: await freePort(), env: { STATIC_DIR: dist } });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: javaScript });
      const page: Page = await context.newPage();
      for (const { template, path } of templatePages(dist)) {
        await page.goto(`${server.url}${path}`);
        await settle(page, javaScript);
        await page.screenshot({ path: join(folder, fileName(template, width)), fullPage: true });
      }
      for (const { template, path } of sentEmpty) {
        await page.goto(`${server.url}${path}`);
        await settle(page, javaScript);
        await page.locator('main form button[type="submit"], main form .nhsuk-button').first().click();
        await settle(page, javaScript);
        await page.screenshot({ path: join(folder, fileName(template, width)), fullPage: true });
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await stopServer(server);
  }
  process.stdout.write(`Screenshots in ${folder}\n`);
}

function compare(before: string, after: string, diffs?: string): void {
  if (diffs) mkdirSync(diffs, { recursive: true });
  const rows = readdirSync(before)
    .filter((name) => name.endsWith('.png'))
    .sort()
    .map((name) => {
      const a = PNG.sync.read(readFileSync(join(before, name)));
      const b = PNG.sync.read(readFileSync(join(after, name)));
      if (a.width !== b.width || a.height !== b.height)
        return { page: name, size: `${a.width}×${a.height} → ${b.width}×${b.height}`, differing: 'size changed' };
      const diff = new PNG({ width: a.width, height: a.height });
      const count = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
      if (diffs && count > 0) writeFileSync(join(diffs, name), PNG.sync.write(diff));
      const share = (100 * count) / (a.width * a.height);
      return {
        page: name,
        size: `${a.width}×${a.height}`,
        differing: `${count} px (${share.toFixed(3)} %)${share > 0.1 ? '  LOOK' : ''}`,
      };
    });
  printTable(rows);
}

const [command, first, second, third] = process.argv.slice(2);
if (command === 'shoot' && first && second) await shoot(resolve(first), resolve(second), third === '--javascript');
else if (command === 'compare' && first && second) compare(resolve(first), resolve(second), third && resolve(third));
else {
  process.stderr.write(
    'Usage: screenshot-compare.ts shoot <built site> <folder> [--javascript] | compare <before folder> <after folder> [diff folder]\n',
  );
  process.exit(2);
}
