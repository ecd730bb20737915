// @ts-check

import { readdirSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { islandChunks, preactInTheBrowser } from './src/forms/browser-runtime.ts';
import { islandStrings } from './src/forms/island-strings.ts';
import { netlifyHeadersFile, untrustedInlineScripts } from './src/server/http/security-headers.ts';
import { netlifyStaffOriginRules } from './src/server/http/staff-origin.ts';
import { closedResultsPaths } from './src/utils/consultation-results-pages.ts';
import { TRANSLATED_BY_UI_STRINGS } from './src/utils/language-paths.ts';

/**
 * Writes dist/_headers: each built page's Content-Security-Policy, with the sha256 hashes of the
 * Astro island scripts on that page, for Netlify. The local server works the same policies out from
 * the same files (src/server/http/app.ts). Any other inline script stops the build, naming the page:
 * the site's own scripts are files, so one there came from somewhere else (content, the CMS).
 * See docs/security-headers.md for why this and not Astro's own `security.csp`.
 */
/** @type {import('astro').AstroIntegration} */
const cspHeaders = {
  name: 'clearshare-csp-headers',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      const root = fileURLToPath(dir);
      const pages = [];
      for (const file of await readdir(root, { recursive: true })) {
        if (!file.endsWith('.html')) continue;
        const path = `/${relative(root, join(root, file)).split(sep).join('/')}`;
        const urlPath = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
        pages.push({ urlPath, html: await readFile(join(root, file), 'utf8') });
      }
      const unknown = pages.filter((page) => untrustedInlineScripts(page.html).length > 0).map((page) => page.urlPath);
      if (unknown.length > 0) {
        throw new Error(
          `Inline scripts that are not Astro's island scripts, on ${unknown.join(', ')}: a page's own script must be a file (a <script> Astro bundles), and content may hold no scripts (npm run content:check). The policy would block them.`,
        );
      }
      await writeFile(join(root, '_headers'), netlifyHeadersFile(pages));
      // With STAFF_ORIGIN set in the build's environment, the CMS's static files (and the staff
      // paths) answer 404 on the public address; the staff function refuses it too.
      const staffRules = netlifyStaffOriginRules(process.env.PUBLIC_URL, process.env.STAFF_ORIGIN);
      if (staffRules) await writeFile(join(root, '_redirects'), staffRules);
    },
  },
};

/**
 * Astro's i18n fallback builds a Polish and an Urdu twin of every English route, so that a page not
 * translated yet shows in English with a notice instead of a 404 (docs/languages.md). Staff, CMS and
 * form-shell pages are not for residents and must not be reachable at a second address (the
 * staff-origin rules below name /admin/ and /staff-shell/, not /pl/admin/): their twins are removed.
 */
const LANGUAGE_PREFIXES = ['pl', 'ur'];
// /pl/form-shell/ and /ur/form-shell/ are not twins: they are each language's own shell for the
// functions' answers (src/pages/pl/form-shell/, src/pages/ur/form-shell/), built over the English shell's twin, and kept.
const NOT_FOR_RESIDENTS = ['admin', 'staff-shell', 'robots.txt'];
/** @type {import('astro').AstroIntegration} */
const languageFallbacks = {
  name: 'clearshare-language-fallbacks',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      const root = fileURLToPath(dir);
      // A route already under a language (src/pages/[locale]/…) is itself given twins: /pl/pl/…, /pl/ur/….
      for (const lang of LANGUAGE_PREFIXES)
        for (const name of [...NOT_FOR_RESIDENTS, ...LANGUAGE_PREFIXES])
          await rm(join(root, lang, name), { recursive: true, force: true });
    },
  },
};

/**
 * The addresses of translated pages (/pl/who-can-see-it/), for the sitemap: a fallback page is the
 * English page under another address, marked noindex, so it is left out. Read from the file names
 * in content/translations/<language>/ (the home page's is home.md) and
 * content/translations/consultations/<language>/ (and then the language's list of consultations),
 * and the pages translated through the UI strings (TRANSLATED_BY_UI_STRINGS: the opt-out start
 * page and forms, contact, search).
 */
