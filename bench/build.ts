import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchArguments } from './lib/arguments.ts';
import { printTable } from './lib/format.ts';
import { generateContent } from './lib/generate-content.ts';

/**
 * Build time and peak memory of `astro build`, for the shipped content and for 10,000 generated
 * FAQ and update entries. Each build runs in a throwaway copy of the project (sources linked,
 * its own node_modules/.astro cache and output folder), so it cannot disturb anyone else's
 * build in the repository, and the generated content never lands in content/.
 */
const root = resolve(import.meta.dirname, '..');
const args = benchArguments(`Usage: npm run bench -- build [generated entries, default 10000]

Time and peak memory of the site build in a throwaway copy of the project, for the shipped content
and for that many generated FAQs and updates.`);
const generated = args.count(0, 10_000, 'number of generated entries');
const work = mkdtempSync(join(tmpdir(), 'clearshare-bench-build-'));

/**
 * A project folder with a copy of the sources (Astro's style compiler does not follow a linked
 * src/), linked packages, and its own cache and output.
 */
function sandbox(): string {
  const dir = join(work, 'project');
  if (existsSync(dir)) return dir;
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const name of ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    cpSync(join(root, name), join(dir, name), { recursive: true });
  }
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== '.astro' && name !== '.vite')
      symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

interface Run {
  label: string;
  seconds: number;
  /** Seconds Astro spent generating the static routes, without the fixed cost of bundling. */
  renderSeconds: number;
  peakRssMb: number;
  pages: number;
}

function build(label: string, contentDir: string): Run {
  const cwd = sandbox();
  const outDir = join(work, `dist-${label.replace(/\W+/g, '-')}`);
  const astro = join(root, 'node_modules', '.bin', 'astro');
  const useTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const result = useTime
    ? spawnSync('/usr/bin/time', ['-v', astro, 'build', '--outDir', outDir], {
        cwd,
        env: { ...process.env, CONTENT_DIR: contentDir },
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      })
    : spawnSync(astro, ['build', '--outDir', outDir], {
        cwd,
        env: { ...process.env, CONTENT_DIR: contentDir },
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    console.error(result.stdout.slice(-4000), result.stderr.slice(-4000));
    throw new Error(`astro build failed for ${label}`);
  }
  // GNU time reports kilobytes; without it we cannot see the child's peak, so say so.
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? Number.NaN);
  const pages = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
  // Astro prints "✓ Completed in 1.2s." (or "in 51ms.") after the "generating static routes" step.
  const phase = /generating static routes[\s\S]*?✓ Completed in ([\d.]+)(ms|s)\./.exec(result.stdout);
  const renderSeconds = phase ? Number(phase[1]) / (phase[2] === 'ms' ? 1000 : 1) : Number.NaN;
  return { label, seconds, renderSeconds, peakRssMb: rssKb / 1024, pages };
}

try {
  const runs = [build('shipped content', join(root, 'content'))];
  const big = join(work, 'content-generated');
  generateContent(join(root, 'content'), big, generated);
  runs.push(build(`+${generated.toLocaleString('en-GB')} generated entries`, big));
  printTable(
    runs.map((r) => ({
      content: r.label,
      'html pages': r.pages,
      'time (s)': r.seconds.toFixed(1),
      'pages/s': (r.pages / r.seconds).toFixed(0),
      'render (s)': r.renderSeconds.toFixed(1),
      'pages/s rendering': (r.pages / r.renderSeconds).toFixed(0),
      'peak RSS (MB)': Number.isNaN(r.peakRssMb) ? 'n/a (no /usr/bin/time)' : r.peakRssMb.toFixed(0),
    })),
  );
  console.log('\nTargets at 10,000 entries: ≥ 100 pages/s and peak RSS ≤ 2048 MB.');
  console.log('FAQs share one page (/faqs/), so pages/s counts the pages built, not the entries.');
  console.log(
    '"pages/s" includes the fixed cost of bundling (Vite, the CMS); "rendering" is the page-generation step alone.',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
