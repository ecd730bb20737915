import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BundledFunction, bundleFunctions } from '../scripts/bundle-functions.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { deploymentKeys, platformEnv, startBundle, stopBundle } from '../tests/platform/platform.ts';
import { findPgBin, startCluster } from '../tests/support/postgres-cluster.ts';
import { startSmtpSink } from '../tests/support/smtp-sink.ts';
import { benchArguments } from './lib/arguments.ts';
import { optOutBody } from './lib/opt-out-bodies.ts';

/**
 * The functions as Netlify deploys them (issue 13's targets: no bundle over 3 MB zipped; the
 * opt-out bundle imports in under 150 ms and under 100 MB):
 * - each bundle's size as the zip Netlify's bundler writes;
 * - each bundle's import time and memory, in a fresh process per run under the same Lambda
 *   stand-in the tests use (entry and function module imported, no request), median of RUNS;
 *   beside it, the same process with no bundle at all (the baseline: Node and the stand-in), and
 *   the opt-out bundle's entry alone (Netlify's bootstrap, which every bundle loads before its
 *   function), so each function module's own share ("function alone": import minus that) shows;
 * - a cold first request to the opt-out bundle end to end (process start, import, first valid
 *   opt-out against PostgreSQL, 201), beside a warm request to the same process.
 */
