import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { createScratchRepo, startLocalBackend } from '../src/admin/local-backend.ts';
import { kb, printTable } from './lib/format.ts';
import { freePort, root, startServer, stopServer } from './lib/server.ts';

/**
 * The CMS with a large collection: how long the FAQ list takes to appear when there are 1,000
 * FAQs (target ≤ 2 s), from navigation to the first entry being visible and to all of them being
 * listed, and what /admin/ costs to download (gzip). The FAQs are generated in a scratch copy of
 * content/ served by decap-server; the real content is never touched. Needs a build (dist/).
 *
 * Usage: node --import tsx bench/cms-list.ts [count, default 1000] [runs, default 5]
 */
const COUNT = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 5);
const TARGET_MS = 2000;
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'admin/index.html'))) throw new Error('No dist/admin/: run `npm run build` first');

/** The admin page's own script and everything it preloads or imports, gzip-compressed. */
function adminBundleGzip(): { files: number; raw: number; gzip: number } {
  const seen = new Set<string>();
  const queue = [
    ...readFileSync(join(dist, 'admin/index.html'), 'utf8').matchAll(/(?:src|href)="(\/_astro\/[^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  let raw = 0;
  let gzip = 0;
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file));
    raw += code.length;
    gzip += gzipSync(code).length;
    // Static imports between chunks: the browser fetches these before the CMS starts.
    for (const m of code.toString().matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(`/_astro/${m[1]}`);
  }
  return { files: seen.size, raw, gzip };
}

const GROUPS = ['about', 'whats-in-it', 'who-can-see-it', 'keeping-it-safe', 'your-choices', 'contact'];
const repo = createScratchRepo(root, (dir) => {
  for (let i = 1; i <= COUNT; i += 1) {
    writeFileSync(
      join(dir, 'content/faqs', `generated-question-${i}.md`),
      `---\nquestion: "Generated question number ${i}?"\ngroup: ${GROUPS[i % GROUPS.length]}\norder: ${i}\nlastReviewed: 2026-11-22\nnextReviewDue: 2027-11-22\n---\nThis is the answer to question ${i}. It is short and plain.\n`,
    );
  }
});
let backend: Awaited<ReturnType<typeof startLocalBackend>> | undefined;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;

try {
  backend = await startLocalBackend({ repoDir: repo.dir, port: await freePort() });
  server = await startServer({ port: await freePort() });
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const backendUrl = backend.url;
  const total = resolve(repo.dir, 'content/faqs');
  const login = await browser.newContext();
  const routeBackend = async (context: typeof login) =>
    context.route('http://localhost:8081/api/v1', async (route) => {
      try {
        await route.fulfill({ response: await route.fetch({ url: backendUrl }) });
      } catch {
        // The context closed while the CMS was still polling: nothing to measure there.
      }
    });
  await routeBackend(login);
  const first = await login.newPage();
  await first.goto(`${server.url}/admin/`);
  await first.getByRole('button', { name: 'Login' }).click();
  await first.getByRole('heading', { name: 'Collections' }).waitFor();
  const storageState = await login.storageState();
  await login.close();

  /** Navigation to the FAQ list → first entry visible, and → every entry listed. */
  async function timeList(page: Awaited<ReturnType<typeof login.newPage>>): Promise<[number, number]> {
    const started = performance.now();
    await page.goto(`${server?.url}/admin/#/collections/faqs`);
    await page.getByText('Generated question number 1?', { exact: true }).waitFor({ timeout: 60_000 });
    const visible = performance.now() - started;
    await page.getByText(`Generated question number ${COUNT}?`, { exact: true }).waitFor({ timeout: 60_000 });
    return [Math.round(visible), Math.round(performance.now() - started)];
  }

  const rows: Record<string, string | number>[] = [];
  // Warm: the officer's browser already has the CMS script cached (a second visit).
  const warmContext = await browser.newContext({ storageState });
  await routeBackend(warmContext);
  const warmPage = await warmContext.newPage();
  await timeList(warmPage);
  for (let run = 1; run <= RUNS; run += 1) {
    // Cold: a new context each run, nothing cached, as on an officer's first visit.
    const context = await browser.newContext({ storageState });
    await routeBackend(context);
    const [visible, all] = await timeList(await context.newPage());
    await context.close();
    await warmPage.goto('about:blank');
    const [warmVisible] = await timeList(warmPage);
    rows.push({
      run,
      'list visible, cold (ms)': visible,
      [`all ${COUNT} listed, cold (ms)`]: all,
      'list visible, warm (ms)': warmVisible,
    });
  }
  await warmContext.close();
  const bundle = adminBundleGzip();
  const median = (key: string) =>
    rows.map((r) => Number(r[key])).sort((a, b) => a - b)[Math.floor(rows.length / 2)] ?? 0;
  printTable(rows);
  const cold = median('list visible, cold (ms)');
  const warm = median('list visible, warm (ms)');
  const verdict = (ms: number) => (ms <= TARGET_MS ? 'met' : 'NOT met');
  console.log(`\nFAQ list with ${COUNT} generated FAQs (${total}), median of ${RUNS} runs, target ≤ ${TARGET_MS} ms:`);
  console.log(
    `  first visit (nothing cached): list visible after ${cold} ms (${verdict(cold)}), all listed after ${median(`all ${COUNT} listed, cold (ms)`)} ms`,
  );
  console.log(`  later visits (script cached): list visible after ${warm} ms (${verdict(warm)})`);
  console.log(
    `Admin bundle: ${bundle.files} script file(s) loaded up front, ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzip.`,
  );
} finally {
  await browser?.close();
  if (server) await stopServer(server);
  await backend?.stop();
  repo.remove();
}
