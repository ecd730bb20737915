import { seeOther as redirect } from '../../http/responses.ts';
import { clearSessionCookie, sessionCookie } from '../session.ts';

export { jsonErrors } from '../../http/responses.ts';

/** Post/redirect/get: a 303 to the next page, optionally setting or clearing the session cookie. */
export function seeOther(location: string, session?: { token: string } | 'clear'): Response {
  if (session === 'clear') return redirect(location, clearSessionCookie());
  return session ? redirect(location, sessionCookie(session.token)) : redirect(location);
}

/** A string field of a parsed form body (the first, if repeated), or ''. */
export function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** Adds a session cookie to a rendered page (the recovery codes are shown as the session becomes active). */
export function withSessionCookie(response: Response, token: string): Response {
  response.headers.append('Set-Cookie', sessionCookie(token));
  return response;
}
