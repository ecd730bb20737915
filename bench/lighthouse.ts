import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { jsonToFormFields } from '../src/server/opt-out/json-input.ts';
import { benchArguments } from './lib/arguments.ts';
import { kb, printTable } from './lib/format.ts';
import { hiddenFields } from './lib/journey.ts';
import { failedAudits } from './lib/lighthouse-failures.ts';
import { optOutBody } from './lib/opt-out-bodies.ts';
import { freePort, startServer, stopServer } from './lib/server.ts';
import { templatePages } from './lib/templates.ts';
import { CONSULTATION_FORM, gz, pageFiles } from './page-weight.ts';

/**
 * Lighthouse 12 in its default mobile mode (a mid-range phone on a slow 4G link, simulated) on one
 * page of every template, every residents' form among them (opt-out, contact, status, email
 * updates and a consultation's answer form while one is open), against the production server
 * (src/server/main.ts, which compresses) over the built site. Prints each page's four scores and
 * the bytes Lighthouse saw transferred, beside page-weight's gzip figure for the same built page (a
 * function's page has none), then, for each page with a category under 100, the audits that cost
 * it points (bench/lib/lighthouse-failures.ts).
 *
 * Check your answers is a GET with the draft's cookie, which Lighthouse sends as an extra header.
 * The confirmation is the answer to a POST, which Lighthouse cannot make: the bench posts the
 * answers itself and serves the page it got, with the headers it came with, at a bench-only path
 * on a small proxy in front of the server (every other path goes through to the server).
 *
 * Needs `npm run build` first and Chromium (CHROME_PATH, default /usr/bin/chromium). Not in npm test.
 * Pages named after the folder (a template's name or a path) run alone, to check one or two quickly.
 */
const args = benchArguments(`Usage: npm run bench -- lighthouse [built site folder, default dist] [page ...]

Lighthouse mobile scores and transferred bytes for one page of every template, from the production
server. Needs npm run build first; Chromium at CHROME_PATH (default /usr/bin/chromium).
A page after the folder runs only the templates named, by template or by path, e.g.
  npm run bench -- lighthouse dist "email updates sign-up" /opt-out/form/`);
const dist = resolve(args.text(0) ?? 'dist');
if (!existsSync(join(dist, 'index.html'))) throw new Error(`No built site in ${dist}: run npm run build first`);
const only = args.all().slice(1);

/** The first consultation page, by name, that carries its answer form (one open on the build's day). */
function openConsultationPage(site: string): string | undefined {
  const folder = join(site, 'consultations');
  const slugs = existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const slug = slugs.find((name) => CONSULTATION_FORM.test(readFileSync(join(folder, name, 'index.html'), 'utf8')));
  return slug === undefined ? undefined : `/consultations/${slug}/`;
}

const CONFIRMATION_PATH = '/__bench/opt-out-confirmation/';
const server = await startServer({ port: await freePort(), env: { STATIC_DIR: dist } });
/** Pages a function answers, caught for the proxy: path → status, headers and body. */
const caught = new Map<string, { headers: Record<string, string>; body: string }>();

/** Posts the opt-out answers as a browser without JavaScript does; the draft's cookie and the check page. */
async function optOutDraft(): Promise<{ cookie: string }> {
  const post = (path: string, fields: Record<string, string>, cookie = '') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: server.url,
        'sec-fetch-site': 'same-origin',
        'x-forwarded-for': '192.0.2.10',
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(fields),
    });
  const fields = Object.fromEntries(
    Object.entries(jsonToFormFields(optOutBody(1)).fields).map(([key, value]) => [key, String(value)]),
  );
  const { declaration: _, ...answers } = fields;
  const draft = await post('/api/opt-out', answers);
  const cookie = draft.headers.get('set-cookie')?.split(';')[0] ?? '';
  if (draft.status !== 303 || !cookie) throw new Error(`The opt-out form answered ${draft.status}, not a draft`);
  // A second draft is sent for the confirmation, so the first stays for Lighthouse's check page.
  const second = await post('/api/opt-out', answers);
  const secondCookie = second.headers.get('set-cookie')?.split(';')[0] ?? '';
  const secondCheck = await (
    await fetch(`${server.url}/api/opt-out/check`, { headers: { cookie: secondCookie } })
  ).text();
  const done = await post('/api/opt-out/submit', { ...hiddenFields(secondCheck), declaration: 'yes' }, secondCookie);
  if (done.status !== 200) throw new Error(`Sending the opt-out answered ${done.status}, not the confirmation`);
  caught.set(CONFIRMATION_PATH, {
    headers: Object.fromEntries(
      [...done.headers].filter(
        ([name]) => !/^(content-length|content-encoding|transfer-encoding|connection)$/.test(name),
      ),
    ),
    body: await done.text(),
  });
  return { cookie };
}