const args = benchArguments(`Usage: npm run bench -- bundles [runs, default 5] [other tree]

Each function's zip size as Netlify bundles it, its import time and memory (median of the runs), and
a cold first opt-out beside warm ones. Needs PostgreSQL (apt-get install postgresql).

With another tree (a checkout of an earlier commit, e.g. made with git worktree add, its
node_modules linked to this one's), only the opt-out function's import instead: both trees bundled
by their own scripts, then imported in turn, the runs given times each, and the medians and the
ratio this tree over the other printed. On a shared machine the load moves both sides alike, so the
ratio holds where the milliseconds do not.`);
const RUNS = args.count(0, 5, 'number of runs');
const otherTree = args.text(1);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The opt-out function's import, this tree against `tree`, alternating, RUNS rounds. No database needed. */
async function compareOptOutImport(tree: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'clearshare-bench-import-'));
  try {
    const bundleIn = (root: string, outDir: string) => {
      execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bundle-functions.ts'), outDir], {
        cwd: root,
        stdio: 'ignore',
      });
      const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as {
        functions: { name: string; path: string; mainFile: string }[];
      };
      const entry = manifest.functions.find((f) => f.name === 'opt-out');
      if (!entry) throw new Error(`${root} has no opt-out function`);
      const bundle: BundledFunction = {
        name: 'opt-out',
        path: entry.path,
        entryFilename: '___netlify-entry-point.mjs',
        routes: [],
        schedule: undefined,
        size: undefined,
      };
      return bundle;
    };
    const sides = [
      {
        name: 'this tree',
        bundle: bundleIn(resolve('.'), join(work, 'this')),
        ms: [] as number[],
        cpu: [] as number[],
        rss: [] as number[],
      },
      {
        name: tree,
        bundle: bundleIn(resolve(tree), join(work, 'other')),
        ms: [] as number[],
        cpu: [] as number[],
        rss: [] as number[],
      },
    ];
    /**
     * The function's own module imported in a fresh process with the platform's variables (so the
     * start check runs), from its bundle folder: wall time, and CPU time (user + system), which a
     * busy machine inflates much less than wall time, and RSS after.
     */
    const importOnce = (bundle: BundledFunction, env: Record<string, string>) => {
      const entry = readFileSync(join(bundle.path, bundle.entryFilename), 'utf8');
      const modulePath = /getLambdaHandler\('([^']+)'\)/.exec(entry)?.[1];
      if (!modulePath) throw new Error(`${bundle.entryFilename} names no function module`);
      const script = `const c = process.cpuUsage(); const t = performance.now();
        await import(${JSON.stringify(join(bundle.path, modulePath))});
        const used = process.cpuUsage(c);
        process.stdout.write(JSON.stringify({ ms: performance.now() - t, cpu: (used.user + used.system) / 1000, rss: process.memoryUsage().rss }));`;
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: bundle.path, env });
      return JSON.parse(output.toString()) as { ms: number; cpu: number; rss: number };
    };
    const keys = deploymentKeys();
    const ratios: number[] = [];
    for (let round = 0; round < RUNS; round += 1) {
      // Alternate which side goes first, so a load that rises or falls during a round favours neither.
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const env = platformEnv({
          name: 'opt-out',
          bundleDir: side.bundle.path,
          databaseUrl: 'postgres://bench@127.0.0.1:9/none',
          smtpUrl: 'smtp://127.0.0.1:9',
          publicUrl: 'http://127.0.0.1:1',
          keys,
        });
        const measured = importOnce(side.bundle, env);
        side.ms.push(measured.ms);
        side.cpu.push(measured.cpu);
        side.rss.push(measured.rss);
      }
      ratios.push((sides[0]?.cpu.at(-1) ?? Number.NaN) / (sides[1]?.cpu.at(-1) ?? Number.NaN));
    }
    for (const side of sides) {
      process.stdout.write(
        `${side.name}: opt-out import median ${median(side.ms).toFixed(1)} ms wall (${Math.min(...side.ms).toFixed(0)}-${Math.max(...side.ms).toFixed(0)}), ${median(side.cpu).toFixed(1)} ms CPU (${Math.min(...side.cpu).toFixed(0)}-${Math.max(...side.cpu).toFixed(0)}), RSS median ${mb(median(side.rss))} MB, ${RUNS} runs\n`,
      );
    }
    process.stdout.write(
      `this tree / ${tree}: wall ${(median(sides[0]?.ms ?? []) / median(sides[1]?.ms ?? [])).toFixed(3)}, CPU ${(median(sides[0]?.cpu ?? []) / median(sides[1]?.cpu ?? [])).toFixed(3)} (ratios of the medians); CPU ${median(ratios).toFixed(3)} (median of the rounds' ratios)\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (otherTree !== undefined) {
  await compareOptOutImport(otherTree);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'clearshare-bench-bundles-'));
const pg = await startCluster(findPgBin() ?? '');
const sink = await startSmtpSink();
try {
  await migrateDatabase(pg.url);
  let started = performance.now();
  const zipped = await bundleFunctions({ outDir: join(work, 'zip'), archiveFormat: 'zip' });
  process.stdout.write(`Bundled as zips in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  started = performance.now();
  const folders = await bundleFunctions({ outDir: join(work, 'dir'), archiveFormat: 'none' });
  process.stdout.write(`Bundled as folders in ${((performance.now() - started) / 1000).toFixed(0)} s\n\n`);
  const keys = deploymentKeys();
  const envFor = (bundle: BundledFunction) =>
    platformEnv({
      name: bundle.name,
      bundleDir: bundle.path,
      databaseUrl: pg.url,
      smtpUrl: sink.url,
      publicUrl: 'http://127.0.0.1:1',
      keys,
    });

  // The baseline: the stand-in with an empty entry point (no function code, no packages).
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const empty = join(work, 'empty');
  mkdirSync(empty);
  writeFileSync(join(empty, 'entry.mjs'), 'export const handler = async () => {};\n');
  const emptyBundle: BundledFunction = {
    name: 'baseline',
    path: empty,
    entryFilename: 'entry.mjs',
    routes: [],
    schedule: undefined,
    size: undefined,
  };
  const measure = async (bundle: BundledFunction, importFunction: boolean) => {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      const running = await startBundle({ bundle, env: envFor(bundle), importFunction });
      runs.push(running);
      await stopBundle(running);
    }
    return {
      importMs: median(runs.map((r) => r.importMs)),
      rss: median(runs.map((r) => r.rssAfter)),
      rssBefore: median(runs.map((r) => r.rssBefore)),
    };
  };
  const baseline = await measure(emptyBundle, false);
  process.stdout.write(
    `Baseline (the stand-in, no bundle): import ${baseline.importMs.toFixed(1)} ms, RSS ${mb(baseline.rss)} MB\n\n`,
  );
  const optOut = folders.find((bundle) => bundle.name === 'opt-out');
  if (!optOut) throw new Error('no opt-out bundle');
  // Netlify's entry without the function module: the bootstrap every bundle loads first (the
  // same file in each), which no change to our code can make faster.
  const entryAlone = await measure(optOut, false);
  process.stdout.write(
    `Netlify's entry alone (bootstrap, no function module): import ${entryAlone.importMs.toFixed(1)} ms, RSS ${mb(entryAlone.rss)} MB\n\n`,
  );
  process.stdout.write(
    `${'function'.padEnd(18)} ${'zip MB'.padStart(7)} ${'import ms'.padStart(10)} ${'alone ms'.padStart(9)} ${'RSS MB'.padStart(7)} ${'RSS - baseline'.padStart(15)}\n`,
  );
  const imports = new Map<string, number>();
  for (const bundle of folders) {
    const zip = zipped.find((z) => z.name === bundle.name);
    const m = await measure(bundle, true);
    imports.set(bundle.name, m.importMs);
    process.stdout.write(
      `${bundle.name.padEnd(18)} ${mb(zip?.size ?? Number.NaN).padStart(7)} ${m.importMs.toFixed(0).padStart(10)} ${(m.importMs - entryAlone.importMs).toFixed(0).padStart(9)} ${mb(m.rss).padStart(7)} ${mb(m.rss - baseline.rss).padStart(15)}\n`,
    );
  }
  // The machine's load moves every import together; the opt-out import over the health bundle's
  // (a function with no form, measured in the same run) compares runs taken under different loads.
  const ratio = (imports.get('opt-out') ?? Number.NaN) / (imports.get('health') ?? Number.NaN);
  process.stdout.write(`opt-out import / health import: ${ratio.toFixed(2)}\n`);

  // A cold first request to the opt-out bundle, end to end, beside warm ones in the same process.
  // Every other run's first opt-out gives a phone number: the numbering plan is loaded then
  // (src/server/phone-line.ts), so that cold request pays for it.
  const colds: number[] = [];
  const coldsWithPhone: number[] = [];
  const warms: number[] = [];
  for (let i = 0; i < 2 * RUNS; i += 1) {
    const t0 = performance.now();
    const running = await startBundle({ bundle: optOut, env: envFor(optOut) });
    const post = (n: number, phone?: string) =>
      fetch(`${running.origin}/api/opt-out`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-nf-client-connection-ip': `192.0.2.${i + 1}` },
        body: JSON.stringify({ ...optOutBody(1000 * i + n), ...(phone ? { phone } : {}) }),
      });
    const first = await post(0, i % 2 === 1 ? '07911 123456' : undefined);
    (i % 2 === 1 ? coldsWithPhone : colds).push(performance.now() - t0);
    if (first.status !== 201) throw new Error(`cold request answered ${first.status}: ${await first.text()}`);
    for (let n = 1; n <= 5; n += 1) {
      const t1 = performance.now();
      const warm = await post(n);
      warms.push(performance.now() - t1);
      if (warm.status !== 201) throw new Error(`warm request answered ${warm.status}`);
    }
    await stopBundle(running);
  }
  process.stdout.write(
    `\nopt-out, cold first request (process start + import + first opt-out, 201): median ${median(colds).toFixed(0)} ms of ${RUNS}` +
      `\nopt-out, cold first request giving a phone number (loads the numbering plan): median ${median(coldsWithPhone).toFixed(0)} ms of ${RUNS}` +
      `\nopt-out, warm request in the same process: median ${median(warms).toFixed(1)} ms; cold/warm ${(median(colds) / median(warms)).toFixed(0)}x\n`,
  );
} finally {
  await sink.stop();
  pg.stop();
  rmSync(work, { recursive: true, force: true });
}
