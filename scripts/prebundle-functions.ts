import { readdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * Each function in functions/ as one self-contained ES module (esbuild, every package inlined),
 * written to build/functions/ for Netlify's bundler (netlify.toml's [functions] directory).
 *
 * Why: for Functions v2, Netlify's bundler inlines our own code but leaves every package as
 * separate files in node_modules. Loading drizzle-orm that way costs ~200 MB and ~1 s on Node 24
 * (measured by bench/bundles.ts): Node 24 re-reads a package's package.json for each of its
 * modules, and drizzle-orm's is 179 KB. One module per function loads in a fraction of that.
 * The embedded database's packages stay outside (imported only when PGlite opens, never in
 * production) and netlify.toml keeps them out of the bundles. The local server still loads
 * functions/*.ts directly, so both run the same handlers.
 */
export const repositoryRoot = resolve(import.meta.dirname, '..');
export const sourceDir = resolve(repositoryRoot, 'functions');
export const prebundledDir = resolve(repositoryRoot, 'build', 'functions');

/**
 * rate-limiter-flexible loads drizzle-orm through a name it builds at run time
 * (`['drizzle', 'orm'].join('-')`), to hide it from bundlers. Inlined, that import looks for a
 * drizzle-orm the bundle does not carry (every rate-limited function answered 503; found by the
 * platform journeys). This rewrites those imports to plain ones, which esbuild then inlines, and
 * stops the build if the library's code no longer has them, so an update cannot break it quietly.
 */
const drizzleImports: Plugin = {
  name: 'rate-limiter-flexible-drizzle-imports',
  setup(builder) {
    builder.onLoad(
      { filter: /rate-limiter-flexible[\\/]lib[\\/]RateLimiterDrizzle(NonAtomic)?\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        // The library's own source text, placeholders and all.
        const name = '$' + '{getPackageName()}';
        const rewrites: [string, string][] = args.path.includes('NonAtomic')
          ? [[`await import(\`${name}\`)`, "await import('drizzle-orm')"]]
          : [
              [`await importModule(\`${name}\`)`, "await import('drizzle-orm')"],
              [`await importModule(\`${name}/sql\`, { optional: true })`, "await import('drizzle-orm/sql')"],
            ];
        let contents = source;
        for (const [from, to] of rewrites) {
          if (!contents.includes(from)) {
            throw new Error(
              `${args.path} no longer contains ${from}: check how it loads drizzle-orm before bundling it`,
            );
          }
          contents = contents.replace(from, to);
        }
        return { contents, loader: 'js' };
      },
    );
  },
};

/**
 * Only the parts of three packages that the functions use, so each module Node compiles on a
 * cold start is smaller (compiling the opt-out module's source was most of its import time;
 * bench/bundles.ts measures it). Each entry point below is replaced by one that re-exports just
 * what our code imports. The replacement is plain ES module text, so if our code ever imports a
 * name that is not listed, esbuild stops the build ("No matching export") instead of shipping a
 * missing function. The guards also stop the build if a package changes the file we rely on.
 * - react-dom/server: the functions render with renderToStaticMarkup, which lives in the
 *   "legacy" server build; the package's entry also loads the streaming renderer (210 KB). The
 *   legacy build (and react-dom with it) is set up on the first page rendered, not when the
 *   function's module loads: a JSON answer or a redirect never needs it, and set up at import it
 *   was compiled in full on every cold start (issue 13). The require() stays a literal, so esbuild
 *   still inlines the file; only the call waits.
 * - zod's locales: zod's entry exports every language's error messages (290 KB); our forms use
 *   their own words (src/i18n) and zod's English default only.
 * - rate-limiter-flexible: its entry requires every store it supports, and Node's cluster and
 *   child_process modules with them; we use the Drizzle and memory stores and their result type.
 */
const onlyWhatFunctionsUse: Plugin = {
  name: 'only-what-functions-use',
  setup(builder) {
    const packageDir = (name: string) => resolve(repositoryRoot, 'node_modules', name);
    const replacements: Record<string, { contents: string; resolveDir: string }> = {
      'react-dom/server': {
        contents: [
          'let legacy;',
          "const renderer = () => (legacy ??= require('./cjs/react-dom-server-legacy.node.production.js'));",
          'export const renderToStaticMarkup = (element, options) => renderer().renderToStaticMarkup(element, options);',
          'export const renderToString = (element, options) => renderer().renderToString(element, options);',
        ].join('\n'),
        resolveDir: packageDir('react-dom'),
      },
      'rate-limiter-flexible': {
        contents: [
          "import RateLimiterDrizzle from './lib/RateLimiterDrizzle.js';",
          "import RateLimiterMemory from './lib/RateLimiterMemory.js';",
          "import RateLimiterRes from './lib/RateLimiterRes.js';",
          'export { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes };',
        ].join('\n'),
        resolveDir: packageDir('rate-limiter-flexible'),
      },
    };
    builder.onResolve({ filter: /^(react-dom\/server|rate-limiter-flexible)$/ }, (args) => ({
      path: args.path,
      namespace: 'only-what-functions-use',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'only-what-functions-use' }, async (args) => {
      const replacement = replacements[args.path];
      if (!replacement) throw new Error(`No replacement entry point for ${args.path}`);
      return { ...replacement, loader: 'js' };
    });
    builder.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, async (args) => {
      const english = 'export { default as en } from "./en.js";';
      if (!(await readFile(args.path, 'utf8')).includes(english)) {
        throw new Error(`${args.path} no longer exports English as "en": check zod's locales before bundling`);
      }
      return { contents: english, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

export async function prebundleFunctions(outDir = prebundledDir): Promise<string[]> {
  const entries = readdirSync(sourceDir)
    .filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(sourceDir, file));
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    // nodemailer is loaded when the first email goes (src/server/mail/transport.ts), after the
    // answer, and libphonenumber-js when the first form with a phone number comes in
    // (src/server/phone-line.ts): left as packages, which Netlify's bundler copies into the
    // bundle's node_modules, the function's module does not carry them. Inlined, even behind a
    // dynamic import, libphonenumber-js's 211 KB is compiled on every cold start (issue 13).
    external: [
      '@electric-sql/pglite',
      'drizzle-orm/pglite',
      'drizzle-orm/pglite/migrator',
      'nodemailer',
      'libphonenumber-js',
    ],
    // Packages' production builds only (React's development build doubled the size). The code's
    // own NODE_ENV check reads the environment at run time (src/server/env.ts), not this.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Whitespace and syntax only: names stay, so stack traces in the logs still read.
    minifyWhitespace: true,
    minifySyntax: true,
    // Packages written as CommonJS call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [drizzleImports, onlyWhatFunctionsUse],
  });
  return entries;
}

if (process.argv[1] === import.meta.filename) {
  const started = performance.now();
  const entries = await prebundleFunctions();
  process.stdout.write(
    `${entries.length} functions prebundled into ${prebundledDir} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
