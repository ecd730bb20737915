import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { bundleFunctions, repositoryRoot } from '../../scripts/bundle-functions.ts';
import { startPgbouncer } from '../support/pgbouncer.ts';
import { findPgBin, startCluster } from '../support/postgres-cluster.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { deploymentKeys, type Platform, startPlatform } from './platform.ts';
import { type PlatformState, platformPorts } from './state.ts';

const run = promisify(execFile);

/**
 * The deployed shape, twice: Netlify's bundles of every function, outside the repository, in
 * front of PostgreSQL directly and through pgbouncer in transaction mode, with the CDN stand-in
 * serving dist/. Each deployment has its own database, migrated by `npm run db:migrate` (the
 * real command), and its own staff accounts made by `npm run staff -- add` (the real command).
 * The scheduler invokes the scheduled functions as Netlify's does, more often (every second for
 * the outbox, so journeys need not wait a minute for an email).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const distDir = resolve(repositoryRoot, 'dist');
  if (!existsSync(join(distDir, 'form-shell', 'index.html'))) throw new Error('Build the site first (npm run build)');
  const work = mkdtempSync(join(tmpdir(), 'clearshare-platform-'));
  const started = performance.now();
  const bundles = await bundleFunctions({ outDir: join(work, 'bundles'), archiveFormat: 'none' });
  process.stdout.write(
    `  ${bundles.length} functions bundled by Netlify's bundler in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );

  const pgBin = findPgBin();
  if (!pgBin) throw new Error('PostgreSQL is not installed: .ci/run installs it');
  const cluster = await startCluster(pgBin);
  const pgbouncer = await startPgbouncer({ targetUrl: cluster.url });
  const mailDir = join(work, 'mail');
  mkdirSync(mailDir);
  let count = 0;
  const sink = await startSmtpSink({
    onMessage: (email) => {
      count += 1;
      // Written aside, then renamed into place: the tests read the folder while mail arrives,
      // and a half-written file failed a journey with "Unexpected end of JSON input".
      const name = `${Date.now()}-${String(count).padStart(5, '0')}.json`;
      writeFileSync(join(mailDir, `${name}.part`), JSON.stringify(email));
      renameSync(join(mailDir, `${name}.part`), join(mailDir, name));
    },
  });

  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  const ports = platformPorts();
  const platforms: Platform[] = [];
  const state: PlatformState = { mailDir, deployments: {} };
  const timers: NodeJS.Timeout[] = [];
  for (const [name, port] of Object.entries(ports) as [keyof typeof ports, number][]) {
    // Not the deployment's bare name: through pgbouncer, a database called "pgbouncer" is the
    // pooler's own admin console, not the PostgreSQL database.
    const database = `clearshare_${name}`;
    await admin.unsafe(`create database ${database}`);
    const direct = cluster.url.replace(/\/postgres$/, `/${database}`);
    const pooled = pgbouncer.url.replace(/\/postgres$/, `/${database}`);
    const keys = deploymentKeys();
    const url = `http://127.0.0.1:${port}`;
    // The release steps of docs/deploy.md, by their npm commands.
    const commandEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: direct,
      SMTP_URL: sink.url,
      PUBLIC_URL: url,
      ...keys,
    };
    await run(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { env: commandEnv, cwd: repositoryRoot });
    const staff: Record<string, string> = {};
    for (const role of ['admin', 'ig', 'comms'] as const) {
      for (let n = 1; n <= 4; n += 1) {
        const email = `${role}-${n}@${name}.staff.example`;
        const { stdout } = await run(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/staff.ts',
            'add',
            '--email',
            email,
            '--name',
            `Test ${role} ${n}`,
            '--role',
            role,
            '--json',
          ],
          { env: commandEnv, cwd: repositoryRoot },
        );
        staff[email] = (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { link: string }).link;
      }
    }
    const platform = await startPlatform({
      bundles,
      distDir,
      netlifyToml: resolve(repositoryRoot, 'netlify.toml'),
      databaseUrl: name === 'pgbouncer' ? pooled : direct,
      smtpUrl: sink.url,
      keys,
      port,
      // The journeys post many forms from one address; the limits have tests of their own.
      extraEnv: { RATE_LIMIT_PER_CLIENT_PER_HOUR: '10000' },
    });
    platforms.push(platform);
    const schedule = (fn: string, everyMs: number) => {
      const tick = () =>
        platform.runSchedule(fn).then(
          async (response) => {
            if (response.status !== 200)
              process.stderr.write(`${fn} answered ${response.status}: ${await response.text()}\n`);
          },
          (error: unknown) => process.stderr.write(`${fn} could not be invoked: ${String(error)}\n`),
        );
      timers.push(setInterval(tick, everyMs));
    };
    schedule('outbox-dispatch', 1000);
    schedule('retention', 15_000);
    state.deployments[name] = {
      url,
      databaseUrl: direct,
      staff,
      origins: Object.fromEntries([...platform.bundles].map(([fn, bundle]) => [fn, bundle.origin])),
      bundlesDir: join(work, 'bundles'),
    };
  }
  await admin.end();
  writeFileSync(join(work, 'state.json'), JSON.stringify(state, null, 2));
  process.env['PLATFORM_STATE'] = join(work, 'state.json');

  return async () => {
    for (const timer of timers) clearInterval(timer);
    // Any line a function wrote at level "error" is a failure the journeys did not see.
    for (const platform of platforms) {
      for (const bundle of platform.bundles.values()) {
        const errors = bundle.output.filter(
          (line) => line.includes('"level":"error"') || line.includes('runtimeError'),
        );
        if (errors.length) process.stderr.write(`\n${bundle.name} logged errors:\n${errors.join('\n')}\n`);
        // A process that died (an uncaught exception) prints no "error" line: say so, with its last words.
        if (bundle.process.exitCode !== null || bundle.process.signalCode !== null)
          process.stderr.write(
            `\n${bundle.name} stopped during the run (exit ${bundle.process.exitCode ?? bundle.process.signalCode}):\n${bundle.output.slice(-20).join('\n')}\n`,
          );
      }
    }
    await Promise.all(platforms.map((platform) => platform.stop()));
    await sink.stop();
    await pgbouncer.stop();
    cluster.stop();
    rmSync(work, { recursive: true, force: true });
  };
}
