import type { Plugin } from 'vite';
import { forTheBrowser, loadCopy } from './browser-runtime.ts';

/** The query that marks the browser's copy of src/i18n/t.ts or src/i18n/domain-messages.ts. */
const COPY = '?island-strings';
const NO_STRINGS = '\0clearshare-no-strings';
/** The modules that import the UI string files, and the domain rules' translations. */
const STRING_MODULE = /[\\/]i18n[\\/](t|domain-messages)\.ts$/;
/** The CMS, and the plain (not ?island) form modules that only the CMS's previews import. */
const CMS = /[\\/]src[\\/](admin[\\/]|forms[\\/][^?]*$)/;

/**
 * Issue 20: src/i18n/t.ts imports every UI string file, in every language, so that the functions'
 * bundles carry them, and the browser's copy carried them all to every form page (about 35 KB
 * gzip). The browser build gets its own copy of t.ts and of domain-messages.ts, the same code,
 * with no string file at all: each page hands its island the strings its form names, in the page's
 * language only (src/forms/strings-for-island.ts, src/forms/island-language.ts). A form that asked
 * for a key its page did not give would throw "There is no UI string", so a unit test
 * (tests/unit/island-strings.test.ts) renders every form with all its errors on those keys alone.
 * The CMS at /admin/ previews governance pages and runs the launch check, so it keeps the full
 * files; the server build and the functions are not touched.
 */
export function islandStrings(): Plugin {
  return {
    name: 'clearshare-island-strings',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!forTheBrowser(this, importer, options)) return null;
      if (importer.endsWith(COPY) && source.endsWith('.json')) return NO_STRINGS;
      if (!/\.ts$/.test(source) || CMS.test(importer) || importer.endsWith(COPY)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved && STRING_MODULE.test(resolved.id) ? `${resolved.id}${COPY}` : null;
    },
    load: (id) => (id === NO_STRINGS ? 'export default {};' : loadCopy(id, COPY)),
  };
}
