import { createRateLimiter, type RateLimitDecision } from '../abuse/rate-limit.ts';
import { hostCookie, readCookie } from '../http/cookies.ts';
import { BadRequestError, type ParsedSubmission, parseSubmission } from '../http/form-request.ts';
import type { FunctionContext } from '../http/function-module.ts';
import { jsonErrors } from '../http/responses.ts';
import { invalidRequestPage, rejectedPage, tooManyPage, unavailablePage } from '../http/service-pages.tsx';
import { isHoneypotFilled } from '../http/submission-guards.ts';
import { describeError, log } from '../log.ts';
import { getServices, type Services } from '../services.ts';
import type { OptOutDeps } from './submit.ts';
import { looksLikeToken } from './tokens.ts';

/**
 * What the opt-out functions share: opening services, rate limits, the draft cookie and the
 * JSON error shapes. Functions stay thin: parse → call src/server/opt-out → respond.
 */
export const UNAVAILABLE_MESSAGE = 'We could not save your request. Nothing was recorded.';

/** The database or keys could not be reached: never a reference, always "nothing was recorded". */
export async function unavailable(json: boolean, error: unknown, services?: Services): Promise<Response> {
  log.error('Opt-out: store unavailable', { status: 503, error: describeError(error) });
  if (json || !services) return jsonErrors([{ field: null, message: UNAVAILABLE_MESSAGE }], 503);
  return unavailablePage(services.settings, services.env.STATIC_DIR);
}

/** Whether the caller wants JSON back (API clients) rather than a page (browsers). */
export const isJsonRequest = (request: Request): boolean =>
  (request.headers.get('content-type') ?? '').includes('application/json');

/** What the opt-out store needs from the services. */
export const depsOf = (services: Services): OptOutDeps => ({
  db: services.store.db,
  keyring: services.keyring,
  settings: services.settings,
});

/**
 * The body, read within `maxBytes`; one that cannot be read (malformed, too large, wrong type)
 * is answered here, as JSON or as the "invalid request" page, and nothing is stored.
 */
async function readSubmission(
  request: Request,
  maxBytes: number,
  services: Services,
  json: boolean,
): Promise<ParsedSubmission | Response> {
  try {
    return await parseSubmission(request, maxBytes);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    if (json) return jsonErrors([{ field: null, message: error.message }], error.status);
    return invalidRequestPage(services.env.STATIC_DIR, error.status);
  }
}

/**
 * How every opt-out post starts: services opened, the body read within `maxBytes`, the honeypot
 * looked at (forms that have one), then one try counted against the rate limit of `scope`. What
 * stops here is answered here, as JSON or as a page, and nothing is stored.
 */
export async function startPost(
  request: Request,
  options: {
    json: boolean;
    maxBytes: number;
    honeypot: boolean;
    scope: Scope | ((parsed: ParsedSubmission) => Scope);
  },
  context?: FunctionContext,
): Promise<Response | { services: Services; parsed: ParsedSubmission }> {
  const { json } = options;
  const services = await openServices(json);
  if (services instanceof Response) return services;
  const parsed = await readSubmission(request, options.maxBytes, services, json);
  if (parsed instanceof Response) return parsed;
  if (options.honeypot && isHoneypotFilled(parsed.fields)) return rejected(services, json);
  try {
    const scope = typeof options.scope === 'function' ? options.scope(parsed) : options.scope;
    const limit = await rateLimit(services, scope, context);
    if (!limit.allowed) return tooMany(services, json, limit.retryAfterSeconds);
  } catch (error) {
    return unavailable(json, error, services);
  }
  return { services, parsed };
}

/** Opens the services, or answers 503 if they cannot be opened. */
export async function openServices(json: boolean): Promise<Services | Response> {
  try {
    return await getServices();
  } catch (error) {
    return unavailable(json, error);
  }
}

export type Scope = 'opt-out' | 'opt-out-draft' | 'opt-out-status';
const limiters = new WeakMap<Services, Map<Scope, ReturnType<typeof createRateLimiter>>>();

/**
 * Rate limits kept in the database. Sending a request and checking a status have the configured
 * hourly allowance; saving a draft gets five times as much, because a person may press
 * "Change" several times before sending. The status check's limit is what stops anyone trying
 * dates of birth against a reference.
 */
async function rateLimit(services: Services, scope: Scope, context?: FunctionContext): Promise<RateLimitDecision> {
  let byScope = limiters.get(services);
  if (!byScope) {
    byScope = new Map();
    limiters.set(services, byScope);
  }
  let consume = byScope.get(scope);
  if (!consume) {
    const { env } = services;
    consume = createRateLimiter(services.store.db, services.keyring, {
      scope,
      perClientPerHour: env.RATE_LIMIT_PER_CLIENT_PER_HOUR * (scope === 'opt-out-draft' ? 5 : 1),
      globalPerMinute: env.RATE_LIMIT_GLOBAL_PER_MINUTE * (scope === 'opt-out-draft' ? 5 : 1),
    });
    byScope.set(scope, consume);
  }
  return consume(context?.ip ?? 'unknown');
}

/** The answer when over the limit, as JSON or as the HTML page. */
function tooMany(services: Services, json: boolean, retryAfterSeconds: number): Promise<Response> | Response {
  log.warn('Opt-out: rate limited', { status: 429 });
  if (json) {
    return jsonErrors(
      [{ field: null, message: 'Too many requests from your connection. Wait an hour and try again.' }],
      429,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
  return tooManyPage(services.settings, services.env.STATIC_DIR, retryAfterSeconds);
}

/** The honeypot was filled: nothing is stored. */
function rejected(services: Services, json: boolean): Promise<Response> | Response {
  log.warn('Opt-out: honeypot filled, nothing stored', { status: 400 });
  if (json) return jsonErrors([{ field: null, message: 'We could not accept this form.' }], 400);
  return rejectedPage(services.settings, services.env.STATIC_DIR);
}

/**
 * `__Host-`: browsers accept it only with Secure, Path=/ and no Domain, so the cookie is never
 * sent over plain HTTP and no other host (a subdomain, or a page on http://) can plant or
 * overwrite one. Chromium and Firefox treat http://localhost and 127.0.0.1 as secure for this,
 * so local runs and the end-to-end tests keep working.
 */
const COOKIE = '__Host-optout_draft';

/** The draft token from the cookie, if it looks like one. */
export function draftToken(request: Request): string | undefined {
  const token = readCookie(request, COOKIE);
  return looksLikeToken(token) ? token : undefined;
}

/**
 * The draft cookie: HttpOnly (no script can read it), SameSite=Lax, gone when the browser closes,
 * and always Secure — whatever scheme the request reached us by, since a proxy that ends TLS
 * forwards plain http:// (issue 15). It points at a draft holding an NHS number and evidence.
 */
export function draftCookie(token: string | null): string {
  return hostCookie(COOKIE, token, 'Lax');
}

/** Adds a Set-Cookie header to a rendered page. */
export function withCookie(response: Response, cookie: string): Response {
  response.headers.append('Set-Cookie', cookie);
  return response;
}
