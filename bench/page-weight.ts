import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { benchArguments } from './lib/arguments.ts';
import { kb, printTable } from './lib/format.ts';

/**
 * Page weight: for every built page, the gzip size of its HTML plus every stylesheet, script,
 * font and image it loads (each counted once per page), and how much of that is JavaScript.
 * Content pages should need no JavaScript at all and weigh ≤ 14 KB, what a phone gets in TCP's
 * first round trip (issue 20); form pages ≤ 45 KB with ≤ 25 KB of JavaScript, search ≤ 60 KB.
 * Beside gzip it prints Brotli at quality 11, as scripts/compress-dist.ts writes the `.br` files
 * browsers are sent; the targets are judged on gzip, the larger figure: what a client (or a proxy)
 * that does not take Brotli gets.
 * Exits non-zero only when a page refers to a file that is not in the build.
 *
 * bench/transfer.ts weighs the same files as the local server sends them.
 */
const TARGET = 14 * 1024;
const FORM_TARGET = { total: 45 * 1024, js: 25 * 1024 };
const SEARCH_TARGET = 60 * 1024;
type AssetKind = 'css' | 'js' | 'other';
/**
 * Pages whose job is a form or a tool, in every language: the opt-out pages, contact, the email
 * updates sign-up, search, and the staff and CMS pages. Every other page is a content page, held
 * to the target and to no JavaScript at all, even when something on it (the "was this page
 * helpful" box) is a form: that box posts without script.
 */
const INTERACTIVE =
  /^\/(?:(?:pl|ur)\/)?(search|opt-out|contact|updates\/subscribe|form-shell|staff-shell|admin|staff)\//;
/**
 * A consultation's page (/consultations/<slug>/) carries its answer form while the consultation is
 * open, and is then a form page; before and after, it is a content page.
 */
export const CONSULTATION_FORM = /<form\b[^>]*\saction="\/api\/consultations\/answer"/;

/** Whether a built page is a form or a tool page, not a content page. */
export const isInteractive = (page: string, html: string) => INTERACTIVE.test(page) || CONSULTATION_FORM.test(html);
type Encoding = 'gzip' | 'br';
const ENCODINGS: readonly Encoding[] = ['gzip', 'br'];
const compress: Record<Encoding, (bytes: Buffer) => Buffer> = {
  gzip: (bytes) => gzipSync(bytes),
  // As scripts/compress-dist.ts makes the .br copies the server sends.
  br: (bytes) =>
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
};
const compressedSizes = new Map<string, number>();

/** A file's size once compressed; each file is compressed once per encoding and run. */
export function compressedSize(file: string, encoding: Encoding): number {
  const key = `${encoding}:${file}`;
  let size = compressedSizes.get(key);
  if (size === undefined) {
    size = compress[encoding](readFileSync(file)).length;
    compressedSizes.set(key, size);
  }
  return size;
}

export const gz = (file: string): number => compressedSize(file, 'gzip');

export function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(dir, name));
}

