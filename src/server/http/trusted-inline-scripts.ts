import idle from 'astro/client/idle.prebuilt.js';
import load from 'astro/client/load.prebuilt.js';
import media from 'astro/client/media.prebuilt.js';
import only from 'astro/client/only.prebuilt.js';
import visible from 'astro/client/visible.prebuilt.js';
import island from 'astro/runtime/server/astro-island.prebuilt.js';

/**
 * The only inline scripts a built page may run: the ones Astro writes for islands (the
 * <astro-island> element and its client:load/idle/visible/media/only loaders), taken from Astro's
 * own package so they match whatever version built the site. The site's own scripts are files
 * (vite.build.assetsInlineLimit 0 in astro.config.mjs), allowed by 'self'.
 *
 * Hashing "every inline script found in the built HTML" would also allow a <script> that reached a
 * page through content (raw HTML in Markdown, or the CMS): it would run with a signed-in officer's
 * cookies whenever staff and public pages share an origin. So the policy is built from this list,
 * and the build stops on any other inline script (astro.config.mjs).
 */
export const TRUSTED_INLINE_SCRIPTS: readonly string[] = [island, idle, load, media, only, visible];
