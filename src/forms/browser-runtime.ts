import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Plugin, transformWithOxc } from 'vite';

/** The islands' React, in the browser: plain Preact and its hooks (src/forms/react-on-preact.ts). */
const REACT_ON_PREACT = fileURLToPath(new URL('./react-on-preact.ts', import.meta.url));
/** Astro's React hydration script, in the browser: Preact's hydrate (src/forms/hydrate-on-preact.ts). */
const HYDRATE_ON_PREACT = fileURLToPath(new URL('./hydrate-on-preact.ts', import.meta.url));
const ASTRO_REACT_CLIENT = /[\\/]@astrojs[\\/]react[\\/]dist[\\/]client\.js$/;

/** React's names, and the module that stands in for each in an island's browser build. */
const PREACT_FOR: Readonly<Record<string, string>> = {
  react: REACT_ON_PREACT,
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-dev-runtime',
};

/** Where an island's module graph starts. */
const ISLAND_ENTRY = /[\\/]src[\\/]islands[\\/]/;
const FORM_CODE = /[\\/]src[\\/]forms[\\/][^?]*\.tsx?$/;
/** The query that marks an island's own copy of a module under src/forms/. */
export const ISLAND_COPY = '?island';

/** Whether a module belongs to an island's graph in the browser build. */
export const inIsland = (importer: string) => ISLAND_ENTRY.test(importer) || importer.endsWith(ISLAND_COPY);

/**
 * Issue 20: the form and search pages sent about 65 KB (gzip) of React's browser runtime to
 * hydrate islands that only validate and show or hide questions. In the browser build those
 * islands run on plain Preact and its hooks (about 5.4 KB; preact/compat cost about 2 KB more), and
 * Astro's React hydration script is replaced by Preact's hydrate, while the server build, the
 * functions and the CMS keep rendering the same components with React, so the markup has one
 * source. The CMS previews some forms (a consultation's questions) inside Decap's React editor, so
 * an island gets its own copy of each module under src/forms/ (the same file, marked ?island), and
 * only those copies see Preact. Preact hydrates React's server HTML without rewriting it:
 * attributes are not diffed during hydration, and a value typed before the script ran is kept.
 */
export function preactInTheBrowser(): Plugin {
  return {
    name: 'clearshare-preact-in-the-browser',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!forTheBrowser(this, importer, options) || !inIsland(importer)) return null;
      const target = PREACT_FOR[source];
      if (target) return this.resolve(target, importer, { skipSelf: true });
      if (!source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer.replace(ISLAND_COPY, ''), { skipSelf: true });
      return resolved && FORM_CODE.test(resolved.id) ? `${resolved.id}${ISLAND_COPY}` : null;
    },
    load(id, options) {
      if (ASTRO_REACT_CLIENT.test(id) && forTheBrowser(this, id, options ?? {}))
        return `export { default } from ${JSON.stringify(HYDRATE_ON_PREACT)};`;
      return loadCopy(id, ISLAND_COPY);
    },
  };
}

/**
 * Whether a module is being resolved for the browser build with the islands' changes on.
 * ISLANDS_ON_REACT=true builds the islands on React with every string, as before, to measure or
 * compare the two.
 */
export function forTheBrowser(
  context: { environment?: { config: { consumer: string } } | undefined },
  importer: string | undefined,
  options: { ssr?: boolean | undefined },
): importer is string {
  if (process.env['ISLANDS_ON_REACT'] === 'true' || !importer || options.ssr) return false;
  return !context.environment || context.environment.config.consumer === 'client';
}

/** Loads a marked copy (file?query) of a TypeScript module: the same file, compiled as Vite would. */
type Compiled = Awaited<ReturnType<typeof transformWithOxc>>;
export async function loadCopy(
  id: string,
  query: string,
): Promise<{ code: string; map?: NonNullable<Compiled['map']> } | null> {
  if (!id.endsWith(query)) return null;
  const file = id.slice(0, -query.length);
  const { code, map } = await transformWithOxc(await readFile(file, 'utf8'), file, {
    lang: file.endsWith('.tsx') ? 'tsx' : 'ts',
    jsx: { runtime: 'automatic', importSource: 'react' },
  });
  return map ? { code, map } : { code };
}

/**
 * How the browser build splits the islands' code (issue 20): Preact in one file, which search also
 * loads, and the code most form islands share in another: zod/mini, the islands' copies of the
 * form components and live validation, the string lookup, and the date, reference and memo rules.
 * Left to itself the bundler made ten files for the opt-out form, and compressing them one by one
 * cost 1.2 KB (gzip) more than these two; the email updates and consultation forms now load 0.7 to
 * 0.9 KB they do not use. The CMS's modules are not copies (no ?island), so /admin/ loads neither.
 */
const SHARED_FORM_CODE =
  /[\\/]node_modules[\\/]zod[\\/]|\?island-strings$|[\\/]src[\\/](domain[\\/](calendar-date|reference|parsed-field)|schemas[\\/]forms[\\/]memoize|i18n[\\/]languages)\.ts$|[\\/]src[\\/]forms[\\/](components[\\/]|use-|validation|island-language|LanguageScope)[^?]*\?island$/;
export const islandChunks = {
  groups: [
    {
      name: 'preact',
      test: /[\\/]node_modules[\\/]preact[\\/]|[\\/]src[\\/]forms[\\/]react-on-preact\.ts$/,
      priority: 2,
    },
    { name: 'forms', test: SHARED_FORM_CODE, priority: 1 },
  ],
};