/** A site-relative address to a file in dist; remote and data: addresses are not ours to weigh. */
function local(dist: string, ref: string, from: string): string | undefined {
  if (/^(https?:|data:|mailto:|tel:|#)/.test(ref) || ref.startsWith('//')) return undefined;
  const path = ref.split(/[?#]/)[0] ?? '';
  return path.startsWith('/') ? join(dist, path) : join(dirname(from), path);
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];

/** Files an HTML page loads as it opens: stylesheets, icons, scripts, island code, images. */
function pageAssets(dist: string, html: string, file: string): { path: string; kind: AssetKind; from: string }[] {
  const found: { path: string; kind: AssetKind; from: string }[] = [];
  const add = (ref: string | undefined, kind: AssetKind) => {
    const path = ref ? local(dist, ref, file) : undefined;
    if (path) found.push({ path, kind, from: file });
  };
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = attr(tag, 'rel') ?? '';
    if (/stylesheet/.test(rel)) add(attr(tag, 'href'), 'css');
    else if (/modulepreload|preload/.test(rel))
      add(attr(tag, 'href'), /\.js$/.test(attr(tag, 'href') ?? '') ? 'js' : 'other');
    else if (/icon/.test(rel)) add(attr(tag, 'href'), 'other');
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*\ssrc="[^"]+"[^>]*>/g)) add(attr(tag, 'src'), 'js');
  for (const [tag] of html.matchAll(/<img\b[^>]*>/g)) add(attr(tag, 'src'), 'other');
  // Astro islands load their component and renderer as modules once hydrated.
  for (const [tag] of html.matchAll(/<astro-island\b[^>]*>/g)) {
    add(attr(tag, 'component-url'), 'js');
    add(attr(tag, 'renderer-url'), 'js');
  }
  return found;
}

/** What a stylesheet or module pulls in: url() in CSS, static imports in JS (dynamic imports load later, on use). */
function nested(dist: string, path: string, kind: AssetKind): { path: string; kind: AssetKind; from: string }[] {
  if (kind === 'other' || !existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  if (kind === 'css') {
    return [...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].flatMap(([, ref]) => {
      const target = ref ? local(dist, ref, path) : undefined;
      return target ? [{ path: target, kind: 'other' as const, from: path }] : [];
    });
  }
  return [...text.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)].flatMap(([, ref]) => {
    const target = ref ? local(dist, ref, path) : undefined;
    return target ? [{ path: target, kind: 'js' as const, from: path }] : [];
  });
}

/** One page's bytes in one encoding. */
interface Weight {
  html: number;
  css: number;
  js: number;
  other: number;
  total: number;
}

interface PageWeight extends Record<Encoding, Weight> {
  page: string;
  content: boolean;
}

/**
 * The files a page loads as it opens, each once: stylesheets, scripts, icons and images, then what
 * those pull in. References to files not in the build are added to `broken`.
 */
export function pageFiles(dist: string, file: string, broken: string[] = []): { path: string; kind: AssetKind }[] {
  const seen = new Set<string>();
  const files: { path: string; kind: AssetKind }[] = [];
  const queue = pageAssets(dist, readFileSync(file, 'utf8'), file);
  while (queue.length > 0) {
    const asset = queue.shift();
    if (!asset || seen.has(asset.path)) continue;
    seen.add(asset.path);
    if (!existsSync(asset.path)) {
      broken.push(`${relative(dist, asset.from)} → ${relative(dist, asset.path)}`);
      continue;
    }
    files.push({ path: asset.path, kind: asset.kind });
    queue.push(...nested(dist, asset.path, asset.kind));
  }
  return files;
}

function weigh(file: string, assets: { path: string; kind: AssetKind }[], encoding: Encoding): Weight {
  const sums = { css: 0, js: 0, other: 0 };
  for (const asset of assets) sums[asset.kind] += compressedSize(asset.path, encoding);
  const html = compressedSize(file, encoding);
  return { html, ...sums, total: html + sums.css + sums.js + sums.other };
}

function report(dist: string): void {
  const broken: string[] = [];
  const pages: PageWeight[] = htmlFiles(dist).map((file) => {
    const assets = pageFiles(dist, file, broken);
    const page = `/${relative(dist, file).replace(/index\.html$/, '')}`;
    const content = !isInteractive(page, readFileSync(file, 'utf8'));
    return { page, content, gzip: weigh(file, assets, 'gzip'), br: weigh(file, assets, 'br') };
  });

  const byWeight = [...pages].sort((a, b) => b.gzip.total - a.gzip.total);
  const row = (p: PageWeight) => ({
    page: p.page,
    kind: p.content ? 'content' : 'interactive',
    html: kb(p.gzip.html),
    css: kb(p.gzip.css),
    js: kb(p.gzip.js),
    'images+fonts': kb(p.gzip.other),
    total: kb(p.gzip.total),
    'total (br)': kb(p.br.total),
  });

  console.log(
    `Page weight of ${pages.length} pages in ${relative(process.cwd(), dist) || '.'}: gzip in every column but the last, the total in Brotli (quality 11, the .br files the server sends).`,
  );
  console.log('The targets are judged on gzip, the larger figure: what a client that does not take Brotli gets.\n');
  console.log('Largest five pages:');
  printTable(byWeight.slice(0, 5).map(row));
  const content = pages.filter((p) => p.content);
  const contentByWeight = [...content].sort((a, b) => b.gzip.total - a.gzip.total);
  console.log('\nLargest five content pages:');
  printTable(contentByWeight.slice(0, 5).map(row));

  console.log('\nSummary');
  console.log(`  content pages:              ${content.length} (interactive pages: ${pages.length - content.length})`);
  for (const encoding of ENCODINGS) {
    const totals = content.map((p) => p[encoding].total).sort((a, b) => a - b);
    const median = totals[Math.floor(totals.length / 2)] ?? 0;
    const over = content.filter((p) => p[encoding].total > TARGET);
    const name = encoding === 'gzip' ? 'gzip, the target' : 'Brotli';
    console.log(`  content page median / max (${name}):  ${kb(median)} / ${kb(totals.at(-1) ?? 0)}`);
    console.log(
      `  content pages over ${kb(TARGET)} (${name}):  ${over.length}${over.length ? ` (${over.map((p) => p.page).join(', ')})` : ''}`,
    );
  }
  const withJs = content.filter((p) => p.gzip.js > 0);
  console.log(
    `  content pages that load JavaScript (target 0): ${withJs.length}${withJs.length ? ` (largest ${kb(Math.max(...withJs.map((p) => p.gzip.js)))}, e.g. ${withJs[0]?.page})` : ''}`,
  );
  console.log(
    `  JavaScript needed to read a content page: 0 KB by design (every journey is tested with JavaScript off)`,
  );
  const meets = (p: PageWeight) =>
    /search\/$/.test(p.page)
      ? p.gzip.total <= SEARCH_TARGET
      : p.gzip.total <= FORM_TARGET.total && p.gzip.js <= FORM_TARGET.js;
  // The staff and CMS pages are not for residents and have no target.
  const held = pages.filter((page) => !page.content && !/^\/(admin|staff)\//.test(page.page));
  const missed = held.filter((p) => !meets(p));
  console.log(
    `  form and search pages over target (${kb(FORM_TARGET.total)} with ${kb(FORM_TARGET.js)} of JavaScript; search ${kb(SEARCH_TARGET)}): ${missed.length} of ${held.length}${missed.length ? ` (${missed.map((p) => p.page).join(', ')})` : ''}`,
  );
  for (const p of pages.filter((page) => !page.content)) {
    console.log(
      `  interactive ${p.page}: ${kb(p.gzip.total)} total, of which JavaScript ${kb(p.gzip.js)} (Brotli ${kb(p.br.total)}, ${kb(p.br.js)})${held.includes(p) ? (meets(p) ? '  (target met)' : '  (over target)') : ''}`,
    );
  }

  if (broken.length > 0) {
    console.error(`\nBroken file references (${broken.length}):\n  ${[...new Set(broken)].join('\n  ')}`);
    process.exit(1);
  }
}

if (import.meta.main) {
  const args = benchArguments(`Usage: npm run bench -- page-weight [built site folder, default dist]

For every built page, the gzip and Brotli sizes of everything it loads and how much of it is
JavaScript; the targets are judged on gzip.
Needs npm run build first.`);
  report(resolve(args.text(0) ?? 'dist'));
}
