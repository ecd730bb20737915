import { createElement, type ReactElement } from 'react';
import { t } from '../../i18n/t.ts';
import { describeError, log } from '../log.ts';
import type { Services } from '../services.ts';
import { recordAudit, withAudit } from './audit.ts';
import { loadSignedInStaff } from './auth/signed-in.ts';
import { MAX_STAFF_BODY_BYTES, parseStaffBody, StaffBodyError } from './body.ts';
import { formCookie, formTokenFor, postedToken, tokenMatches } from './csrf.ts';
import { rolesNeeded } from './navigation.ts';
import { allows, type ProtectedRoute, type PublicRoute, type SignedInStaff, type StaffRoute } from './route-table.ts';
import { staffRoutes } from './routes.ts';
import { clearSessionCookie, findSession, readCookie, revokeSession, SESSION_COOKIE, touchSession } from './session.ts';
import { ErrorPage } from './views/ErrorPage.tsx';
import { renderStaffPage, STAFF_HEADERS } from './views/page.ts';

export { MAX_STAFF_BODY_BYTES };

/**
 * The staff back office's one front door (see route-table.ts). In order: find the route, check
 * the session (and its idle and absolute limits), the role, and for a POST the CSRF token, then
 * read the body and call the handler. Handlers never check any of this themselves.
 */
export interface DispatchOptions {
  services: Services;
  ip: string;
  /**
   * The clock. Tests pass a fake one to walk a session past its limits; functions/staff.ts passes
   * the real one (or, only under NODE_ENV=test with STAFF_TEST_CLOCK=allow, a test-set one).
   */
  now?: () => Date;
  /** The route table; tests may pass their own. Default: every staff route. */
  routes?: readonly StaffRoute[];
}

const patterns = new Map<string, URLPattern>();
function patternFor(path: string): URLPattern {
  let pattern = patterns.get(path);
  if (!pattern) {
    pattern = new URLPattern({ pathname: path });
    patterns.set(path, pattern);
  }
  return pattern;
}

function matchRoute(routes: readonly StaffRoute[], method: string, pathname: string) {
  let pathMatched = false;
  for (const route of routes) {
    const match = patternFor(route.path).exec({ pathname });
    if (!match) continue;
    pathMatched = true;
    if (route.method === method) {
      const params = Object.fromEntries(
        Object.entries(match.pathname.groups).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      return { route, params };
    }
  }
  return { route: undefined, pathMatched };
}

/** JSON when the caller asks for it: the /api/staff/ paths, an Accept of JSON, or a JSON body. */
function wantsJsonFor(request: Request, pathname: string): boolean {
  if (pathname.startsWith('/api/staff/')) return true;
  const accept = request.headers.get('accept') ?? '';
  const type = request.headers.get('content-type') ?? '';
  return type.includes('application/json') || (accept.includes('application/json') && !accept.includes('text/html'));
}

function withHeaders(response: Response, extra: Record<string, string>, cookies: string[] = []): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries({ ...STAFF_HEADERS, ...extra })) headers.set(name, value);
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export async function dispatchStaff(request: Request, options: DispatchOptions): Promise<Response> {
  const { services } = options;
  const now = options.now ?? (() => new Date());
  const routes = options.routes ?? staffRoutes;
  const url = new URL(request.url);
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const wantsJson = wantsJsonFor(request, url.pathname);

  /** A page in the staff layout; with the person signed in, their menu and sign-out form too. */
  const render = (
    page: { title: string; body: ReactElement; status?: number },
    signedIn?: { staff: SignedInStaff; csrfToken: string },
  ) =>
    renderStaffPage({
      ...page,
      staticDir: services.env.STATIC_DIR,
      allowBareShell: !services.env.production,
      currentPath: url.pathname,
      routes,
      ...signedIn,
    });

  const errorResponse = async (
    status: number,
    message: string,
    extra: {
      cookies?: string[];
      signedIn?: { staff: SignedInStaff; csrfToken: string };
      detail?: string | undefined;
    } = {},
  ) => {
    const response = wantsJson
      ? Response.json(
          { errors: [{ field: null, message: [message, extra.detail].filter(Boolean).join('. ') }] },
          { status },
        )
      : await render(
          { title: message, body: createElement(ErrorPage, { heading: message, detail: extra.detail }), status },
          extra.signedIn,
        );
    return withHeaders(response, {}, extra.cookies);
  };

  const found = matchRoute(routes, method, url.pathname);
  if (!found.route) {
    if (found.pathMatched) return errorResponse(405, t('staffAuth.errors.method'));
    // A mistyped address keeps a signed-in person's header and menu, so the way back is where it
    // always is; anyone else sees the bare page they saw before, which says nothing more.
    const signedIn = wantsJson ? undefined : await signedInForUnknownPath(services, request, now());
    return errorResponse(404, t('staffAuth.errors.notFound'), signedIn ? { signedIn } : {});
  }
  const { route, params } = found;

  try {
    const cookieToken = readCookie(request, SESSION_COOKIE);
    const lookup = await findSession(services.store.db, cookieToken, now());
    const base = {
      request,
      services,
      params,
      query: url.searchParams,
      body: undefined as unknown,
      wantsJson,
      ip: options.ip,
      now,
      routes,
    };

    if (route.access === 'public') {
      return await dispatchPublic(route, base, lookup.status === 'ok' ? lookup.session : undefined, {
        errorResponse,
        render: (page) => render(page),
      });
    }

    // A session that ran out is ended here, and the time-out audited once, in one transaction.
    if (lookup.status === 'expired') {
      const { session: expired, reason } = lookup;
      await withAudit(
        services.store.db,
        (tx) => revokeSession(tx, expired.idHash, now()),
        () => ({
          actorId: expired.userId,
          action: 'session.timeout',
          detail: { reason: expired.stage === 'active' ? reason : `${reason}-before-sign-in` },
        }),
        now(),
      );
    }
    const session = lookup.status === 'ok' && lookup.session.stage === 'active' ? lookup.session : undefined;
    const staff = session ? await loadSignedInStaff(services, session.userId) : undefined;
    if (!session || !staff) {
      const cookies = cookieToken ? [clearSessionCookie()] : [];
      if (wantsJson) return errorResponse(401, t('staffAuth.errors.signInJson'), { cookies });
      // Only a fixed flag goes in the URL: never who it was or what they were looking at.
      const location = lookup.status === 'expired' ? '/staff/sign-in?timed-out=yes' : '/staff/sign-in';
      return withHeaders(new Response(null, { status: 303, headers: { Location: location } }), {}, cookies);
    }
    const signedIn = { staff, csrfToken: session.csrfToken };
    if (!allows(route.access, staff.roles))
      return errorResponse(403, t('staffAuth.errors.forbidden'), { signedIn, detail: rolesNeeded(route.access) });

    let body: unknown;
    if (method === 'POST') {
      // Files only past the session and role checks: nobody signed out can make us read 10 MB.
      body = await parseStaffBody(request, { allowFiles: true });
      if (!tokenMatches(postedToken(request, body), session.csrfToken)) {
        return errorResponse(403, t('staffAuth.errors.csrf'), { signedIn });
      }
    }
    await touchSession(services.store.db, session.idHash, now());
    const handler = (route as ProtectedRoute).handler;
    const response = await handler({
      ...base,
      body,
      staff,
      csrfToken: session.csrfToken,
      audit: (event) => recordAudit(services.store.db, { ...event, actorId: staff.id }, now()),
      page: (page) => render(page, signedIn),
    });
    return withHeaders(response, {});
  } catch (error) {
    if (error instanceof StaffBodyError) return errorResponse(error.status, error.message);
    log.error('Staff request failed', { path: route.path, error: describeError(error) });
    return errorResponse(500, t('staffAuth.errors.unavailable'));
  }
}

