import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { BundledFunction } from '../../scripts/bundle-functions.ts';
import { startCdn } from './cdn.ts';

/**
 * "The deployed site" on this machine: every function bundle that Netlify's bundler wrote runs in
 * a process of its own (lambda-runtime.mjs: the Lambda runtime's API around Netlify's bootstrap),
 * with its own folder as the working directory, production settings, and Node's permission model
 * letting it read nothing but that folder; tests/platform/cdn.ts stands in front as Netlify's CDN
 * (dist/, _headers, netlify.toml, routes to the functions). Scheduled functions are invoked as the
 * platform's scheduler invokes them.
 */
export const runtimeFile = resolve(import.meta.dirname, 'lambda-runtime.mjs');

export interface RunningBundle {
  name: string;
  origin: string;
  /** Milliseconds to import the bundle's entry (and its function module, when asked to). */
  importMs: number;
  rssBefore: number;
  rssAfter: number;
  heapAfter: number;
  /** Everything the function printed: its log lines are checked for leaks and errors. */
  output: string[];
  process: ChildProcess;
}

/** The environment a function gets on the platform: production settings, nothing of this machine's. */
export function platformEnv(options: {
  name: string;
  bundleDir: string;
  databaseUrl: string;
  smtpUrl: string;
  publicUrl: string;
  keys: { FIELD_ENCRYPTION_KEYS: string; LOOKUP_HMAC_KEY: string };
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    TZ: 'UTC',
    // What AWS Lambda sets; the code takes them to mean "on a platform" (production rules).
    AWS_LAMBDA_FUNCTION_NAME: options.name,
    LAMBDA_TASK_ROOT: options.bundleDir,
    DATABASE_URL: options.databaseUrl,
    SMTP_URL: options.smtpUrl,
    PUBLIC_URL: options.publicUrl,
    ...options.keys,
    ...options.extra,
  };
}

/** Fresh production keys, shared by every function of one deployment. */
export function deploymentKeys(): { FIELD_ENCRYPTION_KEYS: string; LOOKUP_HMAC_KEY: string } {
  return {
    FIELD_ENCRYPTION_KEYS: `deploy1:${randomBytes(32).toString('base64')}`,
    LOOKUP_HMAC_KEY: randomBytes(32).toString('base64'),
  };
}

/**
 * Starts one bundle's process and waits until it answers. `importFunction` also imports the
 * function's own module before serving (to measure it); otherwise the bootstrap imports it on the
 * first request, as on the platform.
 */
export async function startBundle(options: {
  bundle: BundledFunction;
  env: Record<string, string>;
  importFunction?: boolean;
}): Promise<RunningBundle> {
  const { bundle } = options;
  const child = spawn(
    process.execPath,
    [
      '--permission',
      `--allow-fs-read=${bundle.path}`,
      `--allow-fs-read=${runtimeFile}`,
      runtimeFile,
      bundle.path,
      bundle.entryFilename,
      ...(options.importFunction ? ['--import-function'] : []),
    ],
    { cwd: bundle.path, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<Record<string, number>>((resolveReady, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`The ${bundle.name} bundle stopped at start (exit ${code}):\n${output.join('\n')}`));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      output.push(line);
      if (!line.startsWith('{"port":')) return;
      child.off('exit', onExit);
      resolveReady(JSON.parse(line) as Record<string, number>);
    });
  });
  return {
    name: bundle.name,
    origin: `http://127.0.0.1:${ready['port']}`,
    importMs: ready['importMs'] ?? Number.NaN,
    rssBefore: ready['rssBefore'] ?? Number.NaN,
    rssAfter: ready['rssAfter'] ?? Number.NaN,
    heapAfter: ready['heapAfter'] ?? Number.NaN,
    output,
    process: child,
  };
}

export async function stopBundle(bundle: RunningBundle): Promise<void> {
  if (bundle.process.exitCode !== null) return;
  const exited = new Promise((done) => bundle.process.once('exit', done));
  bundle.process.kill('SIGTERM');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 3000))]);
  if (bundle.process.exitCode === null) bundle.process.kill('SIGKILL');
}

export interface Platform {
  url: string;
  bundles: Map<string, RunningBundle>;
  /** Invokes a scheduled function as Netlify's scheduler does: a POST with `next_run` in the body. */
  runSchedule(name: string): Promise<Response>;
  stop(): Promise<void>;
}

export async function startPlatform(options: {
  bundles: readonly BundledFunction[];
  distDir: string;
  netlifyToml: string;
  databaseUrl: string;
  smtpUrl: string;
  keys: { FIELD_ENCRYPTION_KEYS: string; LOOKUP_HMAC_KEY: string };
  /** The CDN's port (the site's address, used in emailed links). */
  port: number;
  extraEnv?: Record<string, string>;
}): Promise<Platform> {
  const url = `http://127.0.0.1:${options.port}`;
  const running = await Promise.all(
    options.bundles.map((bundle) =>
      startBundle({
        bundle,
        env: platformEnv({
          name: bundle.name,
          bundleDir: bundle.path,
          databaseUrl: options.databaseUrl,
          smtpUrl: options.smtpUrl,
          publicUrl: url,
          keys: options.keys,
          ...(options.extraEnv ? { extra: options.extraEnv } : {}),
        }),
      }),
    ),
  );
  const bundles = new Map(running.map((bundle) => [bundle.name, bundle]));
  const cdn = await startCdn({
    distDir: options.distDir,
    netlifyToml: options.netlifyToml,
    port: options.port,
    routes: options.bundles
      .filter((bundle) => bundle.routes.length > 0)
      .flatMap((bundle) =>
        bundle.routes.map((route) => ({
          name: bundle.name,
          paths: [route.pattern],
          ...(route.methods.length ? { methods: route.methods } : {}),
          origin: bundles.get(bundle.name)?.origin ?? '',
        })),
      ),
  });
  return {
    url: cdn.url,
    bundles,
    runSchedule: async (name) => {
      const bundle = bundles.get(name);
      if (!bundle) throw new Error(`No function called ${name}`);
      return fetch(`${bundle.origin}/.netlify/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Netlify Clockwork' },
        body: JSON.stringify({ next_run: new Date(Date.now() + 60_000).toISOString() }),
      });
    },
    stop: async () => {
      await cdn.close();
      await Promise.all(running.map(stopBundle));
    },
  };
}
