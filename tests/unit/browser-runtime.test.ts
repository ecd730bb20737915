import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageFiles } from '../../bench/page-weight.ts';
import { islandChunks, preactInTheBrowser } from '../../src/forms/browser-runtime.ts';

/**
 * Issue 20 part 2: the islands hydrate on Preact in the browser, and React stays everywhere else
 * (the server's render, the functions, the CMS, whose Decap editor needs React itself).
 */
type Resolve = (source: string, importer: string | undefined, ssr: boolean, consumer?: string) => Promise<unknown>;

const resolveWith: Resolve = async (source, importer, ssr, consumer = ssr ? 'server' : 'client') => {
  const plugin = preactInTheBrowser();
  const hook = plugin.resolveId as unknown as (
    this: unknown,
    source: string,
    importer: string | undefined,
    options: { ssr: boolean },
  ) => Promise<unknown>;
  const context = {
    environment: { config: { consumer } },
    resolve: async (target: string, from: string) =>
      target.startsWith('.') || target.startsWith('/')
        ? { id: new URL(target, `file://${from}`).pathname }
        : { id: `/node_modules/${target}` },
  };
  return hook.call(context, source, importer, { ssr });
};

const ISLAND = '/work/site/src/islands/OptOutForm.tsx';
const COMPONENT = '/work/site/src/forms/components/ErrorSummary.tsx';
const ASTRO_CLIENT = '/work/site/node_modules/@astrojs/react/dist/client.js';
const CMS = '/work/site/src/admin/previews/ConsultationPreview.tsx';
const REACT_ON_PREACT = join(import.meta.dirname, '../../src/forms/react-on-preact.ts');
const HYDRATE_ON_PREACT = join(import.meta.dirname, '../../src/forms/hydrate-on-preact.ts');

describe('the islands run on Preact in the browser only', () => {
  it("gives an island and its copy of a form component plain Preact in the browser build, and Astro's hydration script Preact's hydrate", async () => {
    expect(await resolveWith('react', ISLAND, false)).toEqual({ id: REACT_ON_PREACT });
    expect(await resolveWith('react/jsx-runtime', `${COMPONENT}?island`, false)).toEqual({
      id: '/node_modules/preact/jsx-runtime',
    });
    const plugin = preactInTheBrowser();
    const load = plugin.load as unknown as (this: unknown, id: string, options?: { ssr?: boolean }) => Promise<unknown>;
    const client = { environment: { config: { consumer: 'client' } } };
    const server = { environment: { config: { consumer: 'server' } } };
    expect(await load.call(client, ASTRO_CLIENT)).toBe(`export { default } from ${JSON.stringify(HYDRATE_ON_PREACT)};`);
    expect(await load.call(server, ASTRO_CLIENT)).toBeNull();
  });

  it("gives an island its own copy of each form module, so the CMS's previews keep React", async () => {
    expect(await resolveWith('../forms/components/ErrorSummary.tsx', ISLAND, false)).toBe(`${COMPONENT}?island`);
    expect(await resolveWith('./FormGroup.tsx', `${COMPONENT}?island`, false)).toBe(
      '/work/site/src/forms/components/FormGroup.tsx?island',
    );
    expect(await resolveWith('../../i18n/t.ts', `${COMPONENT}?island`, false)).toBeNull();
    expect(await resolveWith('../../forms/components/ErrorSummary.tsx', CMS, false)).toBeNull();
    expect(await resolveWith('react/jsx-runtime', COMPONENT, false)).toBeNull();
  });

  it("puts Preact in one file and the forms' shared code in another, leaving the CMS's modules out", () => {
    const group = (id: string) => islandChunks.groups.find((candidate) => candidate.test.test(id))?.name;
    expect(group('/work/site/node_modules/preact/hooks/dist/hooks.module.js')).toBe('preact');
    expect(group('/work/site/src/forms/react-on-preact.ts')).toBe('preact');
    expect(group(`${COMPONENT}?island`)).toBe('forms');
    expect(group('/work/site/src/forms/use-live-validation.ts?island')).toBe('forms');
    expect(group('/work/site/node_modules/zod/v4/core/schemas.js')).toBe('forms');
    expect(group(COMPONENT)).toBeUndefined();
    expect(group('/work/site/src/islands/OptOutForm.tsx')).toBeUndefined();
  });

  it('keeps React for the server build, for the CMS and for anything not React', async () => {
    expect(await resolveWith('react', ISLAND, true)).toBeNull();
    expect(await resolveWith('react', ISLAND, false, 'server')).toBeNull();
    expect(await resolveWith('react', CMS, false)).toBeNull();
    expect(await resolveWith('zod', ISLAND, false)).toBeNull();
  });
});

