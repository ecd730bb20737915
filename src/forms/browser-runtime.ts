import type { Plugin } from 'vite';

/**
 * React's names, and the Preact module that stands in for each in the browser. preact/compat
 * offers the same hooks, events and hydrateRoot, so the islands and @astrojs/react's client
 * script run unchanged on it.
 */
const PREACT_FOR: Readonly<Record<string, string>> = {
  react: 'preact/compat',
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/compat/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/compat/jsx-dev-runtime',
};

/**
 * The modules whose React imports become Preact's: the islands, the form components they render,
 * and Astro's React hydration script. Everything else keeps React, above all the CMS at /admin/,
 * whose Decap editor needs React itself.
 */
const ISLAND_CODE = /[\\/](src[\\/](islands|forms)[\\/]|@astrojs[\\/]react[\\/]dist[\\/](client|static-html)\.js$)/;

/**
 * Issue 20: the form and search pages sent about 65 KB (gzip) of React's browser runtime to
 * hydrate islands that only validate and show or hide questions. In the browser build those
 * islands run on Preact (about 5 KB), while the server build, the functions and the CMS previews
 * keep rendering the same components with React, so the markup has one source. Preact hydrates
 * React's server HTML without rewriting it: attributes are not diffed during hydration, and a
 * value typed before the script ran is kept.
 */
export function preactInTheBrowser(): Plugin {
  // ISLANDS_ON_REACT=true builds the islands on React as before, to measure or compare the two.
  const off = process.env.ISLANDS_ON_REACT === 'true';
  return {
    name: 'clearshare-preact-in-the-browser',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const target = PREACT_FOR[source];
      if (off || !target || !importer || options.ssr || !ISLAND_CODE.test(importer)) return null;
      if (this.environment && this.environment.config.consumer !== 'client') return null;
      return this.resolve(target, importer, { skipSelf: true });
    },
  };
}
