import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { createScratchRepo, type LocalBackend, startLocalBackend } from '../src/admin/local-backend.ts';
import { benchArguments } from './lib/arguments.ts';
import { kb, printTable } from './lib/format.ts';
import { freePort, type RunningServer, root, startServer, stopServer } from './lib/server.ts';

/**
 * The CMS with a large collection: how long the FAQ list takes to appear when there are 1,000
 * FAQs (target ≤ 2 s), from navigation to the first entry being visible and to all of them being
 * listed, where that time goes, and what /admin/ costs to download (gzip). The FAQs are generated
 * in a scratch copy of content/ served by decap-server; the real content is never touched.
 * Needs a build: dist/, or the folder named by STATIC_DIR.
 *
 * Shared machines are noisy, so BASELINE_DIR may name another build (e.g. the previous commit's,
 * built with `astro build --outDir`): its first visits are interleaved with this build's, and the
 * ratio of the medians is printed, which holds up better than either figure alone.
 */
const args = benchArguments(`Usage: npm run bench -- cms-list [FAQs, default 1000] [runs, default 5]

Time from opening /admin/ to the FAQ list showing with that many generated FAQs, after npm run build.
BASELINE_DIR=<another build> interleaves its first visits and prints the ratio.`);
const COUNT = args.count(0, 1000, 'number of FAQs');
const RUNS = args.count(1, 5, 'number of runs');
const TARGET_MS = 2000;
const BACKEND = 'http://localhost:8081/api/v1';

interface Build {
  label: string;
  dist: string;
  server?: RunningServer;
}
const builds: Build[] = [{ label: 'this build', dist: resolve(root, process.env['STATIC_DIR'] ?? 'dist') }];
if (process.env['BASELINE_DIR']) builds.push({ label: 'baseline', dist: resolve(process.env['BASELINE_DIR']) });
for (const { dist } of builds) {
  if (!existsSync(join(dist, 'admin/index.html'))) throw new Error(`No ${dist}/admin/: run \`npm run build\` first`);
}

