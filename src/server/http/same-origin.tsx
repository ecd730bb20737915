import { t } from '../../i18n/t.ts';
import { type Env, loadEnv } from '../env.ts';
import { log } from '../log.ts';
import { renderPage } from './page.ts';

/**
 * Refuses a state-changing request that a page on another site made the browser send (issue 15,
 * item 14; OWASP ASVS 3.5.x). It stands beside the staff CSRF tokens, and in front of the public
 * forms, which have none.
 *
 * The rule is hono/csrf's (hono.dev/docs/middleware/builtin/csrf): a POST passes when the browser
 * says `Sec-Fetch-Site: same-origin`, or its `Origin` is ours. Written out here rather than used as
 * middleware because the functions are plain Request → Response handlers that Netlify calls
 * without Hono. Three differences, each deliberate:
 * - "Ours" is the request's own origin, PUBLIC_URL's and STAFF_ORIGIN's: behind a proxy that ends
 *   TLS the request arrives as http://host:port while the browser's Origin is the https:// one.
 * - Every content type is checked, not only the three a plain HTML form can send: cheap, and a
 *   cross-site JSON post is refused in JSON rather than left to the browser's CORS preflight.
 * - A request with neither header passes. Every browser that runs our forms sends at least one
 *   of them on a cross-site POST (Origin on every POST in current Chrome, Firefox and Safari;
 *   Sec-Fetch-Site since 2019-2023), so a request with neither comes from a program — curl,
 *   an API client, the load bench — which a forged page cannot drive. Staff routes still need
 *   their CSRF token on top; the public JSON API (docs/api.md) is meant for such clients.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CrossSiteVerdict = 'allowed' | 'cross-site';

/** Whether a request may change anything, judged only from what the browser said about where it came from. */
export function crossSiteVerdict(request: Request, ownOrigins: readonly string[]): CrossSiteVerdict {
  if (SAFE_METHODS.has(request.method)) return 'allowed';
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if (site === null && origin === null) return 'allowed';
  if (site === 'same-origin') return 'allowed';
  // "null" (a sandboxed frame, a data: URL) is never one of ours.
  if (origin !== null && ownOrigins.includes(origin)) return 'allowed';
  return 'cross-site';
}

let env: Env | undefined;

/** This request's origin, and the public and staff addresses', where configured. */
export function ownOrigins(request: Request, settings: Pick<Env, 'PUBLIC_URL' | 'STAFF_ORIGIN'>): string[] {
  const origins = [new URL(request.url).origin];
  if (settings.PUBLIC_URL) origins.push(new URL(settings.PUBLIC_URL).origin);
  if (settings.STAFF_ORIGIN) origins.push(settings.STAFF_ORIGIN);
  return origins;
}

function wantsJson(request: Request): boolean {
  const type = request.headers.get('content-type') ?? '';
  const accept = request.headers.get('accept') ?? '';
  return (
    type.includes('application/json') ||
    new URL(request.url).pathname.startsWith('/api/staff/') ||
    (accept.includes('application/json') && !accept.includes('text/html'))
  );
}

/** The answer to a cross-site post: 403, in plain words, as a page or as JSON. */
export async function crossSiteRefusal(request: Request): Promise<Response> {
  const message = t('forms.crossSite.body');
  if (wantsJson(request)) {
    return Response.json(
      { errors: [{ field: null, message }] },
      { status: 403, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const title = t('forms.crossSite.title');
  try {
    return await renderPage({
      title,
      status: 403,
      staticDir: (env ?? loadEnv()).STATIC_DIR,
      body: (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h1>{title}</h1>
            <p>{message}</p>
          </div>
        </div>
      ),
    });
  } catch {
    // No page shell (a build that is missing): still a page a person can read.
    return new Response(
      `<!doctype html><html lang="en"><title>${title}</title><h1>${title}</h1><p>${message}</p></html>`,
      {
        status: 403,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
      },
    );
  }
}

/**
 * RFC 8058's one-click unsubscribe: the mail provider POSTs it, not our page, so it comes from
 * another site by design. Its token is its whole authority, and all it can do is stop emails
 * (src/server/subscriptions/handle.ts). The one state-changing path let past the rule below.
 */
export const ONE_CLICK_UNSUBSCRIBE_PATH = '/api/updates/unsubscribe';

/**
 * Wraps a function's handler: a state-changing request from another site is answered 403 before
 * the handler sees it. Used in each function's export, so the local server and Netlify both get it.
 */
export function sameOriginOnly<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    env ??= loadEnv();
    if (request.method === 'POST' && new URL(request.url).pathname === ONE_CLICK_UNSUBSCRIBE_PATH)
      return handler(request, ...rest);
    if (crossSiteVerdict(request, ownOrigins(request, env)) === 'allowed') return handler(request, ...rest);
    // Only the path: never the Origin, which could be a page address carrying anything.
    log.warn('Cross-site request refused', { path: new URL(request.url).pathname, status: 403 });
    return crossSiteRefusal(request);
  };
}