function translatedPaths() {
  const contentDir = process.env.CONTENT_DIR ?? './content';
  const paths = new Set();
  for (const lang of LANGUAGE_PREFIXES) {
    for (const path of TRANSLATED_BY_UI_STRINGS) paths.add(`/${lang}${path}`);
    /** @type {string[]} */
    let names = [];
    try {
      names = readdirSync(join(contentDir, 'translations', lang));
    } catch {
      // No translations in this language yet: only fallback pages, none in the sitemap.
    }
    for (const name of names.filter((file) => file.endsWith('.md'))) {
      const id = name.slice(0, -'.md'.length);
      paths.add(id === 'home' ? `/${lang}/` : `/${lang}/${id}/`);
    }
    // Translated consultations: content/translations/consultations/<language>/<slug>.yaml.
    /** @type {string[]} */
    let consultations = [];
    try {
      consultations = readdirSync(join(contentDir, 'translations', 'consultations', lang));
    } catch {
      // No consultation translated into this language.
    }
    for (const name of consultations.filter((file) => file.endsWith('.yaml')))
      paths.add(`/${lang}/consultations/${name.slice(0, -'.yaml'.length)}/`);
    // Their list in this language (/pl/consultations/), once it lists one.
    if (consultations.some((file) => file.endsWith('.yaml'))) paths.add(`/${lang}/consultations/`);
  }
  return paths;
}
const TRANSLATED = translatedPaths();
/** A page for the sitemap: not the staff, CMS or shell pages, and in another language only when translated. */
/** @param {string} page */
function inSitemap(page) {
  const { pathname } = new URL(page);
  // The shells' own pages (/form-shell/, /staff-shell/) are empty frames with markers for a title.
  if (/\/(admin|staff|form-shell|staff-shell)\//.test(pathname)) return false;
  const lang = pathname.split('/')[1] ?? '';
  return !LANGUAGE_PREFIXES.includes(lang) || TRANSLATED.has(pathname);
}

/** Packages under the CMS whose direct eval Rolldown warns about (see onwarn below). */
const KNOWN_EVAL = /node_modules[\\/](js-sha256|@iarna[\\/]toml|gray-matter)[\\/]/;

// The public address the site is deployed at; sitemap and canonical links need it.
// Local runs keep the default: links in the built pages are relative, so it is not used to navigate.
const site = process.env.SITE_URL ?? 'https://ashbywyre-record.example';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // English at /, Polish at /pl/, Urdu at /ur/. A page with no translation yet is the English page
  // under the other language's address ('rewrite': the same URL, no redirect), with a notice in the
  // reader's language (src/layouts/BaseLayout.astro). See docs/languages.md.
  i18n: {
    locales: ['en', 'pl', 'ur'],
    defaultLocale: 'en',
    fallback: { pl: 'en', ur: 'en' },
    routing: { prefixDefaultLocale: false, fallbackType: 'rewrite' },
  },
  // The staff back office, CMS and test-only pages are not for search engines. /transparency/ is:
  // public figures meant to be found, rendered by a function (from the database), so the build has
  // no page of its own to list. No other function page is listed: they show one resident's answers.
  integrations: [
    languageFallbacks,
    cspHeaders,
    react(),
    // Pages functions draw that are meant to be found: the public figures, and the results of the
    // consultations closed on the day of the build.
    sitemap({
      filter: inSitemap,
      customPages: ['/transparency/', ...closedResultsPaths('content', new Date())].map(
        (path) => new URL(path, site).href,
      ),
    }),
  ],
  vite: {
    // The islands hydrate on Preact in the browser, with only the residents' UI strings; the server
    // keeps React and every string (src/forms/browser-runtime.ts, src/forms/island-strings.ts).
    plugins: [preactInTheBrowser(), islandStrings()],
    // In the browser build: Preact in one file, the code the form islands share in another.
    environments: { client: { build: { rolldownOptions: { output: { codeSplitting: islandChunks } } } } },
    build: {
      // nhsuk-frontend's CSS trips Vite 8's default lightningcss minifier (see DEVELOPERS notes).
      cssMinify: 'esbuild',
      // The largest chunk is the CMS at /admin/ (Decap, about 2.4 MB, loaded only by editors; its
      // weight is in docs/benchmarks.md). Vite's 500 kB default warned about it on every build,
      // which taught people to skip the warnings; a chunk bigger than the CMS is new and worth a look.
      chunkSizeWarningLimit: 2500,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Decap's dependencies (js-sha256, @iarna/toml, gray-matter) call eval("require(...)") to
          // reach Node modules; in the browser that branch never runs. Nothing here can act on it.
          if (warning.code === 'EVAL' && KNOWN_EVAL.test(warning.id ?? warning.loc?.file ?? '')) return;
          warn(warning);
        },
      },
      // Our scripts stay files, never inlined into pages: the policy allows inline scripts only by
      // the hashes of Astro's own island scripts (src/server/http/trusted-inline-scripts.ts).
      assetsInlineLimit: 0,
    },
  },
});
