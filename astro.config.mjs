// @ts-check

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { netlifyHeadersFile } from './src/server/http/security-headers.ts';

/**
 * Writes dist/_headers: each built page's Content-Security-Policy, with the sha256 hashes of that
 * page's inline scripts (Astro's island loaders, the staff idle warning), for Netlify. The local
 * server works the same policies out from the same files (src/server/http/app.ts).
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
      await writeFile(join(root, '_headers'), netlifyHeadersFile(pages));
    },
  },
};

// The public address the site is deployed at; sitemap and canonical links need it.
// Local runs keep the default: links in the built pages are relative, so it is not used to navigate.
const site = process.env.SITE_URL ?? 'https://ashbywyre-record.example';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The staff back office, CMS and test-only pages are not for search engines.
  integrations: [cspHeaders, react(), sitemap({ filter: (page) => !/\/(admin|staff|form-shell)\//.test(page) })],
  vite: {
    build: {
      // nhsuk-frontend's CSS trips Vite 8's default lightningcss minifier (see DEVELOPERS notes).
      cssMinify: 'esbuild',
    },
  },
});