/** The admin page's own script and everything it preloads or statically imports, gzip-compressed. */
function adminBundleGzip(dist: string): { files: number; raw: number; gzip: number } {
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

/** What one visit spent, in ms from navigation: the figures the bench prints. */
interface Visit {
  /** The last /admin/ script needed before Decap first called the backend finished downloading. */
  scripts: number;
  /** Decap's first call to the backend: its code is downloaded, parsed, run and started. */
  started: number;
  /** The call that lists content/faqs (entriesByFolder): when it was sent and when it finished. */
  listSent: number;
  listDone: number;
  /** The first FAQ on screen ("list showing"), and the last one. */
  visible: number;
  all: number;
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
let backend: LocalBackend | undefined;
let browser: Browser | undefined;
/** The entriesByFolder body Decap sent, replayed against decap-server directly below. */
let listBody = '';

/**
 * The CMS calls the local backend's usual address; pass that to the scratch decap-server, so a
 * CMS a developer has open on 8081 is left alone. This costs a little (see "direct" below).
 */
async function routeBackend(context: BrowserContext, backendUrl: string): Promise<void> {
  await context.route(BACKEND, async (route) => {
    try {
      await route.fulfill({ response: await route.fetch({ url: backendUrl }) });
    } catch {
      // The context closed while the CMS was still polling: nothing to measure there.
    }
  });
}

async function timeList(page: Page, serverUrl: string): Promise<Visit> {
  const started = performance.now();
  const at = () => Math.round(performance.now() - started);
  const visit: Visit = { scripts: 0, started: -1, listSent: -1, listDone: -1, visible: 0, all: 0 };
  const listRequests = new Set<unknown>();
  page.on('request', (request) => {
    if (request.url() !== BACKEND) return;
    if (visit.started < 0) visit.started = at();
    const body = request.postData() ?? '';
    if (body.includes('"entriesByFolder"') && body.includes('content/faqs')) {
      listRequests.add(request);
      visit.listSent = at();
      listBody = body;
    }
  });
  page.on('requestfinished', (request) => {
    if (/\/_astro\/[^/]+\.js$/.test(request.url()) && visit.started < 0) visit.scripts = at();
    if (listRequests.has(request)) visit.listDone = at();
  });
  await page.goto(`${serverUrl}/admin/#/collections/faqs`);
  await page.getByText('Generated question number 1?', { exact: true }).waitFor({ timeout: 60_000 });
  visit.visible = at();
  await page.getByText(`Generated question number ${COUNT}?`, { exact: true }).waitFor({ timeout: 60_000 });
  visit.all = at();
  page.removeAllListeners('request');
  page.removeAllListeners('requestfinished');
  return visit;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const step = (visits: Visit[], pick: (v: Visit) => number) => Math.round(median(visits.map(pick)));

try {
  backend = await startLocalBackend({ repoDir: repo.dir, port: await freePort() });
  const backendUrl = backend.url;
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  // Log in once per build (each is its own origin, so its own stored login).
  const login = await browser.newContext();
  await routeBackend(login, backendUrl);
  for (const build of builds) {
    build.server = await startServer({ port: await freePort(), env: { STATIC_DIR: build.dist } });
    const page = await login.newPage();
    await page.goto(`${build.server.url}/admin/`);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('heading', { name: 'Collections' }).waitFor();
  }
  const storageState = await login.storageState();
  await login.close();
  const urlOf = (build: Build) => build.server?.url ?? '';
  const [current] = builds;
  if (!current) throw new Error('No build to measure');

  const cold = new Map<Build, Visit[]>(builds.map((b) => [b, []]));
  const warm: Visit[] = [];
  // Warm: the officer's browser already has the CMS script cached (a second visit).
  const warmContext = await browser.newContext({ storageState });
  await routeBackend(warmContext, backendUrl);
  const warmPage = await warmContext.newPage();
  await timeList(warmPage, urlOf(current));
  for (let run = 1; run <= RUNS; run += 1) {
    for (const build of builds) {
      // Cold: a new context each run, nothing cached, as on an officer's first visit.
      const context = await browser.newContext({ storageState });
      await routeBackend(context, backendUrl);
      cold.get(build)?.push(await timeList(await context.newPage(), urlOf(build)));
      await context.close();
    }
    await warmPage.goto('about:blank');
    warm.push(await timeList(warmPage, urlOf(current)));
  }
  await warmContext.close();

  // The listing alone, straight to decap-server (no browser, no routing): is the backend slow?
  const direct: number[] = [];
  let listBytes = 0;
  for (let run = 0; run < RUNS && listBody; run += 1) {
    const sent = performance.now();
    const response = await fetch(backendUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: listBody,
    });
    listBytes = (await response.arrayBuffer()).byteLength;
    direct.push(performance.now() - sent);
  }

  const rows = (kind: string, visits: Visit[]) =>
    visits.map((v, i) => ({
      visit: `${kind} ${i + 1}`,
      'scripts loaded': v.scripts,
      'Decap started': v.started,
      'list sent': v.listSent,
      'list received': v.listDone,
      'first entry shown': v.visible,
      [`all ${COUNT} shown`]: v.all,
    }));
  console.log('Milliseconds from navigation to /admin/#/collections/faqs:\n');
  printTable([
    ...builds.flatMap((b) => rows(`${b === current ? '' : `${b.label}, `}cold`, cold.get(b) ?? [])),
    ...rows('warm', warm),
  ]);

  const verdict = (ms: number) => (ms <= TARGET_MS ? 'met' : 'NOT met');
  const coldVisits = cold.get(current) ?? [];
  const coldVisible = step(coldVisits, (v) => v.visible);
  const warmVisible = step(warm, (v) => v.visible);
  console.log(`\nFAQ list with ${COUNT} generated FAQs, median of ${RUNS} runs, target ≤ ${TARGET_MS} ms:`);
  console.log(
    `  first visit (nothing cached): list visible after ${coldVisible} ms (${verdict(coldVisible)}), all listed after ${step(coldVisits, (v) => v.all)} ms`,
  );
  console.log(`  later visits (script cached): list visible after ${warmVisible} ms (${verdict(warmVisible)})`);
  console.log('  where the first visit goes (medians of each step):');
  console.log(`    scripts downloaded             ${step(coldVisits, (v) => v.scripts)} ms`);
  console.log(`    Decap parsed, run, started     ${step(coldVisits, (v) => v.started - v.scripts)} ms`);
  console.log(`    until it asks for the list     ${step(coldVisits, (v) => v.listSent - v.started)} ms (login check)`);
  console.log(`    list request, in the browser   ${step(coldVisits, (v) => v.listDone - v.listSent)} ms`);
  console.log(
    `    list request, direct           ${Math.round(median(direct))} ms (${kb(listBytes)}, decap-server alone)`,
  );
  console.log(`    list drawn                     ${step(coldVisits, (v) => v.visible - v.listDone)} ms`);
  for (const build of builds) {
    const bundle = adminBundleGzip(build.dist);
    console.log(
      `Admin bundle (${build.label}): ${bundle.files} script file(s) loaded up front, ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzip.`,
    );
  }
  const baseline = builds[1];
  if (baseline) {
    const before = step(cold.get(baseline) ?? [], (v) => v.visible);
    console.log(
      `Baseline (${baseline.dist}), interleaved: first visit ${before} ms; this build takes ${(coldVisible / before).toFixed(2)} of its time.`,
    );
  }
} finally {
  await browser?.close();
  for (const build of builds) if (build.server) await stopServer(build.server);
  await backend?.stop();
  repo.remove();
}
