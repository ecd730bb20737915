import { createRateLimiter, type RateLimitDecision } from '../abuse/rate-limit.ts';
import { hostCookie, readCookie } from '../http/cookies.ts';
import type { FunctionContext } from '../http/function-module.ts';
import { jsonErrors } from '../http/responses.ts';
import { rejectedPage, tooManyPage, unavailablePage } from '../http/service-pages.tsx';
import { describeError, log } from '../log.ts';
import { getServices, type Services } from '../services.ts';
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
export async function rateLimit(
  services: Services,
  scope: Scope,
  context?: FunctionContext,
): Promise<RateLimitDecision> {
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
export function tooMany(services: Services, json: boolean, retryAfterSeconds: number): Promise<Response> | Response {
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
export function rejected(services: Services, json: boolean): Promise<Response> | Response {
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