/**
 * Who is signed in, for an address no route matches: only an active session of an account that
 * may still sign in, counted as activity as any other page is (the page's idle warning starts its
 * clock from now). Anything else reads as nobody; so does a database that does not answer, as the
 * page needed none before. An expired session is left for the next page behind the route table
 * to end and audit.
 */
async function signedInForUnknownPath(
  services: Services,
  request: Request,
  now: Date,
): Promise<{ staff: SignedInStaff; csrfToken: string } | undefined> {
  try {
    const lookup = await findSession(services.store.db, readCookie(request, SESSION_COOKIE), now);
    if (lookup.status !== 'ok' || lookup.session.stage !== 'active') return undefined;
    const staff = await loadSignedInStaff(services, lookup.session.userId);
    if (!staff) return undefined;
    await touchSession(services.store.db, lookup.session.idHash, now);
    return { staff, csrfToken: lookup.session.csrfToken };
  } catch (error) {
    log.error('Staff session check failed on a not-found page', { error: describeError(error) });
    return undefined;
  }
}

type Base = Omit<Parameters<PublicRoute['handler']>[0], 'session' | 'csrfToken' | 'page'>;

/** Sign-in and set-up: no session needed, but a POST still needs a valid CSRF token. */
async function dispatchPublic(
  route: PublicRoute,
  base: Base,
  session: import('./session.ts').StaffSession | undefined,
  helpers: {
    errorResponse: (status: number, message: string) => Promise<Response> | Response;
    render: (page: { title: string; body: ReactElement; status?: number }) => Promise<Response>;
  },
): Promise<Response> {
  const form = formCookie(base.request);
  const cookies = form.setCookie ? [form.setCookie] : [];
  const csrfToken = session ? session.csrfToken : formTokenFor(base.services.keyring, form.value);
  let body: unknown;
  if (base.request.method === 'POST') {
    body = await parseStaffBody(base.request);
    const given = postedToken(base.request, body);
    // Either token will do here: a person may have a session at the password stage and still
    // post the sign-in form again from another tab.
    const formToken = formTokenFor(base.services.keyring, form.value);
    if (!tokenMatches(given, csrfToken) && !(form.setCookie === undefined && tokenMatches(given, formToken))) {
      return withHeaders(await helpers.errorResponse(403, t('staffAuth.errors.csrf')), {}, cookies);
    }
  }
  const response = await route.handler({
    ...base,
    body,
    session: session ? { userId: session.userId, stage: session.stage, csrfToken: session.csrfToken } : undefined,
    csrfToken,
    page: helpers.render,
  });
  return withHeaders(response, {}, cookies);
}
