// @ts-check
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

// The public address the site is deployed at; sitemap and canonical links need it.
// Local runs keep the default: links in the built pages are relative, so it is not used to navigate.
const site = process.env.SITE_URL ?? 'https://ashbywyre-record.example';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The staff back office, CMS and test-only pages are not for search engines.
  integrations: [react(), sitemap({ filter: (page) => !/\/(admin|staff|form-shell)\//.test(page) })],
  vite: {
    build: {
      // nhsuk-frontend's CSS trips Vite 8's default lightningcss minifier (see DEVELOPERS notes).
      cssMinify: 'esbuild',
    },
  },
});
