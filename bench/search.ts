import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSearchIndex, loadSearchIndex, type SearchDoc } from '../src/utils/search-index.ts';
import { benchArguments } from './lib/arguments.ts';
import { contentDocs } from './lib/content-docs.ts';
import { kb, percentile, printTable } from './lib/format.ts';

/**
 * Search: the size of the index file (raw and gzip) for the shipped content and for 2,000
 * generated entries, and query time against a baseline in the same run: a plain lower-case
 * substring scan over the same documents (what a site without an index would do).
 */
const root = resolve(import.meta.dirname, '..');
const args = benchArguments(`Usage: npm run bench -- search [built site folder with search-index.json, default dist]

Search index size for the shipped content and 2,000 generated entries, and query times beside a
plain substring scan. Needs npm run build first.`);
const dist = resolve(args.text(0) ?? join(root, 'dist'));
const TARGET_GZIP = 300 * 1024;
const queries = [
  'sold',
  'will my data be sold',
  'who can see my record',
  'hospice',
  'opt out',
  'research',
  'allergies',
  'Kelham',
  'complain',
  'mental health',
  'children',
  'summary care record',
  'insur',
  'secure',
  'change my mind',
];

/**
 * Generated entries built from the shipped content's own sentences, so the vocabulary and word
 * frequencies are those of real pages (a small made-up word list would put every word in every
 * entry, a worst case no real site has). Each entry gets a unique number in its title.
 */
function generatedDocs(count: number, shipped: SearchDoc[]): SearchDoc[] {
  const pool = shipped.flatMap((doc) => doc.body.split(/(?<=[.!?])\s+/)).filter((s) => s.split(' ').length >= 4);
  let state = 7;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = () => pool[Math.floor(next() * pool.length)] ?? '';
  return Array.from({ length: count }, (_, i) => ({
    title: `${pick()
      .split(' ')
      .slice(0, 8)
      .join(' ')
      .replace(/[.!?]$/, '')} ${i}`,
    type: i % 2 ? 'Update' : 'Question',
    url: i % 2 ? `/updates/generated-update-${i}/` : `/faqs/#generated-faq-${i}`,
    snippet: pick(),
    body: Array.from({ length: 6 + Math.floor(next() * 6) }, pick).join(' '),
  }));
}

/** The no-index baseline: every query word must appear somewhere in the document's text. */
function substringScan(docs: SearchDoc[]): (query: string) => SearchDoc[] {
  const haystacks = docs.map((doc) => `${doc.title} ${doc.snippet} ${doc.body}`.toLowerCase());
  return (query) => {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    return docs.filter((_, i) => terms.every((term) => haystacks[i]?.includes(term)));
  };
}

/** Median and 95th percentile in microseconds over repeated runs of every query. */
function time(run: (query: string) => unknown, rounds = 40): { median: number; p95: number } {
  for (const q of queries) run(q); // warm up the JIT
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const started = process.hrtime.bigint();
      run(q);
      samples.push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p95: percentile(samples, 95) };
}

function measure(label: string, docs: SearchDoc[]) {
  const json = JSON.stringify(buildSearchIndex(docs));
  const engine = loadSearchIndex(JSON.parse(json));
  const lunr = time((q) => engine.search(q));
  const scan = time(substringScan(docs));
  const gzip = gzipSync(json).length;
  return {
    row: {
      content: label,
      docs: docs.length,
      'index raw': kb(Buffer.byteLength(json)),
      'index gzip': kb(gzip),
      'lunr median': `${lunr.median.toFixed(0)} µs`,
      'lunr p95': `${lunr.p95.toFixed(0)} µs`,
      'scan median': `${scan.median.toFixed(0)} µs`,
      'scan p95': `${scan.p95.toFixed(0)} µs`,
      'lunr/scan (median)': (lunr.median / scan.median).toFixed(2),
    },
    gzip,
  };
}

const shipped = contentDocs(join(root, 'content'));
const results = [
  measure('shipped content (from content/)', shipped),
  measure('2,000 generated entries', generatedDocs(2000, shipped)),
];
printTable(results.map((r) => r.row));

const built = join(dist, 'search-index.json');
if (existsSync(built)) {
  const bytes = readFileSync(built);
  console.log(
    `\nBuilt ${built}: ${kb(bytes.length)} raw, ${kb(gzipSync(bytes).length)} gzip (includes organisations and the decision aid).`,
  );
} else {
  console.log(`\nNo built index at ${built}; run astro build to weigh the real file.`);
}
console.log(
  `Target: ≤ ${kb(TARGET_GZIP)} gzip at 2,000 entries — ${(results[1]?.gzip ?? 0) <= TARGET_GZIP ? 'met' : 'NOT met'}.`,
);
console.log(`Queries (${queries.length}, ${40} rounds each): ${queries.join(' | ')}`);
