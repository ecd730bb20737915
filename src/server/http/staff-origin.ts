/**
 * STAFF_ORIGIN: the back office (/staff/, /api/staff/) and the content manager (/admin/) on an
 * origin of their own. On one origin with the public site, any script that got onto a public page
 * (through content, the CMS or a dependency) would run beside staff pages and could read them with
 * a signed-in officer's cookies; the browser keeps origins apart, so a separate one closes that.
 * When it is set, those paths answer 404 on every other origin: the local server (app.ts), the
 * staff function (functions/staff.ts) and, for the CMS's static files, Netlify's rules written by
 * the build (astro.config.mjs → dist/_redirects).
 */

/** The paths that belong to staff: the back office, its JSON API and the content manager. */
const STAFF_PATH = /^\/(?:staff|api\/staff|admin)(?:\/|$)/;

export const isStaffPath = (pathname: string): boolean => STAFF_PATH.test(pathname);

/** False when STAFF_ORIGIN is set and this request asks for a staff path on another origin. */
export function servedOnThisOrigin(request: Request, staffOrigin: string | undefined): boolean {
  if (staffOrigin === undefined) return true;
  const url = new URL(request.url);
  return !isStaffPath(url.pathname) || url.origin === staffOrigin;
}

/**
 * Netlify `_redirects` lines that answer 404 for the staff paths on the public address (Netlify
 * matches a rule's full URL against the host it was asked for). Empty without STAFF_ORIGIN.
 */
export function netlifyStaffOriginRules(publicUrl: string | undefined, staffOrigin: string | undefined): string {
  if (staffOrigin === undefined || publicUrl === undefined) return '';
  const origin = new URL(publicUrl).origin;
  const paths = ['/admin', '/admin/*', '/staff', '/staff/*', '/api/staff/*'];
  return `${paths.map((path) => `${origin}${path}  /404.html  404!`).join('\n')}\n`;
}
