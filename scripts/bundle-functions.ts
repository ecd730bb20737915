import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Config, type FunctionResult, zipFunctions } from '@netlify/zip-it-and-ship-it';
import { parse } from 'smol-toml';
import { prebundleFunctions } from './prebundle-functions.ts';

/**
 * Bundles every function with Netlify's own bundler (@netlify/zip-it-and-ship-it, the code
 * Netlify's build runs), with the [functions] settings of netlify.toml, into `outDir`: first the
 * build's own step (scripts/prebundle-functions.ts writes functions/ into netlify.toml's functions
 * directory), then the bundler on that directory, as Netlify does after `npm run build`.
 * `archiveFormat: 'zip'` gives the archives Netlify uploads (for their sizes); `'none'` gives the
 * same files as folders, ready to run. The tests and benches run the bundles from there, outside
 * the repository (tests/platform/).
 */
export interface BundledFunction {
  name: string;
  /** The archive (.zip) or folder the bundler wrote. */
  path: string;
  /** The file the platform loads, relative to the bundle: it exports the Lambda `handler`. */
  entryFilename: string;
  /** HTTP routes (URLPattern syntax) and methods, or the cron schedule, as the bundler read them. */
  routes: { pattern: string; methods: string[] }[];
  schedule: string | undefined;
  /** Bytes of the archive (zip format only). */
  size: number | undefined;
}

export const repositoryRoot = resolve(import.meta.dirname, '..');

/** netlify.toml's [functions] block as the bundler's config (the names Netlify's build maps them to). */
export function functionsConfig(tomlPath = resolve(repositoryRoot, 'netlify.toml')): {
  directory: string;
  config: Config;
} {
  const toml = parse(readFileSync(tomlPath, 'utf8')) as {
    functions?: {
      directory?: string;
      node_bundler?: 'esbuild' | 'nft' | 'zisi';
      included_files?: string[];
      external_node_modules?: string[];
    };
  };
  const functions = toml.functions ?? {};
  return {
    directory: functions.directory ?? 'netlify/functions',
    config: {
      '*': {
        ...(functions.node_bundler ? { nodeBundler: functions.node_bundler } : {}),
        includedFiles: functions.included_files ?? [],
        externalNodeModules: functions.external_node_modules ?? [],
        nodeVersion: '24',
      },
    },
  };
}

export async function bundleFunctions(options: {
  outDir: string;
  archiveFormat: 'zip' | 'none';
}): Promise<BundledFunction[]> {
  const { directory, config } = functionsConfig();
  await prebundleFunctions(resolve(repositoryRoot, directory));
  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  const results: FunctionResult[] = await zipFunctions(resolve(repositoryRoot, directory), options.outDir, {
    archiveFormat: options.archiveFormat,
    basePath: repositoryRoot,
    repositoryRoot,
    config,
    manifest: resolve(options.outDir, 'manifest.json'),
  });
  return results
    .map((result) => ({
      name: result.name,
      path: result.path,
      entryFilename: result.entryFilename,
      routes: (result.routes ?? []).map((route) => ({
        pattern: route.pattern,
        methods: route.methods ?? [],
      })),
      schedule: result.schedule,
      size: result.size,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// `npm run bundle -- <out dir> [--zip]`: bundles and lists what was written.
if (process.argv[1] === import.meta.filename) {
  const outDir = resolve(process.argv[2] ?? '.netlify/functions-bundled');
  const started = performance.now();
  const bundles = await bundleFunctions({ outDir, archiveFormat: process.argv.includes('--zip') ? 'zip' : 'none' });
  for (const bundle of bundles) {
    const where = bundle.schedule ? `schedule ${bundle.schedule}` : bundle.routes.map((r) => r.pattern).join(' ');
    process.stdout.write(
      `${bundle.name.padEnd(20)} ${bundle.size ? `${(bundle.size / 1e6).toFixed(2)} MB  ` : ''}${where}\n`,
    );
  }
  process.stdout.write(
    `${bundles.length} functions bundled into ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
