import type { Plugin } from 'vite';
import { forTheBrowser, loadCopy } from './browser-runtime.ts';

/** The query that marks the browser's copy of src/i18n/t.ts. */
const COPY = '?island-strings';
const NO_STRINGS = '\0clearshare-no-strings';
/** UI string files that no resident's form or search box reads: the staff screens, governance pages, privacy notice and launch check. */
const NOT_FOR_ISLANDS = /^\.\/en\/(staff-[\w-]+|governance|privacy|launch-check)\.json$/;
const T_MODULE = /[\\/]i18n[\\/]t\.ts$/;
/** The CMS, and the plain (not ?island) form modules that only the CMS's previews import. */
const CMS = /[\\/]src[\\/](admin[\\/]|forms[\\/][^?]*$)/;

/**
 * Issue 20: src/i18n/t.ts imports every UI string file so that the functions' bundles carry them,
 * and so the browser's copy carried about 20 KB (gzip) of staff-screen strings to every form page.
 * The browser build gets its own copy of t.ts, the same code, without those files: a form that
 * asked for one of their keys would throw "There is no UI string", so a unit test
 * (tests/unit/browser-runtime.test.ts) checks that no module under src/forms, src/islands or
 * src/schemas/forms asks for one. The CMS at /admin/ previews governance pages and runs the launch
 * check, so it keeps the full file; the server build and the functions are not touched.
 */
export function islandStrings(): Plugin {
  return {
    name: 'clearshare-island-strings',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!forTheBrowser(this, importer, options)) return null;
      if (importer.endsWith(COPY) && NOT_FOR_ISLANDS.test(source)) return NO_STRINGS;
      if (!T_MODULE.test(source) || CMS.test(importer) || importer.endsWith(COPY)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved && T_MODULE.test(resolved.id) ? `${resolved.id}${COPY}` : null;
    },
    load: (id) => (id === NO_STRINGS ? 'export default {};' : loadCopy(id, COPY)),
  };
}