/**
 * On a built site (CHECK_BUILT_SITE, as scripts/test.ts sets after the build): no script a form or
 * search page loads carries React or React DOM, whose client runtime was about 65 KB gzip of the 148 KB.
 */
const built = process.env['CHECK_BUILT_SITE'];
const ISLAND_PAGES = ['opt-out/form', 'opt-out/status', 'contact', 'updates/subscribe', 'search'];
describe.skipIf(!built)('the built form and search pages load no React', () => {
  it.each(ISLAND_PAGES)('/%s/ hydrates on Preact', (page) => {
    const dist = built ?? 'dist';
    const scripts = pageFiles(dist, join(dist, page, 'index.html')).filter((file) => file.kind === 'js');
    const source = scripts.map((file) => readFileSync(file.path, 'utf8')).join('\n');
    // Preact's vnode children (__k) and hook state (__H): its property names survive minifying.
    expect(source).toMatch(/\.__k\b[\s\S]*\.__H\b|\.__H\b[\s\S]*\.__k\b/);
    // React's own builds: its shared internals, and React DOM's links to its error decoder.
    expect(source).not.toContain('__CLIENT_INTERNALS_DO_NOT_USE');
    expect(source).not.toContain('react.dev/errors');
  });

  /**
   * Classic zod cannot be tree-shaken (about 15 KB gzip more on a form page), so one classic import
   * anywhere in an island's graph would bring it all back: the form schemas use zod/mini. Each
   * build names its schema classes with $constructor("ZodMiniString") or $constructor("ZodString").
   */
  it.each(ISLAND_PAGES.filter((page) => page !== 'search'))('/%s/ validates with zod/mini only', (page) => {
    const dist = built ?? 'dist';
    const scripts = pageFiles(dist, join(dist, page, 'index.html')).filter((file) => file.kind === 'js');
    const source = scripts.map((file) => readFileSync(file.path, 'utf8')).join('\n');
    expect(source).toMatch(/[`"']ZodMiniString[`"']/);
    expect(source).not.toMatch(/[`"']ZodString[`"']/);
  });
});

/**
 * The browser's copy of src/i18n/t.ts has no staff, governance, privacy or launch-check strings
 * (src/forms/island-strings.ts), so no module an island loads may ask for one: t() would throw.
 */
describe("the islands ask only for residents' UI strings", () => {
  const i18n = join(import.meta.dirname, '../../src/i18n/en');
  const keysOf = (names: string[]) =>
    names.flatMap((name) => Object.keys(JSON.parse(readFileSync(join(i18n, name), 'utf8'))));
  const files = readdirSync(i18n).filter((name) => name.endsWith('.json'));
  const dropped = files.filter((name) => /^(staff-[\w-]+|governance|privacy|launch-check)\.json$/.test(name));
  const keptKeys = new Set(keysOf(files.filter((name) => !dropped.includes(name))));
  const droppedKeys = keysOf(dropped).filter((key) => !keptKeys.has(key));
  // Areas only the dropped files use, so a key built at run time (`governance.${part}`) is caught too.
  const keptAreas = new Set([...keptKeys].map((key) => key.split('.')[0]));
  const areas = [...new Set(droppedKeys.map((key) => key.split('.')[0]))].filter((area) => !keptAreas.has(area));

  it.each(['src/forms', 'src/islands', 'src/schemas/forms', 'src/domain'])('%s names no dropped key', (folder) => {
    expect(droppedKeys.length).toBeGreaterThan(100);
    const root = join(import.meta.dirname, '../..', folder);
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => /\.tsx?$/.test(name));
    const asking = sources.flatMap((name) => {
      const text = readFileSync(join(root, name), 'utf8');
      const literals = new Set([...text.matchAll(/['"`]([\w.-]+)['"`]/g)].map((match) => match[1]));
      return [
        ...droppedKeys.filter((key) => literals.has(key)),
        ...areas.filter((area) => new RegExp(`['"\`]${area}\\.`).test(text)),
      ].map((what) => `${name}: ${what}`);
    });
    expect(asking).toEqual([]);
  });
});