const { cookie } = await optOutDraft();
const proxyPort = await freePort();
const target = new URL(server.url);
const proxy = createServer((incoming, outgoing) => {
  const page = caught.get(incoming.url ?? '');
  if (page) {
    const gzip = /\bgzip\b/.test(String(incoming.headers['accept-encoding'] ?? ''));
    outgoing.writeHead(200, {
      ...page.headers,
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    outgoing.end(gzip ? gzipSync(page.body) : page.body);
    return;
  }
  const forward = request(
    {
      host: target.hostname,
      port: target.port,
      path: incoming.url,
      method: incoming.method,
      headers: incoming.headers,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  incoming.pipe(forward);
});
await new Promise<void>((done) => proxy.listen(proxyPort, '127.0.0.1', done));
const base = `http://127.0.0.1:${proxyPort}`;

const statics = templatePages(dist);
const contact = statics.findIndex((page) => page.template === 'contact');
const status = statics.findIndex((page) => page.template === 'status');
const consultation = openConsultationPage(dist);
/**
 * Every template in the issue's order: the two opt-out pages only a function answers go after the
 * form, and the other residents' forms (email updates, an open consultation) after the status check.
 */
const everyPage: { template: string; path: string; headers?: Record<string, string> }[] = [
  ...statics.slice(0, contact),
  { template: 'check answers', path: '/api/opt-out/check', headers: { cookie } },
  { template: 'confirmation (replayed)', path: CONFIRMATION_PATH },
  ...statics.slice(contact, status + 1),
  { template: 'email updates sign-up', path: '/updates/subscribe/' },
  ...(consultation ? [{ template: 'consultation form', path: consultation }] : []),
  ...statics.slice(status + 1),
];
const pages = only.length
  ? everyPage.filter((page) => only.includes(page.template) || only.includes(page.path))
  : everyPage;
if (pages.length === 0) throw new Error(`No template or page called ${only.join(', ')}`);

const chrome = await chromeLauncher.launch({
  chromePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox'],
});
const rows: Record<string, string | number>[] = [];
/** Per page with a category under 100: the audits that failed in it, printed after the table. */
const failures: { template: string; lines: string[] }[] = [];
/** The metrics behind a performance score under 100: each one not scored in full, with its value. */
const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'SI',
} as const;
const lostOn = (audits: Record<string, { score: number | null; displayValue?: string }>) =>
  Object.entries(METRICS)
    .flatMap(([id, name]) => {
      const audit = audits[id];
      return audit && audit.score !== null && audit.score < 1
        ? [`${name} ${audit.displayValue ?? ''} (${Math.round(audit.score * 100)})`]
        : [];
    })
    .join(', ') || '-';
const score = (value: number | null | undefined) =>
  value === null || value === undefined ? 'n/a' : Math.round(value * 100);
try {
  for (const page of pages) {
    const result = await lighthouse(`${base}${page.path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      ...(page.headers ? { extraHeaders: page.headers } : {}),
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse gave no result for ${page.path}`);
    const built = join(dist, page.path, 'index.html');
    const weighed = existsSync(built)
      ? gz(built) + pageFiles(dist, built).reduce((sum, file) => sum + gz(file.path), 0)
      : undefined;
    rows.push({
      template: page.template,
      path: page.path.length > 34 ? `${page.path.slice(0, 33)}…` : page.path,
      perf: score(lhr.categories['performance']?.score),
      a11y: score(lhr.categories['accessibility']?.score),
      'best pr.': score(lhr.categories['best-practices']?.score),
      SEO: score(lhr.categories['seo']?.score),
      transferred: kb(Number(lhr.audits['total-byte-weight']?.numericValue ?? 0)),
      'page-weight (gzip)': weighed === undefined ? '(function)' : kb(weighed),
      'performance lost on': lostOn(lhr.audits),
    });
    const lines = failedAudits(lhr);
    if (lines.length) failures.push({ template: page.template, lines });
    process.stderr.write(`  ${page.template} done\n`);
  }
} finally {
  chrome.kill();
  proxy.close();
  await stopServer(server);
}
console.log(
  `Lighthouse 12.2.3 mobile (simulated slow 4G, mid-range phone), production server with compression, ${dist}\n`,
);
printTable(rows);
console.log(
  failures.length ? '\nAudits failed, where a category is under 100:' : '\nEvery category 100 on every page.',
);
for (const { template, lines } of failures) {
  console.log(`\n${template}`);
  for (const line of lines) console.log(`  ${line}`);
}
if (!consultation) console.log('\nNo consultation is open in this build, so no consultation form was measured.');
